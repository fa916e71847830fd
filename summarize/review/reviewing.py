"""What the review app works on, and the one home of keeping the brief files up to date with it.

``Config`` (what ``summarize review`` was given) and ``Reviewing``: the briefs folder (read through
``briefs.FolderReader``), the review database behind one lock (``store``), this server's CSRF token,
and the re-rendering of the brief files after a change (``rerender``, ``rerender_soon``), when a run
left them behind the database (``heal``) and whenever the folder's JSON briefs change (``watch``).
The routes (``app``) call it; what a save stores is ``units``.

Each save is stored first (one transaction), then the brief and the daily
brief are re-rendered under the folder lock (``briefs.rerender``): a save
made while ``summarize`` writes the folder waits for it, and a save that
returned is kept whatever happens to the server after.  A save waits for the
folder on the event loop (``Reviewing.rerender_soon``), trying the lock now and
then, not in one of the server's worker threads: forty saves waiting on a run
would otherwise hold every thread, and no page would load until it ended.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from summarize.briefs import json as json_format
from summarize.briefs.write import LOCK_WAIT_SECONDS
from summarize.errors import LockError
from summarize.review.briefs import BriefError, Folder, FolderReader, rerender
from summarize.review.safety import LOCAL_HOSTS
from summarize.review.state import ReviewState, review_onto
from summarize.review.schema import ReviewDbError
from summarize.review.store import ReviewStore

RETRY_LOCK_S = 0.1  # how often a save waiting for a summarize run tries the folder again


class Unrendered(str):
    """Why the files were not re-rendered (``busy``: the folder was held by a summarize run)."""

    busy = False


@dataclass
class Config:
    briefs: Path
    db: Path
    reviewer: str
    cache: Path | None = None  # the translation cache the model's alternatives are read from
    hosts: list[str] = field(default_factory=lambda: list(LOCAL_HOSTS))
    lock_wait: float | None = None  # how long a save waits for a running summarize (None: output's default)


class Reviewing:
    """What the app works on: the folder, the review database and this server's CSRF token."""

    def __init__(self, config: Config, store: ReviewStore) -> None:
        self.config = config
        self.store = store
        self.reader = FolderReader(config.briefs)
        self.token = secrets.token_urlsafe(32)
        self.db_lock = threading.Lock()  # one connection, used from the server's threads
        self.db_file = os.stat(store.path).st_ino

    def state(self) -> ReviewState:
        """What the database holds (``ReviewDbError`` if the file was removed or replaced meanwhile:
        saves would go to a file no one sees again)."""
        try:
            same = os.stat(self.store.path).st_ino == self.db_file
        except OSError:
            same = False
        if not same:
            raise ReviewDbError(f"the review database {self.store.path} was removed or replaced while the server "
                                "ran; nothing more is saved: restart summarize review")
        with self.db_lock:
            try:
                return ReviewState.load(self.store)
            except sqlite3.Error as error:  # locked past the busy timeout, damaged since it was opened
                raise ReviewDbError(f"the review database {self.store.path} cannot be read now ({error}); "
                                    "reload the page in a moment") from None

    def folder(self) -> tuple[Folder, ReviewState]:
        folder = self.reader.read()
        state = self.state()
        review_onto(folder.articles, folder.shown, state)
        return folder, state

    def _written(self) -> tuple:
        """What the folder's JSON briefs are now (name, size, modification time): a run that writes changes it."""
        try:
            with os.scandir(self.config.briefs) as entries:
                return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries
                                    if e.name.endswith(".json") and e.is_file(follow_symlinks=False)))
        except OSError:
            return ()

    def watch(self, interval: float = 1.0):
        """Heal the briefs whenever the folder's JSON briefs change, from a thread of its own: a run
        that read the database before a save and wrote after it leaves the correction out of the files,
        and no one may load a page for hours.  Returns the function that stops it."""
        stop = threading.Event()

        def run() -> None:
            seen = self._written()
            while not stop.wait(interval):
                now = self._written()
                if now == seen:
                    continue
                try:
                    folder, _ = self.folder()
                    problem = self.heal(folder, [a.stem for a in folder.articles])
                except (BriefError, ReviewDbError, OSError):
                    continue  # a run half way through, a database unreadable now: look again
                if not getattr(problem, "busy", False):  # held by a run: try again at the next look
                    # what was there before this heal: a run's write landing during it is seen at the
                    # next look (this heal's own writes too, once: that heal finds nothing behind)
                    seen = now

        thread = threading.Thread(target=run, name="summarize-review-watch", daemon=True)
        thread.start()

        def stop_watching() -> None:
            stop.set()
            thread.join(10)

        return stop_watching

    def heal(self, folder: Folder, stems: list[str]) -> str:
        """Re-render the briefs whose JSON is behind the database: a summarize run that read the
        database before a save and wrote its briefs after it.  Never waits: while a run holds the
        folder, the page loads at once and a later one catches up."""
        behind = []
        by_stem = {a.stem: a for a in folder.articles}
        for stem in stems:
            article = by_stem.get(stem)
            if article is not None and "json" in folder.formats.get(stem, ()):
                try:
                    on_disk = (folder.path / f"{stem}.json").read_text(encoding="utf-8")
                except OSError:
                    continue
                if on_disk != json_format.dumps(json_format.brief_json(article, folder.made_by)):
                    behind.append(stem)
        if behind:
            return self.rerender(behind, wait=0)
        return ""

    def rerender(self, stems: list[str] | None, wait: float | None = None) -> str:
        """Re-render; what went wrong, in words (empty when the files are up to date)."""
        wait = self.config.lock_wait if wait is None else wait
        try:
            rerender(self.reader, stems, lambda folder: review_onto(folder.articles, folder.shown, self.state()), wait)
        except (LockError, BriefError, OSError) as error:
            problem = Unrendered(f"Saved, but the brief files were not re-rendered ({error}); they will be at the "
                                 "next save.")
            problem.busy = isinstance(error, LockError)
            return problem
        return ""

    async def rerender_soon(self, stems: list[str] | None) -> str:
        """``rerender``, waiting (up to ``lock_wait``) for a summarize run that holds the folder by
        trying its lock every ``RETRY_LOCK_S`` on the event loop: no worker thread waits."""
        wait = self.config.lock_wait if self.config.lock_wait is not None else LOCK_WAIT_SECONDS
        deadline = time.monotonic() + wait
        while True:
            problem = await run_in_threadpool(self.rerender, stems, 0)
            if not getattr(problem, "busy", False) or time.monotonic() >= deadline:
                return problem
            await asyncio.sleep(RETRY_LOCK_S)
