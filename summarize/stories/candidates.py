"""The one home of the candidate search: which pairs of a day's articles are compared at all
(``compared``: ``candidates`` and ``meaning_neighbours``), and their cosines (``link_scores``), which
``linking.compare`` reads into links.

For each article, the ``CANDIDATES`` others it shares the most rare-word weight with, found through
an inverted index over the words the background calls rare (a word more than ``POSTINGS`` articles of
the day use finds none: it is the day's topic, not an event's mark), read through the article's
``QUERY_WORDS`` weightiest.  With each article's work and pairs capped, a day's pairs and time grow
with its articles, not with their square (``docs/performance.md``).  And the ``MEANING_NEIGHBOURS``
others whose leads mean the closest (the sentence encoder's vectors, ``encoder``): one event told in
other words shares few rare words (2018-04-08: Alarabia's and SkyNews's reports of Turkey condemning
the Douma attack, probability 0.83, were never compared).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from summarize.stories.features import Profile, background, unit_cosine

CANDIDATES = 20  # each article's closest others by shared rare-word weight
INDEX_RARE = 0.03  # a word indexes candidates when fewer than this share of background documents use it
POSTINGS = 50  # ... and at most this many articles of the batch do
QUERY_WORDS = 20  # an article looks for its candidates through its this many weightiest indexed words
# Each article is compared with this many others whose leads mean the closest, too.  The pair models
# learn from the rare-word candidates alone (``scripts/fit_stories.py``): learning from these as well
# was worse.  Chosen on the six labelled days tuned on, each left out in turn: events 91.73 -> 91.95
# at 3, 4 and 5 alike (2018-04-10 91.9 -> 92.1, 2018-04-14 81.3 -> 82.0, 2018-04-08 94.8 -> 95.3),
# topics 93.12 -> 93.52; at 1 or 2, 91.93.  About 50 more pairs a day of 115 (24-88).
MEANING_NEIGHBOURS = 4
BLOCK = 1024  # articles whose cosines with the whole day are computed at once (40 MB for 10,000)


def candidates(profiles: list[Profile], df: Counter) -> set[tuple[int, int]]:
    """The pairs worth comparing, as (i, j) with i < j: each article with the ``CANDIDATES`` others it
    shares the most rare-word weight with (the part of their cosine the indexed words make: words rare
    in the background, ``INDEX_RARE``, that two to ``POSTINGS`` articles of the batch use), by an
    inverted index that each article reads through its ``QUERY_WORDS`` weightiest indexed words, so an
    article costs at most QUERY_WORDS * POSTINGS steps however large the day.  Equal weights go to the
    nearer in input order, so a crowd of near-copies spreads its pairs instead of all picking the
    first few; no article keeps more than twice ``CANDIDATES``."""
    common = background()
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    indexed = []
    for i, p in enumerate(profiles):
        words = [(w, x) for w, x in p.vector.items() if 2 <= df[w] <= POSTINGS and common.get(w, 0.0) < INDEX_RARE]
        indexed.append(words)
        for w, x in words:
            postings[w].append((i, x))
    chosen: dict[tuple[int, int], float] = {}
    for i, words in enumerate(indexed):
        if len(words) > QUERY_WORDS:
            words = heapq.nlargest(QUERY_WORDS, words, key=lambda wx: wx[1])
        shared: dict[int, float] = {}
        get = shared.get
        for w, x in words:
            for j, y in postings[w]:
                shared[j] = get(j, 0.0) + x * y
        shared.pop(i, None)
        best = heapq.nlargest(CANDIDATES, shared, key=lambda j: (shared[j], -abs(i - j))) \
            if len(shared) > CANDIDATES else shared
        for j in best:
            chosen[(i, j) if i < j else (j, i)] = shared[j]
    return _bounded(chosen)


def _bounded(chosen: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """``chosen`` less the pairs past the ``2 * CANDIDATES`` strongest of either article (an article many
    others picked keeps its strongest)."""
    by_article: dict[int, list[tuple[float, int, tuple[int, int]]]] = defaultdict(list)
    for pair, weight in chosen.items():
        entry = (weight, pair[0] - pair[1], pair)
        by_article[pair[0]].append(entry)
        by_article[pair[1]].append(entry)
    dropped: set[tuple[int, int]] = set()
    for entries in by_article.values():
        if len(entries) > 2 * CANDIDATES:
            entries.sort(reverse=True)
            dropped.update(pair for _, _, pair in entries[2 * CANDIDATES:])
    return set(chosen) - dropped


def meaning_neighbours(profiles: list[Profile], k: int = MEANING_NEIGHBOURS) -> set[tuple[int, int]]:
    """Each article with the ``k`` others whose leads mean the closest (the cosine of their
    ``Profile.lead_meaning``, which ``encoder.embed`` sets; an article without one finds none and is
    found by none), as (i, j) with i < j.  Every article's cosines with the whole day, ``BLOCK``
    articles at a time: the one part of the search that grows with the square of the day, but as a
    matrix product (on this 2-core machine 0.07 s for 1,000 articles, 0.5 s for 3,000, 3 s for 10,000)."""
    import numpy as np

    have: list[int] = []  # the articles with a meaning, and their meanings
    vectors: list[np.ndarray] = []
    for i, p in enumerate(profiles):
        if p.lead_meaning is not None:
            have.append(i)
            vectors.append(p.lead_meaning)
    k = min(k, len(have) - 1)
    if k < 1:
        return set()
    meanings = np.stack(vectors)
    found: set[tuple[int, int]] = set()
    for start in range(0, len(have), BLOCK):
        cosines = meanings[start:start + BLOCK] @ meanings.T
        rows = np.arange(len(cosines))
        cosines[rows, start + rows] = -np.inf  # not itself
        closest = np.argpartition(-cosines, k - 1, axis=1)[:, :k]
        for row, others in zip(rows, closest):
            i = have[start + int(row)]
            for j in (have[int(o)] for o in others):
                found.add((i, j) if i < j else (j, i))
    return found


def compared(profiles: list[Profile], df: Counter) -> set[tuple[int, int]]:
    """The pairs grouping compares, as (i, j) with i < j: the rare-word candidates (``candidates``) and
    each article's closest meanings (``meaning_neighbours``)."""
    return candidates(profiles, df) | meaning_neighbours(profiles)


def link_scores(profiles: list[Profile], floor: float = 0.05,
                df: Counter | None = None) -> dict[tuple[int, int], float]:
    """Cosine of every pair ``compared`` above ``floor``; ``df``: the batch's document frequencies
    (counted from the profiles when not given)."""
    if df is None:
        df = Counter(w for p in profiles for w in p.counts)
    scores = {}
    for i, j in sorted(compared(profiles, df)):
        s = unit_cosine(profiles[i].vector, profiles[j].vector)
        if s >= floor:
            scores[(i, j)] = s
    return scores
