"""Today's stories and topics linked to the last days', the one home of it: how surely two entries are
one story (``link_score``: weighted word overlap, helped by shared named words and counted things for
stories, by what they mean for topics),
which earlier entry each of today's continues (``link``: the best-scoring one of the last days that
passes ``THRESHOLD``), what changed (``changes``), and how the brief says it (``Continuation``,
``day_words``, the earlier brief linked: ``earlier_brief``)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from summarize.stories.history_entries import Entry

#: the least link_score that continues a story or topic.  A story's: chosen on 9 -> 10 April 2018 of
#: ANT.  A topic's, with ``MEANING_WEIGHT`` and ``MEANING_FROM``: chosen on four pairs of labelled ANT
#: days (``scripts/eval_continuations.py``: topic links F1 46.4 -> 84.2 there, 36.4 -> 58.8 on three
#: pairs reported; the labellers agree at 98.6)
THRESHOLD = {"story": 0.2, "topic": 0.13}
#: a topic's link_score adds what the cosine of the two topics' meanings (``Entry.meaning``) has above
#: MEANING_FROM, times MEANING_WEIGHT: a running story is told in other words from day to day
MEANING_WEIGHT = 1.0
MEANING_FROM = 0.85


@dataclass
class Continuation:
    """How an entry of today continues one of an earlier day."""

    day: str  # the earlier day (ISO)
    id: str  # the earlier story's or topic's id
    day_number: int  # today is the story's day N (the days it appeared on, today included)
    first_day: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (thing, then, now)
    score: float = 0.0
    brief: str | None = None  # the earlier daily brief, relative to today's folder, without extension
    first_id: str = ""  # the story's or topic's id on its first day (``Entry.first_id``)

    def words(self, today: str) -> str:
        """"continues from 9 April (day 3)"."""
        return f"continues from {day_words(self.day, today)} (day {self.day_number})"

    def change_words(self) -> str:
        return "; ".join(f"{thing}: {then} → {now}" for thing, then, now in self.changes)

    def as_json(self) -> dict:
        return {"day": self.day, "id": self.id, "day_number": self.day_number, "first_day": self.first_day,
                "changes": [{"figure": t, "then": a, "now": b} for t, a, b in self.changes],
                "score": round(self.score, 3), "brief": self.brief}


def day_words(day: str, today: str) -> str:
    """"9 April", with the year where it is not today's."""
    d = dt.date.fromisoformat(day)
    year = "" if day[:4] == today[:4] else f" {d.year}"
    return f"{d.day} {d:%B}{year}"


def link_score(a: Entry, b: Entry, shared: float | None = None) -> float:
    """How surely ``a`` and ``b`` are one story or topic: the weighted overlap of their words (the
    shared words' weight over the union's); for two stories, plus 0.05 for each named word both use
    (up to 0.15) and 0.05 when they count the same thing; for two topics, plus what their meanings'
    cosine has above ``MEANING_FROM`` times ``MEANING_WEIGHT`` (where both have one, of one encoder's size).  The topics' bonus
    of names and counted things cost their links on the labelled days (best F1 63.0 against 75.5
    without it, on the words alone)."""
    if shared is None:
        shared = sum(min(x, b.words[w]) for w, x in a.words.items() if w in b.words)
    union = a.weight + b.weight - shared
    score = shared / union if union > 0 else 0.0
    if a.kind == "topic":
        if a.meaning is not None and b.meaning is not None and a.meaning.shape == b.meaning.shape:
            score += MEANING_WEIGHT * max(0.0, float(a.meaning @ b.meaning) - MEANING_FROM)
        return score
    score += 0.05 * min(len(a.names & b.names), 3)
    score += 0.05 if set(a.figures) & set(b.figures) else 0.0
    return score


def changes(now: Entry, then: Entry) -> list[tuple[str, str, str]]:
    """The counted things both give, whose value changed: (thing, then, now); one thing for each change
    ("dead: 40 → 70", not "people: 40 → 70" again)."""
    found: dict[tuple[str, str], str] = {}
    for thing, (value, shown) in sorted(now.figures.items()):
        if thing in then.figures and then.figures[thing][0] != value:
            found.setdefault((then.figures[thing][1], shown), thing)
    return [(thing, a, b) for (a, b), thing in found.items()]


def link(today: list[Entry], past: list[Entry]) -> dict[str, Continuation]:
    """Each of today's entries that continues one of ``past`` (of the same kind): the running story
    (``Entry.chain``) of the best-scoring one above ``THRESHOLD``, of whichever of the last days
    (between equal scores, the latest), so that a weak match yesterday does not take a story from its
    own topic three days before (chosen on nine pairs of labelled ANT days as a desk runs every day:
    topic links F1 64.5 -> 65.1, as good or better at every cut from 0.09 to 0.13; before, the best of
    the most recent day with a link).  It continues that story from its latest day (of that day's
    entries of the story, the best-scoring): a story on the 12th, 13th, 14th and 15th whose best match
    on the 16th is the 13th's continues from the 15th, on its day 5, and its figures changed since the
    15th.  An inverted index over the words: only entries sharing a word are scored."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    chains: dict[tuple[str, tuple[str, str]], list[int]] = defaultdict(list)
    for k, e in enumerate(past):
        for w in e.words:
            index[(e.kind, w)].append(k)
        chains[(e.kind, e.chain)].append(k)
    found: dict[str, Continuation] = {}
    for e in today:
        shared: dict[int, float] = defaultdict(float)
        for w, x in e.words.items():
            for k in index.get((e.kind, w), ()):
                shared[k] += min(x, past[k].words[w])
        best = None
        scores = {}
        for k, s in shared.items():
            scores[k] = score = link_score(e, past[k], s)
            if score >= THRESHOLD[e.kind] and (best is None or (score, past[k].day) > (best[1], past[best[0]].day)):
                best = (k, score)
        if best is None:
            continue
        # the story's latest day in the window, and of its entries there the best-scoring
        latest = max(chains[(e.kind, past[best[0]].chain)], key=lambda k: (past[k].day, scores.get(k, 0.0), -k))
        then = past[latest]
        found[e.id] = Continuation(then.day, then.id, then.day_number + 1, then.first_day or then.day,
                                   changes(e, then), best[1], first_id=then.chain[1])
    return found


def earlier_brief(earlier_out: str | None, out: Path | None) -> str | None:
    """The earlier day's daily brief relative to today's folder, without its extension, when it is in
    the same output tree (the same folder's parent, as ``--by-day`` writes) and still there."""
    if not earlier_out or out is None:
        return None
    then, now = Path(earlier_out), Path(out).resolve()
    if then.parent != now.parent or not any((then / f"daily-brief.{x}").exists() for x in ("md", "html", "json")):
        return None
    return os.path.relpath(then / "daily-brief", now).replace(os.sep, "/")
