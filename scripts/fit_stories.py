"""Fit the story pair models (``summarize/stories/model.py``) on the labelled ANT day.

    pip install -e .[train]
    python scripts/fit_stories.py [--shared PATH] [--write]

The day: the 128 internationalNews and middleEast articles of 2018-04-10 in the ANT corpus
(Chouigui, Ben Khiroun and Elayeb, AJSE 2021), labelled twice into events and topics
(``<shared>/data/ant/days/2018-04-10``).  The pairs are those grouping compares (its candidate
graph, ``linking.candidates``); a pair's label is whether both labellings put it in one event (one
topic, for the topic model); pairs the two labellings disagree on are left out.  Logistic regression
(scikit-learn, L2; C ``EVENT_C`` for events, chosen below for topics) over ``model.FEATURES``.

Cross-validation, split by topic: the day's topics (labelling a) are dealt at random into two
halves; a model fitted on the pairs within one half's articles groups the whole day, and only the
other half's articles are scored (B-cubed F1 against both labellings, their mean): an article's
event and topic are judged by a model that never saw its topic.  Twenty such splits, both ways (with
ten, one half held the day's largest topic, Douma, more often than the other, and the topic figure
moved by two points).  The
cuts (the probability at which average linkage stops): of the settings whose held-out score (event
plus topic) is within ``PLATEAU`` of the best, the one that groups the whole day best with models
fitted on all of it; those models are the ones shipped.  ``--write`` writes ``summarize/data/story_model.tsv``.
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

from summarize.stories import linking, model  # noqa: E402
from summarize.stories.features import profile, vectors  # noqa: E402

# The event cut is held at 0.45, which the held-out score cannot tell from 0.25-0.60 (89.0-89.8):
# under it NTREX (one outlet, no publication times, so neither feature can hold a pair apart) gets
# wrong merges (eval_stories.py: 8 pairs at 0.25 against 1 at 0.45, as before the models); over it
# the sample's 002-004 (Carter's meeting, named in both; probability 0.28, which the hand rules
# lift, being within linking.RULE_MARGIN of the cut) falls apart.
EVENT_CUTS = [0.45]
TOPIC_CUTS = [0.1, 0.15, 0.2, 0.25]
# The event model's C is held at 10: at 100 it groups 2018-04-10 held out a little better (90.7 against
# 90.3) but NTREX's halves get a wrong merge and its batches of six one more.  The topic model's C is
# chosen with the cuts (held out, topics 90.4 at 10, 91.2 at 30, 91.3 at 100).
EVENT_C = 10.0
C_VALUES = [10.0, 30.0, 100.0]  # the topic model's
PLATEAU = 0.3  # held-out points (event + topic) within which settings count as equally good (was 1.0: with the
# topic C in the grid it took in every setting, and the choice was the fit to the whole day alone)


def day_pairs(shared: Path):
    """The day's articles, labels, candidate pairs, their features (a list of dicts), their links and
    the articles' topic vectors (``linking.merge_by_centroid``)."""
    articles, labels = ant_day(shared)
    profiles = [profile(a) for a in articles]
    df = vectors(profiles)
    links, table = linking.compare(profiles, df)
    pairs = sorted(links)
    return articles, labels, pairs, [table[pair] for pair in pairs], links, [p.topic_vector for p in profiles]


def fit(rows, y, c, level):
    """A logistic regression over the level's features (``model.LEVEL_FEATURES``); ``c``: the topic
    model's C (the event model's is ``EVENT_C``)."""
    from sklearn.linear_model import LogisticRegression
    c = EVENT_C if level == "event" else c
    names = model.LEVEL_FEATURES[level]
    x = [[r[name] for name in names] for r in rows]
    m = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    return model.Model(dict(zip(names, map(float, m.coef_[0]))), float(m.intercept_[0]), 0.5)


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


def score(labels, owner, level, only=None):
    items = range(len(labels)) if only is None else sorted(only)
    pred = [owner[i] for i in items]
    return sum(bcubed(pred, [labels[i][f"{level}_{w}"] for i in items])["f1"] for w in "ab") / 2


def cross_validate(labels, pairs, features, links, splits=10, seed=0, topic_vectors=None):
    """Held-out B-cubed F1 (mean of both labellings) for every (C, event cut, topic cut)."""
    n = len(labels)
    topics = sorted({row["topic_a"] for row in labels})
    results: dict[tuple, list[tuple[float, float]]] = {}
    for split in range(splits):
        shuffled = topics[:]
        random.Random(seed + split).shuffle(shuffled)
        half = set(shuffled[: len(shuffled) // 2])
        for side in (True, False):
            train = {i for i in range(n) if (labels[i]["topic_a"] in half) == side}
            test = set(range(n)) - train
            inside = [k for k, (i, j) in enumerate(pairs) if i in train and j in train]
            for c in C_VALUES:
                fitted = {}
                for level in ("event", "topic"):
                    y = targets(labels, [pairs[k] for k in inside], level)
                    keep = [k for k, t in zip(inside, y) if t is not None]
                    fitted[level] = fit([features[k] for k in keep], [t for t in y if t is not None], c, level)
                for ecut in EVENT_CUTS:
                    for tcut in TOPIC_CUTS:
                        events, topics_ = group_with(n, pairs, features, links, fitted, ecut, tcut, topic_vectors)
                        results.setdefault((c, ecut, tcut), []).append(
                            (score(labels, events, "event", test), score(labels, topics_, "topic", test)))
    return {key: (sum(e for e, _ in v) / len(v), sum(t for _, t in v) / len(v)) for key, v in results.items()}


def group_with(n, pairs, features, links, fitted, ecut, tcut, topic_vectors=None):
    """The product's events and topics (``linking.score_links`` and ``levels``) under fitted models."""
    models = {"event": model.Model(fitted["event"].weights, fitted["event"].bias, ecut),
              "topic": model.Model(fitted["topic"].weights, fitted["topic"].bias, tcut)}
    linking.score_links(links, dict(zip(pairs, features)), models)
    return linking.levels(n, links, models, topic_vectors)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--write", action="store_true", help="write summarize/data/story_model.tsv")
    parser.add_argument("--splits", type=int, default=20)
    args = parser.parse_args(argv)
    articles, labels, pairs, features, links, topic_vectors = day_pairs(args.shared)
    n = len(labels)
    same_event = sum(1 for t in targets(labels, pairs, "event") if t)
    all_same = sum(1 for i in range(n) for j in range(i + 1, n)
                   if labels[i]["event_a"] == labels[j]["event_a"] and labels[i]["event_b"] == labels[j]["event_b"])
    print(f"{n} articles, {len(pairs)} candidate pairs; {same_event} of the {all_same} same-event pairs among them")
    cv = cross_validate(labels, pairs, features, links, args.splits, topic_vectors=topic_vectors)
    for key in sorted(cv, key=lambda k: -(cv[k][0] + cv[k][1]))[:8]:
        print(f"  topic C {key[0]:<5} event cut {key[1]:.2f} topic cut {key[2]:.2f}: held-out event {cv[key][0]:.1f}"
              f" topic {cv[key][1]:.1f}")
    top = max(e + t for e, t in cv.values())
    plateau = [key for key in cv if sum(cv[key]) >= top - PLATEAU]
    # the held-out scores are flat near the top: among the settings within PLATEAU of the best, the one
    # that groups the whole day best, fitted on all of it
    whole: dict[float, dict] = {}
    for c in sorted({key[0] for key in plateau}):
        whole[c] = {}
        for level in ("event", "topic"):
            y = targets(labels, pairs, level)
            keep = [k for k, t in enumerate(y) if t is not None]
            whole[c][level] = fit([features[k] for k in keep], [y[k] for k in keep], c, level)

    def day_score(key):
        events, topics = group_with(n, pairs, features, links, whole[key[0]], key[1], key[2], topic_vectors)
        return score(labels, events, "event") + score(labels, topics, "topic")
    best = max(sorted(plateau), key=day_score)
    c, ecut, tcut = best
    fitted = {level: model.Model(m.weights, m.bias, cut)
              for (level, m), cut in zip(whole[c].items(), (ecut, tcut))}
    events, topics = group_with(n, pairs, features, links, fitted, ecut, tcut, topic_vectors)
    print(f"{len(plateau)} settings within {PLATEAU} of the best held-out sum; chosen: topic C {c}, event cut {ecut},"
          f" topic cut {tcut} (held-out event {cv[best][0]:.1f}, topic {cv[best][1]:.1f})")
    print(f"whole day, fitted on it: event {score(labels, events, 'event'):.1f} ({len(set(events))} events),"
          f" topic {score(labels, topics, 'topic'):.1f} ({len(set(topics))} topics)")
    for level, m in fitted.items():
        print(f"  {level}: bias {m.bias:+.2f}, " + ", ".join(f"{k} {v:+.2f}" for k, v in m.weights.items()))
    if args.write:
        lines = ["# Story pair models (summarize/stories/model.py), written by scripts/fit_stories.py --write:",
                 f"# logistic regression (scikit-learn, L2, C={EVENT_C} for events, {c} for topics) on the candidate pairs of ANT {ANT_DAY}",
                 f"# ({n} articles, {len(pairs)} pairs), labels from both labellings where they agree.",
                 f"# Cross-validation split by topic (2 halves x {args.splits} random splits, both ways):",
                 f"# held-out B-cubed F1 event {cv[best][0]:.1f}, topic {cv[best][1]:.1f} at these cuts.",
                 "# level\tname\tvalue (bias, cut: where average linkage stops, then one weight a feature)"]
        for level, m in fitted.items():
            lines += [f"{level}\tbias\t{m.bias:.4f}", f"{level}\tcut\t{m.cut}"]
            lines += [f"{level}\t{k}\t{v:.4f}" for k, v in m.weights.items()]
        model.MODEL.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {model.MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
