"""What story grouping compares about an article, computed once per article.

A ``Profile`` holds an article's folded content words (``words``: the
``summarize.language.arabic.fold`` spelling, ``arabic.STOPWORDS_WIDE`` left out), its
event years and months (title and lead only: later dates are background), the
offices it names and who holds them, the ages it gives people, and the
figures it reports (``Figure``: a count of a known noun, a year, a date).
``vectors`` gives every profile of a batch its TF-IDF vectors, with word rarity
blended from the batch and a fixed background of general Arabic word
frequencies (``background``, ``data/background_ar.tsv``), so that in a day of
six articles الحكومة and قال still weigh little.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarize.document import Article, NumberCheck, Sentence, Text
from summarize.language.arabic import (
    DIGITS,
    LETTERS,
    MARKS,
    MONTHS,
    VARIANTS,
    fold,
    fold_letters,
)
from summarize.language.vocabulary import STOP, WORD, background, words
from summarize.numbers import extract_arabic
from summarize.numbers.arabic_words import may_have_number
from summarize.numbers.qualifiers import Claim, Interval, claim, english_noun
from summarize.numbers.quantity import Quantity, QuantityKind, digits_value
from summarize.stories import encoder

if TYPE_CHECKING:
    import numpy as np

LEAD_SENTENCES = 2  # the title and this many sentences date the event
# How rare a word is: the batch's document frequency blended with a fixed background
# (general Arabic word frequencies, summarize.language.vocabulary), worth PRIOR_DOCS documents, so that
# a batch of six articles weighs words much as a batch of a hundred does.
PRIOR_DOCS = 20
TOPIC_RARE = 0.01  # a word of ``Profile.rare_topic_vector``: fewer than this share of background documents use it

_MONTH = re.compile(f"(?<![{LETTERS}])(?:[وب]|ل)?(" + "|".join(
    sorted(MONTHS, key=len, reverse=True)) + f")(?![{LETTERS}])")

# Office titles: the words after them (up to the name) say which office.  Both lists are in
# fold_letters spelling, as the tokens are: رئيس, الرئيس and هيئة were once listed with their
# hamza and so never matched (ئ folds to ي); matching them changes the grouping, which is a
# change for the grouping's own issue, not for this list.
_TITLES = {"وزير", "وزيره", "المتحدث", "الناطق", "الممثل", "الموفد", "المبعوث", "السفير", "الجنرال",
           "الامين", "نائب", "مستشار", "قائد", "زعيم", "السيناتور", "الملك", "الامير"}
# A word after an office that most texts use (اذا, بعض, ليس: "the spokesman said that if...") is no
# holder's name: a name word is one fewer than this share of background documents use.
NAME_COMMON = 0.1
# ... and a holder's name holds a rare word (fewer than this share of background documents use it):
# 'الامين العام للامم المتحده ضروره' ("stressed the need") and 'المتحدث ... في حسابه' ("on his
# account") name nobody, and as holders they had kept the strikes on Syria's reactions apart from the
# strikes (2018-04-14 topics 68.0 -> 80.5, 2018-03-20 90.2 -> 91.1; the other days and NTREX as before).
NAME_RARE = 0.01
_OFFICE_WORDS = {"باسم", "لدي", "العام", "العامه", "وزاره", "مكتب", "حكومه", "بالوكاله"}

# The counted nouns whose figures stories compare: the noun's key (``numbers.qualifiers.noun_key``:
# folded, the accusative alif and, after a partitive من, a pronoun off) -> one Arabic label for the
# thing counted; singular and broken plural are one thing.  Counterparts (نظراء, "about 40 of their
# counterparts": ministers) are not countries.
NOUNS = {
    "دوله": "دولة", "دول": "دولة", "نظير": "نظير", "نظراء": "نظير", "نظراي": "نظير",
    "جندي": "جندي", "جنود": "جندي", "عسكري": "جندي", "عسكريين": "جندي",
    "غاره": "غارة", "غارات": "غارة", "شخص": "شخص", "اشخاص": "شخص",
    "مدني": "مدني", "مدنيين": "مدني", "قتيل": "قتيل", "قتلي": "قتيل",
}
# "تراك بالين، البالغ من العمر 26 عامًا": a person's age, which dates the text it is in.
_AGE = re.compile(f"([{LETTERS}]{{3,}})" + r"\s*[،,]\s*(?:(?:ال)?بالغ(?:ة)?\s+من\s+العمر\s+)?"
                  f"([0-9{DIGITS}]{{1,3}})" + r"\s+(?:عام|عاما|عامًا|سنة|سنه)" + f"(?![{LETTERS}])")


@dataclass(frozen=True)
class Figure:
    """A figure an article reports: ``key`` is what it counts, e.g. ('count', 'دولة').

    A count carries its ``claim`` (``numbers.qualifiers``): its qualifier, the interval of values
    it allows, the counted noun as written and its words ("نحو 40 من نظرائهما"); a year or date
    claims its value exactly.
    """

    kind: QuantityKind
    noun: str  # Arabic label of the counted thing (``NOUNS``), the month of a date, "" for a year
    label: str  # the counted noun in the English, where the number check paired the number ("": none)
    value: int | float
    text: str  # the number's Arabic surface
    article: str  # stem
    sentence: Sentence
    claim: Claim | None = None  # counts only

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.noun)

    @property
    def qualifier(self) -> str:
        return self.claim.qualifier if self.claim else "exact"

    @property
    def interval(self) -> Interval:
        return self.claim.interval if self.claim else Interval(self.value, self.value)


@dataclass
class Profile:
    """What grouping compares, computed once per article."""

    article: Article
    counts: Counter
    years: set[int | float]  # event years: in the title and lead
    months: set[int]  # event months: in the title and lead
    all_years: set[int]
    offices: dict[str, set[str]]  # office -> name words of who holds it
    figures: list[Figure]
    ages: dict[str, set[int | float]]  # a person's name word -> the ages given
    lead_counts: Counter  # the content words of the title and lead
    vector: dict[str, float] = field(default_factory=dict)
    lead_vector: dict[str, float] = field(default_factory=dict)
    # weighted by the background's rarity alone: the day's own crowd words (دوما on the day of the
    # Douma attack, in 47 of 128 articles) weigh as much as on any day, which holds a topic together
    topic_vector: dict[str, float] = field(default_factory=dict)
    topic_lead_vector: dict[str, float] = field(default_factory=dict)
    # the topic vector's rare words only (fewer than TOPIC_RARE of background documents use them): the
    # places and people of one story (الغوطة, عفرين, سكريبال), not the countries many stories share
    # (سوريا, تركيا, روسيا), which held Ghouta with Afrin and Skripal with Putin's re-election
    rare_topic_vector: dict[str, float] = field(default_factory=dict)
    # the title with LEAD_SENTENCES sentences, as read; what it and the title mean (``encoder.embed``:
    # unit vectors of a sentence encoder, set by ``vectors``)
    lead_text: str = ""
    title_meaning: np.ndarray | None = None
    lead_meaning: np.ndarray | None = None

    @property
    def title_text(self) -> str:
        return self.article.title.ar if self.article.title else ""

    @property
    def people(self) -> set[str]:
        return {w for names in self.offices.values() for w in names}


class _Pairing:
    """A sentence's number checks by Arabic surface, counted once for all its quantities: which
    occurrence of its surface each quantity is, and how many checks of a surface before each one
    share its English (a sentence of 20,000 numbers is not re-counted for each: issue 25)."""

    def __init__(self, quantities: list[Quantity], s: Sentence) -> None:
        seen: Counter = Counter()
        self.nth = []
        for q in quantities:
            self.nth.append(seen[q.text])
            seen[q.text] += 1
        # by the Arabic surface (None for the checks of extra English numbers, which no quantity asks for)
        self.paired: dict[str | None, list[NumberCheck]] = defaultdict(list)
        self.same_en: dict[str | None, list[int]] = defaultdict(list)  # per surface: earlier checks with this English
        english: dict[str | None, Counter] = defaultdict(Counter)
        for n in s.numbers:
            self.paired[n.ar].append(n)
            self.same_en[n.ar].append(english[n.ar][n.en])
            english[n.ar][n.en] += 1


def _figure(quantities: list[Quantity], index: int, article: Article, s: Sentence,
            pairing: _Pairing | None = None) -> Figure | None:
    q, text = quantities[index], s.ar
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
    c = claim(text, quantities, index)
    if c.key not in NOUNS or c.opens_range:
        return None  # not a noun stories compare, or the first number of a range (its second reports it)
    english = _english(quantities, index, s, pairing or _Pairing(quantities, s))
    return Figure("count", NOUNS[c.key], english or "", q.value, q.text, article.stem, s, c)


def _english(quantities: list[Quantity], index: int, s: Sentence, pairing: _Pairing) -> str | None:
    """The counted noun after the English of the ``index``-th quantity, if the number check paired it."""
    q = quantities[index]
    nth = pairing.nth[index]
    paired = pairing.paired.get(q.text, [])
    if len(paired) <= nth or not s.en:
        return None
    n = paired[nth]
    if n.status not in ("verified", "repaired") or not n.en:
        return None
    return english_noun(s.en, n.en, pairing.same_en[q.text][nth], q.value)


# Any office title in a text (``fold_letters`` spelling): a text without one names no office, which
# a search of the whole text tells faster than a look at each of its words.
_ANY_TITLE = re.compile("|".join(sorted(_TITLES, key=len, reverse=True)))


def _offices(text: str) -> dict[str, set[str]]:
    """Office -> the name words after it: 'وزير الخارجية الامريكي' -> {'ريكس', 'تيلرسون'}."""
    if not _ANY_TITLE.search(fold_letters(text)):
        return {}  # a word folded is a piece of the text folded (a word holds no mark), so none is a title
    toks = [fold_letters(t) for t in WORD.findall(text)]
    common = background()
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
        names = [w for w in toks[j:j + 2] if len(w) > 2 and w not in STOP and w not in _TITLES
                 and w not in _OFFICE_WORDS and not w.startswith("ال")
                 and common.get(fold(w), 0.0) < NAME_COMMON][:2]
        if len(office) > 1 and any(common.get(fold(w), 0.0) < NAME_RARE for w in names):
            # a bare "الرئيس" names no particular office
            out[" ".join(office)].update(fold(w) for w in names)
    return out


def _quantities(unit: Text) -> list[Quantity]:
    """The quantities of ``unit``'s Arabic: those the number check read (``Text.quantities``),
    else read here; none where no number can be (``may_have_number``, the quick look)."""
    if not may_have_number(unit.ar):
        return []
    return list(unit.quantities) if unit.quantities is not None else extract_arabic(unit.ar)


def profile(article: Article) -> Profile:
    """What grouping compares about one article (its vectors are set later, by ``vectors``)."""
    sentences = article.sentences
    texts = ([article.title.ar] if article.title else []) + [s.ar for s in sentences]
    lead = " ".join(texts[:LEAD_SENTENCES + 1])
    per_text = [words(t) for t in texts]
    counts = Counter(w for ws in per_text for w in ws)
    figures: list[Figure] = []
    all_years: set[int] = set()
    lead_ids = {s.id for s in sentences[:LEAD_SENTENCES]}
    for s in sentences:
        quantities = _quantities(s)
        pairing = _Pairing(quantities, s) if quantities else None
        for index, q in enumerate(quantities):
            if q.kind == "year" and isinstance(q.value, int):
                all_years.add(q.value)
            f = _figure(quantities, index, article, s, pairing)
            # years and dates count as the event's only in the lead: later ones are background
            if f and (f.kind == "count" or s.id in lead_ids):
                figures.append(f)
    years = {f.value for f in figures if f.kind == "year"}
    if article.title:
        years |= {q.value for q in _quantities(article.title) if q.kind == "year" and q.value is not None}
    months = {MONTHS[m.group(1)] for m in _MONTH.finditer(fold_letters(lead))}
    offices: dict[str, set[str]] = defaultdict(set)
    ages: dict[str, set[int | float]] = defaultdict(set)
    for t in texts:
        for office, names in _offices(t).items():
            offices[office] |= names
        for m in _AGE.finditer(MARKS.sub("", t)):
            ages[fold(m.group(1))].add(digits_value(m.group(2)))
    return Profile(article, counts, years, months, all_years, dict(offices), figures, dict(ages),
                   Counter(w for ws in per_text[:LEAD_SENTENCES + 1] for w in ws),
                   lead_text=lead)


def vectors(profiles: list[Profile], show: bool = False) -> Counter:
    """Set each profile's TF-IDF vectors (log tf; idf over this batch plus the background's
    PRIOR_DOCS), unit length, its topic vectors (the same, idf over the background's PRIOR_DOCS
    alone: a word many of the day's articles use still weighs what it weighs on any day) and what its
    title and lead mean (``encoder.embed``; ``show``: its progress); return the batch's document
    frequencies."""
    df: Counter = Counter()
    for p in profiles:
        df.update(p.counts.keys())
    n, common = len(profiles), background()
    idf = {w: math.log((n + PRIOR_DOCS + 1) / (k + PRIOR_DOCS * common.get(w, 0.0) + 0.5)) for w, k in df.items()}
    fixed = {w: math.log((PRIOR_DOCS + 1) / (PRIOR_DOCS * common.get(w, 0.0) + 0.5)) for w in df}
    for p in profiles:
        p.vector = unit({w: (1 + math.log(c)) * idf[w] for w, c in p.counts.items()})
        p.lead_vector = unit({w: (1 + math.log(c)) * idf[w] for w, c in p.lead_counts.items()})
        p.topic_vector = unit({w: (1 + math.log(c)) * fixed[w] for w, c in p.counts.items()})
        p.topic_lead_vector = unit({w: (1 + math.log(c)) * fixed[w] for w, c in p.lead_counts.items()})
        p.rare_topic_vector = unit({w: (1 + math.log(c)) * fixed[w] for w, c in p.counts.items()
                                    if common.get(w, 0.0) < TOPIC_RARE})
    encoder.embed(profiles, show)
    return df


def unit(v: dict[str, float]) -> dict[str, float]:
    """``v`` scaled to length 1, zero weights dropped."""
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items() if x > 0}


def unit_cosine(x: dict[str, float], y: dict[str, float]) -> float:
    """Cosine of two vectors already of length 1 (``unit``'s): their sparse dot product, over the
    smaller.  Not ``summary.salience.cosine``, which normalizes any two weighted bags itself: on
    vectors of another length this is not a cosine."""
    if len(x) > len(y):
        x, y = y, x
    # the shared words only, in x's order: the same sum as over every word of x (a word y lacks adds
    # 0.0), in half the time
    return sum([a * y[w] for w, a in x.items() if w in y])
