"""HTML briefs: ``<article>.html`` and ``daily-brief.html``, from the same data as the Markdown.

Jinja2 templates in ``summarize/briefs/templates/`` with autoescaping on: article text
is untrusted input, so every string reaches the page escaped (an article that
says ``<script>`` shows it as text).  Each page is self-contained (the
stylesheet inline, no fonts, scripts or images), reads right to left where it
is Arabic, isolates every mixed-direction fragment in ``<bdi>``, stacks its
tables on a phone and prints cleanly.

Every sentence row has an anchor (``#s14``), every heading one (``#h3``), every
figure of the Key figures table one (``#s14-n2``) with a link to its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from summarize.briefs import marks
from summarize.briefs.marks import (
    Provenance,
    cleared,
    cleared_checks,
    context,
    figure_value,
    rank_words,
    repair_how,
    repair_label,
    review_line,
    source_name,
    value_label,
    when,
)
from summarize.document import FLAGGED, Article, NumberCheck, Text
from summarize.stories import Figure, Story
from summarize.stories.history import Continuation, day_words
from summarize.stories.story import by_claim, topics

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=2)
def environment(*more: Path):
    """The Jinja2 environment (imported on first use: only runs that write HTML pay for it);
    ``more``: folders of other templates that extend these (the review app's)."""
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*more, TEMPLATES]),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # our own stylesheet is the one trusted string: escaping it would break its selectors
    css = markupsafe.Markup((TEMPLATES / "style.css").read_text(encoding="utf-8"))
    env.globals.update(FLAGGED=FLAGGED, css=css, repair_how=repair_how, repair_label=repair_label, cleared=cleared, cleared_checks=cleared_checks, rank_words=rank_words, when=when, review_line=review_line)
    return env


@dataclass(frozen=True)
class FigureRow:
    anchor: str
    unit: Text
    number: NumberCheck
    value: str
    en: tuple[str, str, str] | None  # words before, the figure, words after
    ar: tuple[str, str, str] | None


def _rows(units, href=True, anchor=True, label=None) -> list[dict]:
    return [{"unit": u, "label": label(u) if label else u.id, "href": f"#{u.id}" if href else None,
             "anchor": u.id if anchor else None, "heading": None} for u in units]


def render_brief_html(article: Article, made_by: Provenance) -> str:
    figures: list[FigureRow] = []
    seen: dict[str, int] = {}
    for unit in article.units:
        for n in unit.numbers:
            seen[unit.id] = seen.get(unit.id, 0) + 1
            figures.append(FigureRow(f"{unit.id}-n{seen[unit.id]}", unit, n, value_label(n),
                                     context(unit.en, n.en), context(unit.ar, n.ar)))
    sections = [{"number": i, "heading": sec.heading, "rows": _rows(sec.sentences)}
                for i, sec in enumerate(article.sections, 1)]
    summary = [article.sentence(i) for i in article.summary]
    return environment().get_template("brief.html.j2").render(
        article=article, made_by=made_by, source=source_name(article), counts=article.number_counts,
        outlet=marks.outlet_line(article.outlet, article.published, article.section),
        url=marks.link_url(article.url), url_text=article.url, also_in=marks.also_in(article),
        summary_rows=_rows(summary, anchor=False), figures=figures, sections=sections,
    )


def source_label(article: Article) -> str:
    """How the daily brief names a source: its outlet and time when the source gives them (``Sky News
    Arabia · 9 May 2018 10:12 UTC``), else its dateline when the text gives one (``إيلاف من لندن``,
    ``أخبار الآن | دبي``), else its file name."""
    return marks.source_label(article)


def _source(article: Article) -> dict:
    rtl = bool(article.dateline) and not marks.outlet_line(article.outlet, article.published)
    return {"name": source_label(article), "dir": "rtl" if rtl else "ltr", "lang": "ar" if rtl else "en",
            "href": f"{quote(article.stem)}.html", "review": article.review,
            "url": marks.link_url(article.url), "also_in": marks.also_in(article)}


def _story(story: Story) -> dict:
    names = {a.stem: _source(a) for a in marks.by_time(story.articles)}
    rows = [{"unit": s, "label": f"{names[stem]['name']} · {s.id}", "href": f"{quote(stem)}.html#{s.id}",
             "anchor": None, "heading": "Source"} for stem, s in story.summary]

    def figure(f: Figure) -> dict:
        # the English words, and the Arabic ones apart so the page can mark their language
        return {"value": figure_value(f, arabic=False), "ar": f.claim.text if f.claim else "",
                "source": names[f.article]["name"], "sentence": f.sentence,
                "href": f"{quote(f.article)}.html#{f.sentence.id}"}

    return {
        "title": story.headline,
        "sources": list(names.values()),
        "rows": rows,
        "flags": sum(a.number_counts.flagged for a in story.articles),
        "agreements": [[figure(c[0]) | {"sources": ", ".join(names[f.article]["name"] for f in c)}
                        for c in by_claim(g)] for g in story.agreements],
        "discrepancies": [[figure(f) for f in g] for g in story.discrepancies],
    }


def _since(c: Continuation | None, date: str) -> dict | None:
    """The story history's line for the template: the earlier day in words, its brief, the figures changed."""
    if c is None:
        return None
    return {"day": day_words(c.day, date), "day_number": c.day_number, "changes": c.change_words(),
            "href": f"{quote(c.brief, safe='/.-_')}.html#{quote(c.id)}" if c.brief else None}


def render_daily_html(date: str, stories: list[Story], articles: list[Article],
                      failures: list[tuple[str, str]], made_by: Provenance,
                      continuing: dict[str, Continuation] | None = None) -> str:
    continuing = continuing or {}
    shown = {id(s): _story(s) | {"number": n, "since": _since(continuing.get(s.id), date)}
             for n, s in enumerate(stories, 1)}
    day = [{"number": n, "title": t.headline, "outlets": t.outlets,
            "since": _since(continuing.get(t.id) or (continuing.get(t.lead.id) if len(t.stories) == 1 else None),
                            date),
            "stories": [shown[id(s)] for s in t.stories],
            "articles": len(t.articles),
            "flags": sum(shown[id(s)]["flags"] for s in t.stories),
            "discrepancies": any(s.discrepancies for s in t.stories)} for n, t in enumerate(topics(stories), 1)]
    return environment().get_template("daily.html.j2").render(
        date=date, stories=list(shown.values()), topics=day, articles=articles, failures=failures, made_by=made_by,
        reviewed=any(a.review for a in articles), approved=sum(1 for a in articles if a.review and a.review.approval),
    )


def render_index_html(days: list, failures: list[tuple[str, str]], made_by: Provenance) -> str:
    """``--by-day``'s index page of the days (as ``markdown.render_index``)."""
    shown = [{"day": d.day, "articles": d.articles, "stories": d.stories, "topics": d.topics, "lead_ar": d.lead_ar,
              "lead_en": d.lead_en, "href": f"{quote(d.day)}/daily-brief.html"} for d in days]
    return environment().get_template("index.html.j2").render(
        days=shown, total=sum(d.articles for d in days), failures=failures, made_by=made_by)
