"""``length``'s dropped-clause model (summarize/checks/clauses.py, dropped_weights.py): a clause left
out of a long sentence is flagged, the human translation is not.  Pairs typed in from FLORES-200
devtest and NTREX-128 (both CC BY-SA 4.0): the human Arabic and English, and the English with one
clause left out as scripts/eval_checks.py leaves it out."""

import pytest

from summarize.checks import clauses, dropped_weights, length

# FLORES-200 devtest
TENDULKAR_AR = ("أدى ضاربا الكرة المتمركزين في الوسط، ساشين تيندولكار وراهول درافيد، جيدًا وأقاما شراكة "
                "أكسبت للفريق مائة نقطة.")
TENDULKAR_EN = ("Middle order batsmen, Sachin Tendulkar and Rahul Dravid, performed well and made a hundred-run "
                "partnership.")
MILKY_AR = "تمامًا مثلما يجذب القمر الأرض فيتسبب في حدوث المد والجزر، تجذب مجرة درب التبانة مجرة الرامي."
MILKY_EN = ("Just like the moon exerts a pull on the earth, causing tides, so does the Milky Way exert a force "
            "on the Sagittarius galaxy.")
CRASH_AR = "وقع حادث التحطم في أعالي التضاريس الجبلية، ويُعتقد أنه كان نتيجةً لنيران عدائية."
CRASH_EN = "The crash occurred high up in mountainous terrain, and is believed to have been the result of hostile fire."
SWAPO_AR = ("كما احتفظ الحزب الحاكم، وهو المنظمة الشعبية لجنوب غرب أفريقيا (سوابو)، بالأغلبية في الانتخابات "
            "البرلمانية.")
SWAPO_EN = ("The ruling party, South West Africa People's Organisation (SWAPO), also retained a majority in the "
            "parliamentary elections.")
# NTREX-128 (newstest2019)
IVANOV_AR = ("وقال رئيس مقدونيا جورج إيفانوف، وهو أحد معارضي الاستفتاء حول تغيير الاسم، إنه سيرفض الاعتراف "
             "بالتصويت.")
IVANOV_EN = ("Macedonian President Gjorge Ivanov, an opponent of the plebiscite on the name change, has said he "
             "will disregard the vote.")
JOKO_AR = "بيد أن قلة التمويل قد تسبب في إزعاج لإدارة السيد جوكو حيث إنه سيخوض إعادة الانتخاب في العام القادم."
JOKO_EN = "But funding shortfalls have plagued Mr. Joko's administration as he faces re-election next year."
# NTREX: English acronyms the Arabic spells out; far shorter than the Arabic predicts, and faithful
NIELSEN_AR = ("وقالت شركة نيلسن أن عدد مشاهدي سي بي أس بلغ 3.1 مليون مشاهد وبلغ عدد مشاهدي إن بي سي 2.94 مليون "
              "مشاهد وبلغ عدد مشاهدي إم إس إن بي سي 2.89 مليون مشاهد وبلغ عدد مشاهدي سي إن إن 2.52 مليون مشاهد.")
NIELSEN_EN = "CBS had 3.1 million, NBC had 2.94 million, MSNBC had 2.89 million and CNN had 2.52 million, Nielsen said."
HIV_AR = "فيروس العوز المناعي البشري/الإيدز: الصين تسجل زيادة بنسبة 14٪ بحالات جديدة"
HIV_EN = "HIV/Aids: China reports 14% surge in new cases"


def problems(ar, en):
    return [e["problem"] for e in length.find(ar, en)]


@pytest.mark.parametrize("ar, en, expected", [
    (TENDULKAR_AR, TENDULKAR_EN, []),
    (TENDULKAR_AR, "Middle order batsmen, Sachin Tendulkar and Rahul Dravid, performed well.", ["dropped"]),
    (MILKY_AR, MILKY_EN, []),
    (MILKY_AR, "Just like the moon exerts a pull on the earth, causing tides.", ["dropped"]),
    (CRASH_AR, CRASH_EN, []),
    (CRASH_AR, "The crash occurred high up in mountainous terrain.", ["dropped"]),
    (SWAPO_AR, SWAPO_EN, []),
    (SWAPO_AR, "The ruling party, also retained a majority in the parliamentary elections.", ["dropped"]),
    # the comma the drop leaves behind is not what the model sees: without it, still flagged
    (SWAPO_AR, "The ruling party also retained a majority in the parliamentary elections.", ["dropped"]),
    (IVANOV_AR, IVANOV_EN, []),
    (IVANOV_AR, "Macedonian President Gjorge Ivanov has said he will disregard the vote.", ["dropped"]),
    (JOKO_AR, JOKO_EN, []),
    (JOKO_AR, "But funding shortfalls have plagued Mr. Joko's administration.", ["dropped"]),
    # four spelled-out acronyms, or a headline's: short by length alone, faithful all the same
    (NIELSEN_AR, NIELSEN_EN, []),
    (HIV_AR, HIV_EN, []),
    # cut in half: short beyond the fit's limit, and the model agrees
    (TENDULKAR_AR, "Middle order batsmen, Sachin Tendulkar", ["short"]),
    # longer than the Arabic: never a drop, whatever the clauses
    (CRASH_AR, CRASH_EN.replace("hostile fire", "hostile fire from the ridge, officials said"), []),
])
def test_dropped_clause(ar, en, expected):
    assert problems(ar, en) == expected


def test_dropped_evidence_and_note():
    [evidence] = length.find(CRASH_AR, "The crash occurred high up in mountainous terrain.")
    assert evidence["score"] > dropped_weights.CUT and -length.LIMIT <= evidence["z"] < 0
    assert evidence["en_chars"] < evidence["expected"]
    assert "a clause left out?" in length.note(evidence)


def test_features_are_the_fitted_ones():
    # the weights name every feature, in order, and nothing else (scripts/fit_dropped.py writes them)
    assert tuple(dropped_weights.WEIGHTS) == clauses.FEATURES
    f = length.features(SWAPO_AR, SWAPO_EN)
    assert (f["ar_commas"], f["en_commas"], f["en_acronyms"], f["ar_relatives"]) == (2, 2, 1, 0)
    # a token of tatweel alone is no word (it once raised IndexError)
    assert clauses.features("ـ وحيث ـ", "and while", 0.0, 5)["ar_subordinators"] == 1
