"""``length``: an English much shorter or much longer than its Arabic predicts.

A human English sentence is about as long as a fixed power of its Arabic's length; the model's
failures are not: a translation cut off on a long segment, a clause dropped, a sentence made up
and added (the hallucination opus-mt gives on noisy input), a loop.  The check predicts the
English length from the Arabic's,

    log(en) = INTERCEPT + SLOPE * log(ar)      (lengths in characters, spaces and harakat left out)

and flags an English whose log-ratio to the prediction lies more than ``LIMIT`` spreads above
it, the spread (the residuals' standard deviation) taken by the Arabic's length: short sentences
vary more.  An English that holds more sentences than the Arabic and is longer than predicted (by
``ADDED`` spreads) has had a sentence added, the usual hallucination, even when within ``LIMIT``.
Fitted by ``scripts/eval_checks.py --fit`` on the NTREX-128 human translations (1,997 sentences,
CC BY-SA 4.0); figures on FLORES-200 devtest are in docs/checks.md.

An English shorter than predicted is judged by the dropped-clause model (``dropped``: a logistic
regression over the log-ratio in spreads and what each side's clauses are made of, ``clauses.py``;
weights in ``dropped_weights.py``, fitted on NTREX by ``scripts/fit_dropped.py``): ``short`` when
it is also beyond ``LIMIT`` spreads (cut off), ``dropped`` within (a clause left out).  A clause is
too little of a long sentence for its length alone; an English short for its acronyms (BBC for
بي بي سي) is not cut off.
"""

from __future__ import annotations

import math
import re

from summarize.checks import clauses, dropped_weights

NAME = "length"
EXPLANATION = "the English is much shorter or longer than the Arabic predicts (cut off, dropped or added)"

# -- fitted on NTREX-128 (scripts/eval_checks.py --fit); do not edit by hand --
INTERCEPT = 0.3313
SLOPE = 0.9419
#: (Arabic length up to, spread of the log-ratio) by Arabic length in characters
SPREADS = ((60, 0.205), (100, 0.1777), (150, 0.1454), (220, 0.1436), (math.inf, 0.1009))
# lines per band: <= 60: 505, <= 100: 626, <= 150: 577, <= 220: 239, <= inf: 39 (n = 1986)
# -- end of fit --
LIMIT = 3.0
SHORTEST = 12  # Arabic of fewer characters is not judged (a name, a dateline)
#: an English of more sentences than the Arabic and this many spreads longer than predicted has had a
#: sentence added (tuned on NTREX: no human line flagged from 0.5 up to 1.5; appended sentences caught 95% at 0.5)
ADDED = 0.5

_EN_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_AR_BREAK = re.compile(r"[.!?؟:][\"»”')\]]*\s+\S")
#: a full stop that ends an abbreviation, not a sentence
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Sens|Rep|Reps|Rev|Prof|Det|No|vs|v|"
                           r"etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|US|U\.S|U\.K|U\.N|a\.m|p\.m|"
                           r"[A-Z])\.$")

_SKIP = re.compile(r"[\s\u064B-\u065F\u0670\u0640]")


def size(text: str) -> int:
    """Characters, spaces, harakat and tatweel left out."""
    return len(_SKIP.sub("", text))


def expected(ar_chars: int) -> float:
    return math.exp(INTERCEPT + SLOPE * math.log(ar_chars))


def spread(ar_chars: int) -> float:
    return next(s for upto, s in SPREADS if ar_chars <= upto)


def score(ar: str, en: str) -> tuple[int, int, float, float]:
    """(Arabic chars, English chars, expected English chars, z = log-ratio over its spread)."""
    a, e = size(ar), size(en)
    want = expected(max(a, 1))
    z = (math.log(max(e, 1)) - math.log(want)) / spread(a)
    return a, e, want, z


def sentences(en: str) -> int:
    """How many sentences the English holds (full stops after abbreviations and initials do not end one)."""
    return 1 + sum(1 for m in _EN_BREAK.finditer(en)
                   if m.group()[0] != "." or not _ABBREVIATION.search(en[:m.start() + 1]))


def arabic_sentences(ar: str) -> int:
    return 1 + len(_AR_BREAK.findall(ar))


def features(ar: str, en: str) -> dict[str, float]:
    """The dropped-clause model's features of a pair (``clauses.features``)."""
    a, _, _, z = score(ar, en)
    return clauses.features(ar, en, z, a)


def dropped(ar: str, en: str) -> float:
    """The dropped-clause model's score: above ``dropped_weights.CUT``, a clause is taken as left out."""
    f = features(ar, en)
    return dropped_weights.BIAS + sum(w * f[k] for k, w in dropped_weights.WEIGHTS.items())


def find(ar: str, en: str, context=None, model: bool = True) -> list[dict]:
    """The length problems of a pair.  Longer than the fit allows, or a sentence added, by the fit
    alone; shorter (cut off, a clause left out) by the dropped-clause model, of which the fit's
    residual is the main feature (``model=False``: the long side alone, what the model is fitted beside)."""
    a, e, want, z = score(ar, en)
    if a < SHORTEST:
        return []
    if z > ADDED and abs(z) <= LIMIT and (n := sentences(en)) > (m := arabic_sentences(ar)):
        return [{"problem": "added", "ar_chars": a, "en_chars": e, "expected": round(want),
                 "ratio": round(e / want, 2), "z": round(z, 1), "en_sentences": n, "ar_sentences": m}]
    s = spread(a)
    evidence = {"ar_chars": a, "en_chars": e, "expected": round(want), "ratio": round(e / want, 2), "z": round(z, 1),
                "range": [round(want * math.exp(-LIMIT * s)), round(want * math.exp(LIMIT * s))]}
    if z > LIMIT:
        return [{"problem": "long", **evidence}]
    if z >= 0 or not model or (d := dropped(ar, en)) <= dropped_weights.CUT:
        return []
    return [{"problem": "short" if z < -LIMIT else "dropped", **evidence, "score": round(d, 2)}]


def note(evidence: dict) -> str:
    if evidence["problem"] == "dropped":
        return (f"shorter than the Arabic predicts ({evidence['en_chars']} characters for {evidence['expected']}) "
                "and with fewer of its clauses or figures: a clause left out?")
    if evidence["problem"] == "added":
        return (f"{evidence['en_sentences']} sentences where the Arabic has {evidence['ar_sentences']}, "
                f"and longer than predicted ({evidence['en_chars']} characters for {evidence['expected']}): "
                "a sentence added?")
    lo, hi = evidence["range"]
    return (f"{evidence['en_chars']} characters where the Arabic predicts {evidence['expected']} "
            f"({lo}-{hi}): {'too short' if evidence['problem'] == 'short' else 'too long'}")
