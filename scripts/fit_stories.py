"""Fit the story pair models (``summarize/stories/model.py``) on labelled ANT days.

    pip install -e .[train]
    python scripts/fit_stories.py [--day DIR ...] [--shared PATH] [--splits N] [--write]

The days (``--day DIR``, repeatable; each a folder ``eval_stories.read_labels`` reads): by default
the shared 2018-04-10 (the 128 internationalNews and middleEast articles of that day in the ANT
corpus, Chouigui, Ben Khiroun and Elayeb, AJSE 2021; ``<shared>/data/ant/days/2018-04-10``) and five
days of ``scripts/ant_days/`` (``DAYS``), each labelled twice into events and topics; each model
learns from the days ``LEVEL_DAYS`` gives it.  The
pairs are those grouping compares by their rare words (its candidate graph, ``candidates.candidates``;
not the pairs compared for their leads' meaning, ``candidates.MEANING_NEIGHBOURS``), taken within each
day; a pair's label is whether both labellings put it in one event (one topic, for the topic model);
pairs the two labellings disagree on are left out.  Logistic regression (scikit-learn, L2; C
``EVENT_C`` for events, chosen below for topics) over ``model.FEATURES``.

Two held-out estimates per day, for every setting (the topic model's C, the topic cut, the centroid
cut of ``clustering.merge_by_centroid``):

* leave one day out: models fitted on the other days group the whole day;
* split by topic: the day's topics (labelling a) are dealt at random into two halves; models fitted
  on one half's pairs and on the other days group the whole day, and only the other half's articles
  are scored, both ways, ``--splits`` times.

Scores are B-cubed F1 against both labellings, their mean.  A setting's worth is the days' mean
held-out topics (leave-one-day-out plus split-by-topic, halved).  Until 2026-12-06 night it was the
worst day's events plus topics; but the settings change topics only, so the events only chose the
day, always 2018-04-14 (its events are the lowest), whose topics alone chose the topic model, and a
change to the event model flipped the choice between C 30 and C 100.  The worst day's topics alone
would choose C 100, topic cut 0.3, which groups the shared day's topics at 89.9 fitted on all.  Of
the settings within ``PLATEAU`` of the best worth, the one that groups the days best with models
fitted on all of them; those models are the ones shipped.
``--write`` writes ``summarize/data/story_model.tsv``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_stories import ANT_DAY, ant_day, bcubed  # noqa: E402

from summarize.ingest.copies import merge_copies  # noqa: E402
from summarize.stories import linking, model  # noqa: E402
from summarize.stories.candidates import candidates  # noqa: E402
from summarize.stories.features import profile, vectors  # noqa: E402

# The event cut is held at 0.45, which the held-out score cannot tell from 0.25-0.60 (89.0-89.8):
# under it NTREX (one outlet, no publication times, so neither feature can hold a pair apart) gets
# wrong merges (eval_stories.py: 8 pairs at 0.25 against 1 at 0.45, as before the models); over it
# the sample's 002-004 (Carter's meeting, named in both; probability 0.28, which the hand rules
# lift, being within linking.RULE_MARGIN of the cut) falls apart.
EVENT_CUT = 0.45
TOPIC_CUTS = [0.15, 0.2, 0.25, 0.3, 0.35]
# The event model's C is held at 10: at 100 it groups 2018-04-10 held out a little better (90.7 against
# 90.3) but NTREX's halves get a wrong merge and its batches of six one more.  The topic model's C is
# chosen with the cuts (held out, topics 90.4 at 10, 91.2 at 30, 91.3 at 100).
EVENT_C = 10.0
C_VALUES = [10.0, 30.0, 100.0]  # the topic model's
# The centroid cut (clustering.merge_by_centroid; 0: no centroid merge), chosen with them.
CENTROIDS = [0.0, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
PLATEAU = 0.3  # held-out points (topics) within which settings count as equally good (was 1.0: with the
# topic C in the grid it took in every setting, and the choice was the fit to the whole day alone)


# The days each model learns from (None: every day given).  The event model learns from every day;
# ``event_untimed`` (pairs whose outlets or times are not both known) from the shared day alone: fitted
# on more days it leans on the times and weighs the shared officials less (people -1.66 on six days
# against +0.07), so the sample's 002-004 (Carter's meeting, named in both, on a day without outlets or
# times) scores 0.05 and falls apart, and NTREX gets 2 wrong merges against 1; fitted without the outlet
# and time features on six days, the same.  The topic model learns from every day but 2018-04-14: a day
# of one story gives hundreds of pairs of one topic whose day cosine is low, and teaches the opposite of
# the other days (fitted on four days with it, topics were worse on every day).  Without it, on five
# days: held-out topics 93.34 -> 94.38 on average (worth, below), against the two days 2018-04-10 and
# 2018-03-20 it learnt from until 2026-12-06 night.
LEVEL_DAYS: dict[str, list[str] | None] = {"event": None, "event_untimed": [ANT_DAY],
                                           "topic": [ANT_DAY, "2018-03-20", "2018-02-25", "2018-04-08", "2018-03-13"]}
FOLDERS = ROOT / "scripts" / "ant_days"
# the shared day by its date, then folders: every labelled day but those held out to the end
# (2018-03-16, 2018-04-20 and 2018-04-27: docs/stories.md says when each was scored)
DAYS = [ANT_DAY] + [FOLDERS / d for d in ("2018-03-20", "2018-02-25", "2018-04-14", "2018-04-08", "2018-03-13")]


class Day:
    """A labelled day: its labels, candidate pairs, their features (a list of dicts), their links and
    the articles' topic vectors (``clustering.merge_by_centroid``)."""

    def __init__(self, shared: Path, folder: Path | str, merged: bool = False) -> None:
        articles, self.labels = ant_day(shared, folder)
        if merged:  # as the product reads a folder: a copy is not grouped, its kept article is
            kept, _ = merge_copies(list(articles))
            label = {a.stem: row for a, row in zip(articles, self.labels)}
            articles, self.labels = kept, [label[a.stem] for a in kept]
        self.name = folder if isinstance(folder, str) else folder.name
        self.n = len(articles)
        profiles = [profile(a) for a in articles]
        df = vectors(profiles)
        self.links, table = linking.compare(profiles, df)
        self.pairs = sorted(self.links)
        self.features = [table[pair] for pair in self.pairs]
        # the models learn from the rare-word candidates alone, not from the pairs compared for their
        # leads' meaning (``candidates.MEANING_NEIGHBOURS``): learning from those too was worse
        found = candidates(profiles, df)
        self.learnt = {pair for pair in self.pairs if pair in found}
        self.topic_vectors = [p.topic_vector for p in profiles]

    def rows(self, level: str, only: set[int] | None = None) -> tuple[list[dict], list[int]]:
        """The features and labels of the pairs within ``only`` (all: None) that the labellings agree on."""
        keep = [k for k, (i, j) in enumerate(self.pairs)
                if (i, j) in self.learnt and (only is None or (i in only and j in only))]
        y = targets(self.labels, [self.pairs[k] for k in keep], level)
        return [self.features[k] for k, t in zip(keep, y) if t is not None], [t for t in y if t is not None]

    def score_with(self, fitted: dict[str, model.Model]) -> None:
        """Score the day's links with fitted models (the event cut ``EVENT_CUT``)."""
        self.fitted = at_cuts(fitted)
        linking.score_links(self.links, dict(zip(self.pairs, self.features)), self.fitted)

    def group(self, tcut: float, centroid: float) -> tuple[list[int], list[int]]:
        """Events and topics (``linking.levels``) from the links as last scored, at these cuts."""
        return linking.levels(self.n, self.links, at_cuts(self.fitted, tcut, centroid), self.topic_vectors)

    def score(self, owner: list[int], level: str, only: set[int] | None = None) -> float:
        items = range(self.n) if only is None else sorted(only)
        pred = [owner[i] for i in items]
        return sum(bcubed(pred, [self.labels[i][f"{level}_{w}"] for i in items])["f1"] for w in "ab") / 2


def targets(labels, pairs, level):
    """Per pair: 1 both labellings together, 0 both apart, None they disagree (for topics, None also
    for a pair of one event: the topic model learns what links different events)."""
    out = []
    for i, j in pairs:
        if level == "topic" and labels[i]["event_a"] == labels[j]["event_a"]:
            out.append(None)
            continue
        a = labels[i][f"{level}_a"] == labels[j][f"{level}_a"]
        b = labels[i][f"{level}_b"] == labels[j][f"{level}_b"]
        out.append(int(a) if a == b else None)
    return out


def at_cuts(fitted: dict[str, model.Model], tcut: float | None = None,
            centroid: float | None = None) -> dict[str, model.Model]:
    """The fitted models at the cuts grouping uses: the event models at ``EVENT_CUT``, the topic model at
    ``tcut`` and ``centroid`` (as fitted where None)."""
    return {level: model.Model(m.weights, m.bias, EVENT_CUT) if level.startswith("event") else
            model.Model(m.weights, m.bias, m.cut if tcut is None else tcut, m.centroid if centroid is None else centroid)
            for level, m in fitted.items()}


def fit(rows, y, c, level):
    """A logistic regression over the level's features (``model.LEVEL_FEATURES``); ``c``: the topic
    model's C (the event model's is ``EVENT_C``)."""
    from sklearn.linear_model import LogisticRegression
    c = EVENT_C if level.startswith("event") else c
    names = model.LEVEL_FEATURES[level]
    x = [[r[name] for name in names] for r in rows]
    m = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    return model.Model(dict(zip(names, map(float, m.coef_[0]))), float(m.intercept_[0]), 0.5)


def fit_on(parts: list[tuple[Day, set[int] | None]], c: float, untimed: bool = False) -> dict[str, model.Model]:
    """The models fitted on the pairs of ``parts`` (a day and the articles of it to learn from: all,
    None), each level on the days ``LEVEL_DAYS`` gives it (on all of ``parts`` where none of them is);
    ``event_untimed`` only with ``untimed`` (the models shipped): every labelled pair has outlets and
    times, so the held-out estimates never use it."""
    fitted = {}
    for level, names in LEVEL_DAYS.items():
        if level == "event_untimed" and not untimed:
            continue
        rows, y = [], []
        chosen = [(day, only) for day, only in parts if names is None or day.name in names]
        for day, only in chosen or parts:
            r, t = day.rows("event" if level == "event_untimed" else level, only)
            rows += r
            y += t
        fitted[level] = fit(rows, y, c, level)
    return fitted


def settings():
    return [(c, tcut, centroid) for c in C_VALUES for tcut in TOPIC_CUTS for centroid in CENTROIDS]


def leave_one_day_out(days: list[Day]) -> dict[tuple, dict[str, tuple[float, float]]]:
    """Per setting, per day: (event, topic) of the whole day grouped by models fitted on the other days."""
    out: dict[tuple, dict[str, tuple[float, float]]] = {key: {} for key in settings()}
    for day in days:
        for c in C_VALUES:
            day.score_with(fit_on([(other, None) for other in days if other is not day], c))
            for tcut in TOPIC_CUTS:
                for centroid in CENTROIDS:
                    events, topics = day.group(tcut, centroid)
                    out[(c, tcut, centroid)][day.name] = (day.score(events, "event"), day.score(topics, "topic"))
    return out


def split_by_topic(days: list[Day], splits: int, seed: int = 0) -> dict[tuple, dict[str, tuple[float, float]]]:
    """Per setting, per day: (event, topic) of the held-out half's articles, the models fitted on the
    other half's pairs and the other days', mean over ``splits`` random splits both ways."""
    sums: dict[tuple, dict[str, list[float]]] = {key: {} for key in settings()}
    for day in days:
        topics = sorted({row["topic_a"] for row in day.labels})
        others = [(other, None) for other in days if other is not day]
        for split in range(splits):
            shuffled = topics[:]
            random.Random(seed + split).shuffle(shuffled)
            half = set(shuffled[: len(shuffled) // 2])
            for side in (True, False):
                train = {i for i in range(day.n) if (day.labels[i]["topic_a"] in half) == side}
                test = set(range(day.n)) - train
                for c in C_VALUES:
                    day.score_with(fit_on(others + [(day, train)], c))
                    for tcut in TOPIC_CUTS:
                        for centroid in CENTROIDS:
                            events, topics_ = day.group(tcut, centroid)
                            total = sums[(c, tcut, centroid)].setdefault(day.name, [0.0, 0.0])
                            total[0] += day.score(events, "event", test)
                            total[1] += day.score(topics_, "topic", test)
    return {key: {name: (e / (2 * splits), t / (2 * splits)) for name, (e, t) in v.items()} for key, v in sums.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--day", type=Path, action="append", metavar="DIR",
                        help="a labelled day's folder (repeatable; default the six days tuned on, DAYS)")
    parser.add_argument("--write", action="store_true", help="write summarize/data/story_model.tsv")
    parser.add_argument("--splits", type=int, default=10)
    parser.add_argument("--merge-copies", action="store_true",
                        help="learn from and score each day with its copies merged, as the product reads it"
                             " (a check: the models shipped learn from every file; not with --write)")
    args = parser.parse_args(argv)
    if args.merge_copies and args.write:
        parser.error("--merge-copies is a check, not how the shipped models are fitted: leave out --write")
    days = [Day(args.shared, folder, args.merge_copies) for folder in (args.day or DAYS)]
    for day in days:
        same = sum(1 for t in targets(day.labels, sorted(day.learnt), "event") if t)
        print(f"{day.name}: {day.n} articles, {len(day.pairs)} pairs compared, {len(day.learnt)} of them learnt from "
              f"(rare-word candidates), {same} same-event pairs among those")
    lodo = leave_one_day_out(days) if len(days) > 1 else {key: {} for key in settings()}
    split = split_by_topic(days, args.splits)

    def worth(key) -> float:
        """The days' mean held-out topics (leave-one-day-out and split-by-topic, halved): a setting
        (topic C, topic cut, centroid cut) changes topics only."""
        return sum((lodo[key].get(d.name, split[key][d.name])[1] + split[key][d.name][1]) / 2 for d in days) / len(days)

    def line(key) -> str:
        return f"  topic C {key[0]:<5} topic cut {key[1]:.2f} centroid {key[2]:.2f}: " + "; ".join(
            f"{d.name} left out {lodo[key][d.name][0]:.1f} / {lodo[key][d.name][1]:.1f}" * (d.name in lodo[key])
            + f", split by topic {split[key][d.name][0]:.1f} / {split[key][d.name][1]:.1f}" for d in days)
    ranked = sorted(settings(), key=lambda k: -worth(k))
    print("held out, events / topics (the best by the days' mean topics first):")
    for key in ranked[:10]:
        print(f"{line(key)} (worth {worth(key):.2f})")
    top = worth(ranked[0])
    plateau = [key for key in ranked if worth(key) >= top - PLATEAU]
    whole = {c: fit_on([(d, None) for d in days], c, untimed=True) for c in sorted({key[0] for key in plateau})}

    def fitted_score(key) -> float:
        total = 0.0
        for day in days:
            day.score_with(whole[key[0]])
            events, topics = day.group(key[1], key[2])
            total += day.score(events, "event") + day.score(topics, "topic")
        return total
    best = max(sorted(plateau), key=fitted_score)
    c, tcut, centroid = best
    print(f"{len(plateau)} settings within {PLATEAU} of the best; chosen: topic C {c}, event cut {EVENT_CUT},"
          f" topic cut {tcut}, centroid cut {centroid}")
    print(line(best))
    fitted = at_cuts(whole[c], tcut, centroid)
    for day in days:
        day.score_with(fitted)
        events, topics = day.group(tcut, centroid)
        print(f"{day.name}, fitted on all days: event {day.score(events, 'event'):.1f} ({len(set(events))} events),"
              f" topic {day.score(topics, 'topic'):.1f} ({len(set(topics))} topics)")
    for level, m in fitted.items():
        print(f"  {level}: bias {m.bias:+.2f}, " + ", ".join(f"{k} {v:+.2f}" for k, v in m.weights.items()))
    if args.write:
        lines = ["# Story pair models (summarize/stories/model.py), written by scripts/fit_stories.py --write:",
                 (f"# logistic regression (scikit-learn, L2, C={EVENT_C} for events, {c} for topics) on the candidate"
                  " pairs of the labelled ANT days"),
                 "# " + ", ".join(f"{d.name} ({d.n} articles, {len(d.learnt)} pairs)" for d in days) + ";",
                 "# " + "; ".join(f"{level} on " + ("all" if names is None else ", ".join(
                     d.name for d in days if d.name in names)) for level, names in LEVEL_DAYS.items()) + ";",
                 "# labels from both labellings where they agree.  Held out (B-cubed F1, events / topics):",
                 "#" + line(best)[1:],
                 (f"# (leave one day out; split by topic: 2 halves x {args.splits} random splits, both ways, the"
                  " other days fitted on too)."),
                 ("# level\tname\tvalue (bias; cut: where average linkage stops; centroid: where the centroid merge"
                  " stops; then one weight a feature)")]
        for level, m in fitted.items():
            lines += [f"{level}\tbias\t{m.bias:.4f}", f"{level}\tcut\t{m.cut}"]
            if m.centroid is not None:
                lines.append(f"{level}\tcentroid\t{m.centroid}")
            lines += [f"{level}\t{k}\t{v:.4f}" for k, v in m.weights.items()]
        model.MODEL.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {model.MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
