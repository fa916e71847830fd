"""English quantity extraction: the forms MarianMT and the reference translations use."""

import pytest
from helpers import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarize.numbers import extract_english
from summarize.numbers.quantity import KINDS


def found(text):
    return [(q.text, q.value, q.kind) for q in extract_english(text)]


CASES = [
    # the seed gold's English forms
    ("the coalition carried out 14,000 strikes", [("14,000", 14000, "count")]),
    ("14 thousand strikes", [("14 thousand", 14000, "count")]),
    ("fourteen thousand strikes", [("fourteen thousand", 14000, "count")]),
    ("raise $2 billion for Iraq", [("$2 billion", 2000000000, "money")]),
    ("two billion dollars for Iraq", [("two billion dollars", 2000000000, "money")]),
    ("by 10 per cent", [("10 per cent", 10, "percent")]),
    ("by ten percent", [("ten percent", 10, "percent")]),
    ("by 10%", [("10%", 10, "percent")]),
    ("the fourth of its kind", [("fourth", 4, "ordinal")]),
    ("the first meeting", [("first", 1, "ordinal")]),
    ("within two weeks", [("two weeks", 2, "duration")]),
    ("within a fortnight", [("fortnight", 2, "duration")]),
    ("in the 1960s", [("1960s", 1960, "decade")]),
    ("in the '60s", [("'60s", 1960, "decade")]),
    ("on Wednesday, July 20, 2016", [("20", 20, "date"), ("2016", 2016, "year")]),
    ("on 20 July 2016", [("20", 20, "date"), ("2016", 2016, "year")]),
    ("sending a thousand soldiers", [("a thousand", 1000, "count")]),
    ("lost half of its territory", [("half", 0.5, "fraction")]),
    ("since 2011", [("2011", 2011, "year")]),
    ("between 20 and 30% of the land", [("20", 20, "percent"), ("30%", 30, "percent")]),
    ("between five and six kilometres", [("five", 5, "distance"), ("six kilometres", 6, "distance")]),
    ("2 to 3 million people", [("2", 2000000, "count"), ("3 million", 3000000, "count")]),
    ("one hundred and fifty-two soldiers", [("one hundred and fifty-two", 152, "count")]),
    ("two and a half million people", [("two and a half million", 2500000, "count")]),
    ("4-month-old mice", [("4-month", 4, "duration")]),
    ("the 21st century", [("21st", 21, "ordinal")]),
    ("World War II", [("II", 2, "ordinal")]),
    ("at 8 p.m. and 10:30", [("8 p.m.", 20, "time"), ("10:30", 10.5, "time")]),
    ("at 5.30pm", [("5.30pm", 17.5, "time")]),
    ("at approximately 1200 GMT", [("1200 GMT", 12, "time")]),
    ("the 1950-53 Korean War", [("1950", 1950, "year"), ("53", 1953, "year")]),
    ("hundreds of soldiers and tens of thousands", [("hundreds", None, "vague"), ("tens of thousands", None, "vague")]),
    ("a two-thirds majority", [("two-thirds", 0.666667, "fraction")]),
    # articles are not numbers
    ("one of the men said that a meeting was held", []),
    ("for one day only", [("one day", 1, "duration")]),  # weak: never flagged alone
    ("a second later", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_extract_english(text, expected):
    assert found(text) == expected


def test_spans_are_the_surface():
    text = "They raised $2 billion, two billion dollars, and 10 per cent on July 20, 2016."
    for q in extract_english(text):
        assert text[q.start:q.end] == q.text


PIECES = list("0123456789.,%$ -'/:aeiostnm") + [
    "one", "two", "a", "thousand", "million", "percent", "per cent", "first", "July", "May",
    "s", "th", "p.m.", "and", "half", "World War", "II", "-thirds", "of", "years"]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("July1.0")  # found by CI's profile: a day of "1.0" after a month was read as int("1.0")
@example("1July00.0")  # and "00.0" after a date as its year
def test_never_raises_and_spans_hold(text):
    # arbitrary text (and its cost) is tests/test_fuzz.py's and scripts/torture.py's
    for q in extract_english(text):
        assert text[q.start:q.end] == q.text and q.kind in KINDS and (q.value is None) == (q.kind == "vague")


# Vague amounts keep their scale word (FLORES-200 devtest lines 116, 216, 88): the Arabic's must agree.
@pytest.mark.parametrize("text, expected", [
    ("Several million vials of encephalitis vaccine", [("Several million", 10**6)]),
    ("continued to receive tens of millions of dollars every season", [("tens of millions", 10**6)]),
    ("which hosts millions of openly-licensed media", [("millions", 10**6)]),
    ("a few thousand people", [("few thousand", 1000)]),
    ("several hundred thousand people", [("several hundred thousand", 1000)]),
    ("hundreds of people", [("hundreds", 1)]),  # no scale word from a thousand up
    ("several hundred people", [("several hundred", 1)]),
])
def test_vague_amounts_keep_their_scale(text, expected):
    assert [(q.text, q.scale) for q in extract_english(text) if q.kind == "vague"] == expected


# An ordinal that became a label: Type 1 (FLORES 3: النوع الأول), Category 1 (NTREX 014:4: الفئة 1).
@pytest.mark.parametrize("text, expected", [
    ("people who already have Type I diabetes", [("I", 1, "ordinal")]),
    ("Phase One of the plan", [("One", 1, "count")]),
    ("a Category II hurricane", [("II", 2, "ordinal")]),
    ("I said one of them", []),  # neither a label nor "one of"
])
def test_labels(text, expected):
    assert found(text) == expected
