"""Putting many written files on disk at once: ``Flusher`` (used by ``summarize.briefs.write``).

A file renamed into place must be on disk first, or a crash could leave a
renamed but empty brief.  Each fsync waits for a journal commit of its own, so
30,000 of them one after another (a day of 10,000 articles: three briefs an
article) made writing take 29 to 31 s of wall clock for 7 to 10 s of CPU on the
2-core test machine, growing faster than the day (``scripts/bench_scale.py``).
Fsyncs issued together share commits (``os.fsync`` lets go of the GIL while it
waits), so the files are flushed in batches, on a few threads: 8 s for 6 s of
CPU, in step with the day.  Not one ``syncfs`` or ``os.sync`` instead: they
say nothing of an error a particular file met, flush every other program's
writes to the same disk too (``os.sync``: to every disk), and are Linux-only.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor, wait

SYNC_BATCH = 128  # temporary files held open before they are flushed together (far below 1,024 open files)
SYNC_THREADS = 8  # fsyncs at once


class Flusher:
    """Puts written files on disk: ``add`` takes each one's open descriptor, and every
    ``SYNC_BATCH`` of them (and at ``flush``) they are fsynced on ``SYNC_THREADS`` threads at
    once, then closed.  Every fsync's and every close's result is checked: an ordinary file
    system reports a full disk at ``write``, but NFS and delayed allocation may report it only
    at fsync or close.  ``close`` (in a ``finally``) closes whatever is still held."""

    def __init__(self) -> None:
        self.open: list[int] = []
        self.pool: ThreadPoolExecutor | None = None

    def add(self, fd: int) -> None:
        """Hold the written file ``fd`` (closed by this flusher from now on, whatever happens)."""
        self.open.append(fd)
        if len(self.open) >= SYNC_BATCH:
            self.flush()

    def flush(self) -> None:
        """Every file added so far on disk and closed, or the first OSError raised (all closed)."""
        futures: list[Future] = []
        try:
            if len(self.open) == 1:
                os.fsync(self.open[0])
            elif self.open:
                self.pool = self.pool or ThreadPoolExecutor(SYNC_THREADS, thread_name_prefix="summarize-fsync")
                for fd in self.open:
                    futures.append(self.pool.submit(os.fsync, fd))
                for future in futures:
                    future.result()
        finally:
            wait(futures)  # no fsync is still running on a descriptor when it is closed
            fds, self.open = self.open, []
            failed = _close_all(fds)
        if failed is not None:
            raise failed

    def close(self) -> None:
        """Close what is still held (unflushed) and stop the threads; nothing is raised."""
        _close_all(self.open)
        self.open = []
        if self.pool is not None:
            self.pool.shutdown(wait=True)


def _close_all(fds: list[int]) -> OSError | None:
    """Close every one of ``fds``; the first failure, if one fails."""
    failed = None
    for fd in fds:
        try:
            os.close(fd)
        except OSError as error:
            failed = failed or error
    return failed
