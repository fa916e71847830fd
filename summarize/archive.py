"""``summarize ARCHIVE --by-day``: an archive of many days, one daily brief per publication day.

The archive is read once (``pipeline.read_corpus``: copies merged across it), its articles split by
the day each was published (``Article.published``, as the outlet gave it: the day in the outlet's
time zone), and each day briefed on its own, oldest first, into ``OUT/YYYY-MM-DD/``
(``pipeline.brief_day``), each linked to the days before it through the story history
(``stories.history``).  Articles no source dates go to ``OUT/undated/``, which the history does not
keep.  ``OUT/index.md`` and ``OUT/index.html`` list the days (articles, stories, topics, the
day's first topic) with links to their daily briefs, and the files that could not be briefed.

The model is loaded once, after the whole archive is read; the history is opened once.

``--date`` is refused with ``--by-day`` (UsageError, before anything is read): each day's brief is dated
by its own articles, so a date for the run has nothing to set, and reading it as "brief only that day"
would make the run's index list one day in place of the archive's.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from summarize import pipeline
from summarize.briefs.marks import Provenance
from summarize.briefs.write import (
    BriefNames,
    check_out,
    folder_lock,
    warn_if_busy,
    write_set,
)
from summarize.document import Article
from summarize.errors import UsageError
from summarize.stories import topics
from summarize.stories.history import open_history
from summarize.translate import Translator

UNDATED = "undated"
INDEX = "index"


@dataclass
class Day:
    """What the index says of one day."""

    day: str
    articles: int
    stories: int
    topics: int
    lead_ar: str = ""
    lead_en: str | None = None


def by_day(articles: list[Article]) -> dict[str, list[Article]]:
    """The articles by the day they were published (``UNDATED`` for those no source dates), oldest first."""
    days: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        day = (a.published or "")[:10]
        days[day if _is_day(day) else UNDATED].append(a)
    return dict(sorted(days.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))


def _is_day(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def run_by_day(options: pipeline.Options, load_translator: Callable[[], Translator]) -> pipeline.Result:
    if options.date is not None:
        raise UsageError(f"--date {options.date} does not go with --by-day, which dates each day's brief by its "
                         "articles' publication day (OUT/YYYY-MM-DD/); leave out --date, or leave out --by-day "
                         "to brief the whole corpus as one day dated --date")
    started = time.perf_counter()
    result = pipeline.Result()
    days: list[Day] = []
    try:
        check_out(options.out, options.corpus)
        warn_if_busy(options.out, options.lock_wait)
        result.articles, result.failures = pipeline.read_corpus(options)
        split = by_day(result.articles)
        for day in split:  # a day's folder holding a daily brief that is not ours: UsageError, before any work
            check_out(options.out / day, options.corpus)
            BriefNames(options.out / day, options.formats)
        translator = result.translator = pipeline.load_models(load_translator)
        default_reviews = options.review_db == options.out / ".summarize-review.sqlite3"
        with open_history(options.history, options.history_days, options.on_warning) as history:
            for day, articles in split.items():
                out = options.out / day
                out.mkdir(parents=True, exist_ok=True)
                stories = pipeline.brief_day(
                    options, articles, [], translator, out, day, result.written,
                    history if day != UNDATED else None,
                    out / ".summarize-review.sqlite3" if default_reviews else None)
                first = topics(stories)[0].lead.lead.title if stories else None
                days.append(Day(day, len(articles), len(stories), len(topics(stories)),
                                first.ar if first else "", first.en if first else None))
                result.stories += stories
        made_by = pipeline.provenance(translator, options)
        files = [(options.out / f"{INDEX}.{fmt}", render(fmt, days, result.failures, made_by))
                 for fmt in ("md", "html")]
        with folder_lock(options.out, options.lock_wait):
            write_set(options.out, files, result.written)
    except KeyboardInterrupt as stop:
        raise pipeline.Interrupted(len(result.written), getattr(stop, "signum", 2)) from None
    result.seconds = time.perf_counter() - started
    return result


def render(fmt: str, days: list[Day], failures: list[tuple[str, str]], made_by: Provenance) -> str:
    """The index of the days, Markdown (``md``) or HTML."""
    from summarize.briefs.html import render_index_html
    from summarize.briefs.markdown import render_index

    return render_index(days, failures, made_by) if fmt == "md" else render_index_html(days, failures, made_by)
