"""The daily brief as stories: one section per event, its sources compared.

Pure functions from stories (``summarize.stories.build_stories``) to Markdown
and JSON, with the layout conventions of ``summarize.render`` (Arabic in
``dir="rtl" lang="ar"`` elements, flagged numbers marked with ⚠).
"""

from __future__ import annotations

from urllib.parse import quote

from summarize.document import Article
from summarize.render import FLAG, Provenance, ar_html, en_html, en_marked, figure_value, numbers, unit_review_json
from summarize.stories import Figure, Story
from summarize.stories.story import by_claim


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


def _figure_json(f: Figure) -> dict:
    """A figure: what it counts (``noun``; ``counted``: the noun as written, ``label``: in the English),
    its ``qualifier`` and ``interval``, its Arabic ``words`` and how the brief shows it (``shown``)."""
    return {"article": f.article, "id": f.sentence.id, "kind": f.kind, "noun": f.noun, "label": f.label,
            "value": f.value, "text": f.text, "qualifier": f.qualifier, "interval": f.interval.as_json(),
            "counted": f.claim.noun if f.claim else "", "words": f.claim.text if f.claim else f.text,
            "shown": figure_value(f), "ar": f.sentence.ar, "en": f.sentence.en}


def daily_json(date: str, stories: list[Story], articles: list[Article],
               failures: list[tuple[str, str]], provenance: Provenance) -> dict:
    return {
        "date": date,
        "stories": [
            {
                "id": story.id,
                "title": {"ar": story.lead.title.ar, "en": story.lead.title.en},
                "articles": [a.stem for a in story.articles],
                "summary": [{"article": stem, "id": s.id, "ar": s.ar, "en": s.en, "numbers": numbers(s)}
                            | ({"review": unit_review_json(s)} if s.review else {}) for stem, s in story.summary],
                "discrepancies": [[_figure_json(f) for f in g] for g in story.discrepancies],
                "agreements": [[_figure_json(f) for f in g] for g in story.agreements],
                "links": [f"{a.stem}.md" for a in story.articles],
                "reasons": {"joined": [link.as_json() for link in story.links],
                            "nearest_apart": story.nearest_apart.as_json() if story.nearest_apart else None},
            }
            for story in stories
        ],
        "failed": [{"file": name, "reason": reason} for name, reason in failures],
        "signature": provenance.signature,
    } | ({"review": {"approved": [{"article": a.stem, "reviewer": a.review.approval.reviewer,
                                   "at": a.review.approval.at} for a in articles if a.review and a.review.approval],
                     "briefs": len(articles)}} if any(a.review for a in articles) else {})


def _approved(article: Article) -> str:
    """After a brief's link: whether a reviewer approved it (nothing when no review database was used)."""
    if article.review is None:
        return ""
    return " ✓ approved" if article.review.approval else " (not approved)"


def _approved_count(articles: list[Article]) -> str:
    if not any(a.review for a in articles):
        return ""
    return f" · {sum(1 for a in articles if a.review and a.review.approval)} of {len(articles)} approved"
