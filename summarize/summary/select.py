"""Extractive summary, chosen on the Arabic source sentences.

Choosing on the source keeps the two languages aligned: the English summary is
exactly the translation of the chosen sentences.  Each sentence is scored by
``summarize.summary.salience`` (a model fitted on people's summaries: position, the lead,
closeness to the article's centroid and to its headline, no word list of its own),
and ``select`` picks by maximal marginal relevance, so the summary does not say the
same thing twice; the chosen sentences are given in document order.  The default
length is ``salience.default_length``: a third of the article, 3 to 5 sentences.

``select`` is the one selection of the project: the story summary across sources
(``summarize.stories.story``) calls it too, with its own relevance and similarity
(``similarity`` of ``overlap_words``: spelling and stopwords from ``summarize.language.arabic``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

from summarize.document import Article
from summarize.language.arabic import (
    DIGITS,
    LETTERS,
    STOPWORDS,
    normalize,
    strip_clitic_slots,
)
from summarize.summary import salience

MIN_WORDS = 6  # shorter sentences are rarely news on their own
MMR_LAMBDA = 0.7  # relevance vs. novelty

_WORD = re.compile(f"[{LETTERS}{DIGITS}A-Za-z0-9]+")
T = TypeVar("T")


def overlap_words(text: str) -> set[str]:
    """The words two sentences of a story are compared by (``similarity``): no ``arabic.STOPWORDS``
    (as written) or words of two letters, letters normalized, clitics off words of five letters or
    more (``arabic.strip_clitic_slots``), numbers kept.  Not ``language.vocabulary.words``, the
    folded content words that salience and story grouping weigh by rarity: the story summary's
    picks, and so the golden daily briefs, were made with these."""
    return {_word(w) for w in _WORD.findall(text) if w not in STOPWORDS and len(w) > 2}


def _word(word: str) -> str:
    word = normalize(word)
    return strip_clitic_slots(word) if len(word) > 4 else word


def default_length(sentence_count: int) -> int:
    """Sentences in a summary of an article of ``sentence_count`` sentences (``salience.default_length``)."""
    return salience.default_length(sentence_count)


def similarity(a: set[str], b: set[str]) -> float:
    """How much two word sets overlap: shared words over the geometric mean of the sizes."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def select(candidates: Sequence[T], relevance: Callable[[T], float], similarity: Callable[[T, T], float],
           length: int, first: T | None = None, repeats_above: float | None = None, trade_off: float = MMR_LAMBDA,
           duplicate: float | None = None) -> list[T]:
    """Maximal marginal relevance: ``first`` (if given), then the best of the rest until ``length``.

    The best candidate has the highest ``trade_off * relevance - (1 - trade_off) * redundancy``,
    its redundancy being its ``similarity`` to the closest one chosen (0 while none is); ties go
    to the earlier candidate.  With ``repeats_above``, the selection stops when the best candidate
    is more similar than that to one chosen (the rest only repeats); with ``duplicate``, a
    candidate at least that similar to one chosen is passed over while any other is left.  Candidates are told apart by equality.  Returns the chosen in the
    order chosen.
    """
    chosen = [] if first is None else [first]
    while len(chosen) < length:
        pool = [c for c in candidates if c not in chosen]
        redundancy = {i: max((similarity(c, x) for x in chosen), default=0.0) for i, c in enumerate(pool)}
        if duplicate is not None:
            fresh = [i for i in redundancy if redundancy[i] < duplicate]
            redundancy = {i: redundancy[i] for i in fresh} or redundancy
        best, best_score, best_redundancy = None, -math.inf, 0.0
        for i, r in redundancy.items():
            c, score = pool[i], trade_off * relevance(pool[i]) - (1 - trade_off) * r
            if score > best_score:
                best, best_score, best_redundancy = c, score, r
        if best is None or repeats_above is not None and best_redundancy > repeats_above:
            break
        chosen.append(best)
    return chosen


def sentence_scores(article: Article) -> dict[str, float]:
    """``salience.scores`` of the article's sentences by sentence id, with its headline if it has one:
    the relevance the article summary picks by, for any other selection to weigh its sentences by
    (the story summary across sources, a topic's headline sentence)."""
    headline = article.title.ar if article.title and article.title_from_headline else None
    sentences = article.sentences
    texts = tuple(s.ar for s in sentences)
    return dict(zip((s.id for s in sentences), _scores(salience.scores, texts, headline)))


@lru_cache(maxsize=1 << 15)
def _scores(scores: Callable[..., list[float]], texts: tuple[str, ...], headline: str | None) -> tuple[float, ...]:
    """``scores`` (``salience.scores``) remembered by function and text: the article summary and its
    story's summary both ask (the same texts give the same scores; 32,768 articles, more than a day
    of 10,000, are held)."""
    return tuple(scores(list(texts), headline))


def summarize(article: Article, length: int | None = None) -> list[str]:
    """Pick the summary's sentence ids (document order) and store them on the article.

    An article under a headline (``title_from_headline``) keeps its first sentence, the lede, and
    the salience picks the rest: the model cannot tell from the article when the journalist's
    one-sentence summary says something other than the lede, and where its own first choice was
    not the lede it lost to it (BBC dev k=1 -0.22 ±0.17 ROUGE-1; April, fitted on January to March,
    -0.05 ±0.03), while at 2 and 3 sentences it picks the lede anyway (docs/summaries.md)."""
    sentences = article.sentences
    length = min(length or default_length(len(sentences)), len(sentences))
    texts = [s.ar for s in sentences]
    by_id = sentence_scores(article)
    score = [by_id[s.id] for s in sentences]
    bags = [salience.bag(text) for text in texts]
    lede = 0 if sentences and article.title and article.title_from_headline else None
    chosen = select(range(len(sentences)), score.__getitem__, lambda a, b: salience.cosine(bags[a], bags[b]),
                    length, first=lede, trade_off=salience.MMR_LAMBDA, duplicate=salience.DUPLICATE)
    article.summary = [sentences[i].id for i in sorted(chosen)]
    return article.summary
