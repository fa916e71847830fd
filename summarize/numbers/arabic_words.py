"""The Arabic number words: the only list of them, for the reader and for every other stage.

The lexicon is in ``summarize.language.arabic.normalize`` spelling (no harakat, ا for
أ إ آ, ي for ى, ه for ة) and is looked up through ``stems``, the clitic
readings of a word.  The reader (``numbers.arabic``) uses all of it; the other
stages ask here instead of keeping their own lists:

* ``NUMBER_CUES``: digits and the scale and magnitude words, as news text
  writes them; the summary counts them as facts a sentence carries;
* ``may_have_number``: a cheap test the story grouping runs before the reader,
  which is the costly part;
* ``implied_values``: the small numbers a word carries without a numeral (a
  dual, ثلاثي), which the matcher uses to excuse a "two" in the English;
  the duals that are quantities themselves (``DUAL_NOUNS``: أسبوعين, and the
  counted nouns of ``data/arabic_duals.tsv``: ضابطين) are read by the reader.

Grammar followed: Wright, *A Grammar of the Arabic Language* I §§ 321-335
(cardinals, the dual, the construct ثلاثة آلاف), §§ 336-339 (ordinals) and
§ 294 (the dual of counted nouns).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

from summarize.language.arabic import DIGITS, MARKS, MONTHS, fold, normalize

if TYPE_CHECKING:
    from summarize.numbers.quantity import QuantityKind


@lru_cache(maxsize=1 << 16)
def stems(norm: str) -> tuple[tuple[str, str], ...]:
    """(prefix, stem) readings of a normalized word, the bare word first: وسته -> (و, سته).

    Clitics: conjunctions و ف, prepositions ب ل ك, the article ال; لل is ل + ال.
    Every reading is kept: a prefix may also be the start of a number word (ثلاث, اربع).
    Remembered per word: news repeats its words, and the reader asks for every word's
    readings once per table it looks in.
    """
    out = [("", norm)]
    for p1 in ("", "و", "ف"):
        if p1 and not norm.startswith(p1):
            continue
        rest = norm[len(p1):]
        for p2 in ("", "ب", "ل", "ك"):
            if p2 and not rest.startswith(p2):
                continue
            r2 = rest[len(p2):]
            if p2 == "ل" and r2.startswith("ل"):
                r2 = "ال" + r2[1:]
            if p1 or p2:
                out.append((p1 + p2, r2))
            if r2.startswith("ال") and len(r2) > 3:
                out.append((p1 + p2 + "ال", r2[2:]))
    return tuple((p, s) for p, s in out if len(s) >= 2)


# --- the lexicon (normalized spellings) ----------------------------------------------------

UNITS = {
    "واحد": 1, "واحده": 1, "واحدا": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    # accusative with tanween, as in أسقط ثلاثًا
    "ثلاثا": 3, "اربعا": 4, "خمسا": 5, "ستا": 6, "سبعا": 7, "ثمانيا": 8, "تسعا": 9,
}
TEN = {"عشر": 10, "عشره": 10}
_TEN_STEMS = (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60),
              ("سبع", 70), ("ثمان", 80), ("تسع", 90))
TENS = {stem + ending: value for stem, value in _TEN_STEMS for ending in ("ون", "ين")}
HUNDREDS = {"مائه": 100, "مئه": 100}
HUNDREDS.update(dict.fromkeys(("مائتان", "مائتين", "مائتا", "مائتي", "مئتان", "مئتين", "مئتا", "مئتي"), 200))
HUNDREDS.update({stem + hundred: value * 100
                 for stem, value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                     ("ثمان", 8), ("ثماني", 8), ("تسع", 9))
                 for hundred in ("مائه", "مئه")})
SCALES = {"الف": 1000, "مليون": 10**6, "مليار": 10**9, "بليون": 10**9, "تريليون": 10**12}
PLURAL_SCALES = {"الاف": 1000, "الوف": 1000, "ملايين": 10**6, "مليارات": 10**9,
                 "بلايين": 10**9, "تريليونات": 10**12}
# The dual of a scale word is a number by itself (ألفا/ألفين = 2000), but the
# accusative singular after a number looks the same: خمسة عشر ألفا = 15000.
DUAL_SCALES = {stem + ending: value
               for stem, value in (("الف", 1000), ("مليون", 10**6), ("مليار", 10**9), ("بليون", 10**9))
               for ending in ("ا", "ان", "ين", "ي")}
_SHARES = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3}
FRACTIONS = dict(_SHARES)
FRACTIONS.update({stem + pronoun: value for stem, value in _SHARES.items()
                  for pronoun in ("ه", "ها", "هم", "هما")})  # ثلثها "a third of it"
VAGUE = {"مئات", "الاف", "الوف", "ملايين", "مليارات", "عشرات", "بلايين"}

ORDINALS = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "ثان": 2, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8,
    "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "حادي": 1, "حاديه": 1,
}
# Adverbs "firstly, secondly" (أولاً، ثانياً) read as the ordinal.
ORDINAL_ADVERBS = {"اولا": 1, "ثانيا": 2, "ثالثا": 3, "رابعا": 4, "خامسا": 5}

# Duals of counted nouns carry the number 2 themselves (Wright I § 294): the
# time nouns, and the counted nouns whose dual the shared parallel text attests
# (``data/arabic_duals.tsv``, mined by ``scripts/mine_duals.py`` and read by hand).
TIME_DUALS: dict[str, QuantityKind] = {stem + ending: "duration"
              for stem in ("يوم", "اسبوع", "شهر", "عام", "سنت", "ساعت", "دقيقت", "قرن", "عقد")
              for ending in ("ين", "ان")}
TIME_DUALS["مرتين"] = TIME_DUALS["مرتان"] = "count"  # twice

COUNTED_DUALS_FILE = Path(__file__).parents[1] / "data" / "arabic_duals.tsv"
# The plain endings of the dual, which no plural or other form shares, read for
# every listed noun; forms with a pronoun (طفلاهما) only where the text had them
# (a dual possessor is also "one each": حسابيهما "their accounts").  Left out:
# the bare construct ـا ـي of a masculine noun (طفلا is also "a child" in the
# accusative, طرفي "my side"), ـتي (سيارتي "my car").
_DUAL_PLAIN = ("ان",)
_DUAL_OBLIQUE = ("ين",)  # also the sound plural's: only for nouns without one
_DUAL_FEMININE = ("تان", "تين", "تا")


def counted_dual_forms(singular: str, oblique: bool) -> list[str]:
    """The plain dual forms of a counted noun (normalized): سياره -> سيارتان, سيارتين, سيارتا; ضابط -> ضابطان, ضابطين."""
    if singular.endswith("ه"):
        return [singular[:-1] + ending for ending in _DUAL_FEMININE]
    return [singular + ending for ending in _DUAL_PLAIN + (_DUAL_OBLIQUE if oblique else ())]


def _load_counted_duals(path: Path) -> dict[str, QuantityKind]:
    forms: dict[str, QuantityKind] = {}
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            singular, seen, oblique = line.split("\t")[:3]
            forms.update(dict.fromkeys(counted_dual_forms(singular, oblique == "yes"), "count"))
            forms.update(dict.fromkeys(filter(None, seen.split(",")), "count"))
    return forms


COUNTED_DUALS = _load_counted_duals(COUNTED_DUALS_FILE)
#: Every dual the reader takes as a quantity of 2, with its kind.
DUAL_NOUNS: dict[str, QuantityKind] = {**COUNTED_DUALS, **TIME_DUALS}

DECADES = {stem + ending: 1900 + value
           for stem, value in (("عشرين", 20), ("ثلاثين", 30), ("اربعين", 40), ("خمسين", 50),
                               ("ستين", 60), ("سبعين", 70), ("ثمانين", 80), ("تسعين", 90))
           for ending in ("يات", "ات")}

# --- reading a cardinal in words ----------------------------------------------------------


_V = TypeVar("_V")


@overload
def lookup(norm: str, table: dict[str, _V]) -> tuple[str, _V] | None: ...
@overload
def lookup(norm: str, table: set[str]) -> tuple[str, str] | None: ...


def lookup(norm: str, table: dict[str, _V] | set[str]) -> tuple[str, _V | str] | None:
    """(prefix, entry) for the first reading (``stems``) of a normalized word found in ``table``."""
    for prefix, stem in stems(norm):
        if stem in table:
            return prefix, table[stem] if isinstance(table, dict) else stem
    return None


_CATEGORIES: tuple[tuple[dict[str, int] | dict[str, float], str], ...] = (
    (UNITS, "unit"), (TEN, "ten"), (TENS, "tens"), (HUNDREDS, "hundred"), (SCALES, "scale"),
    (DUAL_SCALES, "dual_scale"), (PLURAL_SCALES, "plural_scale"), (FRACTIONS, "fraction"))


def classify(norm: str, text: str, first: bool) -> tuple[str, int | float, str] | None:
    """(prefix, value, category) of a number word (``norm``, written ``text``), or None.

    ``first``: the word would start the number, where some readings are refused.
    """
    for table, cat in _CATEGORIES:
        hit = lookup(norm, table)
        if not hit:
            continue
        prefix, value = hit
        bare = MARKS.sub("", text)
        if cat == "unit" and prefix == "" and norm.startswith("وا") and bare[1] in "أإ":
            return None  # وأحد is "and one of", not واحد; the hamza tells them apart
        if cat == "unit" and not first and norm.startswith(("ا", "وا")) and bare[len(prefix)] == "أ" and value == 2:
            return None  # أثنى "praised", not اثني
        if first and cat == "unit" and value == 2 and bare[len(prefix):][:1] == "أ":
            return None
        if first and cat == "tens" and norm[len(prefix):] == "ستون":
            return None  # ستون alone is far more often Stone (Emma Stone) than sixty
        if first and cat == "fraction":
            return None  # a lone نصف is read by the reader's ordinals as a fraction
        return prefix, value, cat
    return None


@dataclass
class Cardinal:
    """A cardinal in words, read one word at a time: which category of word may come next.

    Units before tens joined by و (ثلاثة وعشرون), a scale after a number in
    construct (ثلاثة آلاف), smaller scales after larger ones, and "and a half"
    after a scale (مليون ونصف).
    """

    total: int | float = 0  # the part already multiplied out by a scale
    group: int | float = 0  # the part since the last scale word
    last: str | None = None  # category of the last word taken (None: nothing yet)
    last_scale: int = 1
    scale_seen: int = 1  # the largest scale word read

    @property
    def value(self) -> int | float:
        return self.total + self.group

    def take(self, cat: str, value: int | float, conj: bool) -> bool:
        """Add a word of category ``cat`` (after و when ``conj``); False if it cannot follow here."""
        first, last, group, ok = self.last is None, self.last, self.group, False
        if cat in ("ten", "tens", "unit"):
            if cat == "ten":
                ok, value = first or not conj and last == "unit", 10
            elif cat == "tens":
                ok = first or conj and (last == "unit" and group < 10 or last in ("hundred", "scale"))
            else:
                ok = first or conj and last in ("hundred", "scale")
            if ok:
                self.group += value
        elif cat == "hundred":
            if first or conj and last == "scale":
                ok, self.group = True, group + value
            elif not conj and last == "unit" and value == 100 and group < 10:
                ok, self.group = True, group * 100
        elif cat == "fraction":
            ok = conj and last == "scale"
            if ok:
                self.total += value * self.last_scale
        else:
            ok = self._take_scale(cat, int(value), conj)  # the scale tables hold ints
            cat = "scale"
        if ok:
            self.last = cat
        return ok

    def _take_scale(self, cat: str, value: int, conj: bool) -> bool:
        smaller = self.total == 0 or value < self.last_scale
        if cat == "scale" and not conj and (self.last is None or self.group > 0) and smaller:
            self.total += (self.group or 1) * value
        elif cat == "dual_scale" and not conj and self.group > 0 and smaller:
            self.total += self.group * value  # accusative singular after a number: عشرين مليونا
        elif cat == "dual_scale" and self.last is None:
            self.total += 2 * value
        elif cat == "plural_scale" and not conj and 2 < self.group <= 10 and self.total == 0:
            self.total += self.group * value
        else:
            return False
        self.group, self.last_scale = 0, value
        self.scale_seen = max(self.scale_seen, value)
        return True


# --- the words around a number -------------------------------------------------------------

PERCENT_WORDS = {"بالمئه", "بالمائه"}
HUNDRED_AFTER_FI = {"المئه", "المائه"}
CURRENCIES = {
    "دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "جنيهات", "ريال", "ريالا", "ريالات",
    "درهم", "درهما", "دراهم", "دينار", "دينارا", "دنانير", "ليره", "ليرات", "روبل", "ين",
    "فرنك", "فرنكا", "استرليني", "روبيه", "يوان", "وون", "بيزو", "سنت", "سنتا", "سنتات",
}
DISTANCES = {
    "كيلومتر", "كيلومترا", "كيلومترات", "كم", "كلم", "ميل", "ميلا", "اميال", "متر", "مترا",
    "امتار", "سنتيمتر", "سنتيمترا", "سنتيمترات", "سم", "ملم", "مليمتر", "قدم", "اقدام", "بوصه",
    "ياردا", "يارده", "كيلو",
}
DURATIONS = {
    "يوم", "يوما", "ايام", "اسبوع", "اسبوعا", "اسابيع", "شهر", "شهرا", "اشهر", "شهور", "سنه",
    "سنوات", "سنين", "عام", "عاما", "اعوام", "ساعه", "ساعات", "دقيقه", "دقائق", "ثانيه", "ثوان",
    "ثواني", "عقد", "عقود", "قرن", "قرون", "ليله", "ليال", "ليالي",
}
#: A month name's first word (``summarize.language.arabic.MONTHS``): a day number before it is a date.
MONTH_WORDS = {name.split()[0] for name in MONTHS}
#: كانون الثاني, تشرين الأول: the second word is not an ordinal.
TWO_WORD_MONTHS = {name.split()[0] for name in MONTHS if " " in name}
YEAR_CUES = {
    "منذ", "عام", "عامي", "سنه", "حتي", "قبل", "بعد", "مطلع", "اوائل", "اواخر", "منتصف", "نهايه",
    "بدايه", "اواسط", "ربيع", "صيف", "خريف", "شتاء", "في", "موسم",
}
PM = {"مساء", "مساءا", "ليلا", "عصرا", "ظهرا"}
CONNECTORS = {"و", "الي", "حتي", "او", "-", "–", "—", "/"}

# --- for the other stages ------------------------------------------------------------------

#: Scale and magnitude words as news text writes them (each normalizes to a lexicon entry).
FACT_WORDS = ("ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارا", "ملياري", "عشرة", "عشرات", "مئات", "نصف")
#: A digit or a whole ``FACT_WORDS`` word; the summary counts the matches as facts.
NUMBER_CUES = re.compile(f"[0-9{DIGITS}]|" + r"\b(?:" + "|".join(FACT_WORDS) + r")\b")
#: Word starts of the units 2-9, ten, a hundred and the first ordinals, as written (with hamza).
_NUMBER_STARTS = ("ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "اثن", "مئة", "مائة", "أول", "ثاني")
_MAY_HAVE_NUMBER = re.compile(
    NUMBER_CUES.pattern + r"|\b[وبل]?(?:" + "|".join(_NUMBER_STARTS) + ")")


def may_have_number(text: str) -> bool:
    """Whether ``text`` may hold a quantity: a cheap test to run before ``extract_arabic``.

    It looks for digits, ``NUMBER_CUES`` and the starts of the common number
    words as written with hamza; it is for speed, not a promise: forms such as
    ألفين or اربعة without its hamza pass unseen.
    """
    return bool(_MAY_HAVE_NUMBER.search(text))


# Words that carry a small number without writing it (Wright I § 294 on the
# dual; the derived adjectives ثلاثي "three-", رباعي "four-" ...).  They excuse
# a "two" or "three" in the English that no Arabic number accounts for.
_DUAL_ENDINGS = ("ان", "ين", "تا", "تي", "اهما", "يهما", "اهم", "يهم", "يها", "اها")
_DERIVED = (("ثنائي", 2), ("مزدوج", 2), ("زوج", 2), ("كلتا", 2), ("ثلاثي", 3),
            ("رباعي", 4), ("خماسي", 5), ("سداسي", 6), ("سباعي", 7), ("ثماني", 8), ("تساعي", 9))
#: A word as the reader cuts them: letters, tatweel, harakat and the Persian/Urdu letters.
WORD = re.compile(r"[\u0621-\u063A\u0640-\u065F\u0670-\u06D3]+")


@lru_cache(maxsize=1 << 16)
def may_be_dual(stem: str) -> bool:
    """Whether a word without its clitics may be a dual: a dual ending on a singular that general
    Arabic uses (``vocabulary.background``).  Loose (the plural ـين passes: المعارضين), but not
    a word that only ends like one: البرلمان, الصين, إيران, وكان.
    """
    from summarize.language.vocabulary import (
        background,  # loaded on the first word that ends like a dual
    )

    for ending in _DUAL_ENDINGS:
        base = stem[: len(stem) - len(ending)]
        if not stem.endswith(ending) or len(base) < 2:
            continue
        if ending.startswith("ت"):
            base += "ه"  # سيارتا -> سياره
        singulars = {base}
        if base.endswith("ت"):
            singulars.add(base[:-1] + "ه")  # سيارتين -> سياره
        if base.endswith("ا"):
            singulars.add(base[:-1] + "ء")  # الجزأين -> جزء
        return any(len(b) >= 3 and fold(b) in background() for b in singulars)
    return False


def implied_values(text: str) -> Counter:
    """Small numbers an Arabic text implies without a number (2 for each dual, 3 for ثلاثي), counted.

    Loose on purpose: any word with a dual ending counts (the plural ـين too),
    since it only excuses a "two" that no Arabic number accounts for.  The duals
    the reader takes as quantities (``DUAL_NOUNS``) are not counted again.
    """
    found: Counter = Counter()
    for m in WORD.finditer(text):
        value = _implied_value(m.group())
        if value is not None:
            found[value] += 1
    return found


@lru_cache(maxsize=1 << 16)
def _implied_value(word: str) -> int | None:
    """The small number one word implies (``implied_values``), or None; remembered per word (the
    number check reads every source sentence, and news repeats its words)."""
    norm = normalize(word)
    if lookup(norm, DUAL_NOUNS):
        return None  # read as a quantity by the reader
    for _, stem in stems(norm):
        if may_be_dual(stem):
            return 2
        if stem in UNITS or stem in TENS or stem in DECADES:
            continue  # ثلاثة, ثلاثين: numbers, read by the extractor
        for root, value in _DERIVED:
            if stem.startswith(root):
                return value
    return None
