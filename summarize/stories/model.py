"""The pair model: how likely two articles of a day report the same event, or the same topic.

A logistic regression over what can be computed for any pair (``pair_features``): the TF-IDF cosine
of the whole texts and of the titles and leads (with rarity from the day and the background, and
from the background alone), the title words both use (for events, only across
two outlets), rare words and named words (words the background table of general Arabic does not
know) both use, the figures and officials both name, a conflict (``conflicts.conflicts``), the same
outlet, how far apart they were published, whether both titles are about the same one (their
speaker, else their first word), and how alike the titles and the leads mean (``encoder``: a sentence
encoder's vectors; the event model only).  Its weights were fitted on a labelled day of five
outlets (``scripts/fit_stories.py``, scikit-learn, which the product does not need: it reads the
weights, ``data/story_model.tsv``, and takes a dot product).

Two models: ``event`` (one happening) and ``topic`` (the developing story a desk puts under one
heading); grouping (``linking.cluster``) merges by average linkage over each one's probabilities.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from summarize.document import Article
from summarize.language.vocabulary import words
from summarize.stories import encoder
from summarize.stories.features import Profile, unit_cosine

MODEL = Path(__file__).resolve().parents[1] / "data" / "story_model.tsv"
FEATURES = ("cosine", "lead_cosine", "lead_cross", "rare_words", "exclusive_words", "named_words",
            "figures", "people", "conflict", "same_outlet", "days_apart", "title_words", "title_words_across",
            "topic_cosine", "topic_lead_cosine", "rare_topic_cosine", "same_head", "title_meaning", "lead_meaning")
# topic_cosine, topic_lead_cosine: the cosines of the topic vectors (``features.vectors``: rarity from
# the background alone, so the words of the day's big story still count).  The topic model reads them
# (held out, split by topic: topics 84.7 -> 89.9, the Douma topic of 47 articles held together); the
# event model does not: it gained 0.3 held out, and NTREX's batches of six got a wrong merge more.
# The title words both use tell topics apart (held out: topics 84.0 -> 84.7, the whole day 83.5 ->
# 89.5).  The event model reads them only across two known outlets (title_words_across; events 88.2
# -> 90.0, held out 89.0 -> 89.5): within one outlet, or where none is known, titles share names across
# events (NTREX's Kavanaugh and North Korea pieces: 4 wrong merges, not 1).  rare_topic_cosine: the
# topic vectors over their rare words only (``Profile.rare_topic_vector``): a topic's own places and
# people, not the countries many topics share (the topic model only).  same_head: both titles are
# about the same one (``title_head``: the words before the title's colon, "ماتيس: …", else its first
# content word): on a day one story takes over, its events are who said what (the event model
# only; each of six days left out, events 90.95 -> 91.28: 2018-04-10 89.8 -> 90.6, 2018-03-13 91.1 ->
# 92.4, 2018-04-14 80.7 -> 81.3, 2018-02-25 95.5 -> 94.6, one article; as the product reads the days,
# 91.15 -> 91.45; NTREX and the sample unchanged, as ``event_untimed`` does not read it).
# title_meaning, lead_meaning: the cosines of what the titles and the leads mean (``encoder``: a
# multilingual sentence encoder), which word overlap cannot see: the event model only (each of six
# days left out, events 91.27 -> 91.73).  Not the topic model: it read them too for one scoring of the
# days held out to the end, where topics fell on two of three (2018-04-20 93.8 -> 88.8: different
# topics that read alike, two French rulings on Muslims, two sex scandals, merged).
LEVEL_FEATURES = {"event": tuple(f for f in FEATURES
                                 if f not in ("title_words", "topic_cosine", "topic_lead_cosine",
                                              "rare_topic_cosine")),
                  "topic": tuple(f for f in FEATURES if f not in ("title_words_across", "same_head", "title_meaning",
                                                                  "lead_meaning"))}
# ``event_untimed``: the event model for a pair whose outlets or publication times are not both known
# (NTREX, the sample, a folder of plain texts): the same features but same_head and
# the sentence encoder's cosines (which came after it and were not tried there), fitted apart
# (``scripts/fit_stories.py``)
LEVEL_FEATURES["event_untimed"] = tuple(f for f in LEVEL_FEATURES["event"]
                                        if f not in ("same_head", "title_meaning", "lead_meaning"))
RARE = 0.01  # a "rare" word: fewer than this share of background documents use it
NAMED_POSTINGS = 0.2  # a named word more than this share of the day's articles use marks the day, not a pair
# An ANT record's DOCNO (outlet-section-number-yyyymmdd), which the product keeps as the stem:
# the outlet and day when the reader gave none.
_DOCNO = re.compile(r"^([A-Z]{2})-[A-Za-z]+-\d+-(\d{8})$")


def outlet(article: Article) -> str:
    """The article's outlet ("" unknown): the reader's, else an ANT DOCNO's first letters."""
    known = getattr(article, "outlet", None)
    if known:
        return str(known)
    m = _DOCNO.match(article.stem)
    return m.group(1) if m else ""


def published(article: Article) -> float | None:
    """When the article was published, in days since the epoch (None: unknown): the reader's time,
    else the day of an ANT DOCNO (noon)."""
    known = getattr(article, "published", None)
    if isinstance(known, datetime):
        return known.timestamp() / 86400
    if isinstance(known, str) and known:
        try:
            return datetime.fromisoformat(known).timestamp() / 86400
        except ValueError:
            pass
    m = _DOCNO.match(article.stem)
    if m:
        try:
            return datetime.strptime(m.group(2) + "12", "%Y%m%d%H").timestamp() / 86400
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Model:
    """One logistic regression: ``weights`` by feature name, ``bias``, and the probability ``cut`` at
    which average linkage stops merging; ``centroid``: for topics, the centroid cosine at which
    ``clustering.merge_by_centroid`` stops (None: ``linking.TOPIC_CENTROID``; 0 or less: no centroid merge)."""

    weights: dict[str, float]
    bias: float
    cut: float
    centroid: float | None = None

    def probability(self, x: dict[str, float]) -> float:
        z = self.bias + sum([w * x.get(name, 0.0) for name, w in self.weights.items()])
        return 1 / (1 + math.exp(-z)) if z > -50 else 0.0


@lru_cache(maxsize=4)
def models(path: Path = MODEL) -> dict[str, Model]:
    """The fitted models by level ("event", "topic", and "event_untimed" where the file has it)."""
    table: dict[str, dict[str, float]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            level, name, value = line.split("\t")
            table.setdefault(level, {})[name] = float(value)
    return {level: Model({k: v for k, v in t.items() if k in LEVEL_FEATURES[level]}, t["bias"], t["cut"],
                         t.get("centroid"))
            for level, t in table.items()}


@dataclass(frozen=True)
class Words:
    """What ``pair_features`` reads of one article against its day, computed once per article."""

    rare: frozenset[str]  # words rare in the background that few of the day's articles use
    named: frozenset[str]  # words the background does not know at all (names, mostly)
    outlet: str
    published: float | None
    title: frozenset[str] = frozenset()  # the title's content words
    head: frozenset[str] = frozenset()  # who or what the title is about (``title_head``)

    @classmethod
    def of(cls, p: Profile, df: Counter, common: dict[str, float], articles: int) -> Words:
        crowd = max(3, NAMED_POSTINGS * articles)
        rare = frozenset(w for w in p.counts if common.get(w, 0.0) < RARE and df[w] >= 2)
        named = frozenset(w for w in rare if w not in common)
        title = frozenset(words(p.article.title.ar)) if p.article.title else frozenset()
        head = title_head(p.article.title.ar) if p.article.title else frozenset()
        return cls(frozenset(w for w in rare if df[w] <= crowd), frozenset(w for w in named if df[w] <= crowd),
                   outlet(p.article), published(p.article), title, head)


def pair_features(p: Profile, q: Profile, wp: Words, wq: Words, similarity: float, exclusive: int,
                  people: int, figures: int, conflict: bool, cross: float | None = None) -> dict[str, float]:
    """The model's inputs for one pair (``similarity``: their whole-text cosine; ``exclusive``,
    ``people``, ``figures``: the counts ``linking.make_link`` found; ``conflict``: any conflict;
    ``cross``: how close one's lead comes to the other's text, where the caller has it)."""
    lead = unit_cosine(p.lead_vector, q.lead_vector)
    if cross is None:
        cross = max(unit_cosine(p.lead_vector, q.vector), unit_cosine(q.lead_vector, p.vector))
    days = abs(wp.published - wq.published) if wp.published is not None and wq.published is not None else 0.0
    titles = len(wp.title & wq.title) / math.sqrt(len(wp.title) * len(wq.title)) if wp.title and wq.title else 0.0
    return {
        "cosine": similarity,
        "lead_cosine": lead,
        "lead_cross": cross,
        "rare_words": math.log1p(len(wp.rare & wq.rare)),
        "exclusive_words": math.log1p(exclusive),
        "named_words": math.log1p(len(wp.named & wq.named)),
        "figures": math.log1p(figures),
        "people": math.log1p(people),
        "conflict": float(conflict),
        "same_outlet": float(bool(wp.outlet) and wp.outlet == wq.outlet),
        "days_apart": min(days, 3.0),
        "title_words": titles,
        "title_words_across": titles if wp.outlet and wq.outlet and wp.outlet != wq.outlet else 0.0,
        "same_head": float(bool(wp.head & wq.head)),
        "topic_cosine": unit_cosine(p.topic_vector, q.topic_vector),
        "topic_lead_cosine": unit_cosine(p.topic_lead_vector, q.topic_lead_vector),
        "rare_topic_cosine": unit_cosine(p.rare_topic_vector, q.rare_topic_vector),
        "title_meaning": encoder.cosine(p.title_meaning, q.title_meaning),
        "lead_meaning": encoder.cosine(p.lead_meaning, q.lead_meaning),
        # not a model's input: whether both outlets and times are known (``timed``)
        "timed": float(bool(wp.outlet and wq.outlet) and wp.published is not None and wq.published is not None),
    }


_SPEAKER = re.compile(r"^\s*([^:：.]{2,40}?)\s*[:：]")


def title_head(title: str) -> frozenset[str]:
    """Who or what a title is about: the content words before its colon ("ماتيس: …", "موسكو: …"),
    else its first content word ("ترامب يعلن …"); empty when it has none."""
    m = _SPEAKER.match(title)
    said = words(m.group(1)) if m else []
    return frozenset(said or words(title)[:1])


def timed(features: dict[str, float]) -> bool:
    """Whether a pair's outlets and publication times are both known (``pair_features``), so that the
    event model fitted with them applies; else ``event_untimed``."""
    return features.get("timed", 0.0) > 0
