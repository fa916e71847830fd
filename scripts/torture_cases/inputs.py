"""Inputs: a corpus of every kind of bad file beside the good articles, corpus entries that are
not regular files and odd names, files that change between listing and reading, and the cost of
pathological text (sections 1, 6, 7 and the linear-time table)."""

from __future__ import annotations

import gc
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from torture_cases.common import (
    GOOD,
    LIMIT,
    ROOT,
    Setup,
    check_outputs,
    copy_of,
    expect,
    run,
    without_root_file_access,
)


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


def one_run(setup: Setup) -> tuple[Path, dict[str, str]]:
    """Section 1; the corpus and each file's expected outcome, for the sections after it."""
    corpus = setup.work / "corpus"
    expected = build_corpus(corpus)
    env, common = setup.env, setup.common
    print(f"Torture corpus in {corpus}: {len(expected)} files\n\n1. One run over everything")
    out = setup.work / "briefs"
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
            copy = None if data else copy_of(out, name)
            if copy:  # the same text as another file of the corpus, in another encoding: briefed once
                got = f"copy of {copy[0]} (similarity {copy[1]:.3f}: decoded into the same words)"
                ok = not named and copy[1] >= 0.99
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
    return corpus, expected


def linear_time() -> None:
    from pathlib import Path as P

    from summarize.document import Article
    from summarize.ingest.clean import clean
    from summarize.ingest.sections import build_sections
    from summarize.ingest.sentences import split_long
    from summarize.numbers import extract_arabic, extract_english

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
    return {file name: "brief", "brief or copy", "refused: MESSAGE PART" or "brief or refused"}."""
    import socket

    folder.mkdir(parents=True)
    good = GOOD[0].read_bytes()
    expected: dict[str, str] = {}

    def article(name: str, outcome: str = "brief", text: bytes = good) -> Path:
        (folder / name).write_bytes(text)
        expected[name] = outcome
        return folder / name

    article("good.txt", "brief or copy")
    # the same text under an odd name: each is briefed or listed as a copy in the other's brief (issue 21)
    article("copy\nof good.txt", "brief or copy")
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
    # each odd name its own article, so that each is briefed under its name (one text would be briefed once)
    article("with space.txt", text=GOOD[1].read_bytes())
    article("new\nline.txt", text=GOOD[2].read_bytes())
    article("-leading-dash.txt", text=GOOD[3].read_bytes())
    article(os.fsdecode("خبر".encode("cp1256") + b".txt"), "refused: its name is not valid UTF-8")
    return expected


def hostile_entries(setup: Setup) -> None:
    work, env, common = setup.work, setup.env, setup.common
    prefix = without_root_file_access()
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
    from summarize.ingest.reader import shown

    started = time.perf_counter()
    try:
        done = subprocess.run([*prefix, sys.executable, "-m", "summarize", str(corpus), "--out", str(out), *common],
                              env=env, capture_output=True, text=True, cwd=ROOT, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        expect(False, f"the run finishes (it hung for {LIMIT} s)")
        return
    elapsed = time.perf_counter() - started
    traceback = "Traceback" in done.stderr
    last = done.stderr.strip().splitlines()[-1] if traceback else ""
    expect(done.returncode in (0, 1) and not traceback,
           f"exit 0 or 1, no traceback, in {elapsed:.1f}s (got exit {done.returncode}{', ' + last[:120] if last else ''})")
    for name, outcome in expected.items():
        named = [line for line in done.stderr.splitlines() if line.startswith(f"error: {shown(corpus / name)}:")]
        briefed = (out / f"{Path(name).stem}.json").exists()
        copy = copy_of(out, name) if out.exists() else None
        got = named[0].split(": ", 2)[-1] if named else ("brief" if briefed else "no brief, not reported")
        if copy and not named:
            got = f"{'brief, and ' if briefed else ''}copy of {shown(copy[0])} (similarity {copy[1]:.3f})"
        print(f"  {shown(name)[:40]:42s} {'refused: ' + got[:100] if named else got}")
        if outcome == "brief or refused":
            ok = briefed != bool(named)
        elif outcome == "brief or copy":  # briefed, or listed in the brief of the same text (not both)
            ok = not named and briefed != bool(copy and copy[1] >= 0.99)
        elif outcome == "brief":
            ok = briefed and not named
        else:
            ok = bool(named) and outcome.removeprefix("refused: ") in named[0] and not briefed
        expect(ok, f"{shown(name)[:40]}: {outcome}")
    briefs, bad = check_outputs(out) if out.exists() else (0, [])
    expect(not bad, f"no partial or corrupt files ({bad or 'none'})")


def between_listing_and_reading(setup: Setup) -> None:
    work = setup.work
    """What happens to a file that changes after the corpus was listed (in-process: timing is exact)."""
    from summarize.errors import ArticleError
    from summarize.ingest.reader import discover, read_article

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
