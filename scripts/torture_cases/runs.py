"""Whole runs stopped and doubled: SIGKILL part way and a rerun, Ctrl-C, two runs at once on one
output folder and cache, usage errors (sections 2 to 5)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from torture_cases.common import (
    ROOT,
    Setup,
    cache_rows,
    check_outputs,
    expect,
    finish,
    run,
    unaccounted,
)


def stopped_and_doubled(setup: Setup, corpus: Path, expected: dict[str, str]) -> None:
    """``corpus`` and its expected outcomes as ``inputs.one_run`` made them."""
    work, env, common = setup.work, setup.env, setup.common
    print("\n2. Killed with SIGKILL part way, then run again")
    cache = work / "kill-cache.sqlite3"
    out2 = work / "briefs-killed"
    kill_env = {**env, "SUMMARIZE_CACHE": str(cache)}
    process = subprocess.Popen([sys.executable, "-m", "summarize", str(corpus), "--out", str(out2), *common,
                                "--batch-size", "2"], env=kill_env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and cache_rows(cache) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    killed_at = cache_rows(cache)
    process.send_signal(signal.SIGKILL)
    process.wait()
    briefs, bad = check_outputs(out2) if out2.exists() else (0, [])
    print(f"  killed with {killed_at} translations in the cache, {briefs} briefs on disk")
    expect(not bad, f"no partial or corrupt files after the kill ({bad or 'none'})")
    again = run([str(corpus), "--out", str(out2), *common, "--batch-size", "2"], kill_env)
    expect(again.returncode == 1, f"the rerun finishes the job (exit {again.returncode})")
    briefs, bad = check_outputs(out2)
    # a copy of another article is briefed once, and listed in that brief (issue 21): each good file is
    # briefed or so listed, and the rerun leaves the set of briefs the uninterrupted run wrote
    missing = unaccounted(out2, [name for name, o in expected.items() if o.startswith("brief")])
    same = sorted(p.name for p in out2.glob("*.json")) == sorted(p.name for p in (work / "briefs").glob("*.json"))
    expect(not missing and same and not bad,
           f"every good article briefed or listed as a copy after the rerun ({briefs} briefs, the uninterrupted "
           f"run's set: {same}; missing: {missing or 'none'}), nothing corrupt")
    expect(cache_rows(cache) >= killed_at, "what the killed run translated was kept")
    with sqlite3.connect(cache) as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
    expect(check == "ok", f"the cache the kill cut short passes PRAGMA integrity_check ({check})")

    print("\n3. Interrupted with SIGINT (Ctrl-C)")
    # the slow backend one sentence at a time, so the run is surely still going
    process = subprocess.Popen([sys.executable, "-m", "summarize", str(corpus), "--out", str(work / "briefs-int"),
                                *common, "--no-cache", "--backend", "transformers", "--batch-size", "1"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    process.send_signal(signal.SIGINT)
    _, err = finish(process, 60)
    print(f"  exit {process.returncode}: {err.strip().splitlines()[-1] if err.strip() else '(nothing)'}")
    expect(process.returncode == 130 and "interrupted" in err, "exit code 130 and a message")
    expect(not (work / "briefs-int").exists(), "nothing half-written")

    print("\n4. Two runs at once on the same output folder and cache")
    both_env = {**env, "SUMMARIZE_CACHE": str(work / "shared-cache.sqlite3")}
    out3 = work / "briefs-both"
    runs = [subprocess.Popen([sys.executable, "-m", "summarize", str(corpus), "--out", str(out3), *common],
                             env=both_env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [finish(p) for p in runs]
    codes = [p.returncode for p in runs]
    waited = any("waiting: another summarize run" in err for _, err in results)
    print(f"  exit codes {codes}; one waited for the other: {waited}")
    briefs, bad = check_outputs(out3)
    expect(codes == [1, 1] and not bad, f"both finish, nothing corrupt ({briefs} briefs)")

    print("\n5. Usage errors")
    missing = run([str(work / "no-such-folder"), *common], env)
    expect(missing.returncode == 2, f"missing corpus: exit {missing.returncode}: {missing.stderr.strip()}")
    (work / "empty-corpus").mkdir(exist_ok=True)
    empty = run([str(work / "empty-corpus"), *common], env)
    expect(empty.returncode == 2, f"empty corpus: exit {empty.returncode}: {empty.stderr.strip()}")
