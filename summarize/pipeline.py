"""Wires the stages together: read -> clean -> sections -> translate -> check numbers ->
summarize -> group into stories -> write.

Nothing here knows how a stage works.  Articles that fail are recorded with the
reason and the rest go on; the model is loaded only after every article has
been read, and before anything is written, so a model error leaves the output
folder untouched.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from summarize import daily, render
from summarize.clean import clean
from summarize.document import Article
from summarize.output import folder_lock, write_atomic
from summarize.reader import MAX_BYTES, ArticleError, discover, read_article
from summarize.sections import build_sections
from summarize.stories import build_stories
from summarize.summary import summarize
from summarize.translate import Translator
from summarize.translation import translate_articles
from summarize.verify import Stats, verify_articles


@dataclass
class Options:
    corpus: Path
    out: Path = Path("briefs")
    sentences: int | None = None  # summary length; None: grows with the article
    progress: bool = False
    date: str | None = None  # the daily brief's date; default today
    max_bytes: int = MAX_BYTES  # larger files are refused, not read


@dataclass
class Result:
    articles: list[Article] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    written: list[Path] = field(default_factory=list)
    sentences: int = 0
    numbers: Stats = field(default_factory=Stats)
    seconds: float = 0.0


RESERVED = {"daily-brief"}


def _check_name(path: Path, taken: dict[str, Path]) -> None:
    """Output names come from article names: refuse one that would overwrite another's."""
    key = path.stem.casefold()
    if key in RESERVED:
        raise ArticleError(f"{path}: its brief would overwrite the daily brief; rename the file")
    if key in taken:
        raise ArticleError(f"{path}: its brief would overwrite the brief of {taken[key].name} "
                           "(names differ only in case); rename one of them")
    taken[key] = path


def prepare_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read, clean and structure one article (no model needed)."""
    article = build_sections(clean(read_article(path, max_bytes)))
    if not article.sentences:
        raise ArticleError(f"{path}: no article text left after cleaning; check that it is a news article")
    return article


def write_briefs(out: Path, articles: list[Article], failures: list[tuple[str, str]],
                 provenance: render.Provenance, date: str, length: int | None = None) -> list[Path]:
    """Every article's brief and JSON, then the daily brief (one entry per story), each
    written atomically."""
    files: dict[Path, str] = {}
    for article in articles:
        files[out / f"{article.stem}.md"] = render.render_brief(article, provenance)
        files[out / f"{article.stem}.json"] = render.dumps(render.brief_json(article, provenance))
    stories = build_stories(articles, length)
    files[out / "daily-brief.md"] = daily.render_daily(date, stories, articles, failures, provenance)
    files[out / "daily-brief.json"] = render.dumps(daily.daily_json(date, stories, articles, failures, provenance))
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)


def run(options: Options, load_translator: Callable[[], Translator]) -> Result:
    started = time.perf_counter()
    result = Result()
    taken: dict[str, Path] = {}
    for path in discover(options.corpus):
        try:
            _check_name(path, taken)
            result.articles.append(prepare_article(path, options.max_bytes))
        except ArticleError as error:
            result.failures.append((path.name, str(error)))
            print(f"error: {error}", file=sys.stderr)

    translator = load_translator()  # a ModelError here leaves --out untouched
    translate_articles(result.articles, translator, options.progress)
    result.numbers = verify_articles(result.articles, translator, options.progress)
    provenance = render.Provenance(
        model=translator.name,
        backend=getattr(translator, "backend", "transformers"),
        beam=translator.beam,
        device=translator.device,
        summary=str(options.sentences) if options.sentences else "auto",
    )
    for article in result.articles:
        summarize(article, options.sentences)
    with folder_lock(options.out):  # a second run on the same folder waits its turn
        date = options.date or dt.date.today().isoformat()
        result.written = write_briefs(options.out, result.articles, result.failures, provenance, date,
                                      options.sentences)
    result.sentences = sum(len(a.sentences) for a in result.articles)
    result.seconds = time.perf_counter() - started
    return result
