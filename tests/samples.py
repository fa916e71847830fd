"""Sample translations shared by the tests: a human translation of article 004's headings and
every sentence with a figure, as a good model would give it, and the provenance golden briefs carry.

Not a test module: tests get these through the ``sample_translator`` fixture (conftest.py) or
import the constants they assert on.
"""

from summarize.briefs import marks

# A human translation of article 004's headings and every sentence with a figure, as a good
# model would give it; s7 and s14 come out wrong (see NBEST).
S7 = ('وقال ماكورك إن التحالف الدولي الذي شن 14 ألف غارة خلال سنتين "يحقق نجاحات على الأرض"، لكنه '
      'أقر بأن "هناك الكثير من العمل" لتفكيك الشبكات الجهادية في العالم.')
S14 = ("في سوريا حيث أودت الحرب بحياة أكثر من 280 ألف شخص وشردت الملايين، أكد المرصد السوري لحقوق "
       "الإنسان، الثلاثاء، أن نحو 60 مدنياً بينهم أطفال قتلوا في غارات نفذها التحالف الدولي في بلدة "
       "الأتارب التي يسيطر عليها تنظيم الدولة الإسلامية في حلب.")
S7_GOOD = ('McGurk said the international coalition, which has carried out 14,000 air strikes in two '
           'years, is "making gains on the ground", but admitted that "there is a lot of work" to dismantle '
           'jihadist networks around the world.')
S7_WRONG = S7_GOOD.replace("14,000", "1,400")
S14_WRONG = ("In Syria, where the war has killed more than 28,000 people and displaced millions, the Syrian "
             "Observatory for Human Rights said on Tuesday that about 60 civilians, including children, were "
             "killed in coalition air strikes on the town of al-Atarib, held by the Islamic State group in Aleppo.")
NBEST = {S7: [S7_WRONG, S7_GOOD], S14: [S14_WRONG, S14_WRONG.replace("60 civilians", "16 civilians")]}
SCRIPT = {
    S7: S7_WRONG,
    S14: S14_WRONG,
    "بعد عامين من بدء غاراتها على تنظيم \"الدولة الإسلامية\" في سوريا والعراق، تجتمع في واشنطن، الأربعاء "
    "20 يوليو/تموز 2016، والخميس، الدول المشاركة في التحالف الدولي الذي تقوده الولايات المتحدة، بعد سلسلة "
    "اعتداءات تبناها التنظيم الجهادي في العالم في الفترة الأخيرة.":
        "Two years after it began its air strikes on the Islamic State group in Syria and Iraq, the countries "
        "of the US-led international coalition meet in Washington on Wednesday, July 20, 2016, and Thursday, "
        "after a series of attacks claimed by the jihadist group around the world.",
    "وعلى مدى يومين، سيستقبل وزير الخارجية جون كيري ووزير الدفاع أشتون كارتر نحو 40 من نظرائهما، بينهم "
    "الوزيران الفرنسيان جان مارك إيرولت وجان إيف لودريان.":
        "Over two days, Secretary of State John Kerry and Defense Secretary Ashton Carter will host about 40 "
        "of their counterparts, including French ministers Jean-Marc Ayrault and Jean-Yves Le Drian.",
    "ويعتزم التحالف الدولي البدء بسرعة بمعركة استعادة مدينة الموصل في شمال العراق بعد إخراج التنظيم من "
    "معقله في الفلوجة الواقعة على بعد نحو 70 كيلومتراً إلى الغرب من بغداد.":
        "The coalition intends to start quickly the battle to retake Mosul in northern Iraq, after driving the "
        "group out of its stronghold of Fallujah, about 70 kilometres west of Baghdad.",
    "وتعمل الولايات المتحدة وكندا واليابان وألمانيا وهولندا والكويت على جمع ملياري دولار من أجل العراق، وفق "
    "دبلوماسيين أميركيين.":
        "The United States, Canada, Japan, Germany, the Netherlands and Kuwait are working to raise $2 billion "
        "for Iraq, according to American diplomats.",
    "واستعادت القوات العراقية الفلوجة وتقدمت في وادي دجلة باتجاه الموصل وسيطرت على قاعدة القيارة القديمة على "
    "بعد نحو 60 كيلومتراً جنوب المدينة التي سيتم الانطلاق منها لمهاجمة الموصل، وفق العسكريين الأميركيين.":
        "Iraqi forces retook Fallujah, advanced in the Tigris valley towards Mosul and took the old Qayyarah "
        "base about 60 kilometres south of the city, from which Mosul will be attacked, according to the US "
        "military.",
    "وأعلنت واشنطن كذلك إرسال مئات من الجنود الإضافيين الى العراق لمساعدة الجيش العراقي في معركة استعادة "
    "الموصل ليرتفع عدد الجنود الأميركيين في العراق الى 4600.":
        "Washington also announced it would send hundreds more troops to Iraq to help the Iraqi army in the "
        "battle for Mosul, bringing the number of US troops in Iraq to 4,600.",
    'أميركا تجتمع بالتحالف الدولي لبحث هجمات "داعش" الأخيرة.. 14 ألف غارة أفقدته أراضيه ولم تفقده قوته':
        "America meets the international coalition to discuss the latest ISIS attacks.. 14,000 air strikes "
        "cost it its territory but not its strength",
    "الجهاديون لا يزالون قادرون على توجيه ضربات": "The jihadists are still able to strike",
    "مليارا دولار من أجل العراق": "Two billion dollars for Iraq",
    "وقال الدبلوماسي الأميركي: \"للأسف، أعتقد أننا سنشهد اعتداءات أخرى\".":
        'The American diplomat said: "Unfortunately, I think we will see more attacks."',
    "وخسر التنظيم في العراق قرابة 50%، وفي سوريا ما بين 20 و30% من الأراضي التي سيطر عليها في 2014، وفق واشنطن.":
        "The group has lost nearly 50% in Iraq, and between 20 and 30% in Syria, of the territory it "
        "controlled in 2014, according to Washington.",
}
PROVENANCE = marks.Provenance(model="scripted", backend="scripted", beam=4, device="cpu",
                               summary="auto", version="golden")
