"""Evaluate story grouping: wrong merges, missed merges, the sample corpus, speed.

    python scripts/eval_stories.py [--shared PATH] [--json]

(a) the NTREX articles (``<shared>/data/ntrex/docs/*.arb.txt``): a merge of two
    articles that report different events is a wrong merge. Most of the 123 are
    different stories, but a few days' news has some events from two outlets:
    ``scripts/ntrex_events.tsv`` lists those (read from the English originals), and
    a merge within one of its groups is right; a same-event pair left apart is a
    missed merge;
(b) each NTREX article cut in two halves sharing no sentence (the first with the
    headline): every pair should merge, a pair left apart is a missed merge;
(c) small batches, as a day's feed is: the NTREX articles shuffled into batches
    of 6 and of 12 (12 shuffles each), wrong and same-event merges counted as in (a);
(d) the sample corpus: is it grouped {000, 001}, {002, 004}, {003}?
(e) the time grouping takes;
(f) the candidate search: how many pairs grouping compares of all the NTREX pairs,
    and whether every same-event pair close enough to be compared at all (cosine
    at least ``LINK_WITH_EVIDENCE``) is among them.

    python scripts/eval_stories.py --ant [--day DIR ...] [--shared PATH] [--json]

(g) real days of five outlets: by default the 128 internationalNews and middleEast articles of
    2018-04-10 in the ANT corpus (Chouigui, Ben Khiroun and Elayeb, "ANT Corpus: An Arabic
    News Text Collection for Textual Classification", AJSE 2021), labelled twice into
    events and topics (``<shared>/data/ant/days/2018-04-10/stories.jsonl``); ``--day DIR``
    (repeatable) scores other labelled days, each a folder holding either that file or
    ``labels-a.jsonl`` and ``labels-b.jsonl`` (``read_labels``).  Per day: B-cubed and
    pairwise precision, recall and F1 of the daily brief's events and topics
    (``build_stories``) against each labelling, the labellings against each other, and
    whether the day's largest labelled topic is the brief's first topic ("top story
    first"), and whether the labelled topic first by the issue's rule (the most distinct
    outlets, then events, then articles) is ("top story by the rule first"), and how many of
    the first five by that rule the brief ranks in its first five (``top_five``); with several
    days, the days together (``summary``).  Each article
    is read from its ``<DOC>`` record as the product reads it (``prepare_article``: title, text,
    outlet and time).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.document import Article, Section, Sentence, Text  # noqa: E402
from summarize.ingest.copies import merge_copies  # noqa: E402
from summarize.pipeline import prepare_article  # noqa: E402
from summarize.stories import build_stories, group, linking  # noqa: E402
from summarize.stories.candidates import compared  # noqa: E402
from summarize.stories.features import profile, unit_cosine, vectors  # noqa: E402
from summarize.stories.model import outlet  # noqa: E402

EXPECTED = [{"000", "001"}, {"002", "004"}, {"003"}]
EVENTS = Path(__file__).with_name("ntrex_events.tsv")


def events(path: Path = EVENTS) -> tuple[set[frozenset], set[frozenset]]:
    """Pairs of NTREX numbers (``"008"``) that report the same event, and pairs either way."""
    same, allowed = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, members, _ = line.split("\t")
        pairs = _pairs(members.split())
        allowed |= pairs
        if kind == "same":
            same |= pairs
    return same, allowed


def pairs_in(groups: list[list[Article]]) -> set[frozenset]:
    """Every pair of NTREX numbers put in one story (halves of one article are not a pair)."""
    return set().union(*(_pairs(sorted({a.stem[:3] for a in g})) for g in groups))


def _pairs(numbers: list[str]) -> set[frozenset]:
    return {frozenset((a, b)) for i, a in enumerate(numbers) for b in numbers[i + 1:]}


def article(stem: str, lines: list[str], headline: bool) -> Article:
    """An Article straight from one-sentence-per-line text."""
    title = Text(lines[0])
    body = lines[1:] if headline else lines
    sentences = [Sentence(ar=line, id=f"s{i}") for i, line in enumerate(body, 1)]
    return Article(stem=stem, source=Path(f"{stem}.txt"), text="\n".join(body), title=title,
                   title_from_headline=headline, sections=[Section(None, sentences)])


def ntrex(shared: Path) -> list[tuple[str, list[str]]]:
    docs = []
    for path in sorted((shared / "data" / "ntrex" / "docs").glob("*.arb.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) >= 3:
            docs.append((path.name.removesuffix(".arb.txt"), lines))
    return docs


def _headline(shared: Path, stem: str) -> str:
    """The English headline of an NTREX article, to judge a merge by."""
    path = shared / "data" / "ntrex" / "docs" / f"{stem}.eng.txt"
    return path.read_text(encoding="utf-8").splitlines()[0][:60] if path.exists() else ""


def small_batches(whole: list[Article], same: set[frozenset], allowed: set[frozenset],
                  sizes=(6, 12), shuffles: int = 12) -> dict:
    """Group shuffled batches of ``size`` articles; count wrong merges and same-event pairs merged."""
    out = {}
    for size in sizes:
        wrong = merged = present = batches = 0
        for seed in range(shuffles):
            order = whole[:]
            random.Random(seed).shuffle(order)
            for start in range(0, len(order), size):
                batch = order[start:start + size]
                numbers = {a.stem[:3] for a in batch}
                pairs = pairs_in(group(batch)[0])
                in_batch = {pair for pair in same if pair <= numbers}
                wrong += len(pairs - allowed)
                merged += len(pairs & in_batch)
                present += len(in_batch)
                batches += 1
        out[str(size)] = {"batches": batches, "wrong_merges": wrong,
                          "same_event_pairs": present, "same_event_pairs_merged": merged}
    return out


def timed(articles: list[Article]):
    started = time.perf_counter()
    groups, links = group(articles)
    return groups, links, time.perf_counter() - started


def candidate_search(whole: list[Article], same: set[frozenset]) -> dict:
    """Pairs compared of all pairs (the rare-word candidates and the leads' closest meanings), and the
    same-event pairs a comparison of every pair would score."""
    profiles = [profile(a) for a in whole]
    found = compared(profiles, vectors(profiles))
    index = {a.stem[:3]: i for i, a in enumerate(whole)}
    close = [tuple(sorted(index[n] for n in pair)) for pair in same]
    close = [(i, j) for i, j in close if unit_cosine(profiles[i].vector, profiles[j].vector) >= linking.LINK_WITH_EVIDENCE]
    return {"pairs": len(whole) * (len(whole) - 1) // 2, "compared": len(found),
            "same_event_close": len(close), "same_event_compared": sum(pair in found for pair in close)}


def evaluate(shared: Path) -> dict:
    docs = ntrex(shared)
    whole = [article(stem, lines, True) for stem, lines in docs]
    same, allowed = events()
    groups, _, seconds_whole = timed(whole)
    merged = pairs_in(groups)
    wrong_pairs = sorted(sorted(p) for p in merged - allowed)
    wrong = [[a.stem for a in g] for g in groups if pairs_in([g]) - allowed]
    right = [[a.stem for a in g] for g in groups if len(g) > 1 and not pairs_in([g]) - allowed]
    english = {stem: _headline(shared, stem) for g in wrong + right for stem in g}

    halves = []
    for stem, lines in docs:
        cut = 1 + (len(lines) - 1) // 2
        halves.append(article(f"{stem}#1", lines[:cut], True))
        halves.append(article(f"{stem}#2", lines[cut:], False))
    groups, _, seconds_halves = timed(halves)
    story_of = {a.stem: n for n, g in enumerate(groups) for a in g}
    missed = [stem for stem, _ in docs if story_of[f"{stem}#1"] != story_of[f"{stem}#2"]]
    wrong_halves = [[a.stem for a in g] for g in groups if pairs_in([g]) - allowed]

    small = small_batches(whole, same, allowed)

    sample = [prepare_article(p) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    groups, links, seconds_sample = timed(sample)
    grouping = [sorted(a.stem[:3] for a in g) for g in groups]
    return {
        "ntrex_articles": len(whole),
        "wrong_merges": wrong,
        "wrong_pairs": wrong_pairs,
        "same_event_merges": right,
        "same_event_pairs": len(same),
        "same_event_pairs_merged": len(same & merged),
        "headlines": english,
        "halves_pairs": len(docs),
        "missed_merges": missed,
        "wrong_merges_halves": wrong_halves,
        "small_batches": small,
        "sample_grouping": grouping,
        "sample_as_expected": sorted(map(sorted, EXPECTED)) == sorted(grouping),
        "sample_links": [link.as_json() for link in links],
        "seconds": {"ntrex": round(seconds_whole, 3), "halves": round(seconds_halves, 3),
                    "sample": round(seconds_sample, 4)},
        "candidates": candidate_search(whole, same),
    }


def report(r: dict) -> str:
    lines = [
        f"(a) NTREX, {r['ntrex_articles']} articles: {len(r['wrong_pairs'])} wrong merges"
        f" (pairs of different events in one story, in {len(r['wrong_merges'])} stories);"
        f" {r['same_event_pairs_merged']} of {r['same_event_pairs']} same-event pairs merged"
        + "".join("\n      wrong: " + " + ".join(f"{s[:3]} {r['headlines'][s]!r}" for s in g)
                  for g in r["wrong_merges"])
        + "".join("\n      right: " + " + ".join(f"{s[:3]} {r['headlines'][s][:30]!r}" for s in g)
                  for g in r["same_event_merges"]),
        f"(b) NTREX halves, {r['halves_pairs']} pairs: {len(r['missed_merges'])} missed merges"
        f" ({100 * (1 - len(r['missed_merges']) / max(1, r['halves_pairs'])):.1f}% merged),"
        f" {len(r['wrong_merges_halves'])} wrong merges"
        + (f"\n      missed: {', '.join(r['missed_merges'])}" if r["missed_merges"] else "")
        + "".join(f"\n      wrong: {' + '.join(g)}" for g in r["wrong_merges_halves"]),
        "(c) small batches: " + "; ".join(
            f"{size} articles ({b['batches']} batches): {b['wrong_merges']} wrong merges,"
            f" {b['same_event_pairs_merged']} of {b['same_event_pairs']} same-event pairs merged"
            for size, b in r["small_batches"].items()),
        f"(d) sample corpus: {' '.join('{' + ','.join(g) + '}' for g in r['sample_grouping'])}"
        f" — {'as expected' if r['sample_as_expected'] else 'NOT as expected {000,001} {002,004} {003}'}",
    ]
    for link in r["sample_links"]:
        a, b = (s[:3] for s in link["articles"])
        lines.append(f"      {a}-{b}: {link['reason']}")
    s = r["seconds"]
    lines.append(f"(e) time: {s['ntrex']:.3f} s for {r['ntrex_articles']} articles,"
                 f" {s['halves']:.3f} s for {2 * r['halves_pairs']} halves, {s['sample']:.4f} s for the sample")
    c = r["candidates"]
    lines.append(f"(f) candidates: {c['compared']:,} of {c['pairs']:,} NTREX pairs compared;"
                 f" {c['same_event_compared']} of the {c['same_event_close']} same-event pairs with cosine"
                 f" >= {linking.LINK_WITH_EVIDENCE} among them")
    return "\n".join(lines)


ANT_DAY = "2018-04-10"
TOP = 5  # the head of a brief: the topics a reader sees first (``top_five``)


def shared_day(shared: Path, day: str = ANT_DAY) -> Path:
    """The folder of a labelled day in the shared data."""
    return shared / "data" / "ant" / "days" / day


def read_labels(folder: Path) -> list[dict]:
    """A labelled day's labels, one dict an article (``id``, ``file``, ``event_a``, ``topic_a``,
    ``event_b``, ``topic_b``), from either format: the shared ``stories.jsonl`` (both labellings on one
    line), or ``labels-a.jsonl`` and ``labels-b.jsonl`` (one labelling each, lines ``id``, ``file``,
    ``event``, ``topic``), in labels-a's order.  ``file`` is relative to the ANT folder (``data/ant``).
    Raises ValueError when the two files do not label the same articles."""
    shared_format = folder / "stories.jsonl"
    if shared_format.is_file():
        return _jsonl(shared_format)
    a, b = folder / "labels-a.jsonl", folder / "labels-b.jsonl"
    if not (a.is_file() and b.is_file()):
        raise FileNotFoundError(f"{folder}: neither stories.jsonl nor labels-a.jsonl and labels-b.jsonl")
    rows_a, rows_b = _jsonl(a), {row["id"]: row for row in _jsonl(b)}
    ids_a = [row["id"] for row in rows_a]
    if len(set(ids_a)) != len(ids_a) or set(ids_a) != set(rows_b):
        only = sorted(set(ids_a) ^ set(rows_b))
        raise ValueError(f"{folder}: labels-a and labels-b do not label the same articles"
                         + (f" ({', '.join(only[:5])})" if only else " (an article twice)"))
    return [{"id": row["id"], "file": row["file"], "event_a": row["event"], "topic_a": row["topic"],
             "event_b": rows_b[row["id"]]["event"], "topic_b": rows_b[row["id"]]["topic"]} for row in rows_a]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ant_day(shared: Path, folder: Path | str = ANT_DAY) -> tuple[list[Article], list[dict]]:
    """A labelled day's articles, in the labels' order, and the labels (``read_labels``); ``folder``:
    the day's folder, or a day of the shared data by its date."""
    if isinstance(folder, str):
        folder = shared_day(shared, folder)
    labels = read_labels(folder)
    return [prepare_article(shared / "data" / "ant" / row["file"]) for row in labels], labels


def bcubed(pred: list[str], gold: list[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (percent, averaged over items) of a partition given as one
    label an item, against another."""
    by_pred, by_gold, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    n = len(pred)
    p = sum(both[(x, y)] / by_pred[x] for x, y in zip(pred, gold)) / n
    r = sum(both[(x, y)] / by_gold[y] for x, y in zip(pred, gold)) / n
    return _prf(p, r)


def pairwise(pred: list[str], gold: list[str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 (percent): of the pairs put together, of the pairs that belong
    together."""
    def together(labels):
        return sum(k * (k - 1) // 2 for k in Counter(labels).values())
    right = together(list(zip(pred, gold)))
    p = right / together(pred) if together(pred) else 1.0
    r = right / together(gold) if together(gold) else 1.0
    return _prf(p, r)


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1)}


def scores(pred: list[str], gold: list[str]) -> dict:
    return {"bcubed": bcubed(pred, gold), "pairwise": pairwise(pred, gold), "groups": len(set(pred))}


def day_labels(articles: list[Article]) -> tuple[list[str], list[str], list[str]]:
    """The daily brief's event and topic of each article (story and topic ids), in input order, and its
    topic ids in the brief's order (``build_stories``: the most important first).  As the product reads
    a folder: copies merged first (``merge_copies``: SkyNews posts one text in two sections), a copy in
    its kept article's story."""
    kept, _ = merge_copies(list(articles))
    stories = build_stories(kept)
    event_of, topic_of = {}, {}
    for s in stories:
        for a in s.articles:
            for stem in [a.stem] + [c.name for c in a.copies]:
                event_of[stem], topic_of[stem] = s.id, s.topic
    ranked = list(dict.fromkeys(s.topic for s in stories))
    return [event_of[a.stem] for a in articles], [topic_of[a.stem] for a in articles], ranked


def top_story(labels: list[dict], topics: list[str], ranked: list[str], outlets: list[str] | None = None) -> dict:
    """Whether the day's largest labelled topic (each labelling's) is the brief's first topic: the brief
    topic that holds most of its articles is the first one.  Also where that topic is ranked and how
    many of the labelled topic's articles it holds.  With the articles' ``outlets``, the same for the
    labelled topic first by the issue's rule (``by_rule``: the most distinct outlets, then events, then
    articles), which need not be the largest: a topic of 20 articles from four outlets comes after
    one of 10 from five."""
    out = {}
    for who in "ab":
        sizes = Counter(row[f"topic_{who}"] for row in labels)
        largest, size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))
        out[who] = _held(largest, size, who, labels, topics, ranked)
        if outlets is not None:
            top, outlets_of, events_of = _by_rule(labels, outlets, who)
            out[who]["by_rule"] = _held(top[0], sizes[top[0]], who, labels, topics, ranked) | {
                "outlets": len(outlets_of[top[0]]), "events": len(events_of[top[0]])}
    return out


def top_five(labels: list[dict], topics: list[str], ranked: list[str], outlets: list[str], k: int = TOP) -> dict:
    """The head of the brief against the head of the day: the ``k`` labelled topics first by the
    issue's rule (``_by_rule``, as ``top_story``'s ``by_rule``), each at the rank of the brief topic
    that holds most of its articles (``_held``), and how many of them are within the brief's first
    ``k`` (each labelling's)."""
    out = {}
    for who in "ab":
        sizes = Counter(row[f"topic_{who}"] for row in labels)
        head = _by_rule(labels, outlets, who)[0][:k]
        ranks = [_held(t, sizes[t], who, labels, topics, ranked)["rank"] for t in head]
        out[who] = {"topics": head, "ranks": ranks, "within": sum(rank <= k for rank in ranks), "of": len(head)}
    return out


def _by_rule(labels: list[dict], outlets: list[str], who: str) -> tuple[list[str], dict, dict]:
    """Labelling ``who``'s topics in the issue's order (the most distinct outlets, then events, then
    articles; ties to the lower id, as the labellings number their topics), with each topic's outlets
    and events."""
    sizes = Counter(row[f"topic_{who}"] for row in labels)
    outlets_of: dict[str, set[str]] = defaultdict(set)
    events_of: dict[str, set[str]] = defaultdict(set)
    for row, o in zip(labels, outlets):
        outlets_of[row[f"topic_{who}"]].add(o)
        events_of[row[f"topic_{who}"]].add(row[f"event_{who}"])
    order = sorted(sizes, key=lambda t: (-len(outlets_of[t]), -len(events_of[t]), -sizes[t], _number(t)))
    return order, outlets_of, events_of


def _number(topic: str) -> tuple[int, str]:
    """A topic id's order as the labellings number them: T2 before T10."""
    digits = "".join(ch for ch in topic if ch.isdigit())
    return (int(digits) if digits else 0, topic)


def _held(topic: str, size: int, who: str, labels: list[dict], topics: list[str], ranked: list[str]) -> dict:
    """Where the brief holds labelled topic ``topic`` (of ``size`` articles): the brief topic holding
    most of it, its rank, whether it is the first."""
    held = Counter(t for row, t in zip(labels, topics) if row[f"topic_{who}"] == topic)
    main, holds = max(held.items(), key=lambda kv: (kv[1], -ranked.index(kv[0])))
    first = [t for t in topics if t == ranked[0]]
    return {"topic": topic, "articles": size, "brief_topic": main, "rank": ranked.index(main) + 1,
            "held": holds, "spread_over": len(held), "first_topic_articles": len(first),
            "first": main == ranked[0]}


def evaluate_ant(shared: Path, folder: Path | str = ANT_DAY) -> dict:
    articles, labels = ant_day(shared, folder)
    started = time.perf_counter()
    events, topics, ranked = day_labels(articles)
    seconds = time.perf_counter() - started
    day = folder if isinstance(folder, str) else folder.name
    outlets = [outlet(a) for a in articles]
    out: dict = {"day": day, "articles": len(articles), "seconds": round(seconds, 2),
                 "product": {}, "labellings": {},
                 "top_story": top_story(labels, topics, ranked, outlets),
                 "top_five": top_five(labels, topics, ranked, outlets)}
    for level, pred in (("event", events), ("topic", topics)):
        a, b = [row[f"{level}_a"] for row in labels], [row[f"{level}_b"] for row in labels]
        out["product"][level] = {"a": scores(pred, a), "b": scores(pred, b)}
        out["product"][level]["mean_bcubed_f1"] = round(
            (out["product"][level]["a"]["bcubed"]["f1"] + out["product"][level]["b"]["bcubed"]["f1"]) / 2, 1)
        out["labellings"][level] = {"a_vs_b": scores(b, a), "groups": [len(set(a)), len(set(b))]}
    return out


def report_ant(r: dict) -> str:
    lines = [f"(g) ANT {r['day']}, {r['articles']} articles, briefed in {r['seconds']:.2f} s"
             " (B-cubed and pairwise P / R / F1, percent):"]
    for level in ("event", "topic"):
        m = r["product"][level]
        for who in ("a", "b"):
            x = m[who]
            lines.append(f"    {level:5} product vs {who}: B-cubed {x['bcubed']['p']:5.1f} / {x['bcubed']['r']:5.1f} /"
                         f" {x['bcubed']['f1']:5.1f}   pairwise {x['pairwise']['p']:5.1f} / {x['pairwise']['r']:5.1f} /"
                         f" {x['pairwise']['f1']:5.1f}   ({x['groups']} groups)")
        x = r["labellings"][level]["a_vs_b"]
        lines.append(f"    {level:5} b vs a:       B-cubed {x['bcubed']['p']:5.1f} / {x['bcubed']['r']:5.1f} /"
                     f" {x['bcubed']['f1']:5.1f}   pairwise {x['pairwise']['p']:5.1f} / {x['pairwise']['r']:5.1f} /"
                     f" {x['pairwise']['f1']:5.1f}   (labellings: {' and '.join(map(str, r['labellings'][level]['groups']))}"
                     " groups)")
        lines.append(f"    {level:5} product B-cubed F1, mean of both labellings: {m['mean_bcubed_f1']:.1f}")
    for who, t in r["top_story"].items():
        lines.append(f"    top story first ({who}): {'yes' if t['first'] else 'NO'}: the largest labelled topic"
                     f" {t['topic']} ({t['articles']} articles) is mostly ({t['held']}) in the brief's topic"
                     f" {t['rank']}, spread over {t['spread_over']}; the first topic has"
                     f" {t['first_topic_articles']} articles")
        if "by_rule" in t:
            u = t["by_rule"]
            lines.append(f"    top story by the rule first ({who}): {'yes' if u['first'] else 'NO'}: the labelled topic"
                         f" of the most outlets ({u['outlets']}), then events ({u['events']}) and articles,"
                         f" {u['topic']} ({u['articles']} articles), is mostly ({u['held']}) in the brief's topic"
                         f" {u['rank']}, spread over {u['spread_over']}")
    for who, t in r["top_five"].items():
        lines.append(f"    the day's first {t['of']} by the rule ({who}) in the brief's first {t['of']}: {t['within']}"
                     f" (their brief topics' ranks: {', '.join(map(str, t['ranks']))})")
    return "\n".join(lines)


def summary(results: list[dict]) -> dict:
    """The days of ``evaluate_ant`` together: the mean of their events and topics (B-cubed F1, each the
    mean of both labellings), and of their B-cubed precision and recall (``event_pr``, ``topic_pr``:
    recall under precision, the brief splits what the labellers join; over it, it joins what they
    split), on how many the top story by the rule is first in both labellings, and the heads of the
    brief (``top_five``) summed over both labellings."""
    n = len(results)

    def mean(level: str, measure: str) -> float:
        return round(sum(r["product"][level][w]["bcubed"][measure] for r in results for w in "ab") / (2 * n), 1)
    return {"days": n,
            "event": round(sum(r["product"]["event"]["mean_bcubed_f1"] for r in results) / n, 2) if n else 0.0,
            "topic": round(sum(r["product"]["topic"]["mean_bcubed_f1"] for r in results) / n, 2) if n else 0.0,
            **{f"{level}_pr": (mean(level, "p"), mean(level, "r")) if n else (0.0, 0.0) for level in ("event", "topic")},
            "top_story_first": sum(all(r["top_story"][w]["by_rule"]["first"] for w in "ab") for r in results),
            "head_within": sum(r["top_five"][w]["within"] for r in results for w in "ab"),
            "head_of": sum(r["top_five"][w]["of"] for r in results for w in "ab")}


def report_summary(s: dict) -> str:
    return (f"(g) over {s['days']} days: events {s['event']:.2f}, topics {s['topic']:.2f} (the days' mean; B-cubed"
            f" precision / recall {s['event_pr'][0]:.1f} / {s['event_pr'][1]:.1f} and"
            f" {s['topic_pr'][0]:.1f} / {s['topic_pr'][1]:.1f}); the top"
            f" story by the rule first on {s['top_story_first']}; of the days' first five by the rule,"
            f" {s['head_within']} of {s['head_of']} in the brief's first five (both labellings)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding data/ntrex/docs (default: ../shared)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--ant", action="store_true",
                        help=f"score events and topics on labelled ANT days (default the shared {ANT_DAY})")
    parser.add_argument("--day", type=Path, action="append", metavar="DIR",
                        help="with --ant: a labelled day's folder, holding stories.jsonl or labels-a.jsonl and"
                             " labels-b.jsonl (repeatable; default the shared day)")
    args = parser.parse_args(argv)
    if args.ant:
        folders = args.day or [shared_day(args.shared)]
        missing = [f for f in folders if not f.is_dir()]
        if missing:
            print(f"Error: no {missing[0]}; pass --shared PATH or --day DIR", file=sys.stderr)
            return 2
        results = [evaluate_ant(args.shared, folder) for folder in folders]
        if args.json:
            print(json.dumps(results if args.day else results[0], ensure_ascii=False, indent=2))
        else:
            print("\n".join(map(report_ant, results)) + ("\n" + report_summary(summary(results)) if len(results) > 1 else ""))
        return 0
    if not (args.shared / "data" / "ntrex" / "docs").is_dir():
        print(f"Error: no {args.shared / 'data' / 'ntrex' / 'docs'}; pass --shared PATH", file=sys.stderr)
        return 2
    r = evaluate(args.shared)
    print(json.dumps(r, ensure_ascii=False, indent=2) if args.json else report(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
