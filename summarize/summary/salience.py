"""How much each sentence of an article belongs in its summary, and how long a summary is.

``scores(sentences, title)`` rates every sentence in (0, 1): a logistic model over
features that hold for any article, with no word list of its own (``features``):

* ``first``: 1 for the first sentence, which says what the article is about;
* ``position``: ``1 / (1 + index) ** DECAY``, the lead bias of news and encyclopaedia
  text (slow: after the first sentence, people's picks spread wide);
* ``centroid``: closeness to the article's centroid (Radev et al.'s MEAD), each word
  weighed by how often the article uses it times its rarity in general Arabic text
  (``summarize/data/background_ar.tsv``), scaled to the article's closest sentence;
* ``title``: closeness to the headline, scaled the same way (zero without one);
* ``long``: the sentence has more than LONG_WORDS words (mostly several sentences the
  splitter could not part, ``نوح.و تعني``: people copy a part of them);
* ``short``: it has fewer than SHORT_WORDS words.

The coefficients (``TITLED`` for an article with a headline, ``UNTITLED`` without) were
fitted, not set by hand: ``scripts/fit_salience.py`` labels each sentence of the dev half
of EASC Wikipedia by the share of its word pairs the five annotators copied (mean over
the five), fits an L2-regularized logistic regression on those soft labels (pure
Python, Newton's method, deterministic) and prints the two models to paste below;
``--check`` says whether they still match, ``--cv`` gives 5-fold cross-validation inside
dev.  The README's "Summaries" section has the figures and what else was tried.

Redundancy is the selection's part: pick greedily by maximal marginal relevance,
``MMR_LAMBDA * score - (1 - MMR_LAMBDA) * max cosine(bag(candidate), bag(chosen))``,
passing over a candidate at least ``DUPLICATE`` close to a chosen sentence while any
other is left.  ``default_length`` proposes how many sentences to pick.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, fields

from summarize.language.vocabulary import background, words

MMR_LAMBDA = 0.9  # selection: relevance vs. novelty
DUPLICATE = 0.8  # selection: a sentence this close (cosine of bags) to a chosen one repeats it
UNSEEN_SHARE = 1e-4  # a word absent from the background is about this rare
DECAY = 0.25  # of the position feature
LONG_WORDS = 60  # more words than this: the ``long`` feature
SHORT_WORDS = 8  # fewer words than this: the ``short`` feature
SHORTEST, LONGEST = 3, 5  # default_length's range: the briefs want short summaries
SHARE = 1 / 3  # ... otherwise a third of the article, as people summarize it


@dataclass(frozen=True)
class Model:
    """A logistic model: ``score = 1 / (1 + exp(-(intercept + sum(weight * feature))))``,
    one weight per feature of ``features`` (a field's name is the feature's)."""

    intercept: float
    first: float
    position: float
    centroid: float
    title: float
    long: float
    short: float

    def weights(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "intercept"}


FEATURES = tuple(f.name for f in fields(Model) if f.name != "intercept")

# Fitted on EASC Wikipedia dev (53 articles, 841 sentences), L2 30, by
# .venv/bin/python scripts/fit_salience.py   (--check: do these still match the fit?)
TITLED = Model(intercept=-2.345, first=0.475, position=2.187, centroid=0.489, title=0.066,
               long=-0.26, short=-0.128)
UNTITLED = Model(intercept=-2.352, first=0.489, position=2.206, centroid=0.517, title=0.0,
                 long=-0.264, short=-0.128)


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


def features(sentences: list[str], title: str | None = None) -> dict[str, list[float]]:
    """Each feature of ``FEATURES`` per sentence, in [0, 1]; ``title`` is all zeros
    without a headline."""
    bags = [bag(s) for s in sentences]
    title_bag = bag(title) if title else {}
    lengths = [len(s.split()) for s in sentences]
    return {
        "first": [1.0 if i == 0 else 0.0 for i in range(len(sentences))],
        "position": [1 / (1 + i) ** DECAY for i in range(len(sentences))],
        "centroid": _scaled(centroid_closeness(sentences, bags)),
        "title": _scaled([cosine(b, title_bag) for b in bags]),
        "long": [1.0 if n > LONG_WORDS else 0.0 for n in lengths],
        "short": [1.0 if n < SHORT_WORDS else 0.0 for n in lengths],
    }


def logistic(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def combine(values: dict[str, list[float]], model: Model) -> list[float]:
    """``model``'s score of each sentence from its ``features``."""
    weights = model.weights()
    n = len(next(iter(values.values()), []))
    return [logistic(model.intercept + sum(w * values[name][i] for name, w in weights.items()))
            for i in range(n)]


def scores(sentences: list[str], title: str | None = None, model: Model | None = None) -> list[float]:
    """One score in (0, 1) per sentence, higher for the sentences a summary should keep
    (the fitted model's estimate of the share of the sentence a person would copy).

    ``title`` is the article's headline if it has one (then ``TITLED`` scores, else
    ``UNTITLED``); a title made from the lead adds nothing and is better left out.
    ``model`` replaces the fitted one (fitting and tests).  The same input always gives
    the same scores."""
    if not sentences:
        return []
    return combine(features(sentences, title), model or (TITLED if title else UNTITLED))


def default_length(sentence_count: int) -> int:
    """Sentences in a summary of an article of ``sentence_count`` sentences: a third of
    them, at least SHORTEST and at most LONGEST (never more than the article has)."""
    return min(sentence_count, max(SHORTEST, min(LONGEST, round(sentence_count * SHARE))))
