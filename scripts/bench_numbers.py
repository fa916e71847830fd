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

Two more inputs time what comes after the check, story grouping (``build_stories`` on one article of
one sentence: its figures, their claims and counted nouns, issue 25): "scales", ``بلغ العدد ألف ألف …
شخص`` (every ألف a number, every one followed by the others and a noun), and "tens", ``قتل 10 و10 و10 …
أشخاص``.  Both took quadratic time and memory (20,000 ألف: 103 s and 1.7 GB); their grouping time
must grow with an exponent under ``BAR`` (1.3) from the smallest size to the largest, or the script
exits 1.
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
BAR = 1.3  # the largest growth exponent of the grouping inputs' time (1: linear, 2: quadratic)
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


def scales_line(size: int) -> tuple[str, str]:
    """``بلغ العدد ألف ألف … شخص`` against ``The number reached 1,000 1,000 … people``, ``size`` Arabic characters."""
    n = max(1, (size - 14) // 4)
    return "بلغ العدد " + "ألف " * n + "شخص", "The number reached " + "1,000 " * n + "people"


def tens_line(size: int) -> tuple[str, str]:
    """``قتل 10 و10 و10 … أشخاص`` against ``10, 10, 10 … people were killed``."""
    n = max(1, (size - 10) // 4)
    return "قتل 10" + " و10" * (n - 1) + " أشخاص", "10" + ", 10" * (n - 1) + " people were killed"


def grouping_article(ar: str, en: str):
    """One article of one sentence (``ar``, its English ``en``, its numbers checked), as a run has it."""
    from summarize.document import Article, NumberCheck, Section, Sentence, Text

    result = check(ar, en)
    numbers = [NumberCheck(ar=m.source.text if m.source else None, en=m.target.text if m.target else None,
                           value=(m.source or m.target).value, kind=(m.source or m.target).kind, status=m.status)
               for m in result.matches]
    sentence = Sentence(ar=ar, id="s1", translations=[en], numbers=numbers)
    return Article(stem="000_bench", source=Path("000_bench.txt"), title=Text(ar="خبر", translations=["News"]),
                   sections=[Section(None, [sentence])], summary=["s1"])


def time_grouping(ar: str, en: str, runs: int = RUNS) -> dict:
    """Seconds of story grouping (best of ``runs``) on the one-sentence article, and its figures."""
    from summarize.numbers.qualifiers import _tokens
    from summarize.stories import build_stories

    article = grouping_article(ar, en)
    stories: list = []

    def group():
        _tokens.cache_clear()
        return build_stories([article], None)

    row = {"ar_chars": len(ar), "source": len(extract_arabic(ar)), "grouping_s": _best(group, runs, stories)}
    row["figures"] = sum(len(f) for story in stories[0] for f in story.agreements) if stories[0] else 0
    return row


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
    if not first.get(key) or not last.get(key) or first["ar_chars"] == last["ar_chars"]:
        return None
    return math.log(last[key] / first[key]) / math.log(last["ar_chars"] / first["ar_chars"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the number checker on one enormous line.")
    parser.add_argument("--sizes", default="25000,100000,400000", help="Arabic characters per line, comma-separated")
    parser.add_argument("--inputs", default="real,counts,changed,scales,tens",
                        help="which lines: real (FLORES/NTREX), counts (i ألف / i,000), changed (i ألف / i.5 thousand); "
                             "story grouping: scales (ألف ألف … شخص), tens (10 و10 و10 … أشخاص)")
    parser.add_argument("--grouping-sizes", default="10000,20000,40000",
                        help="Arabic characters of the scales and tens lines (40,000: 10,000 numbers)")
    parser.add_argument("--no-cli", action="store_true", help="leave out the check-numbers subprocess")
    parser.add_argument("--timeout", type=float, default=600, help="seconds one check-numbers run may take")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"best of how many in-process runs (default {RUNS})")
    parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    makers = {"real": lambda n, pairs=real_pairs(): real_line(pairs, n), "counts": counts_line,
              "changed": changed_line}
    report = {}
    failed = []
    for name in args.inputs.split(","):
        if name in ("scales", "tens"):
            rows = []
            for size in [int(s) for s in args.grouping_sizes.split(",")]:
                ar, en = (scales_line if name == "scales" else tens_line)(size)
                row = time_grouping(ar, en, args.runs)
                rows.append(row)
                if not args.json:
                    print(f"{name:6s} {row['ar_chars']:>8,} chars  {row['source']:>6,} quantities  "
                          f"story grouping {row['grouping_s']:.3f}s", flush=True)
            growth = exponent(rows, "grouping_s")
            report[name] = {"rows": rows, "exponent": {"grouping_s": growth}, "bar": BAR}
            if growth is not None and growth > BAR:
                failed.append(f"{name}: story grouping grows with exponent {growth:.2f} > {BAR}")
            if not args.json:
                print(f"{name:6s} growth exponent ({rows[0]['ar_chars']:,} -> {rows[-1]['ar_chars']:,} chars): "
                      f"grouping {'-' if growth is None else f'{growth:.2f}'} (bar {BAR})")
            continue
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
    for line in failed:
        print(f"error: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
