"""Where the translation cache file lives, and what can be wrong with it, in words.

``default_cache_path`` finds the file (``$SUMMARIZE_CACHE``, the user's cache
folder, or, where no home folder can be written, a private temporary one, with
a warning); ``schema_problem`` and ``describe`` turn a file that is not a cache,
and SQLite's and the system's errors, into what to do about them: the
cache (``summarize.translate.cache``) says these once and goes on.
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
