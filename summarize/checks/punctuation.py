"""``punctuation``: brackets or quotes the English opens and never closes (or closes unopened),
a question the Arabic asks that the English does not, and a sentence the Arabic ends that the
English leaves unfinished (no closing mark: the output cut off).

Only what the Arabic does not share is flagged: brackets the Arabic balances, quotes the Arabic
opens and closes (a quote that runs on from the sentence before is open in the English alone as
often as not: the Arabic translator dropped the marks), and of those not a quote the English runs
across the sentence's edge (``runs_on``: its first mark closes, or its last opens before a full stop).
"""

from __future__ import annotations

import re

from summarize.checks import length

NAME = "punctuation"
EXPLANATION = "brackets or quotes left unbalanced, a question without its question mark, a sentence left unfinished"

#: an English without its full stop is cut off only if it is also short (this many length spreads):
#: a headline is written without one (NTREX's first lines), a cut-off output is short as well
UNFINISHED = -1.0

PAIRS = {"()": (("(", "﴾"), (")", "﴿")), "[]": (("[",), ("]",))}
QUOTES = ('"', "“", "”")
ARABIC_QUOTES = ('"', "“", "”", "«", "»")


def _balance(text: str, opens, closes) -> int:
    """Opened minus closed; a close before its open counts as unbalanced too (negative)."""
    depth, worst = 0, 0
    for ch in text:
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth -= 1
            worst = min(worst, depth)
    return depth if depth else worst


_QUOTE = re.compile("[\"“”]")


def runs_on(en: str) -> bool:
    """The English's odd quote is one that runs across its sentence's edge, as English prose writes a
    quote of several sentences (NTREX: the Arabic translator closes it within the sentence): its first
    mark closes a quote opened before the sentence (``lie."``, ``open," Hammel said``), or its last
    mark opens one that goes on after the sentence's own end (``"They are determined ... necessary.``)."""
    marks = list(_QUOTE.finditer(en))
    first, last = marks[0], marks[-1]
    before = en[first.start() - 1] if first.start() else " "
    after = en[first.end()] if first.end() < len(en) else " "
    closes = first.group() == "”" or (first.group() == '"' and not before.isspace() and before not in "([“"
                                      and (after.isspace() or after in ".,;:!?)—–-"))
    before = en[last.start() - 1] if last.start() else " "
    opens = last.group() == "“" or (last.group() == '"' and (before.isspace() or before in "([—–-")
                                    and last.end() < len(en) and not en[last.end()].isspace())
    return closes or (opens and en.rstrip().endswith((".", "!", "?", "…")))


def find(ar: str, en: str, context=None) -> list[dict]:
    out = []
    for marks, (ar_open, ar_close) in PAIRS.items():
        if _balance(en, marks[0], marks[1]) and not _balance(ar, ar_open, ar_close):
            out.append({"problem": "unbalanced", "marks": marks, "open": en.count(marks[0]),
                        "close": en.count(marks[1])})
    en_quotes = sum(en.count(q) for q in QUOTES)
    ar_quotes = sum(ar.count(q) for q in ARABIC_QUOTES)
    # a quote that runs on from the sentence before is open in the English alone as often as not
    # (the Arabic drops the marks): only a quote the Arabic opens and closes must close in English
    if en_quotes % 2 and ar_quotes and not ar_quotes % 2 and not runs_on(en):
        out.append({"problem": "unbalanced", "marks": "quotes", "open": en_quotes, "close": 0})
    if (ar.rstrip().endswith((".", "!", "؟", "?", "…")) and en.strip() and en.rstrip()[-1].isalnum()
            and length.score(ar, en)[3] < UNFINISHED):
        out.append({"problem": "unfinished", "en_ends": en.rstrip()[-20:]})
    stripped_ar = ar.rstrip(" \"'»”)").rstrip()
    if stripped_ar.endswith(("؟", "?")) and "?" not in en:
        out.append({"problem": "question", "ar_ends": stripped_ar[-1]})
    return out


def note(evidence: dict) -> str:
    if evidence["problem"] == "unfinished":
        return "the Arabic ends its sentence; the English stops without a full stop (cut off?)"
    if evidence["problem"] == "question":
        return "the Arabic asks a question; the English has no question mark"
    if evidence["marks"] == "quotes":
        return f"an odd number of quotes ({evidence['open']}) where the Arabic opens and closes its quote"
    return f"unbalanced {evidence['marks']}: {evidence['open']} opened, {evidence['close']} closed"
