"""What makes two quantities the same number, a changed one, or one whose absence proves little.

The rules as predicates on one pair: ``same_value`` (is this the same number, however written),
``may_be_changed`` (could this target be the source with its value changed), ``is_weak`` (is its
absence no evidence).  The pairing (``numbers.match``) applies them through index look-ups of the
keys they compare (``numbers.pairing``), never pair by pair; ``tests/test_numbers_pairing.py``
checks the look-ups against these predicates.
"""

from __future__ import annotations

from summarize.numbers.quantity import Quantity, QuantityKind

# Kinds a number may move between in translation, so a different value in one
# of them is "changed" rather than one missing plus one extra.
SWAPPABLE: frozenset[QuantityKind] = frozenset({"count", "money", "distance", "percent", "duration"})


def is_weak(q: Quantity) -> bool:
    """A quantity whose absence on the other side is no evidence of an error."""
    if q.value is None or q.kind in ("vague", "enumeration"):
        return True  # amounts with no value; "firstly, secondly" (rendered "next", "then")
    if q.text.lower().startswith("a couple"):
        return True  # "a couple of days" is as loose as "a few days" (بضعة أيام)
    if q.kind == "fraction" and q.value in (0.5, 0.25) and not has_digits(q):
        return True  # نصف: "half", "semi-", "mid-"; ربع: "quarter-hour", "second quarter"
    return q.value == 1 and q.kind != "date" and not has_digits(q)


def equal(a: float, b: float) -> bool:
    """Equal within the tolerance of a number read from text (one part in a million)."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def same_value(s: Quantity, t: Quantity) -> bool:
    """Do two quantities carry the same number, allowing for how it is written?"""
    if s.value is None or t.value is None:
        return s.value is None and t.value is None and scales_agree(s, t)
    a, b = float(s.value), float(t.value)
    if equal(a, b):
        return True
    kinds = {s.kind, t.kind}
    if kinds == {"percent", "fraction"}:  # 50% = half
        p, f = (a, b) if s.kind == "percent" else (b, a)
        return equal(p, f * 100)
    if kinds == {"time"}:  # 08:30 written for 8:30 p.m.
        return equal(a, b + 12) or equal(b, a + 12)
    if "decade" in kinds:
        d, o = (s, t) if s.kind == "decade" else (t, s)
        dv, ov = (a, b) if s.kind == "decade" else (b, a)
        if (start := century_start(o)) is not None and equal(dv, start):
            return True  # القرن التاسع عشر = the 1800s
        if is_short_decade(d):
            return equal(dv - 1900, ov)  # "80s" may be temperatures or ages, not years
    return False


def century_start(q: Quantity) -> float | None:
    """The first year of the century an ordinal or count of 10 to 22 names (التاسع عشر: 1800), else None."""
    if q.kind in ("ordinal", "count") and q.value is not None and 10 <= float(q.value) <= 22:
        return (float(q.value) - 1) * 100
    return None


def is_short_decade(q: Quantity) -> bool:
    """A decade that names its century by implication only (the sixties, the '80s): a year after 1900."""
    return not any(c.isdigit() for c in q.text[:4]) or len(q.text.strip("'’s")) == 2


def scales_agree(s: Quantity, t: Quantity) -> bool:
    """Vague amounts agree unless both name a scale word from a thousand up and they differ:
    عدة ملايين is "several million", not "several billion"; مئات may be "hundreds of thousands"."""
    return s.scale == t.scale or 1 in (s.scale, t.scale)


def has_digits(q: Quantity) -> bool:
    """Is the quantity written with digits (not in words)?"""
    return any(c.isdigit() for c in q.text)


def may_be_changed(s: Quantity, t: Quantity) -> bool:
    """Could ``t`` stand where the translation changed ``s``'s value (the "changed" rule)?"""
    if s.value is None or t.value is None:
        return s.value is None and t.value is None and not scales_agree(s, t)  # ملايين -> "billions"
    if is_weak(s) or is_weak(t):
        # a lone word "one" often just disappears into "a"; only ordinals
        # (أول -> "second") say something changed
        return s.kind == t.kind and s.kind in ("ordinal", "enumeration") and s.value != t.value
    if s.kind == t.kind:
        return True
    return not is_weak(s) and not is_weak(t) and s.kind in SWAPPABLE and t.kind in SWAPPABLE
