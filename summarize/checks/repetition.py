"""``repetition``: a word or phrase the English repeats in a loop (the model's degenerate output,
``the the the``, ``in the city in the city``), beyond what the Arabic itself repeats.

A loop is a run of one phrase (1 to 8 words) said again right after itself: a word three times,
a phrase of two or more words twice; or a phrase of three or more words used three times in the
sentence.  People write ``very, very`` and ``bye bye``, so a single word said twice is never one.
The Arabic's own longest run of a word (``لا لا لا``) is allowed to the English too.  Words are
letters and digits, so a run of one punctuation mark (``؟؟؟؟``, ``? ? ? ?``: a degenerate output
of no words) is counted apart: four or more in a row, beyond the Arabic's own.
"""

from __future__ import annotations

import re
from collections import Counter

NAME = "repetition"
EXPLANATION = "a word or phrase repeated in a loop, more than the Arabic repeats it"

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+", re.UNICODE)
MAX_PHRASE = 8
#: a punctuation mark said this many times in a row (spaces between or not) is a loop: ``? ? ? ?``,
#: ``؟؟؟؟``; an ellipsis typed as dots is three
MARK_RUN = 4
_MARK_RUNS = re.compile(r"([^\w\s])(?:\s*\1){%d,}" % (MARK_RUN - 1))


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def longest_run(words: list[str]) -> tuple[int, int, int]:
    """(times, phrase length, start) of the longest back-to-back repeat of a phrase in ``words``,
    the phrase counted in words (a longer phrase wins a tie of the same total words)."""
    best = (1, 1, 0)
    n = len(words)
    for size in range(1, min(MAX_PHRASE, n // 2) + 1):
        for start in range(0, n - 2 * size + 1):
            if words[start] != words[start + size]:  # the cheap test first: most positions end here
                continue
            times = 1
            while (start + (times + 1) * size <= n
                   and words[start + times * size:start + (times + 1) * size] == words[start:start + size]):
                times += 1
            if times > 1 and (times * size, size) > (best[0] * best[1], best[1]):
                best = (times, size, start)
    return best


def without_loops(text: str) -> str:
    """``text``'s words with each loop said once (``the the the city`` -> ``the city``): what a
    looping English says, for comparing a repair's length with (``checks.repair``)."""
    words = _TOKEN.findall(text)
    while True:
        times, size, start = longest_run([w.lower() for w in words])
        if not ((size == 1 and times >= 3) or (size >= 2 and times >= 2)):
            return " ".join(words)
        words = words[:start + size] + words[start + times * size:]


def _most_used_phrase(words: list[str]) -> tuple[str, int] | None:
    """The longest phrase of three or more words used three times or more, and how often; a phrase
    used three times has its first three words used three times, so 3-grams are counted first."""
    grams = Counter(zip(words, words[1:], words[2:]))
    if not grams or grams.most_common(1)[0][1] < 3:
        return None
    found = None
    for size in range(3, MAX_PHRASE + 1):
        counts = Counter(tuple(words[i:i + size]) for i in range(len(words) - size + 1))
        if not counts:
            break
        gram, times = counts.most_common(1)[0]
        if times < 3:
            break
        found = (" ".join(gram), times)
    return found


def _mark_run(text: str) -> tuple[str, int]:
    """The longest run of one punctuation mark in ``text`` (spaces between allowed), and its length."""
    runs = [(m.group(1), len(re.sub(r"\s", "", m.group(0)))) for m in _MARK_RUNS.finditer(text)]
    return max(runs, key=lambda run: run[1], default=("", 0))


def find(ar: str, en: str, context=None) -> list[dict]:
    mark, times = _mark_run(en)
    if times and times > _mark_run(ar)[1]:
        return [{"phrase": mark, "times": times, "in_a_row": True, "arabic_times": _mark_run(ar)[1]}]
    words = tokens(en)
    if len(words) < 3 or len(set(words)) == len(words):
        return []
    times, size, start = longest_run(words)
    loop = (size == 1 and times >= 3) or (size >= 2 and times >= 2)
    if loop:
        allowed = longest_run(tokens(ar))[0]  # the Arabic's own loop, if any, may be kept
        if times > allowed:
            return [{"phrase": " ".join(words[start:start + size]), "times": times, "in_a_row": True,
                     "arabic_times": allowed}]
    used = _most_used_phrase(words)
    if used is not None:
        allowed = longest_run(tokens(ar))[0]
        if used[1] > allowed:
            return [{"phrase": used[0], "times": used[1], "in_a_row": False, "arabic_times": allowed}]
    return []


def note(evidence: dict) -> str:
    where = " in a row" if evidence["in_a_row"] else ""
    return f"“{evidence['phrase']}” {evidence['times']} times{where}"
