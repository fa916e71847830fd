"""How a day's run grows with the number of articles: the real pipeline, a fast stand-in translator.

    python scripts/bench_scale.py [--sizes 1000 3000 10000] [--shared PATH] [--seed 7] [--json]
    python scripts/bench_scale.py --by-day [ARCHIVE]

Builds a corpus of each size from the shared NTREX and FLORES documents
(``<shared>/data``): each article is a window of one document's sentences
(the headline kept where the document has one), a sentence of another
document put in, half its sentences lightly rewritten (a word dropped or an
attribution added) and one figure changed, so that no two articles repeat,
few sentences do, and articles from one document read as several outlets'
reports of one event.
The same seed gives the same corpora.

Each size runs ``pipeline.run`` in a child process (so each peak RSS is that
size's alone) with ``StandIn``, a translator that answers at once: English
stand-in words hashed from the Arabic, with the Arabic's numbers in digits,
so the number check mostly verifies, as with a trained model.  The stage
functions ``pipeline.run`` calls are wrapped with timers here (the product
holds no timing code): read, translate, verify, repair (the looping English's
repair), review (a reviewer's English and glossary), check (the checks beyond
numbers), summarize, group, render, write: every stage of ``brief_day``, each its own time (rendering happens as files are written and is taken
off writing); the stand-in's own time is "model", taken off the stages that
called it, the sentence encoder's (``summarize.stories.encoder``, the real one: a model too) is
"encoder", taken off grouping, and "outside the model" is the run less both (every stage above, and the little between them).  Printed, wall clock
and the process's CPU time (the machine may be shared: the load average is
printed too): seconds per stage and size, peak RSS, the size of
``daily-brief.json`` and of the whole output, and each figure's growth
exponent (the least-squares slope of log seconds on log articles; 1 is
linear); then whether the largest size meets issue 13's targets (under 120 s
outside the model, 1.5 GB, 20 KB of daily-brief.json an article, every
stage's wall-clock exponent at most 1.2).

``--by-day`` runs ``summarize ARCHIVE --by-day`` instead (issue 22.4: by default the shared ANT
months, 12,972 files) with the same stand-in and timers and a story history, and prints its
figures as JSON: seconds per stage (the history's linking and recording as "history"), peak RSS,
the days, the stories that continue an earlier day's, the load average; the targets are under 600 s
outside the model and 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize import pipeline  # noqa: E402
from summarize.numbers import extract_arabic  # noqa: E402
from summarize.stories import encoder  # noqa: E402
from summarize.translate import Hypothesis  # noqa: E402

SIZES = (1000, 3000, 10000)
STAGES = ("read", "translate", "verify", "repair", "review", "check", "summarize", "group", "render", "write")
# model: the stand-in translator's own time; encoder: the sentence encoder's (summarize.stories.encoder, the
# real one: a model too, counted apart from "outside the model")
SUMS = ("model", "encoder", "outside the model", "total")
# pipeline.run's stage functions, by the name pipeline.py calls them under
WRAPPED = {"read_corpus": "read", "translate_articles": "translate", "verify_articles": "verify",
           "repair_loops": "repair", "apply_reviews": "review",
           "check_articles": "check", "summarize": "summarize", "build_stories": "group", "render_files": "render",
           "write_briefs": "write"}
TARGETS = {"seconds": 120.0, "peak_mb": 1536.0, "daily_kb_per_article": 20.0, "exponent": 1.2}
_DIGITS = re.compile(r"[0-9\u0660-\u0669]+")
_SYLLABLES = [a + b for a in "bdfghklmnprstvz" for b in ("a", "e", "i", "o", "u", "an", "er", "is", "on")]


@dataclass(frozen=True)
class Document:
    name: str
    headline: str | None
    body: list[str]


def documents(shared: Path) -> list[Document]:
    """NTREX articles (headline first) and FLORES documents (its lines grouped by source URL)."""
    docs = []
    for path in sorted((shared / "data" / "ntrex" / "docs").glob("*.arb.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) >= 3:
            docs.append(Document("ntrex-" + path.name[:3], lines[0], lines[1:]))
    flores = shared / "data" / "flores200"
    urls = [line.split("\t")[0] for line in (flores / "metadata_devtest.tsv").read_text(
        encoding="utf-8").splitlines()[1:]]
    by_url: dict[str, list[str]] = defaultdict(list)
    for url, line in zip(urls, (flores / "devtest.arb").read_text(encoding="utf-8").splitlines()):
        by_url[url].append(line.strip())
    for k, lines in enumerate(by_url.values()):
        if len(lines) >= 2:
            docs.append(Document(f"flores-{k:03d}", None, lines))
    return docs


def _vary_figure(sentences: list[str], rng: random.Random) -> list[str]:
    """One digit run in one sentence raised by 1-9 (an outlet's different figure), if any has digits."""
    with_digits = [i for i, s in enumerate(sentences) if _DIGITS.search(s)]
    if not with_digits:
        return sentences
    i = rng.choice(with_digits)
    runs = list(_DIGITS.finditer(sentences[i]))
    m = rng.choice(runs)
    value = int(m.group().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))) + rng.randint(1, 9)
    out = sentences[:]
    out[i] = sentences[i][:m.start()] + str(value) + sentences[i][m.end():]
    return out


# what an outlet adds to a sentence it rewrites
_ATTRIBUTIONS = ("، بحسب ما أفادت وكالة الأنباء", "، وفق مصادر محلية", "، كما قال مسؤولون",
                 "، حسب ما نقلت وسائل إعلام", "، بحسب بيان رسمي", "، وفق شهود عيان")


def _rewrite(sentence: str, rng: random.Random) -> str:
    """An outlet's light rewrite: a word without digits dropped (not the first or the last), or an
    attribution added."""
    words = sentence.split()
    droppable = [i for i, w in enumerate(words[1:-1], 1) if not _DIGITS.search(w)]
    if droppable and rng.random() < 0.5:
        del words[rng.choice(droppable)]
        return " ".join(words)
    end = len(sentence.rstrip(".۔!؟?"))
    return sentence[:end] + rng.choice(_ATTRIBUTIONS) + sentence[end:]


def article_text(docs: list[Document], rng: random.Random) -> tuple[str, str]:
    """(the base document's name, an article's text): a window of it, another's sentence, half the
    sentences rewritten, a figure changed."""
    base = rng.choice(docs)
    k = len(base.body)
    take = rng.randint(max(2, math.ceil(k / 2)), k)
    start = rng.randint(0, k - take)
    sentences = base.body[start:start + take]
    other = rng.choice(docs)
    sentences.insert(rng.randint(1, len(sentences)), rng.choice(other.body))
    sentences = _vary_figure([_rewrite(x, rng) if rng.random() < 0.5 else x for x in sentences], rng)
    lines = ([base.headline] if base.headline else []) + sentences
    return base.name, "\n".join(lines) + "\n"


def build_corpus(docs: list[Document], n: int, folder: Path, seed: int) -> None:
    """``n`` articles, none repeating, written to ``folder`` as NNNNN_<document>.txt."""
    rng, seen = random.Random(seed), set()
    folder.mkdir(parents=True, exist_ok=True)
    while len(seen) < n:
        name, text = article_text(docs, rng)
        if text in seen:
            continue
        seen.add(text)
        (folder / f"{len(seen):05d}_{name}.txt").write_text(text, encoding="utf-8")


class StandIn:
    """A translator that answers at once (the Translator protocol): stand-in English words hashed from
    the Arabic words, and the Arabic's numbers written in digits where they stand."""

    name = "stand-in"
    backend = "stand-in"
    device = "cpu"
    beam = 4
    batch_size = 32
    identity = "stand-in@bench"

    def translate(self, texts):
        return [self._english(t) for t in texts]

    def hypotheses(self, texts, n, no_repeat_ngram_size=0):  # the loop repair may ask (checks.repair)
        return [[Hypothesis(self._english(t), 0.0)] for t in texts]

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    @staticmethod
    def _english(text: str) -> str:
        out, last = [], 0
        for q in extract_arabic(text):
            out += [_word(w) for w in text[last:q.start].split()]
            if q.value is not None:
                out.append(_number(q.kind, q.value))
            last = q.end
        out += [_word(w) for w in text[last:].split()]
        return " ".join(out) + "."


def _word(arabic: str) -> str:
    h = zlib.crc32(arabic.encode("utf-8"))
    return _SYLLABLES[h % len(_SYLLABLES)] + _SYLLABLES[(h >> 8) % len(_SYLLABLES)]


def _number(kind: str, value: int | float) -> str:
    digits = f"{value:,}" if isinstance(value, int) else f"{value:g}"
    return {"percent": f"{digits}%", "money": f"${digits}", "year": f"in {value}",
            "date": f"on September {value}", "duration": f"{digits} days", "distance": f"{digits} km",
            "ordinal": f"number {digits}", "time": f"{digits} hours"}.get(kind, digits)


class Clock:
    """Seconds spent in each stage, wall clock and this process's CPU time (the machine may be shared),
    each stage's own: a stage timed inside another (the stand-in model inside translating and checking,
    rendering inside writing, as files are rendered while they are written) is taken off the outer one."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.running: list[str] = []

    def timed(self, name: str, function):
        def wrapper(*args, **kwargs):
            with self.stage(name):
                made = function(*args, **kwargs)
            # render_files may hand its files over one at a time, made as they are asked for
            return self._items(made, name) if name == "render" and not isinstance(made, dict) else made
        return wrapper

    def _items(self, items, name: str):
        iterator = iter(items)
        while True:
            with self.stage(name):
                item = next(iterator, _END)
            if item is _END:
                return
            yield item

    @contextmanager
    def stage(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        self.running.append(name)
        try:
            yield
        finally:
            self.running.pop()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            self.wall[name] += wall
            self.cpu[name] += cpu
            if self.running:
                self.wall[self.running[-1]] -= wall
                self.cpu[self.running[-1]] -= cpu


_END = object()


def timed_models(clock: Clock) -> StandIn:
    """The stand-in translator, and the real sentence encoder of story grouping, their calls timed as
    "model" and "encoder"."""
    model = StandIn()
    model.translate = clock.timed("model", model.translate)
    model.hypotheses = clock.timed("model", model.hypotheses)
    encoder.E5.embed = clock.timed("encoder", encoder.E5.embed)
    return model


def measure(corpus: Path, out: Path) -> dict:
    """Run the pipeline on ``corpus`` with each stage function timed; the figures of that run."""
    clock = Clock()
    for attribute, stage in WRAPPED.items():
        setattr(pipeline, attribute, clock.timed(stage, getattr(pipeline, attribute)))
    model = timed_models(clock)
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    result = pipeline.run(pipeline.Options(corpus=corpus, out=out, date="2026-11-22"), lambda: model)
    clock.wall["total"], clock.cpu["total"] = time.perf_counter() - wall, time.process_time() - cpu
    for seconds in (clock.wall, clock.cpu):
        seconds["outside the model"] = seconds["total"] - seconds["model"] - seconds["encoder"]
    daily = (out / "daily-brief.json").stat().st_size
    stories = json.loads((out / "daily-brief.json").read_text(encoding="utf-8"))["stories"]
    counts = result.numbers
    return {
        "articles": len(result.articles), "failed": len(result.failures), "stories": len(stories),
        "largest_story": max((len(s["articles"]) for s in stories), default=0),
        "seconds": {stage: round(clock.wall[stage], 3) for stage in STAGES + SUMS},
        "cpu_seconds": {stage: round(clock.cpu[stage], 3) for stage in STAGES + SUMS},
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "daily_json_bytes": daily, "output_bytes": sum(p.stat().st_size for p in out.iterdir()),
        "numbers": {"verified": counts.verified, "repaired": counts.repaired, "flagged": counts.flagged},
        "load_average": [round(load, 1), round(os.getloadavg()[0], 1)],  # the machine's, before and after
    }


BY_DAY_TARGETS = {"seconds": 600.0, "peak_mb": 1536.0}  # issue 22.4: the shared months by day


def measure_by_day(corpus: Path, out: Path) -> dict:
    """``summarize ARCHIVE --by-day`` on ``corpus`` (a story history in ``out``), each stage timed as
    ``measure`` times them, and the history's linking and recording as "history"."""
    from summarize.stories import history

    clock = Clock()
    for attribute, stage in WRAPPED.items():
        setattr(pipeline, attribute, clock.timed(stage, getattr(pipeline, attribute)))
    for method in ("continuations", "record"):
        setattr(history.History, method, clock.timed("history", getattr(history.History, method)))
    model = timed_models(clock)
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    result = pipeline.run(pipeline.Options(corpus=corpus, out=out / "briefs", by_day=True,
                                           history=out / "stories.sqlite3"), lambda: model)
    clock.wall["total"], clock.cpu["total"] = time.perf_counter() - wall, time.process_time() - cpu
    for seconds in (clock.wall, clock.cpu):
        seconds["outside the model"] = seconds["total"] - seconds["model"] - seconds["encoder"]
    days = [p for p in (out / "briefs").iterdir() if p.is_dir()]
    continued = sum(1 for d in days if (d / "daily-brief.json").exists()
                    for s in json.loads((d / "daily-brief.json").read_text(encoding="utf-8"))["stories"]
                    if "continues" in s)
    stages = STAGES + ("history",) + SUMS
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    outside = clock.wall["outside the model"]
    return {
        "articles": len(result.articles), "failed": len(result.failures), "days": len(days),
        "stories": len(result.stories), "stories continuing an earlier day's": continued,
        "seconds": {stage: round(clock.wall[stage], 1) for stage in stages},
        "cpu_seconds": {stage: round(clock.cpu[stage], 1) for stage in stages},
        "peak_mb": peak, "output_mb": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2 ** 20),
        "load_average": [round(load, 1), round(os.getloadavg()[0], 1)], "cpus": os.cpu_count(),
        "targets": BY_DAY_TARGETS,
        "meets_targets": {"seconds": outside < BY_DAY_TARGETS["seconds"], "peak_mb": peak < BY_DAY_TARGETS["peak_mb"]},
    }


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log y on log x (None with fewer than two points)."""
    points = [(math.log(x), math.log(max(y, 1e-3))) for x, y in zip(xs, ys)]
    if len(points) < 2:
        return None
    mx, my = (sum(p[i] for p in points) / len(points) for i in (0, 1))
    return round(sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points), 2)


def run_sizes(shared: Path, sizes: list[int], seed: int) -> dict:
    docs = documents(shared)
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for n in sizes:
            corpus, out = Path(tmp) / f"corpus-{n}", Path(tmp) / f"out-{n}"
            build_corpus(docs, n, corpus, seed)
            child = subprocess.run([sys.executable, __file__, "--measure", str(corpus), str(out)],
                                   capture_output=True, text=True)
            if child.returncode:
                raise SystemExit(f"Error: the run of {n} articles failed:\n{child.stderr[-3000:]}")
            runs.append(json.loads(child.stdout.splitlines()[-1]))
            shutil.rmtree(corpus)
            shutil.rmtree(out)
    articles = [r["articles"] for r in runs]
    exponents = {stage: slope(articles, [r["seconds"][stage] for r in runs]) for stage in STAGES + SUMS}
    exponents |= {f"{stage}, CPU": slope(articles, [r["cpu_seconds"][stage] for r in runs])
                  for stage in STAGES + SUMS}
    exponents["daily_json_bytes"] = slope(articles, [r["daily_json_bytes"] for r in runs])
    exponents["peak_mb"] = slope(articles, [r["peak_mb"] for r in runs])
    return {"documents": len(docs), "seed": seed, "runs": runs, "exponents": exponents,
            "targets": TARGETS, "meets_targets": meets(runs, exponents)}


def meets(runs: list[dict], exponents: dict) -> dict:
    """The issue's targets, at the largest size run."""
    last = runs[-1]
    return {
        "seconds": last["seconds"]["outside the model"] < TARGETS["seconds"],
        "peak_mb": last["peak_mb"] < TARGETS["peak_mb"],
        "daily_kb_per_article": last["daily_json_bytes"] / 1024 / last["articles"] < TARGETS["daily_kb_per_article"],
        "exponent": all(e is None or e <= TARGETS["exponent"] for s, e in exponents.items() if s in STAGES),
    }


def table(r: dict) -> str:
    runs = r["runs"]
    head = "| measure | " + " | ".join(f"{x['articles']:,}" for x in runs) + " | exponent |"
    rows = [head, "|---" * (len(runs) + 2) + "|"]

    def row(label: str, values: list[str], exponent) -> None:
        rows.append(f"| {label} | " + " | ".join(values) + f" | {'' if exponent is None else exponent} |")

    for stage in STAGES + SUMS:
        row(f"{stage} (s)", [f"{x['seconds'][stage]:.2f}" for x in runs], r["exponents"][stage])
    for stage in STAGES + SUMS:
        row(f"{stage}, CPU (s)", [f"{x['cpu_seconds'][stage]:.2f}" for x in runs], r["exponents"][f"{stage}, CPU"])
    row("peak RSS (MB)", [f"{x['peak_mb']:.0f}" for x in runs], r["exponents"]["peak_mb"])
    row("daily-brief.json (KB)", [f"{x['daily_json_bytes'] / 1024:,.0f}" for x in runs],
        r["exponents"]["daily_json_bytes"])
    row("daily-brief.json per article (KB)", [f"{x['daily_json_bytes'] / 1024 / x['articles']:.2f}" for x in runs],
        None)
    row("all output (MB)", [f"{x['output_bytes'] / 2 ** 20:,.0f}" for x in runs], None)
    row("stories (largest)", [f"{x['stories']:,} ({x['largest_story']})" for x in runs], None)
    row("load average before / after", [f"{x['load_average'][0]} / {x['load_average'][1]}" for x in runs], None)
    row("numbers verified / flagged", [f"{x['numbers']['verified']:,} / {x['numbers']['flagged']:,}" for x in runs],
        None)
    met = ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in r["meets_targets"].items())
    return "\n".join(rows) + f"\n\ntargets met at {runs[-1]['articles']:,} articles: {met}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes (articles)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding data/ntrex and data/flores200 (default: ../shared)")
    parser.add_argument("--seed", type=int, default=7, help="the corpora's random seed")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--by-day", nargs="?", type=Path, const=ROOT.parent / "shared" / "data" / "ant" / "docs",
                        metavar="ARCHIVE", help="instead of the sizes: `summarize ARCHIVE --by-day` with a story "
                        "history (default: the shared ANT months, ../shared/data/ant/docs)")
    parser.add_argument("--measure", nargs=2, type=Path, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--measure-by-day", nargs=2, type=Path, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # the child: one size
        print(json.dumps(measure(*args.measure)))
        return 0
    if args.measure_by_day:
        print(json.dumps(measure_by_day(*args.measure_by_day)))
        return 0
    if args.by_day:
        if not args.by_day.is_dir():
            print(f"Error: no {args.by_day}; pass --by-day ARCHIVE", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="bench-by-day-") as tmp:
            child = subprocess.run([sys.executable, __file__, "--measure-by-day", str(args.by_day), tmp],
                                   capture_output=True, text=True)
        if child.returncode:
            raise SystemExit(f"Error: the by-day run failed:\n{child.stderr[-3000:]}")
        print(json.dumps(json.loads(child.stdout.splitlines()[-1]), indent=2))
        return 0
    if not (args.shared / "data" / "ntrex" / "docs").is_dir():
        print(f"Error: no {args.shared / 'data' / 'ntrex' / 'docs'}; pass --shared PATH", file=sys.stderr)
        return 2
    r = run_sizes(args.shared, sorted(args.sizes), args.seed)
    print(json.dumps(r, indent=2) if args.json else table(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
