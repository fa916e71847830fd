"""The output folder and the standard streams: --out a file, read-only, on a read-only mount,
under a read-only parent, inside and equal to the corpus; a full disk (a small tmpfs); what a
killed run left; stderr full or closed, stdout closed or a broken pipe (sections 9 and 10)."""

from __future__ import annotations

import time
from pathlib import Path

from torture_cases.common import (
    Setup,
    check_outputs,
    clean_exit,
    command,
    expect,
    last_line,
    mount_tmpfs,
    obeys_modes,
    run,
    shell,
    snapshot,
    unmount,
    without_root_file_access,
)


def _refused_early(setup: Setup, what: str, corpus: Path, out: Path, says: str, prefix: list[str] = ()) -> None:
    before = snapshot(corpus)
    started = time.perf_counter()
    done = run([str(corpus), "--out", str(out), *setup.common], setup.env, prefix=prefix)
    elapsed = time.perf_counter() - started
    print(f"  {what:34s} exit {done.returncode} in {elapsed:.1f}s: {last_line(done.stderr)[:110]}")
    expect(clean_exit(done, (2,)) and done.stderr.count("error:") == 1 and says in done.stderr
           and snapshot(corpus) == before, f"--out {what}: exit 2, one error line ({says!r}), corpus untouched")


def output_folder(setup: Setup) -> None:
    print("\n9. The output folder")
    work, prefix = setup.work / "out-cases", without_root_file_access()
    work.mkdir()
    corpus = setup.corpus("out-cases/corpus", 2)
    (work / "a-file").write_text("not a folder")
    _refused_early(setup, "a file", corpus, work / "a-file", "is a file")
    _refused_early(setup, "equal to the corpus", corpus, corpus, "is the corpus folder itself")
    if obeys_modes():
        (work / "mode-555").mkdir(mode=0o555)
        _refused_early(setup, "mode 555", corpus, work / "mode-555", "not writable", prefix)
        (work / "parent-555").mkdir(mode=0o555)
        _refused_early(setup, "under a mode-555 parent", corpus, work / "parent-555" / "out", "not writable", prefix)
    else:
        print("  (mode 555 cases skipped: root without setpriv ignores modes)")
    mounted = work / "ro-mount"
    why = mount_tmpfs(mounted, 1 << 20, read_only=True)
    if why is None:
        try:
            _refused_early(setup, "on a read-only mount", corpus, mounted, "not writable")
        finally:
            unmount(mounted)
    else:
        print(f"  (read-only mount skipped: {why})")
    inside = corpus / "briefs"
    first = run([str(corpus), "--out", str(inside), *setup.common], setup.env)
    again = run([str(corpus), "--out", str(inside), *setup.common], setup.env)
    briefs, bad = check_outputs(inside)
    print(f"  {'inside the corpus':34s} exit {first.returncode}, then {again.returncode}: {briefs} briefs")
    expect(clean_exit(first, (0,)) and clean_exit(again, (0,)) and briefs == 2 and not bad,
           "--out inside the corpus: briefed, and the briefs are never read back as articles")
    full_disk(setup, work)
    leftovers(setup, work)


def _pages(folder: Path) -> int:
    return sum(-(-p.stat().st_size // 4096) * 4096 for p in folder.iterdir())


def full_disk(setup: Setup, work: Path) -> None:
    """Day 1's set fits the tmpfs; day 2's does not (it is written beside day 1's before replacing it)."""
    day1, day2 = setup.corpus("out-cases/day1", 1), setup.corpus("out-cases/day2", 3)
    for day, name in ((day1, "size1"), (day2, "size2")):
        run([str(day), "--out", str(work / name), *setup.common], setup.env)
    size = _pages(work / "size1") + _pages(work / "size2") // 2
    out = work / "full-disk"
    why = mount_tmpfs(out, size)
    if why is not None:
        print(f"  (full disk skipped: cannot mount a tmpfs: {why})")
        return
    try:
        first = run([str(day1), "--out", str(out), *setup.common], setup.env)
        before = snapshot(out)
        second = run([str(day2), "--out", str(out), *setup.common], setup.env)
        briefs, bad = check_outputs(out)
        print(f"  {f'full disk (tmpfs of {size // 1024} KB)':34s} day 1 exit {first.returncode}, day 2 exit "
              f"{second.returncode}: {last_line(second.stderr)[:160]}")
        expect(clean_exit(first, (0,)) and clean_exit(second, (2,)) and second.stderr.count("error:") == 1
               and "nothing was changed" in second.stderr and "No space left" in second.stderr,
               "full disk: exit 2, one error line naming the folder, 'nothing was changed'")
        expect(snapshot(out) == before and not bad, "full disk: day 1's set exactly as it was, no temporary file")
        shell(f"mount -o remount,size={size * 4} {out}", setup.env, timeout=30)
        third = run([str(day2), "--out", str(out), *setup.common], setup.env)
        briefs, bad = check_outputs(out)
        expect(clean_exit(third, (0,)) and briefs == 3 and not bad,
               f"space freed: the rerun writes day 2's whole set (exit {third.returncode}, {briefs} briefs)")
    finally:
        unmount(out)


def leftovers(setup: Setup, work: Path) -> None:
    out = work / "leftovers"
    out.mkdir()
    ours = [".000_x.md.abcd1234.tmp", ".daily-brief.html.zz_9y8x7.tmp"]
    theirs = [".notes.tmp", "draft.md.abcd1234.tmp", ".x.txt.abcd1234.tmp"]
    for name in ours + theirs:
        (out / name).write_text("left behind")
    done = run([str(setup.corpus("out-cases/leftover-corpus", 1)), "--out", str(out), *setup.common], setup.env)
    left = {p.name for p in out.iterdir()}
    print(f"  {'a killed run’s temporary files':34s} exit {done.returncode}; removed "
          f"{sorted(set(ours) - left)}, kept {sorted(set(theirs) & left)}")
    expect(clean_exit(done, (0,)) and not set(ours) & left and set(theirs) <= left,
           "the next run removes its own kind of temporary file (.NAME.XXXXXXXX.tmp), nothing else")


def streams(setup: Setup) -> None:
    print("\n10. stderr full or closed, stdout closed or a broken pipe (one refused article each)")
    corpus = setup.corpus("streams/corpus", 2)
    (corpus / "empty.txt").write_bytes(b"")
    cases = {"2>/dev/full": "2>/dev/full", "2>&- (closed)": "2>&-", "| true (broken pipe)": "| true",
             ">&- (stdout closed)": ">&-", ">/dev/full": ">/dev/full"}
    for what, redirect in cases.items():
        out = setup.work / "streams" / what.split()[0].replace("/", "_").replace(">", "o").replace("&", "c")
        status = out.parent / f"{out.name}.status"
        line = " ".join(f"'{part}'" for part in command([str(corpus), "--out", str(out), *setup.common]))
        done = shell(f"{line} {redirect}; echo ${{PIPESTATUS[0]}} > '{status}'", setup.env)
        code = status.read_text().strip() if status.exists() else "none"
        briefs, bad = check_outputs(out)
        seen = (done.stdout + done.stderr).strip()
        print(f"  {what:24s} exit {code}, {briefs} briefs; shown: {last_line(seen)[:80] if seen else '(nothing)'}")
        expect(code == "1" and briefs == 2 and not bad and "Traceback" not in seen and "Exception ignored" not in seen,
               f"{what}: exit 1 (one article refused), every other brief written, no traceback")
