"""How much each sentence of an article belongs in its summary, and how long a summary is.

``scores(sentences, title)`` rates every sentence in (0, 1): a linear model over features
computed from the article alone (``features``, ``cues``), ranked like the sentences the
BBC's journalists summarized under their headlines:

* position: ``first``, ``second``, ``position`` (``1 / (1 + index)``), ``late`` (the
  index over the article's last);
* closeness: ``centroid`` (Radev et al.'s MEAD: each word weighed by how often the article
  uses it times its rarity in general Arabic text, ``summarize/data/background_ar.tsv``)
  and ``title`` (to the headline), each as it is and scaled to the article's closest
  sentence (``*_scaled``), ``title_best`` for the closest to the headline, ``to_lead``
  (closeness to the first sentence);
* the lead's own standing, on the first sentence only: ``lead_others`` (its mean closeness
  to the other sentences), ``lead_centroid`` and ``lead_title``: a lead that is off the
  article's subject (a scene, a quotation) is often not what the summary says;
* the words: ``rarity`` (mean rarity of its content words), ``named`` (the share of them
  general Arabic text does not list: names, mostly), ``words`` and ``log_words`` (length),
  ``long`` and ``short``, ``figures`` (digits), ``quote`` (quotation marks), ``question``;
* ``cues``: words of the sentence (as written, normalized: ``وقال``, ``واضاف``, and
  ``^word`` for its first two words), each with a weight **learned from the training
  data**, not a hand-made list.

The weights (``summarize/summary/weights.py``, with a version) are fitted by
``scripts/fit_salience.py`` on the BBC Arabic articles of the ANT corpus and their
journalists' abstracts (pairwise ranking with scikit-learn, then the scale calibrated
to the share of the abstract a sentence holds); the product reads only the numbers.
``TITLED`` scores an article with a headline; ``UNTITLED``, fitted on the same articles
without the headline features, **the length features and the cue words**, one without.  The
headline is the domain signal: an article under a headline is news as the BBC's journalists
summarized it, in abstracts of about 23 words that hold short sentences whole, and ``TITLED``
learned to prefer short sentences and news words ("وقال"); a text without one is not known to be
such news (EASC's Wikipedia articles, whose people's summaries are a third of the article), and
there that preference cost 4 ROUGE-1 against the lead, which the position and centrality alone
do not (docs/summaries.md).

Redundancy is the selection's part: pick greedily by maximal marginal relevance,
``MMR_LAMBDA * score - (1 - MMR_LAMBDA) * max cosine(bag(candidate), bag(chosen))``,
passing over a candidate at least ``DUPLICATE`` close to a chosen sentence while any
other is left.  ``default_length`` proposes how many sentences to pick.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Iterable, Mapping

from summarize.language.arabic import normalize
from summarize.language.vocabulary import background, words
from summarize.summary import weights as fitted

MMR_LAMBDA = 0.9  # selection: relevance vs. novelty
DUPLICATE = 0.8  # selection: a sentence this close (cosine of bags) to a chosen one repeats it
UNSEEN_SHARE = 1e-4  # a word absent from the background is about this rare
MAX_RARITY = -math.log(UNSEEN_SHARE)
LONG_WORDS = 60  # more words than this: the ``long`` feature
SHORT_WORDS = 8  # fewer words than this: the ``short`` feature
WORDS_CAP = 80  # the ``words`` feature: words / WORDS_CAP, at most 1
CUE_OPENING = 2  # ``^word`` cues: the sentence's first this many words
SHORTEST, LONGEST = 3, 5  # default_length's range: the briefs want short summaries
SHARE = 1 / 3  # ... otherwise a third of the article, as people summarize it

FEATURES = (
    "first", "second", "position", "late",
    "centroid", "centroid_scaled", "title", "title_scaled", "title_best", "to_lead",
    "lead_others", "lead_centroid", "lead_title",
    "rarity", "named", "words", "log_words", "long", "short", "figures", "quote", "question",
)
#: Features that need a headline: zero (and weightless) without one.
TITLE_FEATURES = ("title", "title_scaled", "title_best", "lead_title")
#: The sentence's length: not in ``UNTITLED`` (with the cue words), see the module's docstring.
LENGTH_FEATURES = ("words", "log_words", "long", "short")
#: Features of a sentence's place in its text (and of the first's standing): weightless in
#: ``scores(..., ordered=False)``, for texts whose order is not an author's (a topic's titles).
PLACE_FEATURES = ("first", "second", "position", "late", "to_lead", "lead_others", "lead_centroid", "lead_title")

_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")
_QUOTES = frozenset('"«»“”')


@dataclass(frozen=True)
class Model:
    """``score = 1 / (1 + exp(-(intercept + sum(weights[f] * feature f) + sum(cues[w]))))``,
    the last sum over the ``cue_words`` of the sentence that ``cues`` lists."""

    intercept: float
    weights: Mapping[str, float] = field(default_factory=dict)
    cues: Mapping[str, float] = field(default_factory=dict)
    version: str = ""

    @classmethod
    def from_dict(cls, data: Mapping) -> Model:
        return cls(intercept=data["intercept"], weights=MappingProxyType(dict(data["weights"])),
                   cues=MappingProxyType(dict(data["cues"])), version=data.get("version", ""))

    def to_dict(self) -> dict:
        return {"intercept": self.intercept, "weights": dict(self.weights), "cues": dict(self.cues),
                "version": self.version}


TITLED = Model.from_dict({**fitted.TITLED, "version": fitted.VERSION})
UNTITLED = Model.from_dict({**fitted.UNTITLED, "version": fitted.VERSION})
VERSION = fitted.VERSION


def rarity(word: str) -> float:
    """-log of the share of general-text documents that use the (folded) word."""
    return -math.log(max(background().get(word, 0.0), UNSEEN_SHARE))


def bag(sentence: str) -> dict[str, float]:
    """The sentence's content words, each weighed by its rarity (repeats not counted), in
    text order: sums over it run in the same order in every process, so scores are exact."""
    return {w: rarity(w) for w in dict.fromkeys(words(sentence))}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two weighted bags (``bag``), each normalized here; 0 when either is empty.
    (``stories.features.unit_cosine`` is the dot product of vectors already of length 1.)"""
    if not a or not b:
        return 0.0
    dot = sum(weight * b[w] for w, weight in a.items() if w in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def mean(values: Iterable[float]) -> float:
    """``statistics.mean`` of floats, to the same bit, without its fractions: the exact sum as one
    integer over a power of two (every float is one), divided once (``int / int`` rounds correctly,
    as ``statistics.mean`` rounds its exact fraction).  Raises ValueError without values."""
    ratios = [float(v).as_integer_ratio() for v in values]
    if not ratios:
        raise ValueError("mean of no values")
    scale = max(d for _, d in ratios)  # each denominator a power of two, so each divides the largest
    return sum(n * (scale // d) for n, d in ratios) / (scale * len(ratios))


def _scaled(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0] * len(values)


def centroid_closeness(sentences: list[str], bags: list[dict[str, float]] | None = None) -> list[float]:
    """Cosine of each sentence (``bags``: their ``bag``s, if already made) to the article's
    centroid: term frequency times rarity, over the words the article uses more than once."""
    counts = Counter(w for s in sentences for w in words(s))
    centre = {w: count * rarity(w) for w, count in counts.items() if count > 1}
    return [cosine(b, centre) for b in (bags or [bag(s) for s in sentences])]


def cue_words(sentence: str) -> list[str]:
    """The words a cue weight may be learned for: every word as written (``arabic.normalize``,
    lower case), and ``^word`` for the first CUE_OPENING; once each, in text order."""
    tokens = _TOKEN.findall(normalize(sentence).lower())
    return list(dict.fromkeys([f"^{t}" for t in tokens[:CUE_OPENING]] + tokens))


def features(sentences: list[str], title: str | None = None) -> dict[str, list[float]]:
    """Each feature of ``FEATURES`` per sentence (see the module's docstring); the
    ``TITLE_FEATURES`` are all zeros without a headline."""
    n = len(sentences)
    bags = [bag(s) for s in sentences]
    title_bag = bag(title) if title else {}
    lengths = [len(s.split()) for s in sentences]
    centroid = centroid_closeness(sentences, bags)
    to_title = [cosine(b, title_bag) for b in bags]
    to_lead = [0.0] + [cosine(bags[0], b) for b in bags[1:]] if bags else []
    lead_others = mean(to_lead[1:]) if n > 1 else 0.0
    best_title = max(range(n), key=lambda i: (to_title[i], -i)) if title_bag and any(to_title) else None
    known = background()
    lead = [1.0 if i == 0 else 0.0 for i in range(n)]
    return {
        "first": lead,
        "second": [1.0 if i == 1 else 0.0 for i in range(n)],
        "position": [1 / (1 + i) for i in range(n)],
        "late": [i / (n - 1) if n > 1 else 0.0 for i in range(n)],
        "centroid": centroid,
        "centroid_scaled": _scaled(centroid),
        "title": to_title,
        "title_scaled": _scaled(to_title),
        "title_best": [1.0 if i == best_title else 0.0 for i in range(n)],
        "to_lead": to_lead,
        "lead_others": [x * lead_others for x in lead],
        "lead_centroid": [x * centroid[0] for x in lead],
        "lead_title": [x * to_title[0] for x in lead],
        "rarity": [mean(b.values()) / MAX_RARITY if b else 0.0 for b in bags],
        "named": [sum(w not in known for w in b) / len(b) if b else 0.0 for b in bags],
        "words": [min(k, WORDS_CAP) / WORDS_CAP for k in lengths],
        "log_words": [math.log1p(k) / math.log1p(WORDS_CAP) for k in lengths],
        "long": [1.0 if k > LONG_WORDS else 0.0 for k in lengths],
        "short": [1.0 if k < SHORT_WORDS else 0.0 for k in lengths],
        "figures": [1.0 if _DIGIT.search(s) else 0.0 for s in sentences],
        "quote": [1.0 if _QUOTES.intersection(s) else 0.0 for s in sentences],
        "question": [1.0 if s.rstrip().endswith(("؟", "?")) else 0.0 for s in sentences],
    }


def logistic(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def linear(values: dict[str, list[float]], cue_lists: list[list[str]], model: Model) -> list[float]:
    """``model``'s linear score (before the logistic) of each sentence from its ``features``
    and its ``cue_words``; sums run in a fixed order, so the same input gives the same bits."""
    out = []
    for i, cue in enumerate(cue_lists):
        z = model.intercept + sum(w * values[name][i] for name, w in model.weights.items())
        out.append(z + sum(model.cues.get(word, 0.0) for word in cue))
    return out


def scores(sentences: list[str], title: str | None = None, model: Model | None = None,
           ordered: bool = True) -> list[float]:
    """One score in (0, 1) per sentence, higher for the sentences a summary should keep
    (the fitted model's estimate of the share of the journalist's summary it holds).

    ``title`` is the article's headline if it has one (then ``TITLED`` scores, else
    ``UNTITLED``); a title made from the lead adds nothing and is better left out.
    ``model`` replaces the fitted one (fitting and tests).  ``ordered=False``: the texts'
    order says nothing (the headlines of a topic's articles): the ``PLACE_FEATURES`` weigh
    nothing, so a text is rated by its words alone (its closeness to the others' centroid,
    its length, its cue words).  The same input always gives the same scores."""
    if not sentences:
        return []
    chosen = model or (TITLED if title else UNTITLED)
    if not ordered:
        chosen = replace(chosen, weights={k: v for k, v in chosen.weights.items() if k not in PLACE_FEATURES})
    z = linear(features(sentences, title), [cue_words(s) for s in sentences], chosen)
    return [logistic(v) for v in z]


def default_length(sentence_count: int) -> int:
    """Sentences in a summary of an article of ``sentence_count`` sentences: a third of
    them, at least SHORTEST and at most LONGEST (never more than the article has)."""
    return min(sentence_count, max(SHORTEST, min(LONGEST, round(sentence_count * SHARE))))
