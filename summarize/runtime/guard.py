"""Process-wide guards for a run: standard streams that can never abort it, and SIGTERM, SIGHUP
and SIGINT turned into one exception in the main thread.

A run's messages are for the operator; failing to show them must never lose the briefs.
``guarded()``, around a whole run:

* opens /dev/null on any of fds 0-2 that is closed (``2>&-``), so that no file the run opens
  later gets fd 2 and receives what C libraries print there;
* wraps ``sys.stdout`` and ``sys.stderr`` in ``SafeStream``: a write that fails (a broken pipe,
  ``2>/dev/full``, a hung-up terminal) is dropped and the stream goes to /dev/null from then on;
  text the stream cannot encode (``LC_ALL=C``) is written with backslash escapes;
* turns the first SIGTERM, SIGHUP or SIGINT into ``Stopped``, a ``KeyboardInterrupt``, so every
  path that cleans up after Ctrl-C (temporary files, the output lock, a half-made conversion)
  cleans up after them too; later ones are ignored while the run cleans up and exits with
  128 + the signal's number.

``held_signals()`` defers those signals over the few lines that must not be cut in two
(renaming the day's files into place); without ``guarded()``'s handlers (Ctrl-C's default
KeyboardInterrupt) nothing is deferred.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

#: the signals that stop a run cleanly (SIGHUP does not exist on Windows)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """The run got a stop signal; ``signum`` says which (exit status 128 + signum)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


class SafeStream:
    """A text stream whose writes never raise: the first failure sends it to /dev/null."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.broken = stream is None

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self.stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "ascii"
                self._attempt(lambda: self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding)))
            except (OSError, ValueError):
                self._break()
        return len(text)

    def flush(self) -> None:
        self._attempt(lambda: self.stream.flush())

    def isatty(self) -> bool:
        try:
            return not self.broken and self.stream.isatty()
        except (OSError, ValueError, AttributeError):
            return False

    def __getattr__(self, name: str):
        return getattr(self.stream, name)

    def _attempt(self, action) -> None:
        if self.broken:
            return
        try:
            action()
        except (OSError, ValueError):
            self._break()

    def _break(self) -> None:
        """Send the file descriptor to /dev/null, so that what is still buffered, and the
        interpreter's last flush at exit, go nowhere instead of raising."""
        self.broken = True
        try:
            fd = self.stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
            self.stream.flush()
        except (OSError, ValueError, AttributeError):
            pass


def _open_closed_fds() -> None:
    """/dev/null on each standard fd that is closed (opening takes the lowest free number)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if opened != fd:  # cannot happen in this order (the lowest free number is fd), but be sure
                os.dup2(opened, fd)
                os.close(opened)


_held = 0  # how many held_signals blocks are open
_pending: list[int] = []  # stop signals that came while held
_received: list[int] = []  # the stop signal this run got, once raised


def stop_signal() -> int | None:
    """The stop signal this run got (None: none).  A library may turn the exception into another
    (pybind11 makes any error in a module's start-up an ImportError): the CLI asks this first."""
    return _received[0] if _received else None


def _stop(signum: int, frame) -> None:
    if _held:
        _pending.append(signum)
        return
    _stopping(signum)


def _stopping(signum: int) -> None:
    for number in STOP_SIGNALS:  # the run is ending: one signal is enough
        signal.signal(number, signal.SIG_IGN)
    _received.append(signum)
    raise Stopped(signum)


@contextmanager
def guarded() -> Iterator[None]:
    """Safe standard streams and stop signals for the length of a run (see the module docstring)."""
    _open_closed_fds()
    _received.clear()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        handlers = {number: signal.signal(number, _stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        _received.clear()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = saved


@contextmanager
def held_signals() -> Iterator[None]:
    """Defer the stop signals until the block is done: one that came meanwhile is raised as it ends.

    A flag the handler reads, not a signal mask: a mask holds only this thread, and the kernel
    gives a process's signal to any thread that does not block it (torch's, CTranslate2's).
    """
    global _held
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if not _held and _pending:
            signum = _pending[0]
            _pending.clear()
            _stopping(signum)
