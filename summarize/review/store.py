"""The review database: corrections, checks and approvals, in one SQLite file beside the briefs.

``review.sqlite3`` beside the translation cache by default (``desk_path``: the desk's memory, one
for every day's folder; ``--review-db`` elsewhere); a folder reviewed by an older summarize keeps
``<briefs>/.summarize-review.sqlite3`` until the desk has one (``default_for``).
Tables (schema version in ``meta``):

``units``
    one row per reviewed unit of an article, keyed by the article and the
    unit's *normalized Arabic* (``ar_key``), so a record follows its sentence
    when ids shift: ``unit_id`` (last id seen), ``ar`` (the Arabic as it
    stood), ``model_en`` (the model's English the reviewer saw),
    ``corrected_en`` (``NULL``: the model's English stands), ``checked_en``
    (the English the reviewer marked checked; ``NULL``: not checked; a check
    holds only while that is the English shown), ``reviewer``, ``at`` (ISO
    8601 UTC) and ``version`` (a save names the version it replaces: two tabs
    saving the same sentence, the second gets a ``Conflict``).
``approvals``
    one row per approved brief: the brief's ``fingerprint`` (every unit's id,
    Arabic and English when it was approved: the approval holds while they
    are unchanged), ``reviewer``, ``at``, ``version``.
``glossary``
    the reviewers' key terms (``summarize review``: "Add to the glossary" on a unit), one row per
    normalized Arabic term (``ar_key``; a term added again replaces its English): ``ar``, ``en``
    (its English form(s), ``|`` between them), ``notes``, the ``article`` and ``unit_id`` it was
    added from, ``reviewer``, ``at``.  Made by the first term added (a database of an older
    summarize has none: no terms); ``glossary_tsv`` writes it as the TSV ``--glossary`` reads.
``history``
    every change, old and new value: nothing a reviewer wrote is ever lost.

WAL mode, ``synchronous=FULL`` and one ``BEGIN IMMEDIATE`` transaction per
change: a save that returned is on disk, a server killed at any point loses
nothing saved, and a ``summarize`` run reading the file meanwhile sees the
state before or after a change, never half of one.  A file that is not a
review database (corrupt, of another schema: a table or column missing, a
schema that is not a number) is refused with ``ReviewDbError`` and left
untouched; a change the file refuses (read-only, locked by another program
past ``BUSY_TIMEOUT_MS``) is a ``NotSaved`` that says so, and nothing of it is
kept.  Opened only to read (a run), a database on a read-only mount is read
as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from summarize.errors import UsageError

DEFAULT_NAME = ".summarize-review.sqlite3"
SCHEMA = 1
BUSY_TIMEOUT_MS = 30_000

_GLOSSARY_TABLE = """CREATE TABLE IF NOT EXISTS glossary (
    ar_key TEXT PRIMARY KEY, ar TEXT NOT NULL, en TEXT NOT NULL, notes TEXT NOT NULL,
    article TEXT NOT NULL, unit_id TEXT, reviewer TEXT NOT NULL, at TEXT NOT NULL)"""
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    article TEXT NOT NULL, ar_key TEXT NOT NULL, unit_id TEXT NOT NULL, ar TEXT NOT NULL,
    model_en TEXT, corrected_en TEXT, checked_en TEXT,
    reviewer TEXT NOT NULL, at TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (article, ar_key));
CREATE INDEX IF NOT EXISTS units_by_arabic ON units (ar_key, at);
CREATE TABLE IF NOT EXISTS approvals (
    article TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL,
    version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, reviewer TEXT NOT NULL, article TEXT NOT NULL,
    unit_id TEXT, action TEXT NOT NULL, before TEXT, after TEXT);
""" + _GLOSSARY_TABLE


class ReviewDbError(UsageError):
    """The review database cannot be used (corrupt, not one, newer schema); nothing in it was changed."""


class NotSaved(ReviewDbError):
    """A change the review database refused (read-only, locked past the busy timeout); nothing of it was kept."""


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
        from summarize.translate.cache import default_cache_path

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


_TERM_COLUMNS = "ar_key, ar, en, notes, article, unit_id, reviewer, at"
_UNIT_COLUMNS = "article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer, at, version"
#: What schema 1 holds: a file with a table or column missing is another program's, or damaged
#: (``glossary`` is not required: a database of an older summarize has none until a term is added).
_COLUMNS = {
    "meta": {"key", "value"},
    "units": set(_UNIT_COLUMNS.split(", ")),
    "approvals": {"article", "fingerprint", "reviewer", "at", "version"},
    "history": {"id", "at", "reviewer", "article", "unit_id", "action", "before", "after"},
}


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


class ReviewStore:
    """One open review database.  ``create``: make the file and its tables if missing (the review
    app); without it a missing file is a ``ReviewDbError`` and nothing is ever written by opening."""

    def __init__(self, path: Path, create: bool = False, clock: Callable[[], str] = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        if not create and not self.path.is_file():
            raise ReviewDbError(f"review database {self.path} does not exist")
        try:
            self.db = self._connect(self.path)
            self._prepare(create)
        except sqlite3.Error as error:
            if not create and _read_only_mount(self.path) and not _has_log(self.path):
                # a read-only mount: SQLite cannot make the write-ahead log's index beside the file;
                # nothing can change the file there, so it is read as it is
                self.db.close()
                try:
                    self.db = self._connect(f"file:{_uri_path(self.path)}?mode=ro&immutable=1", uri=True)
                    self._prepare(create)
                    return
                except sqlite3.Error as again:
                    error = again
            self.db.close()
            raise self._unusable(error) from None

    def _connect(self, target, uri: bool = False) -> sqlite3.Connection:
        try:
            return sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False, uri=uri)
        except sqlite3.Error as error:
            raise self._unusable(error) from None

    def _unusable(self, error: Exception) -> ReviewDbError:
        return ReviewDbError(
            f"review database {self.path} is unusable ({error}); nothing in it was changed. Restore it "
            f"from a backup, or move it aside (mv {self.path} {self.path}.broken) to start a fresh one")

    def _prepare(self, create: bool) -> None:
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems[:3]))
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and create:
            self.db.execute("PRAGMA journal_mode = WAL")
            with self.transaction():
                for statement in filter(str.strip, _TABLES.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        elif "meta" not in tables:
            raise sqlite3.DatabaseError("not a summarize review database")
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.Error:
            raise sqlite3.DatabaseError("not a summarize review database (its meta table is of another shape)") from None
        if row is None:
            raise sqlite3.DatabaseError("not a summarize review database (no schema in its meta table)")
        try:
            schema = int(row[0])
        except (TypeError, ValueError):
            raise sqlite3.DatabaseError(f"not a summarize review database (schema {row[0]!r})") from None
        if schema > SCHEMA:
            raise sqlite3.DatabaseError(f"made by a newer summarize (schema {schema}); upgrade summarize to use it")
        for table, wanted in _COLUMNS.items():
            have = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            missing = sorted(wanted - have)
            if missing:
                what = f"no {table} table" if not have else f"the {table} table lacks {', '.join(missing)}"
                raise sqlite3.DatabaseError(f"not a summarize review database of schema {SCHEMA} ({what})")
        self.db.execute("PRAGMA synchronous = FULL")  # a save that returned is on disk

    class _Transaction:
        def __init__(self, db: sqlite3.Connection, begin: str) -> None:
            self.db = db
            self.begin = begin

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute(self.begin)
            return self.db

        def __exit__(self, kind, error, trace) -> None:
            if kind is not None:
                self._rollback()
                return
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error:
                self._rollback()  # a COMMIT refused (locked) leaves the transaction open: end it
                raise

        def _rollback(self) -> None:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass

    def transaction(self) -> "ReviewStore._Transaction":
        """One write transaction: all of it or none of it."""
        return self._Transaction(self.db, "BEGIN IMMEDIATE")

    def _not_saved(self, error: sqlite3.Error) -> NotSaved:
        why = str(error)
        if "locked" in why or "busy" in why:
            why = (f"{why}: another program has held it for over {BUSY_TIMEOUT_MS // 1000} s; "
                   "close it (a database browser, a backup) and save again")
        elif "readonly" in why or "read-only" in why or "read only" in why:
            why = f"{why}: the file or its folder cannot be written (permissions, chattr +i, a read-only mount)"
        return NotSaved(f"the review database {self.path} refused the change ({why}); nothing of it was kept")

    def snapshot(self) -> "ReviewStore._Transaction":
        """One read transaction: what it reads is one consistent state."""
        return self._Transaction(self.db, "BEGIN")

    def close(self) -> None:
        self.db.close()

    # -- reading --

    def units(self, articles: list[str] | None = None) -> dict[tuple[str, str], UnitRecord]:
        """Every unit record (of ``articles`` when given), by (article, normalized Arabic)."""
        rows = self.db.execute(f"SELECT {_UNIT_COLUMNS} FROM units ORDER BY article, ar_key")
        wanted = set(articles) if articles is not None else None
        return {(r[0], r[1]): UnitRecord(*r) for r in rows if wanted is None or r[0] in wanted}

    def corrections(self) -> dict[str, UnitRecord]:
        """The latest correction of each normalized Arabic, whatever article it was made in."""
        rows = self.db.execute(f"SELECT {_UNIT_COLUMNS} FROM units WHERE corrected_en IS NOT NULL ORDER BY at, rowid")
        return {r[1]: UnitRecord(*r) for r in rows}  # later rows win

    def terms(self) -> list[TermRecord]:
        """The reviewers' glossary, in the order the terms were added (none: no table yet)."""
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'glossary'").fetchone() is None:
            return []
        return [TermRecord(*r) for r in self.db.execute(f"SELECT {_TERM_COLUMNS} FROM glossary ORDER BY at, rowid")]

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
            raise self._not_saved(error) from None

    def _save_unit(self, article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer,
                   expected_version) -> UnitRecord:
        with self.transaction() as db:
            row = db.execute(f"SELECT {_UNIT_COLUMNS} FROM units WHERE article = ? AND ar_key = ?",
                             (article, ar_key)).fetchone()
            current = UnitRecord(*row) if row else None
            if (current.version if current else 0) != expected_version:
                raise Conflict(current)
            record = UnitRecord(article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer,
                                self.clock(), expected_version + 1)
            db.execute(f"INSERT OR REPLACE INTO units ({_UNIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                db.execute(_GLOSSARY_TABLE)
                row = db.execute(f"SELECT {_TERM_COLUMNS} FROM glossary WHERE ar_key = ?", (ar_key,)).fetchone()
                record = TermRecord(ar_key, ar, en, notes, article, unit_id, reviewer, self.clock())
                db.execute(f"INSERT OR REPLACE INTO glossary ({_TERM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           tuple(record.__dict__.values()))
                self._log(db, record.at, reviewer, article, unit_id, "term",
                          _term_state(TermRecord(*row)) if row else None, _term_state(record))
        except sqlite3.Error as error:
            raise self._not_saved(error) from None
        return record

    def approve(self, *, article: str, fingerprint: str, reviewer: str, expected_version: int) -> ApprovalRecord:
        try:
            return self._approve(article, fingerprint, reviewer, expected_version)
        except sqlite3.Error as error:
            raise self._not_saved(error) from None

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
            raise self._not_saved(error) from None

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


def _has_log(path: Path) -> bool:
    """Whether a write-ahead log with something in it lies beside ``path`` (an immutable read would miss it)."""
    try:
        return os.path.getsize(f"{path}-wal") > 0
    except OSError:
        return False


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(Path(path).resolve()))


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
