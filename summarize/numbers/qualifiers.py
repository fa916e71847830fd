"""What a figure in Arabic news claims: its qualifier, the values it allows and the thing it counts.

"نحو 40 من نظرائهما" is about 40 counterparts, "أكثر من 30 دولة" more than 30
countries: the two do not contradict each other, twice over.  ``claim(text,
quantities, i)`` reads, around the ``i``-th quantity ``extract_arabic`` found in
``text``:

* the qualifier (``QUALIFIERS``, named by its fixed English words): in the words
  just before the number (نحو, أكثر من, لا يقل عن, ما يصل إلى, أقل من, ...) or just
  after its noun (تقريبا, على الأقل, أو أكثر, كحد أقصى), or a range with the
  quantity beside it, low to high (بين 30 و40, من 30 إلى 40, 30-40, 30 أو 40); "ارتفع
  من 30 إلى 40" is a change and "فاز 5-2" a score, not ranges: each number keeps its value;
* the ``Interval`` of values that qualifier allows; "about" reaches ``ABOUT``
  either side;
* the counted noun: the word after the number (and a scale word the number did
  not take), past a partitive من ("40 من نظرائهما": the counted thing is نظراء,
  whatever else the sentence names).

``noun_key`` is how two counted nouns compare: ``summarize.language.arabic.fold``, a
possessive pronoun off after a partitive من (نظرائهما -> نظراي, as نظرائه), and
the accusative alif of the singular that counts after 11-99 (Wright I § 325:
"أربعون جنديا"; news writes it after larger numbers too) off, so جنديا is جندي.
Singular and broken plural (جندي/جنود) are not one key here: the story stage's
noun list joins them.  ``english_noun`` reads the counted noun after a number's
English surface ("about 40 of their counterparts" -> counterparts).

Phrases are in ``summarize.language.arabic.normalize`` spelling (ا for أ إ آ, ي for ى).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from summarize.language.arabic import STOPWORDS_WIDE, fold, normalize
from summarize.numbers.arabic_words import PLURAL_SCALES, SCALES, WORD
from summarize.numbers.quantity import Quantity

#: How far "about" (نحو, حوالي, قرابة...) reaches either side of its number, as a share of it.
#: A reporter who writes "about 40" rounded a figure to its leading digit or two: 10% keeps
#: "about 40" clear of 45 and of 35, which a reporter who meant them would have written.
ABOUT = 0.1

#: Qualifier -> the phrases that say it before the number.  The qualifier's name is the English
#: the briefs show; ``exact`` (no phrase) shows nothing and ``between`` is a range.
BEFORE = {
    "about": ("نحو", "حوالي", "قرابه", "زهاء", "ما يقارب", "يقارب", "ما يناهز", "يناهز", "تقريبا"),
    "more than": ("اكثر من", "ما يزيد عن", "ما يزيد علي", "يزيد عن", "يزيد علي", "ما يربو علي",
                  "يربو علي", "ازيد من", "ما يفوق", "يفوق", "فوق"),
    "at least": ("علي الاقل", "ما لا يقل عن", "لا يقل عن", "ما لا تقل عن", "لا تقل عن"),
    "up to": ("ما يصل الي", "ما لا يزيد عن", "ما لا يزيد علي", "لا يزيد عن", "لا يزيد علي", "لا تزيد عن",
              "لا تزيد علي", "حتي"),
    "less than": ("اقل من", "ما يقل عن", "يقل عن", "ما دون", "دون"),
}
#: Qualifier -> the phrases that say it after the noun (or right after the number).
AFTER = {
    "about": ("تقريبا",),
    "at least": ("علي الاقل", "علي اقل تقدير", "كحد ادني", "او اكثر", "فاكثر"),
    "up to": ("علي الاكثر", "كحد اقصي", "او اقل", "فاقل"),
}
QUALIFIERS = ("exact", "about", "more than", "at least", "up to", "less than", "between")
#: Clitics a qualifier's first word may carry: بأكثر من, ونحو, لما يقارب.
_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب")
#: A connector between two numbers that makes them one range, and what must open it ("" any).
_RANGE = {"و": ("بين",), "الي": ("من", ""), "حتي": ("من",), "او": ("",), "-": ("", "من", "بين"),
          "–": ("", "من", "بين")}
#: "ارتفع عدد القتلى من 30 إلى 40": a change from one figure to another, not a range (stems).
_CHANGE = ("ارتفع", "يرتفع", "ترتفع", "ارتفاع", "زاد", "يزيد", "تزيد", "زياده", "انخفض", "ينخفض", "تنخفض",
           "انخفاض", "تراجع", "يتراجع", "قفز", "يقفز", "صعد", "هبط", "تضاعف", "تقلص", "يتقلص")
#: Words after a number that are not what it counts: function words and range connectors.
_NOT_NOUNS = frozenset(normalize(w) for w in STOPWORDS_WIDE) | frozenset(_RANGE)
_DEFINITE = re.compile("^(?:[وف]?[بلك]?ال|[وف]?لل)")
_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_TOKEN = re.compile(f"(?P<word>{WORD.pattern})|(?P<num>[0-9\u0660-\u0669\u06F0-\u06F9]+)|(?P<sym>\\S)")
#: How many scale words a number may leave untaken before its noun ("3 آلاف مليون دولار"): more is no
#: figure's noun ("ألف ألف ألف … شخص": each ألف counts nothing but the last two), and a claim's text
#: stays a few words long, whatever the sentence (issue 25: 20,000 ألف kept 1.7 GB of claim text).
SCALE_WORDS = 2


@dataclass(frozen=True)
class Interval:
    """The values a figure allows: ``low`` to ``high`` (``math.inf``: no bound), either end open."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """Whether some value is in both."""
        return self.meet(other) is not None

    def meet(self, other: Interval) -> Interval | None:
        """The values in both, or None."""
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_open = min((self.high, not self.high_open), (other.high, not other.high_open))
        high_open = not high_open
        if low < high or low == high and not low_open and not high_open:
            return Interval(low, high, low_open, high_open)
        return None

    def contains(self, x: float) -> bool:
        return (self.low < x or self.low == x and not self.low_open) and (
            x < self.high or x == self.high and not self.high_open)

    def as_json(self) -> dict:
        """``low``/``high`` with None for no bound (JSON has no infinity)."""
        return {"low": self.low, "high": None if math.isinf(self.high) else self.high,
                "low_open": self.low_open, "high_open": self.high_open}


@dataclass(frozen=True)
class Claim:
    """What a figure says: ``qualifier`` (one of ``QUALIFIERS``), the ``interval`` it allows, the counted
    ``noun`` as written ("" when none follows) and its ``key``, and ``text``, its words from the
    qualifier to the noun or closing phrase (``start``:``end`` of the sentence)."""

    qualifier: str
    interval: Interval
    values: tuple  # the number, or the two ends of a range
    noun: str
    key: str
    text: str
    start: int
    end: int
    opens_range: bool = False  # the quantity is a range's first number (its second closes it)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    norm: str
    start: int
    end: int


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[_Tok, ...]:
    """The sentence's tokens, normalized (kept for the sentence's other quantities)."""
    return tuple(_Tok(m.lastgroup or "", m.group(), normalize(m.group()) if m.lastgroup == "word" else m.group(),
                 m.start(), m.end()) for m in _TOKEN.finditer(text))


def interval(qualifier: str, value: float, high: float | None = None) -> Interval:
    """The values ``qualifier value`` allows (``between value and high`` for a range)."""
    if qualifier == "about":
        return Interval(value * (1 - ABOUT), value * (1 + ABOUT))
    if qualifier == "more than":
        return Interval(value, math.inf, low_open=True)
    if qualifier == "at least":
        return Interval(value, math.inf)
    if qualifier == "up to":
        return Interval(0, value)
    if qualifier == "less than":
        return Interval(0, value, high_open=True)
    if qualifier == "between" and high is not None:
        return Interval(min(value, high), max(value, high))
    return Interval(value, value)


@lru_cache(maxsize=None)
def _longest_first(phrases: tuple[str, ...]) -> tuple[list[str], ...]:
    """``phrases`` as word lists, the longest first (the tables are fixed: sorted once each)."""
    return tuple(phrase.split() for phrase in sorted(phrases, key=len, reverse=True))


def _phrase_before(toks: tuple[_Tok, ...], i: int, phrases) -> int | None:
    """The index of the first token of one of ``phrases`` ending just before token ``i``."""
    for words in _longest_first(phrases):
        k = i - len(words)
        if k < 0 or any(t.kind != "word" for t in toks[k:i]):
            continue
        if [t.norm for t in toks[k + 1:i]] == words[1:] and any(
                toks[k].norm == c + words[0] for c in _CLITICS):
            return k
    return None


def _phrase_after(toks: tuple[_Tok, ...], j: int, phrases) -> int | None:
    """One past the last token of one of ``phrases`` starting at token ``j``."""
    for words in _longest_first(phrases):
        if [t.norm for t in toks[j:j + len(words)]] == words:
            return j + len(words)
    return None


@lru_cache(maxsize=64)
def _ends(text: str) -> tuple[int, ...]:
    """Where each token of ``text`` ends (increasing): ``_at`` looks a position up in them."""
    return tuple(t.end for t in _tokens(text))


def _at(text: str, pos: int) -> int:
    """The index of the token of ``text`` that holds character ``pos``, or the first after it (a binary
    search: a sentence of 20,000 numbers is not read once per number)."""
    return bisect_right(_ends(text), pos)


def _range_with(text: str, toks: tuple[_Tok, ...], a: Quantity, b: Quantity) -> int | None:
    """If ``a`` and ``b`` are one range (``a`` first), the index of the token that opens it."""
    if a.kind != b.kind and a.kind != "count" or a.value is None or b.value is None or a.value >= b.value:
        return None  # a range runs low to high: "فاز 5-2" is a score, "من 16.5 إلى 10.5" a fall
    between = normalize(text[a.end:b.start]).strip()
    if between not in _RANGE:
        return None
    i = _at(text, a.start)
    opener = toks[i - 1].norm if i > 0 and toks[i - 1].kind == "word" else ""
    opener = "بين" if opener in ("بين", "وبين") else opener
    if opener not in _RANGE[between]:
        if "" not in _RANGE[between]:
            return None
        opener = ""
    if opener == "من" and any(t.norm.startswith(_CHANGE) or fold(t.norm).startswith(_CHANGE)
                              for t in toks[max(0, i - 5):i - 1]):
        return None  # ارتفع عدد القتلى من 30 إلى 40
    if opener == "بين" and i > 1 and toks[i - 2].norm == "ما":
        return i - 2
    return i - 1 if opener else i


def noun_key(noun: str, value: float | None = None, partitive: bool = False) -> str:
    """How counted nouns compare: ``fold``, then a pronoun off after a partitive من, then the
    accusative alif of a singular after a number above 10 (جنديا -> جندي)."""
    key = fold(noun)
    if partitive and not _DEFINITE.match(normalize(noun)):
        for p in _PRONOUNS:
            if key.endswith(p) and len(key) - len(p) >= 3:
                key = key[:-len(p)]
                break
    if value is not None and value > 10 and key.endswith("ا") and not key.endswith(("اا", "ايا")) and len(key) >= 4:
        key = key[:-1]
    return key


def _noun(toks: tuple[_Tok, ...], j: int, value) -> tuple[str, str, int]:
    """The counted noun from token ``j`` on: (as written, key, one past it); ("", "", j) if none."""
    skipped = 0
    while j < len(toks) and toks[j].kind == "word" and (
            toks[j].norm in SCALES or toks[j].norm in PLURAL_SCALES):
        j += 1  # a scale word the number did not take
        skipped += 1
        if skipped > SCALE_WORDS:
            return "", "", j - skipped
    partitive = j < len(toks) and toks[j].norm == "من"
    k = j + 1 if partitive else j
    if k >= len(toks) or toks[k].kind != "word" or len(toks[k].norm) < 2 or toks[k].norm in _NOT_NOUNS:
        return "", "", j
    if any(_phrase_after(toks, k, ps) for ps in AFTER.values()):
        return "", "", j  # "30 على الأقل": no noun, a closing qualifier
    return toks[k].text, noun_key(toks[k].text, value, partitive), k + 1


def claim(text: str, quantities: list[Quantity], index: int) -> Claim:
    """What the ``index``-th of ``quantities`` (``extract_arabic(text)``) claims: see the module."""
    q = quantities[index]
    toks = _tokens(text)
    start, end = q.start, q.end
    value = q.value if q.value is not None else 0
    prev = quantities[index - 1] if index > 0 else None
    nxt = quantities[index + 1] if index + 1 < len(quantities) else None
    values: tuple[int | float, ...]
    qualifier, values, opens = "exact", (value,), False
    # (_range_with takes no quantity without a value)
    if prev is not None and prev.value is not None and (k := _range_with(text, toks, prev, q)) is not None:
        qualifier, values, start = "between", (prev.value, value), toks[k].start
    elif nxt is not None and nxt.value is not None and (k := _range_with(text, toks, q, nxt)) is not None:
        qualifier, values, start, end, opens = "between", (value, nxt.value), toks[k].start, nxt.end, True
    else:
        i = _at(text, q.start)
        for name, phrases in BEFORE.items():
            k = _phrase_before(toks, i, phrases)
            if k is not None:
                qualifier, start = name, toks[k].start
                break
    j = _at(text, end)
    noun, key, j = _noun(toks, j, values[-1])
    if noun:
        end = toks[j - 1].end
    if qualifier == "exact":
        for name, phrases in AFTER.items():
            k = _phrase_after(toks, j, phrases)
            if k is not None:
                qualifier, end = name, toks[k - 1].end
                break
    return Claim(qualifier, interval(qualifier, *values), values, noun, key, text[start:end], start, end, opens)


# English: the words a counted noun may be made of, and the ones that end it.
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_EN_SKIP = re.compile(r"\s*(?:of\s+)?(?:(?:the|their|its|his|her|our|your|these|those|them)\s+)?", re.I)
_EN_STOP = frozenset("""of in at on to for from with by and or but who which that whom whose were was are is
    be been being have has had will would could should may might shall can did do does as than including
    more less about over under nearly around almost some the a an this these those it its they their there
    per each every""".split())
_EN_PLURALS = frozenset("people men women children police personnel staff dead wounded injured troops "
                        "cattle sheep fish aircraft".split())


_EN_REST = 400  # the English read after a number: three words and what stands between them


class _Found:
    """Where ``surface`` was found in an English so far (each occurrence from the one before)."""

    def __init__(self) -> None:
        self.at: list[int] = []


@lru_cache(maxsize=256)
def _found(en: str, surface: str) -> _Found:
    return _Found()


def _occurrence(en: str, surface: str, occurrence: int) -> int:
    """Where the ``occurrence``-th ``surface`` starts in ``en`` (-1: there are fewer), each found once
    for all the calls on this English: the n-th of 20,000 "1,000" is not searched from the start."""
    found = _found(en, surface)
    while len(found.at) <= occurrence:
        at = en.find(surface, found.at[-1] + 1 if found.at else 0)
        if at < 0:
            return -1
        found.at.append(at)
    return found.at[occurrence]


def english_noun(en: str, surface: str, occurrence: int = 0, value: float | None = None) -> str | None:
    """The counted noun after the ``occurrence``-th ``surface`` in the English ``en``: up to three
    words ending at the first plural ("30 member states", "40 of their counterparts" -> counterparts),
    one word for a count of one; None when no noun follows."""
    at = _occurrence(en, surface, occurrence)
    if at < 0:
        return None
    rest = en[at + len(surface):at + len(surface) + _EN_REST]
    if rest[:1].isalnum():
        return None  # "40" found inside "400"
    skip = _EN_SKIP.match(rest)
    assert skip is not None  # every part of _EN_SKIP is optional
    rest = rest[skip.end():]
    words: list[tuple[str, int]] = []
    for m in _EN_WORD.finditer(rest):
        gap = rest[(words[-1][1] if words else 0):m.start()]
        if gap.strip() or len(words) == 3 or m.group().lower() in _EN_STOP:
            break
        words.append((m.group().rstrip("'’"), m.end()))
    if not words:
        return None
    if value != 1:
        for n, (w, _) in enumerate(words):
            lower = w.lower()
            if lower in _EN_PLURALS or lower.endswith("s") and not lower.endswith("ss"):
                return " ".join(x for x, _ in words[:n + 1])
    return words[0][0]
