"""The story history: what each day's brief held, kept across runs, so a story is followed from day
to day ("continues from 9 April (day 3)"; "deaths: 40 → 70").  This module records a day: it links
today's stories and topics to the last days' (``History.continuations``) and then records them
(``History.record``); the one place the pipeline and the archive open a history (``open_history``).

One SQLite file (``--history FILE``; by default ``stories.sqlite3`` beside the translation cache),
standard library only.  Each run records its day's stories (events) and topics: their words (folded
content words of the titles and leads, weighted by rarity against the background of general
Arabic), named words (those the background does not list), figures (one value per counted thing),
outlets and, for a topic, what its leads mean (the sentence encoder's).  Today's stories and topics
are linked to those of the previous days (``DAYS``, 7 by default) by weighted word overlap, helped
by shared named words and counted things for stories and by what they mean for topics
(``link_score``); an entry continues the running story of the best-scoring earlier one of the last
days that passes ``THRESHOLD``, from that story's latest day, and counts its days from it.

A day run again replaces that day's records, in one transaction (idempotent); days may be run in
any order (an archive backfill): a day links only to days before it, and recording it changes no
record of another day.  A history that cannot be used (damaged, locked past ``timeout``,
read-only, another program's file or another version's) gets one warning, through ``warn``, and
the run goes on without it (or, read-only, links without recording): the briefs are always
written.

Its parts: ``history_entries`` (what is kept of a story or topic), ``history_links`` (linking them
to earlier days' ones, and how the brief says so), ``history_store`` (the file: its schema, opening
it, the warning of one that cannot be used, its rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from summarize.stories.history_entries import Entry, entries
from summarize.stories.history_links import Continuation, day_words, earlier_brief, link, link_score
from summarize.stories.history_store import Store, default_path

DAYS = 7  # how many days back a story is looked for


class History:
    """The story history file; ``ok`` goes False (after one warning) when it cannot be used."""

    def __init__(self, path: Path, days: int = DAYS, warn: Callable[[str], None] | None = None,
                 timeout: float | None = None) -> None:
        self.path, self.days = Path(path), days
        self.store = Store(self.path, warn, timeout)
        self._entries: dict[str, list[Entry]] = {}

    @property
    def ok(self) -> bool:
        return self.store.ok

    def close(self) -> None:
        self.store.close()

    def continuations(self, day: str, stories: list, out: Path | None = None) -> dict[str, Continuation]:
        """Today's stories and topics that continue earlier ones: id -> ``Continuation`` (ids of stories
        and of topics do not clash: ``story-N``, ``topic-N``)."""
        today = entries(day, stories)
        self._entries[day] = today
        past, outs = self.store.past(day, self.days)
        found = link(today, past)
        for c in found.values():
            c.brief = earlier_brief(outs.get(c.day), out)
        return found

    def record(self, day: str, stories: list, out: Path | None = None,
               continuing: dict[str, Continuation] | None = None) -> bool:
        """Replace ``day``'s records with its stories and topics (in one transaction); True when recorded."""
        today = self._entries.pop(day, None) or entries(day, stories)
        carry(day, today, continuing or {})
        return self.store.replace(day, out, today)


def carry(day: str, today: list[Entry], continuing: dict[str, Continuation]) -> None:
    """Give each of ``day``'s entries its running story, as it is recorded: the first day, the id there
    and the day number of the one it continues (``continuing``, by id), else its own (day 1)."""
    for e in today:
        c = continuing.get(e.id)
        e.first_day, e.first_id, e.day_number = (c.first_day, c.first_id, c.day_number) if c else (day, e.id, 1)


@contextmanager
def open_history(path: Path | None, days: int = DAYS,
                 warn: Callable[[str], None] | None = None) -> Iterator[History | None]:
    """The history at ``path`` (None: none kept), closed after."""
    history = History(path, days, warn) if path is not None else None
    try:
        yield history
    finally:
        if history is not None:
            history.close()


__all__ = ["DAYS", "Continuation", "Entry", "History", "carry", "day_words", "default_path", "entries", "link",
           "link_score", "open_history"]
