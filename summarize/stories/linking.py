"""Which articles of a batch report the same event: pair links and average-linkage clustering.

Two articles are linked when

* their TF-IDF cosine over folded content words is high (``LINK``), or
  moderate and backed by rare words only these two use (``LINK_WITH_WORDS``)
  or by a shared official or figure (``LINK_WITH_EVIDENCE``), with one's lead
  close to the other's text (``LEAD_OVERLAP``); and
* nothing conflicts: no different event years or months in the leads, no
  office held by different people, no person at two ages.

Stories grow by average linkage (a merge needs the mean link score across the
two groups, not one strong pair, so a story cannot chain), and a merge is
refused when any article pair across the groups conflicts.  Every pair
considered is kept as a ``Link`` with its reasons, for the daily JSON.  Pair
work is an inverted index, sparse dot products and set operations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from summarize.document import Article
from summarize.stories.features import Profile, background, cosine, profile, vectors

LINK = 0.25  # cosine that links two articles on its own
LINK_WITH_WORDS = 0.12  # cosine that links them when they also share EXCLUSIVE_WORDS rare words no other uses
EXCLUSIVE_WORDS = 5
RARE = 0.01  # "rare": fewer than this share of background documents use the word
LINK_WITH_EVIDENCE = 0.03  # cosine that links them when they name the same official or figure
AVERAGE_LINK = 0.03  # the mean link strength across two groups that a merge needs
AGE_APART = 2  # one person's ages this far apart: the texts are years apart
LEAD_OVERLAP = 0.08  # a weak link also needs either's lead this close to the other's text


@dataclass
class Link:
    """Why two articles were (or were not) put in one story."""

    a: str
    b: str
    similarity: float
    shared_people: list[str]
    shared_figures: list[str]
    conflicts: list[str]
    linked: bool
    exclusive_words: int = 0  # rare content words only these two articles of the batch use
    lead: float = 1.0  # how close one's lead comes to the other's text (the closer of the two)
    backed: bool = False  # rare words or evidence would link a weak pair, if the leads were close

    def as_json(self) -> dict:
        return {"articles": [self.a, self.b], "similarity": round(self.similarity, 3),
                "exclusive_words": self.exclusive_words, "lead": round(self.lead, 3),
                "shared_people": self.shared_people, "shared_figures": self.shared_figures,
                "conflicts": self.conflicts, "linked": self.linked, "reason": self.reason}

    @property
    def reason(self) -> str:
        if self.conflicts:
            return "separate: " + "; ".join(self.conflicts)
        evidence = self.shared_people + self.shared_figures
        if self.linked:
            return f"same event: similarity {self.similarity:.2f}, {self.exclusive_words} exclusive words" + (
                f", shared {', '.join(evidence)}" if evidence else "")
        if self.backed:  # not linked though backed: the leads were too far apart
            return f"separate: similarity {self.similarity:.2f}, leads far apart ({self.lead:.2f})"
        return f"separate: similarity {self.similarity:.2f} too low" + (
            f" (shared {', '.join(evidence)})" if evidence else "")


def conflicts(p: Profile, q: Profile) -> list[str]:
    """What says two articles report different events: years, months, ages, office holders."""
    found = []
    if p.years and q.years and not p.years & q.years:
        found.append(f"event years {sorted(p.years)} vs {sorted(q.years)}")
    if p.months and q.months and not p.months & q.months:
        found.append(f"event months {sorted(p.months)} vs {sorted(q.months)}")
    for name in p.ages.keys() & q.ages.keys():
        if min(abs(x - y) for x in p.ages[name] for y in q.ages[name]) >= AGE_APART:
            found.append(f"ages of {name}: {'/'.join(map(str, sorted(p.ages[name])))}"
                         f" vs {'/'.join(map(str, sorted(q.ages[name])))}")
    for a, b in same_offices(p.offices, q.offices):
        if not p.offices[a] & q.offices[b]:
            found.append(f"{a}: {' '.join(sorted(p.offices[a]))} vs {' '.join(sorted(q.offices[b]))}")
    if not found and p.people and q.people and not (
            p.people & q.counts.keys() or q.people & p.counts.keys()):
        found.append(f"no official in common ({' '.join(sorted(p.people))} vs {' '.join(sorted(q.people))})")
    return found


def same_offices(x: dict[str, set[str]], y: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Offices named in both; 'وزير خارجيه' matches 'وزير خارجيه امريكي' (one omits the country)."""
    return [(a, b) for a in x for b in y
            if a == b or a.startswith(b + " ") or b.startswith(a + " ")]


def figure_names(p: Profile) -> set[str]:
    """An article's figures as comparable names: "68 دولة", "year 2016", "date 20 يوليو"."""
    return {f"{f.value:g} {f.noun}" if f.kind == "count" else f"{f.kind} {f.value:g}{' ' + f.noun if f.noun else ''}"
            for f in p.figures}


def make_link(p: Profile, q: Profile, similarity: float, df: Counter) -> Link:
    """Whether two articles are one event, given their cosine and the batch's document frequencies."""
    shared = p.counts.keys() & q.counts.keys()
    # people and figures only these two articles of the batch name: "Trump" in every piece links nothing
    people = sorted(w for w in p.people & q.people if df[w] <= 2)
    figures = sorted(figure_names(p) & figure_names(q))
    evidence = people + [f for f in figures if not f.startswith("year")]  # a year alone is common
    common = background()
    exclusive = sum(1 for w in shared if df[w] == 2 and common.get(w, 0.0) < RARE)
    found = conflicts(p, q)
    lead = max(cosine(p.lead_vector, q.vector), cosine(q.lead_vector, p.vector))
    backed = ((similarity >= LINK_WITH_WORDS and exclusive >= EXCLUSIVE_WORDS)
              or (similarity >= LINK_WITH_EVIDENCE and bool(evidence)))
    linked = not found and (similarity >= LINK or (backed and lead >= LEAD_OVERLAP))
    return Link(p.article.stem, q.article.stem, similarity, people, figures, found, linked, exclusive, lead,
                backed)


def link_scores(profiles: list[Profile], floor: float = 0.05) -> dict[tuple[int, int], float]:
    """Cosine of every pair above ``floor``, by an inverted index (pairs sharing no word cost nothing)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for w, x in p.vector.items():
            postings[w].append((i, x))
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for entries in postings.values():
        for k, (i, x) in enumerate(entries):
            for j, y in entries[k + 1:]:
                dots[(i, j)] += x * y
    return {pair: s for pair, s in dots.items() if s >= floor}


def group(articles: list[Article]) -> tuple[list[list[Article]], list[Link]]:
    """Articles grouped into stories (input order kept within and across groups) and the links considered."""
    profiles = [profile(a) for a in articles]
    return cluster(profiles, vectors(profiles))


def cluster(profiles: list[Profile], df: Counter) -> tuple[list[list[Article]], list[Link]]:
    """``group`` for profiles whose vectors are set (``df``: their document frequencies)."""
    scores = link_scores(profiles, floor=LINK_WITH_EVIDENCE)
    links = {pair: make_link(profiles[pair[0]], profiles[pair[1]], s, df) for pair, s in scores.items()}
    conflict = {pair for pair, link in links.items() if link.conflicts}
    # A linked pair's strength; everything else counts as 0 toward the average.
    strength = {pair: link.similarity for pair, link in links.items() if link.linked}
    members_of = {i: [i] for i in range(len(profiles))}
    owner = list(range(len(profiles)))
    for (i, j), _ in sorted(strength.items(), key=lambda kv: -kv[1]):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        pairs = [(min(x, y), max(x, y)) for x in members_of[a] for y in members_of[b]]
        if any(pair in conflict for pair in pairs):
            continue
        mean = sum(strength.get(pair, 0.0) for pair in pairs) / len(pairs)
        if mean < AVERAGE_LINK:
            continue
        members_of[a] = sorted(members_of[a] + members_of.pop(b))
        for x in members_of[a]:
            owner[x] = a
    groups = sorted(members_of.values(), key=lambda members: members[0])
    ordered = [links[pair] for pair in sorted(links, key=lambda pair: -links[pair].similarity)]
    return [[profiles[i].article for i in members] for members in groups], ordered
