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

from summarize.document import Article, Text
from summarize.review.alternatives import Alternatives
from summarize.review.queue import group_of
from summarize.review.state import ar_key


class Gone(Exception):
    """The unit a save names is not in the brief any more."""


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
