"""Stop signals and standard streams (summarize.runtime.guard): SIGTERM and SIGHUP stop a run as Ctrl-C does,
at every stage, and trouble with stdout or stderr never costs a brief.

In-process runs send the signal to this very process from inside the stage under test (the
handlers ``guarded`` installs turn it into an exception there); the stream cases run the real
``main`` in a child process with the scripted translator in place of the model loader.
"""

import fcntl
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import (
    NBEST,
    ROOT,
    SCRIPT,
    SCRIPTED_MAIN,
    ScriptedTranslator,
    corpus_of,
    run_cli,
    snapshot,
)

from summarize.runtime import guard
from summarize.runtime.guard import SafeStream, guarded, held_signals
from summarize.translate.cache import CachedTranslator, TranslationCache


def stop_self(signum: int) -> None:
    os.kill(os.getpid(), signum)


def guarded_run(corpus: Path, out: Path, load) -> int:
    with guarded():
        return run_cli([str(corpus), "--out", str(out), "--quiet"], load)


def unlocked(folder: Path) -> bool:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


class StopsOnCall(ScriptedTranslator):
    """Sends ``signum`` to the process on its ``n``-th translate call."""

    def __init__(self, signum: int, n: int) -> None:
        super().__init__()
        self.signum, self.n = signum, n

    def translate(self, texts):
        if len(self.calls) + 1 == self.n:
            stop_self(self.signum)
        return super().translate(texts)


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_while_the_model_loads_stops_cleanly(tmp_path, capsys, signum, code):
    def load():
        stop_self(signum)
        return ScriptedTranslator()

    assert guarded_run(corpus_of(tmp_path / "c", 2), tmp_path / "b", load) == code
    err = capsys.readouterr().err
    assert "nothing was written; run again" in err and "Traceback" not in err
    assert (signal.Signals(signum).name in err) == (signum != signal.SIGINT)
    assert not (tmp_path / "b").exists()


def test_sigterm_during_translation_keeps_what_was_cached_and_a_rerun_finishes(tmp_path, capsys):
    corpus, out = corpus_of(tmp_path / "c", 3), tmp_path / "b"

    def cached(model):
        return lambda: CachedTranslator(TranslationCache(tmp_path / "cache.sqlite3"), lambda: model,
                                        model.count_tokens, identity="x", name="scripted", backend="scripted",
                                        beam=4, device="cpu", batch_size=1)

    first = StopsOnCall(signal.SIGTERM, 3)
    assert guarded_run(corpus, out, cached(first)) == 143
    assert "interrupted by SIGTERM: nothing was written" in capsys.readouterr().err
    again = ScriptedTranslator()
    assert guarded_run(corpus, out, cached(again)) == 0
    done_before = {text for call in first.calls[:2] for text in call}
    assert done_before and not done_before & {text for call in again.calls for text in call}
    assert len(list(out.glob("*.md"))) == 3 + 1


def test_sigterm_while_writing_leaves_the_previous_set_no_temporary_file_and_no_lock(tmp_path, capsys, monkeypatch):
    corpus, out = corpus_of(tmp_path / "c", 2), tmp_path / "b"
    assert guarded_run(corpus, out, lambda: ScriptedTranslator(SCRIPT, NBEST)) == 0  # other English than below
    before = snapshot(out)
    real, calls, lock = os.fsync, [], threading.Lock()

    def sync_then_stop(fd):  # the third temporary file is on disk when the signal comes
        with lock:  # files are flushed on several threads at once
            calls.append(fd)
            third = len(calls) == 3
        real(fd)
        if third:
            stop_self(signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", sync_then_stop)
    assert guarded_run(corpus, out, ScriptedTranslator) == 143
    assert "interrupted by SIGTERM: nothing was written" in capsys.readouterr().err
    assert snapshot(out) == before and unlocked(out)


def test_a_signal_during_the_renames_waits_until_the_whole_set_is_in_place(tmp_path, capsys, monkeypatch):
    corpus, out = corpus_of(tmp_path / "c", 2), tmp_path / "b"
    real, calls = os.replace, []

    def replace_then_stop(source, target):
        calls.append(target)
        if len(calls) == 1:
            stop_self(signal.SIGHUP)
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace_then_stop)
    assert guarded_run(corpus, out, ScriptedTranslator) == 129
    err = capsys.readouterr().err
    assert "interrupted by SIGHUP: the 9 files already written are complete" in err
    assert len(calls) == 9 + 1 and len(list(out.iterdir())) == 9 + 1  # the briefs and the manifest


def test_held_signals_defers_a_signal_to_the_end_of_the_block():
    order = []
    with guarded():
        with pytest.raises(guard.Stopped) as stop:
            with held_signals():
                stop_self(signal.SIGTERM)
                order.append("after the signal, still inside")
            order.append("never: raised as the block ends")
    assert order == ["after the signal, still inside"] and stop.value.signum == signal.SIGTERM


def test_guarded_restores_the_streams_and_the_handlers():
    streams = sys.stdout, sys.stderr
    handler = signal.getsignal(signal.SIGTERM)
    with guarded():
        assert isinstance(sys.stderr, SafeStream) and signal.getsignal(signal.SIGTERM) is not handler
    assert (sys.stdout, sys.stderr) == streams and signal.getsignal(signal.SIGTERM) is handler


# -- streams -----------------------------------------------------------------------


def test_a_safe_stream_drops_what_a_full_or_broken_stream_refuses():
    with open("/dev/full", "w") as full:
        stream = SafeStream(full)
        stream.write("warning: x\n" * 10_000)
        stream.flush()
        assert stream.broken
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "w") as pipe:
        stream = SafeStream(pipe)
        stream.write("closing line\n")
        stream.flush()  # EPIPE: dropped, and the fd now goes to /dev/null, so closing it is quiet
        assert stream.broken and not stream.isatty()
    assert SafeStream(None).write("x") == 1


def test_a_safe_stream_escapes_what_its_encoding_cannot_hold(tmp_path):
    with open(tmp_path / "log", "w", encoding="ascii") as handle:
        SafeStream(handle).write("error: خبر.txt\n")
    assert (tmp_path / "log").read_text() == "error: \\u062e\\u0628\\u0631.txt\n"


@pytest.mark.parametrize("streams", ["2>/dev/full", "2>&-", "| true", ">&-", ">/dev/full 2>&1"])
def test_stream_trouble_never_costs_a_brief(tmp_path, streams):
    corpus = corpus_of(tmp_path / "c", 2)
    (corpus / "empty.txt").write_bytes(b"")  # one refused article: an error line to print
    out = tmp_path / "b"
    command = (f"{sys.executable} -c \"$MAIN\" {corpus} --out {out} --no-cache {streams}; "
               "echo \"exit ${PIPESTATUS[0]}\" >&3")
    done = subprocess.run(["bash", "-c", f"exec 3>{tmp_path / 'status'}; {command}"], cwd=ROOT,
                          env={**os.environ, "MAIN": SCRIPTED_MAIN}, capture_output=True, text=True, timeout=120)
    status = (tmp_path / "status").read_text().strip()
    assert status == "exit 1", (status, done.stderr)  # 1: one article refused, the others briefed
    assert "Traceback" not in done.stdout + done.stderr and "Exception ignored" not in done.stdout + done.stderr
    assert len(list(out.glob("*.md"))) == 2 + 1
