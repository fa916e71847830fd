"""Content words and how rare they are in general Arabic text: what story grouping and the
summarizer both weigh words by.

``words`` gives a text's folded content words (``summarize.language.arabic.fold``; numbers,
``arabic.STOPWORDS_WIDE`` and words of two letters left out), in order.
``background`` gives, for each folded word, the share of general-text documents of
DOC_WORDS words expected to use it, from ``data/background_ar.tsv`` (made by
``scripts/make_background.py`` from the wordfreq package's data): a word it does not
list is rare.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from summarize.language.arabic import DIGITS, STOPWORDS_WIDE, fold, fold_letters

BACKGROUND = Path(__file__).parents[1] / "data" / "background_ar.tsv"
DOC_WORDS = 400  # the length of a "document" in the background's shares

#: Letters without tatweel: a tatweel ends a word here (الـ 23).
WORD = re.compile(f"[\u0621-\u063A\u0641-\u064A{DIGITS}A-Za-z0-9]+")
STOP = frozenset(fold_letters(w) for w in STOPWORDS_WIDE)


def words(text: str) -> list[str]:
    """The folded content words of a text, in order, repeats kept."""
    return [f for f in map(_content_word, WORD.findall(text)) if f]


@lru_cache(maxsize=1 << 16)
def _content_word(w: str) -> str:
    """A word as ``words`` keeps it, folded ("" for a number, a stopword, a short word); remembered,
    as a day's text uses the same words over and over."""
    if w.isdigit():
        return ""
    f = fold(w)
    return f if len(f) > 2 and f not in STOP and fold_letters(w) not in STOP else ""


@lru_cache(maxsize=1)
def background() -> dict[str, float]:
    """Folded word -> the share of general-text documents expected to use it (absent: rare)."""
    out = {}
    for line in BACKGROUND.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            out[word] = 1 - math.exp(-(10 ** float(zipf) / 1e9) * DOC_WORDS)
    return out
