"""The translation cache's file: where it lives, how it is opened and versioned, and what can go wrong with it.

The one home of the SQLite file itself; what is looked up and stored in it is
``summarize.translate.cache``'s.

``default_cache_path`` finds the file (``$SUMMARIZE_CACHE``, the user's cache
folder, or, where no home folder can be written, a private temporary one, with
a warning).  ``CacheFile`` opens it: in WAL mode with a busy timeout, so two
runs can share it, with its tables made (and, in a cache made before they were
kept, its use columns added).  ``schema_problem`` and ``describe`` turn a file
that is not a cache, and SQLite's and the system's errors, into what to do
about them: trouble with the file is said once on stderr, never a crash: a
file that cannot be used is bypassed; a read-only one, or one on a full disk,
is still read.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys
from pathlib import Path

BUSY_TIMEOUT_MS = 30_000


def default_cache_path() -> Path:
    """``$SUMMARIZE_CACHE``, else the user's cache folder (XDG on Linux); where that folder cannot
    be made (no home, a read-only home), a private folder in the temporary folder, with a warning."""
    env = os.environ.get("SUMMARIZE_CACHE")
    if env:
        return Path(env).expanduser()
    found = home()
    base = os.environ.get("XDG_CACHE_HOME") or (found / ".cache" if found else None)
    wanted = Path(base) / "summarize" / "translations.sqlite3" if base else None
    why = usable_folder(wanted.parent) if wanted else "HOME is not set"
    if why is None and wanted is not None:
        return wanted
    fallback = private_temp_folder()
    if fallback is None:
        _warn_once(f"{why}, and no temporary folder is usable either; set SUMMARIZE_CACHE or give --cache FILE "
                   "to cache translations")
        return Path(os.devnull)  # the cache then says it is not a file, and the run goes on without one
    _warn_once(f"{why}; translations are cached in {fallback} for now (a temporary folder, which may be "
               "cleared); set SUMMARIZE_CACHE or give --cache FILE to keep them")
    return fallback / "translations.sqlite3"


_WARNED: set[str] = set()


def _warn_once(line: str) -> None:
    """Print ``line`` as a warning the first time only: a run asks for the default path more than once (the
    cache, and the review database and story history beside it), and says what is wrong once."""
    if line not in _WARNED:
        _WARNED.add(line)
        print(f"warning: {line}", file=sys.stderr)


def home() -> Path | None:
    if os.environ.get("HOME"):
        return Path(os.environ["HOME"])
    try:
        import pwd

        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    except (ImportError, KeyError, OSError):
        return None


def usable_folder(folder: Path) -> str | None:
    """Why a cache cannot be kept in ``folder`` (made here if missing), or None when it can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"the cache folder {folder} cannot be created ({error.strerror or error})"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the cache folder {folder} is not writable"
    return None


def private_temp_folder() -> Path | None:
    """``$TMPDIR/summarize-UID/``, made 0700 and ours (not a planted link), or None."""
    import tempfile

    try:
        folder = Path(tempfile.gettempdir()) / f"summarize-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:  # gettempdir found no usable folder, or this one cannot be made
        return None
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return folder


class ForeignFile(sqlite3.DatabaseError):
    """A valid SQLite file that holds something other than a translation cache."""


#: the columns a run reads and writes; a table without them is not ours
COLUMNS = frozenset({"namespace", "kind", "source", "target", "created"})


def schema_problem(connection: sqlite3.Connection) -> str | None:
    """Why this SQLite file is not a translation cache (None: it is one, or it is empty)."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = {t for t in tables if not t.startswith("sqlite_")}
    if "translations" not in tables:
        if tables - {"digests"}:
            return (f"is an SQLite database of something else (tables: {', '.join(sorted(tables)[:4])}), not a "
                    "translation cache; give --cache another file (never delete it: it is not ours)")
        return None
    columns = {row[1] for row in connection.execute("PRAGMA table_info(translations)")}
    if not COLUMNS <= columns:
        return (f"has a translations table of another kind (without {', '.join(sorted(COLUMNS - columns))}); "
                "give --cache another file")
    return None


def describe(path: Path, error: Exception) -> str:
    """What is wrong with the cache file at ``path``, from the error it gave, and what to do."""
    if isinstance(error, ForeignFile):
        return str(error)
    name = getattr(error, "sqlite_errorname", "") or ""
    text = getattr(error, "strerror", None) or str(error)
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "malformed" in text or "not a database" in text:
        return f"is damaged or not a cache ({text}); delete it (rm {path}) and the next run starts a fresh one"
    if name == "SQLITE_FULL" or getattr(error, "errno", None) == errno.ENOSPC or (
            name.startswith("SQLITE_IOERR") and nearly_full(path.parent)):  # WAL's shared memory on a full disk
        return (f"cannot grow: the disk holding it is full ({text}); free space there, or give --cache a file on "
                "another disk")
    if name.startswith("SQLITE_READONLY"):
        return f"is read-only ({text}); make it and its folder writable, or give --cache another file"
    if name.startswith("SQLITE_CANTOPEN"):
        return (f"cannot be opened ({text}); check the permissions of the file and of {path.parent}, or give "
                "--cache another file")
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return (f"stayed locked by another program for over {BUSY_TIMEOUT_MS // 1000}s ({text}); run again when "
                "it is done")
    if name.startswith("SQLITE_IOERR"):
        return f"gave a disk error ({text}); check the disk, or give --cache a file on another disk"
    return f"is unusable ({text}); delete it (rm {path}) to start a fresh cache, or give --cache another file"


def open_checked(uri: str) -> sqlite3.Connection:
    """A read-only connection to a translation cache (ForeignFile for another program's file)."""
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        problem = schema_problem(connection)
    except BaseException:
        connection.close()
        raise
    if problem:
        connection.close()
        raise ForeignFile(problem)
    return connection


def nearly_full(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (next to) no space left."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


class CacheFile:
    """The translation cache's SQLite file, opened (``connection``), or bypassed when it cannot be used.

    Whatever is wrong with the file is said once on stderr, with what to do, and never stops a
    run: a file that cannot be used is bypassed (``usable`` is False); a read-only file, or one on
    a full disk, is still read (``writable`` is False: new translations are not stored).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.connection: sqlite3.Connection | None = None
        self.writable = True
        self._said: set[str] = set()
        problem = self._unfit()
        if problem:
            self._warn(problem, "translating without it")
            return
        try:
            self.connection = self._connect()
        except (sqlite3.Error, OSError) as error:
            self.give_up(error)

    def _unfit(self) -> str | None:
        """What makes ``path`` unable to hold a cache before SQLite touches it (or None)."""
        path = self.path
        if path.is_dir():
            return f"is a folder; give --cache a file in it (--cache {path / 'translations.sqlite3'})"
        if path.exists() and not path.is_file():
            return ("is not a regular file (a device, a pipe: SQLite would make files beside it); give --cache "
                    "a file, or --no-cache to run without a cache")
        blocker = next((p for p in path.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            return (f"cannot be made: {blocker} is a file, not a folder; give --cache a file in a folder, "
                    "or --no-cache")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return (f"cannot be made: its folder {path.parent} cannot be created ({error.strerror or error}); "
                    "give --cache a file in a writable folder, or --no-cache")
        if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
            return (f"cannot be made: its folder {path.parent} is not writable; give --cache a file in a "
                    "writable folder, or --no-cache")
        return None

    def _connect(self) -> sqlite3.Connection:
        # a read-only file (or folder: SQLite writes its -wal and -shm there) is opened to be read
        if self.path.exists() and not (os.access(self.path, os.W_OK)
                                       and os.access(self.path.parent, os.W_OK | os.X_OK)):
            return self._connect_read_only()
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            problem = schema_problem(connection)
            if problem:
                raise ForeignFile(problem)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS translations ("
                " namespace TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
                " target TEXT NOT NULL, created REAL NOT NULL,"
                " PRIMARY KEY (namespace, kind, source)) WITHOUT ROWID"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, signature TEXT, digest TEXT)"
            )
            add_use_columns(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _connect_read_only(self) -> sqlite3.Connection:
        """The file opened to be read.  A WAL file in a folder this process cannot write has no
        -shm to share, and SQLite refuses it read-only: it is then opened immutable (read as it is)."""
        uri = self.path.resolve().as_uri()
        try:
            connection = open_checked(f"{uri}?mode=ro")
        except sqlite3.OperationalError as error:
            if not (getattr(error, "sqlite_errorname", "") or "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
                raise
            connection = open_checked(f"{uri}?mode=ro&immutable=1")
        self._read_only()
        return connection

    def _warn(self, problem: str, consequence: str, key: str | None = None) -> None:
        """Say ``problem`` once (once per ``key`` when given)."""
        if (key or problem) in self._said:
            return
        self._said.add(key or problem)
        print(f"warning: translation cache {self.path} {problem}; {consequence}", file=sys.stderr)

    def _read_only(self) -> None:
        self.writable = False
        self._warn(f"is read-only; make it and its folder writable (chmod u+w {self.path} {self.path.parent}) "
                   "to store new translations", "its translations are used, new ones are not stored")

    def give_up(self, error: Exception) -> None:
        """Bypass the cache for the rest of the run, saying why and what to do."""
        self._warn(describe(self.path, error), "translating without it")
        if self.connection is not None:
            try:
                self.connection.close()
            except sqlite3.Error:
                pass
        self.connection = None

    def write_failed(self, error: sqlite3.Error) -> None:
        """A write failed: a full disk or a read-only file stops the writing only; anything else the cache."""
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_FULL":
            self.writable = False
            self._warn(describe(self.path, error), "its translations are used, new ones are not stored")
        elif name.startswith("SQLITE_READONLY"):
            self._read_only()
        else:
            self.give_up(error)

    def report_unreadable(self, count: int) -> None:
        """Entries whose stored text is not what the cache writes (damaged rows): said once."""
        self._warn(f"has unreadable entries ({count} so far: not the JSON it stores); if this repeats, delete "
                   f"the file (rm {self.path}) to start a fresh cache",
                   "they are translated again and replaced", key="unreadable")

    @property
    def usable(self) -> bool:
        return self.connection is not None

    def usable_connection(self) -> sqlite3.Connection:
        """The connection, for what only a usable cache is asked (``summarize cache`` checks ``usable``)."""
        if self.connection is None:
            raise sqlite3.ProgrammingError(f"the translation cache {self.path} is not open")
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def add_use_columns(connection: sqlite3.Connection) -> None:
    """When each entry was last used and how often: added to caches made before they were kept."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(translations)")}
    try:
        if "last_used" not in columns:
            connection.execute("ALTER TABLE translations ADD COLUMN last_used REAL")
        if "hits" not in columns:
            connection.execute("ALTER TABLE translations ADD COLUMN hits INTEGER NOT NULL DEFAULT 0")
    except sqlite3.OperationalError:
        pass  # a read-only cache made before: read it as it is (stats and prune need it writable)
