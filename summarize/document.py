"""The one data model every stage reads and fills in.

Article -> Section -> Sentence.  The reader fills ``Article.raw``/``text``, the
section and sentence splitters build ``sections``, the translator fills each
unit's ``translations`` (``en`` is derived from them, never stored), the number
checker fills ``numbers`` (and may replace a piece's translation with a repaired
one) and keeps the Arabic's ``quantities`` it read, and the summarizer picks
``Article.summary`` (sentence ids).  Renderers only read.

The Arabic of every sentence is kept exactly as it stands in the cleaned
article text: reviewers and the number checker compare against it.  What the
model actually saw (words un-glued, punctuation normalized, long sentences cut
into pieces) lives in ``Sentence.pieces``.

What a reviewer did (``summarize.review``) is ``Text.review`` and
``Article.review``; ``None`` when no review database was used.  A reviewer's
English replaces the model's in ``en`` (the model's stays in ``model_en``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from summarize.numbers import Quantity
    from summarize.numbers.quantity import QuantityKind

#: What the number check says of one quantity (``NumberCheck.status``).
NumberStatus = Literal["verified", "repaired", "changed", "missing", "extra"]
#: How a piece's translation was repaired (``Repair.method``): the number repair's ``n-best`` and
#: ``digits``; the repetition repair's ``repetition`` (another of the model's best beams) and
#: ``no-repeat`` (decoded again without repeating any 3 tokens).
RepairMethod = Literal["n-best", "digits", "repetition", "no-repeat"]
#: The repairs of a looping English (``summarize.checks.repair``), as against the number repair's.
LOOP_REPAIRS: tuple[RepairMethod, ...] = ("repetition", "no-repeat")


@dataclass
class NumberCheck:
    """One quantity of a sentence, checked between the Arabic and the English.

    ``status`` is one of ``verified``, ``repaired`` (verified after the
    translation was re-decoded), ``changed``, ``missing`` (a source quantity
    the English lacks) or ``extra`` (a quantity only the English has).
    """

    ar: str | None
    en: str | None
    value: float | int | None
    kind: QuantityKind
    status: NumberStatus


FLAGGED: tuple[NumberStatus, ...] = ("changed", "missing", "extra")


@dataclass
class Repair:
    """How a repair replaced the model's first translation of one piece.

    The number check's: ``method`` is ``n-best`` (another of the model's best
    beams for the same Arabic) or ``digits`` (the Arabic decoded again with its
    numbers rewritten in digits).  The repetition repair's (an English that
    loops): ``repetition`` (another of the model's best beams) or ``no-repeat``
    (decoded again, never repeating 3 tokens).  ``rank`` is the hypothesis of
    that decoding that was taken (1 = the best).
    """

    piece: int
    first: str  # the model's first translation of the piece
    method: RepairMethod
    rank: int


@dataclass
class Flag:
    """What one check beyond numbers (``summarize.checks``) found wrong with a unit's English:
    ``check`` is its name (``untranslated``, ``repetition``, ``length``, ``punctuation``, ``terms``,
    ``names``), ``note`` the problem in words for the reviewer, ``evidence`` the check's own
    JSON-able findings."""

    check: str
    note: str
    evidence: dict = field(default_factory=dict)


@dataclass
class NumberCounts:
    """How many quantities verified, were repaired, or stay flagged: counted here and only here."""

    verified: int = 0
    repaired: int = 0
    flagged: int = 0

    @classmethod
    def of(cls, units: "list[Text]") -> "NumberCounts":
        counts = cls()
        for unit in units:
            for n in unit.numbers:
                if n.status in FLAGGED:
                    counts.flagged += 1
                elif n.status == "repaired":
                    counts.repaired += 1
                else:
                    counts.verified += 1
            if (unit.repaired and any(r.method not in LOOP_REPAIRS for r in unit.repairs)
                    and not any(n.status == "repaired" for n in unit.numbers)):
                # the repair took out a number the Arabic does not have (an "extra"): no quantity
                # of the Arabic became right, but the row says repaired, so the count must too
                counts.repaired += 1
        return counts

    def __add__(self, other: "NumberCounts") -> "NumberCounts":
        return NumberCounts(self.verified + other.verified, self.repaired + other.repaired,
                            self.flagged + other.flagged)

    def as_json(self) -> dict[str, int]:
        return {"verified": self.verified, "repaired": self.repaired, "flagged": self.flagged}


@dataclass
class Review:
    """What a reviewer did to one unit; filled in by ``summarize.review``, read by the renderers.

    ``en`` is the reviewer's English (``None``: the model's stands); ``checked``
    holds while the English shown is the one the reviewer checked.
    ``model_numbers`` keeps the number check of the model's English when ``en``
    replaces it (``Text.numbers`` is then the check of the reviewer's).
    """

    en: str | None = None
    checked: bool = False
    reviewer: str | None = None
    at: str | None = None  # ISO 8601 UTC time of the reviewer's last change
    version: int = 0  # of the stored record: a save names the version it changes
    corrected_in: str | None = None  # the article whose correction of the same Arabic is used, if not this one
    model_numbers: list[NumberCheck] = field(default_factory=list)

    @property
    def human(self) -> bool:
        return self.en is not None


@dataclass
class Approval:
    reviewer: str
    at: str


@dataclass
class BriefReview:
    """A brief's review: its approval, if it still holds, and one that no longer does."""

    approval: Approval | None = None
    lost: Approval | None = None  # approved once, but the brief changed since


@dataclass
class Text:
    """A unit of Arabic that is translated and checked: the title, a heading or a sentence.

    ``kind`` says which, and ``id`` names it within its article (``title``,
    ``h2`` for the heading of section 2, ``s14``): briefs point at it by id.
    ``pieces`` is what the model saw (words un-glued, long sentences cut at a
    clause boundary), ``translations`` the English of each piece, written by
    the translation stage and replaced piece by piece by the number repair.
    """

    ar: str
    kind: str = "title"
    id: str = "title"
    pieces: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)
    numbers: list[NumberCheck] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    #: the checks beyond numbers (``summarize.checks``) that flag the English shown; empty when none do
    checks: list[Flag] = field(default_factory=list)
    review: Review | None = None
    #: The quantities of ``ar`` (``numbers.extract_arabic``, offsets into ``ar``) as the number check
    #: read them, so that story grouping need not read them again; ``None`` where it did not read
    #: ``ar`` as it stands (not checked yet, or the model saw it un-glued or cut into pieces).
    quantities: tuple[Quantity, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def en(self) -> str | None:
        """The English: a reviewer's correction if there is one, else the model's."""
        if self.review is not None and self.review.en is not None:
            return self.review.en
        return self.model_en

    @property
    def model_en(self) -> str | None:
        """The model's English: its pieces' translations joined; ``None`` until translated."""
        return " ".join(self.translations) if self.translations else None

    @property
    def human(self) -> bool:
        return self.review is not None and self.review.human

    @property
    def flagged(self) -> bool:
        return any(n.status in FLAGGED for n in self.numbers)

    @property
    def repaired(self) -> bool:
        """The English shown is the model's, repaired by the number check or the loop repair."""
        return bool(self.repairs) and not self.human


@dataclass
class Sentence(Text):
    kind: str = "sentence"
    id: str = ""


@dataclass
class Section:
    heading: Text | None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Copy:
    """Another file (or item) with the same article, merged into the one briefed (summarize.ingest.copies)."""

    name: str  # the brief name it would have had
    file: str
    outlet: str | None = None
    section: str | None = None
    published: str | None = None
    url: str | None = None
    similarity: float = 1.0  # 1.0: the same text after normalization; else Jaccard of word 5-shingles

    def as_json(self) -> dict:
        return {"article": self.name, "file": self.file, "outlet": self.outlet, "section": self.section,
                "published": self.published, "url": self.url, "similarity": round(self.similarity, 3)}


@dataclass
class Article:
    stem: str
    source: Path
    raw: str = ""
    encoding: str = ""
    text: str = ""  # cleaned text: the sentences' Arabic, in order, is exactly this text
    removed: list[str] = field(default_factory=list)  # lines the cleaner dropped, for the record
    dateline: str | None = None  # "outlet | place" line above the text, if any
    title: Text | None = None
    title_from_headline: bool = False
    sections: list[Section] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # sentence ids, in document order
    review: BriefReview | None = None  # None: no review database was used
    # What the source says of the article (summarize.ingest.formats); None where it does not say.
    headline: str | None = None  # the source's own title (a record's TITLE, a page's, a feed item's)
    outlet: str | None = None  # display name: "Sky News Arabia"
    published: str | None = None  # timezone-aware ISO 8601 (a bare YYYY-MM-DD where only the day is known)
    url: str | None = None  # http(s) only
    section: str | None = None  # the outlet's section (ANT's CAT, a feed's category)
    abstract: str | None = None  # the outlet's own summary, never part of the text
    item: int | None = None  # its number in a file of several articles
    copies: list["Copy"] = field(default_factory=list)  # the same article elsewhere, briefed once here

    @property
    def checked_count(self) -> int:
        return sum(1 for u in self.units if u.review is not None and u.review.checked)

    @property
    def title_unit(self) -> Text:
        """The title, for the stages after sectioning (which always gives one): the briefs, stories."""
        if self.title is None:
            raise ValueError(f"{self.stem} has no title yet: it was not split into sections")
        return self.title

    @property
    def units(self) -> list[Text]:
        """Everything that is translated and checked: title, headings, sentences."""
        found: list[Text] = [self.title] if self.title else []
        found += [section.heading for section in self.sections if section.heading]
        return found + self.sentences

    @property
    def sentences(self) -> list[Sentence]:
        return [s for section in self.sections for s in section.sentences]

    def sentence(self, sentence_id: str) -> Sentence:
        for s in self.sentences:
            if s.id == sentence_id:
                return s
        raise KeyError(sentence_id)

    @property
    def number_counts(self) -> NumberCounts:
        return NumberCounts.of(self.units)

    @property
    def word_count(self) -> int:
        return sum(len(s.ar.split()) for s in self.sentences)
