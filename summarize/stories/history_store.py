"""The story history's file, the one home of it: its schema and version, opening (or creating) it,
the one warning of a file that cannot be used (and what the user should do), and reading and writing
its rows.  SQLite through the standard library (a topic's meaning as ``encoder.as_bytes`` keeps it);
``history`` decides what is read and recorded.

A history that cannot be used (not a file, damaged, locked past ``timeout``, read-only, another
program's file or another version's) gets one warning, through ``warn``, and is not used again
(read-only: earlier days are still read, the day is not recorded); its file is left as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from summarize.stories.encoder import as_bytes, from_bytes
from summarize.stories.history_entries import Entry

VERSION = 3  # PRAGMA user_version of the files this code writes
# versions 1 (before topics kept what they mean) and 2 (before entries kept the id they continue from
# their first day) are upgraded in place (``UPGRADES``): their entries gain an empty ``meaning`` (version
# 1's link by their words alone) and an empty ``first_id`` (each a running story of its own: a day
# linking to one continues from that day)
FIRST_ID = "ALTER TABLE entries ADD COLUMN first_id TEXT"
UPGRADES = {1: ["ALTER TABLE entries ADD COLUMN meaning BLOB", FIRST_ID], 2: [FIRST_ID]}
APPLICATION_ID = 0x53484953  # "SHIS": PRAGMA application_id, which tells our file from another SQLite file
NAME = "stories.sqlite3"
TIMEOUT = 5.0  # seconds to wait for another run holding the file
#: what the run does when the history cannot be used at all
WITHOUT = "the briefs are written without following stories from earlier days"


@dataclass(frozen=True)
class Advice:
    """What a warning of an unusable history tells the user to do: ``text``, said right after what is
    wrong with the file (``first``: advice on the file itself), or else last, after what the run does
    instead (advice on where to keep a history)."""

    text: str
    first: bool = False


WRITABLE_PLACE = Advice("give --history FILE (a writable place), or --no-history to go without")
ANOTHER_FILE = Advice("give another --history FILE", first=True)  # another program's file
MOVE_OR_ANOTHER = Advice("move it away or give another --history FILE", first=True)  # another version's
MOVE_AWAY = Advice("move it away to start a new history", first=True)  # a damaged file

SCHEMA = """
CREATE TABLE IF NOT EXISTS days (day TEXT PRIMARY KEY, out TEXT, recorded TEXT);
CREATE TABLE IF NOT EXISTS entries (
    day TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, topic TEXT, title_ar TEXT, title_en TEXT,
    words TEXT NOT NULL, names TEXT NOT NULL, figures TEXT NOT NULL, outlets TEXT NOT NULL,
    articles INTEGER NOT NULL, first_day TEXT NOT NULL, day_number INTEGER NOT NULL, meaning BLOB,
    first_id TEXT, PRIMARY KEY (day, kind, id));
"""


def default_path(cache: Path) -> Path:
    """The history beside the translation cache file ``cache``."""
    return cache.parent / NAME


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


class Store:
    """The history file, opened on first use; ``ok`` goes False (after one warning) when it cannot be used."""

    def __init__(self, path: Path, warn: Callable[[str], None] | None = None, timeout: float | None = None) -> None:
        self.path = Path(path)
        self.timeout = TIMEOUT if timeout is None else timeout
        self._warn, self.ok = warn or _warn, True
        self._db: sqlite3.Connection | None = None

    def _fail(self, what: str, advice: Advice, error: BaseException | None = None, then: str = WITHOUT) -> None:
        """Say once what is wrong with the file, what the run does instead (``then``) and what to do
        (``advice``), and stop using it."""
        if self.ok:  # advice on the file itself follows what is wrong with it; on the place, comes last
            why = f" ({error})" if error is not None else ""
            self._warn(f"story history {self.path}: {what}; {advice.text}{why}; {then}" if advice.first
                       else f"story history {self.path}: {what}{why}; {then}; {advice.text}")
        self.ok = False
        self.close()

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None or not self.ok:
            return self._db
        try:
            if self.path.exists() and not self.path.is_file():
                self._fail("not a file", WRITABLE_PLACE)
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if _read_only(self.path):  # read what it holds; recording the day then fails with one warning
                db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=self.timeout,
                                     isolation_level=None)
            else:
                db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            self._db = db
            app, version = db.execute("PRAGMA application_id").fetchone()[0], db.execute(
                "PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and app != APPLICATION_ID:
                self._fail("is another program's SQLite file, not a story history", ANOTHER_FILE)
                return None
            if tables and version in UPGRADES and not _read_only(self.path):
                db.execute("BEGIN IMMEDIATE")
                for statement in UPGRADES[version]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {VERSION}")
                db.execute("COMMIT")
                version = VERSION
            if tables and version != VERSION:
                self._fail(f"was written by another version of summarize (history version {version}, "
                           f"this one reads {VERSION})", MOVE_OR_ANOTHER)
                return None
            if not tables:
                db.execute("BEGIN IMMEDIATE")
                for statement in filter(str.strip, SCHEMA.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {VERSION}")
                db.execute("COMMIT")
            return db
        except sqlite3.DatabaseError as error:
            self._fail(*_why(error), error)
            return None
        except OSError as error:
            self._fail("cannot be opened", WRITABLE_PLACE, error)
            return None

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def past(self, day: str, days: int) -> tuple[list[Entry], dict[str, str]]:
        """The entries of the ``days`` days before ``day``, and the output folder each of those days was
        written to; none when the file cannot be used."""
        db = self._open()
        if db is None:
            return [], {}
        start = (dt.date.fromisoformat(day) - dt.timedelta(days=days)).isoformat()
        try:
            rows = db.execute("SELECT day, kind, id, topic, title_ar, title_en, words, names, figures, outlets, "
                              "articles, first_day, day_number, meaning, first_id FROM entries WHERE day >= ? AND day < ?",
                              (start, day)).fetchall()
            outs = dict(db.execute("SELECT day, out FROM days WHERE day >= ? AND day < ?", (start, day)).fetchall())
        except sqlite3.DatabaseError as error:
            self._fail(*_why(error), error)
            return [], {}
        past = [Entry(r[0], r[1], r[2], json.loads(r[6]), set(json.loads(r[7])),
                      {k: (v[0], v[1]) for k, v in json.loads(r[8]).items()}, json.loads(r[9]), r[10], r[3] or "",
                      r[4] or "", r[5] or "", r[11], r[12], from_bytes(r[13]), r[14] or "") for r in rows]
        return past, outs

    def replace(self, day: str, out: Path | None, today: list[Entry]) -> bool:
        """Replace ``day``'s records with ``today`` (written to ``out``), in one transaction; True when recorded."""
        db = self._open()
        if db is None:
            return False
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM entries WHERE day = ?", (day,))
            db.execute("INSERT OR REPLACE INTO days VALUES (?, ?, ?)",
                       (day, str(Path(out).resolve()) if out else None, dt.datetime.now(dt.timezone.utc).isoformat()))
            db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (e.day, e.kind, e.id, e.topic, e.title_ar, e.title_en, json.dumps(e.words, ensure_ascii=False),
                 json.dumps(sorted(e.names), ensure_ascii=False),
                 json.dumps({k: list(v) for k, v in e.figures.items()}, ensure_ascii=False),
                 json.dumps(e.outlets, ensure_ascii=False), e.articles, e.first_day, e.day_number,
                 None if e.meaning is None else as_bytes(e.meaning), e.first_id or None) for e in today])
            db.execute("COMMIT")
            return True
        except sqlite3.DatabaseError as error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._fail(*_why(error), error, "this day's stories are not recorded (the briefs are written)")
            return False


def _read_only(path: Path) -> bool:
    """A history file this process may not write."""
    return path.exists() and not os.access(path, os.W_OK)


def _why(error: sqlite3.DatabaseError) -> tuple[str, Advice]:
    """What SQLite's ``error`` says is wrong with the file, and what to do."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return "is held by another run (locked) past the wait", WRITABLE_PLACE
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "is damaged (not a readable SQLite database)", MOVE_AWAY
    if "readonly" in text:
        return "cannot be written (read-only)", WRITABLE_PLACE
    if "unable to open" in text:
        return "cannot be opened or created", WRITABLE_PLACE
    return "cannot be used", WRITABLE_PLACE
