"""How summarize reads real feeds (issue 21): one day of the ANT corpus from its raw files, and
hard-wrapped text.

    .venv/bin/python scripts/eval_ingest.py                      # 2018-04-10, internationalNews + middleEast
    .venv/bin/python scripts/eval_ingest.py --day 2018-02-26 --sections all
    .venv/bin/python scripts/eval_ingest.py --wrap 80            # hard-wrapped text: EASC and the ANT day

The day (raw `<DOC>` files as the corpus ships them) is read the way `summarize` reads a corpus
(discover, the format registry, cleaning, sections, copies merged) and reported: files, articles
read, copies merged, headlines and sentences holding markup (must be 0), sources named by outlet
(must be all), sentences per article next to the same articles read from their extracted text
(TITLE, a blank line, TEXT, as a plain .txt), and the same files read as plain text, the way the
tool read them before (the markup and the abstract in the text).

--wrap N: each article's paragraphs hard-wrapped at N characters (Python's textwrap), then read;
reports the share of sentences that do not end in sentence punctuation, without the paragraph rule
(lines read as they stand) and with it, next to the unwrapped text.  EASC's newspaper articles are
not in ../shared/data (only its Wikipedia part is), so the EASC Wikipedia articles and the ANT
day's articles stand in for them.

Data: ANT v2.1 (Chouigui, Ben Khiroun and Elayeb, AJSE 2021), EASC (El-Haj, Kruschwitz and Fox,
2010; CC-BY-SA 3.0): cite them with any figure from here.  Nothing is translated: no model needed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.document import Article  # noqa: E402
from summarize.errors import ArticleError  # noqa: E402
from summarize.ingest import paragraphs  # noqa: E402
from summarize.ingest.copies import merge_copies  # noqa: E402
from summarize.ingest.reader import read_text  # noqa: E402
from summarize.pipeline import prepare, prepare_article, prepare_articles  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*[\s>/]|&(?:[a-z]+|#\d+);")
ENDS = (".", "!", "?", "؟", "…", ":")


def _ends(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’»)]").endswith(ENDS)


def _stats(counts: list[int]) -> str:
    if not counts:
        return "-"
    return f"mean {statistics.mean(counts):.2f}, median {statistics.median(counts):g}, total {sum(counts)}"


def day_files(ant: Path, day: str, sections: str) -> list[Path]:
    stamp = day.replace("-", "")
    files = sorted(ant.glob(f"*/*/*-{stamp}.txt"))
    if sections != "all":
        wanted = set(sections.split(","))
        files = [f for f in files if f.parent.name in wanted]
    return files


def _field(text: str, tag: str) -> str:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", text, re.S)
    return found.group(1).strip() if found else ""


def eval_day(ant: Path, day: str, sections: str) -> dict:
    files = day_files(ant, day, sections)
    if not files:
        raise SystemExit(f"no ANT files for {day} in {ant}")
    started = time.perf_counter()
    articles, failures = [], []
    for path in files:
        for item in prepare_articles(path):
            (failures if isinstance(item, ArticleError) else articles).append(item)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    kept, merged = merge_copies(list(articles))
    merge_s = time.perf_counter() - started
    marked_titles = sum(1 for a in kept if MARKUP.search(a.title.ar))
    marked_units = sum(1 for a in kept for u in a.units if MARKUP.search(u.ar))
    by_outlet = sum(1 for a in kept if a.outlet)
    timed = sum(1 for a in kept if a.published)
    linked = sum(1 for a in kept if a.url)
    abstract_in_text = sum(1 for a in kept if a.abstract and a.sentences and a.sentences[0].ar == a.abstract)
    outlets: dict[str, int] = {}
    for a in kept:
        outlets[a.outlet or "(none)"] = outlets.get(a.outlet or "(none)", 0) + 1

    # the same articles from their extracted text, and the raw files read as plain text (before)
    extracted, before, before_marked = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for a in articles:
            raw = a.source.read_text(encoding="utf-8")
            plain = Path(tmp) / f"{a.stem}.txt"
            plain.write_text(f"{_field(raw, 'TITLE')}\n\n{_field(raw, 'TEXT')}\n", encoding="utf-8")
            extracted.append(len(prepare_article(plain).sentences))
            text, encoding = read_text(a.source)
            try:
                old = prepare(Article(stem=a.stem, source=a.source, raw=text, encoding=encoding))
                before.append(len(old.sentences))
                before_marked += bool(MARKUP.search(old.title.ar))
            except ArticleError:
                before.append(0)
    return {
        "day": day, "sections": sections, "files": len(files), "articles_read": len(articles),
        "failed": [str(f) for f in failures], "copies_merged": merged, "briefed": len(kept),
        "headlines_with_markup": marked_titles, "units_with_markup": marked_units,
        "named_by_outlet": f"{by_outlet}/{len(kept)}", "with_time": f"{timed}/{len(kept)}",
        "with_url": f"{linked}/{len(kept)}", "abstract_is_first_sentence": abstract_in_text,  # the outlets whose abstract is the text's opening
        "outlets": outlets,
        "sentences_per_article": _stats([len(a.sentences) for a in articles]),
        "sentences_from_extracted_text": _stats(extracted),
        "same_count_as_extracted": f"{sum(len(a.sentences) == n for a, n in zip(articles, extracted))}/{len(articles)}",
        "before_read_as_plain_text": {"sentences_per_article": _stats(before),
                                      "headlines_with_markup": before_marked},
        "seconds": {"read": round(read_s, 2), "copies": round(merge_s, 3)},
    }


def _wrapped(title: str, body: str, width: int) -> str:
    lines = [title, ""] if title else []
    for paragraph in body.split("\n"):
        if paragraph.strip():
            lines += textwrap.wrap(paragraph.strip(), width) + [""]
    return "\n".join(lines)


def _sentences(text: str, join: bool) -> list[str]:
    saved = paragraphs.wrap_width
    if not join:
        paragraphs.wrap_width = lambda lines: None
    try:
        return [s.ar for s in prepare(Article(stem="x", source=Path("x.txt"), raw=text)).sentences]
    finally:
        paragraphs.wrap_width = saved


def eval_wrap(docs: list[tuple[str, str]], width: int) -> dict:
    """docs: (title, body with one paragraph a line)."""
    rows = {"unwrapped": [], "wrapped, lines as they stand": [], "wrapped, paragraph rule": []}
    same = 0
    for title, body in docs:
        plain = f"{title}\n\n{body}" if title else body
        wrapped = _wrapped(title, body, width)
        base = _sentences(plain, True)
        joined = _sentences(wrapped, True)
        rows["unwrapped"].append(base)
        rows["wrapped, lines as they stand"].append(_sentences(wrapped, False))
        rows["wrapped, paragraph rule"].append(joined)
        same += base == joined
    out = {}
    for name, per_doc in rows.items():
        sentences = [s for doc in per_doc for s in doc]
        open_ = sum(1 for s in sentences if not _ends(s))
        out[name] = {"sentences": len(sentences), "without_end_punctuation": open_,
                     "share": f"{100 * open_ / max(1, len(sentences)):.1f}%"}
    out["articles"] = len(docs)
    out["same_sentences_as_unwrapped"] = f"{same}/{len(docs)}"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ant", type=Path, default=DATA / "ant" / "docs")
    parser.add_argument("--day", default="2018-04-10")
    parser.add_argument("--sections", default="internationalNews,middleEast", help="comma-separated, or all")
    parser.add_argument("--wrap", type=int, default=None, metavar="WIDTH",
                        help="measure hard-wrapped text instead (EASC Wikipedia and the ANT day, wrapped at WIDTH)")
    args = parser.parse_args(argv)
    if args.wrap:
        easc = [json.loads(line) for line in (DATA / "easc" / "easc-wikipedia.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
        ant = []
        for path in day_files(args.ant, args.day, args.sections):
            raw = path.read_text(encoding="utf-8")
            ant.append((_field(raw, "TITLE"), _field(raw, "TEXT")))
        report = {"width": args.wrap,
                  "easc_wikipedia": eval_wrap([("", d["article"]) for d in easc], args.wrap),
                  f"ant_{args.day}": eval_wrap(ant, args.wrap)}
    else:
        report = eval_day(args.ant, args.day, args.sections)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
