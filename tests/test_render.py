"""Rendered briefs against golden files.

A scripted translator stands in for the model, so the golden files pin down
the layout, not a model's output.  To accept an intended change of layout:
``UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest

from scripted import ScriptedTranslator
from summarize import render
from summarize.pipeline import prepare_article
from summarize.summary import summarize
from summarize.translation import translate_articles
from summarize.verify import verify_articles

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus"
GOLDEN = HERE / "golden"

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
PROVENANCE = render.Provenance(model="scripted", backend="scripted", beam=4, device="cpu",
                               summary="auto", version="golden")


def brief_of(stem: str):
    article = prepare_article(next(CORPUS.glob(f"{stem}_*.txt")))
    translator = ScriptedTranslator(SCRIPT, NBEST)
    translate_articles([article], translator, progress=False)
    verify_articles([article], translator)
    summarize(article)
    article.source = Path("corpus") / article.source.name  # the same path wherever the tests run
    return article


def check_golden(name: str, text: str):
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("stem", ["001", "004"])
def test_brief_markdown(stem):
    article = brief_of(stem)
    check_golden(f"{article.stem}.md", render.render_brief(article, PROVENANCE))


def test_brief_json():
    article = brief_of("004")
    check_golden(f"{article.stem}.json", render.dumps(render.brief_json(article, PROVENANCE)))


def test_numbers_verified_repaired_and_flagged_in_the_brief():
    article = brief_of("004")
    s7, s14 = article.sentence("s7"), article.sentence("s14")
    assert s7.en == S7_GOOD  # repaired from the n-best list
    assert {n.status for n in s7.numbers} == {"repaired"}
    assert s14.en == S14_WRONG  # no hypothesis verifies: the best one stays, flagged
    assert [(n.ar, n.en, n.status) for n in s14.numbers if n.value] == [
        ("280 ألف", "28,000", "changed"), ("60", "60", "verified")]
    md = render.render_brief(article, PROVENANCE)
    assert "⚠ In Syria, where the war has killed more than 28,000 people" in md
    assert "⚠ numbers: 280 ألف became 28,000" in md
    assert "## Key figures" in md
    data = render.brief_json(article, PROVENANCE)
    json_s14 = next(s for sec in data["sections"] for s in sec["sentences"] if s["id"] == "s14")
    assert {"ar": "280 ألف", "en": "28,000", "value": 280000, "kind": "count", "status": "changed"} in json_s14["numbers"]


def test_summary_never_shows_an_unverified_number_unmarked():
    article = brief_of("004")
    md = render.render_brief(article, PROVENANCE)
    summary = md.split("## Summary")[1].split("## Key figures")[0]
    for sentence_id in article.summary:
        s = article.sentence(sentence_id)
        if s.flagged:
            assert f"<td>⚠ {s.en}" in summary.replace("&quot;", '"')


def test_arabic_is_marked_right_to_left_and_escaped():
    article = brief_of("004")
    article.sentences[0].ar = "أ < ب & ج"
    md = render.render_brief(article, PROVENANCE)
    assert '<td dir="rtl" lang="ar">أ &lt; ب &amp; ج</td>' in md
    assert '<h2 dir="rtl" lang="ar">' in md
