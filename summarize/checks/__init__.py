"""Checks beyond numbers: what else goes wrong with a machine translation of Arabic news.

The number check (``summarize.numbers``) is one check among several over the same aligned unit
(an Arabic sentence and its English).  Each check here is a module with a ``NAME``, a one-line
``EXPLANATION`` a reviewer reads, and ``find(ar, en, context)`` returning the evidence of each
problem it sees (plain JSON-able dicts; an empty list: nothing wrong):

==================  ===================================================================
``untranslated``    Arabic script left in the English, an empty English, or the source copied
``repetition``      a word or phrase looping, beyond what the Arabic itself repeats
``length``          English much shorter or longer than the Arabic predicts (fitted on human translations)
``punctuation``     unbalanced quotes or brackets, a question without its question mark
``terms``           a glossary term the Arabic uses whose English form is missing
``names``           an English name with no Arabic counterpart; one Arabic name spelled two ways in a day
==================  ===================================================================

``run(ar, en, context, only)`` runs the unit checks; ``check_articles`` runs them over a day's
articles (``names`` compares units with each other) and stores the flags on ``Text.checks``.
``acceptable`` is what a repair must pass (``summarize.numbers.verify``): a re-decoded
hypothesis replaces a translation only if it is not too short, not untranslated, not looping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from summarize.checks import length, names, punctuation, repetition, terms, untranslated
from summarize.document import Flag

if TYPE_CHECKING:
    from summarize.document import Article

#: Every check of a unit, in the order a reviewer reads them; ``numbers`` lives in summarize.numbers.
MODULES: dict[str, ModuleType] = {m.NAME: m for m in (untranslated, repetition, length, punctuation, terms, names)}
NAMES = ("numbers", *MODULES)
EXPLANATIONS = {"numbers": "a number of the Arabic is missing, changed or added in the English",
                **{name: m.EXPLANATION for name, m in MODULES.items()}}
#: What a repair's hypothesis must pass to replace the model's first translation.
REPAIR_GUARDS = ("untranslated", "repetition", "length")


@dataclass
class Context:
    """What a check may need beyond the pair: the glossary (``terms.Glossary``), if any."""

    glossary: terms.Glossary | None = None
    extra: dict = field(default_factory=dict)


def run(ar: str, en: str | None, context: Context | None = None, only: tuple[str, ...] | None = None) -> list[Flag]:
    """The flags of one unit from the checks named in ``only`` (all of them by default)."""
    context = context or Context()
    flags = []
    for name, module in MODULES.items():
        if only is not None and name not in only:
            continue
        for evidence in module.find(ar, en or "", context):
            flags.append(Flag(check=name, note=module.note(evidence), evidence=evidence))
    return flags


def acceptable(ar: str, en: str, first: str) -> bool:
    """A repair's hypothesis may replace ``first`` (the model's first translation of ``ar``): it
    passes the untranslated, repetition and length checks and keeps at least half of ``first``'s length,
    counted in characters and in letters and digits (``ll؟؟؟…``, a run of punctuation, is no content)."""
    if len(en.strip()) < len(first.strip()) / 2 or _content(en) < _content(first) / 2:
        return False
    return not run(ar, en, only=REPAIR_GUARDS)


def _content(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def check_articles(articles: "list[Article]", context: Context | None = None,
                   only: tuple[str, ...] | None = None) -> int:
    """Run the checks on every unit of the day (the English shown: a reviewer's, if any) and store
    them on ``Text.checks``; ``names`` also compares the day's units with each other.  Return how
    many units carry a flag."""
    context = context or Context()
    units = [unit for article in articles for unit in article.units]
    for unit in units:
        unit.checks = run(unit.ar, unit.en, context, only) if unit.en is not None else []
    if only is None or "names" in only:
        day = names.day_of([(u.ar, u.en or "") for u in units])
        renderings = day.renderings()
        for unit in units:
            unit.checks = [f for f in unit.checks if f.check != "names" or day.keep(f.evidence, renderings)]
        for i, evidence in day.inconsistent():
            units[i].checks.append(Flag(check="names", note=names.note(evidence), evidence=evidence))
    return sum(1 for u in units if u.checks)


__all__ = ["Context", "EXPLANATIONS", "Flag", "MODULES", "NAMES", "acceptable", "check_articles", "run"]
