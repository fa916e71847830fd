"""The review database's queries, the one home of what is read from it and written to it: the
corrections, checks, approvals, glossary terms and history (``ReviewStore``, its records), and
where the file lies.

``review.sqlite3`` beside the translation cache by default (``desk_path``: the desk's memory, one
for every day's folder; ``--review-db`` elsewhere); a folder reviewed by an older summarize keeps
``<briefs>/.summarize-review.sqlite3`` until the desk has one (``default_for``).  Its tables, how
a file is opened and checked, and its transactions are ``schema``: a file that is not a review
database is a ``ReviewDbError``, a change the file refuses a ``NotSaved``, and each change here
is one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from summarize.review.schema import (
    GLOSSARY_TABLE,
    TERM_COLUMNS,
    UNIT_COLUMNS,
    Transaction,
    not_saved,
    open_database,
)

DEFAULT_NAME = ".summarize-review.sqlite3"


class Conflict(Exception):
    """A save named a version that is no longer current: someone saved in between."""

    def __init__(self, current: "UnitRecord | ApprovalRecord | None") -> None:
        super().__init__("changed since the page was loaded")
        self.current = current


DESK_NAME = "review.sqlite3"


def default_path(briefs: Path) -> Path:
    """Where an older summarize kept a folder's reviews."""
    return briefs / DEFAULT_NAME


def desk_path(cache: Path | None = None) -> Path:
    """The desk's review database: beside the translation cache file ``cache`` (default: the one a run uses)."""
    if cache is None:
        from summarize.translate.cachefile import default_cache_path

        cache = default_cache_path()
    return Path(cache).expanduser().parent / DESK_NAME


def default_for(briefs: Path, cache: Path | None = None) -> Path:
    """The review database of a run or a review of ``briefs`` with no ``--review-db``: the desk's, so
    that corrections made in one day's folder apply to the next; a folder's own from an older
    summarize while the desk has none (its reviews are not left behind)."""
    desk = desk_path(cache)
    if not desk.exists() and default_path(briefs).is_file():
        return default_path(briefs)
    return desk


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class UnitRecord:
    article: str
    ar_key: str
    unit_id: str
    ar: str
    model_en: str | None
    corrected_en: str | None
    checked_en: str | None
    reviewer: str
    at: str
    version: int


@dataclass(frozen=True)
class ApprovalRecord:
    article: str
    fingerprint: str
    reviewer: str
    at: str
    version: int


@dataclass(frozen=True)
class TermRecord:
    """A key term a reviewer added to the glossary (the ``glossary`` table)."""

    ar_key: str
    ar: str
    en: str  # the English form(s), "|" between them
    notes: str
    article: str
    unit_id: str | None
    reviewer: str
    at: str


class ReviewStore:
    """One open review database.  ``create``: make the file and its tables if missing (the review
    app); without it a missing file is a ``ReviewDbError`` and nothing is ever written by opening."""

    def __init__(self, path: Path, create: bool = False, clock: Callable[[], str] = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        self.db = open_database(self.path, create)

    def transaction(self) -> Transaction:
        """One write transaction: all of it or none of it."""
        return Transaction(self.db, "BEGIN IMMEDIATE")

    def snapshot(self) -> Transaction:
        """One read transaction: what it reads is one consistent state."""
        return Transaction(self.db, "BEGIN")

    def close(self) -> None:
        self.db.close()

    # -- reading --

    def units(self, articles: list[str] | None = None) -> dict[tuple[str, str], UnitRecord]:
        """Every unit record (of ``articles`` when given), by (article, normalized Arabic)."""
        rows = self.db.execute(f"SELECT {UNIT_COLUMNS} FROM units ORDER BY article, ar_key")
        wanted = set(articles) if articles is not None else None
        return {(r[0], r[1]): UnitRecord(*r) for r in rows if wanted is None or r[0] in wanted}

    def corrections(self) -> dict[str, UnitRecord]:
        """The latest correction of each normalized Arabic, whatever article it was made in."""
        rows = self.db.execute(f"SELECT {UNIT_COLUMNS} FROM units WHERE corrected_en IS NOT NULL ORDER BY at, rowid")
        return {r[1]: UnitRecord(*r) for r in rows}  # later rows win

    def terms(self) -> list[TermRecord]:
        """The reviewers' glossary, in the order the terms were added (none: no table yet)."""
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'glossary'").fetchone() is None:
            return []
        return [TermRecord(*r) for r in self.db.execute(f"SELECT {TERM_COLUMNS} FROM glossary ORDER BY at, rowid")]

    def approvals(self) -> dict[str, ApprovalRecord]:
        rows = self.db.execute("SELECT article, fingerprint, reviewer, at, version FROM approvals")
        return {r[0]: ApprovalRecord(*r) for r in rows}

    def history(self, article: str | None = None) -> list[dict]:
        rows = self.db.execute("SELECT at, reviewer, article, unit_id, action, before, after FROM history"
                               + (" WHERE article = ?" if article else "") + " ORDER BY id",
                               (article,) if article else ())
        names = ("at", "reviewer", "article", "unit_id", "action", "before", "after")
        return [dict(zip(names, r)) for r in rows]

    # -- changing --

    def save_unit(self, *, article: str, ar_key: str, unit_id: str, ar: str, model_en: str | None,
                  corrected_en: str | None, checked_en: str | None, reviewer: str,
                  expected_version: int) -> UnitRecord:
        """Store a unit's review, if ``expected_version`` is still its version (else ``Conflict``;
        ``NotSaved`` when the file refuses the change)."""
        try:
            return self._save_unit(article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer,
                                   expected_version)
        except sqlite3.Error as error:
            raise not_saved(self.path, error) from None

    def _save_unit(self, article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer,
                   expected_version) -> UnitRecord:
        with self.transaction() as db:
            row = db.execute(f"SELECT {UNIT_COLUMNS} FROM units WHERE article = ? AND ar_key = ?",
                             (article, ar_key)).fetchone()
            current = UnitRecord(*row) if row else None
            if (current.version if current else 0) != expected_version:
                raise Conflict(current)
            record = UnitRecord(article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer,
                                self.clock(), expected_version + 1)
            db.execute(f"INSERT OR REPLACE INTO units ({UNIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       tuple(record.__dict__.values()))
            self._log(db, record.at, reviewer, article, unit_id, "unit",
                      _state(current) if current else None, _state(record))
        return record

    def add_term(self, *, ar_key: str, ar: str, en: str, notes: str, article: str, unit_id: str | None,
                 reviewer: str) -> TermRecord:
        """Add a key term to the glossary (one for the same normalized Arabic is replaced, the old one
        kept in the history); ``NotSaved`` when the file refuses the change."""
        try:
            with self.transaction() as db:
                db.execute(GLOSSARY_TABLE)
                row = db.execute(f"SELECT {TERM_COLUMNS} FROM glossary WHERE ar_key = ?", (ar_key,)).fetchone()
                record = TermRecord(ar_key, ar, en, notes, article, unit_id, reviewer, self.clock())
                db.execute(f"INSERT OR REPLACE INTO glossary ({TERM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           tuple(record.__dict__.values()))
                self._log(db, record.at, reviewer, article, unit_id, "term",
                          _term_state(TermRecord(*row)) if row else None, _term_state(record))
        except sqlite3.Error as error:
            raise not_saved(self.path, error) from None
        return record

    def approve(self, *, article: str, fingerprint: str, reviewer: str, expected_version: int) -> ApprovalRecord:
        try:
            return self._approve(article, fingerprint, reviewer, expected_version)
        except sqlite3.Error as error:
            raise not_saved(self.path, error) from None

    def _approve(self, article, fingerprint, reviewer, expected_version) -> ApprovalRecord:
        with self.transaction() as db:
            current = self._approval(db, article)
            if (current.version if current else 0) != expected_version:
                raise Conflict(current)
            record = ApprovalRecord(article, fingerprint, reviewer, self.clock(), expected_version + 1)
            db.execute("INSERT OR REPLACE INTO approvals VALUES (?, ?, ?, ?, ?)", tuple(record.__dict__.values()))
            self._log(db, record.at, reviewer, article, None, "approve", None, fingerprint)
        return record

    def withdraw(self, *, article: str, reviewer: str, expected_version: int) -> None:
        try:
            self._withdraw(article, reviewer, expected_version)
        except sqlite3.Error as error:
            raise not_saved(self.path, error) from None

    def _withdraw(self, article, reviewer, expected_version) -> None:
        with self.transaction() as db:
            current = self._approval(db, article)
            if current is None or current.version != expected_version:
                raise Conflict(current)
            db.execute("DELETE FROM approvals WHERE article = ?", (article,))
            self._log(db, self.clock(), reviewer, article, None, "withdraw", current.fingerprint, None)

    @staticmethod
    def _approval(db: sqlite3.Connection, article: str) -> ApprovalRecord | None:
        row = db.execute("SELECT article, fingerprint, reviewer, at, version FROM approvals WHERE article = ?",
                         (article,)).fetchone()
        return ApprovalRecord(*row) if row else None

    @staticmethod
    def _log(db, at, reviewer, article, unit_id, action, before, after) -> None:
        db.execute("INSERT INTO history (at, reviewer, article, unit_id, action, before, after)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)", (at, reviewer, article, unit_id, action, before, after))


def _state(record: UnitRecord) -> str:
    return json.dumps({"corrected_en": record.corrected_en, "checked_en": record.checked_en,
                       "version": record.version}, ensure_ascii=False)


def _term_state(record: TermRecord) -> str:
    return json.dumps({"ar": record.ar, "en": record.en, "notes": record.notes}, ensure_ascii=False)


def _cell(text: str) -> str:
    return " ".join(text.split())  # a tab or a line break would end the cell or the line


def glossary_tsv(records: list[TermRecord]) -> str:
    """The reviewers' glossary as the TSV ``--glossary FILE`` reads: ``Arabic<TAB>English[|English]
    [<TAB>notes]`` a line, after a comment saying what it is."""
    lines = ["# summarize: the reviewers' glossary (Arabic<TAB>English[|English]<TAB>notes)"]
    for r in records:
        cells = [_cell(r.ar), _cell(r.en)] + ([_cell(r.notes)] if r.notes.strip() else [])
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
