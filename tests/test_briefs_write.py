"""Writing the day's files: one set, all new or all old, whatever fails part way (summarize.briefs.write).

Runs go through ``cli.execute`` with the scripted translator, as in test_cli_run.py; the full disk is
faked on the Nth ``os.write`` and, where this machine lets a test mount one, a real small tmpfs.
"""

import errno
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import (
    CORPUS,
    SCRIPTED_MAIN,
    ScriptedTranslator,
    corpus_of,
    hold_lock,
    run_cli,
    snapshot,
)

from summarize.briefs import write as output
from summarize.briefs.write import TEMP_NAME, BriefNames, remove_stale_temps, write_set
from summarize.errors import ArticleError, WriteError

ARTICLES = sorted(CORPUS.glob("*.txt"))


def brief(corpus: Path, out: Path, *extra: str) -> int:
    return run_cli([str(corpus), "--out", str(out), "--quiet", *extra], lambda: ScriptedTranslator())


class FullAfter:
    """``os.write`` that fails with ENOSPC from its ``n``-th call on."""

    def __init__(self, n: int) -> None:
        self.n, self.calls, self.real = n, 0, os.write

    def __call__(self, fd, data):
        self.calls += 1
        if self.calls >= self.n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.real(fd, data)


@pytest.mark.parametrize("nth", [1, 4, 12])  # the first file, one in the middle, the daily brief
def test_a_full_disk_leaves_the_previous_set_whole_and_says_so(tmp_path, capsys, monkeypatch, nth):
    out = tmp_path / "briefs"
    assert brief(corpus_of(tmp_path / "day1", 2), out, "--date", "2026-01-01") == 0
    before = snapshot(out)
    capsys.readouterr()
    monkeypatch.setattr(os, "write", FullAfter(nth))
    assert brief(corpus_of(tmp_path / "day2", 3), out, "--date", "2026-01-02") == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and f"could not write the briefs to {out}/" in err
    assert "No space left on device" in err and "nothing was changed" in err and "free space there" in err
    assert "Traceback" not in err
    assert snapshot(out) == before  # every old file as it was, nothing new, no temporary file


def test_the_whole_set_lands_when_nothing_fails(tmp_path):
    out = tmp_path / "briefs"
    assert brief(corpus_of(tmp_path / "day1", 2), out, "--date", "2026-01-01") == 0
    assert brief(corpus_of(tmp_path / "day2", 3), out, "--date", "2026-01-02") == 0
    names = {p.name for p in out.iterdir()} - {output.MANIFEST}
    assert len(names) == 3 * 3 + 3 and "2026-01-02" in (out / "daily-brief.md").read_text(encoding="utf-8")
    assert set((out / output.MANIFEST).read_text(encoding="utf-8").split()) == names  # both days' files


def test_write_set_renames_nothing_until_every_file_is_written(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("old a")
    monkeypatch.setattr(os, "write", FullAfter(2))
    written = []
    with pytest.raises(WriteError, match="nothing was changed"):
        write_set(tmp_path, iter([(tmp_path / "a.md", "new a"), (tmp_path / "b.md", "new b")]), written)
    assert written == [] and snapshot(tmp_path) == {"a.md": b"old a"}


class FailsAt:
    """``os.fsync`` or ``os.close`` (``real``) that fails with ``code`` at its ``n``-th call, and only
    then (a failing close still closes, as on NFS: the descriptor is gone); counts the calls and the
    descriptors it was given."""

    def __init__(self, real, n: int, code: int) -> None:
        self.real, self.n, self.code, self.calls, self.fds = real, n, code, 0, []
        self.done_anyway = real is os.close
        self.lock = threading.Lock()  # fsyncs come from several threads at once

    def __call__(self, fd):
        with self.lock:
            self.calls += 1
            self.fds.append(fd)
            failing = self.calls == self.n
        if failing:
            if self.done_anyway:
                self.real(fd)
            raise OSError(self.code, os.strerror(self.code))
        return self.real(fd)


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def many(folder: Path, count: int, text: str = "new") -> list[tuple[Path, str]]:
    """More files than one flush takes (disk.SYNC_BATCH: 128), so that several batches go through the threads."""
    return [(folder / f"{k:04d}.md", f"{text} {k}") for k in range(count)]


@pytest.mark.parametrize("nth", [1, 4, 12])  # the first file, one in the middle, the daily brief
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_failed_fsync_leaves_the_previous_set_whole_and_says_so(tmp_path, capsys, monkeypatch, nth, code):
    """NFS, or a file system that allocates late, may report a full disk only when the file is flushed."""
    out = tmp_path / "briefs"
    assert brief(corpus_of(tmp_path / "day1", 2), out, "--date", "2026-01-01") == 0
    before = snapshot(out)
    capsys.readouterr()
    failing = FailsAt(os.fsync, nth, code)
    monkeypatch.setattr(os, "fsync", failing)
    assert brief(corpus_of(tmp_path / "day2", 3), out, "--date", "2026-01-02") == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and f"could not write the briefs to {out}/ ({os.strerror(code)})" in err
    assert "nothing was changed" in err and "Traceback" not in err
    assert ("free space there" in err) == (code == errno.ENOSPC)
    assert snapshot(out) == before  # every old file as it was, nothing new, no temporary file


@pytest.mark.parametrize("nth", [1, 200, 301])  # in the first flush, in the second, the manifest
def test_every_file_is_flushed_and_each_fsync_checked(tmp_path, monkeypatch, nth):
    (tmp_path / "0000.md").write_text("old")
    fds = open_fds()
    failing = FailsAt(os.fsync, nth, errno.EIO)
    monkeypatch.setattr(os, "fsync", failing)
    written = []
    with pytest.raises(WriteError, match=r"\(Input/output error\); nothing was changed"):
        write_set(tmp_path, iter(many(tmp_path, 300)), written)
    assert written == [] and snapshot(tmp_path) == {"0000.md": b"old"} and open_fds() == fds
    monkeypatch.undo()
    monkeypatch.setattr(os, "fsync", counted := FailsAt(os.fsync, 0, 0))
    write_set(tmp_path, iter(many(tmp_path, 300)), written)
    assert len(written) == 300 and (tmp_path / "0299.md").read_text() == "new 299"
    assert counted.calls == 300 + 1 + 1  # each file and the manifest, then the folder
    assert open_fds() == fds


def test_a_failed_close_is_a_failed_write(tmp_path, monkeypatch):
    """NFS writes a file back when it is closed, and says there that the quota is exceeded."""
    (tmp_path / "0000.md").write_text("old")
    fds = open_fds()
    monkeypatch.setattr(os, "close", FailsAt(os.close, 150, errno.EDQUOT))
    with pytest.raises(WriteError, match=r"\(Disk quota exceeded\); nothing was changed.*free space there"):
        write_set(tmp_path, iter(many(tmp_path, 300)), [])
    monkeypatch.undo()
    assert snapshot(tmp_path) == {"0000.md": b"old"} and open_fds() == fds


@pytest.mark.parametrize("where", ["writing", "flushing"])
def test_a_stop_signal_while_writing_leaves_no_temporary_file_or_descriptor(tmp_path, monkeypatch, where):
    (tmp_path / "0000.md").write_text("old")
    fds, threads = open_fds(), threading.active_count()

    def files():
        for k, item in enumerate(many(tmp_path, 300)):
            if where == "writing" and k == 200:
                raise KeyboardInterrupt  # what summarize.runtime.guard makes of SIGTERM
            yield item

    def interrupted(fd):
        raise KeyboardInterrupt

    if where == "flushing":
        monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_set(tmp_path, files(), [])
    assert snapshot(tmp_path) == {"0000.md": b"old"}
    assert open_fds() == fds and threading.active_count() == threads


def _mount_tmpfs(folder: Path, size: int) -> None:
    folder.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"cannot mount a tmpfs here ({error})")
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or 'mount failed'} (needs root)")


def _pages(folder: Path) -> int:
    return sum(-(-p.stat().st_size // 4096) * 4096 for p in folder.iterdir())


def test_a_real_full_disk_leaves_the_previous_set(tmp_path, capsys):
    day1, day2 = corpus_of(tmp_path / "day1", 1), corpus_of(tmp_path / "day2", 3)
    # what each day's set takes on a tmpfs (whole pages), measured on an ordinary folder
    brief(day1, tmp_path / "m1"), brief(day2, tmp_path / "m2")
    size = _pages(tmp_path / "m1") + _pages(tmp_path / "m2") // 2 + 8192
    out = tmp_path / "tmpfs"
    _mount_tmpfs(out, size)
    try:
        assert brief(day1, out) == 0
        before = snapshot(out)
        capsys.readouterr()
        assert brief(day2, out) == 2
        err = capsys.readouterr().err
        assert "No space left on device" in err and "nothing was changed" in err and "Traceback" not in err
        assert snapshot(out) == before
    finally:
        subprocess.run(["umount", str(out)], check=False, timeout=30)


def test_temporary_files_a_killed_run_left_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "briefs"
    out.mkdir()
    ours = [".000_x.md.abcd1234.tmp", ".daily-brief.json.k_9zq0x1.tmp", "." + "y" * 40 + ".a1b2c3d4.tmp"]
    kept = [".notes.tmp", ".x.txt.abcd1234.tmp", ".x.md.ABCD1234.tmp", "x.md.abcd1234.tmp", "report.md",
            ".summarize-review.sqlite3"]
    for name in ours + kept:
        (out / name).write_text("x")
    (out / ".link.md.abcd1234.tmp").symlink_to(tmp_path / "elsewhere.txt")
    kept.append(".link.md.abcd1234.tmp")
    assert sorted(remove_stale_temps(out)) == sorted(ours)
    assert sorted(p.name for p in out.iterdir()) == sorted(kept)


def test_the_temporary_name_pattern_is_what_mkstemp_makes(tmp_path):
    import tempfile

    for name in ("000_x.md", "daily-brief.html", "z" * 250 + ".json"):
        fd, made = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=".tmp", dir=tmp_path)
        os.close(fd)
        assert TEMP_NAME.fullmatch(Path(made).name)
    assert remove_stale_temps(tmp_path) and not list(tmp_path.iterdir())


def test_a_rerun_removes_what_a_killed_run_left(tmp_path):
    out = tmp_path / "briefs"
    out.mkdir()
    (out / ".000_x.md.abcd1234.tmp").write_text("half a brief")
    assert brief(corpus_of(tmp_path / "c", 1), out) == 0
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_out_inside_the_corpus_is_briefed_and_never_read_back(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", 2)
    out = corpus / "briefs"
    assert brief(corpus, out) == 0
    first = snapshot(out)
    assert brief(corpus, out) == 0  # the briefs are not *.txt: the second run sees the same two articles
    assert snapshot(out).keys() == first.keys() and len(first.keys() - {output.MANIFEST}) == 2 * 3 + 3


def test_a_run_that_waits_past_lock_wait_exits_2_and_was_told_at_the_start(tmp_path, capsys):
    out = tmp_path / "briefs"
    holder = hold_lock(out, 30.0)
    try:
        assert brief(corpus_of(tmp_path / "c", 1), out, "--lock-wait", "0.5") == 2
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert err.index("note: another summarize run is writing") < err.index("error:")
    assert "for over 0s" not in err and "--lock-wait" in err and err.count("error:") == 1
    assert not list(out.iterdir())


@pytest.mark.parametrize("value", ["-1", "soon", "inf", "nan"])
def test_lock_wait_must_be_seconds(value, capsys):
    from summarize.cli import main

    with pytest.raises(SystemExit):
        main(["corpus", "--lock-wait", value])
    assert "number of seconds" in capsys.readouterr().err


def test_a_utf8_name_read_under_an_ascii_locale_is_refused_with_how_to_run():
    as_ascii = "".join(chr(0xDC00 + byte) for byte in "خبر".encode()) + ".txt"  # what LC_ALL=C makes of it
    with pytest.raises(ArticleError, match=r"its name is UTF-8 but this run reads file names as .*LC_ALL=C\.UTF-8"):
        BriefNames().claim(Path("/corpus") / as_ascii)
    BriefNames().claim(Path("/corpus") / "خبر.txt")  # the same name read in a UTF-8 locale is fine


def test_an_arabic_name_under_lc_all_c_never_traces_back(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", 1)
    shutil.copy(ARTICLES[1], corpus / "خبر.txt")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run([sys.executable, "-c", SCRIPTED_MAIN, str(corpus), "--out", str(tmp_path / "b"), "--no-cache"],
                          env=env, capture_output=True, text=True, cwd=Path(__file__).parents[1], timeout=120)
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr
    assert "LC_ALL=C.UTF-8" in done.stderr and (tmp_path / "b" / f"{ARTICLES[0].stem}.md").exists()


@pytest.mark.parametrize("count", [3, 2])  # the same day again; a smaller day (one brief moved to old/)
def test_a_brief_hard_linked_to_a_file_outside_out_is_replaced_never_written_through(tmp_path, count):
    # issue 25: every name in OUT, briefs, daily brief and manifest alike, made a hard link to a file
    # elsewhere (a desk's archive, or a file planted there); a run replaces each link with its own
    # file (a temporary file renamed over it) and the files elsewhere keep their bytes
    out, elsewhere = tmp_path / "briefs", tmp_path / "elsewhere"
    assert brief(corpus_of(tmp_path / "day1", 3), out, "--date", "2026-01-01") == 0
    elsewhere.mkdir()
    for path in sorted(out.iterdir()):
        outside = elsewhere / path.name
        path.rename(outside)
        os.link(outside, path)
        assert path.stat().st_nlink == 2
    before = snapshot(elsewhere)
    assert brief(corpus_of(tmp_path / "day2", count), out, "--date", "2026-01-02") == 0
    assert snapshot(elsewhere) == before
    assert "2026-01-02" in (out / "daily-brief.md").read_text(encoding="utf-8")
    assert all(p.stat().st_nlink == 1 for p in out.iterdir() if p.is_file())  # each link replaced
    moved = sorted(p.name for p in (out / output.OLD).iterdir()) if count == 2 else []
    assert len(moved) == 3 * (3 - count)  # the brief this day does not hold: moved as the link it was
    assert [n for n in before if os.stat(elsewhere / n).st_nlink == 2] == moved


def test_write_atomic_replaces_a_hard_link_and_leaves_its_other_name_alone(tmp_path):
    # the review app's re-render and the xliff/memory exports write one file this way
    outside, inside = tmp_path / "outside.md", tmp_path / "out" / "x.md"
    outside.write_text("someone else's file", encoding="utf-8")
    inside.parent.mkdir()
    os.link(outside, inside)
    output.write_atomic(inside, "a brief")
    assert outside.read_text(encoding="utf-8") == "someone else's file" and outside.stat().st_nlink == 1
    assert inside.read_text(encoding="utf-8") == "a brief"
