"""What a pair's two sides hold beyond their length: the features of ``length``'s dropped-clause model.

A clause the model leaves out (``..., which could cause minor debris flows``) takes a tenth or a
fifth of a long sentence: within the spread of human translations by length alone.  What it also
takes is what clauses are made of, which each side marks in its own way, so the model counts them
on both sides and learns how they go together on human translations: the Arabic's ``،`` and the
English's commas, the Arabic's words joined by و/ف and the English's "and", relative pronouns
(الذي/التي/الذين, which/who/that), subordinators (حيث/بينما/عندما, while/when/after), reporting
verbs (قال, said), ``أن``, figures, English acronyms (which the Arabic spells out), Latin words in
the Arabic, capitalized English words.  (The Arabic words rare in general Arabic text, names and
terms, and how many of them the English renders by transliteration, the ``names`` skeletons, were
tried and left out: weights of 0.03 and 0.001 in the fit on NTREX.)

``features`` is computed from the pair alone, with no bilingual lexicon; the weights
(``dropped_weights.py``) were fitted by ``scripts/fit_dropped.py`` on NTREX-128 only.
"""

from __future__ import annotations

import math
import re

from summarize.language.arabic import normalize

_AR_TOKEN = re.compile(r"[\u0621-\u064A]+")
_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*")
_EN_CAPITALIZED = re.compile(r"(?<![A-Za-z'’])[A-Z][a-z'’]+")
#: BBC, U.S., A.I.: Arabic news spells them out (سي بي أس) or writes what they stand for (المؤسسة الوطنية للعلوم)
_EN_ACRONYM = re.compile(r"(?<![A-Za-z.])(?:[A-Z]{2,6}s?|(?:[A-Z]\.){2,4})(?![A-Za-z])")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_FIGURE_AR = re.compile(r"[0-9\u0660-\u0669]+")
_FIGURE_EN = re.compile(r"[0-9]+")

_AR_RELATIVES = frozenset(normalize(w) for w in "الذي التي الذين اللذان اللتان اللذين اللتين اللواتي اللاتي".split())
_AR_SUBORDINATORS = frozenset(normalize(w) for w in
                              "حيث بينما عندما بعد قبل لأن إذ كما حين حتى منذ لكن بل رغم إلا".split())
_AR_THAT = frozenset(normalize(w) for w in "أن أنه أنها إن إنه إنها بأن وأن لأن".split())
_AR_SAYS = re.compile(r"^[وف]?(?:قال|قالت|قالوا|يقول|تقول|يقولون|اضاف|اضافت|ذكر|ذكرت|اعلن|اعلنت|اكد|اكدت|"
                      r"اوضح|اوضحت|صرح|صرحت|اشار|اشارت)$")
_EN_RELATIVES = frozenset("which who whom whose that where".split())
_EN_SUBORDINATORS = frozenset("while when after before because as since until although though but whereas if".split())
_EN_SAYS = frozenset("said says say told added announced stated explained according".split())

#: The model's features, in the order of the fitted weights.
FEATURES = ("z", "ar_log_chars", "word_ratio", "ar_figures", "en_figures", "ar_commas", "en_commas",
            "ar_joined", "en_and", "ar_relatives", "en_relatives", "ar_subordinators", "en_subordinators",
            "ar_that", "ar_says", "en_says", "en_capitalized", "en_acronyms",
            "ar_latin")


def features(ar: str, en: str, z: float, ar_chars: int) -> dict[str, float]:
    """The counts of each side; ``z`` and ``ar_chars`` are ``length.score``'s (the length model's
    residual in spreads, the Arabic's size)."""
    ar_tokens = _AR_TOKEN.findall(ar)
    plain = [normalize(t) for t in ar_tokens]
    en_lower = [t.lower() for t in _EN_TOKEN.findall(en)]
    return {
        "z": z,
        "ar_log_chars": math.log(max(ar_chars, 1)),
        "word_ratio": math.log(max(len(en.split()), 1)) - math.log(max(len(ar.split()), 1)),
        "ar_figures": len(_FIGURE_AR.findall(ar)),
        "en_figures": len(_FIGURE_EN.findall(en)),
        "ar_commas": sum(ar.count(c) for c in "،,؛;"),
        "en_commas": en.count(",") + en.count(";"),
        "ar_joined": sum(1 for t in ar_tokens if t == "و" or t[0] == "و" and len(t) > 3)
        + sum(1 for t in ar_tokens if t[0] == "ف" and len(t) > 4),
        "en_and": en_lower.count("and"),
        "ar_relatives": sum(1 for t in plain if t in _AR_RELATIVES),
        "en_relatives": sum(1 for t in en_lower if t in _EN_RELATIVES),
        "ar_subordinators": sum(1 for t in plain if t in _AR_SUBORDINATORS
                                or t[:1] in ("و", "ف") and t[1:] in _AR_SUBORDINATORS),
        "en_subordinators": sum(1 for t in en_lower if t in _EN_SUBORDINATORS),
        "ar_that": sum(1 for t in plain if t in _AR_THAT),
        "ar_says": sum(1 for t in plain if _AR_SAYS.match(t)),
        "en_says": sum(1 for t in en_lower if t in _EN_SAYS),
        "en_capitalized": len(_EN_CAPITALIZED.findall(en)),
        "en_acronyms": len(_EN_ACRONYM.findall(en)),
        "ar_latin": len(_LATIN_WORD.findall(ar)),
    }
