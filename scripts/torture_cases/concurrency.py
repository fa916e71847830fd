"""Runs at once: two on different output folders sharing one cache, ten on one output folder (they
queue), one that waits past --lock-wait, ten converting a new model for CTranslate2 at once, and
a conversion stopped or killed part way (section 14)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from torture_cases.common import (
    Setup,
    cache_rows,
    check_outputs,
    clean_exit,
    expect,
    finish,
    last_line,
    run,
    spawn,
    wait_until,
)

HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def concurrency(setup: Setup) -> None:
    print("\n14. Runs at once")
    base = setup.work / "together"
    corpus = setup.corpus("together/corpus", 3)
    _shared_cache(setup, base, corpus)
    _ten_on_one_out(setup, base, corpus)
    _lock_wait(setup, base, corpus)
    _ten_conversions(setup, base, corpus)
    _stopped_conversion(setup, base, corpus)


def _shared_cache(setup: Setup, base: Path, corpus: Path) -> None:
    cache = base / "shared.sqlite3"
    env = {**setup.env, "SUMMARIZE_CACHE": str(cache)}
    runs = [spawn([str(corpus), "--out", str(base / f"shared-{i}"), *setup.common], env) for i in range(2)]
    results = [finish(p) for p in runs]
    same = all((base / "shared-0" / p.name).read_bytes() == p.read_bytes() for p in (base / "shared-1").glob("*.md"))
    with sqlite3.connect(cache) as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
    codes = [p.returncode for p in runs]
    print(f"  two runs, two --out, one cold cache: exit {codes}, briefs identical: {same}, "
          f"{cache_rows(cache)} cache rows, integrity {check}")
    expect(codes == [0, 0] and same and check == "ok" and not any("Traceback" in err for _, err in results),
           "two runs sharing a cache: both complete, the same briefs, the cache sound")


def _ten_on_one_out(setup: Setup, base: Path, corpus: Path) -> None:
    out = base / "ten"
    env = {**setup.env, "SUMMARIZE_CACHE": str(base / "shared.sqlite3")}  # warm from the case before
    started = time.perf_counter()
    runs = [spawn([str(corpus), "--out", str(out), *setup.common], env) for _ in range(10)]
    results = [finish(p) for p in runs]
    elapsed = time.perf_counter() - started
    codes = [p.returncode for p in runs]
    waited = sum("waiting: another summarize run" in err for _, err in results)
    briefs, bad = check_outputs(out)
    print(f"  ten runs on one --out: exit codes {sorted(set(codes))}, {waited} waited their turn, "
          f"{briefs} briefs, in {elapsed:.1f}s")
    expect(codes == [0] * 10 and briefs == 3 and not bad and not any("Traceback" in err for _, err in results),
           "ten runs on one --out queue: all exit 0, one whole set, nothing partial")


def _lock_wait(setup: Setup, base: Path, corpus: Path) -> None:
    out = base / "held"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out), "120"], stdout=subprocess.PIPE, text=True)
    try:
        holder.stdout.readline()
        started = time.perf_counter()
        done = run([str(corpus), "--out", str(out), *setup.common, "--lock-wait", "2"], setup.env)
        elapsed = time.perf_counter() - started
    finally:
        holder.kill()
        holder.wait()
    err = done.stderr
    told_first = "note: another summarize run is writing" in err and err.find("note:") < err.find("error:")
    print(f"  past --lock-wait 2: exit {done.returncode} in {elapsed:.1f}s: {last_line(err)[:120]}")
    expect(clean_exit(done, (2,)) and told_first and err.count("error:") == 1 and not list(out.iterdir()),
           "a run waiting past --lock-wait: told at the start, exit 2 with one error line, nothing written")


def _converting(setup: Setup, models: Path) -> dict:
    return {**setup.env, "SUMMARIZE_MODELS": str(models), "SUMMARIZE_CACHE": str(models.parent / f"{models.name}.sqlite3")}


def _ten_conversions(setup: Setup, base: Path, corpus: Path) -> None:
    models = base / "models-ten"
    runs = [spawn([str(corpus), "--out", str(base / f"convert-{i}"), *setup.common, "--backend", "ctranslate2",
                   "--no-cache"], _converting(setup, models)) for i in range(10)]
    results = [finish(p) for p in runs]
    codes = [p.returncode for p in runs]
    made = sorted(p.name for p in models.iterdir())
    converted = sum("Converting " in err for _, err in results)
    failed = [last_line(err) for (_, err), code in zip(results, codes) if code != 0]
    print(f"  ten runs converting a new model at once: exit codes {sorted(set(codes))}, {converted} converted, "
          f"models folder: {made}{'; ' + failed[0][:100] if failed else ''}")
    expect(codes == [0] * 10 and converted == 1 and made == [f"{setup.model.name}-ct2-int8"],
           "ten conversions at once: one converts, nine wait and use its copy, no temporary folder left")


def _stopped_conversion(setup: Setup, base: Path, corpus: Path) -> None:
    models = base / "models-stopped"
    env = _converting(setup, models)
    args = [str(corpus), "--out", str(base / "convert-stopped"), *setup.common, "--backend", "ctranslate2"]
    process = spawn(args, env)
    temp = f".{setup.model.name}-ct2-int8."
    caught = wait_until(lambda: models.is_dir() and any(p.name.startswith(temp) for p in models.iterdir())
                        or process.poll() is not None, timeout=120, every=0.002)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    _, err = finish(process, 120)
    left = sorted(p.name for p in models.iterdir()) if models.is_dir() else []
    print(f"  SIGTERM while converting: exit {process.returncode} (caught: {caught}), models folder: {left}")
    expect(process.returncode == 143 and "interrupted by SIGTERM" in err and not [n for n in left if n.startswith(".")],
           "SIGTERM while converting: exit 143, the temporary conversion folder removed")
    (models / f"{temp}abcd1234").mkdir(parents=True, exist_ok=True)  # what SIGKILL would have left
    (models / f"{temp}abcd1234" / "model.bin").write_bytes(b"half")
    again = run(args, env)
    left = sorted(p.name for p in models.iterdir())
    print(f"  rerun after a killed conversion's leftovers: exit {again.returncode}, models folder: {left}")
    expect(clean_exit(again, (0,)) and left == [f"{setup.model.name}-ct2-int8"],
           "the next conversion removes a killed one's temporary folder and converts")
