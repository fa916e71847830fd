"""A story: the articles on one event, its summary across sources, its figures compared; a topic:
the stories (events) a desk puts under one heading.

``build_stories`` groups a batch into events and topics (``linking``), leads each story with its
most central article, summarizes it across its sources (``story_summary``, the selection of
``summarize.summary.select``) and compares the figures the sources report (``compare_figures``:
agreed, or side by side where they differ).  Stories come topic by topic, the most important topic
first (``topic_importance``: more outlets, then more events and articles, the latest published).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from summarize.document import Article, Sentence, Text
from summarize.runtime.progress import progress
from summarize.stories.features import Figure, Profile, profile, vectors
from summarize.stories.linking import Link, cluster_day
from summarize.stories.model import outlet, published
from summarize.summary import salience
from summarize.summary.select import (
    MIN_WORDS,
    default_length,
    overlap_words,
    select,
    sentence_scores,
    similarity,
)

if TYPE_CHECKING:
    import numpy as np

RANK_WEIGHT = 0.25  # story summary: a sentence of the article ranked r weighs 1 / (1 + RANK_WEIGHT * r)


@dataclass
class Story:
    id: str
    articles: list[Article]  # the lead article first
    summary: list[tuple[str, Sentence]]  # (article stem, sentence), the lead first
    discrepancies: list[list[Figure]]  # each: the differing figures for one key, one per source
    agreements: list[list[Figure]]  # each: one figure per source that agrees
    links: list[Link]  # the links that joined its articles, strongest (first merged) first
    latest_year: int | float = 0  # the latest year any source mentions (0: none)
    nearest_apart: Link | None = None  # the strongest link to an article outside it, and why it stayed out
    topic: str = ""  # the id of its topic (``Topic``)
    # the sum of its articles' lead vectors (``Profile.lead_meaning``, the sentence encoder's), which
    # the story history makes its topic's meaning of (``history_entries.meaning``); None: none had one
    meaning_sum: np.ndarray | None = None

    @property
    def lead(self) -> Article:
        return self.articles[0]

    @property
    def outlets(self) -> list[str]:
        """The outlets its articles (and their copies) come from (``outlets_of``)."""
        return outlets_of(self.articles)

    @cached_property
    def headline(self) -> Text:
        """The story's title in the briefs: ``story_headline``, worked out once (every format asks, and
        its topic's title too)."""
        return story_headline(self)


@dataclass
class Topic:
    """The stories (events) of one developing story, the most important first."""

    id: str
    stories: list[Story]

    @property
    def lead(self) -> Story:
        return self.stories[0]

    @property
    def articles(self) -> list[Article]:
        return [a for s in self.stories for a in s.articles]

    @property
    def outlets(self) -> list[str]:
        """The outlets its articles (and their copies) come from (``outlets_of``)."""
        return outlets_of(self.articles)

    @property
    def headline(self) -> Text:
        """The topic's title in the briefs: ``topic_headline``."""
        return topic_headline(self)


def topic_headline(topic: Topic) -> Text:
    """The topic's title: its lead story's (its most important event's) ``story_headline``, so a topic
    of one event is titled as that event is.  (All the topic's titles as candidates, tried on the
    labelled ANT day, let a side story's short title stand for the topic.)"""
    return topic.lead.headline


def story_headline(story: Story) -> Text:
    """The story's title: of the titles of its articles, the one
    the salience model (``summary.salience.scores``, the model that picks an article's summary) rates
    highest when the titles are read as the sentences of one text whose order says nothing
    (``ordered=False``: no position, no lead; titles are read without a headline, so by ``UNTITLED``):
    the central title, whose words the other titles share; ties go to the earlier (the story's lead
    article first).  Titles made from a
    headline line only, when any is (a title made from the lead is a sentence, not a headline); a title
    repeated (copies, wire text) is one candidate."""
    articles = story.articles
    titles = [a.title_unit for a in articles if a.title_from_headline] or [a.title_unit for a in articles]
    first: dict[str, Text] = {}
    for t in titles:
        first.setdefault(t.ar.strip(), t)
    unique = list(first.values())  # each text once, where first seen
    if len(unique) == 1:
        return unique[0]
    scores = salience.scores([t.ar for t in unique], ordered=False)
    return unique[max(range(len(unique)), key=lambda i: (scores[i], -i))]


def outlets_of(articles: list[Article]) -> list[str]:
    """The outlets the articles (and their copies) come from, each once, in the order first seen."""
    return list(dict.fromkeys(name for a in articles for name in [outlet(a)] + [c.outlet or "" for c in a.copies]
                              if name))


def _latest(articles: list[Article]) -> float:
    """When the last of the articles was published (days since the epoch; -inf: none says)."""
    return max((t for t in map(published, articles) if t is not None), default=-math.inf)


def topics(stories: list[Story]) -> list[Topic]:
    """The topics of ``build_stories``'s stories, in order (a story without a topic is its own)."""
    out: list[Topic] = []
    for story in stories:
        if out and story.topic and out[-1].id == story.topic:
            out[-1].stories.append(story)
        else:
            out.append(Topic(story.topic or f"topic-of-{story.id}", [story]))
    return out


def build_stories(articles: list[Article], length: int | None = None, show: bool = False) -> list[Story]:
    """Group the articles into stories, each with its summary and figures, topic by topic (``Story.topic``):
    the topics most important first (``topic_importance``: more distinct outlets, then more events and
    articles together, the latest published), and within a topic its stories most important first
    (``story_importance``: more outlets, then sources, the latest year mentioned, more words).  Articles should already be summarized
    (``Article.summary``); a story's summary draws on those sentences.
    """
    profiles = [profile(a) for a in progress(articles, show, "Grouping into stories")]
    df = vectors(profiles, show)
    by_stem = {p.article.stem: p for p in profiles}
    groups, topic_of, links = cluster_day(profiles, df)
    adjacency: dict[str, list[Link]] = defaultdict(list)  # each article's compared links, strongest first
    for link in links:
        adjacency[link.a].append(link)
        adjacency[link.b].append(link)
    stories = []
    for members in progress(groups, show, "Assembling stories", unit="story"):
        stems = {a.stem for a in members}
        inside = {a.stem: [l for l in adjacency[a.stem] if l.a in stems and l.b in stems] for a in members}
        # lead article: the one most like the others (its links within the story), then the longest
        members = sorted(members, key=lambda a: (-sum(l.similarity for l in inside[a.stem]), -a.word_count))
        joined = sorted({id(l): l for a in members for l in inside[a.stem] if l.joined}.values(),
                        key=lambda l: -l.similarity)
        # each member's strongest link to an article outside, then the strongest of those
        outside = [next((l for l in adjacency[a.stem] if not (l.a in stems and l.b in stems)), None)
                   for a in members]
        apart = max((l for l in outside if l), key=lambda l: l.similarity, default=None)
        ps = [by_stem[a.stem] for a in members]
        discrepancies, agreements = compare_figures(ps)
        latest = max((y for p in ps for y in p.all_years | p.years), default=0)
        meanings = [p.lead_meaning for p in ps if p.lead_meaning is not None]
        stories.append(Story("", members, story_summary(members, length), discrepancies, agreements,
                             joined, latest, apart, meaning_sum=sum(meanings[1:], meanings[0]) if meanings else None))
    grouped: dict[int, list[Story]] = defaultdict(list)
    for story, topic in zip(stories, topic_of):
        grouped[topic].append(story)

    ranked: list[tuple[tuple, list[Story]]] = []
    for in_topic in grouped.values():
        in_topic.sort(key=story_importance)
        ranked.append((topic_importance(in_topic), in_topic))
    ranked.sort(key=lambda entry: entry[0])
    stories = [story for _, in_topic in ranked for story in in_topic]
    for number, story in enumerate(stories, 1):
        story.id = f"story-{number}"
    for number, (_, in_topic) in enumerate(ranked, 1):
        for story in in_topic:
            story.topic = f"topic-{number}"
    return stories


def story_importance(story: Story) -> tuple:
    """The sort key of a story within its topic, the most important first: distinct outlets, as for
    topics (the day's strikes reported by four outlets lead their topic, not a video two pieces of one
    outlet showed: 2018-04-14, ANT), then sources, the latest year mentioned, length."""
    return (-len(story.outlets), -len(story.articles), -story.latest_year,
            -sum(a.word_count for a in story.articles))


def topic_importance(stories: list[Story]) -> tuple:
    """The sort key of a topic (its ``stories``, the most important first), the most important first:
    distinct outlets, then its events and articles counted together, then articles, the latest published,
    its lead story's ``story_importance``.  Events and articles together, not events first: the events
    are the grouping's, and a topic it cuts finer gains events, not articles.  On 2018-04-23 (ANT) the
    Toronto attack (four outlets, 3 labelled events in 11 articles) was cut into 7 events in 12 and
    ranked over the Yemen war (four outlets, 6 labelled events in 20 articles; 5 events in 14 as
    grouped): together 19 and 19, and ties go to more articles.  On each of the 11 labelled days both
    labellings' first topic is the same by either key."""
    articles = [a for story in stories for a in story.articles]
    return (-len(outlets_of(articles)), -(len(stories) + len(articles)), -len(articles),
            -_latest(articles)) + story_importance(stories[0])


def story_summary(members: list[Article], length: int | None = None) -> list[tuple[str, Sentence]]:
    """Sentences across the story's articles, drawn from each article's own summary (all its sentences
    if it has none), picked by ``summary.select.select`` with the article summary's model as relevance:
    each sentence's salience (``summary.select.sentence_scores``, the model fitted on the BBC
    journalists' summaries) weighed by its article's rank in the story (``1 / (1 + RANK_WEIGHT *
    rank)``: the lead article, the most central, weighs most), redundancy by ``overlap_words``.  The
    lead article's most salient sentence of ``MIN_WORDS`` or more comes first, then the rest in the
    order of the articles and their sentences."""
    pool: list[tuple[str, Sentence, float]] = []
    for rank, a in enumerate(members):
        salient = sentence_scores(a)
        for s in [a.sentence(i) for i in a.summary] or a.sentences:
            pool.append((a.stem, s, salient[s.id] / (1 + RANK_WEIGHT * rank)))
    if not pool:
        return []
    length = min(length or default_length(len(pool)), len(pool))
    bag = {id(s): overlap_words(s.ar) for _, s, _ in pool}
    lead_pool = [item for item in pool if item[0] == members[0].stem and len(item[1].ar.split()) >= MIN_WORDS]
    first = max(enumerate(lead_pool or pool), key=lambda e: (e[1][2], -e[0]))[1]
    chosen = select(pool, lambda item: item[2], lambda a, b: similarity(bag[id(a[1])], bag[id(b[1])]), length,
                    first=first, repeats_above=0.6)  # past 0.6 the rest repeats the chosen
    order = {(stem, id(s)): k for k, (stem, s, _) in enumerate(pool)}
    rest = sorted(chosen[1:], key=lambda item: order[(item[0], id(item[1]))])
    return [(stem, s) for stem, s, _ in [chosen[0]] + rest]


def compare_figures(profiles: list[Profile]) -> tuple[list[list[Figure]], list[list[Figure]]]:
    """The story's figures compared, for each counted thing (``Figure.key``: the same noun or one the
    noun list makes equivalent), as intervals (``Figure.interval``: "about 40" is 36-44, "more than 30"
    above 30): agreements, one figure per source, whose intervals share a value ("68" and "68"; "about
    40" and "more than 30"), and discrepancies, the first figure of each source, where there is none
    and two sources have no figures that could both be true ("more than 50" and "30")."""
    by_key: dict[tuple[str, str], dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for p in profiles:
        for f in p.figures:
            if all(g.interval != f.interval for g in by_key[f.key][f.article]):
                by_key[f.key][f.article].append(f)  # one figure per claim and source
    discrepancies, agreements = [], []
    for per_article in by_key.values():
        if len(per_article) < 2:
            continue
        found = _agreeing(list(per_article.values()))
        agreements += found
        sources = list(per_article.values())
        if not found and any(all(not f.interval.overlaps(g.interval) for f in a for g in b)
                             for i, a in enumerate(sources) for b in sources[i + 1:]):
            discrepancies.append([fs[0] for fs in sources])
    return discrepancies, agreements


def by_claim(group: list[Figure]) -> list[list[Figure]]:
    """A group's figures, those that claim the same in the same words together, in order: an agreement
    of "68 دولة" and "68 دولة" is one claim, of "نحو 40 دولة" and "أكثر من 30 دولة" two."""
    claims: dict[tuple, list[Figure]] = {}
    for f in group:
        claims.setdefault((f.qualifier, f.interval, f.claim.text if f.claim else f.text, f.label), []).append(f)
    return list(claims.values())


def _agreeing(sources: list[list[Figure]]) -> list[list[Figure]]:
    """Groups of one figure per source whose intervals all hold one value, each figure in one group,
    lower values first.  A value all of some intervals hold is one of their ends, a point between two
    consecutive ends, or past the last."""
    ends = sorted({x for fs in sources for f in fs for x in (f.interval.low, f.interval.high) if x != math.inf})
    points = ends + [(a + b) / 2 for a, b in zip(ends, ends[1:])] + [ends[-1] + 1 if ends else 0]
    used: set[int] = set()
    groups = []
    for x in sorted(points):
        found = [next((f for f in fs if id(f) not in used and f.interval.contains(x)), None) for fs in sources]
        group = [f for f in found if f is not None]
        if len(group) == len(found):  # one from every source
            groups.append(group)
            used.update(id(f) for f in group)
    return groups
