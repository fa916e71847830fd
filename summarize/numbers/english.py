"""Quantities in English as MarianMT (and news writers) put them.

Same approach as the Arabic reader: one pass of a flat tokenizer, then rules
that look at neighbouring tokens.  Written forms covered are those of the
OPUS-MT output and of the FLORES/NTREX references: 14,000 / 14 thousand /
fourteen thousand / $2 billion / 10 per cent / July 20, 2016 / the 1960s /
a fortnight / World War II.

"one" and "a" are articles far more often than numbers: they count only
before a scale word (a thousand) or a unit (one day, one percent).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summarize.numbers.quantity import MAX_DIGITS, Quantity, clean_value, digits_value

_TOKEN = re.compile(r"(?P<num>[0-9]+(?:[.,][0-9]+)*)|(?P<word>[A-Za-z]+)|(?P<sym>\S)")

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
           "trillion": 10**12, "bn": 10**9, "mn": 10**6, "mln": 10**6, "tn": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "firstly": 1, "secondly": 2, "thirdly": 3, "fourthly": 4,
}
_DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
                 "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990}
_ROMAN = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11,
          "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16}
_VAGUE = {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "scores", "tens"}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "thirds": 2 / 3}
_PERCENT = {"percent", "pc", "percentage"}
_CURRENCY_AFTER = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "yen", "yuan", "rupee",
    "rupees", "riyal", "riyals", "dirham", "dirhams", "dinar", "dinars", "franc", "francs",
    "cent", "cents", "pence", "usd", "eur", "gbp", "rubles", "roubles", "lira", "shekels", "won",
}
_CURRENCY_BEFORE = {"$", "€", "£", "¥", "₹"}
_DISTANCES = {
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre",
    "metres", "meter", "meters", "m", "feet", "foot", "ft", "cm", "mm", "centimetres",
    "centimeters", "inch", "inches", "yard", "yards", "mi",
}
_DURATIONS = {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "hrs",
    "minute", "minutes", "min", "mins", "second", "seconds", "decade", "decades", "century",
    "centuries", "night", "nights",
}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
_YEAR_CUES = {"in", "since", "of", "by", "until", "from", "year", "early", "late", "mid",
              "during", "before", "after", "between", "and", "to", "till", "summer", "winter",
              "spring", "autumn", "fall", "the", "end", "through"}
_UNIT_AFTER_ONE = _PERCENT | _CURRENCY_AFTER | _DISTANCES | _DURATIONS
_CONNECTORS = {"and", "to", "or", "-", "–", "—", "/"}


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int
    low: str


@dataclass
class _Found:
    value: int | float | None
    kind: str
    i: int
    j: int
    unit: bool = False
    base: int | float | None = None
    scale: int = 1


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.toks = [_Tok(m.lastgroup, m.group(), m.start(), m.end(), m.group().lower())
                     for m in _TOKEN.finditer(text)]
        self.found: list[_Found] = []

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < len(self.toks) else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` touches token ``i-1`` (no space): 1960s, 4-month, $2."""
        return 0 < i < len(self.toks) and self.toks[i].start == self.toks[i - 1].end

    def add(self, value, kind, i, j, unit=False, base=None, scale=1) -> int:
        self.found.append(_Found(None if value is None else clean_value(value), kind, i, j, unit, base, scale))
        return j

    def run(self) -> list[Quantity]:
        i = 0
        while i < len(self.toks):
            i = self.read_at(i)
        self.propagate_ranges()
        out = []
        for f in self.found:
            start, end = self.toks[f.i].start, self.toks[f.j - 1].end
            out.append(Quantity(self.text[start:end], f.value, f.kind, start, end))
        return out

    def read_at(self, i: int) -> int:
        t = self.toks[i]
        if t.kind == "num":
            return self.read_digits(i)  # also inside names (G20, MH17): Arabic keeps those digits
        if t.kind == "sym" and t.text in ("'", "’") and self.kind(i + 1) == "num" and self.glued(i + 1) \
                and len(self.toks[i + 1].text) == 2 and self.low(i + 2) == "s" and self.glued(i + 2):
            return self.add(1900 + int(self.toks[i + 1].text), "decade", i, i + 3)  # the '60s
        if t.kind != "word":
            return i + 1
        w = t.low
        if w in _DECADE_WORDS:
            return self.add(_DECADE_WORDS[w], "decade", i, i + 1)
        if t.text in _ROMAN and self.kind(i - 1) == "word" and self.toks[i - 1].text[:1].isupper():
            return self.add(_ROMAN[t.text], "ordinal", i, i + 1)
        if t.text == "I" and self.low(i - 1) == "war":
            return self.add(1, "ordinal", i, i + 1)  # World War I
        if w == "fortnight" or w == "fortnights":
            return self.add(2, "duration", i, i + 1)  # two weeks (Arabic writes أسبوعين)
        if w in ("wwii", "wwi") or w == "ww" and self.low(i + 1) in ("ii", "i", "2", "1"):
            end = i + 1 if w != "ww" else i + 2
            return self.add(2 if self.low(end - 1) in ("wwii", "ii", "2") else 1, "ordinal", i, end)
        if w in ("firstly", "secondly", "thirdly", "fourthly") or w in ("first", "second", "third") and \
                t.text[0].isupper() and self.low(i + 1) == "," and (i == 0 or self.low(i - 1) in (".", '"', "“", ":", ";")):
            return self.add(_ORDINALS[w], "enumeration", i, i + 1)  # First, ... Second, ...
        if w == "twice":
            return self.add(2, "count", i, i + 1)
        if w == "couple" and self.low(i - 1) == "a" and self.low(i + 1) == "of":
            return self.add(2, "count", i - 1, i + 1)
        j = self.read_words(i)
        if j:
            return j
        if w in _VAGUE and (w != "tens" or self.low(i + 1) == "of"):
            j = i + 1
            if self.low(j) == "of" and self.low(j + 1) in _VAGUE:
                j += 2  # tens of thousands
            return self.add(None, "vague", i, j)
        if w in _FRACTIONS:
            return self.read_fraction(i)
        if w in _ORDINALS:
            return self.read_ordinal(i)
        return i + 1

    def read_digits(self, i: int) -> int:
        t = self.toks[i]
        if len(t.text) > MAX_DIGITS:
            return i + 1  # an identifier or junk, not a quantity (and int() refuses 4,300+ digits)
        value = digits_value(t.text)
        j = i + 1
        nxt = self.low(j)
        # clock time: 10:30, 8 p.m.
        if nxt == ":" and self.kind(j + 1) == "num" and len(self.toks[j + 1].text) == 2 \
                and self.glued(j) and self.glued(j + 1) and isinstance(value, int) and value < 25:
            return self.read_time(value + int(self.toks[j + 1].text) / 60, i, j + 2)
        if nxt in ("gmt", "utc", "hrs", "hours") and len(t.text) == 4 and isinstance(value, int) \
                and value % 100 < 60 and value < 2400 and self.toks[j].text != "hours" or \
                nxt == "hours" and len(t.text) == 4 and t.text[0] in "012" and value % 100 < 60:
            return self.add(value // 100 + value % 100 / 60, "time", i, j + 1)  # 1200 GMT = 12:00
        if nxt in ("am", "pm", "a", "p") and 0 < value <= 12 and self.is_meridiem(j):
            if isinstance(value, float):  # 5.30pm, British style
                value = int(value) + round((value - int(value)) * 100) / 60
            return self.read_time(value, i, j)
        # ordinal digits: 1st, 23rd, 4th
        if nxt in ("st", "nd", "rd", "th") and self.glued(j) and isinstance(value, int):
            if self.is_month(j + 1) or self.low(j + 1) == "of" and self.is_month(j + 2):
                return self.read_date(value, i, j + 1)
            if self.is_month(i - 1) and 1 <= value <= 31:
                return self.read_month_first(i - 1)
            return self.add(value, "ordinal", i, j + 1)
        # decade: 1960s, 1960's, 60s (but "his 20s" is an age)
        if nxt == "s" and self.glued(j) or nxt == "'" and self.low(j + 1) == "s" and self.glued(j):
            end = j + 1 if nxt == "s" else j + 2
            if isinstance(value, int) and value % 10 == 0:
                if value >= 1000:
                    return self.add(value, "decade", i, end)
                if value < 100 and self.low(i - 1) not in ("his", "her", "their", "its", "my", "your", "our"):
                    return self.add(1900 + value, "decade", i, end)
                return self.add(value, "count", i, end)
        base, scale = value, 1
        if nxt in _SCALES and self.low(j + 1) != "s":
            scale = _SCALES[nxt]
            value, j = value * scale, j + 1
        elif nxt in ("m", "k") and self.glued(j) and self.low(i - 1) in _CURRENCY_BEFORE:
            scale = 10**6 if nxt == "m" else 1000  # $5m, £3k
            value, j = value * scale, j + 1
        if self.is_month(j) and isinstance(value, int) and 1 <= value <= 31 and scale == 1:
            return self.read_date(value, i, j)
        if self.is_month(i - 1) and isinstance(value, int) and 1 <= value <= 31 and scale == 1:
            return self.read_month_first(i - 1)
        return self.finish_cardinal(value, i, j, base, scale, digits=True)

    def is_meridiem(self, j: int) -> bool:
        w = self.low(j)
        if w in ("am", "pm"):
            return True
        return w in ("a", "p") and self.low(j + 1) == "." and self.low(j + 2) == "m"

    def read_time(self, hours, i, j) -> int:
        if self.low(j) in ("am", "pm"):
            pm, j = self.low(j) == "pm", j + 1
        elif self.is_meridiem(j):
            pm, j = self.low(j) == "p", j + 3
            if self.low(j) == ".":
                j += 1
        else:
            pm = False
        if pm and hours < 12:
            hours += 12
        return self.add(hours, "time", i, j)

    def is_month(self, j: int) -> bool:
        if not 0 <= j < len(self.toks) or self.toks[j].kind != "word":
            return False
        t = self.toks[j]
        if t.low == "may" or t.low == "march":
            return t.text[0].isupper()  # "may" the verb, "march" the walk
        return t.low in _MONTHS and t.text[0].isupper() and (len(t.low) > 3 or t.low in ("may",)
                                                              or self.low(j + 1) == ".")

    def read_date(self, day, i, j) -> int:
        """20 July 2016, 23rd of March: day at i, month at j (or "of" month)."""
        self.add(day, "date", i, j)
        if self.low(j) == "of":
            j += 1
        j += 1  # the month
        if self.low(j) == ".":
            j += 1
        if self.low(j) == ",":
            j += 1
        if self.kind(j) == "num" and len(self.toks[j].text) == 4:
            return self.add(int(self.toks[j].text), "year", j, j + 1)
        return j

    def read_month_first(self, m: int) -> int:
        """July 20, 2016 / July 20th: the month at m, the day after it."""
        i = m + 1
        day = int(self.toks[i].text)
        j = i + 1
        if self.low(j) in ("st", "nd", "rd", "th") and self.glued(j):
            j += 1
        self.add(day, "date", i, j)
        k = j + 1 if self.low(j) == "," else j
        if self.kind(k) == "num" and len(self.toks[k].text) == 4:
            return self.add(int(self.toks[k].text), "year", k, k + 1)
        return j

    def read_words(self, i: int) -> int | None:
        """A cardinal in words: fourteen thousand, two and a half million, a thousand."""
        start = i
        w = self.low(i)
        if w in ("a", "an") and self.low(i + 1) in _SCALES and self.low(i + 1) not in ("bn", "mn"):
            i += 1  # a thousand, a million
        if self.low(i) not in _ONES and self.low(i) not in _TENS and self.low(i) not in _SCALES \
                and self.low(i) != "dozen":
            return None
        if self.low(i) in _SCALES and start == i:
            return None  # a bare "hundred" or "million" is not a number
        total, current, j = 0, 0, i
        last = None
        top_scale = 1
        while j < len(self.toks):
            w = self.low(j)
            if w in _ONES and last in (None, "tens", "scale", "and"):
                current += _ONES[w]
                last = "ones"
            elif w in _TENS and last in (None, "scale", "and"):
                current += _TENS[w]
                last = "tens"
            elif w == "-" and self.glued(j) and self.glued(j + 1) and (
                    last == "tens" and self.low(j + 1) in _ONES
                    or last == "ones" and self.low(j + 1) in _SCALES):
                j += 1  # twenty-five, one-hundred
                continue
            elif w == "dozen" and last in (None, "ones"):
                current = (current or 1) * 12
                last = "ones"
            elif w == "hundred" and last in (None, "ones", "tens") and current < 100:
                current = (current or 1) * 100
                last = "scale"
            elif w in _SCALES and w != "hundred" and last in (None, "ones", "tens", "scale") \
                    and self.low(j + 1) != "s" and (total == 0 or _SCALES[w] < top_scale):
                total += (current or 1) * _SCALES[w]
                top_scale = max(top_scale, _SCALES[w])
                current = 0
                last = "scale"
            elif w == "and" and last in ("scale",) and (self.low(j + 1) in _ONES or self.low(j + 1) in _TENS):
                last = "and"
            elif w == "and" and last in ("ones", "tens") and self.low(j + 1) in ("a", "one") \
                    and self.low(j + 2) == "half":
                current += 0.5  # two and a half (million)
                j += 3
                last = "ones"
                continue
            else:
                break
            j += 1
        if last == "and":
            j -= 1
        value = total + current
        first = self.low(i)
        if j == i or value == 0 and first != "zero":
            return None
        if first == "one" and j == i + 1 and self.low(j) not in _UNIT_AFTER_ONE and self.low(j) != "-" \
                and not (self.low(j) == "of" and (self.kind(j + 1) == "num" or self.low(j + 1) in _ONES)):
            return None  # "one of", "one day he" ... an article, not a number
        if self.low(j) == "-" and self.low(j + 1) in ("third", "thirds", "quarter", "quarters", "half") \
                or self.low(j) in ("thirds", "quarters"):
            return None  # two-thirds: a fraction, read by read_fraction
        base = value / top_scale if top_scale > 1 else value
        return self.finish_cardinal(value, start, j, base, top_scale)

    def finish_cardinal(self, value, i, j, base=None, scale=1, digits=False) -> int:
        kind, unit = "count", False
        nxt = self.low(j)
        if nxt == "-" and self.glued(j) and self.low(j + 1) in _DURATIONS | _DISTANCES | _PERCENT:
            j += 1  # 4-month-old, 25-year
            nxt = self.low(j)
        if nxt == "%":
            kind, j, unit = "percent", j + 1, True
        elif nxt in _PERCENT:
            kind, j, unit = "percent", j + 1, True
            if self.low(j) == "points":
                j += 1
        elif nxt == "per" and self.low(j + 1) == "cent":
            kind, j, unit = "percent", j + 2, True
        elif self.low(i - 1) in _CURRENCY_BEFORE:
            kind, unit, i = "money", True, i - 1
            if self.low(i - 1) in ("us", "a", "c", "hk", "nz", "s") and self.glued(i) and self.kind(i - 1) == "word":
                i -= 1  # US$, A$
            if self.low(j) in _CURRENCY_AFTER:
                j += 1
        elif nxt in _CURRENCY_AFTER or nxt in ("us", "u") and self.low(j + 1) in ("dollars", "."):
            kind, j, unit = "money", j + 1, True
            if nxt in ("us", "u"):
                while self.low(j) in (".", "s", "dollars"):
                    j += 1
        elif nxt in _DISTANCES and (nxt != "m" or digits):
            kind, j, unit = "distance", j + 1, True
            if self.low(j) in ("square", "sq"):
                j += 1
        elif nxt in ("square", "sq", "cubic") and self.low(j + 1) in _DISTANCES:
            kind, j, unit = "distance", j + 2, True
        elif nxt in _DURATIONS and not (nxt == "second" and self.low(j + 1) == "-"):  # two second-half shots
            kind, j, unit = "duration", j + 1, True
        elif digits and isinstance(value, int) and scale == 1 and self.is_year(i, value):
            kind = "year"
        return self.add(value, kind, i, j, unit, base, scale)

    def is_year(self, i: int, value: int) -> bool:
        t = self.toks[i]
        if not 1000 <= value <= 2100 or len(t.text) != 4:
            return False
        return self.low(i - 1) in _YEAR_CUES or self.is_month(i - 1) or 1900 <= value <= 2100

    def read_fraction(self, i: int) -> int:
        w = self.low(i)
        prev = self.low(i - 1)
        if w in ("third", "quarter"):
            # "a third of", "one quarter": a share; otherwise "third" is an ordinal and
            # "quarter" a district or three months.
            if not (prev in ("a", "one") and self.low(i + 1) == "of" or prev == "-" and self.low(i - 2) == "one"
                    or prev in ("final", "last", "middle", "top", "bottom", "attacking", "defensive")):
                return self.read_ordinal(i) if w == "third" else i + 1
        if w == "thirds":
            k = i - 2 if prev == "-" else i - 1
            if self.low(k) not in _ONES:
                return i + 1
            return self.add(_ONES[self.low(k)] / 3, "fraction", k, i + 1)  # two-thirds
        if w == "half" and prev in ("and",):
            return i + 1  # "and a half" after a number is read by read_words
        return self.add(_FRACTIONS[w], "fraction", i, i + 1)

    def read_ordinal(self, i: int) -> int:
        w = self.low(i)
        value = _ORDINALS[w]
        start = i
        if self.low(i - 1) == "-" and self.low(i - 2) in _TENS and self.glued(i) and self.glued(i - 1):
            # twenty-first: the tens were not read as a number (read_words stops at "-first")
            start = i - 2
            value += _TENS[self.low(i - 2)]
            if self.found and self.found[-1].i == i - 2:
                self.found.pop()
        if w == "second" and self.low(i - 1) in ("a", "per", "split", "every", "one") and \
                self.low(i + 1) in (".", ",", "", "of", "later", "or", "and", "ago", "before", "after"):
            return i + 1  # a second (of time)
        return self.add(value, "ordinal", start, i + 1)

    def propagate_ranges(self) -> None:
        """between 20 and 30% -> both percent; 2 to 3 million -> both millions; 1950-53."""
        for a, b in zip(self.found, self.found[1:]):
            if a.kind == "year" and b.kind == "count" and b.i == a.j + 1 and self.low(a.j) in ("-", "–") \
                    and len(self.toks[b.i].text) == 2 and self.glued(b.i) and self.glued(a.j):
                b.kind, b.value = "year", a.value // 100 * 100 + b.value
                continue
            if a.kind != "count" or a.unit or b.kind not in ("percent", "money", "distance", "duration") \
                    and not (b.scale > 1 and b.kind == "count"):
                continue
            between = self.toks[a.j:b.i]
            if not (len(between) == 1 and between[0].low in _CONNECTORS):
                continue
            a.kind = b.kind
            if b.scale > 1 and a.scale == 1 and a.base is not None and b.base is not None and a.base < b.base:
                a.value = clean_value(a.value * b.scale)


def extract_english(text: str) -> list[Quantity]:
    """Every quantity of an English text, in order."""
    return _Reader(text).run()


# Words that carry a small number without writing it: "both", "a pair",
# "fourballs", "threefold".  They excuse an Arabic number the English has no
# numeral for.
_IMPLIED_WORDS = {"decade": 10, "biennial": 2, "doubled": 2, "doubling": 2, "tripled": 3,
                  "tripling": 3, "quadrupled": 4, "fours": 4, "sixes": 6, "both": 2, "pair": 2, "pairs": 2, "duo": 2, "twin": 2, "twins": 2, "double": 2,
                  "dual": 2, "bilateral": 2, "doubles": 2, "triple": 3, "trio": 3, "treble": 3,
                  "quadruple": 4, "quartet": 4}
_COMPOUND = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten)(?=[a-z]{3})", re.IGNORECASE)


def implied_values(text: str) -> Counter:
    """Small numbers an English text implies without a numeral ("both", "fourballs"), counted."""
    found = Counter(_ONES[m.group(1).lower()] for m in _COMPOUND.finditer(text))
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group().lower()
        if w in _IMPLIED_WORDS:
            found[_IMPLIED_WORDS[w]] += 1
    return found
