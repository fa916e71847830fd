"""What every format of a brief shows the same way: the marks (⚠ flagged, ↻ repaired, ✎ human,
✓ checked), how a repair, a review, a figure and a number's context are put in words, and the
run's signature (``Provenance``).  The Markdown, HTML and JSON writers beside this module all
take their words from here, so the three formats never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from summarize import __version__
from summarize.document import FLAGGED, LOOP_REPAIRS, Article, NumberCheck, Text


@dataclass(frozen=True)
class Provenance:
    """How a brief was made; rendered as a sacrebleu-style signature."""

    model: str
    backend: str
    beam: int
    device: str
    summary: str  # "auto" or the --sentences value
    version: str = __version__

    @property
    def signature(self) -> str:
        return (
            f"model:{self.model}|backend:{self.backend}|beam:{self.beam}|device:{self.device}"
            f"|summary:{self.summary}|version:{self.version}"
        )


FLAG = "⚠"


def number_problem(n: NumberCheck) -> str:
    """What is wrong with one flagged number, in the words every format uses: ``X missing``,
    ``X not in the Arabic``, ``X became Y``."""
    if n.status == "missing":
        return f"{n.ar} missing"
    if n.status == "extra":
        return f"{n.en} not in the Arabic"
    return f"{n.ar} became {n.en}"


REPAIRED = "↻"


METHODS = {"n-best": "by another of the model's best translations",
           "digits": "by decoding again with the numbers in digits",
           "repetition": "by another of the model's best translations, without the loop",
           "no-repeat": "by decoding again without repeating any 3 tokens"}


def problems(text: Text) -> str:
    """What is wrong with the numbers of ``text``, in words (empty when nothing is)."""
    return "; ".join(number_problem(n) for n in text.numbers if n.status in FLAGGED)


def check_lines(text: Text) -> list[str]:
    """The checks beyond numbers (``summarize.checks``) that flag ``text``, one line each, in words:
    ``repetition: “the city” 3 times in a row``; none once a reviewer checked the English shown
    (``cleared_checks`` says which that cleared)."""
    if cleared(text):
        return []
    return [" ".join(f"{flag.check}: {flag.note}".split()) for flag in text.checks]


def cleared(text: Text) -> bool:
    """A reviewer checked the English shown, which clears its check flags (their evidence stays in the JSON)."""
    return bool(text.checks) and text.review is not None and text.review.checked


def cleared_checks(text: Text) -> str:
    """The flags a reviewer's check cleared, in words: ``checks cleared by the reviewer: length,
    punctuation`` (empty when none)."""
    if not cleared(text):
        return ""
    return "checks cleared by the reviewer: " + ", ".join(dict.fromkeys(flag.check for flag in text.checks))


def rank_words(rank: int) -> str:
    """A hypothesis's place in the model's n-best list, in words: ``its best``, ``its 2nd best``
    (``#1`` was read as 'the second-best', the first translation being counted apart)."""
    if rank <= 1:
        return "its best"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"its {rank}{suffix} best"


def repair_label(text: Text) -> str:
    """What a repair of ``text`` put right, as its mark says: ``numbers repaired``, or ``loop
    repaired`` where only the repetition repair replaced it (``summarize.checks.repair``)."""
    return "loop repaired" if all(r.method in LOOP_REPAIRS for r in text.repairs) else "numbers repaired"


def repair_how(text: Text) -> str:
    """How the number check repaired ``text``, in words (empty when it did not)."""
    return "; ".join(f"{METHODS[r.method]} ({rank_words(r.rank)})" for r in text.repairs)


def repair_note(text: Text) -> str:
    """Which numbers a repair put right, and how (empty when nothing was repaired)."""
    if not text.repairs:
        return ""
    fixed = ", ".join(n.ar for n in text.numbers if n.status == "repaired" and n.ar is not None)
    return f"{fixed}, {repair_how(text)}" if fixed else repair_how(text)


HUMAN = "✎"


CHECKED = "✓"


def when(at: str | None) -> str:
    """A stored ISO 8601 UTC time as the briefs show it: ``2026-11-22 10:15 UTC``."""
    return f"{at[:10]} {at[11:16]} UTC" if at and len(at) >= 16 else (at or "")


def review_words(text: Text) -> str:
    """What a reviewer did to ``text``, in words (empty when nothing)."""
    review = text.review
    if review is None:
        return ""
    parts = []
    if review.human:
        source = f" (from {review.corrected_in})" if review.corrected_in else ""
        parts.append(f"{HUMAN} human translation{source}")
    if review.checked:
        parts.append(f"{CHECKED} checked by {review.reviewer} at {when(review.at)}")
    return " · ".join(parts)


def review_line(article: Article) -> str:
    """The brief's review header: ``12/22 checked · approved by X at T (...)``, the approval saying
    what it covers: every flagged number resolved, not every unit read (``summarize review``
    allows it once no number is flagged), and whether the headline was checked."""
    review = article.review
    line = f"{article.checked_count}/{len(article.units)} checked"
    if review is not None and review.approval:
        title = article.title_unit.review
        headline = "headline checked" if title is not None and title.checked else "headline not checked"
        return (f"{line} · approved by {review.approval.reviewer} at {when(review.approval.at)} "
                f"(covers the flagged numbers, not every sentence; {headline})")
    if review is not None and review.lost:
        return (f"{line} · not approved (approved by {review.lost.reviewer} at {when(review.lost.at)}, "
                "but the brief changed since)")
    return f"{line} · not approved"


def context(text: str | None, surface: str | None, words: int = 4) -> tuple[str, str, str] | None:
    """``surface`` in ``text`` with a few words either side: (before, surface, after), spacing
    kept, ``… `` where the text goes on; ``None`` when the surface is not in the text."""
    if not text or not surface or surface not in text:
        return None
    at = text.index(surface)
    end = at + len(surface)
    start = _words_back(text, at, words)
    stop = _words_on(text, end, words)
    left = ("… " if start > 0 else "") + text[start:at].lstrip()
    right = text[end:stop].rstrip() + (" …" if stop < len(text) else "")
    return left, surface, right


def _words_back(text: str, at: int, words: int) -> int:
    """Where the ``words``-th word before ``at`` starts (0 if there are fewer); scans only those words."""
    i = at
    for _ in range(words):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i == 0:
            return 0
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


def _words_on(text: str, end: int, words: int) -> int:
    """Where the ``words``-th word after ``end`` ends (the text's end if there are fewer)."""
    i, n = end, len(text)
    for _ in range(words):
        while i < n and text[i].isspace():
            i += 1
        if i == n:
            return n
        while i < n and not text[i].isspace():
            i += 1
    return i


def value_label(n: NumberCheck) -> str:
    if n.value is None:
        return "(vague)"
    value = f"{n.value:,}" if isinstance(n.value, int) and n.kind not in ("year", "decade") else f"{n.value}"
    return f"{value} ({n.kind})"


def figure_value(f, arabic: bool = True) -> str:
    """A story figure (``summarize.stories.Figure``) in words: ``2016 (event year)``, and a count with its
    qualifier in fixed English words, its counted noun in the English where the number check paired
    the number, and (unless ``arabic`` is false) its Arabic words: ``about 40 counterparts (نحو 40 من
    نظرائهما)``, ``more than 30 (أكثر من 30 دولة)``, ``between 30 and 40 countries (بين 30 و40 دولة)``."""
    def amount(value: int | float) -> str:
        return f"{value:,}" if isinstance(value, int) else f"{value}"

    if f.kind == "year":
        return f"{f.value} (event year)"
    if f.kind == "date":
        return f"{f.value} {f.noun} (event date)"
    claim = f.claim
    if claim is None or claim.qualifier == "exact":
        words = amount(f.value)
    elif claim.qualifier == "between":
        words = f"between {amount(claim.values[0])} and {amount(claim.values[1])}"
    else:
        words = f"{claim.qualifier} {amount(f.value)}"
    words += f" {f.label}" if f.label else ""
    return f"{words} ({claim.text})" if arabic and claim else words


def outlet_line(outlet: str | None, published: str | None, section: str | None = None) -> str:
    """An article's source as the briefs name it: ``Sky News Arabia · internationalNews · 9 May 2018 10:12
    UTC`` (what is known of it; empty when nothing is)."""
    from summarize.ingest.formats.meta import shown_time

    return " · ".join(part for part in (outlet, section, shown_time(published)) if part)


def source_label(article: Article) -> str:
    """How a daily brief names a source: its outlet and time when the source gives them, else its
    dateline (``إيلاف من لندن``), else its file name."""
    return outlet_line(article.outlet, article.published) or article.dateline or source_name(article)


def by_time(articles: list[Article]) -> list[Article]:
    """A story's sources in the order they were published (those without a time last, in their order)."""
    from summarize.ingest.formats.meta import instant

    def key(article: Article) -> tuple:
        when = instant(article.published)
        return (when is None, when.timestamp() if when else 0.0)

    return sorted(articles, key=key)


def also_in(article: Article) -> str:
    """The article's copies in words: ``France 24 · middleEast · 10 Apr 2018 12:00 UTC; …`` (empty: none)."""
    return "; ".join(outlet_line(c.outlet, c.published, c.section) or c.file for c in article.copies)


def link_url(url: str | None) -> str | None:
    """A source's address as a link may hold it: http(s) only, percent-encoded where it is not ASCII."""
    from urllib.parse import quote

    from summarize.ingest.formats.meta import safe_url

    url = safe_url(url)
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~") if url else None


def source_name(article: Article) -> str:
    """The article's file as the briefs name it: its path within the corpus, never a local absolute path."""
    return article.source.name
