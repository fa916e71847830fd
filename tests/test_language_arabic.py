"""The shared Arabic knowledge: the three spelling levels, the clitic rules, the word lists."""

import pytest

from summarize.language import arabic
from summarize.language.arabic import (
    fold,
    fold_letters,
    normalize,
    strip_clitic_slots,
    strip_clitics,
)


@pytest.mark.parametrize("word, letters, seats, folded", [
    ("الأُولى", "الاولي", "الاولي", "اولي"),  # harakat off, hamza on alef and alef maqsura folded
    ("مِئَة", "مئه", "ميه", "ميه"),  # the number parser keeps the hamza seat, grouping folds it
    ("مسؤول", "مسؤول", "مسوول", "مسوول"),
    ("ســوريا", "سوريا", "سوريا", "سوريا"),  # tatweel
    ("وإسطنبول", "واسطنبول", "واسطنبول", "اسطنبول"),  # fold takes one clitic off
    ("والي", "والي", "والي", "الي"),  # وال would leave one letter: the shorter و goes
    ("بال", "بال", "بال", "بال"),  # nothing goes unless three letters stay
    ("سورية", "سوريه", "سوريه", "سوريا"),  # a spelling variant
])
def test_the_three_levels(word, letters, seats, folded):
    assert (normalize(word), fold_letters(word), fold(word)) == (letters, seats, folded)


def test_spelling_variants_fold_to_one_form():
    assert fold("ماكوريك") == fold("ماكورك") == fold("ماكجورك") == fold("ماكغورك")
    assert fold("بريت") == fold("برت")
    assert fold("الأميركي") == fold("الأمريكي")
    assert fold("سورية") == fold("سوريا")


@pytest.mark.parametrize("word, clitics, slots", [
    ("وبالعراق", "عراق", "عراق"),
    ("فالعراق", "عراق", "عراق"),
    ("كالعراق", "عراق", "عراق"),
    ("للعراق", "عراق", "لعراق"),  # لل: ل + ال for the ungluer, the article's slot for the summary
    ("ولبنان", "بنان", "بنان"),  # neither knows a name from a clitic: callers guard by length
    ("العراق", "عراق", "عراق"),
])
def test_clitic_rules(word, clitics, slots):
    assert (strip_clitics(word), strip_clitic_slots(word)) == (clitics, slots)


def test_word_lists_are_written_as_news_text_writes_them():
    assert {"إلى", "الى", "أن", "ان"} <= arabic.STOPWORDS  # both spellings where both are used
    assert arabic.PREPOSITIONS <= arabic.STOPWORDS <= arabic.STOPWORDS_WIDE
    assert "اليوم" in arabic.STOPWORDS_WIDE and "اليوم" not in arabic.STOPWORDS


def test_months_are_in_the_spelling_they_are_compared_in():
    assert all(fold_letters(name) == name for name in arabic.MONTHS)
    assert sorted(set(arabic.MONTHS.values())) == list(range(1, 13))
    assert arabic.MONTHS["يونيه"] == arabic.MONTHS["حزيران"] == 6


def test_letter_class():
    assert arabic.LETTER.search("The coalition met in واشنطن")
    assert not arabic.LETTER.search("The coalition met, 2016.")
