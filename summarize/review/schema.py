"""The review database's file, the one home of its schema: the tables and their columns (schema
version in ``meta``), opening a file and refusing one that is not a review database
(``open_database``), its transactions (``Transaction``) and what a change the file refused says
(``not_saved``).  What is read from it and written to it is ``store``.

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

import os
import sqlite3
from pathlib import Path

from summarize.errors import UsageError

SCHEMA = 1
BUSY_TIMEOUT_MS = 30_000

GLOSSARY_TABLE = """CREATE TABLE IF NOT EXISTS glossary (
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
""" + GLOSSARY_TABLE


class ReviewDbError(UsageError):
    """The review database cannot be used (corrupt, not one, newer schema); nothing in it was changed."""


class NotSaved(ReviewDbError):
    """A change the review database refused (read-only, locked past the busy timeout); nothing of it was kept."""


TERM_COLUMNS = "ar_key, ar, en, notes, article, unit_id, reviewer, at"
UNIT_COLUMNS = "article, ar_key, unit_id, ar, model_en, corrected_en, checked_en, reviewer, at, version"
#: What schema 1 holds: a file with a table or column missing is another program's, or damaged
#: (``glossary`` is not required: a database of an older summarize has none until a term is added).
_COLUMNS = {
    "meta": {"key", "value"},
    "units": set(UNIT_COLUMNS.split(", ")),
    "approvals": {"article", "fingerprint", "reviewer", "at", "version"},
    "history": {"id", "at", "reviewer", "article", "unit_id", "action", "before", "after"},
}


def open_database(path: Path, create: bool) -> sqlite3.Connection:
    """The open connection to the review database ``path``, checked to be one.  ``create``: make the
    file and its tables if missing (the review app); without it a missing file is a ``ReviewDbError``
    and nothing is ever written by opening."""
    if not create and not path.is_file():
        raise ReviewDbError(f"review database {path} does not exist")
    db = _connect(path, path)
    try:
        _prepare(db, create)
    except sqlite3.Error as error:
        if not create and _read_only_mount(path) and not _has_log(path):
            # a read-only mount: SQLite cannot make the write-ahead log's index beside the file;
            # nothing can change the file there, so it is read as it is
            db.close()
            try:
                db = _connect(path, f"file:{_uri_path(path)}?mode=ro&immutable=1", uri=True)
                _prepare(db, create)
                return db
            except sqlite3.Error as again:
                error = again
        db.close()
        raise _unusable(path, error) from None
    return db


def _connect(path: Path, target, uri: bool = False) -> sqlite3.Connection:
    try:
        return sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False, uri=uri)
    except sqlite3.Error as error:
        raise _unusable(path, error) from None


def _unusable(path: Path, error: Exception) -> ReviewDbError:
    return ReviewDbError(
        f"review database {path} is unusable ({error}); nothing in it was changed. Restore it "
        f"from a backup, or move it aside (mv {path} {path}.broken) to start a fresh one")


def _prepare(db: sqlite3.Connection, create: bool) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    problems = [row[0] for row in db.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(problems[:3]))
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables and create:
        db.execute("PRAGMA journal_mode = WAL")
        with Transaction(db, "BEGIN IMMEDIATE"):
            for statement in filter(str.strip, _TABLES.split(";")):
                db.execute(statement)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
    elif "meta" not in tables:
        raise sqlite3.DatabaseError("not a summarize review database")
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
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
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        missing = sorted(wanted - have)
        if missing:
            what = f"no {table} table" if not have else f"the {table} table lacks {', '.join(missing)}"
            raise sqlite3.DatabaseError(f"not a summarize review database of schema {SCHEMA} ({what})")
    db.execute("PRAGMA synchronous = FULL")  # a save that returned is on disk


class Transaction:
    """One transaction of a connection (``ReviewStore.transaction``, ``.snapshot``): committed when the
    block ends, rolled back when it raises."""

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


def not_saved(path: Path, error: sqlite3.Error) -> NotSaved:
    """What a change the file refused (``sqlite3.Error``) says: why, and what to do."""
    why = str(error)
    if "locked" in why or "busy" in why:
        why = (f"{why}: another program has held it for over {BUSY_TIMEOUT_MS // 1000} s; "
               "close it (a database browser, a backup) and save again")
    elif "readonly" in why or "read-only" in why or "read only" in why:
        why = f"{why}: the file or its folder cannot be written (permissions, chattr +i, a read-only mount)"
    return NotSaved(f"the review database {path} refused the change ({why}); nothing of it was kept")


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _has_log(path: Path) -> bool:
    """Whether a write-ahead log with something in it lies beside ``path`` (an immutable read would miss it)."""
    try:
        return os.path.getsize(f"{path}-wal") > 0
    except OSError:
        return False


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(Path(path).resolve()))
