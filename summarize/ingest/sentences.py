"""An Arabic sentence splitter for news text.

Splits on ``.`` ``؟`` ``?`` ``!`` and line ends, never on ``،`` (a clause
mark in Arabic, not a sentence end).  Quotations and parentheses are kept
whole: a quoted statement of two sentences stays inside the sentence that
reports it, so the translator sees who said what.  Decimals (``3.5``), dates
(``يوليو/تموز``) and the corpus oddity ``28. %`` stay inside their sentence; a full
stop typed without its space between two Arabic words (``الفم.كما``) still ends one.

The scan is a single left-to-right pass with no backtracking regular
expressions, so its cost is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable

from summarize.language.arabic import LETTER

_TERMINATORS = set(".!?؟…")
_OPEN_CLOSE = {"“": "”", "«": "»", "(": ")", "[": "]", "﴿": "﴾"}
_SYMMETRIC = {'"'}
_CLOSERS = set("”»)]﴾\"'’")
# A "sentence end" followed by one of these is not one: 28. % , 3. ، ...
_NOT_A_START = set("%٪،,؛;:)]»”")
# Quotes or brackets longer than this are not trusted to be closed correctly.
_MAX_PROTECTED_WORDS = 80
# what starts a span: a symmetric quote or an opening quote or bracket
_OPENERS = re.compile("[" + re.escape("".join(sorted(_SYMMETRIC | set(_OPEN_CLOSE)))) + "]")
# every character a span's reading looks at: the openers and the closing brackets and quotes
_SPAN_MARKS = re.compile("[" + re.escape("".join(sorted(_SYMMETRIC | set(_OPEN_CLOSE) | set(_OPEN_CLOSE.values()))))
                         + "]")
_WORD_START = re.compile(r"(?<!\S)\S")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end-exclusive) of quotations and parentheses that close."""
    if not _OPENERS.search(text):
        return []  # most lines: no quote or bracket to close
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    open_symmetric: dict[str, int] = {}
    for m in _SPAN_MARKS.finditer(text):  # only the quotes and brackets: every other character passes
        i, ch = m.start(), m.group()
        if ch in _SYMMETRIC:
            if ch in open_symmetric:
                spans.append((open_symmetric.pop(ch), i + 1))
            else:
                open_symmetric[ch] = i
        elif ch in _OPEN_CLOSE:
            stack.append((_OPEN_CLOSE[ch], i))
        elif stack and ch == stack[-1][0]:
            spans.append((stack.pop()[1], i + 1))
    if not spans:
        return []
    # words per span: the word starts (a character not a space, after a space or at the start; the
    # regex's \s is str.isspace) counted between its ends by bisection: nested spans stay linear
    starts = [m.start() for m in _WORD_START.finditer(text)]
    return [(a, b) for a, b in spans if bisect_left(starts, b) - bisect_left(starts, a) <= _MAX_PROTECTED_WORDS]


def _inside(text: str, position: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``position`` inside a quotation or parenthesis, and not at its very end?

    A full stop just before the closing quote ends the quoted sentence *and*
    the reporting one: ``... قادمة." وقال`` splits after the quote."""
    return any(
        a < position < b and text[position + 1:b].strip("".join(_TERMINATORS | _CLOSERS))
        for a, b in spans
    )


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph (or several lines) into sentences, keeping every character
    but the whitespace between sentences."""
    sentences: list[str] = []
    for line in paragraph.split("\n"):
        sentences.extend(_split_line(line))
    return sentences


def _split_line(line: str) -> list[str]:
    spans = _protected_spans(line)
    pieces: list[str] = []
    start = 0
    i = 0
    n = len(line)
    while i < n:
        if line[i] not in _TERMINATORS or _inside(line, i, spans) or _is_abbreviation(line, i):
            i += 1
            continue
        end = i + 1
        while end < n and (line[end] in _TERMINATORS or line[end] in _CLOSERS):
            end += 1
        nxt = end
        while nxt < n and line[nxt].isspace():
            nxt += 1
        if nxt == n or (nxt > end and line[nxt] not in _NOT_A_START) or _glued(line, i, end):
            piece = line[start:end].strip()
            if piece:
                pieces.append(piece)
            start = nxt
        i = end
    rest = line[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _glued(line: str, i: int, end: int) -> bool:
    """``الفم.كما``: a sentence end with no space after it, between two Arabic letters (typed text
    often drops the space; a decimal, ``U.S.`` or ``www.un.org`` is not Arabic on both sides)."""
    return end == i + 1 < len(line) and i > 0 and bool(LETTER.match(line[i - 1]) and LETTER.match(line[end]))


def _is_abbreviation(line: str, i: int) -> bool:
    """``د.`` (Dr), ``م.`` (AD), ``U.S.``: a full stop after a one-letter word."""
    if line[i] != "." or i == 0 or not line[i - 1].isalpha():
        return False
    return i == 1 or not line[i - 2].isalpha()


# --- sentences too long for the model ---------------------------------------

_CLAUSE_MARKS = ("،", "؛", ":", ",", ";", " - ", " – ")


def split_long(sentence: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut ``sentence`` into pieces that each ``fit`` the model, at clause marks
    when it can, else at the space nearest the middle.  Nothing is dropped:
    ``" ".join(pieces)`` is the sentence with its spacing normalized."""
    if fits(sentence):
        return [sentence]
    words = sentence.split()
    if len(words) == 1:
        # One enormous "word": cut by characters; still nothing is lost.
        half = len(sentence) // 2
        return split_long(sentence[:half], fits) + split_long(sentence[half:], fits)
    cut = _best_cut(sentence)
    left, right = sentence[:cut].strip(), sentence[cut:].strip()
    return split_long(left, fits) + split_long(right, fits)


def _best_cut(sentence: str) -> int:
    """Index to cut at: the clause mark nearest the middle, else the middle space."""
    middle = len(sentence) / 2
    best = None
    for mark in _CLAUSE_MARKS:
        start = 0
        while (at := sentence.find(mark, start)) >= 0:
            cut = at + len(mark.rstrip())
            # keep both sides at least a fifth of the sentence, or the cut gains little
            if len(sentence) * 0.2 < cut < len(sentence) * 0.8:
                if best is None or abs(cut - middle) < abs(best - middle):
                    best = cut
            start = at + 1
    if best is not None:
        return best
    spaces = [i for i, ch in enumerate(sentence) if ch.isspace()]
    return min(spaces, key=lambda i: abs(i - middle)) if spaces else len(sentence) // 2
