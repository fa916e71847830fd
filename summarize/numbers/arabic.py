"""Quantities in Arabic news text: digits, number words, ordinals, duals, dates.

The text is cut into tokens once (digits, Arabic words, Latin words, single
symbols) and read left to right; every rule looks at a token and its
neighbours, never at a backtracking pattern.  Words are compared in a
normalized spelling (no diacritics or tatweel, أ/إ/آ -> ا, ى -> ي, ة -> ه),
because news text spells the same word both ways (مائة/مئة, الأولى/الاولى).

Grammar followed here: Wright, *A Grammar of the Arabic Language* I §§ 321-335
(cardinals, the units-before-tens order ثلاثة وعشرون, the dual, the
construct ثلاثة آلاف) and §§ 336-339 (ordinals, الحادي عشر).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summarize.numbers.quantity import MAX_DIGITS, Quantity, clean_value, digits_value

_TOKEN = re.compile(
    r"(?P<num>[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C\u060C][0-9\u0660-\u0669\u06F0-\u06F9]+)*)"
    r"|(?P<word>[\u0621-\u063A\u0640-\u065F\u0670-\u06D3]+)"
    r"|(?P<lat>[A-Za-z]+)"
    r"|(?P<sym>\S)"
)
_MARKS = re.compile(r"[\u0640\u064B-\u065F\u0670]")  # tatweel and harakat
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalize(word: str) -> str:
    return _MARKS.sub("", word).translate(_LETTERS)


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
        norm = normalize(m.group()) if kind == "word" else m.group()
        toks.append(_Tok(kind, m.group(), m.start(), m.end(), norm))
    return toks


def _stems(norm: str) -> list[tuple[str, str]]:
    """(prefix, stem) readings of a word, the bare word first: وستة -> (و, سته).

    Clitics: conjunctions و ف, prepositions ب ل ك, the article ال; لل is ل + ال.
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
    return [(p, s) for p, s in out if len(s) >= 2]


# --- lexicon (normalized spellings) -------------------------------------------

_UNITS = {
    "واحد": 1, "واحده": 1, "واحدا": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    # accusative with tanween, as in أسقط ثلاثًا
    "ثلاثا": 3, "اربعا": 4, "خمسا": 5, "ستا": 6, "سبعا": 7, "ثمانيا": 8, "تسعا": 9,
}
_TEN = {"عشر": 10, "عشره": 10}
_TENS = {}
for _stem, _v in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60),
                  ("سبع", 70), ("ثمان", 80), ("تسع", 90)):
    _TENS[_stem + "ون"] = _TENS[_stem + "ين"] = _v
_HUNDREDS = {"مائه": 100, "مئه": 100}
for _form in ("مائتان", "مائتين", "مائتا", "مائتي", "مئتان", "مئتين", "مئتا", "مئتي"):
    _HUNDREDS[_form] = 200
for _stem, _v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                  ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
    _HUNDREDS[_stem + "مائه"] = _HUNDREDS[_stem + "مئه"] = _v * 100
_SCALES = {"الف": 1000, "مليون": 10**6, "مليار": 10**9, "بليون": 10**9, "تريليون": 10**12}
_PLURAL_SCALES = {"الاف": 1000, "الوف": 1000, "ملايين": 10**6, "مليارات": 10**9,
                  "بلايين": 10**9, "تريليونات": 10**12}
# The dual of a scale word is a number by itself (ألفا/ألفين = 2000), but the
# accusative singular after a number looks the same: خمسة عشر ألفا = 15000.
_DUAL_SCALES = {}
for _stem, _v in (("الف", 1000), ("مليون", 10**6), ("مليار", 10**9), ("بليون", 10**9)):
    for _end in ("ا", "ان", "ين", "ي"):
        _DUAL_SCALES[_stem + _end] = _v
_FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3}
for _stem, _v in list(_FRACTIONS.items()):
    for _pronoun in ("ه", "ها", "هم", "هما"):  # ثلثها "a third of it"
        _FRACTIONS[_stem + _pronoun] = _v
_VAGUE = {"مئات", "الاف", "الوف", "ملايين", "مليارات", "عشرات", "بلايين"}

_ORDINALS = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "ثان": 2, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8,
    "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "حادي": 1, "حاديه": 1,
}
# Adverbs "firstly, secondly" (أولاً، ثانياً) read as the ordinal.
_ORDINAL_ADVERBS = {"اولا": 1, "ثانيا": 2, "ثالثا": 3, "رابعا": 4, "خامسا": 5}

# Duals of counted time nouns carry the number 2 themselves (Wright I § 294).
_DUAL_NOUNS = {}
for _stem in ("يوم", "اسبوع", "شهر", "عام", "سنت", "ساعت", "دقيقت", "قرن", "عقد"):
    _DUAL_NOUNS[_stem + "ين"] = _DUAL_NOUNS[_stem + "ان"] = "duration"
_DUAL_NOUNS["مرتين"] = _DUAL_NOUNS["مرتان"] = "count"  # twice

_DECADES = {}
for _stem, _v in (("عشرين", 20), ("ثلاثين", 30), ("اربعين", 40), ("خمسين", 50), ("ستين", 60),
                  ("سبعين", 70), ("ثمانين", 80), ("تسعين", 90)):
    _DECADES[_stem + "يات"] = _DECADES[_stem + "ات"] = 1900 + _v

_PERCENT_WORDS = {"بالمئه", "بالمائه"}
_HUNDRED_AFTER_FI = {"المئه", "المائه"}
_CURRENCIES = {
    "دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "جنيهات", "ريال", "ريالا", "ريالات",
    "درهم", "درهما", "دراهم", "دينار", "دينارا", "دنانير", "ليره", "ليرات", "روبل", "ين",
    "فرنك", "فرنكا", "استرليني", "روبيه", "يوان", "وون", "بيزو", "سنت", "سنتا", "سنتات",
}
_DISTANCES = {
    "كيلومتر", "كيلومترا", "كيلومترات", "كم", "كلم", "ميل", "ميلا", "اميال", "متر", "مترا",
    "امتار", "سنتيمتر", "سنتيمترا", "سنتيمترات", "سم", "ملم", "مليمتر", "قدم", "اقدام", "بوصه",
    "ياردا", "يارده", "كيلو",
}
_DURATIONS = {
    "يوم", "يوما", "ايام", "اسبوع", "اسبوعا", "اسابيع", "شهر", "شهرا", "اشهر", "شهور", "سنه",
    "سنوات", "سنين", "عام", "عاما", "اعوام", "ساعه", "ساعات", "دقيقه", "دقائق", "ثانيه", "ثوان",
    "ثواني", "عقد", "عقود", "قرن", "قرون", "ليله", "ليال", "ليالي",
}
_MONTHS = {
    "يناير", "فبراير", "مارس", "ابريل", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
    "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر", "شباط", "اذار", "نيسان", "ايار", "حزيران",
    "تموز", "اب", "ايلول", "كانون", "تشرين",
}
_TWO_WORD_MONTHS = {"كانون", "تشرين"}  # كانون الثاني, تشرين الأول: not ordinals
_YEAR_CUES = {
    "منذ", "عام", "عامي", "سنه", "حتي", "قبل", "بعد", "مطلع", "اوائل", "اواخر", "منتصف", "نهايه",
    "بدايه", "اواسط", "ربيع", "صيف", "خريف", "شتاء", "في", "موسم",
}
_PM = {"مساء", "مساءا", "ليلا", "عصرا", "ظهرا"}
_CONNECTORS = {"و", "الي", "حتي", "او", "-", "–", "—", "/"}


def _lookup(tok: _Tok, table) -> tuple[str, object] | None:
    """(prefix, entry) for the first reading of ``tok`` found in ``table``."""
    if tok.kind != "word":
        return None
    for prefix, stem in _stems(tok.norm):
        if stem in table:
            return prefix, table[stem] if isinstance(table, dict) else stem
    return None


def _strip_prefix(tok: _Tok, prefix: str) -> int:
    """Offset in ``tok.text`` just after ``len(prefix)`` letters and their marks."""
    i, letters = 0, 0
    text = tok.text
    while i < len(text) and letters < len(prefix):
        if not _MARKS.match(text[i]):
            letters += 1
        i += 1
    while i < len(text) and _MARKS.match(text[i]):
        i += 1
    return i


@dataclass
class _Found:
    value: int | float | None
    kind: str
    i: int  # first token
    j: int  # one past the last token
    start: int  # character span
    end: int
    unit: bool = False  # kind came from a unit word after the number
    base: int | float | None = None  # value before a scale word (14 of 14 ألف)
    scale: int = 1


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokenize(text)
        self.found: list[_Found] = []

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
        return bool(a and b) and b.start - a.end <= gap

    # -- reading ------------------------------------------------------------------
    def run(self) -> list[Quantity]:
        i = 0
        while i < len(self.toks):
            i = self.read_at(i)
        self.propagate_ranges()
        return [Quantity(self.text[f.start:f.end], f.value, f.kind, f.start, f.end) for f in self.found]

    def read_at(self, i: int) -> int:
        t = self.toks[i]
        if t.kind == "num":
            return self.read_digits(i)
        if t.kind != "word":
            return i + 1
        n = t.norm
        if n in _TWO_WORD_MONTHS or n in ("ثاني", "اول") and self.stem(i + 1) in ("اكسيد", "اوكسيد"):
            return i + 2  # كانون الثاني is January; ثاني أكسيد is dioxide
        hit = _lookup(t, _DECADES)
        if hit:
            return self.read_decade(i, hit)
        hit = _lookup(t, _DUAL_NOUNS)
        if hit:
            if hit[0].endswith("ال") and self.century_at(i + 1):
                return i + 1  # القرنين العاشر والحادي عشر: the ordinals carry the numbers
            return self.add(2, hit[1], i, i + 1, hit[0])
        if t.norm in ("صفر", "الصفر"):
            return self.add(0, "count", i, i + 1)
        hit = _lookup(t, {"احد": 11, "احدي": 11})
        if hit and self.stem(i + 1) in _TEN:
            return self.finish_cardinal(11, i, i + 2, hit[0])  # أحد عشر, إحدى عشرة
        j = self.read_words(i)
        if j:
            return j
        hit = _lookup(t, _VAGUE)
        if hit and not _lookup(t, _HUNDREDS):
            j = i + 1
            if _lookup(self.toks[j], _VAGUE) if j < len(self.toks) else False:
                j += 1  # عشرات الآلاف: one vague amount
            return self.add(None, "vague", i, j, hit[0])
        return self.read_ordinal(i)

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
        """The ordinal of a century at ``j`` (التاسع عشر, العشرين, الحادي والعشرين) and its end."""
        before = len(self.found)
        end = self.read_ordinal(j)
        if len(self.found) == before:
            end = self.read_words(j) or j
            if len(self.found) == before:
                return None
        f = self.found.pop()
        return int(f.value), end

    def add(self, value, kind, i, j, prefix="", unit=False, base=None, scale=1) -> int:
        if prefix.endswith("ال"):
            prefix = "" if prefix.endswith("لال") else prefix[:-2]  # keep the article; لل is one piece
        start = self.toks[i].start + _strip_prefix(self.toks[i], prefix)
        end = self.toks[j - 1].end
        self.found.append(_Found(value if value is None else clean_value(value), kind, i, j,
                                 start, end, unit, base, scale))
        return j

    def read_digits(self, i: int) -> int:
        t = self.toks[i]
        if len(t.text) > MAX_DIGITS:
            return i + 1  # an identifier or junk, not a quantity (and int() refuses 4,300+ digits)
        value = digits_value(t.text)
        j = i + 1
        # clock time 10:30 (a colon and two digits)
        if self.norm(j) == ":" and self.tok(j + 1) and self.tok(j + 1).kind == "num" and len(self.toks[j + 1].text) == 2 \
                and self.adjacent(j) and self.adjacent(j + 1) and isinstance(value, int) and value < 25:
            hours = value + int(digits_value(self.toks[j + 1].text)) / 60
            j += 2
            if self.stem(j) in _PM or self.norm(j) in _PM:
                hours = hours + 12 if hours < 12 else hours
                j += 1
            return self.add(hours, "time", i, j)
        base, scale = value, 1
        hit = None
        if self.tok(j) and self.tok(j).kind == "word":
            hit = _lookup(self.toks[j], _SCALES) or _lookup(self.toks[j], _PLURAL_SCALES) \
                or _lookup(self.toks[j], _DUAL_SCALES)
        if hit and hit[0] == "":  # 14 ألف; not "14 وألف"
            scale = hit[1]
            value = value * scale
            j += 1
        return self.finish_cardinal(value, i, j, base=base, scale=scale, digits=True)

    def read_words(self, i: int) -> int | None:
        """A cardinal in words from token ``i`` on (ثلاثة وعشرون, عشرة آلاف, مليارا)."""
        first = True
        total, group = 0, 0
        last = None
        last_scale = 1
        j = i
        prefix0 = ""
        scale_seen = 1
        while j < len(self.toks):
            t = self.toks[j]
            conj = False
            k = j
            if not first and t.norm == "و" and self.tok(j + 1) and self.toks[j + 1].kind == "word":
                conj, k = True, j + 1
            tk = self.toks[k]
            if tk.kind != "word":
                break
            entry = self.classify(tk, first)
            if entry is None:
                break
            prefix, value, cat = entry
            if not first and prefix.startswith("و"):
                conj = True
            if not first and prefix not in ("", "و") and not (prefix == "وال" and prefix0.endswith("ال")):
                break
            ok = False
            if cat == "ten":
                ok = first or not conj and last == "unit"
                if ok:
                    group += 10
            elif cat == "tens":
                ok = first or conj and (last == "unit" and group < 10 or last in ("hundred", "scale"))
                if ok:
                    group += value
            elif cat == "unit":
                ok = first or conj and last in ("hundred", "scale")
                if ok:
                    group += value
            elif cat == "hundred":
                if first or conj and last == "scale":
                    ok, group = True, group + value
                elif not conj and last == "unit" and value == 100 and group < 10:
                    ok, group = True, group * 100
            elif cat == "scale":
                ok = not conj and (first or group > 0) and (total == 0 or value < last_scale)
                if ok:
                    total += (group or 1) * value
                    group, last_scale = 0, value
                    scale_seen = max(scale_seen, value)
            elif cat == "dual_scale":
                if not conj and group > 0 and (total == 0 or value < last_scale):
                    ok = True  # accusative singular after a number: عشرين مليونا
                    total += group * value
                elif first:
                    ok = True
                    total += 2 * value
                if ok:
                    group, last_scale, cat = 0, value, "scale"
                    scale_seen = max(scale_seen, value)
            elif cat == "plural_scale":
                ok = not conj and 2 < group <= 10 and total == 0
                if ok:
                    total += group * value
                    group, last_scale, cat = 0, value, "scale"
                    scale_seen = max(scale_seen, value)
            elif cat == "fraction":
                ok = conj and last == "scale"
                if ok:
                    total += value * last_scale
            if not ok:
                break
            if first:
                prefix0 = prefix
            first = False
            last = cat
            j = k + 1
        value = total + group
        if j == i or value == 0:
            return None
        if j == i + 1 and prefix0.endswith("ال") and value in (1, 2):
            return None  # الاثنين is Monday, الواحد "the one"
        if j == i + 1 and value == 10 and self.tok(i - 1) and _lookup(self.toks[i - 1], {"احد": 1, "احدي": 1}):
            return None  # read with the أحد before it
        base = value / scale_seen if scale_seen > 1 else value
        return self.finish_cardinal(value, i, j, prefix=prefix0, base=base, scale=scale_seen)

    def classify(self, tok: _Tok, first: bool):
        """(prefix, value, category) of a number word, or None."""
        for table, cat in ((_UNITS, "unit"), (_TEN, "ten"), (_TENS, "tens"), (_HUNDREDS, "hundred"),
                           (_SCALES, "scale"), (_DUAL_SCALES, "dual_scale"),
                           (_PLURAL_SCALES, "plural_scale"), (_FRACTIONS, "fraction")):
            hit = _lookup(tok, table)
            if not hit:
                continue
            prefix, value = hit
            if cat == "unit" and prefix == "" and tok.norm.startswith("وا") and _MARKS.sub("", tok.text)[1] in "أإ":
                return None  # وأحد is "and one of", not واحد; the hamza tells them apart
            if cat == "unit" and not first and tok.norm.startswith(("ا", "وا")) and \
                    _MARKS.sub("", tok.text)[len(prefix)] == "أ" and value == 2:
                return None  # أثنى "praised", not اثني
            if first and cat == "unit" and value == 2 and _MARKS.sub("", tok.text)[len(prefix):][:1] == "أ":
                return None
            if first and cat == "tens" and tok.norm[len(prefix):] == "ستون":
                return None  # ستون alone is far more often Stone (Emma Stone) than sixty
            if first and cat == "fraction":
                return None  # a lone نصف is read by read_ordinal as a fraction
            return prefix, value, cat
        return None

    def finish_cardinal(self, value, i, j, prefix="", base=None, scale=1, digits=False) -> int:
        """Give a cardinal its kind from the words around it, and record it."""
        kind, unit = "count", False
        # percent: 10%, 28. % (corpus), عشرة بالمئة, 10 في المئة
        if self.norm(j) in ("%", "٪"):
            kind, j, unit = "percent", j + 1, True
        elif self.norm(j) == "." and self.norm(j + 1) in ("%", "٪") and self.adjacent(j + 1, 2):
            kind, j, unit = "percent", j + 2, True
        elif self.norm(j) in _PERCENT_WORDS:
            kind, j, unit = "percent", j + 1, True
        elif self.norm(j) == "في" and self.norm(j + 1) in _HUNDRED_AFTER_FI:
            kind, j, unit = "percent", j + 2, True
        elif self.stem(j) in _CURRENCIES or self.norm(j) == "$":
            kind, j, unit = "money", j + 1, True
        elif self.norm(i - 1) in ("$", "€", "£") and self.adjacent(i, 1):
            kind, unit = "money", True
            i -= 1
            prefix = ""
        elif self.stem(j) in _DISTANCES:
            kind, j, unit = "distance", j + 1, True
        elif self.stem(j) in _DURATIONS:
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
        elif self.stem(j) in _PM | {"صباحا", "صباح"} and value < 13 and scale == 1:
            # 8 مساءً = 20:00; 7.55 صباحًا is 7:55 (British style), not 7.55
            value = int(value) + round((value - int(value)) * 100) / 60
            if self.stem(j) in _PM and value < 12:
                value += 12
            kind, j = "time", j + 1
        return self.add(value, kind, i, j, prefix, unit, base, scale)

    def is_month(self, j: int) -> bool:
        t = self.tok(j)
        return bool(t) and t.kind == "word" and (t.norm in _MONTHS or self.stem(j) in _MONTHS)

    def skip_month(self, j: int) -> int:
        """Past a month name: تموز, كانون الثاني, يوليو/تموز."""
        while self.is_month(j):
            j += 2 if self.norm(j) in _TWO_WORD_MONTHS else 1
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
            stems = {s for _, s in _stems(prev.norm)}
            if stems & _YEAR_CUES or self.is_month(i - 1):
                return True
        return 1900 <= value <= 2100

    def read_ordinal(self, i: int) -> int:
        t = self.toks[i]
        hit = _lookup(t, _ORDINAL_ADVERBS)
        if hit and hit[0] in ("", "و"):
            return self.add(hit[1], "enumeration", i, i + 1, hit[0])  # أولاً، ثانياً: firstly, secondly
        hit = _lookup(t, _FRACTIONS)
        if hit and t.norm not in ("ثلاث",):
            return self.add(hit[1], "fraction", i, i + 1, hit[0])
        hit = _lookup(t, _ORDINALS)
        tens = _lookup(t, _TENS)
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
        if self.stem(j) in _TEN:
            value, j = value + 10, j + 1  # الثالث عشر
        elif self.norm(j) in ("و",) and _lookup(self.tok(j + 1), _TENS):
            value, j = value + _lookup(self.toks[j + 1], _TENS)[1], j + 2
        elif self.tok(j) and (tens := _lookup(self.toks[j], _TENS)) and tens[0] == "وال":
            value, j = value + tens[1], j + 1  # الحادي والعشرين
        elif stem in ("حادي", "حاديه"):
            return i + 1
        if value <= 31 and self.norm(j) == "من" and self.is_month(j + 1):
            return self.add(value, "date", i, j, prefix)  # الأول من أكتوبر: 1 October
        return self.add(value, "ordinal", i, j, prefix)

    def propagate_ranges(self) -> None:
        """بين 20 و30% -> both percent; بين خمسة وستة كيلومترات -> both distance."""
        for a, b in zip(self.found, self.found[1:]):
            if a.kind != "count" or a.unit or b.kind not in ("percent", "money", "distance", "duration") \
                    and not (b.scale > 1 and b.kind == "count"):
                continue
            between = self.toks[a.j:b.i]
            first_b = self.toks[b.i]
            joined = (len(between) == 1 and between[0].norm in _CONNECTORS
                      or not between and first_b.kind == "word" and first_b.norm.startswith("و"))
            if not joined:
                continue
            a.kind = b.kind
            if b.scale > 1 and a.scale == 1 and a.base is not None and b.base is not None and a.base < b.base:
                a.value = clean_value(a.value * b.scale)


def extract_arabic(text: str) -> list[Quantity]:
    """Every quantity of an Arabic text, in order."""
    return _Reader(text).run()


# Words that carry a small number without writing it (Wright I § 294 on the
# dual; the derived adjectives ثلاثي "three-", رباعي "four-" ...).  They excuse
# a "two" or "three" in the English that no Arabic number accounts for.
_DUAL_ENDINGS = ("ان", "ين", "تا", "تي", "اهما", "يهما", "اهم", "يهم", "يها", "اها")
_DERIVED = (("ثنائي", 2), ("مزدوج", 2), ("زوج", 2), ("كلتا", 2), ("ثلاثي", 3),
            ("رباعي", 4), ("خماسي", 5), ("سداسي", 6), ("سباعي", 7), ("ثماني", 8), ("تساعي", 9))
_WORD = re.compile(r"[\u0621-\u063A\u0640-\u065F\u0670-\u06D3]+")


def implied_values(text: str) -> Counter:
    """Small numbers an Arabic text implies without a number (2 for each dual, 3 for ثلاثي), counted."""
    found: Counter = Counter()
    for m in _WORD.finditer(text):
        for _, stem in _stems(normalize(m.group())):
            if len(stem) >= 4 and stem.endswith(_DUAL_ENDINGS):
                found[2] += 1
                break
            if stem in _UNITS or stem in _TENS or stem in _DECADES:
                continue  # ثلاثة, ثلاثين: numbers, read by the extractor
            for root, value in _DERIVED:
                if stem.startswith(root):
                    found[value] += 1
                    break
            else:
                continue
            break
    return found
