"""The number check stage: every quantity of the Arabic is checked in the English.

Each piece the model translated is checked on its own (quantities do not
cross a clause cut).  A piece that fails is re-decoded before it is given up:

1. **n-best.**  The model's ``REPAIR_HYPOTHESES`` best beams, in score order;
   the first whose numbers all verify replaces the translation.
2. **Digits in the source.**  MarianMT copies digits far more reliably than it
   translates number words and scale words (``عشرة آلاف``, ``14 ألف``,
   ``مليارا دولار``), so the Arabic is rewritten with its numbers in digits
   (``10,000``, ``14,000``, ``2 مليار دولار``) and decoded again, n-best.

A hypothesis whose numbers verify replaces the first translation only if it
loses nothing else (``summarize.checks.acceptable``): it is at least half as
long as the first translation, of the length the Arabic predicts, with no
Arabic left in it and no loop.  An empty or cut-off beam has no wrong number
because it has no number at all; it never silences a flag.

A piece whose English loops has a repair of its own, after this one
(``summarize.checks.repair``: the same n-best, then a search that repeats no
3 tokens); it too takes only an ``acceptable`` hypothesis.

A repaired piece keeps its history (``Text.repairs``: the model's first
translation, which decoding and which hypothesis fixed it), and the numbers
the repair put right are marked ``repaired`` (those the first translation
already had right stay ``verified``); a piece that still fails
keeps the model's best translation and its numbers stay ``changed`` /
``missing`` / ``extra``, which the briefs flag.  Nothing is passed on silently.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from summarize.checks import acceptable
from summarize.document import Article, NumberCheck, NumberCounts, NumberStatus, Repair, RepairMethod
from summarize.numbers import CheckResult, check, extract_arabic
from summarize.runtime.progress import progress
from summarize.translate import Translator

REPAIR_HYPOTHESES = 8

# Number words whose run a digit rewrite replaces (scale words included).
_NUMBER_WORDS = set(
    """واحد واحدة اثنان اثنين اثنتان اثنتين ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثمان
    ثماني ثمانية تسع تسعة عشر عشرة عشرون عشرين ثلاثون ثلاثين أربعون أربعين خمسون خمسين ستون ستين
    سبعون سبعين ثمانون ثمانين تسعون تسعين مئة مائة مئتي مائتي مئتين مائتين مئات ألف آلاف ألفا ألفي
    ألفين مليون ملايين مليونا مليوني مليونين مليار مليارات مليارا ملياري مليارين""".split()
)
_DIGIT = re.compile(r"[0-9\u0660-\u0669]")


def _format(value: int | float) -> str:
    """Digits the model copies well: 10,000; 2 مليار; 3.5 مليون."""
    for scale, word in ((1_000_000_000, "مليار"), (1_000_000, "مليون")):
        if value >= scale and (value / scale * 10) == int(value / scale * 10):
            return f"{value / scale:g} {word}"
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def with_digits(arabic: str) -> str:
    """``arabic`` with each number written in words rewritten in digits."""
    out, last = [], 0
    for q in extract_arabic(arabic):
        if q.value is None:
            continue
        tokens = q.text.split()
        run = 0
        for token in tokens:
            bare = token[1:] if token.startswith("و") and token[1:] in _NUMBER_WORDS else token
            if bare in _NUMBER_WORDS or _DIGIT.search(bare):
                run += 1
            else:
                break
        if run == 0 or not any(t.lstrip("و") in _NUMBER_WORDS for t in tokens[:run]):
            continue  # already digits, or a dual (أسبوعين) the model translates well
        # the unit after the number stays: "ملياري دولار" -> "2 مليار دولار"
        rest = " " + " ".join(tokens[run:]) if run < len(tokens) else ""
        prefix = "و" if tokens[0].startswith("و") and tokens[0][1:] in _NUMBER_WORDS else ""
        out.append(arabic[last:q.start] + prefix + _format(q.value) + rest)
        last = q.end
    return "".join(out) + arabic[last:] if out else arabic


@dataclass(frozen=True)
class _Fix:
    text: str
    result: CheckResult
    method: RepairMethod
    rank: int


def number_checks(result: CheckResult, first: CheckResult | None = None) -> list[NumberCheck]:
    """The number checks of ``result``; with ``first`` (the check of the translation a repair
    replaced), a verified quantity the first translation did not have right is ``repaired``."""
    right_first = {(m.quantity.start, m.quantity.end) for m in first.verified} if first else None
    checks = []
    for m in result.matches:
        q = m.quantity
        status: NumberStatus = m.status
        if right_first is not None and status == "verified" and (q.start, q.end) not in right_first:
            status = "repaired"
        checks.append(NumberCheck(
            ar=m.source.text if m.source else None,
            en=m.target.text if m.target else None,
            value=q.value, kind=q.kind, status=status,
        ))
    return checks


def verify_articles(articles: list[Article], translator: Translator, show: bool = False) -> NumberCounts:
    """Check, repair and record the numbers of every translated piece (and, for a unit the model
    saw as it stands, the quantities its Arabic holds: ``Text.quantities``); return the run's counts."""
    pairs: dict[tuple[str, str], CheckResult] = {}
    for article in progress(articles, show, "Checking numbers"):
        for unit in article.units:
            for ar, en in zip(unit.pieces, unit.translations):
                if (ar, en) not in pairs:
                    pairs[(ar, en)] = check(ar, en)

    firsts = {ar: en for (ar, en), result in pairs.items() if not result.ok}
    failing = sorted(firsts)
    fixes = _repair(failing, translator, show, firsts) if failing else {}

    for article in articles:
        for unit in article.units:
            unit.numbers, unit.repairs = [], []
            if unit.pieces == [unit.ar]:  # read as it stands: its quantities are the unit's own
                unit.quantities = tuple(pairs[(unit.ar, unit.translations[0])].source)
            for i, (ar, en) in enumerate(zip(unit.pieces, unit.translations)):
                result = pairs[(ar, en)]
                fix = fixes.get(ar) if not result.ok else None
                if fix is None:
                    unit.numbers += number_checks(result)
                    continue
                unit.translations[i] = fix.text
                unit.repairs.append(Repair(piece=i, first=en, method=fix.method, rank=fix.rank))
                unit.numbers += number_checks(fix.result, first=result)
    return sum((article.number_counts for article in articles), NumberCounts())


def _repair(failing: list[str], translator: Translator, show: bool, firsts: dict[str, str]) -> dict[str, _Fix]:
    """For each failing Arabic piece, a translation whose numbers all verify and that loses nothing
    of the first translation (``firsts``: Arabic piece -> the model's first English), if one is found."""
    found: dict[str, _Fix] = {}
    rewritten = {ar: with_digits(ar) for ar in failing}
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(failing) + sum(rewritten[ar] != ar for ar in failing), unit="sent",
                   desc="Re-decoding numbers", file=sys.stderr, leave=False)
    _first_ok(failing, failing, "n-best", translator, found, bar, firsts)
    rest = [ar for ar in failing if ar not in found and rewritten[ar] != ar]
    if bar is not None:
        bar.update(sum(rewritten[ar] != ar for ar in failing) - len(rest))  # repaired by the n-best pass: no second pass
    _first_ok(rest, [rewritten[ar] for ar in rest], "digits", translator, found, bar, firsts)
    if bar is not None:
        bar.close()
    return found


def _first_ok(sources: list[str], inputs: list[str], method: RepairMethod, translator: Translator,
              found: dict[str, _Fix], bar, firsts: dict[str, str]) -> None:
    """Decode ``inputs`` n-best; keep, per source, the best hypothesis that checks out
    against the *original* Arabic and is ``acceptable`` in place of its first translation."""
    step = max(1, translator.batch_size)
    for start in range(0, len(inputs), step):
        part = slice(start, start + step)
        for ar, hypotheses in zip(sources[part], translator.hypotheses(inputs[part], REPAIR_HYPOTHESES)):
            for rank, hypothesis in enumerate(hypotheses, 1):  # best first
                result = check(ar, hypothesis.text)
                if result.ok and acceptable(ar, hypothesis.text, firsts.get(ar, "")):
                    found[ar] = _Fix(hypothesis.text, result, method, rank)
                    break
        if bar is not None:
            bar.update(len(inputs[part]))
