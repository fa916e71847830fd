"""Evaluate the story history's links from day to day ("continues from 9 April") against labels.

    python scripts/eval_continuations.py [--shared PATH] [--json] [--sweep] [--daily]

``scripts/ant_days/continuations/`` holds, for pairs of labelled ANT days (``PAIRS``; Chouigui, Ben
Khiroun and Elayeb, AJSE 2021; the days in ``scripts/ant_days/`` and the shared 2018-04-10), which
topic of the later day continues which topic of the earlier one (``continuations-a.jsonl`` and
``continuations-b.jsonl``: two labellers apart, from the two days' ``legend-a.md``; how each
decided: ``how-a.md``, ``how-b.md``).  Both days of a pair are briefed as the product reads them
(copies merged, ``build_stories``), their topics made history entries (``history.entries``) and the
later day's linked to the earlier day's (``history.link``), as a run of the later day after the
earlier one does.  Each topic of a brief stands for the labelled topic (labelling a's, whose legends
the continuations were read from) that most of its articles are in.  Precision: of the brief's
topics that continue one, those whose labelled topics the labellers link.  Recall: of the labellers'
links, those some brief topic makes.  The pairs are scored in parts (``PARTS``): the first chose the
settings, the others report them; when each was labelled and what with it was scored first is
written beside it.
The stories' (events') links have no labels: of those the brief makes, the share that join stories
of labelled topics the labellers link (``stories_within``).

``--sweep``: the same at other ``history_links.THRESHOLD``s for topics.  ``--daily``: the same as a
desk running every day gets it (``daily``): the days between each pair's two briefed too (their ANT
files of the sections the labelled days hold), and each later topic's chain of links followed back
to the earlier day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_stories import ANT_DAY, ant_day

from summarize.ingest.copies import merge_copies
from summarize.pipeline import prepare_article
from summarize.stories import build_stories, history_links
from summarize.stories.history import carry, entries, link

LABELS = ROOT / "scripts" / "ant_days" / "continuations"
# The pairs, in the parts they are scored in (``PAIRS``: all of them, in this order):
PARTS = {
    # the settings were chosen on these
    "tuned": [("2018-03-13", "2018-03-16"), ("2018-03-16", "2018-03-19"), ("2018-03-19", "2018-03-20"),
              ("2018-04-08", "2018-04-10")],
    # reporting them since
    "reported": [("2018-04-10", "2018-04-14"), ("2018-04-20", "2018-04-23"), ("2018-04-23", "2018-04-27")],
    # six days apart, labelled on 2026-12-07 after every setting (scored once, with the settings of then)
    "added": [("2018-03-20", "2018-03-26"), ("2018-04-14", "2018-04-20")],
    # five and eight days apart, labelled after the rule of the best in the window was chosen on the nine
    # before them (``history_links.link``), and scored once with it
    "added later": [("2018-03-26", "2018-04-03"), ("2018-04-03", "2018-04-08")],
    # two to four days apart, labelled in stop 40 and scored once with the settings and rules of then
    "added in stop 40": [("2018-02-25", "2018-03-01"), ("2018-03-10", "2018-03-13"), ("2018-04-27", "2018-04-29")],
    # two days apart, of the three days labelled in stop 41, scored once as stop 40 left them
    "added in stop 41": [("2018-02-25", "2018-02-27"), ("2018-02-27", "2018-03-01"), ("2018-03-10", "2018-03-12"),
                         ("2018-04-14", "2018-04-16")],
    # one and two days apart, of the two days labelled after them, scored once the same way
    "added later in stop 41": [("2018-03-20", "2018-03-21"), ("2018-04-16", "2018-04-18"),
                               ("2018-04-18", "2018-04-20")],
    # one to six days apart, of labelled days not yet paired, labelled in stop 42 and scored once as stop 41
    # left them
    "added in stop 42": [("2018-03-12", "2018-03-13"), ("2018-03-19", "2018-03-21"), ("2018-03-21", "2018-03-26"),
                         ("2018-04-03", "2018-04-05"), ("2018-04-05", "2018-04-08"), ("2018-04-10", "2018-04-11"),
                         ("2018-04-11", "2018-04-14"), ("2018-04-23", "2018-04-29")],
    # one and two days apart, of the two days labelled after those were scored, scored once the same way
    "added later in stop 42": [("2018-03-13", "2018-03-14"), ("2018-03-14", "2018-03-16"), ("2018-04-11", "2018-04-12"),
                               ("2018-04-12", "2018-04-14")],
    # five and three days apart, of the two days labelled in stop 43, scored once as stop 42 left them
    "added in stop 43": [("2018-02-20", "2018-02-25"), ("2018-03-07", "2018-03-10")],
    # three, one and four days apart, of the two days labelled after those were scored, scored once the same way
    "added later in stop 43": [("2018-03-26", "2018-03-29"), ("2018-03-29", "2018-03-30"), ("2018-03-30", "2018-04-03")],
}
PAIRS = [pair for pairs in PARTS.values() for pair in pairs]
SECTIONS = ("internationalNews", "middleEast")  # the sections the labelled days hold
SWEEP = [0.1, 0.12, 0.15, 0.17, 0.2, 0.22, 0.25, 0.3]


def read_links(who: str, folder: Path = LABELS) -> set[tuple[str, str, str, str]]:
    """A labeller's continuations: (earlier day, later day, later topic, earlier topic)."""
    rows = [json.loads(line) for line in (folder / f"continuations-{who}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return {(r["earlier"], r["later"], r["later_topic"], r["earlier_topic"]) for r in rows}


def wanted_links(gold: set, pair: tuple[str, str]) -> set[tuple[str, str]]:
    """The labelled topic links of one pair of days: (later topic, earlier topic)."""
    return {(later, earlier) for (e, l, later, earlier) in gold if (e, l) == pair}


class Briefed:
    """One day as the product briefs it: its stories, their history entries, and, for a labelled day,
    the labelled topic (labelling a) each of its topics stands for.  A day not labelled (``--daily``)
    is read from the ANT files of its date in the sections the labelled days hold (``SECTIONS``)."""

    def __init__(self, shared: Path, day: str, labelled: bool = True) -> None:
        self.day, self.stands_for = day, {}
        if not labelled:
            files = sorted(f for section in SECTIONS
                           for f in (shared / "data" / "ant" / "docs").glob(f"*/{section}/*-{day.replace('-', '')}.txt"))
            kept, _ = merge_copies([prepare_article(f) for f in files])
            self.stories = build_stories(kept)
            self.entries = [e for e in entries(day, self.stories) if e.kind == "topic"]
            self.story_entries = []
            return
        folder: Path | str = day if day == ANT_DAY else ROOT / "scripts" / "ant_days" / day
        articles, labels = ant_day(shared, folder)
        gold = {a.stem: row["topic_a"] for a, row in zip(articles, labels)}
        kept, _ = merge_copies(list(articles))
        self.stories = build_stories(kept)
        held: dict[str, Counter] = {}
        for s in self.stories:
            for a in s.articles:
                for stem in [a.stem] + [c.name for c in a.copies]:
                    held.setdefault(s.topic, Counter())[gold[stem]] += 1
                    held.setdefault(s.id, Counter())[gold[stem]] += 1
        # the labelled topic most of a brief topic's (or story's) articles are in (ties: the lower id,
        # every run alike); topic ids and story ids do not clash
        self.stands_for = {t: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for t, c in held.items()}
        made = entries(day, self.stories)
        self.entries = [e for e in made if e.kind == "topic"]
        self.story_entries = [e for e in made if e.kind == "story"]


def score(days: dict[str, Briefed], gold: set, pairs: list[tuple[str, str]]) -> dict:
    """Precision, recall and F1 (percent) of the product's topic links over ``pairs`` against ``gold``
    (one labeller's links)."""
    return tally([([(days[l].stands_for[t], days[e].stands_for[c.id])
                    for t, c in link(days[l].entries, days[e].entries).items()], wanted_links(gold, (e, l)))
                  for e, l in pairs])


def tally(results: list[tuple[list[tuple[str, str]], set[tuple[str, str]]]]) -> dict:
    """Precision, recall and F1 (percent) over pairs of days, each given as the labelled topics
    (later, earlier) each of the product's links joins, and the labellers' links."""
    right = made = found = labelled = 0
    for joined, want in results:
        made += len(joined)
        right += sum(pair in want for pair in joined)
        found += len(want & set(joined))
        labelled += len(want)
    p = right / made if made else 1.0
    r = found / labelled if labelled else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1), "links": made,
            "labelled": labelled}


def wrong(days: dict[str, Briefed], gold: set, pair: tuple[str, str]) -> list[dict]:
    """The product's topic links of ``pair`` that ``gold`` does not make: both topics' headlines (their
    lead articles' titles), the labelled topics they stand for, and the link's score."""
    e, l = pair
    want = wanted_links(gold, pair)
    titles = {(x.day, x.id): x.title_ar for x in days[e].entries + days[l].entries}
    out = []
    for t, c in sorted(link(days[l].entries, days[e].entries).items()):
        joined = (days[l].stands_for[t], days[e].stands_for[c.id])
        if joined not in want:
            out.append({"later": titles[(l, t)], "earlier": titles[(e, c.id)], "labelled": "<".join(joined),
                        "score": round(c.score, 3)})
    return out


def daily(shared: Path, days: dict[str, Briefed], gold: set, pairs: list[tuple[str, str]]) -> dict:
    """The topic links of ``pairs`` as a desk running every day gets them: each day between the two
    briefed too and linked to the days before it in the pair's span (``link``, as the history does:
    the running story of the best match of those days, from its latest day; ``carry`` records each
    day's as the history does), and a later topic's chain of links followed back to the earlier
    labelled day.  Scored as ``score``."""
    results = []
    for e, l in pairs:
        start, end = dt.date.fromisoformat(e), dt.date.fromisoformat(l)
        span = [(start + dt.timedelta(days=k)).isoformat() for k in range((end - start).days + 1)]
        for day in span[1:-1]:
            if day not in days:
                days[day] = Briefed(shared, day, labelled=False)
        back: dict[tuple[str, str], tuple[str, str]] = {}  # (day, topic) -> the (day, topic) it continues
        carry(e, days[e].entries, {})  # the span's first day starts each of its topics
        for k, day in enumerate(span[1:], 1):
            past = [x for d in span[:k] for x in days[d].entries]
            found = link(days[day].entries, past)
            carry(day, days[day].entries, found)  # as the history records the day
            for t, c in found.items():
                back[(day, t)] = (c.day, c.id)
        joined = []
        for x in days[l].entries:
            at = back.get((l, x.id))
            while at is not None and at[0] != e:
                at = back.get(at)
            if at is not None:
                joined.append((days[l].stands_for[x.id], days[e].stands_for[at[1]]))
        results.append((joined, wanted_links(gold, (e, l))))
    return tally(results)


def stories_within(days: dict[str, Briefed], gold: set, pairs: list[tuple[str, str]]) -> dict:
    """The stories' (events') links, which have no labels of their own: how many the product makes over
    ``pairs``, and how many join stories whose labelled topics the labellers link (a link outside those
    is wrong; one inside may still be)."""
    made = within = 0
    for e, l in pairs:
        want = wanted_links(gold, (e, l))
        for sid, c in link(days[l].story_entries, days[e].story_entries).items():
            made += 1
            within += (days[l].stands_for[sid], days[e].stands_for[c.id]) in want
    return {"links": made, "within": within}


def agreement(a: set, b: set) -> dict:
    """The labellers against each other: of a's links, those b makes, and the F1."""
    both = len(a & b)
    p, r = both / len(b), both / len(a)
    return {"a": len(a), "b": len(b), "both": both, "f1": round(100 * 2 * p * r / (p + r), 1)}


def evaluate(shared: Path, sweep: bool = False, every_day: bool = False) -> dict:
    gold = {who: read_links(who) for who in "ab"}
    days = {d: Briefed(shared, d) for d in sorted({d for pair in PAIRS for d in pair})}
    out: dict = {"threshold": history_links.THRESHOLD["topic"], "story_threshold": history_links.THRESHOLD["story"],
                 "labellings": agreement(gold["a"], gold["b"]),
                 "pairs": {}}
    for pair in PAIRS:
        out["pairs"][">".join(pair)] = {who: score(days, gold[who], [pair]) for who in "ab"}
        out["pairs"][">".join(pair)]["wrong"] = wrong(days, gold["a"], pair)
    for part, pairs in PARTS.items():
        out[part] = {who: score(days, gold[who], pairs) for who in "ab"}
    out["stories"] = stories_within(days, gold["a"], PAIRS)
    if every_day:
        out["daily"] = {part: daily(shared, days, gold["a"], pairs) for part, pairs in PARTS.items()}
    if sweep:
        out["sweep"] = {}
        kept = history_links.THRESHOLD["topic"]
        try:
            for x in SWEEP:
                history_links.THRESHOLD["topic"] = x
                out["sweep"][x] = {part: {who: score(days, gold[who], pairs) for who in "ab"}
                                   for part, pairs in PARTS.items()}
        finally:
            history_links.THRESHOLD["topic"] = kept
    return out


def _line(s: dict) -> str:
    return f"P {s['p']:5.1f} R {s['r']:5.1f} F1 {s['f1']:5.1f} ({s['links']} links, {s['labelled']} labelled)"


def report(r: dict) -> str:
    g = r["labellings"]
    lines = [f"topic links from day to day at threshold {r['threshold']} (labelling a / b):",
             f"  the labellers: a {g['a']} links, b {g['b']}, {g['both']} alike, F1 {g['f1']}"]
    for pair, s in r["pairs"].items():
        lines.append(f"  {pair}: a {_line(s['a'])} | b {_line(s['b'])}")
        for w in s["wrong"]:
            lines.append(f"    not labelled ({w['labelled']}, {w['score']}): {w['later']} < {w['earlier']}")
    for part in PARTS:
        lines.append(f"  {part}: a {_line(r[part]['a'])} | b {_line(r[part]['b'])}")
    st = r["stories"]
    lines.append(f"  stories (events), at {r['story_threshold']}: {st['links']} links, {st['within']} within a labelled"
                 " topic continuation")
    for part, d in r.get("daily", {}).items():
        lines.append(f"  every day between briefed too, {part}: a {_line(d)}")
    for x, parts in r.get("sweep", {}).items():
        lines.append(f"  at {x}: " + "; ".join(f"{part} a {_line(parts[part]['a'])}" for part in PARTS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate the story history's topic links from day to day.")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding data/ant (default: ../shared)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--sweep", action="store_true", help="also score other thresholds for topics")
    parser.add_argument("--daily", action="store_true",
                        help="also brief every day between each pair's two and follow the chains of links back")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "ant").is_dir():
        print(f"Error: no {args.shared / 'data' / 'ant'}; pass --shared PATH", file=sys.stderr)
        return 2
    r = evaluate(args.shared, args.sweep, args.daily)
    print(json.dumps(r, ensure_ascii=False, indent=1) if args.json else report(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
