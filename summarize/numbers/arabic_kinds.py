"""What an Arabic figure is a figure of, from the words around it; and the tokens the Arabic reader walks.

The one home of a cardinal's kind in Arabic text.  ``summarize.numbers.arabic`` reads a number
(digits, number words, a scale word) and hands it to ``KindReader.finish_cardinal``, which gives
it its kind from its neighbours: a percent (10%, عشرة بالمئة, 10 في المئة), money (a currency
word, $ 5), a distance, a duration, a day of a month and its year (20 يوليو/تموز 2016, الـ 23 من
الجاري), a year (a cue word before it, else 1900-2100), a clock time (8 مساءً); and
``propagate_ranges`` gives the first number of a range the unit of the second (بين 20 و30%).
The unit, month and cue words themselves are listed in ``numbers.arabic_words``.

Here too are the tokens both work on: ``tokenize`` cuts the text once into digits, Arabic words
(with their ``summarize.language.arabic.normalize`` spelling), Latin words and single symbols;
``KindReader`` looks at a token and its neighbours (``tok``, ``norm``, ``stem``, ``adjacent``)
and records what it read (``add``), and ``lookup_word`` finds a word's clitic reading in a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from summarize.language.arabic import MARKS, normalize
from summarize.numbers import arabic_words as lex
from summarize.numbers.quantity import (
    QuantityKind,
    Reader,
    Reading,
    clean_value,
    digits_value,
    share_unit,
    takes_unit,
)

_TOKEN = re.compile(
    r"(?P<num>[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C\u060C][0-9\u0660-\u0669\u06F0-\u06F9]+)*)"
    f"|(?P<word>{lex.WORD.pattern})"
    r"|(?P<lat>[A-Za-z]+)"
    r"|(?P<sym>\S)"
)


@dataclass
class Token:
    """A piece of the text: its kind, its text and span, and its ``normalize`` spelling (words only)."""

    kind: str  # num, word, lat, sym
    text: str
    start: int
    end: int
    norm: str


def tokenize(text: str) -> list[Token]:
    """The text's tokens, left to right: digit strings (with their separators), Arabic words, Latin words,
    single symbols; spaces are not tokens."""
    toks = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        norm = normalize(m.group()) if kind == "word" else m.group()
        toks.append(Token(kind, m.group(), m.start(), m.end(), norm))
    return toks


_V = TypeVar("_V")


@overload
def lookup_word(tok: Token | None, table: dict[str, _V]) -> tuple[str, _V] | None: ...
@overload
def lookup_word(tok: Token | None, table: set[str]) -> tuple[str, str] | None: ...


def lookup_word(tok: Token | None, table: dict[str, Any] | set[str]) -> tuple[str, Any] | None:
    """(prefix, entry) for the first reading of ``tok`` found in ``table``; None past the text's ends."""
    return lex.lookup(tok.norm, table) if tok is not None and tok.kind == "word" else None


def prefix_end(tok: Token, prefix: str) -> int:
    """Offset in ``tok.text`` just after ``len(prefix)`` letters and their marks."""
    i, letters = 0, 0
    text = tok.text
    while i < len(text) and letters < len(prefix):
        if not MARKS.match(text[i]):
            letters += 1
        i += 1
    while i < len(text) and MARKS.match(text[i]):
        i += 1
    return i


class KindReader(Reader):
    """The Arabic reader's view of its tokens, and the kind a cardinal takes from the words around it;
    ``numbers.arabic`` extends it with the reading of the numbers themselves."""

    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.found: list[Reading] = []

    # -- tokens -------------------------------------------------------------------
    def tok(self, i: int) -> Token | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def norm(self, i: int) -> str:
        t = self.tok(i)
        return t.norm if t else ""

    def stem(self, i: int) -> str:
        """The word at ``i`` without ال (units and cues are looked up this way)."""
        n = self.norm(i)
        return n[2:] if n.startswith("ال") and len(n) > 3 else n

    def adjacent(self, i: int, gap: int = 1) -> bool:
        """Token ``i`` follows token ``i-1`` with at most ``gap`` spaces between."""
        a, b = self.tok(i - 1), self.tok(i)
        return a is not None and b is not None and b.start - a.end <= gap

    def add(self, value: int | float | None, kind: QuantityKind, i: int, j: int, prefix: str = "",
            unit: bool = False, base: int | float | None = None, scale: int = 1) -> int:
        """Record tokens ``i:j`` as a quantity (past ``prefix``, a clitic the first word carries); return ``j``."""
        if prefix.endswith("ال"):
            prefix = "" if prefix.endswith("لال") else prefix[:-2]  # keep the article; لل is one piece
        start = self.toks[i].start + prefix_end(self.toks[i], prefix)
        end = self.toks[j - 1].end
        self.found.append(Reading(value if value is None else clean_value(value), kind, i, j,
                                 start, end, unit, base, scale))
        return j

    def finish_cardinal(self, value, i, j, prefix="", base=None, scale=1, digits=False) -> int:
        """Give a cardinal its kind from the words around it, and record it."""
        kind: QuantityKind
        kind, unit = "count", False
        # percent: 10%, 28. % (corpus), عشرة بالمئة, 10 في المئة
        if self.norm(j) in ("%", "٪"):
            kind, j, unit = "percent", j + 1, True
        elif self.norm(j) == "." and self.norm(j + 1) in ("%", "٪") and self.adjacent(j + 1, 2):
            kind, j, unit = "percent", j + 2, True
        elif self.norm(j) in lex.PERCENT_WORDS:
            kind, j, unit = "percent", j + 1, True
        elif self.norm(j) == "في" and self.norm(j + 1) in lex.HUNDRED_AFTER_FI:
            kind, j, unit = "percent", j + 2, True
        elif self.stem(j) in lex.CURRENCIES or self.norm(j) == "$":
            kind, j, unit = "money", j + 1, True
        elif self.norm(i - 1) in ("$", "€", "£") and self.adjacent(i, 1):
            kind, unit = "money", True
            i -= 1
            prefix = ""
        elif self.stem(j) in lex.DISTANCES:
            kind, j, unit = "distance", j + 1, True
        elif self.stem(j) in lex.DURATIONS:
            kind, j, unit = "duration", j + 1, True
        elif isinstance(value, int) and 1 <= value <= 31 and scale == 1 and self.is_month(j):
            # 20 يوليو/تموز 2016: a day of the month, then maybe a year
            self.add(value, "date", i, j, prefix)
            j = self.skip_month(j)
            if self.tok(j) and self.toks[j].kind == "num" and len(self.toks[j].text) in (3, 4):
                return self.add(digits_value(self.toks[j].text), "year", j, j + 1)
            return j
        elif isinstance(value, int) and 1 <= value <= 31 and digits and (
                self.norm(j) == "من" and self.stem(j + 1) in ("جاري", "شهر")
                or self.stem(i - 1) == "يوم"):
            kind = "date"  # الـ 23 من الجاري, يوم 22
        elif digits and isinstance(value, int) and scale == 1 and self.is_year(i, value):
            kind = "year"
        elif self.stem(j) in lex.PM | {"صباحا", "صباح"} and value < 13 and scale == 1:
            # 8 مساءً = 20:00; 7.55 صباحًا is 7:55 (British style), not 7.55
            value = int(value) + round((value - int(value)) * 100) / 60
            if self.stem(j) in lex.PM and value < 12:
                value += 12
            kind, j = "time", j + 1
        return self.add(value, kind, i, j, prefix, unit, base, scale)

    def is_month(self, j: int) -> bool:
        t = self.tok(j)
        return t is not None and t.kind == "word" and (t.norm in lex.MONTH_WORDS or self.stem(j) in lex.MONTH_WORDS)

    def skip_month(self, j: int) -> int:
        """Past a month name: تموز, كانون الثاني, يوليو/تموز."""
        while self.is_month(j):
            j += 2 if self.norm(j) in lex.TWO_WORD_MONTHS else 1
            if self.norm(j) == "/" and self.is_month(j + 1):
                j += 1
            else:
                break
        return j

    def is_year(self, i: int, value: int) -> bool:
        if not 1000 <= value <= 2100 or len(self.toks[i].text) != 4:
            return False
        prev = self.tok(i - 1)
        if prev and prev.kind == "word":
            stems = {s for _, s in lex.stems(prev.norm)}
            if stems & lex.YEAR_CUES or self.is_month(i - 1):
                return True
        return 1900 <= value <= 2100

    def propagate_ranges(self) -> None:
        """بين 20 و30% -> both percent; بين خمسة وستة كيلومترات -> both distance."""
        for a, b in zip(self.found, self.found[1:]):
            if not takes_unit(a, b):
                continue
            between = self.toks[a.j:b.i]
            first_b = self.toks[b.i]
            joined = (len(between) == 1 and between[0].norm in lex.CONNECTORS
                      or not between and first_b.kind == "word" and first_b.norm.startswith("و"))
            if joined:
                share_unit(a, b)
