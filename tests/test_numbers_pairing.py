"""The indexed pairing makes exactly the choices of the scan it replaced.

``match`` used to give each source the best free target by scanning them all
(quadratic on a line with thousands of numbers).  The scan is kept here as the
reference (``reference_pair`` / ``reference_match``, the code as it was, with
the module's own predicates ``same_value``, ``may_be_changed`` and ``is_weak``: the
rules as written, which the indexes must follow), and hypothesis compares the
two on quantity lists drawn from real sentences (FLORES-200 devtest and
NTREX-128 in /work/shared/data when present, and the sample-corpus sentences
of helpers.CHECK_CASES, which test_numbers_match checks), shuffled, mixed between sentences, moved to
the edge of the tolerance, given other kinds and forms.
"""

from __future__ import annotations

import importlib
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import CHECK_CASES, examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from summarize.numbers import (
    Quantity,
    extract_arabic,
    extract_english,
    is_weak,
    match,
    rules,
    same_value,
)
from summarize.numbers.pairing import NONE, Group, QuotedIn
from summarize.numbers.quantity import KINDS

# The module itself (the package's ``match`` is the function): its passes are tested one by one.
match_module = importlib.import_module("summarize.numbers.match")
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


# --- the reference: the scan as it was -------------------------------------------------------

def _form(q):
    return any(c.isdigit() for c in q.text)


def reference_pair(sources, targets, free_s, free_t, accept):
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


def reference_changed(s, t):
    """The "changed" predicate is ``rules.may_be_changed``: the rule as written, which the index must follow."""
    return rules.may_be_changed(s, t)


def reference_lone_one(s, t):
    return (s.value == 1 and s.kind == "count" and is_weak(s) and not _form(t)
            and t.kind in ("count", "duration") and t.value is not None)


def reference_excuse(free, implied, kinds):
    left = Counter(implied or ())
    kept = []
    for q in free:
        if q.kind in kinds and not _form(q) and left[q.value] > 0:
            left[q.value] -= 1
        else:
            kept.append(q)
    return kept


def reference_match(source, target, source_implies=None, target_implies=None):
    """The pairs ``match`` made before the index, as (source, target, status) in its order."""
    free_s, free_t = list(source), list(target)
    verified = reference_pair(source, target, free_s, free_t, lambda s, t: s.kind == t.kind and same_value(s, t))
    verified += reference_pair(source, target, free_s, free_t, same_value)
    changed = reference_pair(source, target, free_s, free_t, reference_lone_one)
    free_s = reference_excuse(free_s, target_implies, ("count",))
    free_t = reference_excuse(free_t, source_implies, ("count", "duration", "distance"))
    changed += reference_pair(source, target, free_s, free_t, reference_changed)
    matches = [(s, t, "verified") for s, t in verified] + [(s, t, "changed") for s, t in changed]
    both = any(q.kind == "enumeration" for q in source) and any(q.kind == "enumeration" for q in target)

    def flag(q):
        return not is_weak(q) or both and q.kind == "enumeration"

    matches += [(s, None, "missing") for s in free_s if flag(s)]
    matches += [(None, t, "extra") for t in free_t if flag(t)]
    matches.sort(key=lambda m: (m[0].start if m[0] else float("inf"), m[1].start if m[1] else float("inf")))
    return matches


# --- quantities drawn from real sentences ------------------------------------------------------

def _real_pairs() -> list[tuple[str, str]]:
    pairs = [(ar, en) for ar, en, _ in CHECK_CASES]
    flores = SHARED / "flores200"
    if flores.is_dir():
        pairs += zip((flores / "devtest.arb").read_text("utf-8").splitlines(),
                     (flores / "devtest.eng").read_text("utf-8").splitlines())
    for ar in sorted((SHARED / "ntrex" / "docs").glob("*.arb.txt")) if (SHARED / "ntrex").is_dir() else []:
        en = ar.with_name(ar.name.replace(".arb.", ".eng."))
        pairs += zip(ar.read_text("utf-8").splitlines(), en.read_text("utf-8").splitlines())
    return pairs


def _sides() -> list[tuple[list[Quantity], list[Quantity]]]:
    found = [(extract_arabic(ar), extract_english(en)) for ar, en in _real_pairs()]
    return [(s, t) for s, t in found if s or t]


SIDES = _sides()
ALL = [q for s, t in SIDES for q in s + t]

# Texts that decide a quantity's form, weakness and decade reading.
TEXTS = ["7", "seven", "a couple", "one", "'80s", "1980s", "الستينيات", "sixties", "half", "50%", "ثلاثة"]


def _move(q: Quantity, rng: random.Random, offset: int) -> Quantity:
    """``q`` at another place, sometimes with another kind, text or a value at the edge of equal."""
    value, kind, text = q.value, q.kind, q.text
    roll = rng.random()
    if roll < 0.15:
        kind = rng.choice(KINDS)
    elif roll < 0.3:
        text = rng.choice(TEXTS)
    elif roll < 0.45 and value is not None:
        value = value * (1 + rng.choice([-2e-6, -1e-6, -9.9e-7, 9.9e-7, 1e-6, 2e-6])) + rng.choice([0, 0, 1e-6, -1e-6])
    elif roll < 0.55 and value is not None:
        value = rng.choice([value * 100, value / 100, value + 12, value - 12, value - 1900, value + 1900,
                            (value - 1) * 100, value / 100 + 1, 0.5, 50, 1, 2, None])
    start = q.start + offset if rng.random() < 0.9 else rng.randrange(0, offset + 1)
    return replace(q, text=text, value=value, kind=kind, start=start, end=start + len(text))


def _special(rng: random.Random, offset: int) -> tuple[Quantity, Quantity]:
    """One of the pairs ``same_value`` reads specially (SPECIAL below), either way round, at ``offset``."""
    pair = list(rng.choice(SPECIAL))
    if rng.random() < 0.5:
        pair.reverse()
    return tuple(Quantity(text, value, kind, offset, offset + len(text)) for text, value, kind in pair)


def _mixed(rng: random.Random, sentences: int, mutate: bool) -> tuple[list[Quantity], list[Quantity]]:
    """Sources and targets of ``sentences`` real sentence pairs as one line, with strays from others."""
    source, target, offset = [], [], 0
    for s, t in rng.sample(SIDES, min(sentences, len(SIDES))):
        for side, out in ((s, source), (t, target)):
            for q in side:
                if rng.random() < 0.1:
                    continue  # dropped
                out.append(_move(q, rng, offset) if mutate else replace(q, start=q.start + offset, end=q.end + offset))
                if rng.random() < 0.05:
                    out.append(out[-1])  # the same object twice
        offset += 300
    for _ in range(rng.randrange(3)):
        s, t = _special(rng, rng.randrange(offset + 1))
        source.append(s)
        target.append(t)
    for out in (source, target):
        for _ in range(rng.randrange(3)):
            out.append(_move(rng.choice(ALL), rng, rng.randrange(offset + 1)))  # a stray from elsewhere
        for i in rng.sample(range(len(out)), min(len(out), rng.randrange(3))):
            q = rng.choice(out)  # another quantity at the same place: only list order tells them apart
            out[i] = replace(out[i], start=q.start, end=q.end)
        if rng.random() < 0.5:
            rng.shuffle(out)  # list order decides only ties
    return source, target


def _implied(rng: random.Random) -> Counter:
    return Counter(rng.choice([1, 2, 2, 3]) for _ in range(rng.randrange(4)))


def _key(matches) -> list[tuple]:
    return [(id(s), id(t), status) for s, t, status in matches]


cases = st.tuples(st.integers(0, 2**32 - 1), st.integers(1, 12), st.booleans())
CHECKS = settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CHECKS
@given(cases)
def test_match_makes_the_choices_of_the_scan(case):
    seed, sentences, mutate = case
    rng = random.Random(seed)
    source, target = _mixed(rng, sentences, mutate)
    implies = _implied(rng), _implied(rng)
    result = match(source, target, *implies)
    assert _key((m.source, m.target, m.status) for m in result.matches) == _key(
        reference_match(source, target, *implies))


RULES = {  # each pass of match: the reference predicate and the indexed rule
    "same kind and value": (lambda s, t: s.kind == t.kind and same_value(s, t),
                            match_module._same_value(same_kind=True)),
    "same value": (same_value, match_module._same_value(same_kind=False)),
    "lone one": (reference_lone_one, match_module._lone_one),
    "changed": (reference_changed, match_module._changed_rule),
}


@CHECKS
@given(cases, st.sampled_from(sorted(RULES)))
# found by CI's random run (2026-12-07): a vague source ("50%" read with no value) and two vague targets
# of other scales, one of kind money; the index had taken every vague target for kind "vague"
@example(case=(700, 7, True), rule="changed")
def test_each_pass_makes_the_choices_of_the_scan(case, rule):
    """Every pass alone, on lists no earlier pass thinned (so the changed rule meets equal values too)."""
    seed, sentences, mutate = case
    rng = random.Random(seed)
    source, target = _mixed(rng, sentences, mutate)
    accept, best = RULES[rule]
    free_s, free_t = list(source), [t for t in target if rng.random() < 0.9]
    ref_s, ref_t = list(free_s), list(free_t)
    got = match_module._pair(source, target, free_s, free_t, best)
    want = reference_pair(source, target, ref_s, ref_t, accept)
    assert [(id(s), id(t)) for s, t in got] == [(id(s), id(t)) for s, t in want]
    assert [id(q) for q in free_s] == [id(q) for q in ref_s] and [id(q) for q in free_t] == [id(q) for q in ref_t]


def test_the_real_sentences_were_read():
    """The properties above ran on real quantities: the sample sentences always, the shared sets when present."""
    assert len(SIDES) >= 20
    if (SHARED / "flores200").is_dir():
        assert len(SIDES) > 500


SPECIAL = [  # (source, target): each special case of same_value, and the edge of its tolerance
    (("50%", 50, "percent"), ("half", 0.5, "fraction")),
    (("نصف", 0.5, "fraction"), ("50 percent", 50, "percent")),
    (("8 مساءً", 20, "time"), ("8 p.m.", 8, "time")),
    (("08:30", 8.5, "time"), ("8:30 p.m.", 20.5, "time")),
    (("القرن التاسع عشر", 19, "ordinal"), ("the 1800s", 1800, "decade")),
    (("ثمانينيات القرن التاسع عشر", 1880, "decade"), ("19th", 19, "ordinal")),
    (("1800s", 1800, "decade"), ("nineteen", 19, "count")),
    (("الستينيات", 1960, "decade"), ("sixty", 60, "count")),
    (("1980s", 1980, "decade"), ("80", 80, "count")),  # four digits: 80 is not the eighties
    (("14 ألف", 14000, "count"), ("14,000.01", 14000.01, "count")),  # within 1e-6 of the value
    (("14 ألف", 14000, "count"), ("14,000.02", 14000.02, "count")),  # just outside
    (("مئات", None, "vague"), ("thousands", None, "vague")),
]


@pytest.mark.parametrize("source,target", SPECIAL, ids=[f"{s[0]}-{t[0]}" for s, t in SPECIAL])
def test_special_cases_pair_as_same_value_says(source, target):
    s, t = Quantity(*source, 0, len(source[0])), Quantity(*target, 0, len(target[0]))
    result = match([s], [t])
    assert [m.status for m in result.matches] == (
        ["verified"] if same_value(s, t) else [m[2] for m in reference_match([s], [t])])
    assert _key((m.source, m.target, m.status) for m in result.matches) == _key(reference_match([s], [t]))


QUOTED = [  # (Arabic text, English part): does the part stand in the Arabic?
    ('مؤلف كتاب "Europe in Five Lives"', "Five", True),
    ('مؤلف كتاب "Europe in Five Lives"', "Five Lives", True),
    ('مؤلف كتاب "Europe in Five Lives"', "five", False),
    ('مؤلف كتاب "Europe in Five Lives"', 'Lives"', True),  # a quote mark: searched in the whole text
    ("فيلم Seven، Eleven", "Seven Eleven", False),  # the Arabic comma parts them
    ("فيلم Seven، Eleven", "Seven", True),
    ("سبعة آلاف", "seven", False),
    ("Twenty-one 21 ضابطا", "Twenty-one", True),
]


@pytest.mark.parametrize("text,part,expected", QUOTED)
def test_quoted_in(text, part, expected):
    assert (part in QuotedIn(text)) == expected == (part in text)


LINES = [ar for ar, _ in _real_pairs() if any(c.isascii() and c.isalpha() for c in ar)] or [QUOTED[0][0]]


@settings(max_examples=examples(500), deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_quoted_in_answers_as_in_does(seed):
    """On Arabic lines with Latin in them: parts cut from the line, English number words, mixtures."""
    rng = random.Random(seed)
    text = " ".join(rng.sample(LINES, min(len(LINES), rng.randrange(1, 4))))
    quoted = QuotedIn(text)
    for _ in range(20):
        i = rng.randrange(len(text))
        part = rng.choice([text[i:i + rng.randrange(1, 30)], rng.choice(TEXTS + ["Five", "one-third", "million"]),
                           text[i:i + 5] + rng.choice(["a", " ", "،", "-"])])
        assert (part in quoted) == (part in text), part


@settings(max_examples=examples(300), deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([0.0, 0.5, 1.0, 12.0, 1e9, -3e5]), st.sampled_from([1e-7, 1e-6, 1e-4]))
def test_group_near_is_the_first_close_key(seed, centre, spread):
    """``Group.near`` against a scan, on keys packed around ``centre`` (many blocks of close keys, some
    repeated, some taken), with the matcher's own tolerance."""
    rng = random.Random(seed)
    keys = [centre * (1 + rng.uniform(-spread, spread)) + rng.uniform(-spread, spread) for _ in range(rng.randrange(1, 60))]
    keys += rng.sample(keys, rng.randrange(len(keys) + 1))  # repeated keys
    ranks = rng.sample(range(1000), len(keys))
    group = Group(list(zip(keys, ranks)))
    taken = set(rng.sample(ranks, rng.randrange(len(ranks))))
    for rank in taken:
        group.remove(rank)
    for a in [centre, rng.choice(keys), centre * (1 + rng.uniform(-spread, spread))]:
        want = min((r for k, r in zip(keys, ranks) if r not in taken and rules.equal(a, float(k))), default=NONE)
        assert group.near(a, rules.equal) == want
