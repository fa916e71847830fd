"""Robustness check: bad inputs, kills, interrupts and two runs at once, for real.

    python scripts/torture.py [--keep DIR]

Builds a corpus of every kind of bad input next to the five good sample
articles (re-encoded several ways), builds the tiny test model, and runs the
real command line on it as a user would: once through; killed with SIGKILL
part way and run again; interrupted with SIGINT; twice at once on the same
output folder and cache; on a missing and an empty corpus.  It prints what
happened to each file and checks that no partial or corrupt file is ever left
behind.  It also measures that the text stages take time linear in the input
on pathological text.  Exit status 0 when every expectation held.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

GOOD = sorted((ROOT / "corpus").glob("*.txt"))
FAILURES: list[str] = []


def expect(ok: bool, what: str) -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        FAILURES.append(what)


def build_corpus(folder: Path) -> dict[str, str]:
    """Write the torture corpus; return {file name: expected outcome}."""
    folder.mkdir(parents=True)
    text = {p.name: p.read_text(encoding="utf-8") for p in GOOD}
    names = list(text)
    expected: dict[str, str] = {}

    def add(name: str, data: bytes, outcome: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = outcome

    add(names[0], text[names[0]].encode("utf-8"), "brief (utf-8)")
    add("a1_utf8_bom.txt", text[names[1]].encode("utf-8-sig"), "brief (utf-8-sig)")
    add("a2_utf16.txt", text[names[2]].encode("utf-16"), "brief (utf-16)")
    add("a3_utf16_nobom.txt", text[names[3]].encode("utf-16-le"), "brief (utf-16 (no BOM))")
    add("a4_cp1256_crlf.txt", text[names[4]].replace("\n", "\r\n").encode("cp1256"), "brief (windows-1256)")
    page = ("<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body><nav>القائمة</nav>"
            + "".join(f"<p>{line}</p>" for line in text[names[1]].splitlines() if line.strip())
            + "<footer>حقوق</footer></body></html>")
    add("b_html_page.txt", page.encode("utf-8"), "brief (utf-8, html)")
    add("c_one_long_sentence.txt", ("وقال المتحدث إن " + "التحالف الدولي يواصل عملياته، " * 1500).encode("utf-8"),
        "brief (split for the model, never truncated)")
    add("x_empty.txt", b"", "refused: empty")
    add("x_whitespace.txt", b" \n\t\n  ", "refused: empty")
    add("x_binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "refused: not readable")
    rng = random.Random(7)
    add("x_junk.txt", bytes(rng.randrange(1, 256) for _ in range(5000)), "refused: not readable")
    add("x_bad_utf8.txt", "خبر".encode("utf-8") + b"\xff\xfe\xfa" * 3 + b"\x00\x01", "refused: not readable")
    add("x_english.txt", b"The coalition met in Washington on Wednesday.", "refused: no Arabic")
    add("x_huge.txt", text[names[0]].encode("utf-8") * 60, "refused: over the size limit")
    (folder / "x_broken_link.txt").symlink_to(folder / "does-not-exist.txt")
    expected["x_broken_link.txt"] = "refused: broken link"
    add("daily-brief.txt", text[names[0]].encode("utf-8"), "refused: would overwrite the daily brief")
    # two names that differ only in case: the one that sorts first is briefed, the other refused
    add("z_same_name.txt", text[names[2]].encode("utf-8"), "refused: same name in another case")
    add("Z_SAME_NAME.txt", text[names[3]].encode("cp1256"), "brief (windows-1256)")
    return expected


def run(args: list[str], env: dict, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarize", *args], env=env, capture_output=True,
                          text=True, cwd=ROOT, **kw)


def check_outputs(out: Path) -> tuple[int, list[str]]:
    """Count complete briefs; list partial or corrupt files."""
    bad = [p.name for p in out.glob("*.tmp")] + [p.name for p in out.glob(".*.tmp")]
    briefs = 0
    for path in out.glob("*.json"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
            briefs += path.name != "daily-brief.json"
        except (ValueError, UnicodeDecodeError):
            bad.append(path.name)
    return briefs, bad


def cache_rows(path: Path) -> int:
    try:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
    except sqlite3.Error:
        return 0


def linear_time() -> None:
    from pathlib import Path as P

    from summarize.clean import clean
    from summarize.document import Article
    from summarize.numbers import extract_arabic, extract_english
    from summarize.sections import build_sections
    from summarize.sentences import split_long

    makers = {
        "one enormous word": lambda n: "ب" * n,
        "one sentence of n/5 words": lambda n: "وقال " * (n // 5),
        "an unclosed quote": lambda n: '"' + "كلمة. " * (n // 6),
        "nested parentheses": lambda n: "(" * (n // 2) + "داعش" + ")" * (n // 2),
        "one enormous number": lambda n: "1" * n,
        "commas only": lambda n: "، " * (n // 2),
    }

    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            build_sections(clean(Article(stem="t", source=P("t.txt"), raw=text)))
            extract_arabic(text)
            extract_english(text)
            split_long(text, lambda t: len(t.split()) <= 50 and len(t) <= 400)
            best = min(best, time.perf_counter() - start)
        return best

    # This process holds torch and the tiny model by now: freeze those objects so
    # the garbage collector's full passes measure our allocations, not its heap.
    gc.collect()
    gc.freeze()
    print("\nLinear time on pathological text (best of 3; 10x the input should cost about 10x):")
    for name, make in makers.items():
        small, large = cost(make(20_000)), cost(make(200_000))
        ratio = large / max(small, 1e-6)
        print(f"  {name:28s} 20k chars {small * 1000:7.1f} ms   200k chars {large * 1000:8.1f} ms   x{ratio:5.1f}")
        expect(ratio < 25, f"{name}: cost grows linearly (x{ratio:.1f} for 10x input)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="summarize-torture-"))
    work.mkdir(parents=True, exist_ok=True)
    from make_tiny_model import build_tiny_marian

    model = build_tiny_marian(work / "tiny-model", seed=0)
    corpus = work / "corpus"
    expected = build_corpus(corpus)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "SUMMARIZE_CACHE": str(work / "cache.sqlite3"),
           "PYTHONPATH": str(ROOT)}
    common = ["--model", str(model), "--max-bytes", "200000", "--date", "2026-01-01"]

    print(f"Torture corpus in {corpus}: {len(expected)} files\n\n1. One run over everything")
    out = work / "briefs"
    started = time.perf_counter()
    first = run([str(corpus), "--out", str(out), *common], env)
    elapsed = time.perf_counter() - started
    expect(first.returncode == 1, f"exit code 1 when some articles fail (got {first.returncode}, {elapsed:.1f}s)")
    for name, outcome in expected.items():
        stem = Path(name).stem
        named = [line for line in first.stderr.splitlines() if line.startswith(f"error: {corpus / name}:")]
        if outcome.startswith("brief"):
            data = json.loads((out / f"{stem}.json").read_text(encoding="utf-8")) if (out / f"{stem}.json").exists() else None
            got = f"brief ({data['encoding']})" if data else "no brief"
            ok = data is not None and not named and (outcome.startswith("brief (split") or got == outcome)
            print(f"  {name:36s} {got}")
        else:
            got = named[0].split(": ", 2)[-1] if named else "not reported"
            ok = bool(named) and (name == "daily-brief.txt" or not (out / f"{stem}.md").exists())
            print(f"  {name:36s} refused: {got[:90]}")
        expect(ok, f"{name}: {outcome}")
    long = json.loads((out / "c_one_long_sentence.json").read_text(encoding="utf-8"))
    words = sum(len(s["ar"].split()) for sec in long["sections"] for s in sec["sentences"])
    expect(words == 3 + 4 * 1500, f"the 6,003-word sentence is briefed whole ({words} words kept)")
    briefs, bad = check_outputs(out)
    expect(not bad, f"no partial or corrupt files ({bad or 'none'})")

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
    expect(briefs == sum(o.startswith("brief") for o in expected.values()) and not bad,
           f"every good article briefed after the rerun ({briefs}), nothing corrupt")
    expect(cache_rows(cache) >= killed_at, "what the killed run translated was kept")

    print("\n3. Interrupted with SIGINT (Ctrl-C)")
    # the slow backend one sentence at a time, so the run is surely still going
    process = subprocess.Popen([sys.executable, "-m", "summarize", str(corpus), "--out", str(work / "briefs-int"),
                                *common, "--no-cache", "--backend", "transformers", "--batch-size", "1"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    print(f"  exit {process.returncode}: {err.strip().splitlines()[-1] if err.strip() else '(nothing)'}")
    expect(process.returncode == 130 and "interrupted" in err, "exit code 130 and a message")
    expect(not (work / "briefs-int").exists(), "nothing half-written")

    print("\n4. Two runs at once on the same output folder and cache")
    both_env = {**env, "SUMMARIZE_CACHE": str(work / "shared-cache.sqlite3")}
    out3 = work / "briefs-both"
    runs = [subprocess.Popen([sys.executable, "-m", "summarize", str(corpus), "--out", str(out3), *common],
                             env=both_env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [p.communicate(timeout=600) for p in runs]
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

    linear_time()
    print(f"\n{len(FAILURES)} expectation(s) failed" if FAILURES else "\nevery expectation held")
    if not args.keep:
        print(f"(work folder {work} left for inspection)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
