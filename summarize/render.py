"""Briefs as text: pure functions from the data model to Markdown and JSON.

Arabic is wrapped in HTML elements carrying ``dir="rtl" lang="ar"``: GitHub
and VS Code both keep those attributes (GitHub's sanitizer allows ``dir`` and
``lang``), so Arabic reads right to left and its punctuation lands on the
correct side.  Plain Markdown paragraphs would be laid out left to right.
Sentence pairs sit side by side in HTML tables so a reviewer checks one
language against the other row by row.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from summarize import __version__
from summarize.document import FLAGGED, Article, NumberCheck, Sentence, Text


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


def ar_html(text: str) -> str:
    return html.escape(text, quote=False)


def en_html(text: str | None) -> str:
    return html.escape(text if text is not None else "(not translated)", quote=False)


FLAG = "⚠"


def _problem(n: NumberCheck) -> str:
    if n.status == "missing":
        return f"{n.ar} missing"
    if n.status == "extra":
        return f"{n.en} not in the Arabic"
    return f"{n.ar} became {n.en}"


REPAIRED = "↻"
METHODS = {"n-best": "by another of the model's best translations",
           "digits": "by decoding again with the numbers in digits"}


def problems(text: Text) -> str:
    """What is wrong with the numbers of ``text``, in words (empty when nothing is)."""
    return "; ".join(_problem(n) for n in text.numbers if n.status in FLAGGED)


def repair_how(text: Text) -> str:
    """How the number check repaired ``text``, in words (empty when it did not)."""
    return "; ".join(f"{METHODS[r.method]} (#{r.rank})" for r in text.repairs)


def repair_note(text: Text) -> str:
    """Which numbers a repair put right, and how (empty when nothing was repaired)."""
    if not text.repairs:
        return ""
    fixed = ", ".join(n.ar for n in text.numbers if n.status == "repaired")
    return f"{fixed}, {repair_how(text)}" if fixed else repair_how(text)


def en_marked(text: Text) -> str:
    """The English, with a visible mark when its numbers did not verify or were repaired, and
    what a reviewer did to it."""
    return _numbers_marked(text) + _review_marked(text)


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


def _review_marked(text: Text) -> str:
    words = review_words(text)
    return f"<br><sub>{html.escape(words, quote=False)}</sub>" if words else ""


def review_line(article: Article) -> str:
    """The brief's review header: ``12/22 checked · approved by X at T``."""
    review = article.review
    line = f"{article.checked_count}/{len(article.units)} checked"
    if review.approval:
        return f"{line} · approved by {review.approval.reviewer} at {when(review.approval.at)}"
    if review.lost:
        return (f"{line} · not approved (approved by {review.lost.reviewer} at {when(review.lost.at)}, "
                "but the brief changed since)")
    return f"{line} · not approved"


def _numbers_marked(text: Text) -> str:
    if text.flagged:
        note = html.escape(problems(text), quote=False)
        return f"{FLAG} {en_html(text.en)}<br><sub>{FLAG} numbers: {note}</sub>"
    if text.repaired:
        note = html.escape(repair_note(text), quote=False)
        return f"{REPAIRED} {en_html(text.en)}<br><sub>{REPAIRED} numbers repaired: {note}</sub>"
    return en_html(text.en)


def _pair_table(sentences: list[Sentence]) -> list[str]:
    """Rows of Arabic beside English, one sentence per row."""
    lines = ['<table>', '<tr><th>#</th><th dir="rtl" lang="ar">العربية</th><th>English</th></tr>']
    for s in sentences:
        lines.append(
            f'<tr><td>{s.id}</td><td dir="rtl" lang="ar">{ar_html(s.ar)}</td><td>{en_marked(s)}</td></tr>'
        )
    lines.append("</table>")
    return lines


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


def _context(text: str | None, surface: str | None) -> str:
    parts = context(text, surface)
    if parts is None:
        return "—"
    left, surface, right = (html.escape(part, quote=False) for part in parts)
    return f"{left}<b>{surface}</b>{right}"


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


def source_name(article: Article) -> str:
    """The article's file as the briefs name it: its path within the corpus, never a local absolute path."""
    return article.source.name


def _key_figures(article: Article) -> list[str]:
    rows = [(unit, n) for unit in article.units for n in unit.numbers]
    if not rows:
        return ["No figures in this article."]
    lines = ["<table>", '<tr><th>Value</th><th>English</th><th dir="rtl" lang="ar">العربية</th>'
             "<th>Status</th><th>#</th></tr>"]
    for unit, n in rows:
        status = f"{FLAG} {n.status}" if n.status in FLAGGED else n.status
        lines.append(
            f"<tr><td>{value_label(n)}</td><td>{_context(unit.en, n.en)}</td>"
            f'<td dir="rtl" lang="ar">{_context(unit.ar, n.ar)}</td><td>{status}</td><td>{unit.id}</td></tr>'
        )
    lines.append("</table>")
    return lines


def render_brief(article: Article, provenance: Provenance) -> str:
    """The Markdown brief of one article."""
    title = article.title
    sentences = article.sentences
    counts = article.number_counts
    out = [
        f"# {FLAG + ' ' if title.flagged else ''}{en_html(title.en)}",
        "",
        f'<h2 dir="rtl" lang="ar">{ar_html(title.ar)}</h2>',
        "",
        f"- **Source:** `{source_name(article)}` ({article.encoding})",
    ]
    if article.dateline:
        out.append(f'- **Dateline:** <span dir="rtl" lang="ar">{ar_html(article.dateline)}</span>')
    out += [
        f"- **Words:** {article.word_count} · **Sections:** {len(article.sections)}"
        f" · **Sentences:** {len(sentences)}",
        f"- **Model:** {provenance.model} ({provenance.backend}, beam {provenance.beam})"
        f" on {provenance.device}",
        f"- **Numbers:** {counts.verified} verified · {counts.repaired} repaired"
        f" · {counts.flagged} flagged{' ' + FLAG if counts.flagged else ''}",
        *([f"- **Review:** {html.escape(review_line(article), quote=False)}"] if article.review else []),
        f"- **Made by:** `{provenance.signature}`",
        "",
        "## Summary",
        "",
    ]
    summary = [article.sentence(i) for i in article.summary]
    out += _pair_table(summary)
    out += ["", "## Key figures", ""]
    out += _key_figures(article)
    out += ["", "## Full text", ""]
    for number, section in enumerate(article.sections, 1):
        if section.heading:
            mark = f"{FLAG} " if section.heading.flagged else ""
            out.append(f"### {number}. {mark}{en_html(section.heading.en)}")
            out.append("")
            out.append(f'<p dir="rtl" lang="ar"><strong>{ar_html(section.heading.ar)}</strong></p>')
        elif len(article.sections) > 1:
            out.append(f"### Part {number}")
        out.append("")
        out += _pair_table(section.sentences)
        out.append("")
    return "\n".join(out)


def brief_json(article: Article, provenance: Provenance) -> dict:
    """The JSON twin of the brief (schema in the README)."""

    def unit(text: Text) -> dict:
        data = {"id": text.id, "ar": text.ar, "en": text.en, "numbers": numbers(text)}
        if text.repairs:
            data["repairs"] = [{"piece": r.piece, "first": r.first, "method": r.method, "rank": r.rank}
                               for r in text.repairs]
        if text.review is not None:
            data["review"] = unit_review_json(text)
        return data

    return {
        "article": article.stem,
        "numbers_checked": article.number_counts.as_json(),
        "source": source_name(article),
        "encoding": article.encoding,
        "dateline": article.dateline,
        "title": unit(article.title),
        "title_from": "headline" if article.title_from_headline else "lead",
        "word_count": article.word_count,
        "sections": [
            {
                "heading": unit(sec.heading) if sec.heading else None,
                "sentences": [unit(s) for s in sec.sentences],
            }
            for sec in article.sections
        ],
        "summary": [unit(article.sentence(i)) for i in article.summary],
        "removed": article.removed,
        "signature": provenance.signature,
    } | ({"review": brief_review_json(article)} if article.review else {})


def unit_review_json(text: Text) -> dict:
    """A unit's ``"review"``: whose English it is (the model's stays beside a human one), checked."""
    review = text.review
    data: dict = {"english": "human" if review.human else "model"}
    if review.human:
        data["model_en"] = text.model_en
        data["model_numbers"] = checks_json(review.model_numbers)
        if review.corrected_in:
            data["corrected_in"] = review.corrected_in
    data.update(checked=review.checked, reviewer=review.reviewer, at=review.at)
    return data


def brief_review_json(article: Article) -> dict:
    review = article.review

    def approval(a) -> dict | None:
        return {"reviewer": a.reviewer, "at": a.at} if a else None

    return {"checked": article.checked_count, "units": len(article.units), "approved": approval(review.approval),
            "approval_lost": approval(review.lost)}


def numbers(text: Text) -> list[dict]:
    return checks_json(text.numbers)


def checks_json(checks: list[NumberCheck]) -> list[dict]:
    return [{"ar": n.ar, "en": n.en, "value": n.value, "kind": n.kind, "status": n.status} for n in checks]


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
