"""The repetition repair: an English that loops is replaced, when the model has one that does not.

A piece the model translated whose English the ``repetition`` check flags (whatever its numbers)
is offered, in this order:

1. **the model's other best beams** (``REPAIR_HYPOTHESES``, the n-best the number repair asks for,
   so a piece it re-decoded comes from the cache), method ``repetition``;
2. **a search that never repeats a sequence of ``NO_REPEAT`` target tokens** (the backends'
   ``no_repeat_ngram_size``; a request kind of its own, kept apart in the cache), its n best,
   method ``no-repeat``.

The first hypothesis that ``checks.acceptable`` passes (at least half as long as what the first
translation says, each loop counted once, no ``untranslated``, ``repetition`` or ``length`` flag) and that has no more number
problems than the first translation replaces it, with its history (``Text.repairs``) and its
number checks redone.  Otherwise the first translation stays, and the check flags it.

``NO_REPEAT = 3`` (SentencePiece tokens): 2 bans any pair said twice (``of the``), which one human
English sentence in six repeats (16.1% of the 3,009 of FLORES devtest and NTREX, counted in
words); 3 still lets a phrase recur in a sentence (3.9% of them repeat three words) and stops a
loop on its third token; 4 lets a 3-token phrase loop twice.  The repair only runs where the
English already loops, so the cost of a ban, a rewording, is paid only there, and ``acceptable``
refuses a rewording that lost half the sentence.

It runs after the number repair, on the model's English, before the reviews are applied.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from summarize.checks import acceptable, run
from summarize.checks.repetition import without_loops
from summarize.document import Article, Repair, RepairMethod
from summarize.numbers import CheckResult, check
from summarize.numbers.verify import REPAIR_HYPOTHESES, number_checks
from summarize.translate import Hypothesis, Translator

#: the size of the token n-grams the repair's re-decode may not repeat (see the module docstring)
NO_REPEAT = 3
#: the decodings tried, in order: (method, no_repeat_ngram_size)
DECODINGS: tuple[tuple[RepairMethod, int], ...] = (("repetition", 0), ("no-repeat", NO_REPEAT))


@dataclass(frozen=True)
class _Fix:
    text: str
    method: RepairMethod
    rank: int


def loops(ar: str, en: str) -> bool:
    """Whether the ``repetition`` check flags ``en`` as the English of ``ar``."""
    return bool(run(ar, en, only=("repetition",)))


def _problems(result: CheckResult) -> int:
    return sum(1 for m in result.matches if m.status != "verified")


def repair_loops(articles: list[Article], translator: Translator, show: bool = False) -> int:
    """Replace each looping piece's English by the first acceptable hypothesis; return how many
    pieces (distinct Arabic and English) were repaired."""
    looping = sorted({(ar, en) for article in articles for unit in article.units
                      for ar, en in zip(unit.pieces, unit.translations) if en and loops(ar, en)})
    if not looping:
        return 0
    fixes = _find(looping, translator, show)
    if not fixes:
        return 0
    for article in articles:
        for unit in article.units:
            changed = False
            for i, (ar, en) in enumerate(zip(unit.pieces, unit.translations)):
                fix = fixes.get((ar, en))
                if fix is not None:
                    unit.translations[i] = fix.text
                    unit.repairs.append(Repair(piece=i, first=en, method=fix.method, rank=fix.rank))
                    changed = True
            if changed:
                firsts = {r.piece: r.first for r in unit.repairs}
                unit.numbers = [n for i, (ar, en) in enumerate(zip(unit.pieces, unit.translations))
                                for n in number_checks(check(ar, en), check(ar, firsts[i]) if i in firsts else None)]
    return len(fixes)


def _find(looping: list[tuple[str, str]], translator: Translator, show: bool) -> dict[tuple[str, str], _Fix]:
    """For each looping (Arabic, English), the first acceptable hypothesis of each decoding in turn."""
    found: dict[tuple[str, str], _Fix] = {}
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(looping) * len(DECODINGS), unit="sent", desc="Repairing loops", file=sys.stderr,
                   leave=False)
    step = max(1, translator.batch_size)
    for method, no_repeat in DECODINGS:
        todo = [pair for pair in looping if pair not in found]
        if bar is not None:
            bar.update(len(looping) - len(todo))  # repaired already: not decoded again
        for start in range(0, len(todo), step):
            part = todo[start:start + step]
            for pair, hypotheses in zip(part, _decode(translator, [ar for ar, _ in part], no_repeat)):
                fix = _first_acceptable(*pair, hypotheses, method)
                if fix is not None:
                    found[pair] = fix
            if bar is not None:
                bar.update(len(part))
    if bar is not None:
        bar.close()
    return found


def _decode(translator: Translator, texts: list[str], no_repeat: int) -> list[list[Hypothesis]]:
    if no_repeat:
        return translator.hypotheses(texts, REPAIR_HYPOTHESES, no_repeat_ngram_size=no_repeat)
    return translator.hypotheses(texts, REPAIR_HYPOTHESES)  # the number repair's own request


def _first_acceptable(ar: str, first: str, hypotheses: list[Hypothesis], method: RepairMethod) -> _Fix | None:
    """The best hypothesis that may replace ``first``: acceptable, and no more number problems."""
    allowed = _problems(check(ar, first))
    said = without_loops(first)  # a loop's length is no content: half of what it says is the bar
    for rank, hypothesis in enumerate(hypotheses, 1):  # best first
        text = hypothesis.text
        if text == first or not acceptable(ar, text, said):
            continue
        if _problems(check(ar, text)) <= allowed:
            return _Fix(text, method, rank)
    return None
