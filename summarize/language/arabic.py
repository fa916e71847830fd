"""Arabic text knowledge the stages share: letters, spelling levels, clitics, function words, months.

News text spells one word several ways (أمريكا/أميركا, مئة/مائة, الأولى/الاولى,
with or without harakat), so every stage compares words in a normalized
spelling.  The stages need different strengths, so there are three levels,
each including the one before:

1. ``normalize``: letters only.  Harakat and tatweel off; أ إ آ ٱ -> ا, ى -> ي,
   ة -> ه.  Used by the number parser (``summarize.numbers``), whose lexicon is
   written in this spelling, and by the summary's content words.  The hamza
   seats stay: folding ئ to ي would read مية (water) as مئة (a hundred).
2. ``fold_letters``: + the hamza seats ؤ -> و, ئ -> ي.  Used by story grouping
   where it compares whole words: offices, counted nouns, month names, its
   stopwords.
3. ``fold``: + one leading clitic off (و, ف, ال and their combinations, only
   if three letters stay, so short names survive) + the spellings outlets
   disagree on (``VARIANTS``).  Story grouping's word identity; the background
   word frequencies (``data/background_ar.tsv``) are folded with it.

The other clitic rules also take the prepositions ب ل ك: ``strip_clitics``
(the ungluer in ``summarize.ingest.clean`` measures the word before a glued ال with
it) and ``strip_clitic_slots`` (the summary's words; it reads لل differently,
see there).  The number parser reads clitics its own way, every reading
(``numbers.arabic_words.stems``), because a prefix there can also be the start
of a number word.

Spellings in the word lists are as news text writes them; a stage that
compares normalized words normalizes the list with the same level.
"""

from __future__ import annotations

import re

#: Character-class body for the Arabic letters, hamza (U+0621) to ya (U+064A), tatweel included.
LETTERS = "\u0621-\u064A"
#: Character-class body for the Arabic-Indic digits ٠-٩.
DIGITS = "\u0660-\u0669"
#: One Arabic letter: a line or text without one is not Arabic.
LETTER = re.compile(f"[{LETTERS}]")
#: Tatweel and the harakat (tanween, short vowels, shadda, sukun, superscript alef).
MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")

_ALEF_YA_TA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي"})


def normalize(text: str) -> str:
    """Level 1, letters only: no harakat or tatweel; أ إ آ ٱ -> ا, ى -> ي, ة -> ه."""
    return MARKS.sub("", text).translate(_ALEF_YA_TA)


def fold_letters(text: str) -> str:
    """Level 2: ``normalize`` and the hamza seats ؤ -> و, ئ -> ي."""
    return normalize(text).translate(_HAMZA_SEATS)


# Prefix clitics ``fold`` takes off, longest first; one goes, and only if three letters stay.
_FOLD_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال", "و", "ف")
#: Spellings outlets disagree on, after ``fold_letters`` and the clitic: one form each.
VARIANTS = {
    "ماكوريك": "ماكورك", "ماكجورك": "ماكورك", "ماكغورك": "ماكورك", "بريت": "برت",
    "اميركي": "امريكي", "اميركيه": "امريكيه", "اميركا": "امريكا", "اميركيين": "امريكيين",
    "سوريه": "سوريا",
}


def fold(word: str) -> str:
    """Level 3, one spelling for a word: ``fold_letters``, one clitic off, ``VARIANTS`` mapped."""
    word = fold_letters(word)
    for prefix in _FOLD_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    return VARIANTS.get(word, word)


# A conjunction (و ف), a preposition (ب ل ك) and the article, with لل read as ل + ال.
_CLITICS = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل|[وف]?[بلك]|[وف])")
# The same three slots, each optional, in order; لل fills the article's slot only.
_CLITIC_SLOTS = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال|لل)?")


def strip_clitics(word: str) -> str:
    """``word`` without its leading conjunction, preposition and article: وبالعراق, للعراق -> عراق."""
    return _CLITICS.sub("", word)


def strip_clitic_slots(word: str) -> str:
    """Conjunction, preposition and article off, one slot each in order: وبالعراق -> عراق, للعراق -> لعراق.

    The summary's rule: after the preposition ل the rest of للعراق has no
    article, so one ل stays.  ``strip_clitics`` reads لل right, but on the
    summary it changes which sentences are picked, so it waits for the scoring
    to be replaced.
    """
    return _CLITIC_SLOTS.sub("", word)


#: Prepositions and the adverbs of time and place that work as prepositions.
PREPOSITIONS = frozenset("في من عن مع على إلى الى حول بين منذ بعد قبل".split())

#: Function words (and "said"): they say nothing about what a sentence is about.  As written,
#: with both the hamza form and the bare one where news text uses both.
STOPWORDS = PREPOSITIONS | frozenset(
    """أن إن ان أو او ما لا لم لن قد كان كانت التي الذي الذين هذا هذه ذلك تلك هو هي هم كما خلال
    حتى عند كل أي إلا غير لكن ثم أيضا أيضاً وقد وكان وقال قال وأضاف أضاف وأكد أكد إنه انه أنه عليه
    فيه به لها له""".split())

#: ``STOPWORDS`` and more words any report uses, whatever it is about: function words with و,
#: and the words of time (اليوم, أمس, العام).  Story grouping, which weighs words across whole
#: articles, drops these too; the summary was tuned on ``STOPWORDS`` alone (dropping these
#: there changes which sentences it picks).
STOPWORDS_WIDE = STOPWORDS | frozenset(
    "وفي وهو وهي الي التى أنها حيث وفق يوم اليوم أمس غدا الآن عام العام".split())

#: Month names (Gregorian, then the Levantine names) -> month number, in ``fold_letters``
#: spelling; the Levantine كانون and تشرين take a second word.
MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "اذار": 3, "ابريل": 4,
    "نيسان": 4, "مايو": 5, "ايار": 5, "يونيو": 6, "يونيه": 6, "حزيران": 6, "يوليو": 7, "يوليه": 7,
    "تموز": 7, "اغسطس": 8, "اب": 8, "سبتمبر": 9, "ايلول": 9, "اكتوبر": 10, "تشرين الاول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "ديسمبر": 12, "كانون الاول": 12,
}
