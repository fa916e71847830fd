"""Property tests: arbitrary text never crashes a stage, never loses a letter, never takes long.

Inputs mix Arabic (letters, Arabic-Indic digits, tatweel, diacritics, the
punctuation the splitter cares about), Latin, bidi controls and combining
marks.  Failing inputs hypothesis found are kept below as regular cases.
"""

import re
from pathlib import Path

import pytest
from helpers import examples, sectioned
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarize.document import Article
from summarize.ingest.clean import clean, unglue
from summarize.ingest.reader import decode
from summarize.ingest.sentences import split_long, split_sentences
from summarize.language.arabic import LETTER
from summarize.numbers import extract_arabic, extract_english

PIECES = [
    "الولاياتالمتحدة", "وقال", " ", " ", "\n", "\n\n", ".", "،", "؟", "!", '"', "“", "”", "(", ")", "«", "»",
    "28. %", "3.5", "٣٫٥", "١٤٬٠٠٠", "14 ألف", "عشرة آلاف", "مليارا دولار", "يوليو/تموز", "ـ", "\u064b",
    "\u200f", "\u202b", "\u0301", "&", "&amp;", "إقرأ أيضاً:", "تم النشر:", "Getty Images", "|", "داعش",
    "في", "من", "بين 20 و30%", "الستينيات", "مئات", "e\u0301", "x" * 50, "ب" * 40,
    "#", "_", "#جامعة_الدول_العربية", "#DeleteFacebook", "_2",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
FUZZ = settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def letters(text: str) -> list[str]:
    return LETTER.findall(text)


def assert_no_letter_lost(text: str) -> None:
    article = sectioned(text)
    parts = [article.title.ar] if article.title_from_headline else []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading.ar)
        parts += [s.ar for s in section.sentences]
    assert letters(" ".join(parts)) == letters(article.text)


# two short lines in a row: the first was the heading of an empty section, and vanished
LETTERS_FOUND = ["الولاياتالمتحدةإقرأ أيضاً:\nالولاياتالمتحدة\nالولاياتالمتحدة\nالولاياتالمتحدة"]


@pytest.mark.parametrize("text", LETTERS_FOUND)
def test_letters_found_inputs(text):
    assert_no_letter_lost(text)


@FUZZ
@given(texts)
def test_sections_and_sentences_keep_every_arabic_letter_once(text):
    assert_no_letter_lost(text)


# whole lines of the kinds cleaning drops or keeps (ANT's BBC box, notices, links, a list, a dateline)
LINES = [
    ("وفي حال تنفيذ هذا الاتفاق فإن القوات التركية ستجد نفسها تقاتل في عفرين ليس فقط المقاتلين الأكراد بل "
     "قوات الجيش السوري أيضاً بحسب محرر بي بي سي لشؤون الشرق الأوسط آلان جونسون."),  # long: not hard-wrapped
    "الأكراد في عفرين يدعون الحكومة السورية إلى مواجهة الهجوم التركي",
    "الآلاف يتظاهرون في عفرين ضد العملية العسكرية التركية",
    "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
    "** جميع المقالات المنشورة تمثل رأي كتابها فقط.", "فرانس24/ أ ف ب",
    "اقرأ.. لجنة بريطانية: كاميرون ضخّم الأوضاع بليبيا", "للمزيد - روسيا: أبرز التحولات السياسية",
    "1936: ولدت في بيزانا في ترانسكي", "أخبار الآن | دبي – الإمارات", "إقرأ أيضاً:", "Getty Images", "",
]
# LINES twice: two draws in three are whole lines, so the rules' lines meet each other often
feeds = st.lists(st.one_of(st.sampled_from(LINES), st.sampled_from(LINES), texts), max_size=10).map("\n".join)
BBC_BOX = "\n".join([LINES[0], LINES[1], LINES[2], LINES[0]])


@FUZZ
@given(feeds.filter(lambda t: "&#" not in t), st.sampled_from([None, "BBC Arabic", "CNN Arabic"]))
@example(BBC_BOX, "BBC Arabic")
def test_cleaning_records_every_letter_it_drops(text, outlet):
    """Every Arabic letter of the raw text is in the cleaned text, a dropped line or the dateline,
    as often as it was: nothing disappears unrecorded, whatever the outlet's rules take."""
    article = clean(Article(stem="f", source=Path("f.txt"), raw=text, outlet=outlet))
    kept = "\n".join([article.text, *article.removed, article.dateline or ""])
    assert sorted(letters(kept)) == sorted(letters(text))


@FUZZ
@given(texts)
def test_sentence_splitter_keeps_every_character_but_spaces(text):
    sentences = split_sentences(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())
    assert all(s == s.strip() and s for s in sentences)


SPLIT_LONG_FOUND = ["الولاياتالمتحدةالولاياتالمتحدةالولاياتالمتحدة\r0"]  # a \r as the only space


@pytest.mark.parametrize("text", SPLIT_LONG_FOUND)
def test_split_long_found_inputs(text):
    test_split_long_loses_nothing.hypothesis.inner_test(text)


@FUZZ
@given(texts)
def test_split_long_loses_nothing(text):
    pieces = split_long(text, lambda t: len(t) <= 40) if text.strip() else []
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(len(p) <= 40 for p in pieces)


@FUZZ
@given(texts)
def test_unglue_only_adds_spaces_and_reads_tags(text):
    """Nothing but spaces added, and a tag's # and _ taken out (never put in)."""
    mended = unglue(text)
    assert re.sub("[ #_]", "", mended) == re.sub("[ #_]", "", text)
    assert mended.count("#") <= text.count("#") and mended.count("_") <= text.count("_")


@FUZZ
@given(texts)
def test_number_extractors_never_raise_and_point_into_the_text(text):
    for q in extract_arabic(text) + extract_english(text):
        assert text[q.start:q.end] == q.text


@FUZZ
@given(st.binary(max_size=300))
def test_decoder_returns_text_or_a_decode_error(data):
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        return
    assert isinstance(text, str) and encoding


PATHOLOGICAL = [
    "ب" * 50_000,                                     # one enormous word
    "وقال " * 10_000,                                  # one sentence 10,000 words long
    '"' + "كلمة. " * 10_000,                           # an unclosed quote over everything
    "(" * 25_000 + "داعش" + ")" * 25_000,              # deep parentheses (was quadratic)
    "1" * 50_000,                                     # one enormous number
    "الـ" * 20_000,
    "، " * 25_000,
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda t: repr(t[:8]))
def test_pathological_inputs_go_through_every_stage(text):
    """Inputs that make a backtracking regex or a quadratic loop hang.  No timing here
    (tests don't time); ``scripts/torture.py`` measures that cost grows linearly."""
    assert_no_letter_lost(text)
    extract_arabic(text)
    extract_english(text)
    pieces = split_long(text, lambda t: len(t.split()) <= 50 and len(t) <= 400)
    assert "".join("".join(pieces).split()) == "".join(text.split())


# Inputs that once failed (found by the tests above), kept as regular cases: a run of digits
# longer than any quantity is not read as one (int() refuses 4,300+ digits; float() overflowed
# on 400); the scale word after it still counts on its own.
@pytest.mark.parametrize("text, arabic, english", [
    ("1" * 20_000, [], []),
    ("١" * 5_000 + " ألف", [("ألف", 1000, "count")], []),
])
def test_found_number_inputs(text, arabic, english):
    found = {"arabic": extract_arabic(text), "english": extract_english(text)}
    for q in found["arabic"] + found["english"]:
        assert text[q.start:q.end] == q.text
    assert [(q.text, q.value, q.kind) for q in found["arabic"]] == arabic
    assert [(q.text, q.value, q.kind) for q in found["english"]] == english
