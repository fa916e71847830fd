"""The value object both extractors return and the matcher compares, and what the two readers share.

``Quantity`` is the result.  ``Reading`` is a quantity while a reader still
works on it (token span, how its kind was found); ``Reader`` is the reading loop; ``takes_unit`` and
``share_unit`` are the range rule both languages follow (between 20 and 30% ->
both percent; 2 to 3 million -> both millions).  ``digits_value`` reads a digit
string in either script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

# Kinds an extractor may give.  ``date`` is a day of the month (the seed gold
# calls it ``day``), ``fraction`` is a share written as a word (half, نصف),
# ``time`` a clock time in hours (10:30 -> 10.5), ``enumeration`` the
# "firstly, secondly" of an argument (أولاً، ثانياً), ``vague`` an amount with
# no exact value (مئات, "thousands").
# A kind is a ``QuantityKind``: the type checker refuses any other string.
QuantityKind = Literal[
    "count", "percent", "money", "year", "date", "ordinal", "duration",
    "distance", "decade", "fraction", "time", "enumeration", "vague",
]
KINDS: tuple[QuantityKind, ...] = get_args(QuantityKind)


@dataclass(frozen=True)
class Quantity:
    text: str  # the surface exactly as in the input: input[start:end]
    value: int | float | None  # None for vague amounts
    kind: QuantityKind
    start: int
    end: int
    #: The scale word it is written with: 1000 for 14 ألف and "14 thousand", 10**6 for a vague
    #: ملايين or "several million" (whose scale must agree though they have no value); else 1.
    scale: int = 1

    def as_json(self) -> dict:
        return {"text": self.text, "value": self.value, "kind": self.kind}


#: Longer digit strings (with separators) are identifiers or junk, not quantities.
MAX_DIGITS = 40


def clean_value(x: float | int) -> int | float:
    """14000.0 -> 14000, and float noise (3.5 * 1e9) rounded away, so equal values compare equal."""
    if isinstance(x, int):
        return x  # exact already; float() would overflow on a 400-digit "number"
    x = round(float(x), 6)
    return int(x) if x.is_integer() else x


def digits_value(s: str) -> int | float:
    """Value of a digit string with separators: 14,000  3.5  1.000.000  ٣٫٥  ١٤٬٠٠٠.

    A comma (or ٬) followed by exactly three digits groups thousands (English
    and Arabic news usage); otherwise a comma is a decimal mark, as in Arabic
    typesetting that uses ``,`` for ``٫``.  A dot is decimal unless it repeats.
    """
    s = s.translate(_DIGITS)
    s = s.replace("٬", ",").replace("٫", ".").replace("،", ",")
    parts = s.replace(",", ".").split(".")
    seps = [c for c in s if c in ",."]
    if not seps:
        return int(s)
    if all(c == "," for c in seps) and all(len(p) == 3 for p in parts[1:]):
        return int("".join(parts))
    if all(c == "." for c in seps) and all(len(p) == 3 for p in parts[1:]) and (
            len(seps) > 1 or parts[1] == "000"):
        return int("".join(parts))  # 1.000.000 and 76.000: European grouping, common in Arabic news
    if seps.count(".") == 1 and all(c == "," for c in seps[:-1]) and seps[-1] == ".":
        return clean_value(float(s.replace(",", "")))  # 1,234.5
    if len(seps) == 1:
        return clean_value(float(parts[0] + "." + parts[1]))
    return int("".join(parts))  # odd mixture: read the digits as one integer


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass
class Reading:
    """A quantity being read: token span ``i:j``, character span ``start:end``, and how it was read."""

    value: int | float | None
    kind: QuantityKind
    i: int  # first token
    j: int  # one past the last token
    start: int  # character span
    end: int
    unit: bool = False  # kind came from a unit word after the number
    base: int | float | None = None  # value before a scale word (14 of 14 ألف)
    scale: int = 1

    def quantity(self, text: str) -> Quantity:
        return Quantity(text[self.start:self.end], self.value, self.kind, self.start, self.end, self.scale)


class Reader:
    """The reading loop both languages share: tokens left to right, each rule returning where to go on."""

    text: str
    toks: list
    found: list[Reading]

    def run(self) -> list[Quantity]:
        i = 0
        while i < len(self.toks):
            i = self.read_at(i)
        self.propagate_ranges()
        return [f.quantity(self.text) for f in self.found]

    def digits_at(self, i: int) -> int | float | None:
        """The value of the digit token at ``i``; None for a string too long to be a quantity."""
        text = self.toks[i].text
        if len(text) > MAX_DIGITS:
            return None  # an identifier or junk, not a quantity (and int() refuses 4,300+ digits)
        return digits_value(text)

    def read_at(self, i: int) -> int:
        """Read what starts at token ``i``; return the token to go on from."""
        raise NotImplementedError

    def propagate_ranges(self) -> None:
        """Give the first number of a range the unit of the second (``takes_unit``, ``share_unit``)."""
        raise NotImplementedError


#: Kinds the first number of a range takes from the second: between 20 and 30% -> both percent.
RANGE_KINDS: tuple[QuantityKind, ...] = ("percent", "money", "distance", "duration")


def takes_unit(a: Reading, b: Reading) -> bool:
    """Could ``a``, a bare count, open a range that ``b`` closes with a unit or a scale?"""
    return a.kind == "count" and not a.unit and (b.kind in RANGE_KINDS or b.scale > 1 and b.kind == "count")


def share_unit(a: Reading, b: Reading) -> None:
    """``a`` and ``b`` are one range: ``a`` takes ``b``'s kind, and its scale if it is smaller (2 to 3 million)."""
    a.kind = b.kind
    if b.scale > 1 and a.scale == 1 and a.base is not None and b.base is not None and a.base < b.base \
            and a.value is not None:
        a.value = clean_value(a.value * b.scale)
