"""The Markdown briefs: one article's (``render_brief``) and the day's (``render_daily``).

Arabic is wrapped in HTML elements carrying ``dir="rtl" lang="ar"``: GitHub
and VS Code both keep those attributes (GitHub's sanitizer allows ``dir`` and
``lang``), so Arabic reads right to left and its punctuation lands on the
correct side.  Plain Markdown paragraphs would be laid out left to right.
Sentence pairs sit side by side in HTML tables so a reviewer checks one
language against the other row by row.  Words and marks come from ``briefs.marks``.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from summarize.briefs.marks import (
    FLAG,
    REPAIRED,
    Provenance,
    context,
    figure_value,
    problems,
    repair_note,
    review_line,
    review_words,
    source_name,
    value_label,
)
from summarize.document import FLAGGED, Article, Sentence, Text
from summarize.stories import Figure, Story
from summarize.stories.story import by_claim


def ar_html(text: str) -> str:
    return html.escape(text, quote=False)


def en_html(text: str | None) -> str:
    return html.escape(text if text is not None else "(not translated)", quote=False)


def en_marked(text: Text) -> str:
    """The English, with a visible mark when its numbers did not verify or were repaired, and
    what a reviewer did to it."""
    return _numbers_marked(text) + _review_marked(text)


def _review_marked(text: Text) -> str:
    words = review_words(text)
    return f"<br><sub>{html.escape(words, quote=False)}</sub>" if words else ""


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


def _context(text: str | None, surface: str | None) -> str:
    parts = context(text, surface)
    if parts is None:
        return "—"
    left, surface, right = (html.escape(part, quote=False) for part in parts)
    return f"{left}<b>{surface}</b>{right}"


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


def _figure_rows(groups: list[list[Figure]]) -> list[str]:
    lines = ["<table>", '<tr><th>Figure</th><th>Source</th><th dir="rtl" lang="ar">العربية</th>'
             "<th>English</th></tr>"]
    for figures in groups:
        for f in figures:
            s = f.sentence
            lines.append(f"<tr><td>{figure_value(f)}</td><td>{f.article} {s.id}</td>"
                         f'<td dir="rtl" lang="ar">{ar_html(s.ar)}</td><td>{en_marked(s)}</td></tr>')
    lines.append("</table>")
    return lines


def render_daily(date: str, stories: list[Story], articles: list[Article],
                 failures: list[tuple[str, str]], provenance: Provenance) -> str:
    """The daily brief: every story with its sources, summary, agreed figures and discrepancies."""
    out = [
        f"# Daily brief — {date}",
        "",
        f"{len(articles)} article{'s' if len(articles) != 1 else ''} briefed in {len(stories)}"
        f" stor{'ies' if len(stories) != 1 else 'y'}{_approved_count(articles)} · `{provenance.signature}`",
        "",
    ]
    for number, story in enumerate(stories, 1):
        title = story.lead.title
        out += [
            f"## {number}. {FLAG + ' ' if title.flagged else ''}{en_html(title.en)}",
            "",
            f'<p dir="rtl" lang="ar"><strong>{ar_html(title.ar)}</strong></p>',
            "",
            "**Sources:** " + " · ".join(f"[{a.stem}]({quote(a.stem)}.md)" for a in story.articles),
            "",
            "<table>",
            '<tr><th>Source</th><th dir="rtl" lang="ar">العربية</th><th>English</th></tr>',
        ]
        out += [f'<tr><td>{stem} {s.id}</td><td dir="rtl" lang="ar">{ar_html(s.ar)}</td>'
                f"<td>{en_marked(s)}</td></tr>" for stem, s in story.summary]
        out += ["</table>", ""]
        if story.agreements:
            out += ["**Figures the sources agree on:** " + "; ".join(
                " and ".join(f"{figure_value(c[0])} in {', '.join(f.article for f in c)}" for c in by_claim(g))
                for g in story.agreements), ""]
        if story.discrepancies:
            out += [f"**{FLAG} Sources differ:**", ""] + _figure_rows(story.discrepancies) + [""]
        elif len(story.articles) > 1:
            out += ["No differing figures between the sources.", ""]
        out += ["Briefs: " + " · ".join(f"[{a.stem}]({quote(a.stem)}.md){_approved(a)}" for a in story.articles), ""]
    if failures:
        out += ["## Not briefed", ""]
        out += [f"- `{name}`: {reason}" for name, reason in failures]
        out.append("")
    return "\n".join(out)


def _approved(article: Article) -> str:
    """After a brief's link: whether a reviewer approved it (nothing when no review database was used)."""
    if article.review is None:
        return ""
    return " ✓ approved" if article.review.approval else " (not approved)"


def _approved_count(articles: list[Article]) -> str:
    if not any(a.review for a in articles):
        return ""
    return f" · {sum(1 for a in articles if a.review and a.review.approval)} of {len(articles)} approved"
