"""How the number checker grows with one enormous line: ``summarize.numbers.check`` and ``check-numbers``.

    python scripts/bench_numbers.py [--sizes 25000,100000,400000] [--json] [--no-cli] [--timeout S]

One Arabic line and its English are built from real sentences repeated: the FLORES-200 devtest and
NTREX-128 pairs whose Arabic holds a number, joined with spaces, in order, until the Arabic reaches
each size (the English is the same sentences, so the two sides stay aligned and nearly every number
pairs).  A second input, "counts", is the torture script's kind: ``i ألف`` against ``i,000`` for
i = 0, 1, 2, ... (every value different).  For each size it times, in this process (best of 3, cold:
the source cache cleared): the Arabic extraction, the English extraction and the matching, and the whole
``check``; then the command ``summarize check-numbers AR EN`` in a subprocess (wall time, start-up
included).  The growth exponent between two sizes is log(t2 / t1) / log(n2 / n1): 1 is linear,
2 quadratic.  Nothing here runs inside the unit tests.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.numbers import (  # noqa: E402
    check,  # noqa: E402
    extract_arabic,
    extract_english,
    match,
)
from summarize.numbers.arabic_words import implied_values as arabic_implied  # noqa: E402
from summarize.numbers.english_words import implied_values as english_implied  # noqa: E402
from summarize.numbers.match import clear_cache  # noqa: E402

RUNS = 3  # best of this many (--runs)
SHARED = ROOT.parent / "shared" / "data"


def real_pairs(shared: Path = SHARED) -> list[tuple[str, str]]:
    """The FLORES devtest and NTREX sentence pairs whose Arabic holds at least one quantity."""
    pairs = list(zip((shared / "flores200/devtest.arb").read_text("utf-8").splitlines(),
                     (shared / "flores200/devtest.eng").read_text("utf-8").splitlines()))
    for ar in sorted((shared / "ntrex/docs").glob("*.arb.txt")):
        en = ar.with_name(ar.name.replace(".arb.", ".eng."))
        pairs += zip(ar.read_text("utf-8").splitlines(), en.read_text("utf-8").splitlines())
    return [(a, e) for a, e in pairs if extract_arabic(a)]


def real_line(pairs: list[tuple[str, str]], size: int) -> tuple[str, str]:
    """Real sentences, repeated in order, joined into one line of at least ``size`` Arabic characters."""
    ar, en, length, i = [], [], 0, 0
    while length < size:
        a, e = pairs[i % len(pairs)]
        ar.append(a)
        en.append(e)
        length += len(a) + 1
        i += 1
    return " ".join(ar), " ".join(en)


def counts_line(size: int, english: str = "{i},000") -> tuple[str, str]:
    """``0 ألف 1 ألف 2 ألف ...`` against ``0,000 1,000 2,000 ...`` (``english``) up to ``size`` Arabic characters."""
    ar, en, length, i = [], [], 0, 0
    while length < size:
        ar.append(f"{i} ألف")
        en.append(english.format(i=i))
        length += len(ar[-1]) + 1
        i += 1
    return " ".join(ar), " ".join(en)


def changed_line(size: int) -> tuple[str, str]:
    """``i ألف`` against ``i.5 thousand``: no value agrees, so every number goes to the "changed" rule."""
    return counts_line(size, "{i}.5 thousand")


def _best(fn, runs: int, answers: list | None = None) -> float:
    """The fastest of ``runs`` cold calls of ``fn`` (its last answer appended to ``answers``)."""
    best, answer = math.inf, None
    for _ in range(runs):
        clear_cache()
        start = time.perf_counter()
        answer = fn()
        best = min(best, time.perf_counter() - start)
    if answers is not None:
        answers.append(answer)
    return best


def time_in_process(ar: str, en: str, runs: int = RUNS) -> dict:
    """Seconds for each stage of ``check`` (best of 3) and how many quantities each side has."""
    source, target = extract_arabic(ar), extract_english(en)
    implied_s, implied_t = arabic_implied(ar), english_implied(en)
    results: list = []
    row = {
        "ar_chars": len(ar), "en_chars": len(en), "source": len(source), "target": len(target),
        "extract_ar_s": _best(lambda: extract_arabic(ar), runs),
        "extract_en_s": _best(lambda: extract_english(en), runs),
        "match_s": _best(lambda: match(list(source), list(target), implied_s, implied_t), runs),
        "check_s": _best(lambda: check(ar, en), runs, results),
    }
    row["verified"] = len(results[0].verified)
    row["flagged"] = len(results[0].matches) - row["verified"]
    return row


def time_cli(ar: str, en: str, timeout: float) -> float | None:
    """Wall seconds of ``summarize check-numbers`` on the one-line files; None past ``timeout``."""
    with tempfile.TemporaryDirectory(prefix="bench-numbers-") as folder:
        ar_file, en_file = Path(folder, "line.arb"), Path(folder, "line.eng")
        ar_file.write_text(ar + "\n", encoding="utf-8")
        en_file.write_text(en + "\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "summarize", "check-numbers", str(ar_file), str(en_file)],
                                  env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"error: check-numbers exited {done.returncode}: {done.stderr.strip()[-300:]}")
        return elapsed


def exponent(rows: list[dict], key: str) -> float | None:
    """Growth exponent from the smallest to the largest size (None when a timing is missing or zero)."""
    first, last = rows[0], rows[-1]
    if not first.get(key) or not last.get(key):
        return None
    return math.log(last[key] / first[key]) / math.log(last["ar_chars"] / first["ar_chars"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the number checker on one enormous line.")
    parser.add_argument("--sizes", default="25000,100000,400000", help="Arabic characters per line, comma-separated")
    parser.add_argument("--inputs", default="real,counts,changed",
                        help="which lines: real (FLORES/NTREX), counts (i ألف / i,000), changed (i ألف / i.5 thousand)")
    parser.add_argument("--no-cli", action="store_true", help="leave out the check-numbers subprocess")
    parser.add_argument("--timeout", type=float, default=600, help="seconds one check-numbers run may take")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"best of how many in-process runs (default {RUNS})")
    parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    makers = {"real": lambda n, pairs=real_pairs(): real_line(pairs, n), "counts": counts_line,
              "changed": changed_line}
    report = {}
    for name in args.inputs.split(","):
        rows = []
        for size in sizes:
            ar, en = makers[name](size)
            row = time_in_process(ar, en, args.runs)
            row["cli_s"] = None if args.no_cli else time_cli(ar, en, args.timeout)
            rows.append(row)
            if not args.json:
                cli = "-" if row["cli_s"] is None else f"{row['cli_s']:.2f}"
                print(f"{name:6s} {row['ar_chars']:>8,} chars  {row['source']:>6,}/{row['target']:>6,} quantities  "
                      f"extract ar {row['extract_ar_s']:.3f}s en {row['extract_en_s']:.3f}s  "
                      f"match {row['match_s']:.3f}s  check {row['check_s']:.3f}s  check-numbers {cli}s", flush=True)
        growth = {key: exponent(rows, key) for key in ("extract_ar_s", "extract_en_s", "match_s", "check_s", "cli_s")}
        report[name] = {"rows": rows, "exponent": growth}
        if not args.json:
            print(f"{name:6s} growth exponent ({rows[0]['ar_chars']:,} -> {rows[-1]['ar_chars']:,} chars): "
                  + "  ".join(f"{k.removesuffix('_s')} {'-' if v is None else f'{v:.2f}'}" for k, v in growth.items()))
    if args.json:
        print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
