"""Stories: articles that report the same event, grouped, summarized and compared.

Articles on one topic share most of their words (every piece on the
coalition against ISIS says التحالف, داعش, واشنطن), so word overlap alone
chains different events together.  What tells events apart is what changes
between them: the year, the month, the people holding an office (Tillerson
then Pompeo as Secretary of State), the figures reported.  So two articles
are linked when

* their TF-IDF cosine over normalized content words is high (``LINK``), or
  moderate and backed by rare words only these two use (``LINK_WITH_WORDS``)
  or by a shared official or figure (``LINK_WITH_EVIDENCE``), with one's lead
  close to the other's text (``LEAD_OVERLAP``); and
* nothing conflicts: no different event years or months in the leads, no
  office held by different people, no person at two ages.

How rare a word is blends the batch's document frequency with a fixed
background of general Arabic word frequencies (``data/background_ar.tsv``), so
that in a day of six articles الحكومة and قال still weigh little.

Stories grow by average linkage (a merge needs the mean link score across the
two groups, not one strong pair, so a story cannot chain), and a merge is
refused when any article pair across the groups conflicts.  Every pair
considered is kept as a ``Link`` with its reasons, for the daily JSON.

Words are compared in ``summarize.arabic.fold`` spelling, whole words
(offices, nouns, months) in ``fold_letters``; numbers are read by
``summarize.numbers``.  Pure functions over ``list[Article]``; no model.
Features are computed once per article; pair work is sparse dot products and
set operations.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from summarize.arabic import DIGITS, LETTERS, MARKS, MONTHS, STOPWORDS_WIDE, VARIANTS, fold, fold_letters
from summarize.document import Article, Sentence
from summarize.numbers import extract_arabic
from summarize.numbers.arabic_words import SCALES, may_have_number
from summarize.numbers.quantity import digits_value
from summarize.summary import MIN_WORDS, MMR_LAMBDA, content_words, default_length, similarity

LINK = 0.25  # cosine that links two articles on its own
LINK_WITH_WORDS = 0.12  # cosine that links them when they also share EXCLUSIVE_WORDS rare words no other uses
EXCLUSIVE_WORDS = 5
RARE = 0.01  # "rare": fewer than this share of background documents use the word
LINK_WITH_EVIDENCE = 0.03  # cosine that links them when they name the same official or figure
AVERAGE_LINK = 0.03  # the mean link strength across two groups that a merge needs
LEAD_SENTENCES = 2  # the title and this many sentences date the event
AGE_APART = 2  # one person's ages this far apart: the texts are years apart
LEAD_OVERLAP = 0.08  # a weak link also needs either's lead this close to the other's text
# How rare a word is: the batch's document frequency blended with a fixed background
# (general Arabic word frequencies), worth PRIOR_DOCS documents of DOC_WORDS words, so that
# a batch of six articles weighs words much as a batch of a hundred does.
BACKGROUND = Path(__file__).with_name("data") / "background_ar.tsv"
PRIOR_DOCS = 20
DOC_WORDS = 400

# --- words ---------------------------------------------------------------------------------

# Letters without tatweel: a tatweel ends a word here (الـ 23).
_WORD = re.compile(f"[\u0621-\u063A\u0641-\u064A{DIGITS}A-Za-z0-9]+")
_STOP = frozenset(fold_letters(w) for w in STOPWORDS_WIDE)


def words(text: str) -> list[str]:
    """The folded content words of a text, in order, repeats kept."""
    out = []
    for w in _WORD.findall(text):
        if w.isdigit():
            continue
        f = fold(w)
        if len(f) > 2 and f not in _STOP and fold_letters(w) not in _STOP:
            out.append(f)
    return out


# --- features --------------------------------------------------------------------------------

_MONTH = re.compile(f"(?<![{LETTERS}])(?:[وب]|ل)?(" + "|".join(
    sorted(MONTHS, key=len, reverse=True)) + f")(?![{LETTERS}])")

# Office titles: the words after them (up to the name) say which office.  Both lists are in
# fold_letters spelling, as the tokens are: رئيس, الرئيس and هيئة were once listed with their
# hamza and so never matched (ئ folds to ي); matching them changes the grouping, which is a
# change for the grouping's own issue, not for this list.
_TITLES = {"وزير", "وزيره", "المتحدث", "الناطق", "الممثل", "الموفد", "المبعوث", "السفير", "الجنرال",
           "الامين", "نائب", "مستشار", "قائد", "زعيم", "السيناتور", "الملك", "الامير"}
_OFFICE_WORDS = {"باسم", "لدي", "العام", "العامه", "وزاره", "مكتب", "حكومه", "بالوكاله"}

# Counted nouns that name the same thing (in fold_letters spelling), to one label (Arabic, English).
NOUNS = {
    "دوله": ("دولة", "countries"), "دول": ("دولة", "countries"), "نظير": ("دولة", "countries"),
    "نظرايه": ("دولة", "countries"), "نظرايهما": ("دولة", "countries"), "نظرايهم": ("دولة", "countries"),
    "جندي": ("جندي", "troops"), "جنديا": ("جندي", "troops"), "جنود": ("جندي", "troops"),
    "عسكري": ("جندي", "troops"), "عسكريا": ("جندي", "troops"), "عسكريين": ("جندي", "troops"),
    "غاره": ("غارة", "air strikes"), "غارات": ("غارة", "air strikes"),
    "شخص": ("شخص", "people"), "اشخاص": ("شخص", "people"),
    "مدني": ("مدني", "civilians"), "مدنيا": ("مدني", "civilians"), "مدنيين": ("مدني", "civilians"),
    "قتيل": ("قتيل", "dead"), "قتلي": ("قتيل", "dead"),
}
# A scale word after a count is passed over on the way to the counted noun (14 ألف غارة).
_SKIP_AFTER_NUMBER = {"من"} | set(SCALES)
# "تراك بالين، البالغ من العمر 26 عامًا": a person's age, which dates the text it is in.
_AGE = re.compile(f"([{LETTERS}]{{3,}})" + r"\s*[،,]\s*(?:(?:ال)?بالغ(?:ة)?\s+من\s+العمر\s+)?"
                  f"([0-9{DIGITS}]{{1,3}})" + r"\s+(?:عام|عاما|عامًا|سنة|سنه)" + f"(?![{LETTERS}])")


@dataclass(frozen=True)
class Figure:
    """A figure an article reports: ``key`` is what it counts, e.g. ('count', 'دولة')."""

    kind: str
    noun: str  # Arabic label of the counted thing ("" for years and dates)
    label: str  # English label
    value: int | float
    text: str  # the Arabic surface
    article: str  # stem
    sentence: Sentence

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.noun)


@dataclass
class Profile:
    """What grouping compares, computed once per article."""

    article: Article
    counts: Counter
    years: set[int]  # event years: in the title and lead
    months: set[int]  # event months: in the title and lead
    all_years: set[int]
    offices: dict[str, set[str]]  # office -> name words of who holds it
    figures: list[Figure]
    ages: dict[str, set[int]]  # a person's name word -> the ages given
    lead_counts: Counter  # the content words of the title and lead
    vector: dict[str, float] = field(default_factory=dict)
    lead_vector: dict[str, float] = field(default_factory=dict)

    @property
    def people(self) -> set[str]:
        return {w for names in self.offices.values() for w in names}


def _figure(q, text: str, article: Article, s: Sentence) -> Figure | None:
    if q.value is None:
        return None
    if q.kind in ("year", "date"):
        noun = ""
        if q.kind == "date":
            m = _MONTH.match(fold_letters(text[q.end:q.end + 20]).lstrip())
            if not m:
                return None
            noun = m.group(1)
        return Figure(q.kind, noun, "", q.value, q.text, article.stem, s)
    if q.kind != "count":
        return None
    after = [fold_letters(w) for w in _WORD.findall(text[q.end:q.end + 40])]
    after = [w for w in after if w not in _SKIP_AFTER_NUMBER][:1]
    if not after:
        return None
    noun = after[0]
    noun = noun[2:] if noun.startswith("ال") and len(noun) > 4 else noun
    if noun not in NOUNS:
        return None
    ar, en = NOUNS[noun]
    return Figure("count", ar, en, q.value, q.text, article.stem, s)


def _offices(text: str) -> dict[str, set[str]]:
    """Office -> the name words after it: 'وزير الخارجية الامريكي' -> {'ريكس', 'تيلرسون'}."""
    toks = [fold_letters(t) for t in _WORD.findall(text)]
    out: dict[str, set[str]] = defaultdict(set)
    for i, t in enumerate(toks):
        if t not in _TITLES and not (t[:1] == "و" and t[1:] in _TITLES):
            continue
        j, office = i + 1, [t.removeprefix("و") if t not in _TITLES else t]
        while j < len(toks) and len(office) < 5 and (
                toks[j].startswith(("ال", "لل", "بال", "وال")) or toks[j] in _OFFICE_WORDS):
            word = toks[j].removeprefix("ال")
            office.append(VARIANTS.get(word, word))
            j += 1
        names = [w for w in toks[j:j + 2] if len(w) > 2 and w not in _STOP and w not in _TITLES
                 and w not in _OFFICE_WORDS and not w.startswith("ال")][:2]
        if names and len(office) > 1:  # a bare "الرئيس" names no particular office
            out[" ".join(office)].update(fold(w) for w in names)
    return out


def profile(article: Article) -> Profile:
    sentences = article.sentences
    texts = ([article.title.ar] if article.title else []) + [s.ar for s in sentences]
    lead = " ".join(texts[:LEAD_SENTENCES + 1])
    per_text = [words(t) for t in texts]
    counts = Counter(w for ws in per_text for w in ws)
    figures: list[Figure] = []
    all_years: set[int] = set()
    lead_ids = {s.id for s in sentences[:LEAD_SENTENCES]}
    for s in sentences:
        for q in (extract_arabic(s.ar) if may_have_number(s.ar) else ()):
            if q.kind == "year" and isinstance(q.value, int):
                all_years.add(q.value)
            f = _figure(q, s.ar, article, s)
            # years and dates count as the event's only in the lead: later ones are background
            if f and (f.kind == "count" or s.id in lead_ids):
                figures.append(f)
    years = {f.value for f in figures if f.kind == "year"}
    if article.title and may_have_number(article.title.ar):
        years |= {q.value for q in extract_arabic(article.title.ar) if q.kind == "year"}
    months = {MONTHS[m.group(1)] for m in _MONTH.finditer(fold_letters(lead))}
    offices: dict[str, set[str]] = defaultdict(set)
    ages: dict[str, set[int]] = defaultdict(set)
    for t in texts:
        for office, names in _offices(t).items():
            offices[office] |= names
        for m in _AGE.finditer(MARKS.sub("", t)):
            ages[fold(m.group(1))].add(digits_value(m.group(2)))
    return Profile(article, counts, years, months, all_years, dict(offices), figures, dict(ages),
                   Counter(w for ws in per_text[:LEAD_SENTENCES + 1] for w in ws))


@lru_cache(maxsize=1)
def background() -> dict[str, float]:
    """Folded word -> the share of general-text documents expected to use it (absent: rare)."""
    out = {}
    for line in BACKGROUND.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            out[word] = 1 - math.exp(-(10 ** float(zipf) / 1e9) * DOC_WORDS)
    return out


def _vectors(profiles: list[Profile]) -> Counter:
    """TF-IDF (log tf; idf over this batch plus the background's PRIOR_DOCS), unit length."""
    df: Counter = Counter()
    for p in profiles:
        df.update(p.counts.keys())
    n, common = len(profiles), background()
    idf = {w: math.log((n + PRIOR_DOCS + 1) / (k + PRIOR_DOCS * common.get(w, 0.0) + 0.5)) for w, k in df.items()}
    for p in profiles:
        p.vector = _unit({w: (1 + math.log(c)) * idf[w] for w, c in p.counts.items()})
        p.lead_vector = _unit({w: (1 + math.log(c)) * idf[w] for w, c in p.lead_counts.items()})
    return df


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items() if x > 0}


def _cosine(x: dict[str, float], y: dict[str, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(a * y.get(w, 0.0) for w, a in x.items())


# --- links -----------------------------------------------------------------------------------


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


def _conflicts(p: Profile, q: Profile) -> list[str]:
    found = []
    if p.years and q.years and not p.years & q.years:
        found.append(f"event years {sorted(p.years)} vs {sorted(q.years)}")
    if p.months and q.months and not p.months & q.months:
        found.append(f"event months {sorted(p.months)} vs {sorted(q.months)}")
    for name in p.ages.keys() & q.ages.keys():
        if min(abs(x - y) for x in p.ages[name] for y in q.ages[name]) >= AGE_APART:
            found.append(f"ages of {name}: {'/'.join(map(str, sorted(p.ages[name])))}"
                         f" vs {'/'.join(map(str, sorted(q.ages[name])))}")
    for a, b in _same_offices(p.offices, q.offices):
        if not p.offices[a] & q.offices[b]:
            found.append(f"{a}: {' '.join(sorted(p.offices[a]))} vs {' '.join(sorted(q.offices[b]))}")
    if not found and p.people and q.people and not (
            p.people & q.counts.keys() or q.people & p.counts.keys()):
        found.append(f"no official in common ({' '.join(sorted(p.people))} vs {' '.join(sorted(q.people))})")
    return found


def _same_offices(x: dict[str, set[str]], y: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Offices named in both; 'وزير خارجيه' matches 'وزير خارجيه امريكي' (one omits the country)."""
    return [(a, b) for a in x for b in y
            if a == b or a.startswith(b + " ") or b.startswith(a + " ")]


def _figure_names(p: Profile) -> set[str]:
    return {f"{f.value:g} {f.noun}" if f.kind == "count" else f"{f.kind} {f.value:g}{' ' + f.noun if f.noun else ''}"
            for f in p.figures}


def _link(p: Profile, q: Profile, similarity: float, df: Counter) -> Link:
    shared = p.counts.keys() & q.counts.keys()
    # people and figures only these two articles of the batch name: "Trump" in every piece links nothing
    people = sorted(w for w in p.people & q.people if df[w] <= 2)
    figures = sorted(_figure_names(p) & _figure_names(q))
    evidence = people + [f for f in figures if not f.startswith("year")]  # a year alone is common
    common = background()
    exclusive = sum(1 for w in shared if df[w] == 2 and common.get(w, 0.0) < RARE)
    conflicts = _conflicts(p, q)
    lead = max(_cosine(p.lead_vector, q.vector), _cosine(q.lead_vector, p.vector))
    backed = ((similarity >= LINK_WITH_WORDS and exclusive >= EXCLUSIVE_WORDS)
              or (similarity >= LINK_WITH_EVIDENCE and bool(evidence)))
    linked = not conflicts and (similarity >= LINK or (backed and lead >= LEAD_OVERLAP))
    return Link(p.article.stem, q.article.stem, similarity, people, figures, conflicts, linked, exclusive, lead,
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
    return _group(profiles, _vectors(profiles))


def _group(profiles: list[Profile], df: Counter) -> tuple[list[list[Article]], list[Link]]:
    scores = link_scores(profiles, floor=LINK_WITH_EVIDENCE)
    links = {pair: _link(profiles[pair[0]], profiles[pair[1]], s, df) for pair, s in scores.items()}
    conflict = {pair for pair, link in links.items() if link.conflicts}
    # A linked pair's strength; everything else counts as 0 toward the average.
    strength = {pair: link.similarity for pair, link in links.items() if link.linked}
    cluster = {i: [i] for i in range(len(profiles))}
    owner = list(range(len(profiles)))
    for (i, j), _ in sorted(strength.items(), key=lambda kv: -kv[1]):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        pairs = [(min(x, y), max(x, y)) for x in cluster[a] for y in cluster[b]]
        if any(pair in conflict for pair in pairs):
            continue
        mean = sum(strength.get(pair, 0.0) for pair in pairs) / len(pairs)
        if mean < AVERAGE_LINK:
            continue
        cluster[a] = sorted(cluster[a] + cluster.pop(b))
        for x in cluster[a]:
            owner[x] = a
    groups = sorted(cluster.values(), key=lambda members: members[0])
    ordered = [links[pair] for pair in sorted(links, key=lambda pair: -links[pair].similarity)]
    return [[profiles[i].article for i in members] for members in groups], ordered


# --- stories ---------------------------------------------------------------------------------


@dataclass
class Story:
    id: str
    articles: list[Article]  # the lead article first
    summary: list[tuple[str, Sentence]]  # (article stem, sentence), the lead first
    discrepancies: list[list[Figure]]  # each: the differing figures for one key, one per source
    agreements: list[list[Figure]]  # each: one figure per source that agrees
    links: list[Link]  # the pairs within the story and the ones that kept others out
    latest_year: int = 0  # the latest year any source mentions (0: none)

    @property
    def lead(self) -> Article:
        return self.articles[0]


def build_stories(articles: list[Article], length: int | None = None) -> list[Story]:
    """Group the articles into stories, each with its summary and figures, most important first.

    Importance: more sources, then the latest year mentioned, then more words.
    Articles should already be summarized (``Article.summary``); a story's
    summary draws on those sentences.
    """
    profiles = [profile(a) for a in articles]
    df = _vectors(profiles)
    by_stem = {p.article.stem: p for p in profiles}
    groups, links = _group(profiles, df)
    stories = []
    for members in groups:
        # lead article: the one most like the others, then the longest
        members = sorted(members, key=lambda a: (-_centrality(a, members, links), -a.word_count))
        stems = {a.stem for a in members}
        story_links = [l for l in links if l.a in stems or l.b in stems]
        ps = [by_stem[a.stem] for a in members]
        discrepancies, agreements = compare_figures(ps)
        latest = max((y for p in ps for y in p.all_years | p.years), default=0)
        stories.append(Story("", members, story_summary(members, length), discrepancies, agreements,
                             story_links, latest))
    stories.sort(key=lambda s: (-len(s.articles), -s.latest_year, -sum(a.word_count for a in s.articles)))
    for number, story in enumerate(stories, 1):
        story.id = f"story-{number}"
    return stories


def _centrality(article: Article, members: list[Article], links: list[Link]) -> float:
    stems = {a.stem for a in members}
    return sum(l.similarity for l in links if article.stem in (l.a, l.b) and {l.a, l.b} <= stems)


def story_summary(members: list[Article], length: int | None = None) -> list[tuple[str, Sentence]]:
    """Sentences across the story's articles: the lead article's lead first, then MMR on content words."""
    pool: list[tuple[str, Sentence, float]] = []
    for rank, a in enumerate(members):
        chosen = [a.sentence(i) for i in a.summary] or a.sentences
        for position, s in enumerate(chosen):
            # earlier sentences and earlier (more central) articles first
            pool.append((a.stem, s, 1 / math.sqrt(1 + position) / (1 + 0.25 * rank)))
    if not pool:
        return []
    length = min(length or default_length(len(pool)), len(pool))
    bag = {id(s): content_words(s.ar) for _, s, _ in pool}
    lead_pool = [item for item in pool if item[0] == members[0].stem and len(item[1].ar.split()) >= MIN_WORDS]
    chosen = [(lead_pool or pool)[0]]
    while len(chosen) < length:
        best, best_score = None, -math.inf
        for item in pool:
            if any(item[1] is c[1] for c in chosen):
                continue
            redundancy = max(similarity(bag[id(item[1])], bag[id(c[1])]) for c in chosen)
            score = MMR_LAMBDA * item[2] - (1 - MMR_LAMBDA) * redundancy
            if score > best_score:
                best, best_score = item, score
        if best is None or max(similarity(bag[id(best[1])], bag[id(c[1])]) for c in chosen) > 0.6:
            break  # everything left repeats what is chosen
        chosen.append(best)
    order = {(stem, id(s)): k for k, (stem, s, _) in enumerate(pool)}
    rest = sorted(chosen[1:], key=lambda item: order[(item[0], id(item[1]))])
    return [(stem, s) for stem, s, _ in [chosen[0]] + rest]


def compare_figures(profiles: list[Profile]) -> tuple[list[list[Figure]], list[list[Figure]]]:
    """Figures the story's sources report for the same thing: differing (no value in common) or agreeing."""
    by_key: dict[tuple[str, str], dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for p in profiles:
        for f in p.figures:
            by_key[f.key][f.article].append(f)
    discrepancies, agreements = [], []
    for key, per_article in by_key.items():
        if len(per_article) < 2:
            continue
        values = {stem: {f.value for f in fs} for stem, fs in per_article.items()}
        common = set.intersection(*values.values())
        for value in sorted(common):
            agreements.append([next(f for f in fs if f.value == value) for fs in per_article.values()])
        if not common and any(values[a].isdisjoint(values[b]) for a in values for b in values if a < b):
            discrepancies.append([fs[0] for fs in per_article.values()])
    return discrepancies, agreements
