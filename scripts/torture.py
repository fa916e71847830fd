"""Robustness check: bad inputs, kills, interrupts and two runs at once, for real.

    python scripts/torture.py [--keep DIR]

Builds a corpus of every kind of bad input next to the five good sample
articles (re-encoded several ways), builds the tiny test model, and runs the
real command line on it as a user would: once through; killed with SIGKILL
part way and run again; interrupted with SIGINT; twice at once on the same
output folder and cache; on a missing and an empty corpus.  It prints what
happened to each file and checks that no partial or corrupt file is ever left
behind.  It also measures that the text stages take time linear in the input
on pathological text.  Then: corpus entries that are not regular files (FIFO,
socket, folder, link loop, /dev/zero, no read permission) and odd names; files
that change between listing and reading; and check-numbers as a daily QA job
meets it (--problems, --fail, a broken pipe, bad inputs, 100 MB, one huge
line).  Exit status 0 when every expectation held.
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


def hostile_corpus(folder: Path) -> dict[str, str]:
    """Corpus entries that are not regular files, and odd names, beside one good article;
    return {file name: "brief", "refused: MESSAGE PART" or "brief or refused"}."""
    import socket

    folder.mkdir(parents=True)
    good = GOOD[0].read_bytes()
    expected: dict[str, str] = {}

    def article(name: str, outcome: str = "brief") -> Path:
        (folder / name).write_bytes(good)
        expected[name] = outcome
        return folder / name

    article("good.txt")
    os.mkfifo(folder / "fifo.txt")
    expected["fifo.txt"] = "refused: is a named pipe (FIFO), not a regular file"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    sock.close()
    expected["socket.txt"] = "refused: is a socket, not a regular file"
    (folder / "folder.txt").mkdir()
    expected["folder.txt"] = "refused: is a folder, not a regular file"
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    expected["loop-a.txt"] = expected["loop-b.txt"] = "refused: is a symbolic link loop"
    (folder / "zero.txt").symlink_to("/dev/zero")
    expected["zero.txt"] = "refused: is a character device, not a regular file"
    article("locked.txt", "refused: cannot be read (Permission denied)").chmod(0)
    article("with space.txt")
    article("new\nline.txt")
    article("-leading-dash.txt")
    article(os.fsdecode("خبر".encode("cp1256") + b".txt"), "refused: its name is not valid UTF-8")
    return expected


def _without_root_file_access() -> list[str]:
    """A command prefix under which root obeys file modes (so mode 000 means unreadable), if possible."""
    import shutil

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return []
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def hostile_entries(work: Path, env: dict, common: list[str]) -> None:
    prefix = _without_root_file_access()
    corpus = work / "hostile-corpus"
    expected = hostile_corpus(corpus)
    print(f"\n6. Entries that are not regular files, and odd names ({len(expected)} entries"
          f"{', run without root file access' if prefix else ''})")
    _run_and_report(corpus, expected, work / "briefs-hostile", env, common, prefix)
    # alone, so that a failure to write its brief cannot hide the other outcomes
    corpus = work / "long-name-corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD[0].read_bytes())
    long = "x" * 246 + ".txt"  # 250 bytes: the brief's name fits; the writer's temporary name may not
    (corpus / long).write_bytes(GOOD[1].read_bytes())
    print("\n6b. A 250-byte file name beside a good article")
    _run_and_report(corpus, {"good.txt": "brief", long: "brief or refused"}, work / "briefs-long-name", env, common)


def _run_and_report(corpus: Path, expected: dict[str, str], out: Path, env: dict, common: list[str],
                    prefix: list[str] = ()) -> None:
    """Run the command on ``corpus``; check each entry's outcome against ``expected``."""
    from summarize.reader import shown

    started = time.perf_counter()
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "summarize", str(corpus), "--out", str(out), *common],
                              env=env, capture_output=True, text=True, cwd=ROOT, timeout=300)
    except subprocess.TimeoutExpired:
        expect(False, "the run finishes (it hung for 300 s)")
        return
    elapsed = time.perf_counter() - started
    traceback = "Traceback" in done.stderr
    last = done.stderr.strip().splitlines()[-1] if traceback else ""
    expect(done.returncode in (0, 1) and not traceback,
           f"exit 0 or 1, no traceback, in {elapsed:.1f}s (got exit {done.returncode}{', ' + last[:120] if last else ''})")
    for name, outcome in expected.items():
        named = [line for line in done.stderr.splitlines() if line.startswith(f"error: {shown(corpus / name)}:")]
        briefed = (out / f"{Path(name).stem}.json").exists()
        got = named[0].split(": ", 2)[-1] if named else ("brief" if briefed else "no brief, not reported")
        print(f"  {shown(name)[:40]:42s} {'refused: ' + got[:100] if named else got}")
        if outcome == "brief or refused":
            ok = briefed != bool(named)
        elif outcome == "brief":
            ok = briefed and not named
        else:
            ok = bool(named) and outcome.removeprefix("refused: ") in named[0] and not briefed
        expect(ok, f"{shown(name)[:40]}: {outcome}")
    briefs, bad = check_outputs(out) if out.exists() else (0, [])
    expect(not bad, f"no partial or corrupt files ({bad or 'none'})")


def between_listing_and_reading(work: Path) -> None:
    """What happens to a file that changes after the corpus was listed (in-process: timing is exact)."""
    from summarize.reader import ArticleError, discover, read_article

    print("\n7. A file that changes between listing and reading")
    good = GOOD[0].read_bytes()
    cases = {
        "removed": (lambda p: p.unlink(), "removed after the corpus was listed"),
        "replaced by a FIFO": (lambda p: (p.unlink(), os.mkfifo(p)), "is a named pipe (FIFO)"),
        "grown past --max-bytes": (lambda p: p.write_bytes(good * 60), "over the"),
        "rewritten with other text": (lambda p: p.write_bytes(GOOD[1].read_bytes()), "brief"),
    }
    for what, (change, outcome) in cases.items():
        folder = work / "changing" / what.replace(" ", "-")
        folder.mkdir(parents=True)
        (folder / "a.txt").write_bytes(good)
        [path] = discover(folder)
        change(path)
        try:
            got = f"brief ({read_article(path, max_bytes=200_000).encoding})"
        except ArticleError as error:
            got = str(error).split(": ", 1)[1]
        print(f"  {what:28s} {got[:100]}")
        expect(outcome in got, f"{what}: {outcome}")


def _flores_pair(folder: Path, lines: int) -> tuple[Path, Path]:
    flores = ROOT.parent / "shared/data/flores200"
    ar, en = folder / "flores.arb", folder / "flores.eng"
    ar.write_text("".join((flores / "devtest.arb").open(encoding="utf-8").readlines()[:lines]), encoding="utf-8")
    en.write_text("".join((flores / "devtest.eng").open(encoding="utf-8").readlines()[:lines]), encoding="utf-8")
    return ar, en


# Linux counts a child's memory from before its exec too (this process's torch), so the
# command runs under a small go-between that reports its child's own peak.
_PEAK = ("import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL); "
         "_, status, usage = os.wait4(p.pid, 0); print(f'peak {usage.ru_maxrss}', file=sys.stderr); "
         "sys.exit(os.waitstatus_to_exitcode(status))")


def _max_rss_mb(args: list[str], env: dict) -> tuple[int, float, str]:
    """Run ``summarize ARGS``; return its exit code, its peak memory in MB and its stderr's last error line."""
    done = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "summarize", *args], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    lines = done.stderr.strip().splitlines()
    peak = int(lines.pop().split()[1]) / 1024 if lines and lines[-1].startswith("peak ") else float("nan")
    return done.returncode, peak, (lines or [""])[-1]


def check_numbers_cases(work: Path, env: dict) -> None:
    print("\n8. check-numbers for daily QA")
    folder = work / "check-numbers"
    folder.mkdir()
    ar, en = _flores_pair(folder, 200)
    full = run(["check-numbers", str(ar), str(en)], env, timeout=120)
    problems = run(["check-numbers", str(ar), str(en), "--problems", "--fail"], env, timeout=120)
    summary = (problems.stdout.splitlines() or [f"none ({(problems.stderr.strip().splitlines() or [''])[-1]})"])[-1]
    print(f"  200 FLORES lines: {len(full.stdout.splitlines())} lines printed, "
          f"{len(problems.stdout.splitlines())} with --problems; summary: {summary}")
    heads = [line for line in problems.stdout.splitlines() if line.startswith("line ")]
    expect(problems.returncode == 1 and heads and all(line.endswith(": CHECK") for line in heads)
           and summary.endswith(f" {len(heads)} to check"),
           f"--problems prints only the lines to check, --fail exits 1 (exit {problems.returncode})")
    expect(full.returncode == 0, f"without --fail it exits 0 (exit {full.returncode})")
    process = subprocess.Popen([sys.executable, "-m", "summarize", "check-numbers", str(ar), str(en)], env=env,
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    expect("Traceback" not in err and process.returncode == 141,
           f"| head -1: exit {process.returncode}, stderr {err.strip()[:80] or 'empty'}")
    _check_numbers_bad_inputs(folder, ar, en, env)
    _check_numbers_big(folder, ar, en, env)
    _check_numbers_long_line(folder, env)


def _check_numbers_bad_inputs(folder: Path, ar: Path, en: Path, env: dict) -> None:
    def bad(name: str, data: bytes) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    cases = {
        "the files in the wrong order": ([en, ar], "wrong order"),
        "different line counts": ([ar, bad("short.eng", b"one line\n")], "must be line-aligned"),
        "an empty Arabic file": ([bad("empty.arb", b""), en], "is empty"),
        "an empty English file": ([ar, bad("empty.eng", b"")], "is empty"),
        "binary input": ([bad("binary.arb", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), en], "not UTF-8"),
        "NUL bytes in UTF-8": ([bad("nul.arb", "خبر\x00\n".encode() * 200), en], "is binary"),
        "a FIFO": ([ar, folder / "fifo.eng"], "named pipe"),
    }
    os.mkfifo(folder / "fifo.eng")
    for what, (files, message) in cases.items():
        try:
            done = run(["check-numbers", *map(str, files)], env, timeout=60)
        except subprocess.TimeoutExpired:
            expect(False, f"{what}: hung")
            continue
        line = (done.stderr.strip().splitlines() or ["(nothing)"])[-1]
        print(f"  {what:30s} exit {done.returncode}: {line[:110]}")
        expect(done.returncode == 2 and line.startswith("error:") and message in line and not done.stdout,
               f"{what}: exit 2, one error line, no report")


def _check_numbers_big(folder: Path, ar: Path, en: Path, env: dict) -> None:
    """100 MB: FLORES repeated, checked in full; then the English one line longer, refused by the survey."""
    big_ar, big_en = folder / "big.arb", folder / "big.eng"
    flores = ROOT.parent / "shared/data/flores200"
    ar_text, en_text = (flores / "devtest.arb").read_bytes(), (flores / "devtest.eng").read_bytes()
    copies = 100_000_000 // len(ar_text) + 1
    with big_ar.open("wb") as a, big_en.open("wb") as e:
        for _ in range(copies):
            a.write(ar_text)
            e.write(en_text)
    _, small_rss, _ = _max_rss_mb(["check-numbers", str(ar), str(en)], env)
    for what in ("checked in full", "one line more in English"):
        if what != "checked in full":
            with big_en.open("ab") as e:
                e.write(b"one line more\n")
        started = time.perf_counter()
        # --json: the problems on stdout, the summary line on stderr, where it is shown here
        code, rss, line = _max_rss_mb(["check-numbers", str(big_ar), str(big_en), "--problems", "--json"], env)
        elapsed = time.perf_counter() - started
        print(f"  {big_ar.stat().st_size / 1e6:.0f} MB, {what}: exit {code} in {elapsed:.1f}s, peak memory "
              f"{rss:.0f} MB (200 lines: {small_rss:.0f} MB): {line[:90]}")
        expect(code == (0 if what == "checked in full" else 2) and rss < small_rss + 20,
               f"100 MB, {what}: streams, memory does not follow the size")


def _check_numbers_long_line(folder: Path, env: dict) -> None:
    """One enormous line of numbers: 4x the input should cost about 4x."""
    def one_line(n: int) -> tuple[int, float]:
        numbers_ar, numbers_en = folder / f"line{n}.arb", folder / f"line{n}.eng"
        numbers_ar.write_text(" ".join(f"{i} ألف" for i in range(n)) + "\n", encoding="utf-8")
        numbers_en.write_text(" ".join(f"{i},000" for i in range(n)) + "\n", encoding="utf-8")
        start = time.perf_counter()
        run(["check-numbers", str(numbers_ar), str(numbers_en)], env, timeout=300)
        return len(numbers_ar.read_text(encoding="utf-8")), time.perf_counter() - start

    try:
        (small_n, small), (large_n, large) = one_line(2000), one_line(8000)
        print(f"  one line of numbers: {small_n:,} chars {small:.1f}s, {large_n:,} chars {large:.1f}s "
              f"(x{large / small:.1f}; the command's start-up included)")
        expect(large / small < 8, f"check-numbers is linear in a line's length (x{large / small:.1f} for 4x)")
    except subprocess.TimeoutExpired:
        expect(False, "check-numbers is linear in a line's length (one line of 70k characters took over 300 s)")


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

    hostile_entries(work, env, common)
    between_listing_and_reading(work)
    check_numbers_cases(work, env)
    linear_time()
    print(f"\n{len(FAILURES)} expectation(s) failed" if FAILURES else "\nevery expectation held")
    if not args.keep:
        print(f"(work folder {work} left for inspection)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
