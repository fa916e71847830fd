"""The story history: what each day's brief held, kept across runs, so a story is followed from day
to day ("continues from 9 April (day 3)"; "deaths: 40 → 70").

One SQLite file (``--history FILE``; by default ``stories.sqlite3`` beside the translation cache),
standard library only.  Each run records its day's stories (events) and topics: their words (folded
content words of the titles and leads, weighted by rarity against the background of general
Arabic), named words (those the background does not list), figures (one value per counted thing)
and outlets.  Today's stories and topics are linked to those of the previous days (``DAYS``, 7 by
default) by weighted word overlap, helped by shared named words and counted things
(``link_score``); an entry continues the best-scoring earlier one of the most recent day that
passes ``THRESHOLD``, and counts its days from it.

A day run again replaces that day's records, in one transaction (idempotent); days may be run in
any order (an archive backfill): a day links only to days before it, and recording it changes no
record of another day.  A history that cannot be used (damaged, locked past ``timeout``,
read-only, another program's file or another version's) gets one warning, through ``warn``, and
the run goes on without it (or, read-only, links without recording): the briefs are always
written.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from summarize.document import Article
from summarize.language.vocabulary import background, words

VERSION = 1  # PRAGMA user_version of the files this code writes
APPLICATION_ID = 0x53484953  # "SHIS": PRAGMA application_id, which tells our file from another SQLite file
DAYS = 7  # how many days back a story is looked for
#: the least link_score that continues a story or topic (a topic's 40 words are drawn from more
#: articles, so it shares a smaller part with its earlier self); chosen on 9 -> 10 April 2018 of ANT
THRESHOLD = {"story": 0.2, "topic": 0.17}
TOP_WORDS = 40  # an entry's words kept (the weightiest)
COMMON = 0.2  # a word more than this share of background documents use says nothing of a story
NAME = "stories.sqlite3"
TIMEOUT = 5.0  # seconds to wait for another run holding the file
#: what the run does when the history cannot be used at all
WITHOUT = "the briefs are written without following stories from earlier days"


@dataclass(frozen=True)
class Advice:
    """What a warning of an unusable history tells the user to do: ``text``, said right after what is
    wrong with the file (``first``: advice on the file itself), or else last, after what the run does
    instead (advice on where to keep a history)."""

    text: str
    first: bool = False


WRITABLE_PLACE = Advice("give --history FILE (a writable place), or --no-history to go without")
ANOTHER_FILE = Advice("give another --history FILE", first=True)  # another program's file
MOVE_OR_ANOTHER = Advice("move it away or give another --history FILE", first=True)  # another version's
MOVE_AWAY = Advice("move it away to start a new history", first=True)  # a damaged file

SCHEMA = """
CREATE TABLE IF NOT EXISTS days (day TEXT PRIMARY KEY, out TEXT, recorded TEXT);
CREATE TABLE IF NOT EXISTS entries (
    day TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, topic TEXT, title_ar TEXT, title_en TEXT,
    words TEXT NOT NULL, names TEXT NOT NULL, figures TEXT NOT NULL, outlets TEXT NOT NULL,
    articles INTEGER NOT NULL, first_day TEXT NOT NULL, day_number INTEGER NOT NULL,
    PRIMARY KEY (day, kind, id));
"""


def default_path(cache: Path) -> Path:
    """The history beside the translation cache file ``cache``."""
    return cache.parent / NAME


@dataclass
class Entry:
    """One story (``kind`` "story") or topic ("topic") of one day, as the history keeps it."""

    day: str
    kind: str
    id: str
    words: dict[str, float]  # folded word -> weight (count x rarity)
    names: set[str]
    figures: dict[str, tuple[float, str]]  # counted thing (Arabic) -> (value, as shown)
    outlets: list[str]
    articles: int = 0
    topic: str = ""
    title_ar: str = ""
    title_en: str = ""
    first_day: str = ""
    day_number: int = 1

    @property
    def weight(self) -> float:
        return sum(self.words.values())


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


def _rarity(word: str, shares: dict[str, float]) -> float:
    return -math.log(max(shares.get(word, 0.0), 1e-4))


def _figures(articles: list[Article], least: int = 1) -> dict[str, tuple[float, str]]:
    """One value per counted thing, from the counts in the articles' titles and leads, as their number
    checks paired them (the thing: the English word after the number, as the briefs show it): the
    value most articles give, where at least ``least`` articles give it (a topic's figure is one
    several of its reports give, not one aside)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        found: set[tuple[str, float]] = set()
        for unit in ([a.title] if a.title is not None else []) + a.sentences[:3]:
            for n in getattr(unit, "numbers", None) or []:
                if n.kind != "count" or not isinstance(n.value, (int, float)) or not n.en:
                    continue
                thing = _thing(unit.en or "", n.en)
                if thing:
                    found.add((thing, n.value))
        for thing, value in found:
            seen[thing][value] += 1
    figures = {}
    for thing, values in seen.items():
        value, count = values.most_common(1)[0]
        if count >= least:
            figures[thing] = (value, _shown(value))
    return figures


def _thing(english: str, surface: str) -> str:
    """The word the English counts after the number ("at least 70 people were killed" -> "people")."""
    at = english.find(surface)
    if at < 0:
        return ""
    after = english[at + len(surface):].split()
    word = after[0].strip(".,;:()\"'").lower() if after else ""
    return word if word.isalpha() and len(word) > 2 else ""


def _shown(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _lead_words(article: Article, shares: dict[str, float]) -> Counter:
    """The telling words (fewer than ``COMMON`` of background documents use them) of the title and lead."""
    counts: Counter = Counter()
    for text in [article.title.ar if article.title else "", *(s.ar for s in article.sentences[:2])]:
        counts.update(w for w in words(text) if shares.get(w, 0.0) < COMMON)
    return counts


def entry(day: str, kind: str, key: str, articles: list[Article], outlets: list[str], topic: str = "",
          known: dict[int, Counter] | None = None) -> Entry:
    """What the history keeps of a story or topic: the words of its articles' titles and leads
    (``known``: each article's, by ``id``, where already counted)."""
    shares = background()
    counts: Counter = Counter()
    for a in articles:
        counts.update(known[id(a)] if known is not None and id(a) in known else _lead_words(a, shares))
    weighted = {w: (1 + math.log(c)) * _rarity(w, shares) for w, c in counts.items()}
    top = dict(sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS])
    lead = articles[0] if articles else None
    return Entry(day, kind, key, {w: round(x, 3) for w, x in top.items()},
                 {w for w in top if w not in shares}, _figures(articles, 2 if kind == "topic" and len(articles) > 1 else 1),
                 outlets, len(articles), topic,
                 lead.title.ar if lead and lead.title else "", (lead.title.en or "") if lead and lead.title else "")


def entries(day: str, stories: list) -> list[Entry]:
    """The history's entries of a day's stories and of their topics (``stories.topics``)."""
    from summarize.stories.model import outlet
    from summarize.stories.story import topics

    def outlets(articles: list[Article]) -> list[str]:
        return list(dict.fromkeys(filter(None, (name for a in articles
                                                for name in [outlet(a)] + [c.outlet or "" for c in a.copies]))))

    shares = background()
    known = {id(a): _lead_words(a, shares) for s in stories for a in s.articles}  # once, for story and topic
    found = [entry(day, "story", s.id, s.articles, outlets(s.articles), s.topic, known) for s in stories]
    found += [entry(day, "topic", t.id, t.articles, t.outlets, known=known) for t in topics(stories) if t.id]
    return found


def link_score(a: Entry, b: Entry, shared: float | None = None) -> float:
    """How surely ``a`` and ``b`` are one story: the weighted overlap of their words (the shared
    words' weight over the union's), plus 0.05 for each named word both use (up to 0.15) and 0.05
    when they count the same thing."""
    if shared is None:
        shared = sum(min(x, b.words[w]) for w, x in a.words.items() if w in b.words)
    union = a.weight + b.weight - shared
    score = shared / union if union > 0 else 0.0
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


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


class History:
    """The story history file; ``ok`` goes False (after one warning) when it cannot be used."""

    def __init__(self, path: Path, days: int = DAYS, warn: Callable[[str], None] = _warn,
                 timeout: float | None = None) -> None:
        self.path, self.days = Path(path), days
        self.timeout = TIMEOUT if timeout is None else timeout
        self._warn, self.ok = warn, True
        self._db: sqlite3.Connection | None = None
        self._entries: dict[str, list[Entry]] = {}

    # -- the file -------------------------------------------------------------------------------
    def _fail(self, what: str, advice: Advice, error: BaseException | None = None, then: str = WITHOUT) -> None:
        """Say once what is wrong with the file, what the run does instead (``then``) and what to do
        (``advice``), and stop using it."""
        if self.ok:  # advice on the file itself follows what is wrong with it; on the place, comes last
            why = f" ({error})" if error is not None else ""
            self._warn(f"story history {self.path}: {what}; {advice.text}{why}; {then}" if advice.first
                       else f"story history {self.path}: {what}{why}; {then}; {advice.text}")
        self.ok = False
        self.close()

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None or not self.ok:
            return self._db
        try:
            if self.path.exists() and not self.path.is_file():
                self._fail("not a file", WRITABLE_PLACE)
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if _read_only(self.path):  # read what it holds; recording the day then fails with one warning
                db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=self.timeout,
                                     isolation_level=None)
            else:
                db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            self._db = db
            app, version = db.execute("PRAGMA application_id").fetchone()[0], db.execute(
                "PRAGMA user_version").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and app != APPLICATION_ID:
                self._fail("is another program's SQLite file, not a story history", ANOTHER_FILE)
                return None
            if tables and version != VERSION:
                self._fail(f"was written by another version of summarize (history version {version}, "
                           f"this one reads {VERSION})", MOVE_OR_ANOTHER)
                return None
            if not tables:
                db.execute("BEGIN IMMEDIATE")
                for statement in filter(str.strip, SCHEMA.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {VERSION}")
                db.execute("COMMIT")
            return db
        except sqlite3.DatabaseError as error:
            self._fail(*_why(error), error)
            return None
        except OSError as error:
            self._fail("cannot be opened", WRITABLE_PLACE, error)
            return None

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    # -- reading --------------------------------------------------------------------------------
    def _past(self, db: sqlite3.Connection, day: str) -> tuple[list[Entry], dict[str, str]]:
        start = (dt.date.fromisoformat(day) - dt.timedelta(days=self.days)).isoformat()
        rows = db.execute("SELECT day, kind, id, topic, title_ar, title_en, words, names, figures, outlets, "
                          "articles, first_day, day_number FROM entries WHERE day >= ? AND day < ?",
                          (start, day)).fetchall()
        outs = dict(db.execute("SELECT day, out FROM days WHERE day >= ? AND day < ?", (start, day)).fetchall())
        past = [Entry(r[0], r[1], r[2], json.loads(r[6]), set(json.loads(r[7])),
                      {k: (v[0], v[1]) for k, v in json.loads(r[8]).items()}, json.loads(r[9]), r[10], r[3] or "",
                      r[4] or "", r[5] or "", r[11], r[12]) for r in rows]
        return past, outs

    def continuations(self, day: str, stories: list, out: Path | None = None) -> dict[str, Continuation]:
        """Today's stories and topics that continue earlier ones: id -> ``Continuation`` (ids of stories
        and of topics do not clash: ``story-N``, ``topic-N``)."""
        today = entries(day, stories)
        self._entries[day] = today
        db = self._open()
        if db is None:
            return {}
        try:
            past, outs = self._past(db, day)
        except sqlite3.DatabaseError as error:
            self._fail(*_why(error), error)
            return {}
        found = link(today, past)
        for c in found.values():
            c.brief = _brief(outs.get(c.day), out)
        return found

    # -- writing --------------------------------------------------------------------------------
    def record(self, day: str, stories: list, out: Path | None = None,
               continuing: dict[str, Continuation] | None = None) -> bool:
        """Replace ``day``'s records with its stories and topics (in one transaction); True when recorded."""
        today = self._entries.pop(day, None) or entries(day, stories)
        for e in today:
            c = (continuing or {}).get(e.id)
            e.first_day, e.day_number = (c.first_day, c.day_number) if c else (day, 1)
        db = self._open()
        if db is None:
            return False
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM entries WHERE day = ?", (day,))
            db.execute("INSERT OR REPLACE INTO days VALUES (?, ?, ?)",
                       (day, str(Path(out).resolve()) if out else None, dt.datetime.now(dt.timezone.utc).isoformat()))
            db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (e.day, e.kind, e.id, e.topic, e.title_ar, e.title_en, json.dumps(e.words, ensure_ascii=False),
                 json.dumps(sorted(e.names), ensure_ascii=False),
                 json.dumps({k: list(v) for k, v in e.figures.items()}, ensure_ascii=False),
                 json.dumps(e.outlets, ensure_ascii=False), e.articles, e.first_day, e.day_number) for e in today])
            db.execute("COMMIT")
            return True
        except sqlite3.DatabaseError as error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._fail(*_why(error), error, "this day's stories are not recorded (the briefs are written)")
            return False


def _read_only(path: Path) -> bool:
    """A history file this process may not write."""
    return path.exists() and not os.access(path, os.W_OK)


def _why(error: sqlite3.DatabaseError) -> tuple[str, Advice]:
    """What SQLite's ``error`` says is wrong with the file, and what to do."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return "is held by another run (locked) past the wait", WRITABLE_PLACE
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "is damaged (not a readable SQLite database)", MOVE_AWAY
    if "readonly" in text:
        return "cannot be written (read-only)", WRITABLE_PLACE
    if "unable to open" in text:
        return "cannot be opened or created", WRITABLE_PLACE
    return "cannot be used", WRITABLE_PLACE



def link(today: list[Entry], past: list[Entry]) -> dict[str, Continuation]:
    """Each of today's entries that continues one of ``past`` (of the same kind): the best of the most
    recent day with a link above ``THRESHOLD``.  An inverted index over the words: only entries
    sharing a word are scored."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, e in enumerate(past):
        for w in e.words:
            index[(e.kind, w)].append(k)
    found: dict[str, Continuation] = {}
    for e in today:
        shared: dict[int, float] = defaultdict(float)
        for w, x in e.words.items():
            for k in index.get((e.kind, w), ()):
                shared[k] += min(x, past[k].words[w])
        best = None
        for k, s in shared.items():
            score = link_score(e, past[k], s)
            if score >= THRESHOLD[e.kind] and (best is None or (past[k].day, score) > (past[best[0]].day, best[1])):
                best = (k, score)
        if best is None:
            continue
        then = past[best[0]]
        found[e.id] = Continuation(then.day, then.id, then.day_number + 1, then.first_day or then.day,
                                   changes(e, then), best[1])
    return found


def _brief(earlier_out: str | None, out: Path | None) -> str | None:
    """The earlier day's daily brief relative to today's folder, without its extension, when it is in
    the same output tree (the same folder's parent, as ``--by-day`` writes) and still there."""
    if not earlier_out or out is None:
        return None
    then, now = Path(earlier_out), Path(out).resolve()
    if then.parent != now.parent or not any((then / f"daily-brief.{x}").exists() for x in ("md", "html", "json")):
        return None
    return os.path.relpath(then / "daily-brief", now).replace(os.sep, "/")


@contextmanager
def open_history(path: Path | None, days: int = DAYS,
                 warn: Callable[[str], None] | None = None) -> Iterator[History | None]:
    """The history at ``path`` (None: none kept), closed after."""
    history = History(path, days, warn or _warn) if path is not None else None
    try:
        yield history
    finally:
        if history is not None:
            history.close()


__all__ = ["DAYS", "Continuation", "Entry", "History", "default_path", "entries", "link", "link_score",
           "open_history"]
