"""What the story history keeps of a day's story (event) or topic, the one home of it: the ``Entry``
and how one is made of the articles (``entries``): the telling words of their titles and leads
(folded, weighted by rarity against the background of general Arabic, the ``TOP_WORDS`` weightiest),
the named words (those the background does not list), the figures (one value per counted thing, as
the number checks paired them), the outlets and, for a topic, what its leads mean (``meaning``: the
mean of the sentence encoder's vectors of its articles' leads, ``stories.encoder``, as grouping read
them).
``history_links`` compares entries, ``history_store`` keeps them, ``history`` records a day's."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarize.document import Article
from summarize.language.vocabulary import background, words

if TYPE_CHECKING:
    import numpy as np

TOP_WORDS = 40  # an entry's words kept (the weightiest)
COMMON = 0.2  # a word more than this share of background documents use says nothing of a story


@dataclass
class Entry:
    """One story (``kind`` "story") or topic ("topic") of one day, as the history keeps it."""

    day: str
    kind: str
    id: str
    words: dict[str, float]  # folded word -> weight (count x rarity)
    names: set[str]
    figures: dict[str, tuple[float, str]]  # counted thing (the English word after the number) -> (value, as shown)
    outlets: list[str]
    articles: int = 0
    topic: str = ""
    title_ar: str = ""
    title_en: str = ""
    first_day: str = ""
    day_number: int = 1
    # a topic's: the unit mean of its articles' lead vectors (``meaning``); None for a story, and where
    # the encoder could not be had or the history is of version 1
    meaning: np.ndarray | None = None
    # the id, on ``first_day``, of the story or topic it continues from there ("": itself, or not kept:
    # a history of version 1 or 2)
    first_id: str = ""

    @property
    def chain(self) -> tuple[str, str]:
        """Which running story or topic it is part of: its first day's and id there (its own day and id
        where no first id is kept)."""
        return (self.first_day or self.day, self.first_id) if self.first_id else (self.day, self.id)

    @property
    def weight(self) -> float:
        return sum(self.words.values())


def _rarity(word: str, shares: dict[str, float]) -> float:
    return -math.log(max(shares.get(word, 0.0), 1e-4))


def _figures(articles: list[Article], least: int = 1) -> dict[str, tuple[float, str]]:
    """One value per counted thing, from the counts in the articles' titles and leads, as their number
    checks paired them (the thing: the English word after the number, as the briefs show it): the
    value most articles give, where at least ``least`` articles give it (a topic's figure is one
    several of its reports give, not one aside; between values as many give, the first the text gives)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for a in articles:
        found: dict[tuple[str, float], None] = {}  # in text order (a set's would change with the hash seed)
        for unit in ([a.title] if a.title is not None else []) + a.sentences[:3]:
            for n in getattr(unit, "numbers", None) or []:
                if n.kind != "count" or not isinstance(n.value, (int, float)) or not n.en:
                    continue
                thing = _thing(unit.en or "", n.en)
                if thing:
                    found[(thing, n.value)] = None
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


def meaning(stories: list) -> np.ndarray | None:
    """What a topic's leads mean: the mean of the sentence encoder's vectors of its stories' articles'
    leads (``Story.meaning_sum``, as grouping read them), at unit length; None where none had one."""
    import numpy as np

    sums = [s.meaning_sum for s in stories if s.meaning_sum is not None]
    if not sums:
        return None
    total = np.sum(sums, axis=0)
    norm = float(np.linalg.norm(total))
    return (total / norm).astype(np.float32) if norm > 0 else None


def entries(day: str, stories: list) -> list[Entry]:
    """The history's entries of a day's stories and of their topics (``stories.topics``); a topic's
    with what its leads mean (``meaning``)."""
    from summarize.stories.story import topics

    shares = background()
    known = {id(a): _lead_words(a, shares) for s in stories for a in s.articles}  # once, for story and topic
    found = [entry(day, "story", s.id, s.articles, s.outlets, s.topic, known) for s in stories]
    for t in topics(stories):
        if t.id:
            found.append(entry(day, "topic", t.id, t.articles, t.outlets, known=known))
            found[-1].meaning = meaning(t.stories)
    return found
