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
from summarize.document import Article, Sentence


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


def _ar(text: str) -> str:
    return html.escape(text, quote=False)


def _en(text: str | None) -> str:
    return html.escape(text if text is not None else "(not translated)", quote=False)


def _pair_table(sentences: list[Sentence], label: dict[str, str] | None = None) -> list[str]:
    """Rows of Arabic beside English, one sentence per row."""
    lines = ['<table>', '<tr><th>#</th><th dir="rtl" lang="ar">العربية</th><th>English</th></tr>']
    for s in sentences:
        tag = label.get(s.id, s.id) if label else s.id
        lines.append(
            f'<tr><td>{tag}</td><td dir="rtl" lang="ar">{_ar(s.ar)}</td><td>{_en(s.en)}</td></tr>'
        )
    lines.append("</table>")
    return lines


def render_brief(article: Article, provenance: Provenance) -> str:
    """The Markdown brief of one article."""
    title = article.title
    sentences = article.sentences
    out = [
        f"# {_en(title.en)}",
        "",
        f'<h2 dir="rtl" lang="ar">{_ar(title.ar)}</h2>',
        "",
        f"- **Source:** `{article.source.as_posix()}` ({article.encoding})",
    ]
    if article.dateline:
        out.append(f'- **Dateline:** <span dir="rtl" lang="ar">{_ar(article.dateline)}</span>')
    out += [
        f"- **Words:** {article.word_count} · **Sections:** {len(article.sections)}"
        f" · **Sentences:** {len(sentences)}",
        f"- **Model:** {provenance.model} ({provenance.backend}, beam {provenance.beam})"
        f" on {provenance.device}",
        f"- **Made by:** `{provenance.signature}`",
        "",
        "## Summary",
        "",
    ]
    summary = [article.sentence(i) for i in article.summary]
    out += _pair_table(summary)
    out += ["", "## Full text", ""]
    for number, section in enumerate(article.sections, 1):
        if section.heading:
            out.append(f"### {number}. {_en(section.heading.en)}")
            out.append("")
            out.append(f'<p dir="rtl" lang="ar"><strong>{_ar(section.heading.ar)}</strong></p>')
        else:
            out.append(f"### {number}.")
        out.append("")
        out += _pair_table(section.sentences)
        out.append("")
    return "\n".join(out)


def brief_json(article: Article, provenance: Provenance) -> dict:
    """The JSON twin of the brief (schema in the README)."""

    def sentence(s: Sentence) -> dict:
        return {"id": s.id, "ar": s.ar, "en": s.en}

    return {
        "article": article.stem,
        "source": article.source.as_posix(),
        "encoding": article.encoding,
        "dateline": article.dateline,
        "title": {"ar": article.title.ar, "en": article.title.en},
        "title_from": "headline" if article.title_from_headline else "lead",
        "word_count": article.word_count,
        "sections": [
            {
                "heading": {"ar": sec.heading.ar, "en": sec.heading.en} if sec.heading else None,
                "sentences": [sentence(s) for s in sec.sentences],
            }
            for sec in article.sections
        ],
        "summary": [sentence(article.sentence(i)) for i in article.summary],
        "removed": article.removed,
        "signature": provenance.signature,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


DAILY_TOP = 2  # summary sentences per article in the daily brief


def render_daily(date: str, articles: list[Article], failures: list[tuple[str, str]],
                 provenance: Provenance) -> str:
    """The daily brief: every article with its title, its top summary sentences and a link."""
    out = [
        f"# Daily brief — {date}",
        "",
        f"{len(articles)} article{'s' if len(articles) != 1 else ''} briefed"
        f" · `{provenance.signature}`",
        "",
    ]
    for number, article in enumerate(articles, 1):
        out += [
            f"## {number}. {_en(article.title.en)}",
            "",
            f'<p dir="rtl" lang="ar"><strong>{_ar(article.title.ar)}</strong></p>',
            "",
        ]
        top = [article.sentence(i) for i in article.summary[:DAILY_TOP]]
        out += _pair_table(top)
        out += ["", f"[Full brief]({article.stem}.md) · source `{article.source.as_posix()}`", ""]
    if failures:
        out += ["## Not briefed", ""]
        out += [f"- `{name}`: {reason}" for name, reason in failures]
        out.append("")
    return "\n".join(out)


def daily_json(date: str, articles: list[Article], failures: list[tuple[str, str]],
               provenance: Provenance) -> dict:
    return {
        "date": date,
        "articles": [
            {
                "article": a.stem,
                "title": {"ar": a.title.ar, "en": a.title.en},
                "summary": [
                    {"id": s.id, "ar": s.ar, "en": s.en}
                    for s in (a.sentence(i) for i in a.summary[:DAILY_TOP])
                ],
                "brief": f"{a.stem}.md",
            }
            for a in articles
        ],
        "failed": [{"file": name, "reason": reason} for name, reason in failures],
        "signature": provenance.signature,
    }
