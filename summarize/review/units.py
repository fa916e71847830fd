"""One unit under review: how the brief page lists units, and what a save stores.

A save names the unit by brief and id, and the version of its record the
page showed.  The unit is looked up in the briefs as they are *now*: a
summarize run may have re-made them since the page was loaded, and a unit
that is gone (or whose Arabic changed under the same id) is refused with
``Gone``, the reviewer's text shown back, so nothing typed is lost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from summarize import checks
from summarize.checks.terms import Glossary, GlossaryError
from summarize.document import Article, Text
from summarize.review.alternatives import Alternatives
from summarize.review.queue import group_of
from summarize.review.state import ar_key
from summarize.review.store import TermRecord

MAX_TERM = 200  # characters of a glossary term (Arabic or English)
MAX_NOTES = 1_000


class Gone(Exception):
    """The unit a save names is not in the brief any more."""


class TermRefused(ValueError):
    """A glossary term that cannot be added (empty, too long, not in the unit's Arabic); says why."""


@dataclass(frozen=True)
class Row:
    unit: Text
    alternatives: Alternatives
    group: str
    in_summary: bool
    section: int | None  # the section a heading opens


def ordered_units(article: Article) -> list[tuple[Text, int | None]]:
    """The title, then each section's heading and sentences, as the brief reads."""
    out: list[tuple[Text, int | None]] = [(article.title, None)] if article.title else []
    for number, section in enumerate(article.sections, 1):
        if section.heading:
            out.append((section.heading, number))
        out += [(s, None) for s in section.sentences]
    return out


def unit_rows(article: Article, found: dict[str, Alternatives]) -> list[Row]:
    summary = set(article.summary)
    return [Row(unit, found.get(unit.id, Alternatives([])), group_of(article, unit), unit.id in summary, section)
            for unit, section in ordered_units(article)]


def arabic_tag(unit: Text) -> str:
    """A short name of a unit's Arabic: a save carries it, so a save never lands on other Arabic."""
    return hashlib.sha256(ar_key(unit.ar).encode()).hexdigest()[:16]


def find(article: Article | None, unit_id: str) -> Text | None:
    return next((u for u in article.units if u.id == unit_id), None) if article else None


def save_unit(review, stem: str, unit_id: str, tag: str, en: str, checked: bool, version: int):
    """Store the English ``en`` (blank or the model's own: the model's stands) and the checked
    state of one unit; ``Conflict`` when ``version`` is no longer its record's version."""
    folder, _ = review.folder()
    unit = find(folder.article(stem), unit_id)
    if unit is None or arabic_tag(unit) != tag:
        raise Gone(f"{unit_id} is no longer in {stem} (the briefs were made again since the page was loaded). "
                   "Nothing was saved; your text is below: copy it, reload the brief and apply it where it belongs.")
    model = unit.model_en
    text = " ".join(en.split())  # one line, as every English in the briefs
    corrected = text if text and text != model else None  # blank: back to the model's English
    shown = corrected if corrected is not None else model
    with review.db_lock:
        return review.store.save_unit(article=stem, ar_key=ar_key(unit.ar), unit_id=unit.id, ar=unit.ar,
                                      model_en=model, corrected_en=corrected, checked_en=shown if checked else None,
                                      reviewer=review.config.reviewer, expected_version=version)


def add_term(review, stem: str, unit_id: str, tag: str, ar: str, en: str, notes: str) -> TermRecord:
    """Add the key term ``ar`` (in the Arabic of the unit ``unit_id``) with its English form(s) ``en``
    (``|`` between forms) to the reviewers' glossary; ``TermRefused`` says why one is not added."""
    folder, _ = review.folder()
    unit = find(folder.article(stem), unit_id)
    if unit is None or arabic_tag(unit) != tag:
        raise Gone(f"{unit_id} is no longer in {stem} (the briefs were made again since the page was loaded). "
                   "Nothing was added; reload the brief and add the term again.")
    ar, en, notes = (" ".join(value.split()) for value in (ar, en, notes))  # one line, no tab: a TSV cell
    en = "|".join(form.strip() for form in en.split("|") if form.strip())
    if not ar or not en:
        raise TermRefused("Give the Arabic term and its English form.")
    if len(ar) > MAX_TERM or len(en) > MAX_TERM or len(notes) > MAX_NOTES:
        raise TermRefused(f"A term is at most {MAX_TERM} characters, its notes {MAX_NOTES}.")
    try:
        glossary = Glossary.parse(f"{ar}\t{en}", "the term")
    except GlossaryError as error:
        raise TermRefused(str(error)) from None
    if not checks.run(unit.ar, "", checks.Context(glossary=glossary), only=("terms",)):
        raise TermRefused(f"“{ar}” is not a word of this sentence's Arabic (whole words, with و ف ب ل ال before "
                          "them); copy the term from the Arabic.")
    with review.db_lock:
        return review.store.add_term(ar_key=ar_key(ar), ar=ar, en=en, notes=notes, article=stem, unit_id=unit.id,
                                     reviewer=review.config.reviewer)
