"""The Arabic sentence splitter, on cases taken from the sample articles."""

import pytest

from summarize.ingest.sentences import split_long, split_sentences

CASES = [
    # (what, text, expected sentences)
    (
        "full stop ends a sentence; the comma-like ، never does",
        "يجتمع وزراء خارجية 68 دولة في واشنطن، للاتفاق على الخطوات المقبلة. وسيستضيف وزير الخارجية الأمريكي ريكس تيلرسون الاجتماع، وقد تعهّد ترامب.",
        ["يجتمع وزراء خارجية 68 دولة في واشنطن، للاتفاق على الخطوات المقبلة.",
         "وسيستضيف وزير الخارجية الأمريكي ريكس تيلرسون الاجتماع، وقد تعهّد ترامب."],
    ),
    (
        "'28. %' stays inside its sentence (000)",
        "ويريد زيادة ميزانية الدفاع بنسبة عشرة % وخفض موارد الدبلوماسية بنسبة 28. % وفي هذا الإطار طلب ترامب.",
        ["ويريد زيادة ميزانية الدفاع بنسبة عشرة % وخفض موارد الدبلوماسية بنسبة 28. % وفي هذا الإطار طلب ترامب."],
    ),
    (
        "a quoted statement of two sentences stays with its reporting verb (002)",
        'وقال بريت ماكوريك "نحقق نجاحات في العراقوسوريا، لكن ينبغي علينا بذل المزيد من الجهد. هذا تحد هائل ستضطر الولاياتالمتحدة لمواجهته لسنوات قادمة." وقال للصحفيين إن الموقف في ليبيا معقد.',
        ['وقال بريت ماكوريك "نحقق نجاحات في العراقوسوريا، لكن ينبغي علينا بذل المزيد من الجهد. هذا تحد هائل ستضطر الولاياتالمتحدة لمواجهته لسنوات قادمة."',
         "وقال للصحفيين إن الموقف في ليبيا معقد."],
    ),
    (
        "curly quotes (003)",
        "وأضاف البيان: “ومع هزيمة داعش في ساحة المعركة، سيواصل التحالف جهوده.” من جهة أخرى، قال وزير الدفاع.",
        ["وأضاف البيان: “ومع هزيمة داعش في ساحة المعركة، سيواصل التحالف جهوده.”",
         "من جهة أخرى، قال وزير الدفاع."],
    ),
    (
        "parentheses and dates stay whole (001, 004)",
        "تستعد واشنطن، يوم 22 مارس الجاري، لأول اجتماع للتحالف ضد (داعش) الذي يضم 68 دولة. تجتمع الدول الأربعاء 20 يوليو/تموز 2016، والخميس.",
        ["تستعد واشنطن، يوم 22 مارس الجاري، لأول اجتماع للتحالف ضد (داعش) الذي يضم 68 دولة.",
         "تجتمع الدول الأربعاء 20 يوليو/تموز 2016، والخميس."],
    ),
    (
        "a full stop inside guillemets or parentheses does not end the sentence",
        "وقال الوزير «وصلنا إلى الاتفاق. الوضع هادئ الآن» ثم غادر القاعة. أعلن التحالف (بعد اجتماع طويل. في بغداد) خطته.",
        ["وقال الوزير «وصلنا إلى الاتفاق. الوضع هادئ الآن» ثم غادر القاعة.",
         "أعلن التحالف (بعد اجتماع طويل. في بغداد) خطته."],
    ),
    (
        "decimals are not sentence ends",
        "جمعت الدول 3.5 مليار دولار. وتحتاج بغداد للمال.",
        ["جمعت الدول 3.5 مليار دولار.", "وتحتاج بغداد للمال."],
    ),
    (
        "question and exclamation marks",
        "هل تنتهي الحرب؟ لا أحد يعرف! وقال الدبلوماسي الأميركي: \"للأسف، أعتقد أننا سنشهد اعتداءات أخرى\".",
        ["هل تنتهي الحرب؟", "لا أحد يعرف!",
         "وقال الدبلوماسي الأميركي: \"للأسف، أعتقد أننا سنشهد اعتداءات أخرى\"."],
    ),
    (
        "a line end is a sentence end",
        "الجهاديون لا يزالون قادرون على توجيه ضربات\nوقال الخبير إن التنظيم تلقى ضربات موجعة.",
        ["الجهاديون لا يزالون قادرون على توجيه ضربات", "وقال الخبير إن التنظيم تلقى ضربات موجعة."],
    ),
    (
        "a full stop with no space after it, between Arabic words, still ends the sentence (EASC Topic36)",
        "يستخدم الذهب في طب الأسنان نظراً لليونته ومقاومته للتآكل في الفم.كما يستخدم محلول الذهب في علاج الروماتيزم.",
        ["يستخدم الذهب في طب الأسنان نظراً لليونته ومقاومته للتآكل في الفم.",
         "كما يستخدم محلول الذهب في علاج الروماتيزم."],
    ),
    (
        "... but not in an abbreviation of single letters, a decimal or Latin text (EASC Topic20)",
        "مثل بركان فيزوف (79 ق.م) وكذلك د.محمد و 3.5 مليون وموقع www.un.org وقال.",
        ["مثل بركان فيزوف (79 ق.م) وكذلك د.محمد و 3.5 مليون وموقع www.un.org وقال."],
    ),
    (
        "a one-letter abbreviation is not a sentence end",
        "وقال د. محمد إن الاجتماع مهم.",
        ["وقال د. محمد إن الاجتماع مهم."],
    ),
    (
        "an unclosed quote does not swallow the rest",
        'وقال "الموقف معقد. لدينا بعض الزخم.',
        ['وقال "الموقف معقد.', "لدينا بعض الزخم."],
    ),
    (
        "a space before the comma (003) is not a break",
        "انطلق اجتماع للتحالف الدولي ضد داعش في واشنطن , و يبحث وزراء خارجية دول التحالف.",
        ["انطلق اجتماع للتحالف الدولي ضد داعش في واشنطن , و يبحث وزراء خارجية دول التحالف."],
    ),
]


@pytest.mark.parametrize("what, text, expected", CASES, ids=[c[0] for c in CASES])
def test_split_sentences(what, text, expected):
    assert split_sentences(text) == expected


def test_no_sentence_ends_at_a_comma():
    text = open_corpus("000_1cfe3c73c460bb24.txt")
    for sentence in split_sentences(text):
        assert not sentence.endswith(("،", ","))


def test_split_long_cuts_at_clause_marks_and_loses_nothing():
    sentence = ("وقال رئيس الوزراء العراقي حيدر العبادي، الذي التقى بترامب في واشنطن إنه حصل على تأكيدات "
                "بمزيد من الدعم الأمريكي في الحرب على \"الدولة الإسلامية\"، وفي البنتاغون يرون ان الانتصار "
                "في الموصل حتمي وان كانت معارك شرسة متوقعة في البلدة القديمة من المدينة.")
    pieces = split_long(sentence, lambda t: len(t.split()) <= 20)
    assert len(pieces) > 1
    assert all(len(p.split()) <= 20 for p in pieces)
    assert " ".join(pieces) == sentence
    assert pieces[0].endswith("،")  # cut after a clause mark, not mid-clause


def test_split_long_handles_a_sentence_without_any_mark():
    sentence = " ".join(["كلمة"] * 1000)
    pieces = split_long(sentence, lambda t: len(t.split()) <= 100)
    assert " ".join(pieces) == sentence
    assert all(len(p.split()) <= 100 for p in pieces)


def test_split_long_handles_one_enormous_word():
    word = "ب" * 5000
    pieces = split_long(word, lambda t: len(t) <= 300)
    assert "".join(pieces) == word
    assert all(len(p) <= 300 for p in pieces)


def open_corpus(name):
    from pathlib import Path

    return (Path(__file__).parents[1] / "corpus" / name).read_text(encoding="utf-8")
