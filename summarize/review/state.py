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

The review app and the XLIFF import also ``recheck`` the units: a JSON brief's check flags
(``Text.checks``) are those of the English it shows, so a unit whose English is now another (a
correction saved since, or one taken back) is checked again with every check (``checks.run``, the
reviewers' glossary as ``terms``' glossary, and ``names`` across the day), and the reviewers'
glossary (``glossary`` table) is asked of every unit.  A ``summarize`` run checks everything
itself, after ``apply_reviews``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from summarize import checks
from summarize.checks import names as names_check
from summarize.checks.terms import Glossary

from summarize.document import (
    Approval,
    Article,
    BriefReview,
    Flag,
    NumberCheck,
    Review,
    Text,
)
from summarize.language.arabic import normalize
from summarize.numbers import check
from summarize.review.schema import ReviewDbError
from summarize.review.store import (
    ApprovalRecord,
    ReviewStore,
    TermRecord,
    UnitRecord,
    glossary_tsv,
)

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
    terms: list[TermRecord] = field(default_factory=list)  # the reviewers' glossary

    @classmethod
    def load(cls, store: ReviewStore) -> "ReviewState":
        with store.snapshot():
            return cls(store.units(), store.corrections(), store.approvals(), store.terms())

    @property
    def glossary(self) -> Glossary | None:
        """The reviewers' glossary as the ``terms`` check reads one (``None``: no term yet)."""
        return _glossary(glossary_tsv(self.terms)) if self.terms else None

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


@functools.lru_cache(maxsize=4)
def _glossary(tsv: str) -> Glossary:
    return Glossary.parse(tsv, "the reviewers' glossary")


#: What a JSON brief's unit showed: its English and that English's check flags, by (brief, unit id).
Shown = dict[tuple[str, str], tuple[str | None, list[Flag]]]
_ORDER = {name: i for i, name in enumerate(checks.NAMES)}


def recheck(articles: list[Article], shown: Shown, glossary: Glossary | None) -> int:
    """Put each unit's check flags onto it (``Text.checks``): those its JSON brief holds while the
    English shown is the one they were found on, else the checks run again on the English shown
    (a correction, or the model's English back again), ``names`` across the day; the reviewers'
    ``glossary`` asked of every unit.  Return how many units were checked again."""
    context = checks.Context(glossary=glossary)
    units = [(article, unit) for article in articles for unit in article.units]
    again = set()
    for i, (article, unit) in enumerate(units):
        en, flags = shown.get((article.stem, unit.id), (None, None))
        if flags is not None and unit.en == en:
            unit.checks = list(flags)
        else:
            unit.checks = checks.run(unit.ar, unit.en, context) if unit.en is not None else []
            again.add(i)
    if again:  # names: a rendering the day repeats is no made-up name; one Arabic name spelled two ways
        day = names_check.day_of([(u.ar, u.en or "") for _, u in units])
        renderings = day.renderings()
        for i in again:
            unit = units[i][1]
            unit.checks = [f for f in unit.checks if f.check != "names" or day.keep(f.evidence, renderings)]
        for i, evidence in day.inconsistent():
            if i in again:
                units[i][1].checks.append(Flag(check="names", note=names_check.note(evidence), evidence=evidence))
    if glossary is not None:
        for i, (_, unit) in enumerate(units):
            if i in again or unit.en is None:
                continue
            have = {f.evidence.get("ar") for f in unit.checks if f.check == "terms"}
            added = [f for f in checks.run(unit.ar, unit.en, context, only=("terms",)) if f.evidence["ar"] not in have]
            if added:
                unit.checks = sorted(unit.checks + added, key=lambda f: _ORDER.get(f.check, len(_ORDER)))
    return len(again)


def review_onto(articles: list[Article], shown: Shown, state: ReviewState) -> None:
    """What the review app shows and re-renders: the stored reviews (``attach``), then the check
    flags of the English each unit shows (``recheck``)."""
    attach(articles, state)
    recheck(articles, shown, state.glossary)


def apply_reviews(articles: list[Article], path: Path | None) -> Glossary | None:
    """The pipeline's review stage: the review database ``path``, read once when it exists (it is only
    read): its stored corrections, checks and approvals onto ``articles``, and the key terms reviewers
    added in the review app, for the run's ``terms`` check beside ``--glossary`` (``None``: no
    database, or no term yet).

    A database that cannot be read stops the run (``ReviewDbError``, before anything is written):
    briefs written without it would drop every correction from the published files."""
    state = _read(path)
    if state is None:
        return None
    attach(articles, state)
    return state.glossary


def _read(path: Path | None) -> ReviewState | None:
    if path is None or not Path(path).exists():
        return None
    store = ReviewStore(Path(path))
    try:
        return ReviewState.load(store)
    except sqlite3.Error as error:  # locked past the busy timeout, damaged past the header
        raise ReviewDbError(f"review database {path} cannot be read ({error}); nothing was written. "
                            "Run again once it can be, or restore it from a backup") from None
    finally:
        store.close()
