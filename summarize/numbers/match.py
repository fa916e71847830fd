"""Pair the quantities of an Arabic sentence with those of its English translation.

A bilingual editor reads "14 ألف" and "14,000" as the same number, does not
care whether "68" was a count or a money amount as long as it is 68, and
shrugs at a "first" the translator wrote for في المقام الأول.  The rules:

1. verified: same value, whatever the form (14 ألف = 14,000 = 14 thousand);
   same kind first, then any kind (a day 20 matches "July 20", 50% matches
   "half", 8 مساءً matches "8 p.m.").
2. changed: an unmatched source and an unmatched target of the same (or a
   close) kind: the translation put a different value in its place (2 billion
   for 2 million).
3. missing / extra: what is left on either side.
4. Quantities that prove little are never flagged when unmatched (they are
   still verified or changed when paired): vague amounts (مئات, "thousands"),
   the number one written as a word (أول, واحد, "first", "one day") and
   fractions in words (نصف, "half"), which translators render freely
   ("for the first time" for لأول مرة but also "never before").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from summarize.numbers.arabic import extract_arabic
from summarize.numbers.arabic_words import implied_values as arabic_implied
from summarize.numbers.english import extract_english
from summarize.numbers.english_words import implied_values as english_implied
from summarize.numbers.quantity import Quantity



@dataclass
class Match:
    source: Quantity | None  # None for "extra"
    target: Quantity | None  # None for "missing"
    status: str  # verified | changed | missing | extra


class _WithStatus:
    """``result.changed``: the matches of a result that have the status the attribute is named after."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.status = name

    def __get__(self, result: "CheckResult", owner: type | None = None) -> list[Match]:
        return [m for m in result.matches if m.status == self.status]


@dataclass
class CheckResult:
    source: list[Quantity]
    target: list[Quantity]
    matches: list[Match] = field(default_factory=list)

    verified = _WithStatus()
    changed = _WithStatus()
    missing = _WithStatus()
    extra = _WithStatus()

    @property
    def ok(self) -> bool:
        return not any(m.status != "verified" for m in self.matches)


def is_weak(q: Quantity) -> bool:
    """A quantity whose absence on the other side is no evidence of an error."""
    if q.value is None or q.kind in ("vague", "enumeration"):
        return True  # amounts with no value; "firstly, secondly" (rendered "next", "then")
    if q.text.lower().startswith("a couple"):
        return True  # "a couple of days" is as loose as "a few days" (بضعة أيام)
    if q.kind == "fraction" and q.value in (0.5, 0.25) and not _form(q):
        return True  # نصف: "half", "semi-", "mid-"; ربع: "quarter-hour", "second quarter"
    return q.value == 1 and q.kind != "date" and not _form(q)


def _equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def same_value(s: Quantity, t: Quantity) -> bool:
    """Do two quantities carry the same number, allowing for how it is written?"""
    if s.value is None or t.value is None:
        return s.value is None and t.value is None
    a, b = float(s.value), float(t.value)
    if _equal(a, b):
        return True
    kinds = {s.kind, t.kind}
    if kinds == {"percent", "fraction"}:  # 50% = half
        p, f = (a, b) if s.kind == "percent" else (b, a)
        return _equal(p, f * 100)
    if kinds == {"time"}:  # 08:30 written for 8:30 p.m.
        return _equal(a, b + 12) or _equal(b, a + 12)
    if "decade" in kinds:
        d, o = (s, t) if s.kind == "decade" else (t, s)
        dv, ov = float(d.value), float(o.value)
        if o.kind in ("ordinal", "count") and 10 <= ov <= 22 and _equal(dv, (ov - 1) * 100):
            return True  # القرن التاسع عشر = the 1800s
        if not any(c.isdigit() for c in d.text[:4]) or len(d.text.strip("'’s")) == 2:
            return _equal(dv - 1900, ov)  # "80s" may be temperatures or ages, not years
    return False


def _form(q: Quantity) -> bool:
    return any(c.isdigit() for c in q.text)


def _pair(sources, targets, free_s, free_t, accept) -> list[tuple[Quantity, Quantity]]:
    """Greedy: each free source, strongest first, takes the best free target ``accept`` allows.

    Digits are paired before words, so "3" finds "3" before a stray ثلاثة does;
    among candidates the same kind, then the same form (digits or words), then
    reading order win.  ``free_s`` and ``free_t`` are updated in place.
    Free targets are tracked by identity, not equality: machine output can
    hold hundreds of quantities and list membership made this quadratic.
    """
    pairs = []
    open_targets = {id(t) for t in free_t}
    for s in sorted(free_s, key=lambda q: (is_weak(q), not _form(q), q.start)):
        best = None
        for t in targets:
            if id(t) not in open_targets or not accept(s, t):
                continue
            rank = (t.kind != s.kind, _form(t) != _form(s), t.start)
            if best is None or rank < best[0]:
                best = (rank, t)
        if best:
            open_targets.discard(id(best[1]))
            pairs.append((s, best[1]))
    taken_s = {id(s) for s, _ in pairs}
    free_s[:] = [q for q in free_s if id(q) not in taken_s]
    free_t[:] = [q for q in free_t if id(q) in open_targets]
    return pairs


def _changed(s: Quantity, t: Quantity) -> bool:
    if s.value is None or t.value is None:
        return False
    if is_weak(s) or is_weak(t):
        # a lone word "one" often just disappears into "a"; only ordinals
        # (أول -> "second") say something changed
        return s.kind == t.kind and s.kind in ("ordinal", "enumeration") and s.value != t.value
    if s.kind == t.kind:
        return True
    return not is_weak(s) and not is_weak(t) and s.kind in _SWAPPABLE and t.kind in _SWAPPABLE


# Kinds a number may move between in translation, so a different value in one
# of them is "changed" rather than one missing plus one extra.
_SWAPPABLE = {"count", "money", "distance", "percent", "duration"}


def _excuse(free: list[Quantity], implied, kinds) -> list[Quantity]:
    """Drop from ``free`` the word-form quantities the other side implies, each implication used once."""
    left = Counter(implied or ())
    kept = []
    for q in free:
        if q.kind in kinds and not _form(q) and left[q.value] > 0:
            left[q.value] -= 1
        else:
            kept.append(q)
    return kept


def match(source: list[Quantity], target: list[Quantity],
          source_implies=None, target_implies=None) -> CheckResult:
    """Pair two lists of quantities.

    ``source_implies`` / ``target_implies`` count the small numbers a side
    carries without writing them as a number (an Arabic dual, "fourballs"): a
    missing or extra number word with such a value is not flagged, once per
    implying word.
    """
    free_s = [q for q in source]
    free_t = [q for q in target]
    verified = _pair(source, target, free_s, free_t, lambda s, t: s.kind == t.kind and same_value(s, t))
    verified += _pair(source, target, free_s, free_t, same_value)
    # a lone واحد against a "two" the translation has in its place: changed
    changed = _pair(source, target, free_s, free_t,
                    lambda s, t: s.value == 1 and s.kind == "count" and is_weak(s) and not _form(t)
                    and t.kind in ("count", "duration") and t.value is not None)
    # what the other side implies without a numeral (a dual, "both") is accounted for
    free_s = _excuse(free_s, target_implies, ("count",))
    free_t = _excuse(free_t, source_implies, ("count", "duration", "distance"))
    changed += _pair(source, target, free_s, free_t, _changed)
    matches = [Match(s, t, "verified") for s, t in verified]
    matches += [Match(s, t, "changed") for s, t in changed]
    # "firstly, secondly" is loose on one side, but once both sides enumerate, the steps line up
    both_enumerate = any(q.kind == "enumeration" for q in source) and any(q.kind == "enumeration" for q in target)

    def flag(q: Quantity) -> bool:
        return not is_weak(q) or both_enumerate and q.kind == "enumeration"

    matches += [Match(s, None, "missing") for s in free_s if flag(s)]
    matches += [Match(None, t, "extra") for t in free_t if flag(t)]
    matches.sort(key=lambda m: (m.source.start if m.source else float("inf"),
                                m.target.start if m.target else float("inf")))
    return CheckResult(source, target, matches)


@lru_cache(maxsize=4096)
def _arabic_side(arabic: str) -> tuple[tuple[Quantity, ...], Counter]:
    """The source's quantities, read once: repair checks one source against many hypotheses."""
    return tuple(extract_arabic(arabic)), arabic_implied(arabic)


def clear_cache() -> None:
    """Forget the sources read so far, so that the next ``check`` of each reads it again (timing a cold check)."""
    _arabic_side.cache_clear()


def check(arabic: str, english: str) -> CheckResult:
    """Check the numbers of one Arabic sentence (or passage) against its English translation."""
    source, implied = _arabic_side(arabic)
    result = match(list(source), extract_english(english), Counter(implied), english_implied(english))
    # English number words quoted in the Arabic (a book title left in Latin
    # script) are there, not extra.
    result.matches = [m for m in result.matches
                      if not (m.status == "extra" and not _form(m.target) and m.target.text in arabic)]
    return result
