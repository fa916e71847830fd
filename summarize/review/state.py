"""Stored reviews put onto the data model: the ``summarize`` stage and the review app's view.

``attach`` gives every unit a ``Review`` and every article a ``BriefReview``
from what the review database holds:

* the English: the article's own correction of the unit, else the latest
  correction of the same (normalized) Arabic in any article (wire copy
  repeats), else the model's; a correction's numbers are checked again
  against the Arabic (the model's check is kept in ``Review.model_numbers``);
* checked: while the English shown is the one the reviewer checked;
* approved: while the brief's fingerprint (every unit's id, Arabic and
  English) is the one approved.  A changed Arabic changes it: the approval
  is lost and the brief's units show up in "needs attention" again.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from summarize.document import (
    Approval,
    Article,
    BriefReview,
    NumberCheck,
    NumberCounts,
    Review,
    Text,
)
from summarize.language.arabic import normalize
from summarize.numbers import check
from summarize.review.store import ApprovalRecord, ReviewDbError, ReviewStore, UnitRecord

_SPACE = re.compile(r"\s+")


def ar_key(ar: str) -> str:
    """The Arabic a review is keyed by: NFC, spelling normalized (harakat, tatweel, alef, ya and ta
    marbuta forms: ``summarize.language.arabic.normalize``), spaces collapsed.  Digits and words stay."""
    return _SPACE.sub(" ", normalize(unicodedata.normalize("NFC", ar))).strip()


def number_checks(ar: str, en: str) -> list[NumberCheck]:
    """The number check of an English against its Arabic, as the data model records it."""
    checks = []
    for m in check(ar, en).matches:
        q = m.quantity
        checks.append(NumberCheck(ar=m.source.text if m.source else None, en=m.target.text if m.target else None,
                                  value=q.value, kind=q.kind, status=m.status))
    return checks


def fingerprint(article: Article) -> str:
    """What an approval is of: every unit's id, Arabic and English, in order."""
    digest = hashlib.sha256()
    for unit in article.units:
        digest.update(f"{unit.id}\x1f{ar_key(unit.ar)}\x1f{unit.en}\x1e".encode())
    return digest.hexdigest()


def resolved(unit: Text) -> bool:
    """Nothing stands in the way of approval: its numbers verify, or a reviewer checked it."""
    return not unit.flagged or (unit.review is not None and unit.review.checked)


def unresolved(article: Article) -> list[Text]:
    return [u for u in article.units if not resolved(u)]


@dataclass
class ReviewState:
    """Everything the review database holds, read in one go."""

    units: dict[tuple[str, str], UnitRecord]
    corrections: dict[str, UnitRecord]
    approvals: dict[str, ApprovalRecord]

    @classmethod
    def load(cls, store: ReviewStore) -> "ReviewState":
        with store.snapshot():
            return cls(store.units(), store.corrections(), store.approvals())

    def own(self, article: Article, unit: Text) -> UnitRecord | None:
        return self.units.get((article.stem, ar_key(unit.ar)))


def _review(article: Article, unit: Text, state: ReviewState) -> Review:
    key = ar_key(unit.ar)
    own = state.units.get((article.stem, key))
    correction = own if own is not None and own.corrected_en is not None else state.corrections.get(key)
    if unit.review is not None and unit.review.human:  # attached before: start from the model's check
        unit.numbers = unit.review.model_numbers
    review = Review(version=own.version if own else 0)
    if correction is not None and correction.corrected_en is not None:
        review.en = correction.corrected_en
        review.model_numbers = unit.numbers
        unit.numbers = number_checks(unit.ar, correction.corrected_en)
        if correction.article != article.stem:
            review.corrected_in = correction.article
    shown = review.en if review.en is not None else unit.model_en
    review.checked = own is not None and own.checked_en is not None and own.checked_en == shown
    last = own or correction
    if last is not None:
        review.reviewer, review.at = last.reviewer, last.at
    return review


def attach(articles: list[Article], state: ReviewState) -> None:
    """Put the stored reviews onto ``articles`` (see the module docstring); safe to repeat."""
    for article in articles:
        for unit in article.units:
            unit.review = _review(article, unit, state)
        stored = state.approvals.get(article.stem)
        article.review = BriefReview()
        if stored is not None:
            approval = Approval(stored.reviewer, stored.at)
            if stored.fingerprint == fingerprint(article):
                article.review.approval = approval
            else:
                article.review.lost = approval


def apply_reviews(articles: list[Article], path: Path | None) -> NumberCounts:
    """The pipeline's review stage: the stored corrections, checks and approvals onto ``articles``
    when the review database ``path`` exists (it is only read); the run's number counts after them.

    A database that cannot be read stops the run (``ReviewDbError``, before anything is written):
    briefs written without it would drop every correction from the published files."""
    if path is not None and Path(path).exists():
        store = ReviewStore(Path(path))
        try:
            state = ReviewState.load(store)
        except sqlite3.Error as error:  # locked past the busy timeout, damaged past the header
            raise ReviewDbError(f"review database {path} cannot be read ({error}); nothing was written. "
                                "Run again once it can be, or restore it from a backup") from None
        finally:
            store.close()
        attach(articles, state)
    return sum((article.number_counts for article in articles), NumberCounts())
