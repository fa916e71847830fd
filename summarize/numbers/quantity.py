"""The value object both extractors return and the matcher compares."""

from __future__ import annotations

from dataclasses import dataclass

# Kinds an extractor may give.  ``date`` is a day of the month (the seed gold
# calls it ``day``), ``fraction`` is a share written as a word (half, نصف),
# ``time`` a clock time in hours (10:30 -> 10.5), ``enumeration`` the
# "firstly, secondly" of an argument (أولاً، ثانياً), ``vague`` an amount with
# no exact value (مئات, "thousands").
KINDS = (
    "count", "percent", "money", "year", "date", "ordinal", "duration",
    "distance", "decade", "fraction", "time", "enumeration", "vague",
)


@dataclass(frozen=True)
class Quantity:
    text: str  # the surface exactly as in the input: input[start:end]
    value: int | float | None  # None for vague amounts
    kind: str
    start: int
    end: int

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
