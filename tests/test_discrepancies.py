"""Figures compared as claims: qualifier, interval and counted noun (``summarize.numbers.qualifiers``,
``summarize.stories.compare_figures``), and how the daily brief shows them.

The phrases are hand-made pairs drawn from real text: the sample corpus (articles 002 and 004:
"نحو 40 من نظرائهما", "أكثر من 30 دولة") and the NTREX articles ("384 شخصًا على الأقل",
"ما يصل إلى 300 شخص", "حوالي 1000 شخص", "بين 18 و29 عامًا").
"""

import json
import math
from pathlib import Path

import pytest
from helpers import PROVENANCE

from summarize.briefs import html as pages
from summarize.briefs import json as json_format
from summarize.briefs import markdown, marks
from summarize.document import Article, NumberCheck, Section, Sentence, Text
from summarize.numbers import extract_arabic
from summarize.numbers.qualifiers import ABOUT, Interval, claim, english_noun
from summarize.stories import build_stories, compare_figures, profile

INF = math.inf


def claim_of(text: str, nth: int = -1):
    """The claim of the ``nth`` count of ``text`` (the last by default)."""
    quantities = extract_arabic(text)
    counts = [i for i, q in enumerate(quantities) if q.kind == "count"]
    return claim(text, quantities, counts[nth])


@pytest.mark.parametrize("text, qualifier, low, high, key, words", [
    ("سيستقبل كيري وكارتر نحو 40 من نظرائهما، بينهم الوزيران الفرنسيان", "about", 40 * (1 - ABOUT),
     40 * (1 + ABOUT), "نظراي", "نحو 40 من نظرائهما"),
    ("يجتمع وزراء دفاع وخارجية أكثر من 30 دولة في واشنطن", "more than", 30, INF, "دوله", "أكثر من 30 دولة"),
    ("قتل 384 شخصًا على الأقل في الزلزال", "at least", 384, INF, "شخص", "384 شخصًا على الأقل"),
    ("اعتقلت الشرطة ما لا يقل عن 50 من الجنود", "at least", 50, INF, "جنود", "ما لا يقل عن 50 من الجنود"),
    ("قد يصاب ما يصل إلى 300 شخص في وقت كانت فيه المظاهرات", "up to", 0, 300, "شخص", "ما يصل إلى 300 شخص"),
    ("فر حوالي 1000 شخص في العام الماضي", "about", 900, 1100, "شخص", "حوالي 1000 شخص"),
    ("أصيب أقل من 20 شخصا", "less than", 0, 20, "شخص", "أقل من 20 شخصا"),
    ("شاركت 40 دولة تقريبا في الاجتماع", "about", 36, 44, "دوله", "40 دولة تقريبا"),
    ("تشارك 30 دولة أو أكثر", "at least", 30, INF, "دوله", "30 دولة أو أكثر"),
    ("يضم التحالف بين 30 و40 دولة", "between", 30, 40, "دوله", "بين 30 و40 دولة"),
    ("يضم التحالف من 30 إلى 40 دولة", "between", 30, 40, "دوله", "من 30 إلى 40 دولة"),
    ("قتل ما بين عشرين وثلاثين شخصا", "between", 20, 30, "شخص", "ما بين عشرين وثلاثين شخصا"),
    # a change from one figure to another is no range: the last is the figure now
    ("ارتفع عدد القتلى من 30 إلى 40 قتيلا", "exact", 40, 40, "قتيل", "40 قتيلا"),
    # a range runs low to high: a score is two figures
    ("فاز الفريق 5-2 على منافسه", "exact", 2, 2, "", "2"),
    # tamyiz: the accusative singular after 11-99 is the counted noun, alif off
    ("نشرت 560 جنديا في المنطقة", "exact", 560, 560, "جندي", "560 جنديا"),
    ("شن التحالف 14 ألف غارة خلال سنتين", "exact", 14000, 14000, "غاره", "14 ألف غارة"),
])
def test_claim_reads_qualifier_interval_and_counted_noun(text, qualifier, low, high, key, words):
    c = claim_of(text)
    assert (c.qualifier, c.interval.low, c.interval.high, c.key, c.text) == (qualifier, low, high, key, words)
    assert text[c.start:c.end] == words


def test_the_first_number_of_a_range_knows_it_opens_it():
    first, second = claim_of("يضم التحالف بين 30 و40 دولة", 0), claim_of("يضم التحالف بين 30 و40 دولة", 1)
    assert first.opens_range and not second.opens_range
    assert first.interval == second.interval == Interval(30, 40)


@pytest.mark.parametrize("a, b, overlap", [
    (Interval(30, INF, low_open=True), Interval(30, 30), False),  # more than 30 / 30
    (Interval(30, INF), Interval(0, 30), True),  # at least 30 / up to 30: they meet at 30
    (Interval(0, 30, high_open=True), Interval(30, 30), False),  # less than 30 / 30
    (Interval(36, 44), Interval(30, INF, low_open=True), True),
    (Interval(30, 40), Interval(41, 41), False),
])
def test_intervals_overlap_only_where_a_value_is_in_both(a, b, overlap):
    assert a.overlaps(b) is overlap and b.overlaps(a) is overlap


# (source a, source b, what the story makes of their counts): "agree", "differ", or "" (they do not
# count the same thing: neither).
def sentence(ar: str, en: str | None = None, checks: list[NumberCheck] = ()) -> Sentence:
    return Sentence(ar=ar, id="s1", translations=[en] if en else [], numbers=list(checks))


PAIRS = [
    # compatible: about 40 and more than 30
    ("يجتمع وزراء خارجية نحو 40 دولة في واشنطن.", "يجتمع وزراء خارجية أكثر من 30 دولة في واشنطن.", "agree"),
    # incompatible: more than 50 and 30
    ("يجتمع وزراء خارجية أكثر من 50 دولة في واشنطن.", "يجتمع وزراء خارجية 30 دولة في واشنطن.", "differ"),
    # different counted things: counterparts (ministers) and countries
    ("سيستقبل كيري نحو 40 من نظرائهما في واشنطن.", "يجتمع وزراء دفاع وخارجية أكثر من 30 دولة في واشنطن.", ""),
    ("سيستقبل كيري 40 من نظرائهما في واشنطن.", "يجتمع وزراء خارجية 30 دولة في واشنطن.", ""),
    # ranges
    ("يضم التحالف بين 30 و40 دولة.", "يضم التحالف 35 دولة.", "agree"),
    ("يضم التحالف بين 30 و40 دولة.", "يضم التحالف 50 دولة.", "differ"),
    ("يضم التحالف من 30 إلى 40 دولة.", "يضم التحالف بين 38 و45 دولة.", "agree"),
    # at least / up to: they meet at 30, not at 50 and 30
    ("يشارك 30 دولة على الأقل.", "يشارك ما يصل إلى 30 دولة.", "agree"),
    ("يشارك 50 دولة على الأقل.", "يشارك ما يصل إلى 30 دولة.", "differ"),
    # open bounds exclude their number; "about" reaches 10%
    ("يشارك أكثر من 30 دولة.", "يشارك 30 دولة.", "differ"),
    ("يشارك أقل من 30 دولة.", "يشارك 30 دولة.", "differ"),
    ("يشارك نحو 40 دولة.", "يشارك 43 دولة.", "agree"),
    ("يشارك نحو 40 دولة.", "يشارك 45 دولة.", "differ"),
    # one thing in singular and plural, with or without a partitive من
    ("أرسلت واشنطن ألف جندي إلى سوريا.", "أرسلت واشنطن 1000 من الجنود إلى سوريا.", "agree"),
    ("يضم التحالف 68 دولة.", "يضم التحالف 68 من الدول.", "agree"),
    ("يضم التحالف 68 دولة.", "يضم التحالف 60 من الدول.", "differ"),
]


@pytest.mark.parametrize("a, b, verdict", PAIRS)
def test_figures_differ_only_for_the_same_thing_with_incompatible_values(a, b, verdict):
    discrepancies, agreements = compare_figures([profile(figures("a", sentence(a))), profile(figures("b", sentence(b)))])
    differ = [g for g in discrepancies if g[0].kind == "count"]
    agree = [g for g in agreements if g[0].kind == "count"]
    assert (len(differ), len(agree)) == {"agree": (0, 1), "differ": (1, 0), "": (0, 0)}[verdict]
    for group in differ + agree:
        assert sorted(f.article for f in group) == ["a", "b"] and len({f.key for f in group}) == 1


def figures(stem: str, *sentences: Sentence) -> Article:
    return Article(stem=stem, source=Path(f"{stem}.txt"), title=Text("اجتماع التحالف في واشنطن"),
                   sections=[Section(None, list(sentences))])


def shown(s: Sentence) -> str:
    [f] = [f for f in profile(figures("x", s)).figures if f.kind == "count"]
    return marks.figure_value(f)


@pytest.mark.parametrize("s, words", [
    (sentence("سيستقبل كيري وكارتر نحو 40 من نظرائهما، بينهم الوزيران الفرنسيان.",
              "Kerry and Carter will host about 40 of their counterparts, including French ministers.",
              [NumberCheck("40", "40", 40, "count", "verified")]),
     "about 40 counterparts (نحو 40 من نظرائهما)"),
    # the number check did not pair the number: the noun in Arabic only
    (sentence("يجتمع وزراء دفاع وخارجية أكثر من 30 دولة في واشنطن.", "Ministers meet in Washington.",
              [NumberCheck("30", None, 30, "count", "missing")]),
     "more than 30 (أكثر من 30 دولة)"),
    (sentence("يضم التحالف بين 30 و40 دولة.", "The coalition has between 30 and 40 member states.",
              [NumberCheck("30", "30", 30, "count", "verified"), NumberCheck("40", "40", 40, "count", "verified")]),
     "between 30 and 40 member states (بين 30 و40 دولة)"),
    (sentence("شن التحالف 14 ألف غارة خلال سنتين.", "The coalition carried out 14,000 air strikes in two years.",
              [NumberCheck("14 ألف", "14,000", 14000, "count", "repaired")]),
     "14,000 air strikes (14 ألف غارة)"),
    # a changed number is not a pairing to read the noun from
    (sentence("أودت الحرب بحياة أكثر من 280 ألف شخص.", "The war killed more than 28,000 people.",
              [NumberCheck("280 ألف", "28,000", 280000, "count", "changed")]),
     "more than 280,000 (أكثر من 280 ألف شخص)"),
])
def test_figures_show_qualifier_and_noun_in_both_languages(s, words):
    assert shown(s) == words


@pytest.mark.parametrize("en, surface, value, noun", [
    ("will host about 40 of their counterparts, including", "40", 40, "counterparts"),
    ("ministers of more than 30 countries meet in Washington", "30", 30, "countries"),
    ("a coalition of 68 member states met", "68", 68, "member states"),
    ("more than 280,000 people have died", "280,000", 280000, "people"),
    ("one soldier was killed", "one", 1, "soldier"),
    ("the 40 were released", "40", 40, None),
    ("in 400 cases", "40", 40, None),  # 40 is not in 400
])
def test_english_noun_follows_the_paired_number(en, surface, value, noun):
    assert english_noun(en, surface, value=value) == noun


MORE_THAN_50 = ("يجتمع وزراء خارجية أكثر من 50 دولة في واشنطن في 20 يوليو 2016 لبحث الحرب على داعش.",
                "Foreign ministers of more than 50 countries meet in Washington on 20 July 2016.")
JUST_30 = ("تستضيف العاصمة الأميركية في 20 يوليو 2016 اجتماعا لدول التحالف يضم 30 دولة ضد التنظيم.",
           "The US capital hosts on 20 July 2016 a coalition meeting of 30 states against the group.")
FILLER = ("وسيستضيف وزير الخارجية الأمريكي جون كيري الاجتماع مع نظرائه حول الموصل.",
          "وتتواصل المعارك في محيط المدينة منذ أسابيع.", "ويقول سكان إن الأسواق مغلقة والكهرباء مقطوعة.")


def meeting(stem: str, lead: tuple[str, str], count: int) -> Article:
    """A meeting's report whose lead's numbers all verified (its count's English is read)."""
    checks = [NumberCheck("20", "20", 20, "date", "verified"), NumberCheck("2016", "2016", 2016, "year", "verified"),
              NumberCheck(str(count), str(count), count, "count", "verified")]
    return figures(stem, sentence(*lead, checks), *(Sentence(ar=ar, id=f"s{i}") for i, ar in enumerate(FILLER, 2)))


def test_the_daily_brief_shows_a_discrepancy_with_its_qualifiers_in_markdown_json_and_html():
    articles = [meeting("a", MORE_THAN_50, 50), meeting("b", JUST_30, 30)]
    [story] = build_stories(articles)
    [group] = story.discrepancies
    md = markdown.render_daily("2016-07-20", [story], articles, [], PROVENANCE)
    assert "<tr><td>more than 50 countries (أكثر من 50 دولة)</td><td>a s1</td>" in md
    assert "<tr><td>30 states (30 دولة)</td><td>b s1</td>" in md
    data = json.loads(json_format.dumps(json_format.daily_json("2016-07-20", [story], articles, [], PROVENANCE)))
    more = data["stories"][0]["discrepancies"][0][0]
    assert (more["qualifier"], more["interval"], more["counted"], more["words"], more["label"]) == (
        "more than", {"low": 50, "high": None, "low_open": True, "high_open": False}, "دولة",
        "أكثر من 50 دولة", "countries")
    html = pages.render_daily_html("2016-07-20", [story], articles, [], PROVENANCE)
    assert '<bdi>more than 50 countries</bdi> (<bdi dir="rtl" lang="ar">أكثر من 50 دولة</bdi>)' in html
    agreed = "; ".join(marks.figure_value(g[0]) for g in story.agreements)
    assert agreed == "20 يوليو (event date); 2016 (event year)" and len(group) == 2
