"""``untranslated``: Arabic script left in the English, an empty English for Arabic words, or
the English (near) the source copied.

A human English sentence of news never carries Arabic letters (FLORES devtest and NTREX: none of
3,009 lines), so one Arabic word of two letters or more is enough; a lone letter is let pass (a
stray ``و`` of a glued name).  Arabic punctuation (``؟ ، ؛``) left in the English is flagged too:
the tiny model's ``ll ؟؟؟…`` has no Arabic word but is no translation.  "Copied" compares the Latin text of the two sides: an English that
is the Arabic line's own Latin words (``CNN``, ``iPhone``) with nothing added is a copy.
"""

from __future__ import annotations

import re

NAME = "untranslated"
EXPLANATION = "the English keeps Arabic words, is empty, or copies the source"

ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]{2,}")
ARABIC_LETTERS = re.compile(r"[\u0621-\u064A]")
#: Arabic comma, semicolon, question mark and percent/decimal signs: no English sentence types them
ARABIC_MARKS = re.compile(r"[\u060C\u061B\u061F\u066A-\u066D]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")


def find(ar: str, en: str, context=None) -> list[dict]:
    if not ARABIC_LETTERS.search(ar):
        return []  # nothing Arabic to translate
    if not _WORD.search(en):
        return [{"problem": "empty", "en": en}]
    found = ARABIC_WORD.findall(en) or sorted(set(ARABIC_MARKS.findall(en)))
    if found:
        words = en.split()
        arabic = sum(1 for w in words if ARABIC_WORD.search(w))
        return [{"problem": "arabic", "words": found[:10], "share": round(arabic / len(words), 2)}]
    if _LATIN.search(ar) and _bare(en) and _bare(en) == _bare(ar):
        return [{"problem": "copied", "en": en}]
    return []


def _bare(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text) if not ARABIC_LETTERS.search(w))


def note(evidence: dict) -> str:
    if evidence["problem"] == "empty":
        return "no English for the Arabic"
    if evidence["problem"] == "copied":
        return "the English is the source copied"
    return "Arabic left in the English: " + " ".join(evidence["words"][:5])
