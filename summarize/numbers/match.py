"""Pair the quantities of an Arabic sentence with those of its English translation.

A bilingual editor reads "14 ألف" and "14,000" as the same number, does not
care whether "68" was a count or a money amount as long as it is 68, and
shrugs at a "first" the translator wrote for في المقام الأول.  The rules:

1. verified: same value, whatever the form (14 ألف = 14,000 = 14 thousand);
   same kind first, then any kind (a day 20 matches "July 20", 50% matches
   "half", 8 مساءً matches "8 p.m.").
2. changed: an unmatched source and an unmatched target of the same (or a
   close) kind: the translation put a different value in its place (2 billion
   for 2 million); a vague amount of another scale word (عدة ملايين, several
   million, as "several billion"); a lone واحد, or an أحد / إحدى "one of",
   with a "two" in its place.
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
from typing import Iterable, Literal

from summarize.numbers.arabic import read_arabic
from summarize.numbers.arabic_words import implied_values as arabic_implied
from summarize.numbers.english import extract_english
from summarize.numbers.english_words import implied_values as english_implied
from summarize.numbers.pairing import NONE, FreeTargets, QuotedIn
from summarize.numbers.quantity import Quantity, QuantityKind
from summarize.numbers.rules import (
    SWAPPABLE,
    century_start,
    equal,
    has_digits,
    is_short_decade,
    is_weak,
)


#: What the pairing says of a pair (``NumberCheck.status`` adds ``repaired``).
MatchStatus = Literal["verified", "changed", "missing", "extra"]


@dataclass
class Match:
    source: Quantity | None  # None for "extra"
    target: Quantity | None  # None for "missing"
    status: MatchStatus

    @property
    def quantity(self) -> Quantity:
        """What the match is about: the source's quantity, or the target's for an ``extra``."""
        q = self.source or self.target
        assert q is not None, "a match has a source, a target or both"
        return q

    @property
    def pair(self) -> tuple[Quantity, Quantity]:
        """Source and target of a ``verified`` or ``changed`` match."""
        assert self.source is not None and self.target is not None, f"a {self.status} match has no pair"
        return self.source, self.target


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


def _pair(sources, targets, free_s, free_t, best) -> list[tuple[Quantity, Quantity]]:
    """Greedy: each free source, strongest first, takes the best free target its rule allows.

    Digits are paired before words, so "3" finds "3" before a stray ثلاثة does;
    among candidates the same kind, then the same form (digits or words), then
    reading order win.  ``best(s, free)`` is the rule: the reading rank of the
    best target for ``s`` among the still free ones (``pairing.FreeTargets``),
    found through an index, never by scanning every target (a line with
    thousands of numbers made that quadratic).  ``free_s`` and ``free_t`` are
    updated in place; targets are tracked by identity, not equality.
    """
    pairs = []
    free = FreeTargets(targets, free_t)
    for s in sorted(free_s, key=lambda q: (is_weak(q), not has_digits(q), q.start)):
        rank = best(s, free)
        if rank != NONE:
            pairs.append((s, free.take(rank)))
    taken_s = {id(s) for s, _ in pairs}
    taken_t = {id(t) for _, t in pairs}
    free_s[:] = [q for q in free_s if id(q) not in taken_s]
    free_t[:] = [q for q in free_t if id(q) not in taken_t]
    return pairs


#: A target a rule found for a source: (its kind, "" for a group of any kind; has digits; reading rank).
_Found = tuple[QuantityKind | Literal[""], bool, float]


def _ranked(s: Quantity, found: Iterable[_Found]) -> float:
    """The best of the targets rules found for ``s`` as (kind, has digits, reading rank): the rank of the
    one of the same kind, then the same form, then the first."""
    form = has_digits(s)
    return min(((kind != s.kind, digits != form, rank) for kind, digits, rank in found if rank != NONE),
               default=(True, True, NONE))[2]


# --- the rules as indexes: what each accepts, found without a scan -----------------------------

ANY = "*"  # a group of every kind


def _by_value(t: Quantity):
    """Every target by its value, in a group of its kind and form and in one of every kind and that form."""
    form = has_digits(t)
    if t.value is None:  # keyed by scale: 1 for none (مئات, "hundreds"), else its scale word
        return [(("none", t.kind, form), t.scale), (("none", ANY, form), t.scale)]
    return [((t.kind, form), t.value), ((ANY, form), t.value)]


def _fraction_percent(t: Quantity):
    """A fraction as the percent it is (half: 50)."""
    return [(has_digits(t), float(t.value) * 100)] if t.kind == "fraction" and t.value is not None else []


def _time_pm(t: Quantity):
    """A clock time 12 hours later (08:30 written for 8:30 p.m.)."""
    return [(has_digits(t), float(t.value) + 12)] if t.kind == "time" and t.value is not None else []


def _century(t: Quantity):
    """An ordinal or count of 10 to 22 as the first year of its century (التاسع عشر: 1800)."""
    start = century_start(t)
    return [((t.kind, has_digits(t)), start)] if start is not None else []


def _decade_years(t: Quantity):
    """A decade in words or two digits as years after 1900 (الستينيات: 60)."""
    if t.kind == "decade" and t.value is not None and is_short_decade(t):
        return [(has_digits(t), float(t.value) - 1900)]
    return []


def _same_value(same_kind: bool):
    """The rule "``same_value(s, t)``" (``same_kind``: and of the same kind), as index look-ups.

    Each special case of ``same_value`` is one look-up of the key it compares:
    keep the two in step (tests/test_numbers_pairing.py compares this with a scan).
    """
    def best(s: Quantity, free: FreeTargets) -> float:
        key: tuple[object, ...]  # the group a look-up asks for: its shape is its index's
        forms = (True, False)
        if s.value is None:  # vague against vague, of a scale that agrees (scales_agree)
            groups = free.index(_by_value)
            found: list[_Found] = [(s.kind, f, _agreeing(groups[key], s.scale)) for f in forms
                                   if (key := ("none", s.kind, f)) in groups]
            if not same_kind and not any(rank != NONE for *_, rank in found):
                found = [("", f, _agreeing(groups[key], s.scale)) for f in forms if (key := ("none", ANY, f)) in groups]
            return _ranked(s, found)
        a = float(s.value)
        looks = [(a, _by_value)]  # (value, index): targets of any kind with that value
        if s.kind == "decade" and is_short_decade(s):
            looks.append((a - 1900, _by_value))
        found = []
        for value, spec in looks:
            groups = free.index(spec)
            found += [(s.kind, f, groups[key].near(value, equal)) for f in forms if (key := (s.kind, f)) in groups]
        if s.kind == "time":
            groups = free.index(_time_pm)
            found += [("time", f, groups[f].near(a, equal)) for f in forms if f in groups]
            groups = free.index(_by_value)
            found += [("time", f, groups[key].near(a + 12, equal)) for f in forms if (key := ("time", f)) in groups]
        if same_kind or any(rank != NONE for *_, rank in found):
            return _ranked(s, found)  # a target of the same kind beats every other
        for value, spec in looks:
            groups = free.index(spec)
            found += [("", f, groups[key].near(value, equal)) for f in forms if (key := (ANY, f)) in groups]
        found += _other_kinds(s, a, free)
        return _ranked(s, found)

    return best


def _agreeing(group, scale: int) -> float:
    """The first vague target of ``group`` (keyed by scale) whose scale agrees with ``scale``."""
    if scale == 1:
        return group.first()
    return min(group.near(scale, equal), group.near(1, equal))


def _other_kinds(s: Quantity, a: float, free: FreeTargets) -> list[_Found]:
    """Targets of another kind that ``same_value`` reads as ``s``'s value: a percent and its fraction,
    a century and its decade, a short decade and its years."""
    found: list[_Found] = []
    forms = (True, False)
    if s.kind == "percent":
        groups = free.index(_fraction_percent)
        found += [("fraction", f, groups[f].near(a, equal)) for f in forms if f in groups]
    if s.kind == "fraction":
        groups = free.index(_by_value)
        found += [("percent", f, groups[key].near(a * 100, equal)) for f in forms if (key := ("percent", f)) in groups]
    if s.kind == "decade":
        groups = free.index(_century)
        found += [(kind, f, group.near(a, equal)) for (kind, f), group in groups.items()]
    else:
        groups = free.index(_decade_years)
        found += [("decade", f, groups[f].near(a, equal)) for f in forms if f in groups]
    if (start := century_start(s)) is not None:
        groups = free.index(_by_value)
        found += [("decade", f, groups[key].near(start, equal)) for f in forms if (key := ("decade", f)) in groups]
    return found


def _by_change(t: Quantity):
    """Targets with a value by kind, form and weakness: what the "changed" rules choose from."""
    return [((t.kind, has_digits(t), is_weak(t)), t.value)] if t.value is not None else []


def _lone_one(s: Quantity, free: FreeTargets) -> float:
    """A lone واحد against a "two" the translation has in its place (a count or duration in words)."""
    if not (s.value == 1 and s.kind == "count" and is_weak(s)):
        return NONE
    groups = free.index(_by_change)
    return _ranked(s, [(kind, False, groups[key].first()) for kind in ("count", "duration") for weak in (True, False)
                       if (key := (kind, False, weak)) in groups])


def _vague_scales(t: Quantity):
    """Vague targets that name a scale word, by it, in a group of their kind and form (the ranking
    prefers the source's kind: a vague amount is not always of kind ``vague``)."""
    return [((t.kind, has_digits(t)), t.scale)] if t.value is None and t.scale > 1 else []


def _two_of(s: Quantity, free: FreeTargets) -> float:
    """An أحد "one of" against a count in words other than one that the translation has in its place
    ("two of nine leaders" for أحد القادة التسعة)."""
    groups = free.index(_by_change)
    return _ranked(s, [("count", False, groups[key].first_not(1)) for weak in (True, False)
                       if (key := ("count", False, weak)) in groups])


def _changed_rule(s: Quantity, free: FreeTargets) -> float:
    """``rules.may_be_changed`` as index look-ups: the same kind first (a weak one only as an ordinal or step with
    another value), then, for a strong source of a swappable kind, a strong target of another;
    a vague amount against one of another scale word."""
    if s.value is None:
        if s.scale == 1:
            return NONE
        groups = free.index(_vague_scales)
        return _ranked(s, [(kind, f, group.first_not(s.scale)) for (kind, f), group in groups.items()])
    groups = free.index(_by_change)
    forms = (True, False)
    found: list[_Found] = []
    if not is_weak(s):
        found += [(s.kind, f, groups[key].first()) for f in forms if (key := (s.kind, f, False)) in groups]
    if s.kind in ("ordinal", "enumeration"):
        found += [(s.kind, f, groups[key].first_not(s.value)) for f in forms if (key := (s.kind, f, True)) in groups]
        if is_weak(s):
            found += [(s.kind, f, groups[key].first_not(s.value)) for f in forms
                      if (key := (s.kind, f, False)) in groups]
    if not is_weak(s) and s.kind in SWAPPABLE and not any(rank != NONE for *_, rank in found):
        found += [(kind, f, groups[key].first()) for kind in SWAPPABLE - {s.kind} for f in forms
                  if (key := (kind, f, False)) in groups]
    return _ranked(s, found)


def _excuse(free: list[Quantity], implied, kinds: tuple[QuantityKind, ...]) -> list[Quantity]:
    """Drop from ``free`` the word-form quantities the other side implies, each implication used once."""
    left = Counter(implied or ())
    kept = []
    for q in free:
        if q.kind in kinds and not has_digits(q) and left[q.value] > 0:
            left[q.value] -= 1
        else:
            kept.append(q)
    return kept


def match(source: list[Quantity], target: list[Quantity],
          source_implies=None, target_implies=None, source_one_of=()) -> CheckResult:
    """Pair two lists of quantities.

    ``source_implies`` / ``target_implies`` count the small numbers a side
    carries without writing them as a number (an Arabic dual, "fourballs"): a
    missing or extra number word with such a value is not flagged, once per
    implying word.  ``source_one_of`` are the source's "one of" (أحد القادة,
    ``arabic.one_of``): not quantities, each only a lone one that a
    "two of" in the translation may have taken the place of.
    """
    free_s = [q for q in source]
    free_t = [q for q in target]
    verified = _pair(source, target, free_s, free_t, _same_value(same_kind=True))
    verified += _pair(source, target, free_s, free_t, _same_value(same_kind=False))
    # a lone واحد against a "two" the translation has in its place: changed; and أحد, إحدى "one of"
    changed = _pair(source, target, free_s, free_t, _lone_one)
    changed += _pair(source_one_of, target, list(source_one_of), free_t, _two_of)
    # what the other side implies without a numeral (a dual, "both") is accounted for
    free_s = _excuse(free_s, target_implies, ("count",))
    free_t = _excuse(free_t, source_implies, ("count", "duration", "distance"))
    changed += _pair(source, target, free_s, free_t, _changed_rule)
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
def _arabic_side(arabic: str) -> tuple[tuple[Quantity, ...], Counter, tuple[Quantity, ...]]:
    """The source's quantities, implied numbers and "one of"s, read once: repair checks one source
    against many hypotheses."""
    quantities, one_of = read_arabic(arabic)
    return tuple(quantities), arabic_implied(arabic), tuple(one_of)


def clear_cache() -> None:
    """Forget the sources read so far, so that the next ``check`` of each reads it again (timing a cold check)."""
    _arabic_side.cache_clear()


def check(arabic: str, english: str) -> CheckResult:
    """Check the numbers of one Arabic sentence (or passage) against its English translation."""
    source, implied, one_of = _arabic_side(arabic)
    result = match(list(source), extract_english(english), Counter(implied), english_implied(english), list(one_of))
    # English number words quoted in the Arabic (a book title left in Latin
    # script) are there, not extra.
    quoted = QuotedIn(arabic)
    result.matches = [m for m in result.matches
                      if not (m.status == "extra" and m.target is not None and not has_digits(m.target)
                              and m.target.text in quoted)]
    return result
