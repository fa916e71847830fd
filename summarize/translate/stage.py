"""The translation stage: what the model sees, and where its output goes.

Each sentence is prepared for the model (run-together words mended, cut at a
clause boundary if it is too long), every distinct input is translated once,
in length-sorted batches, and the pieces are joined back so each Arabic
sentence keeps exactly one English sentence beside it.
"""

from __future__ import annotations

import sys

from summarize.document import Article
from summarize.ingest.clean import unglue
from summarize.ingest.sentences import split_long
from summarize.translate import Translator

#: A sentence longer than this many source tokens is cut at a clause boundary
#: before translation: well inside the model's 512, where MarianMT still
#: translates well.  Nothing is ever truncated.
PIECE_TOKENS = 200


def prepare(article: Article, translator: Translator) -> None:
    """Fill ``pieces``, the model's input, for the title, headings and sentences."""

    def fits(text: str) -> bool:
        return translator.count_tokens(text) <= PIECE_TOKENS

    for unit in article.units:
        unit.pieces = split_long(unglue(unit.ar), fits)


def translate_articles(articles: list[Article], translator: Translator, progress: bool) -> int:
    """Translate every sentence, title and heading; return how many inputs the model saw."""
    for article in articles:
        prepare(article, translator)
    # each distinct input once: wire copy repeats sentences across articles
    inputs = list(dict.fromkeys(
        piece for article in articles for unit in article.units for piece in unit.pieces
    ))
    english = dict(zip(inputs, _translate_with_progress(inputs, translator, progress)))
    for article in articles:
        for unit in article.units:
            unit.translations = [english[piece] for piece in unit.pieces]
    return len(inputs)


def _translate_with_progress(inputs: list[str], translator: Translator, progress: bool) -> list[str]:
    if not progress:
        return translator.translate(inputs)
    from tqdm import tqdm

    # Chunks of several batches: long enough for the translator to sort by
    # length, short enough for the bar to move.
    # Sorted by length first so each chunk's batches stay tight.
    chunk = max(1, translator.batch_size * 4)
    order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
    out: list[str] = [""] * len(inputs)
    with tqdm(total=len(inputs), unit="sent", desc="Translating", file=sys.stderr, leave=False) as bar:
        for start in range(0, len(order), chunk):
            part = order[start:start + chunk]
            for i, english in zip(part, translator.translate([inputs[i] for i in part])):
                out[i] = english
            bar.update(len(part))
    return out
