"""SIGTERM and SIGHUP at every stage of a real run: while the model loads, while translating,
while writing; each then rerun, which must finish from the cache (section 11)."""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

from torture_cases.common import (
    GOOD,
    Setup,
    cache_rows,
    check_outputs,
    clean_exit,
    expect,
    finish,
    last_line,
    run,
    spawn,
    unaccounted,
    wait_until,
)


def _maps(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""


def _has_temp(folder: Path) -> bool:
    try:
        return any(entry.name.endswith(".tmp") for entry in os.scandir(folder))
    except OSError:
        return False


def _stages(cache: Path, out: Path) -> dict:
    """For each stage: how to tell the run has reached it, and any options it needs."""
    return {
        # the cache answers nothing yet, so the model is loaded: CTranslate2's library is mapped
        "model load": (lambda p: "ctranslate2" in _maps(p.pid) or "libtorch" in _maps(p.pid), []),
        # the slow backend one sentence at a time, so that the run is surely still translating
        "translation": (lambda p: cache_rows(cache) > 0, ["--backend", "transformers", "--batch-size", "1"]),
        # many articles (from a warm cache) make a writing phase long enough to land in
        "writing": (lambda p: _has_temp(out), []),
    }


def _big_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        shutil.copy(GOOD[i % len(GOOD)], folder / f"{i:03d}_{GOOD[i % len(GOOD)].name}")
    return folder


def signals(setup: Setup) -> None:
    print("\n11. SIGTERM and SIGHUP at every stage, then a rerun")
    base = setup.work / "signals"
    small = setup.corpus("signals/corpus", 3)
    big = _big_corpus(base / "big-corpus", 60)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        for stage in ("model load", "translation", "writing"):
            name = f"{signal.Signals(signum).name}-{stage.replace(' ', '-')}"
            cache, out = base / f"{name}.sqlite3", base / name
            corpus = big if stage == "writing" else small
            env = {**setup.env, "SUMMARIZE_CACHE": str(cache), "SUMMARIZE_MODELS": str(base / f"{name}-models")}
            if stage == "writing":  # warm the cache, so that the run goes straight to rendering and writing
                run([str(corpus), "--out", str(base / f"{name}-warm"), *setup.common], env)
            reached, options = _stages(cache, out)[stage]
            _stop_at(setup, env, corpus, out, signum, stage, reached, options)


def _stop_at(setup: Setup, env: dict, corpus: Path, out: Path, signum: int, stage: str, reached, options) -> None:
    process = spawn([str(corpus), "--out", str(out), *setup.common, *options], env)
    hit = wait_until(lambda: reached(process) or process.poll() is not None, timeout=120, every=0.001)
    running = process.poll() is None
    if running:
        process.send_signal(signum)
    _, err = finish(process, 120)
    code = 128 + signum
    briefs, bad = check_outputs(out)
    files = [p for p in out.iterdir()] if out.exists() else []
    whole = not files or len(files) == 3 * briefs + 3  # nothing, or the whole set (a stop during the renames)
    label = f"{signal.Signals(signum).name} during {stage}"
    print(f"  {label:30s} exit {process.returncode}: {last_line(err)[:100]}")
    expect(hit and running, f"{label}: the run was caught in that stage")
    expect(process.returncode == code and "interrupted by" in err and "Traceback" not in err,
           f"{label}: exit {code} and a message")
    expect(whole and not bad, f"{label}: nothing partial, no temporary file ({len(files)} files, {bad or 'none'})")
    models = Path(env["SUMMARIZE_MODELS"])
    half_made = [p.name for p in models.iterdir() if p.name.startswith(".")] if models.is_dir() else []
    expect(not half_made, f"{label}: no half-made model conversion left ({half_made or 'none'})")
    again = run([str(corpus), "--out", str(out), *setup.common, *options], env)
    briefs, bad = check_outputs(out)
    cached = re.search(r"translations: (\d+) new, (\d+) from the cache", again.stdout)
    from_cache = f"{cached[2]} from the cache, {cached[1]} new" if cached else "no cache line"
    # the writing stage's corpus holds each article many times: a copy is briefed once (issue 21)
    names = [p.name for p in corpus.glob("*.txt")]
    missing = unaccounted(out, names)
    copies = f" for {len(names)} files (the rest listed as copies)" if briefs < len(names) and not missing else ""
    expect(clean_exit(again, (0,)) and not missing and not bad and "waiting:" not in again.stderr,
           f"{label}: the rerun finishes at once (lock released), {briefs} briefs{copies}"
           f"{f', missing {missing}' if missing else ''}, {from_cache}")
    if stage == "writing":  # stopped after translating: the rerun translates nothing, whatever the count
        redecoded = re.search(r"re-decoding: (\d+) new", again.stdout)
        expect(bool(cached) and int(cached[1]) == 0 and int(cached[2]) > 0 and not (redecoded and int(redecoded[1])),
               f"{label}: the rerun answers everything from the cache ({from_cache}; "
               f"re-decoding: {redecoded[1] + ' new' if redecoded else 'none'})")
    elif stage != "model load":
        expect(bool(cached) and int(cached[2]) > 0, f"{label}: the rerun starts from what was cached ({from_cache})")
