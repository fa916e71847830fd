"""What needs a reviewer's attention across the day's briefs, most important first.

Every unit not yet checked, in four groups: flagged numbers (the English
changed, dropped or added a figure), then what readers see first (headlines
and summary sentences), then units whose numbers the model repaired, then the
rest; within a group in brief order.  Beside it: each brief's progress,
approvals that no longer hold, and stored reviews whose sentence is no longer
in any brief (kept, and used again if that Arabic comes back).
"""

from __future__ import annotations

from dataclasses import dataclass

from summarize.document import Article, Text
from summarize.review.state import ReviewState, ar_key, unresolved
from summarize.review.store import UnitRecord

GROUPS = (
    ("flagged", "Flagged numbers"),
    ("summary", "Headlines and summary sentences"),
    ("repaired", "Repaired numbers"),
    ("other", "Everything else"),
)


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


def group_of(article: Article, unit: Text) -> str:
    if unit.flagged:
        return "flagged"
    if unit.kind == "title" or unit.id in article.summary:
        return "summary"
    return "repaired" if unit.repaired else "other"


def needs_attention(articles: list[Article]) -> dict[str, list[Item]]:
    """The unchecked units of ``articles`` by group, in the order of ``GROUPS``."""
    queue: dict[str, list[Item]] = {name: [] for name, _ in GROUPS}
    for article in articles:
        for unit in article.units:
            if unit.review is None or not unit.review.checked:
                queue[group_of(article, unit)].append(Item(article, unit, group_of(article, unit)))
    return queue


def progress(articles: list[Article]) -> list[Progress]:
    return [Progress(a, a.checked_count, len(a.units), len(unresolved(a))) for a in articles]


def orphans(articles: list[Article], state: ReviewState) -> list[UnitRecord]:
    """Stored reviews (a correction or a check) whose Arabic is in none of their article's units now."""
    present = {(a.stem, ar_key(u.ar)) for a in articles for u in a.units}
    return [r for key, r in state.units.items()
            if key not in present and (r.corrected_en is not None or r.checked_en is not None)]
