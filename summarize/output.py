"""Writing briefs: every file appears whole or not at all.

Each file is written to a temporary file in the same folder, flushed to disk
and renamed over the target (``os.replace`` is atomic on POSIX and Windows),
so a run that fails or is killed leaves every earlier brief intact and no
partial file behind.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from summarize.reader import ArticleError

LOCK_WAIT_SECONDS = 600


FORMATS = ("md", "html", "json")  # what a run can write, in this order
NAME_MAX = 255  # bytes in one file name on Linux and macOS file systems


class LockError(Exception):
    """Another run holds the output folder for longer than we wait."""


class BriefNames:
    """Which article owns which brief name: a brief is named after its article file, so two
    names that differ only in case, or an article called ``daily-brief``, would overwrite
    another's brief.  ``claim`` refuses those (``ArticleError``), first come first served."""

    RESERVED = frozenset({"daily-brief"})

    def __init__(self) -> None:
        self.taken: dict[str, Path] = {}

    def claim(self, path: Path) -> None:
        key = path.stem.casefold()
        if len(os.fsencode(path.stem)) + len(".html") > NAME_MAX:
            raise ArticleError(f"{path}: its name is too long for its brief's file name "
                               f"(over {NAME_MAX - len('.html')} bytes before .txt); rename it shorter")
        if key in self.RESERVED:
            raise ArticleError(f"{path}: its brief would overwrite the daily brief; rename the file")
        if key in self.taken:
            raise ArticleError(f"{path}: its brief would overwrite the brief of {self.taken[key].name} "
                               "(names differ only in case); rename one of them")
        self.taken[key] = path


@lru_cache(maxsize=1)
def file_mode() -> int:
    """The mode a new file gets under this process's umask (mkstemp's files are 0600: briefs
    are published, so they get what any file written here would)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # the temporary name stays short whatever the brief's name (a 250-byte name would overflow)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def folder_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold ``folder`` for this run's writes: a second run on the same folder waits
    its turn (saying so on stderr), and gives up with LockError after ``wait`` seconds.

    An advisory ``flock`` on the folder itself (no lock file is left among the
    briefs, and none can be a planted symlink); the kernel releases it when the
    process dies, so a killed run never leaves a stale lock behind.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; writes are still atomic
        yield
        return
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockError(
                        f"another summarize run has been writing to {folder}/ for over {wait:.0f}s; "
                        "wait for it to finish, or use another --out"
                    ) from None
                if not told:
                    print(f"waiting: another summarize run is writing to {folder}/", file=sys.stderr)
                    told = True
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # releases the lock


def check_out(out: Path, corpus: Path) -> None:
    """Refuse an output folder the briefs cannot be written to, before any work is done (UsageError)."""
    from summarize.reader import UsageError

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder; give a folder for the briefs")
    if out.resolve() == corpus.resolve():
        raise UsageError(f"--out {out} is the corpus folder itself; give another folder for the briefs")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        where = "it" if existing == out else f"its parent {existing}"
        raise UsageError(f"--out {out}: {where} is not writable; give a folder you can write to")
