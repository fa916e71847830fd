"""The Markdown briefs: one article's (``render_brief``) and the day's (``render_daily``).

Arabic is wrapped in HTML elements carrying ``dir="rtl" lang="ar"``: GitHub
and VS Code both keep those attributes (GitHub's sanitizer allows ``dir`` and
``lang``), so Arabic reads right to left and its punctuation lands on the
correct side.  Plain Markdown paragraphs would be laid out left to right.
Sentence pairs sit side by side in HTML tables so a reviewer checks one
language against the other row by row.  Words and marks come from ``briefs.marks``.

Everything quoted (article text, file names, a reviewer's English and name, the
model's name) is written as text, whatever renders it (GitHub sanitizes; pandoc,
python-markdown and markdown-it keep raw HTML): inside the HTML blocks it is
HTML-escaped (``_h``), in Markdown lines its Markdown is escaped too (``_md``:
no link, image or emphasis from a title like ``[x](http://…)``), a file name in
a code span gets a fence longer than any backtick run in it (``_code``), and
controls (NUL, ESC, BEL …) are dropped and line breaks made spaces, so nothing
quoted can end a block early.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from summarize.briefs.marks import (
    FLAG,
    REPAIRED,
    Provenance,
    also_in,
    by_time,
    check_lines,
    cleared_checks,
    context,
    figure_value,
    link_url,
    outlet_line,
    problems,
    repair_label,
    repair_note,
    review_line,
    review_words,
    source_label,
    source_name,
    value_label,
)
from summarize.document import FLAGGED, Article, Sentence, Text
from summarize.stories import Figure, Story
from summarize.stories.history import Continuation, day_words
from summarize.stories.story import by_claim, topics


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]")
# what makes links, images, code and emphasis (each escapable anywhere); an underscore run inside a
# word (004_b4fc…) opens and closes nothing, so it stays as written
_MARKDOWN = re.compile(r"[\\`*\[\]]|_+")


def _escaped(match: re.Match) -> str:
    text, run = match.string, match.group()
    start, end = match.span()
    if run[0] == "_" and 0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
        return run
    return "\\" + "\\".join(run)


def one_line(text: object) -> str:
    """``text`` without controls, on one line (a quoted blank line would end an HTML block)."""
    return _BREAKS.sub(" ", _CONTROLS.sub("", str(text)))


def _h(text: object) -> str:
    """Text inside an HTML block (the tables, the Arabic headings): Markdown is not read there."""
    return html.escape(one_line(text), quote=False)


def _md(text: object) -> str:
    """Text in a Markdown line (a heading, a list item, a paragraph): neither HTML nor Markdown."""
    return _MARKDOWN.sub(_escaped, _h(text))


def _code(text: object) -> str:
    """A code span of ``text`` (CommonMark reads nothing inside it), fenced past its own backticks."""
    text = one_line(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link(stem: str) -> str:
    """A link to a brief of the folder (the name percent-encoded: no scheme, no folder part)."""
    return f"[{_md(stem)}]({quote(one_line(stem), safe='')}.md)"


def ar_html(text: str) -> str:
    return _h(text)


def en_html(text: str | None) -> str:
    return _h(text if text is not None else "(not translated)")


def en_md(text: str | None) -> str:
    return _md(text if text is not None else "(not translated)")


def title_en(text: Text) -> str:
    """A title's English as headings and links show it: "(not translated)" where there is none, "(no
    English)" where it is empty, never a blank."""
    return en_md(text.en) if text.en is None or text.en.strip() else "(no English)"


def heading(prefix: str, text: Text) -> list[str]:
    """A heading of the English (``prefix``: ``#``, ``### 2.`` …) marked ⚠ when its numbers did not
    verify or a check beyond numbers flags it (an empty title, one cut short, Arabic left in it),
    then, under it, what is wrong in words; an empty English reads "(no English)", never a blank
    heading."""
    notes = ([f"{FLAG} numbers: {problems(text)}"] if text.flagged else []) + [f"{FLAG} {line}" for line in check_lines(text)]
    out = [f"{prefix} {FLAG + ' ' if notes else ''}{title_en(text)}"]
    return out + (["", "<sub>" + " · ".join(_h(note) for note in notes) + "</sub>"] if notes else [])


def en_marked(text: Text) -> str:
    """The English, with a visible mark when its numbers did not verify or were repaired, and
    what a reviewer did to it."""
    return _numbers_marked(text) + _checks_marked(text) + _review_marked(text)


def _checks_marked(text: Text) -> str:
    cleared = cleared_checks(text)
    return "".join(f"<br><sub>{FLAG} {_h(line)}</sub>" for line in check_lines(text)) + (
        f"<br><sub>{_h(cleared)}</sub>" if cleared else "")


def _review_marked(text: Text) -> str:
    words = review_words(text)
    return f"<br><sub>{_h(words)}</sub>" if words else ""


def _numbers_marked(text: Text) -> str:
    if text.flagged:
        note = _h(problems(text))
        return f"{FLAG} {en_html(text.en)}<br><sub>{FLAG} numbers: {note}</sub>"
    if text.repaired:
        note = _h(repair_note(text))
        return f"{REPAIRED} {en_html(text.en)}<br><sub>{REPAIRED} {repair_label(text)}: {note}</sub>"
    return en_html(text.en)


def _pair_table(sentences: list[Sentence]) -> list[str]:
    """Rows of Arabic beside English, one sentence per row."""
    lines = ['<table>', '<tr><th>#</th><th dir="rtl" lang="ar">العربية</th><th>English</th></tr>']
    for s in sentences:
        lines.append(
            f'<tr><td>{_h(s.id)}</td><td dir="rtl" lang="ar">{ar_html(s.ar)}</td><td>{en_marked(s)}</td></tr>'
        )
    lines.append("</table>")
    return lines


def _context(text: str | None, surface: str | None) -> str:
    parts = context(text, surface)
    if parts is None:
        return "—"
    left, surface, right = (_h(part) for part in parts)
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
            f"<tr><td>{_h(value_label(n))}</td><td>{_context(unit.en, n.en)}</td>"
            f'<td dir="rtl" lang="ar">{_context(unit.ar, n.ar)}</td><td>{_h(status)}</td><td>{_h(unit.id)}</td></tr>'
        )
    lines.append("</table>")
    return lines


def render_brief(article: Article, provenance: Provenance) -> str:
    """The Markdown brief of one article."""
    title = article.title_unit
    sentences = article.sentences
    counts = article.number_counts
    out = [
        *heading("#", title),
        "",
        f'<h2 dir="rtl" lang="ar">{ar_html(title.ar)}</h2>',
        "",
        f"- **Source:** {_code(source_name(article))} ({_md(article.encoding)})",
    ]
    if outlet_line(article.outlet, article.published, article.section):
        out.append(f"- **Outlet:** {_md(outlet_line(article.outlet, article.published, article.section))}")
    if link_url(article.url):
        out.append(f"- **Address:** <{one_line(link_url(article.url))}>")
    if article.dateline:
        out.append(f'- **Dateline:** <span dir="rtl" lang="ar">{_md(article.dateline)}</span>')
    if article.abstract:
        out.append(f'- **Outlet\'s summary:** <span dir="rtl" lang="ar">{_md(article.abstract)}</span>')
    if article.copies:
        out.append(f"- **Also in:** {_md(also_in(article))}")
    out += [
        f"- **Words:** {article.word_count} · **Sections:** {len(article.sections)}"
        f" · **Sentences:** {len(sentences)}",
        f"- **Model:** {_md(provenance.model)} ({_md(provenance.backend)}, beam {_md(provenance.beam)})"
        f" on {_md(provenance.device)}",
        f"- **Numbers:** {counts.verified} verified · {counts.repaired} repaired"
        f" · {counts.flagged} flagged{' ' + FLAG if counts.flagged else ''}",
        *([f"- **Review:** {_md(review_line(article))}"] if article.review else []),
        f"- **Made by:** {_code(provenance.signature)}",
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
            out += heading(f"### {number}.", section.heading)
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
            lines.append(f"<tr><td>{_h(figure_value(f))}</td><td>{_h(f.article)} {_h(s.id)}</td>"
                         f'<td dir="rtl" lang="ar">{ar_html(s.ar)}</td><td>{en_marked(s)}</td></tr>')
    lines.append("</table>")
    return lines


def render_daily(date: str, stories: list[Story], articles: list[Article],
                 failures: list[tuple[str, str]], provenance: Provenance,
                 continuing: dict[str, Continuation] | None = None) -> str:
    """The daily brief: the day's topics ranked, then each topic with its stories (a topic of one story
    is that story), each story with its sources, summary, agreed figures and discrepancies;
    ``continuing`` (the story history's, by story and topic id) says which continue earlier days'."""
    day = topics(stories)
    continuing = continuing or {}
    out = [
        f"# Daily brief — {_md(date)}",
        "",
        f"{len(articles)} article{'s' if len(articles) != 1 else ''} briefed in {len(stories)}"
        f" stor{'ies' if len(stories) != 1 else 'y'} on {len(day)} topic{'s' if len(day) != 1 else ''}"
        f"{_approved_count(articles)} · {_code(provenance.signature)}",
        "",
        "## Today's topics",
        "",
    ]
    for number, topic in enumerate(day, 1):
        title = topic.headline
        flagged = any(a.number_counts.flagged for a in topic.articles) or any(s.discrepancies for s in topic.stories)
        outlets = f" — {_md(', '.join(topic.outlets))}" if topic.outlets else ""
        count = f" · {len(topic.stories)} stories" if len(topic.stories) > 1 else ""
        since = _continued(topic, continuing)
        # each entry links to its topic below (``_anchor``), as the HTML's overview does
        out.append(f"{number}. [{FLAG + ' ' if flagged else ''}{title_en(title)}](#topic-{number}) ·"
                   f' <bdi dir="rtl" lang="ar">{ar_html(title.ar)}</bdi>{outlets}{count}'
                   + (f" · {_md(since.words(date))}" if since else ""))
    out.append("")
    for number, topic in enumerate(day, 1):
        if len(topic.stories) == 1:
            out += _anchor(f"topic-{number}", topic.lead.id)
            out += _daily_story(topic.lead, f"## {number}.", _continues(_continued(topic, continuing), date))
            continue
        title = topic.headline
        out += _anchor(f"topic-{number}")
        out += [*heading(f"## {number}.", title), "",
                f'<p dir="rtl" lang="ar"><strong>{ar_html(title.ar)}</strong></p>', "",
                f"{len(topic.stories)} stories, {len(topic.articles)} articles"
                + (f" from {_md(', '.join(topic.outlets))}" if topic.outlets else ""), ""]
        out += _continues(continuing.get(topic.id), date)
        for part, story in enumerate(topic.stories, 1):
            out += _anchor(story.id)
            out += _daily_story(story, f"### {number}.{part}.", _continues(continuing.get(story.id), date))
    if failures:
        out += ["## Not briefed", ""]
        out += [f"- {_code(name)}: {_md(reason)}" for name, reason in failures]
        out.append("")
    return "\n".join(out)


def _anchor(*names: str) -> list[str]:
    """Places a link can land on (``#topic-2``, ``#story-5``: the ids the HTML brief gives its topics and
    stories), before their heading: the overview links to each topic, a later day's "continues from" to
    the topic or story it continues."""
    return [" ".join(f'<a id="{_h(name)}"></a>' for name in names), ""]


def _continued(topic, continuing: dict[str, Continuation]) -> Continuation | None:
    """How a topic continues an earlier day's: the topic's link, else (a topic of one story) its story's."""
    found = continuing.get(topic.id)
    return found or (continuing.get(topic.lead.id) if len(topic.stories) == 1 else None)


def _continues(since: Continuation | None, date: str) -> list[str]:
    """The story history's line: "Continues from [9 April](…) (day 3) · deaths: 40 → 70"."""
    if since is None:
        return []
    day = day_words(since.day, date)
    linked = (f"[{_md(day)}]({quote(since.brief, safe='/.-_')}.md#{quote(since.id)})" if since.brief else _md(day))
    changed = f" · {_md(since.change_words())}" if since.changes else ""
    return [f"*Continues from {linked} (day {since.day_number}){changed}*", ""]


def _daily_story(story: Story, number: str, since: list[str] | None = None) -> list[str]:
    """One story of the daily brief under ``number`` (its heading's prefix): headline, sources, summary, figures;
    ``since``: the story history's line, if it continues an earlier day's."""
    title = story.headline
    out = [
        *heading(number, title),
        "",
        f'<p dir="rtl" lang="ar"><strong>{ar_html(title.ar)}</strong></p>',
        "",
        *(since or []),
        "**Sources:** " + " · ".join(_source_link(a) for a in by_time(story.articles)),
        "",
        "<table>",
        '<tr><th>Source</th><th dir="rtl" lang="ar">العربية</th><th>English</th></tr>',
    ]
    # a summary sentence's source as the HTML and JSON name it: outlet and time, else dateline, else file
    names = {a.stem: source_label(a) for a in story.articles}
    out += [f'<tr><td>{_h(names[stem])} · {_h(s.id)}</td><td dir="rtl" lang="ar">{ar_html(s.ar)}</td>'
            f"<td>{en_marked(s)}</td></tr>" for stem, s in story.summary]
    out += ["</table>", ""]
    if story.agreements:
        out += ["**Figures the sources agree on:** " + "; ".join(
            " and ".join(f"{_md(figure_value(c[0]))} in {', '.join(_md(f.article) for f in c)}" for c in by_claim(g))
            for g in story.agreements), ""]
    if story.discrepancies:
        out += [f"**{FLAG} Sources differ:**", ""] + _figure_rows(story.discrepancies) + [""]
    elif len(story.articles) > 1:
        out += ["No differing figures between the sources.", ""]
    out += ["Briefs: " + " · ".join(f"{_link(a.stem)}{_approved(a)}" for a in story.articles), ""]
    return out


def _source_link(article: Article) -> str:
    """A story's source in the daily brief: its outlet and time linking to its brief (the file's name where
    the source gives neither), and the outlets its copies are also in."""
    label = outlet_line(article.outlet, article.published)
    link = f"[{_md(label)}]({quote(one_line(article.stem), safe='')}.md)" if label else _link(article.stem)
    return link + (f" (also in {_md(also_in(article))})" if article.copies else "")


def _approved(article: Article) -> str:
    """After a brief's link: whether a reviewer approved it (nothing when no review database was used)."""
    if article.review is None:
        return ""
    return " ✓ approved" if article.review.approval else " (not approved)"


def _approved_count(articles: list[Article]) -> str:
    if not any(a.review for a in articles):
        return ""
    return f" · {sum(1 for a in articles if a.review and a.review.approval)} of {len(articles)} approved"


def render_index(days: list, failures: list[tuple[str, str]], provenance: Provenance) -> str:
    """``--by-day``'s index of the days (``archive.Day``: day, articles, stories, topics, lead_ar, lead_en),
    each linked to its daily brief, and the files that could not be briefed."""
    total = sum(d.articles for d in days)
    out = ["# Daily briefs", "",
           (f"{len(days)} day{'s' if len(days) != 1 else ''}, {total} article{'s' if total != 1 else ''}"
            f" · {_code(provenance.signature)}"), "",
           "| Day | Articles | Stories | Topics | First topic |", "|---|---:|---:|---:|---|"]
    for d in days:
        lead = (en_md(d.lead_en) + " · " if d.lead_en else "") + f'<bdi dir="rtl" lang="ar">{_h(d.lead_ar)}</bdi>'
        out.append(f"| [{_md(d.day)}]({quote(one_line(d.day), safe='')}/daily-brief.md) | {d.articles} | {d.stories}"
                   f" | {d.topics} | {lead.replace('|', '&#124;')} |")
    if failures:
        out += ["", "## Not briefed", ""] + [f"- {_code(name)}: {_md(reason)}" for name, reason in failures]
    return "\n".join(out) + "\n"
