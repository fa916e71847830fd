"""What needs a reviewer's attention across the day's briefs, most important first.

Every unit not yet checked: first a group per check that flags it (``numbers``, then the checks
beyond numbers in ``checks.NAMES`` order, each with its one-line explanation), a unit in every
group of a check it carries; then the units no check flags: what readers see first (headlines
and summary sentences), then units whose numbers the model repaired, then those whose loop it repaired, then the rest; within a
group in brief order.  A unit a reviewer checked leaves every group ("checked" clears all its
flags).  Beside it: each brief's progress, approvals that no longer hold, and stored reviews whose
sentence is no longer in any brief (kept, and used again if that Arabic comes back).
"""

from __future__ import annotations

from dataclasses import dataclass

from summarize.checks import EXPLANATIONS, NAMES
from summarize.document import LOOP_REPAIRS, Article, Text
from summarize.review.state import ReviewState, ar_key, unresolved
from summarize.review.store import UnitRecord

#: A group per check (its name is the group's), then the units no check flags.
CHECK_GROUPS = tuple((name, name) for name in NAMES)
GROUPS = CHECK_GROUPS + (
    ("summary", "Headlines and summary sentences"),
    ("repaired", "Repaired numbers"),
    ("loops", "Repaired loops"),
    ("other", "Everything else"),
)
#: What each group's heading explains: the check's one line (``checks.EXPLANATIONS``).
EXPLAINED = {name: EXPLANATIONS[name] for name in NAMES} | {
    "summary": "no check flags them; what readers see first",
    "repaired": "no check flags them; the model's numbers were put right by another translation",
    "loops": "no check flags them; the model's English looped and another translation replaced it",
    "other": "no check flags them",
}
#: Older names of a group in a ``?check=`` link (the numbers group was "flagged").
ALIASES = {"flagged": "numbers"}


@dataclass(frozen=True)
class Item:
    article: Article
    unit: Text
    group: str


@dataclass(frozen=True)
class Progress:
    article: Article
    checked: int
    units: int
    unresolved: int  # flagged and not checked: what stands in the way of approval


def checks_of(unit: Text) -> list[str]:
    """The checks that flag ``unit``, in ``checks.NAMES`` order, each once."""
    found = ({"numbers"} if unit.flagged else set()) | {flag.check for flag in unit.checks}
    return [name for name in NAMES if name in found]


def group_of(article: Article, unit: Text) -> str:
    """The first group ``unit`` is in."""
    flagged = checks_of(unit)
    if flagged:
        return flagged[0]
    if unit.kind == "title" or unit.id in article.summary:
        return "summary"
    if unit.repaired:
        return "loops" if all(r.method in LOOP_REPAIRS for r in unit.repairs) else "repaired"
    return "other"


def needs_attention(articles: list[Article]) -> dict[str, list[Item]]:
    """The unchecked units of ``articles`` by group, in the order of ``GROUPS``: a flagged unit in
    the group of each check that flags it, one that no check flags in one of the last three."""
    queue: dict[str, list[Item]] = {name: [] for name, _ in GROUPS}
    for article in articles:
        for unit in article.units:
            if unit.review is not None and unit.review.checked:
                continue
            for name in checks_of(unit) or [group_of(article, unit)]:
                queue[name].append(Item(article, unit, name))
    return queue


def waiting(articles: list[Article]) -> int:
    """How many units are not checked yet (each once, whatever groups it is in)."""
    return sum(1 for a in articles for u in a.units if u.review is None or not u.review.checked)


def progress(articles: list[Article]) -> list[Progress]:
    return [Progress(a, a.checked_count, len(a.units), len(unresolved(a))) for a in articles]


def orphans(articles: list[Article], state: ReviewState) -> list[UnitRecord]:
    """Stored reviews (a correction or a check) whose Arabic is in none of their article's units now."""
    present = {(a.stem, ar_key(u.ar)) for a in articles for u in a.units}
    return [r for key, r in state.units.items()
            if key not in present and (r.corrected_en is not None or r.checked_en is not None)]
