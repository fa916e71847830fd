"""Quantities in Arabic news text: digits, number words, ordinals, duals, dates.

The text is cut into tokens once (digits, Arabic words, Latin words, single
symbols) and read left to right; every rule looks at a token and its
neighbours, never at a backtracking pattern.  Words are compared in the
``summarize.language.arabic.normalize`` spelling (no harakat or tatweel, أ/إ/آ -> ا,
ى -> ي, ة -> ه), because news text spells the same word both ways (مائة/مئة,
الأولى/الاولى), and looked up in the lexicon of ``numbers.arabic_words``.

Grammar followed here: Wright, *A Grammar of the Arabic Language* I §§ 321-335
(cardinals, the units-before-tens order ثلاثة وعشرون, the dual, the
construct ثلاثة آلاف) and §§ 336-339 (ordinals, الحادي عشر).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from summarize.language.arabic import MARKS, STOPWORDS, normalize
from summarize.numbers import arabic_words as lex
from summarize.numbers.quantity import (
    Quantity,
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
class _Tok:
    kind: str  # num, word, lat, sym
    text: str
    start: int
    end: int
    norm: str


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        norm = normalize(m.group()) if kind == "word" else m.group()
        toks.append(_Tok(kind, m.group(), m.start(), m.end(), norm))
    return toks


_V = TypeVar("_V")


@overload
def _lookup(tok: _Tok | None, table: dict[str, _V]) -> tuple[str, _V] | None: ...
@overload
def _lookup(tok: _Tok | None, table: set[str]) -> tuple[str, str] | None: ...


def _lookup(tok: _Tok | None, table: dict[str, Any] | set[str]) -> tuple[str, Any] | None:
    """(prefix, entry) for the first reading of ``tok`` found in ``table``; None past the text's ends."""
    return lex.lookup(tok.norm, table) if tok is not None and tok.kind == "word" else None


def _strip_prefix(tok: _Tok, prefix: str) -> int:
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


#: ضعف is "double" (and "weakness": ضعف الاقتصاد); its duals ضعفي / ضعفين are "twice" (×2).  Not ضعفاً:
#: after a number it is "-fold" (أحد عشر ضعفاً, "eleven times": FLORES devtest 935), the number says it
_DOUBLE = {"ضعف", "ضعفي", "ضعفين"}
#: the words around ضعف that make it "double": إلى ضعف, بمقدار ضعف, نحو ضعف; ضعف ما, ضعف عدد
_DOUBLE_BEFORE = {"الي", "بمقدار", "نحو", "حوالي", "قرابه", "زهاء"}
_DOUBLE_AFTER = {"ما", "عدد", "حجم", "قيمه", "مستوي", "معدل", "سعر", "متوسط", "ذلك", "المبلغ", "الرقم", "نظيره",
                 "نظيرتها", "العدد", "المعدل", "المستوي"}


class _Reader(Reader):
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokenize(text)
        self.found: list[Reading] = []

    # -- helpers ------------------------------------------------------------------
    def tok(self, i: int) -> _Tok | None:
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

    # -- reading ------------------------------------------------------------------
    def read_at(self, i: int) -> int:
        t = self.toks[i]
        if t.kind == "num":
            return self.read_digits(i)
        if t.kind != "word":
            return i + 1
        n = t.norm
        if n in lex.TWO_WORD_MONTHS or n in ("ثاني", "اول") and self.stem(i + 1) in ("اكسيد", "اوكسيد"):
            return i + 2  # كانون الثاني is January; ثاني أكسيد is dioxide
        if n == "ثاني" and self.norm(i - 1) == "ال":
            return i + 1  # آل ثاني: the Al Thani family (Qatar), not "second"
        double = _lookup(t, _DOUBLE)
        if double and (double[1] != "ضعف" or self.norm(i - 1) in _DOUBLE_BEFORE or self.norm(i + 1) in _DOUBLE_AFTER):
            return self.add(2, "count", i, i + 1, double[0])  # ضعف ما كان: "twice", "double"
        hit = _lookup(t, lex.DECADES)
        if hit:
            return self.read_decade(i, hit)
        dual = _lookup(t, lex.DUAL_NOUNS)
        if dual:
            if dual[0].endswith("ال") and self.century_at(i + 1):
                return i + 1  # القرنين العاشر والحادي عشر: the ordinals carry the numbers
            return self.add(2, dual[1], i, self.dual_end(i + 1), dual[0])
        if t.norm in ("صفر", "الصفر"):
            return self.add(0, "count", i, i + 1)
        hit = _lookup(t, {"احد": 11, "احدي": 11})
        if hit and self.stem(i + 1) in lex.TEN:
            return self.finish_cardinal(11, i, i + 2, hit[0])  # أحد عشر, إحدى عشرة
        j = self.read_words(i)
        if j:
            return j
        vague = _lookup(t, lex.VAGUE)
        if vague and not _lookup(t, lex.HUNDREDS):
            j = i + 1
            if _lookup(self.toks[j], lex.VAGUE) if j < len(self.toks) else False:
                j += 1  # عشرات الآلاف: one vague amount
            scale = max((_lookup(self.toks[k], lex.PLURAL_SCALES) or ("", 1))[1] for k in range(i, j))
            return self.add(None, "vague", i, j, vague[0], scale=scale)
        return self.read_ordinal(i)

    def dual_end(self, j: int) -> int:
        """Past what repeats a dual's 2: ضابطين اثنين, and an adjective in the dual (محاولتان متأخرتان)."""
        t = self.tok(j)
        if t and (_lookup(t, lex.UNITS) == ("", 2) or _lookup(t, lex.COUNTED_DUALS)):
            return j + 1
        return j

    def read_decade(self, i: int, hit) -> int:
        """الستينيات (1960s); خمسينيات القرن التاسع عشر (1850s); العشرينيات من عمره (an age)."""
        prefix, value = hit
        j = i + 1
        if self.stem(j) == "قرن":
            century = self.century_at(j + 1)
            if century:
                n, j = century
                value = (n - 1) * 100 + value % 100
            elif self.stem(j + 1) == "ماضي":
                j += 2
        elif self.norm(j) == "من" and self.stem(j + 1).startswith("عمر"):
            return self.add(value - 1900, "count", i, j, prefix)
        return self.add(value, "decade", i, j, prefix)

    def century_at(self, j: int) -> tuple[int, int] | None:
        """The ordinal of a century at ``j`` (التاسع عشر, العشرين, الحادي والعشرين) and its end;
        ``None`` when there is none (also when the text ends at القرن)."""
        if j >= len(self.toks):
            return None
        before = len(self.found)
        end = self.read_ordinal(j)
        if len(self.found) == before:
            end = self.read_words(j) or j
            if len(self.found) == before:
                return None
        f = self.found.pop()
        assert f.value is not None  # ordinals and cardinals in words have a value
        return int(f.value), end

    def add(self, value: int | float | None, kind: QuantityKind, i: int, j: int, prefix: str = "",
            unit: bool = False, base: int | float | None = None, scale: int = 1) -> int:
        if prefix.endswith("ال"):
            prefix = "" if prefix.endswith("لال") else prefix[:-2]  # keep the article; لل is one piece
        start = self.toks[i].start + _strip_prefix(self.toks[i], prefix)
        end = self.toks[j - 1].end
        self.found.append(Reading(value if value is None else clean_value(value), kind, i, j,
                                 start, end, unit, base, scale))
        return j

    def read_digits(self, i: int) -> int:
        value = self.digits_at(i)
        if value is None:
            return i + 1
        j = i + 1
        # clock time 10:30 (a colon and two digits)
        if self.norm(j) == ":" and self.tok(j + 1) and self.toks[j + 1].kind == "num" and len(self.toks[j + 1].text) == 2 \
                and self.adjacent(j) and self.adjacent(j + 1) and isinstance(value, int) and value < 25:
            hours = value + int(digits_value(self.toks[j + 1].text)) / 60
            j += 2
            if self.stem(j) in lex.PM or self.norm(j) in lex.PM:
                hours = hours + 12 if hours < 12 else hours
                j += 1
            return self.add(hours, "time", i, j)
        base, scale = value, 1
        hit = None
        if self.tok(j) and self.toks[j].kind == "word":
            hit = _lookup(self.toks[j], lex.SCALES) or _lookup(self.toks[j], lex.PLURAL_SCALES) \
                or _lookup(self.toks[j], lex.DUAL_SCALES)
        if hit and hit[0] == "":  # 14 ألف; not "14 وألف"
            scale = hit[1]
            value = value * scale
            j += 1
        return self.finish_cardinal(value, i, j, base=base, scale=scale, digits=True)

    def read_words(self, i: int) -> int | None:
        """A cardinal in words from token ``i`` on (ثلاثة وعشرون, عشرة آلاف, مليارا)."""
        number = lex.Cardinal()
        j = i
        prefix0 = ""
        while j < len(self.toks):
            first = number.last is None
            t = self.toks[j]
            conj = False
            k = j
            if not first and t.norm == "و" and self.tok(j + 1) and self.toks[j + 1].kind == "word":
                conj, k = True, j + 1
            tk = self.toks[k]
            if tk.kind != "word":
                break
            entry = lex.classify(tk.norm, tk.text, first)
            if entry is None:
                break
            prefix, value, cat = entry
            if not first and prefix.startswith("و"):
                conj = True
            if not first and prefix not in ("", "و") and not (prefix == "وال" and prefix0.endswith("ال")):
                break
            if not number.take(cat, value, conj):
                break
            if first:
                prefix0 = prefix
            j = k + 1
        value = number.value
        if j == i or value == 0:
            return None
        if j == i + 1 and prefix0.endswith("ال") and value in (1, 2):
            return None  # الاثنين is Monday, الواحد "the one"
        if j == i + 1 and value == 10 and self.tok(i - 1) and _lookup(self.toks[i - 1], {"احد": 1, "احدي": 1}):
            return None  # read with the أحد before it
        scale = number.scale_seen
        base = value / scale if scale > 1 else value
        return self.finish_cardinal(value, i, j, prefix=prefix0, base=base, scale=scale)

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

    def read_ordinal(self, i: int) -> int:
        t = self.toks[i]
        hit = _lookup(t, lex.ORDINAL_ADVERBS)
        if hit and hit[0] in ("", "و"):
            return self.add(hit[1], "enumeration", i, i + 1, hit[0])  # أولاً، ثانياً: firstly, secondly
        share = _lookup(t, lex.FRACTIONS)
        if share and t.norm not in ("ثلاث",):
            return self.add(share[1], "fraction", i, i + 1, share[0])
        hit = _lookup(t, lex.ORDINALS)
        tens = _lookup(t, lex.TENS)
        if tens and tens[0].endswith("ال"):
            return self.add(tens[1], "ordinal", i, i + 1, tens[0])  # القرن العشرين, مجموعة العشرين
        if not hit:
            return i + 1
        prefix, value = hit
        stem = t.norm[len(prefix):] if t.norm.startswith(prefix) else t.norm
        if stem in ("ثانيه", "ثان") and (
                self.stem(i + 1) == "واحده" or self.stem(i - 1) in ("مره", "جزء")
                or prefix.endswith("ال") and self.norm(i - 1) in ("في", "من") or prefix in ("بال", "لل")):
            # ثانية is also "a second" of time (في الثانية "per second", ثانية واحدة),
            # and مرة ثانية is "again"
            return i + 1
        if not prefix.endswith("ال") and stem in ("حادي", "حاديه"):
            return i + 1  # حادي only in الحادي عشر, الحادي والعشرين
        j = i + 1
        if self.stem(j) in lex.TEN:
            value, j = value + 10, j + 1  # الثالث عشر
        elif self.norm(j) in ("و",) and (tens := _lookup(self.tok(j + 1), lex.TENS)):
            value, j = value + tens[1], j + 2
        elif self.tok(j) and (tens := _lookup(self.toks[j], lex.TENS)) and tens[0] == "وال":
            value, j = value + tens[1], j + 1  # الحادي والعشرين
        elif stem in ("حادي", "حاديه"):
            return i + 1
        if value <= 31 and self.norm(j) == "من" and self.is_month(j + 1):
            return self.add(value, "date", i, j, prefix)  # الأول من أكتوبر: 1 October
        return self.add(value, "ordinal", i, j, prefix)

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


def extract_arabic(text: str) -> list[Quantity]:
    """Every quantity of an Arabic text, in order."""
    return _Reader(text).run()


#: أحد / إحدى "one of" with a pronoun: أحدهم, إحداهما, أحدها.
_ONE_OF_PRONOUN = {stem + pronoun for stem in ("احد", "احدا") for pronoun in ("هم", "هما", "ها", "هن", "نا")}


def read_arabic(text: str) -> tuple[list[Quantity], list[Quantity]]:
    """``extract_arabic(text)`` and the text's "one of"s (``one_of``), from one tokenization (the
    number check needs both of every source)."""
    reader = _Reader(text)
    return reader.run(), one_of(text, reader.toks)


def one_of(text: str, toks: list[_Tok] | None = None) -> list[Quantity]:
    """أحد / إحدى "one of" before the noun it counts from or with a pronoun (أحد القادة, إحدى خبراء
    المرض, أحدهم); ``toks``: the text's tokens, if already made.

    Not quantities (the seed gold does not count them, and a translation says "one of" or "a"),
    so ``extract_arabic`` leaves them out; the matcher holds them against a "two of" that the
    English has in their place.  الأحد (Sunday), لا أحد / أي أحد (no one, anyone), أحد before a
    preposition (لم يصب أحد في) and أحد عشر (eleven) are not.
    """
    toks = _tokenize(text) if toks is None else toks
    out = []
    for i, t in enumerate(toks):
        if t.kind != "word" or i and toks[i - 1].norm in ("لا", "اي"):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        noun_next = nxt is not None and nxt.kind == "word" and nxt.text not in STOPWORDS \
            and nxt.norm not in ("عشر", "عشره")
        for prefix, stem in lex.stems(t.norm):
            if prefix.endswith("ال"):
                continue
            if stem in ("احد", "احدي") and noun_next or stem in _ONE_OF_PRONOUN:
                start = t.start + _strip_prefix(t, prefix)
                out.append(Quantity(text[start:t.end], 1, "count", start, t.end))
                break
    return out
