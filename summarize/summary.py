"""Extractive summary, chosen on the Arabic source sentences.

Choosing on the source keeps the two languages aligned: the English summary is
exactly the translation of the chosen sentences.  The summary

* leads with the news: the article's first full sentence;
* covers the article's sections before it takes a second sentence from one
  (when the summary is shorter than the section count, the best sections win);
* avoids saying the same thing twice (maximal marginal relevance on word sets,
  ``select``, which the story summary across sources uses too);
* prefers sentences that carry facts: quantities, names, places;
* uses whole sentences, in document order.

A sentence's words are ``content_words`` (spelling and stopwords from
``summarize.arabic``); its facts are counted with the number words of
``summarize.numbers.arabic_words``.
"""

from __future__ import annotations

import math
import re
from typing import Callable, Hashable, Sequence, TypeVar

from summarize.arabic import DIGITS, LETTERS, STOPWORDS, normalize, strip_clitic_slots
from summarize.document import Article, Sentence
from summarize.numbers.arabic_words import NUMBER_CUES

MIN_WORDS = 6  # shorter sentences are rarely news on their own
MMR_LAMBDA = 0.7  # relevance vs. novelty

_WORD = re.compile(f"[{LETTERS}{DIGITS}A-Za-z0-9]+")
T = TypeVar("T")


def content_words(text: str) -> set[str]:
    """The words a sentence is about: no ``arabic.STOPWORDS`` (as written), letters normalized,
    clitics off words of five letters or more (``arabic.strip_clitic_slots``)."""
    return {_word(w) for w in _WORD.findall(text) if w not in STOPWORDS and len(w) > 2}


def _word(word: str) -> str:
    word = normalize(word)
    return strip_clitic_slots(word) if len(word) > 4 else word


def default_length(sentence_count: int) -> int:
    """A summary that grows with the article: 3 sentences for short pieces, up to 8."""
    return max(3, min(8, round(2 + sentence_count / 6)))


def similarity(a: set[str], b: set[str]) -> float:
    """How much two word sets overlap: shared words over the geometric mean of the sizes."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def select(candidates: Sequence[T], relevance: Callable[[T], float], similarity: Callable[[T, T], float],
           length: int, first: T | None = None, cover: Callable[[T], Hashable] | None = None,
           repeats_above: float | None = None, trade_off: float = MMR_LAMBDA) -> list[T]:
    """Maximal marginal relevance: ``first`` (if given), then the best of the rest until ``length``.

    The best candidate has the highest ``trade_off * relevance - (1 - trade_off) * redundancy``,
    its redundancy being its ``similarity`` to the closest one chosen (0 while none is); ties go
    to the earlier candidate.  ``cover`` names a candidate's group (an article's section): while a
    group has nothing chosen, only candidates of such groups compete.  With ``repeats_above``, the
    selection stops when the best candidate is more similar than that to one chosen (the rest only
    repeats).  Candidates are told apart by equality.  Returns the chosen in the order chosen.
    """
    chosen = [] if first is None else [first]
    covered = {cover(c) for c in chosen} if cover else set()
    while len(chosen) < length:
        pool = [c for c in candidates if c not in chosen]
        if cover:
            pool = [c for c in pool if cover(c) not in covered] or pool
        best, best_score, best_redundancy = None, -math.inf, 0.0
        for c in pool:
            redundancy = max((similarity(c, x) for x in chosen), default=0.0)
            score = trade_off * relevance(c) - (1 - trade_off) * redundancy
            if score > best_score:
                best, best_score, best_redundancy = c, score, redundancy
        if best is None or repeats_above is not None and best_redundancy > repeats_above:
            break
        chosen.append(best)
        if cover:
            covered.add(cover(best))
    return chosen


def summarize(article: Article, length: int | None = None) -> list[str]:
    """Pick the summary's sentence ids (document order) and store them on the article."""
    sentences = article.sentences
    if not sentences:
        article.summary = []
        return []
    length = min(length or default_length(len(sentences)), len(sentences))
    section_of = {s.id: i for i, section in enumerate(article.sections) for s in section.sentences}
    words = {s.id: content_words(s.ar) for s in sentences}
    relevance = _relevance(article, sentences, words)

    candidates = [s for s in sentences if len(s.ar.split()) >= MIN_WORDS] or sentences
    chosen = select(candidates, lambda s: relevance[s.id], lambda a, b: similarity(words[a.id], words[b.id]),
                    length, first=candidates[0], cover=lambda s: section_of[s.id])
    order = {s.id: i for i, s in enumerate(sentences)}
    article.summary = sorted((s.id for s in chosen), key=order.__getitem__)
    return article.summary


def _relevance(article: Article, sentences: list[Sentence], words: dict[str, set[str]]) -> dict[str, float]:
    """Score each sentence in [0, 1]: centrality, facts, closeness to the title, position."""
    document_frequency: dict[str, int] = {}
    for ws in words.values():
        for w in ws:
            document_frequency[w] = document_frequency.get(w, 0) + 1
    title_words = content_words(article.title.ar) if article.title else set()

    raw: dict[str, tuple[float, float, float, float]] = {}
    for index, s in enumerate(sentences):
        ws = words[s.id]
        centrality = sum(document_frequency[w] - 1 for w in ws) / math.sqrt(len(ws) + 1)
        facts = min(len(NUMBER_CUES.findall(s.ar)), 3) + min(_name_count(s.ar), 3)
        title = similarity(ws, title_words)
        position = 1 / math.sqrt(1 + index)
        raw[s.id] = (centrality, facts, title, position)

    def scaled(i: int) -> dict[str, float]:
        top = max(v[i] for v in raw.values()) or 1.0
        return {k: v[i] / top for k, v in raw.items()}

    centrality, facts, title, position = (scaled(i) for i in range(4))
    return {
        k: 0.35 * centrality[k] + 0.30 * facts[k] + 0.20 * title[k] + 0.15 * position[k]
        for k in raw
    }


_NAME_CUES = re.compile(
    r"\b(?:وزير|وزيرة|رئيس|الرئيس|المتحدث|الممثل|الموفد|الخبير|مدينة|بلدة|قاعدة|العاصمة|"
    r"واشنطن|بغداد|دمشق|الموصل|الرقة|سوريا|سورية|العراق|تركيا|أنقرة|موسكو|باريس|حلب)\b"
)


def _name_count(text: str) -> int:
    """How many people and places a sentence names, by the cues that introduce them."""
    return len(_NAME_CUES.findall(text))
