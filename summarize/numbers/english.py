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
from dataclasses import dataclass

from summarize.numbers import english_words as lex
from summarize.numbers.quantity import (
    Quantity,
    QuantityKind,
    Reader,
    Reading,
    clean_value,
    share_unit,
    takes_unit,
)

_TOKEN = re.compile(r"(?P<num>[0-9]+(?:[.,][0-9]+)*)|(?P<word>[A-Za-z]+)|(?P<sym>\S)")


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int
    low: str


class _Reader(Reader):
    def __init__(self, text: str):
        self.text = text
        self.toks = [_Tok(m.lastgroup or "", m.group(), m.start(), m.end(), m.group().lower())
                     for m in _TOKEN.finditer(text)]
        self.found: list[Reading] = []

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < len(self.toks) else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` touches token ``i-1`` (no space): 1960s, 4-month, $2."""
        return 0 < i < len(self.toks) and self.toks[i].start == self.toks[i - 1].end

    def add(self, value: int | float | None, kind: QuantityKind, i: int, j: int, unit: bool = False,
            base: int | float | None = None, scale: int = 1) -> int:
        start, end = self.toks[i].start, self.toks[j - 1].end
        self.found.append(Reading(None if value is None else clean_value(value), kind, i, j, start, end,
                                  unit, base, scale))
        return j

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
        if w in lex.DECADE_WORDS:
            return self.add(lex.DECADE_WORDS[w], "decade", i, i + 1)
        if t.text in lex.ROMAN and self.kind(i - 1) == "word" and self.toks[i - 1].text[:1].isupper():
            return self.add(lex.ROMAN[t.text], "ordinal", i, i + 1)
        if t.text == "I" and (self.low(i - 1) == "war" or self.is_label(i - 1)):
            return self.add(1, "ordinal", i, i + 1)  # World War I, Type I (النوع الأول)
        if w == "fortnight" or w == "fortnights":
            return self.add(2, "duration", i, i + 1)  # two weeks (Arabic writes أسبوعين)
        if w in ("wwii", "wwi") or w == "ww" and self.low(i + 1) in ("ii", "i", "2", "1"):
            end = i + 1 if w != "ww" else i + 2
            return self.add(2 if self.low(end - 1) in ("wwii", "ii", "2") else 1, "ordinal", i, end)
        if w in ("firstly", "secondly", "thirdly", "fourthly") or w in ("first", "second", "third") and \
                t.text[0].isupper() and self.low(i + 1) == "," and (i == 0 or self.low(i - 1) in (".", '"', "“", ":", ";")):
            return self.add(lex.ORDINALS[w], "enumeration", i, i + 1)  # First, ... Second, ...
        if w == "twice":
            return self.add(2, "count", i, i + 1)
        if w == "couple" and self.low(i - 1) == "a" and self.low(i + 1) == "of":
            return self.add(2, "count", i - 1, i + 1)
        j = self.read_words(i)
        if j:
            return j
        if w in lex.VAGUE and (w != "tens" or self.low(i + 1) == "of"):
            j = i + 1
            if self.low(j) == "of" and self.low(j + 1) in lex.VAGUE:
                j += 2  # tens of thousands
            return self.add(None, "vague", i, j, scale=lex.vague_scale(self.low(k) for k in range(i, j)))
        if w in lex.VAGUE_BEFORE_SCALE and self.low(i + 1) in lex.SCALES and self.low(i + 2) != "s":
            j = i + 1
            while self.low(j) in lex.SCALES and self.low(j + 1) != "s":
                j += 1  # several hundred thousand
            return self.add(None, "vague", i, j, scale=lex.vague_scale(self.low(k) for k in range(i, j)))
        if w in lex.FRACTIONS:
            return self.read_fraction(i)
        if w in lex.ORDINALS:
            return self.read_ordinal(i)
        return i + 1

    def read_digits(self, i: int) -> int:
        t = self.toks[i]
        value = self.digits_at(i)
        if value is None:
            return i + 1
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
                return self.read_month_first(i - 1, value)
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
        if nxt in lex.SCALES and self.low(j + 1) != "s":
            scale = lex.SCALES[nxt]
            value, j = value * scale, j + 1
        elif nxt in ("m", "k") and self.glued(j) and self.low(i - 1) in lex.CURRENCY_BEFORE:
            scale = 10**6 if nxt == "m" else 1000  # $5m, £3k
            value, j = value * scale, j + 1
        if self.is_month(j) and isinstance(value, int) and 1 <= value <= 31 and scale == 1:
            return self.read_date(value, i, j)
        if self.is_month(i - 1) and isinstance(value, int) and 1 <= value <= 31 and scale == 1:
            return self.read_month_first(i - 1, value)
        return self.finish_cardinal(value, i, j, base, scale, digits=True)

    def is_label(self, j: int) -> bool:
        """A capitalized label word at ``j`` that a number names (Type 1, Phase One, Stage II)."""
        return self.kind(j) == "word" and self.toks[j].text[0].isupper() and self.low(j) in lex.LABEL_WORDS

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
        return t.low in lex.MONTHS and t.text[0].isupper() and (len(t.low) > 3 or t.low in ("may",)
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
        if self.is_year_digits(j):
            return self.add(int(self.toks[j].text), "year", j, j + 1)
        return j

    def is_year_digits(self, k: int) -> bool:
        """Four digits at ``k``, nothing else ("2016", not "00.0"): a year after a date."""
        return self.kind(k) == "num" and len(self.toks[k].text) == 4 and self.toks[k].text.isdigit()

    def read_month_first(self, m: int, day: int) -> int:
        """July 20, 2016 / July 20th: the month at m, the ``day`` (its value, read) after it."""
        i = m + 1
        j = i + 1
        if self.low(j) in ("st", "nd", "rd", "th") and self.glued(j):
            j += 1
        self.add(day, "date", i, j)
        k = j + 1 if self.low(j) == "," else j
        if self.is_year_digits(k):
            return self.add(int(self.toks[k].text), "year", k, k + 1)
        return j

    def read_words(self, i: int) -> int | None:
        """A cardinal in words: fourteen thousand, two and a half million, a thousand."""
        start = i
        w = self.low(i)
        if w in ("a", "an") and self.low(i + 1) in lex.SCALES and self.low(i + 1) not in ("bn", "mn"):
            i += 1  # a thousand, a million
        if self.low(i) not in lex.ONES and self.low(i) not in lex.TENS and self.low(i) not in lex.SCALES \
                and self.low(i) != "dozen":
            return None
        if self.low(i) in lex.SCALES and start == i:
            return None  # a bare "hundred" or "million" is not a number
        total: int | float
        current: int | float
        total, current, j = 0, 0, i
        last = None
        top_scale = 1
        while j < len(self.toks):
            w = self.low(j)
            if w in lex.ONES and last in (None, "tens", "scale", "and"):
                current += lex.ONES[w]
                last = "ones"
            elif w in lex.TENS and last in (None, "scale", "and"):
                current += lex.TENS[w]
                last = "tens"
            elif w == "-" and self.glued(j) and self.glued(j + 1) and (
                    last == "tens" and self.low(j + 1) in lex.ONES
                    or last == "ones" and self.low(j + 1) in lex.SCALES):
                j += 1  # twenty-five, one-hundred
                continue
            elif w == "dozen" and last in (None, "ones"):
                current = (current or 1) * 12
                last = "ones"
            elif w == "hundred" and last in (None, "ones", "tens") and current < 100:
                current = (current or 1) * 100
                last = "scale"
            elif w in lex.SCALES and w != "hundred" and last in (None, "ones", "tens", "scale") \
                    and self.low(j + 1) != "s" and (total == 0 or lex.SCALES[w] < top_scale):
                total += (current or 1) * lex.SCALES[w]
                top_scale = max(top_scale, lex.SCALES[w])
                current = 0
                last = "scale"
            elif w == "and" and last in ("scale",) and (self.low(j + 1) in lex.ONES or self.low(j + 1) in lex.TENS):
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
        if first == "one" and j == i + 1 and self.low(j) not in lex.UNIT_AFTER_ONE and self.low(j) != "-" \
                and not self.is_label(i - 1) \
                and not (self.low(j) == "of" and (self.kind(j + 1) == "num" or self.low(j + 1) in lex.ONES)):
            return None  # "one of", "one day he" ... an article, not a number
        if self.low(j) == "-" and self.low(j + 1) in ("third", "thirds", "quarter", "quarters", "half") \
                or self.low(j) in ("thirds", "quarters"):
            return None  # two-thirds: a fraction, read by read_fraction
        base = value / top_scale if top_scale > 1 else value
        return self.finish_cardinal(value, start, j, base, top_scale)

    def finish_cardinal(self, value, i, j, base=None, scale=1, digits=False) -> int:
        kind: QuantityKind
        kind, unit = "count", False
        nxt = self.low(j)
        if nxt == "-" and self.glued(j) and self.low(j + 1) in lex.DURATIONS | lex.DISTANCES | lex.PERCENT:
            j += 1  # 4-month-old, 25-year
            nxt = self.low(j)
        if nxt == "%":
            kind, j, unit = "percent", j + 1, True
        elif nxt in lex.PERCENT:
            kind, j, unit = "percent", j + 1, True
            if self.low(j) == "points":
                j += 1
        elif nxt == "per" and self.low(j + 1) == "cent":
            kind, j, unit = "percent", j + 2, True
        elif self.low(i - 1) in lex.CURRENCY_BEFORE:
            kind, unit, i = "money", True, i - 1
            if self.low(i - 1) in ("us", "a", "c", "hk", "nz", "s") and self.glued(i) and self.kind(i - 1) == "word":
                i -= 1  # US$, A$
            if self.low(j) in lex.CURRENCY_AFTER:
                j += 1
        elif nxt in lex.CURRENCY_AFTER or nxt in ("us", "u") and self.low(j + 1) in ("dollars", "."):
            kind, j, unit = "money", j + 1, True
            if nxt in ("us", "u"):
                while self.low(j) in (".", "s", "dollars"):
                    j += 1
        elif nxt in lex.DISTANCES and (nxt != "m" or digits):
            kind, j, unit = "distance", j + 1, True
            if self.low(j) in ("square", "sq"):
                j += 1
        elif nxt in ("square", "sq", "cubic") and self.low(j + 1) in lex.DISTANCES:
            kind, j, unit = "distance", j + 2, True
        elif nxt in lex.DURATIONS and not (nxt == "second" and self.low(j + 1) == "-"):  # two second-half shots
            kind, j, unit = "duration", j + 1, True
        elif digits and isinstance(value, int) and scale == 1 and self.is_year(i, value):
            kind = "year"
        return self.add(value, kind, i, j, unit, base, scale)

    def is_year(self, i: int, value: int) -> bool:
        t = self.toks[i]
        if not 1000 <= value <= 2100 or len(t.text) != 4:
            return False
        return self.low(i - 1) in lex.YEAR_CUES or self.is_month(i - 1) or 1900 <= value <= 2100

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
            if self.low(k) not in lex.ONES:
                return i + 1
            return self.add(lex.ONES[self.low(k)] / 3, "fraction", k, i + 1)  # two-thirds
        if w == "half" and prev in ("and",):
            return i + 1  # "and a half" after a number is read by read_words
        return self.add(lex.FRACTIONS[w], "fraction", i, i + 1)

    def read_ordinal(self, i: int) -> int:
        w = self.low(i)
        value = lex.ORDINALS[w]
        start = i
        if self.low(i - 1) == "-" and self.low(i - 2) in lex.TENS and self.glued(i) and self.glued(i - 1):
            # twenty-first: the tens were not read as a number (read_words stops at "-first")
            start = i - 2
            value += lex.TENS[self.low(i - 2)]
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
                assert a.value is not None and b.value is not None  # only vague amounts have none
                b.kind, b.value = "year", a.value // 100 * 100 + b.value
                continue
            between = self.toks[a.j:b.i]
            if takes_unit(a, b) and len(between) == 1 and between[0].low in lex.CONNECTORS:
                share_unit(a, b)


def extract_english(text: str) -> list[Quantity]:
    """Every quantity of an English text, in order."""
    return _Reader(text).run()
