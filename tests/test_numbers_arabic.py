"""Arabic quantity extraction, cases taken from the sample corpus and the seed gold.

``data/seed_numbers.tsv`` is a copy of ``shared/gold/seed_numbers.tsv`` (every
quantity of the five sample articles, annotated by hand; its README is there),
so that these tests run wherever the repository is checked out.
"""

import csv
from pathlib import Path

import pytest
from helpers import CORPUS, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.language.arabic import normalize
from summarize.numbers import arabic_words as lex
from summarize.numbers import extract_arabic
from summarize.numbers.arabic_kinds import tokenize
from summarize.numbers.quantity import KINDS

GOLD = Path(__file__).parent / "data" / "seed_numbers.tsv"


def found(text):
    return [(q.text, q.value, q.kind) for q in extract_arabic(text)]


CASES = [
    # digits, separators, Arabic-Indic digits
    ("يجتمع وزراء خارجية 68 دولة في واشنطن", [("68", 68, "count")]),
    ("ليرتفع عدد الجنود الأميركيين في العراق الى 4600.", [("4600", 4600, "count")]),
    ("أكثر من ١٤٬٠٠٠ شخص", [("١٤٬٠٠٠", 14000, "count")]),
    ("بلغ النمو ٣٫٥ بالمئة", [("٣٫٥ بالمئة", 3.5, "percent")]),
    ("و76.000 هكتار من الأراضي", [("76.000", 76000, "count")]),
    # percent forms, including the corpus oddity "28. %"
    ("زيادة ميزانية الدفاع بنسبة عشرة % وخفض موارد الدبلوماسية بنسبة 28. %",
     [("عشرة %", 10, "percent"), ("28. %", 28, "percent")]),
    ("وخسر التنظيم في العراق قرابة 50%، وفي سوريا ما بين 20 و30% من الأراضي",
     [("50%", 50, "percent"), ("20", 20, "percent"), ("30%", 30, "percent")]),
    ("ارتفعت بنسبة 5 في المئة", [("5 في المئة", 5, "percent")]),
    # number words, scales, construct and dual forms
    ("فرار أكثر من عشرة آلاف شخص", [("عشرة آلاف", 10000, "count")]),
    ("إرسال ألف جندي أمريكي إضافي", [("ألف", 1000, "count")]),
    ("مليارا دولار من أجل العراق", [("مليارا دولار", 2000000000, "money")]),
    ("على جمع ملياري دولار من أجل العراق", [("ملياري دولار", 2000000000, "money")]),
    ("14 ألف غارة أفقدته أراضيه", [("14 ألف", 14000, "count")]),
    ("أكثر من 280 ألف شخص", [("280 ألف", 280000, "count")]),
    ("بقيمة 3.5 مليار دولار", [("3.5 مليار دولار", 3500000000, "money")]),
    ("الخمسة وعشرين عاماً", [("الخمسة وعشرين عاماً", 25, "duration")]),
    ("أحد عشر ضعفاً", [("أحد عشر", 11, "count")]),
    ("ثلاثمائة وخمسون", [("ثلاثمائة وخمسون", 350, "count")]),
    # ranges share their unit; prefixes glued to words
    ("تبلغ مساحته بين خمسة وستة كيلومترات مربعة", [("خمسة", 5, "distance"), ("ستة كيلومترات", 6, "distance")]),
    # durations: duals and counted nouns
    ("ستتم خلال أسبوعين.", [("أسبوعين", 2, "duration")]),
    ("بعد عامين من بدء غاراتها", [("عامين", 2, "duration")]),
    ("في غضون ستة أشهر من الهدوء", [("ستة أشهر", 6, "duration")]),
    # distance and money
    ("على بعد نحو 40 كيلومترا جنوبي الموصل", [("40 كيلومترا", 40, "distance")]),
    ("تكلف $15 فقط", [("$15", 15, "money")]),
    # ordinals (and words that are not)
    ("في أول اجتماع من نوعه", [("أول", 1, "ordinal")]),
    ("استعادة الموصل ثاني مدن العراق", [("ثاني", 2, "ordinal")]),
    ("هو الرابع من نوعه", [("الرابع", 4, "ordinal")]),
    ("للمرة الأولى، اجتماعا مشتركا", [("الأولى", 1, "ordinal")]),
    ("منذ القرن التاسع عشر", [("التاسع عشر", 19, "ordinal")]),
    ("قبل نهاية عهد أوباما في يناير/كانون الثاني.", []),
    ("وأحد الخيارات المطروحة", []),
    ("يوم الإثنين والأربعاء والخميس", []),
    ("أولوية ووجه وزارة الدفاع", []),
    ("انبعاثات ثاني أكسيد الكربون", []),
    ("ميغابيت في الثانية", []),
    # years and days of the month
    ("يشهد نزاعا مدمّرا منذ 2011.", [("2011", 2011, "year")]),
    ("في صيف عام 2014.", [("2014", 2014, "year")]),
    ("الأربعاء 20 يوليو/تموز 2016، والخميس", [("20", 20, "date"), ("2016", 2016, "year")]),
    ("يوم 22 مارس الجاري", [("22", 22, "date")]),
    ("في الـ 23 من الجاري", [("23", 23, "date")]),
    ("بتاريخ 17 نوفمبر 2016.", [("17", 17, "date"), ("2016", 2016, "year")]),
    # decades, times, vague amounts
    ("في الستينيات", [("الستينيات", 1960, "decade")]),
    ("في خمسينيات القرن التاسع عشر", [("خمسينيات القرن التاسع عشر", 1850, "decade")]),
    ("في الساعة 7.55 صباحًا", [("7.55 صباحًا", 7.916667, "time")]),
    ("أوقعت مئات القتلى وشردت الملايين", [("مئات", None, "vague"), ("الملايين", None, "vague")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_arabic(text, expected):
    assert found(text) == expected


LEXICON = (lex.UNITS, lex.TEN, lex.TENS, lex.HUNDREDS, lex.SCALES, lex.PLURAL_SCALES, lex.DUAL_SCALES,
           lex.FRACTIONS, lex.VAGUE)


@pytest.mark.parametrize("word", lex.FACT_WORDS)
def test_the_summarys_fact_words_are_number_words_of_the_lexicon(word):
    assert any(normalize(word) in table for table in LEXICON)


def test_number_cues_count_digits_and_whole_fact_words():
    assert len(lex.NUMBER_CUES.findall("جمعت 14 ألف دولار ونصف مليون")) == 4  # 1, 4, ألف, مليون
    assert lex.NUMBER_CUES.findall("ألفين وملايين") == []  # not the whole word


@pytest.mark.parametrize("text, expected", [
    ("قتل 30 شخصا", True), ("قتل ثلاثون شخصا", True), ("وأربعة جنود", True), ("في أول اجتماع", True),
    ("قال الوزير إن الاجتماع مهم", False),
])
def test_may_have_number(text, expected):
    assert lex.may_have_number(text) is expected


def test_spans_are_the_surface():
    text = "وخسر التنظيم قرابة 50%، وفي سوريا ما بين 20 و30%"
    for q in extract_arabic(text):
        assert text[q.start:q.end] == q.text


def _gold_rows():
    with GOLD.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_the_gold_covers_the_sample_corpus():
    rows = _gold_rows()
    assert len(rows) == 46
    assert {r["article"] for r in rows} == {p.name for p in CORPUS.glob("*.txt") if p.stat().st_size}


@pytest.mark.parametrize("row", _gold_rows(), ids=lambda r: f"{r['article'][:3]}:{r['surface']}:{r['value']}")
def test_seed_gold_found(row):
    """Every annotated quantity is found, with its value, where the gold's surface stands."""
    text = (CORPUS / row["article"]).read_text(encoding="utf-8")
    at = text.find(row["surface"])
    assert at >= 0, "surface not in the article"
    spans = []
    while at >= 0:
        spans.append((at, at + len(row["surface"])))
        at = text.find(row["surface"], at + 1)
    value = float(row["value"])
    assert any(q.value is not None and abs(q.value - value) < 1e-6 and any(q.start < e and s < q.end for s, e in spans)
               for q in extract_arabic(text))


def test_no_false_quantities_on_the_sample_corpus():
    rows = _gold_rows()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = [(float(r["value"]), r["surface"]) for r in rows if r["article"] == path.name]
        for q in extract_arabic(text):
            if q.value is None:
                continue
            assert any(abs(q.value - v) < 1e-6 and text.find(s) >= 0 and any(
                q.start < k + len(s) and k < q.end for k in _all(text, s)) for v, s in gold), (path.name, q)


def _all(text, s):
    at = text.find(s)
    while at >= 0:
        yield at
        at = text.find(s, at + 1)


PIECES = list("٠١٢٣٤٥٦٧٨٩0123456789.,٫٬،%٪$ -/:والبكفأإآةىيمنسعشرتثخذضظغ") + [
    "ألف", "آلاف", "مليون", "مليار", "عشرة", "الأول", "يومين", "بالمئة", "في المئة", "كانون",
    "يوليو", "الستينيات", "ونصف", " و", "القرن", "من", "مساءً"]
ARABIC_ISH = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=examples(150), deadline=None)
@given(ARABIC_ISH)
def test_never_raises_and_spans_hold(text):
    # arbitrary text (and its cost) is tests/test_fuzz.py's and scripts/torture.py's
    for q in extract_arabic(text):
        assert text[q.start:q.end] == q.text and q.kind in KINDS and (q.value is None) == (q.kind == "vague")


def test_the_tokens_the_arabic_reader_walks():
    """numbers.arabic_kinds.tokenize: digits with their separators, Arabic words in the normalize spelling,
    Latin words, single symbols; each token's span is its text."""
    text = "بلغت ١٤٬٠٠٠ دولار (USD) في الأولى/20 يوليو 2016، أي 10%"
    toks = tokenize(text)
    assert [(t.kind, t.norm) for t in toks] == [
        ("word", "بلغت"), ("num", "١٤٬٠٠٠"), ("word", "دولار"), ("sym", "("), ("lat", "USD"), ("sym", ")"),
        ("word", "في"), ("word", "الاولي"), ("sym", "/"), ("num", "20"), ("word", "يوليو"), ("num", "2016"),
        ("sym", "،"), ("word", "اي"), ("num", "10"), ("sym", "%")]
    assert all(text[t.start:t.end] == t.text for t in toks)


@settings(max_examples=examples(150), deadline=None)
@given(ARABIC_ISH)
def test_every_character_but_spaces_is_in_one_token(text):
    toks = tokenize(text)
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))
    assert "".join(t.text for t in toks) == "".join(text.split())


@pytest.mark.parametrize("text, found", [
    ("في ثلاثينيات القرن", [("ثلاثينيات", 1930, "decade")]),  # the text ends where the century's ordinal would be
    ("في ثلاثينيات القرن الماضي", [("ثلاثينيات القرن الماضي", 1930, "decade")]),
    ("في ثلاثينيات القرن العشرين", [("ثلاثينيات القرن العشرين", 1930, "decade")]),
])
def test_a_decade_of_a_century_the_text_does_not_name(text, found):
    assert [(q.text, q.value, q.kind) for q in extract_arabic(text)] == found


# Duals of counted nouns (summarize/data/arabic_duals.tsv, mined from the shared text by
# scripts/mine_duals.py): each is a 2.  The sentences are FLORES-200 devtest and NTREX-128 lines.
DUALS = [
    ("flores:34", "مما تسبب بمقتل ضابطين من الشرطة وإصابة أكثر من عشرين آخرين بجروح.",
     [("ضابطين", 2, "count"), ("عشرين", 20, "count")]),
    ("flores:274", "تنافس كاربانيدو في سباقين فرديين في البطولة.", [("سباقين", 2, "count")]),
    ("flores:472", "والملكة ماري أنطوانيت وطفلاهما الصغيران", [("طفلاهما", 2, "count")]),
    ("ntrex:011:16", "وجدت سيارتا شرطة داخل الكوردون", [("سيارتا", 2, "count")]),
    ("ntrex:088:28", "ظهرت أم لطفلين على منصة مصمم الأزياء", [("طفلين", 2, "count")]),
    ("ntrex:039:2", "ربما تكون المحاولتان المتأخرتان قد ساهمتا", [("المحاولتان", 2, "count")]),
    ("flores:238", "يستخدم جهاز التحكم مستشعرين موضوعين بالقرب من تلفزيون المستخدم", [("مستشعرين", 2, "count")]),
    # a numeral after the dual repeats its 2: one quantity
    ("constructed", "قتل ضابطين اثنين", [("ضابطين اثنين", 2, "count")]),
    # plurals in ـين are not duals (sound plurals, nisba plurals, and nouns the list does not hold)
    ("flores:83", "قدر سلاح المهندسين الأمريكيين أن 6 بوصات من الأمطار", [("6", 6, "count")]),
    ("ntrex:008:5", "ليس من المؤكد ما إذا كان بإمكان الموظفين الأجانب العمل", []),
    ("ntrex:034:4", "بيد أن المعارضين الوطنيين يحتجون بأن تغيير الاسم", []),
    ("ntrex:093:12", "تم التأكيد على حسابيهما من قبل محلل خارجي", []),  # their accounts: one each
    ("flores:45", "المتزوج وله ولدان بالغان", [("ولدان", 2, "count")]),
]


@pytest.mark.parametrize("where,text,expected", DUALS, ids=[d[0] for d in DUALS])
def test_counted_noun_duals(where, text, expected):
    assert found(text) == expected


def test_the_duals_data_file_holds_no_word_of_the_sample_articles_it_was_not_mined_from():
    """The list comes from the shared text; every row names the line its evidence is from."""
    rows = [line.split("\t") for line in lex.COUNTED_DUALS_FILE.read_text("utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(rows) > 30
    assert all(row[5].startswith(("flores:", "ntrex:")) for row in rows)


@pytest.mark.parametrize("text, expected", [
    ("ووعدت الحكومة بتوفير عدة ملايين من قنينات لقاح التهاب الدماغ", [("ملايين", 10**6)]),  # FLORES 116
    ("واستمر في تلقي عشرات الملايين من الدولارات كل موسم", [("عشرات الملايين", 10**6)]),  # FLORES 216
    ("أوقعت مئات القتلى", [("مئات", 1)]),
])
def test_vague_amounts_keep_their_scale(text, expected):
    assert [(q.text, q.scale) for q in extract_arabic(text) if q.kind == "vague"] == expected


# implied_values: a dual excuses a "two" that no Arabic number accounts for, but only a word whose
# singular general Arabic uses (vocabulary.background); words that merely end like a dual do not.
@pytest.mark.parametrize("text, twos", [
    ("سيرشح نفسه في انتخابات البرلمان الأوروبي", 0),  # NTREX 019:18 (parliament)
    ("فأغلب الهاربين يعبرون عبر الصين", 1),  # NTREX 117:8: not الصين (China); الهاربين, a plural, is loose
    ("وكان علي أن أودعها", 0),  # NTREX 114:4 (was)
    ("أعيد ربط الروابط الاقتصادية بين هذين الجزأين من مولدوفا", 1),  # FLORES 941 (the two parts)
    ("التقى زعيما البلدين في بيونغ يانغ", 1),  # NTREX 117:11 (the two countries)
])
def test_implied_duals(text, twos):
    assert lex.implied_values(text)[2] == twos


@pytest.mark.parametrize("text", ["الثالث و", "وجاء الخامس و"])
def test_an_ordinal_then_a_bare_wa_at_the_end_is_read(text):
    """An ordinal, a و and nothing after it: the reader looked past the text's end (AttributeError on None)."""
    assert [q.kind for q in extract_arabic(text)] == ["ordinal"]
