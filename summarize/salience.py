"""How much each sentence of an article belongs in its summary, and how long a summary is.

``scores(sentences, title)`` rates every sentence in [0, 1] from signals that hold for
any article, with no word list of its own:

* ``lead``: the first sentence, which says what the article is about;
* ``position``: ``1 / (1 + index) ** decay``, the lead bias of news and encyclopaedia
  text (the decay is slow: after the first sentence, people's picks spread wide);
* ``centroid``: centrality as closeness to the article's centroid (Radev et al.'s
  MEAD), each word weighed by how often the article uses it times its rarity in
  general Arabic text (``summarize/data/background_ar.tsv``), so that "said" and
  "year" count for little and the article's subject for much;
* ``title``: closeness to the headline, when there is one.

Redundancy is the selection's part: pick greedily by maximal marginal relevance,
``MMR_LAMBDA * score - (1 - MMR_LAMBDA) * max cosine(bag(candidate), bag(chosen))``,
passing over a candidate at least ``DUPLICATE`` close to a chosen sentence while any
other is left.
``default_length`` proposes how many sentences to pick.

The weights were tuned on the dev half of EASC Wikipedia only (scripts/eval_summary.py
says which half; the README has the figures).  Tried there and left out because they
did not help: graph centrality (degree and PageRank, undirected, position-biased, and
directed as in PACSUM), the similarity to the lead sentence, and sentence length (which
raises ROUGE at a fixed sentence count only by making the summary longer).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from summarize.stories.features import background, words

MMR_LAMBDA = 0.9  # selection: relevance vs. novelty
DUPLICATE = 0.8  # selection: a sentence this close (cosine of bags) to a chosen one repeats it
UNSEEN_SHARE = 1e-4  # a word absent from the background is about this rare
SHORTEST, LONGEST = 3, 5  # default_length's range: the briefs want short summaries
SHARE = 1 / 3  # ... otherwise a third of the article, as people summarize it


@dataclass(frozen=True)
class Weights:
    """How the signals add up; each signal is in [0, 1] (scaled to the article's best)."""

    lead: float = 2.0
    position: float = 1.0
    decay: float = 0.25  # of the position signal
    centroid: float = 0.3
    title: float = 0.1


WEIGHTS = Weights()


def rarity(word: str) -> float:
    """-log of the share of general-text documents that use the (folded) word."""
    return -math.log(max(background().get(word, 0.0), UNSEEN_SHARE))


def bag(sentence: str) -> dict[str, float]:
    """The sentence's content words, each weighed by its rarity (repeats not counted), in
    text order: sums over it run in the same order in every process, so scores are exact."""
    return {w: rarity(w) for w in dict.fromkeys(words(sentence))}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(weight * b[w] for w, weight in a.items() if w in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _scaled(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0] * len(values)


def centroid_closeness(sentences: list[str], bags: list[dict[str, float]] | None = None) -> list[float]:
    """Cosine of each sentence (``bags``: their ``bag``s, if already made) to the article's
    centroid: term frequency times rarity, over the words the article uses more than once."""
    counts = Counter(w for s in sentences for w in words(s))
    centre = {w: count * rarity(w) for w, count in counts.items() if count > 1}
    return [cosine(b, centre) for b in (bags or [bag(s) for s in sentences])]


def signals(sentences: list[str], title: str | None = None,
            weights: Weights = WEIGHTS) -> dict[str, list[float]]:
    """Each signal per sentence, in [0, 1]; ``title`` is all zeros without a headline."""
    n = len(sentences)
    bags = [bag(s) for s in sentences]
    title_bag = bag(title) if title else {}
    return {
        "lead": [1.0 if i == 0 else 0.0 for i in range(n)],
        "position": [1 / (1 + i) ** weights.decay for i in range(n)],
        "centroid": _scaled(centroid_closeness(sentences, bags)),
        "title": _scaled([cosine(b, title_bag) for b in bags]),
    }


def combine(values: dict[str, list[float]], weights: Weights = WEIGHTS) -> list[float]:
    """The weighted mean of the signals per sentence; a signal that is zero everywhere
    (no headline) is left out of the mean rather than counted as zero."""
    used = {name: getattr(weights, name) for name, column in values.items() if any(column)}
    total = sum(used.values()) or 1.0
    n = len(next(iter(values.values()), []))
    return [sum(w * values[name][i] for name, w in used.items()) / total for i in range(n)]


def scores(sentences: list[str], title: str | None = None, weights: Weights = WEIGHTS) -> list[float]:
    """One score in [0, 1] per sentence, higher for the sentences a summary should keep.

    ``title`` is the article's headline if it has one; a title made from the lead adds
    nothing and is better left out.  The same input always gives the same scores."""
    if not sentences:
        return []
    return combine(signals(sentences, title, weights), weights)


def default_length(sentence_count: int) -> int:
    """Sentences in a summary of an article of ``sentence_count`` sentences: a third of
    them, at least SHORTEST and at most LONGEST (never more than the article has)."""
    return min(sentence_count, max(SHORTEST, min(LONGEST, round(sentence_count * SHARE))))
