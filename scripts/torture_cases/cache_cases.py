"""The translation cache in every bad state a machine can leave it: read-only (by mode and on a
read-only mount), a folder, /dev/null, truncated, garbage, another program's SQLite file, a
missing or impossible parent folder, a full disk, a damaged n-best entry, no home folder or an
unwritable one (section 12).  Each run must brief its article, warn once with what to do, and
never trace back."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from torture_cases.common import (
    Setup,
    cache_rows,
    check_outputs,
    clean_exit,
    expect,
    mount_tmpfs,
    obeys_modes,
    run,
    unmount,
    without_root_file_access,
)


def _warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("warning:")]


def _try(setup: Setup, what: str, cache: Path | str, says: str | None, corpus: Path, *, env: dict | None = None,
         prefix: list[str] = (), hits: bool = False, out: Path | None = None) -> None:
    """One run with ``--cache cache`` (or ``env``'s default when cache is ''); ``says``: the warning's
    telling part (None: no warning); ``hits``: translations must come from the cache."""
    out = out or setup.work / "cache-cases" / f"out-{what.replace(' ', '-').replace('/', '_')}"
    args = [str(corpus), "--out", str(out), *setup.common] + (["--cache", str(cache)] if cache != "" else [])
    done = run(args, env or setup.env, prefix=prefix)
    briefs, bad = check_outputs(out)
    warned = sorted(_warnings(done.stderr), key=lambda line: line.startswith("warning: story history "))
    shown = warned[0].removeprefix("warning: ").removeprefix(f"translation cache {cache} ") if warned else "no warning"
    print(f"  {what:30s} exit {done.returncode}, {briefs} brief(s): {shown[:150]}")
    for line in warned[1:]:
        print(f"  {'':30s} and: {line.removeprefix('warning: ')[:150]}")
    # the cache's trouble told once; the story history kept beside it (stories.sqlite3 in the same
    # folder) may share it and is told once too, on its own line
    about_cache = [line for line in warned if not line.startswith("warning: story history ")]
    history = [line for line in warned if line not in about_cache]
    beside = cache == "" or all(line.startswith(f"warning: story history {Path(cache).parent / 'stories.sqlite3'}:")
                                for line in history)
    told = (not warned) if says is None else (len(about_cache) == 1 and says in about_cache[0]
                                              and len(history) <= 1 and beside)
    cached = ", 0 new," in done.stdout or "translations: 0 new" in done.stdout
    expect(clean_exit(done, (0,)) and briefs == len(list(corpus.glob("*.txt"))) and not bad and told
           and (cached or not hits),
           f"cache {what}: briefed, {'no warning' if says is None else repr(says)}{', answered from it' if hits else ''}")


def cache_troubles(setup: Setup) -> None:
    print("\n12. The translation cache in bad states")
    base = setup.work / "cache-cases"
    base.mkdir()
    corpus = setup.corpus("cache-cases/corpus", 1)
    good = base / "good.sqlite3"
    _try(setup, "new (fills it)", good, None, corpus)
    _read_only(setup, base, corpus, good)
    (base / "a-folder").mkdir()
    _try(setup, "a folder", base / "a-folder", "is a folder; give --cache a file in it", corpus)
    _try(setup, "/dev/null", os.devnull, "is not a regular file", corpus)
    expect(not Path(f"{os.devnull}-journal").exists() and not Path(f"{os.devnull}-wal").exists(),
           "--cache /dev/null: no /dev/null-journal or -wal made")
    truncated = base / "truncated.sqlite3"
    shutil.copy(good, truncated)
    with open(truncated, "r+b") as handle:
        handle.truncate(truncated.stat().st_size // 3)
    _try(setup, "truncated", truncated, "is damaged or not a cache", corpus)
    (base / "garbage.sqlite3").write_bytes(os.urandom(20_000))
    _try(setup, "garbage", base / "garbage.sqlite3", "is damaged or not a cache", corpus)
    other = base / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = other.read_bytes()
    _try(setup, "another program's SQLite", other, "is an SQLite database of something else", corpus)
    expect(other.read_bytes() == before, "another program's SQLite file is left byte for byte as it was")
    _try(setup, "parent folder missing", base / "new" / "folders" / "c.sqlite3", None, corpus)
    (base / "blocker").write_text("a file where a folder should be")
    _try(setup, "parent cannot be made", base / "blocker" / "c.sqlite3", "cannot be made", corpus)
    _full_disk(setup, base, corpus)
    _damaged_entry(setup, base, corpus, good)
    _no_home(setup, base, corpus)


def _read_only(setup: Setup, base: Path, corpus: Path, good: Path) -> None:
    prefix = without_root_file_access()
    if obeys_modes():
        folder = base / "read-only"
        folder.mkdir()
        shutil.copy(good, folder / "c.sqlite3")
        (folder / "c.sqlite3").chmod(0o444)
        folder.chmod(0o555)
        out = base / "out-read-only-mode"
        out.mkdir(mode=0o777)
        _try(setup, "read-only (mode 444 in 555)", folder / "c.sqlite3", "is read-only", corpus, prefix=prefix,
             hits=True, out=out)
        folder.chmod(0o755)
    mounted = base / "ro-mount"
    why = mount_tmpfs(mounted, 4 << 20)
    if why is not None:
        print(f"  (read-only mount skipped: {why})")
        return
    try:
        shutil.copy(good, mounted / "c.sqlite3")
        os.system(f"mount -o remount,ro '{mounted}'")
        _try(setup, "on a read-only mount", mounted / "c.sqlite3", "is read-only", corpus, hits=True)
    finally:
        unmount(mounted)


def _full_disk(setup: Setup, base: Path, corpus: Path) -> None:
    mounted = base / "full"
    why = mount_tmpfs(mounted, 64 * 1024)
    if why is not None:
        print(f"  (full disk skipped: {why})")
        return
    try:
        try:
            with open(mounted / "filler", "wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
        except OSError:
            pass
        (mounted / "filler").unlink()
        with open(mounted / "filler", "wb") as handle:  # leave about 12 KB: room to start, none to grow
            handle.write(b"\0" * (64 * 1024 - 12 * 1024))
        _try(setup, "on a full disk", mounted / "c.sqlite3", "full", corpus)
    finally:
        unmount(mounted)


def _damaged_entry(setup: Setup, base: Path, corpus: Path, good: Path) -> None:
    damaged = base / "damaged-entry.sqlite3"
    shutil.copy(good, damaged)
    with sqlite3.connect(damaged) as db:
        changed = db.execute("UPDATE translations SET target = '[[\"half an n-best' WHERE kind LIKE 'nbest%'").rowcount
    _try(setup, f"{changed} n-best rows not JSON", damaged, "unreadable entries", corpus)
    _try(setup, "... and the next run", damaged, None, corpus, hits=True)
    with sqlite3.connect(damaged) as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
    expect(check == "ok" and cache_rows(damaged) > 0, f"the mended cache passes integrity_check ({check})")


def _no_home(setup: Setup, base: Path, corpus: Path) -> None:
    env = {k: v for k, v in setup.env.items() if k not in ("SUMMARIZE_CACHE", "XDG_CACHE_HOME", "HOME")}
    (base / "home-file").write_text("HOME is a file")
    tmp = base / "tmp"
    tmp.mkdir(mode=0o777)
    tmp.chmod(0o1777)
    _try(setup, "HOME a file", "", "translations are cached in", corpus,
         env={**env, "HOME": str(base / "home-file"), "TMPDIR": str(tmp)})
    # a user the password database does not know, with no HOME: no home folder at all (it keeps
    # root's file access, to reach the interpreter under /root)
    if os.geteuid() == 0 and shutil.which("setpriv"):
        caps = "+dac_read_search,+dac_override"
        prefix = ["setpriv", "--reuid=54321", "--regid=54321", "--clear-groups", f"--inh-caps={caps}",
                  f"--ambient-caps={caps}", "--"]
        # Its --out and TMPDIR where that user reaches them by itself: os.access, which the checks of
        # --out and of the cache folder use, ignores the borrowed capabilities, and the work folder
        # (mkdtemp: mode 700) would make both look unwritable (passed only with a --keep DIR of 755).
        own = Path(tempfile.mkdtemp(prefix="summarize-no-home-"))
        own.chmod(0o755)
        out, own_tmp = own / "out", own / "tmp"
        for folder in (out, own_tmp):
            folder.mkdir()
            folder.chmod(0o1777)
        try:
            _try(setup, "no HOME, unknown user", "", "HOME is not set", corpus, prefix=prefix, out=out,
                 env={**env, "TMPDIR": str(own_tmp)})
        finally:
            shutil.rmtree(own, ignore_errors=True)
    else:
        print("  (no-HOME case skipped: needs root and setpriv to run as an unknown user)")
