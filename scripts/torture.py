"""Robustness check: bad inputs, kills, signals, full disks, broken streams and runs at once, for real.

    python scripts/torture.py [--keep DIR] [--only 1,9,12]

Builds the tiny test model and runs the real command line as an operator's cron job would meet
it, each run under a time limit (a run that hangs is killed and reported).  The cases live in
``scripts/torture_cases/``, one module per kind of trouble:

1-5   inputs.py, runs.py: every kind of bad file beside the good articles (re-encoded several
      ways); SIGKILL part way and a rerun; Ctrl-C; two runs at once; usage errors
6-7   inputs.py: corpus entries that are not regular files, odd names; files that change
      between listing and reading
8     numbers.py: check-numbers as a daily QA job (--problems, --fail, pipes, 100 MB, one line
      of 400,000 characters full of numbers)
9-10  output_cases.py: --out a file, read-only, inside or equal to the corpus, a full disk,
      a killed run's temporary files; stderr full or closed, stdout closed or a broken pipe
11    stops.py: SIGTERM and SIGHUP while the model loads, translating and writing, then a rerun
12    cache_cases.py: the translation cache read-only, a folder, /dev/null, damaged, another
      program's, on a full disk, with a damaged entry; no home folder
13    environment.py: LC_ALL=C, LANG=C, an unusable TMPDIR
14    concurrency.py: a shared cache, ten runs on one --out, --lock-wait, ten conversions at once
and last the cost of the text stages on pathological text (linear in the input).  It prints
what happened in each case and checks that no partial or corrupt file is ever left behind.
Cases that need root (mounting a tmpfs, running without root's file access) say so and are
skipped elsewhere.  Exit status 0 when every expectation held.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from torture_cases import (  # noqa: E402
    cache_cases,
    concurrency,
    environment,
    inputs,
    numbers,
    output_cases,
    runs,
    stops,
)
from torture_cases.common import FAILURES, Setup  # noqa: E402


def _sections(setup: Setup, chosen: set[int]) -> None:
    if chosen & {1, 2, 3, 4, 5}:
        corpus, expected = inputs.one_run(setup)
        if chosen & {2, 3, 4, 5}:
            runs.stopped_and_doubled(setup, corpus, expected)
    steps = {6: inputs.hostile_entries, 7: inputs.between_listing_and_reading, 8: numbers.check_numbers_cases,
             9: output_cases.output_folder, 10: output_cases.streams, 11: stops.signals,
             12: cache_cases.cache_troubles, 13: environment.environment, 14: concurrency.concurrency}
    for number, step in steps.items():
        if number in chosen:
            step(setup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--only", default="", help="comma-separated section numbers (default: all; 15 is the "
                                                   "linear-time table)")
    args = parser.parse_args()
    chosen = {int(n) for n in args.only.split(",") if n.strip()} or set(range(1, 16))
    work = args.keep or Path(tempfile.mkdtemp(prefix="summarize-torture-"))
    work.mkdir(parents=True, exist_ok=True)
    from make_tiny_model import build_tiny_marian

    model = build_tiny_marian(work / "tiny-model", seed=0)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "SUMMARIZE_CACHE": str(work / "cache.sqlite3"),
           "SUMMARIZE_MODELS": str(work / "models"), "PYTHONPATH": str(ROOT)}
    setup = Setup(work, model, env, ["--model", str(model), "--max-bytes", "200000", "--date", "2026-01-01"])
    _sections(setup, chosen)
    if 15 in chosen:
        inputs.linear_time()
    print(f"\n{len(FAILURES)} expectation(s) failed" if FAILURES else "\nevery expectation held")
    if not args.keep:
        print(f"(work folder {work} left for inspection)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
