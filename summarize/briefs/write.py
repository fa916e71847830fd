"""Writing briefs: the day's files appear as one set, whole, or not at all.

``write_set`` writes every file of a run to a temporary name in the output
folder (flushed to disk, many at once: ``Flusher``), and only when all of them
are on disk renames them over the targets (``os.replace`` is atomic on POSIX
and Windows), with SIGTERM, SIGHUP and SIGINT held for those few renames.  A
full disk or any other write error (at a write, an fsync or a close) removes
every temporary file and raises ``WriteError``:
the folder then holds the previous run's set, untouched.  A run killed with
SIGKILL may leave temporary files (``.NAME.XXXXXXXX.tmp``); the next run
holding the folder removes them.

No file is ever opened for writing by its name: a brief that is a hard link
to a file elsewhere (or a symlink) is replaced by the rename, never written
through, so nothing outside the folder changes (issue 25; test_briefs_write).

The folder is held with an advisory lock on the folder itself while writing
(``folder_lock``); a second run waits its turn, up to ``--lock-wait``.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from summarize.briefs.flush import Flusher
from summarize.errors import ArticleError, LockError, UsageError, WriteError
from summarize.ingest.reader import shown
from summarize.runtime.guard import held_signals

LOCK_WAIT_SECONDS = 600


FORMATS = ("md", "html", "json")  # what a run can write, in this order
NAME_MAX = 255  # bytes in one file name on Linux and macOS file systems
#: mkstemp's names for ``prefix=f".{name[:40]}."``, ``suffix=".tmp"``: the name (cut at 40 characters),
#: eight random characters.  Only names like this, for a file this module writes, are ever removed.
TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp", re.DOTALL)


MANIFEST = ".summarize-written"  # in --out: the names of the files summarize wrote there, one a line
OLD = "old"  # in --out: where a run moves the briefs an earlier run wrote and it did not (a smaller day)


def written_here(folder: Path) -> set[str]:
    """The files summarize wrote in ``folder`` (its manifest; none if there is no manifest)."""
    try:
        return set((folder / MANIFEST).read_text(encoding="utf-8", errors="surrogateescape").splitlines())
    except OSError:
        return set()


def _made_by_summarize(path: Path) -> bool:
    """A brief an earlier version wrote before there was a manifest: its signature gives it away."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return False
    return b"|backend:" in head and b"|version:" in head


def foreign(folder: Path, names: Iterable[str], ours: set[str]) -> list[str]:
    """Those of ``names`` that exist in ``folder`` and were not written by summarize: a run must
    never overwrite them (they may be the user's own files)."""
    return [n for n in names if n not in ours and os.path.lexists(folder / n)
            and not _made_by_summarize(folder / n)]


class BriefNames:
    """Which article owns which brief name: a brief is named after its article file, so two
    names that differ only in case, or an article called ``daily-brief``, would overwrite
    another's brief, and a file of that name in ``out`` that summarize did not write (the
    manifest, ``MANIFEST``, says which it did) must not be overwritten at all.  ``claim``
    refuses those (``ArticleError``), first come first served; a daily brief that is not
    ours stops the run (``UsageError``, before any work)."""

    RESERVED = frozenset({"daily-brief"})

    def __init__(self, out: Path | None = None, formats: tuple[str, ...] = FORMATS) -> None:
        self.taken: dict[str, Path] = {}
        self.out, self.formats = out, formats
        self.ours = written_here(out) if out is not None else set()
        if out is not None:
            theirs = foreign(out, [f"daily-brief.{fmt}" for fmt in formats], self.ours)
            if theirs:
                raise UsageError(f"--out {out} holds {theirs[0]}, which summarize did not write; "
                                 "move it away or give another --out (briefs never overwrite other files)")

    def claim(self, path: Path) -> None:
        key = path.stem.casefold()
        _check_locale(path)
        if self.out is not None:
            theirs = foreign(self.out, [f"{path.stem}.{fmt}" for fmt in self.formats], self.ours)
            if theirs:
                raise ArticleError(f"{path}: its brief would overwrite {self.out / theirs[0]}, which summarize "
                                   "did not write; move that file away or give another --out")
        if len(os.fsencode(path.stem)) + len(".html") > NAME_MAX:
            raise ArticleError(f"{path}: its name is too long for its brief's file name "
                               f"(over {NAME_MAX - len('.html')} bytes before .txt); rename it shorter")
        if key in self.RESERVED:
            raise ArticleError(f"{path}: its brief would overwrite the daily brief; rename the file")
        if key in self.taken:
            raise ArticleError(f"{path}: its brief would overwrite the brief of {self.taken[key].name} "
                               "(names differ only in case); rename one of them")
        self.taken[key] = path


def _check_locale(path: Path) -> None:
    """A UTF-8 name that this process read as undecodable bytes (``LC_ALL=C`` without Python's
    UTF-8 mode: names are ASCII) cannot be spelt in a brief: refuse it and say how to run."""
    if not any("\udc80" <= ch <= "\udcff" for ch in path.name):
        return
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        return  # not UTF-8 in any locale: the reader refuses it with its own advice
    raise ArticleError(f"{shown(path)}: its name is UTF-8 but this run reads file names as "
                       f"{sys.getfilesystemencoding()} (the locale is {_locale()}); "
                       "run with a UTF-8 locale (LC_ALL=C.UTF-8) or PYTHONUTF8=1 to brief it")


def _locale() -> str:
    return next((f"{name}={os.environ[name]}" for name in ("LC_ALL", "LC_CTYPE", "LANG") if os.environ.get(name)),
                "unset")


@lru_cache(maxsize=1)
def file_mode() -> int:
    """The mode a new file gets under this process's umask (mkstemp's files are 0600: briefs
    are published, so they get what any file written here would)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_temp(path: Path, data: bytes, flusher: Flusher) -> str:
    """``data`` in a new temporary file beside ``path``, handed to ``flusher`` to be put on disk;
    its name.  Removed again if anything fails.  The temporary name stays short whatever the
    target's (a 250-byte name would overflow)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            os.fchmod(fd, file_mode())
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except BaseException:
            os.close(fd)
            raise
        flusher.add(fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, text: str) -> None:
    """One file, whole or not at all (a temporary file renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flusher = Flusher()
    try:
        tmp = _write_temp(path, text.encode("utf-8"), flusher)
        try:
            flusher.flush()
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    finally:
        flusher.close()


def write_set(folder: Path, files: Iterable[tuple[Path, str]], written: list[Path]) -> None:
    """Write ``files`` ((path, text) in ``folder``, taken one at a time) as one set: each to a
    temporary file first, then, once all are on disk (each one's fsync checked), all renamed into
    place with the stop signals held; ``written`` grows as they land.  Any failure (ENOSPC, EIO ...,
    at a write, an fsync or a close) removes every temporary file and raises WriteError: the folder
    then holds exactly what it held before.

    Once the set is in place, the files an earlier run wrote here (the manifest says which) that
    this set does not hold are moved to ``OLD``/: re-using a folder for a smaller day leaves only
    that day's briefs beside each other, and nothing that is not summarize's is ever moved."""
    temps: list[tuple[str, Path]] = []
    size = 0
    flusher = Flusher()
    try:
        for path, text in files:
            data = text.encode("utf-8")
            temps.append((_write_temp(path, data, flusher), path))
            size += len(data)
        manifest = folder / MANIFEST
        names = sorted({path.name for _, path in temps})
        earlier = sorted(written_here(folder) - set(names) - {MANIFEST})
        temps.append((_write_temp(manifest, "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape"),
                                  flusher), manifest))
        flusher.flush()  # every file on disk before the first is renamed
        with held_signals():
            for tmp, path in temps:
                os.replace(tmp, path)
                if path != manifest:
                    written.append(path)
            _move_old(folder, earlier)
            _sync_folder(folder)
    except OSError as error:
        raise WriteError(_write_failure(folder, error, len(written), len(temps), size)) from None
    finally:
        flusher.close()
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)


def _move_old(folder: Path, names: list[str]) -> None:
    """Move the files ``names`` (an earlier run's, not this run's) of ``folder`` to ``folder/OLD``:
    regular files only (a link or a folder of that name is not summarize's)."""
    old = folder / OLD
    for name in names:
        path = folder / name
        if "/" in name or not path.is_file() or path.is_symlink():
            continue
        try:
            old.mkdir(exist_ok=True)
            os.replace(path, old / name)
        except OSError:
            pass  # left where it is: a later run tries again (it is no longer in the manifest, though)


def _write_failure(folder: Path, error: OSError, replaced: int, ready: int, size: int) -> str:
    reason = error.strerror or str(error)
    if replaced:
        state = (f"{replaced} files were replaced before it failed, the others are the previous run's; "
                 "run again once it is fixed")
    else:
        state = "nothing was changed: the folder holds the previous run's files, and no temporary file is left"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        state += (f"; free space there and run again (the new files are written beside the old ones before "
                  f"replacing them: {ready} files, {size / 1024:,.0f} KB, were written when the disk filled)")
    return f"could not write the briefs to {folder}/ ({reason}); {state}"


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (where the file system lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path) -> list[str]:
    """Remove the temporary files a killed run left in ``folder`` (only names this module makes:
    ``.NAME.XXXXXXXX.tmp`` for a brief's NAME, regular files); call it holding the folder."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_NAME.fullmatch(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        name = match["name"]
        if len(name) == 40 or name.rpartition(".")[2] in FORMATS:
            try:
                os.unlink(entry.path)
                removed.append(entry.name)
            except OSError:
                pass
    return removed


def _open_folder(folder: Path) -> int:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise WriteError(f"could not make or open the output folder {folder}/ ({error.strerror or error}); "
                         "nothing was changed") from None


def busy(folder: Path) -> bool:
    """Whether another run holds ``folder`` now (a quick look; nothing is held after it)."""
    try:
        import fcntl

        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (ImportError, OSError):
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def warn_if_busy(folder: Path, wait: float | None = None) -> None:
    """Tell the operator at the start of a run, not after the translation, that it will queue."""
    if busy(folder):
        wait = LOCK_WAIT_SECONDS if wait is None else wait
        print(f"note: another summarize run is writing to {folder}/ now; this run translates meanwhile, "
              f"then waits up to {wait:g}s (--lock-wait) for it before writing", file=sys.stderr)


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
    fd = _open_folder(folder)
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
                        f"another summarize run has been writing to {folder}/ for over {wait:g}s; "
                        "wait for it to finish, or use another --out (or a longer --lock-wait)"
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
