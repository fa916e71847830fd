"""Wires the stages together: read -> translate -> check numbers -> summarize -> group into
stories -> write.  Each stage is one line of ``run`` and returns what it made.

Nothing here knows how a stage works.  Articles that fail are recorded with the
reason (and passed to ``Options.on_failure`` as they happen) and the rest go on;
the model is loaded only after every article has been read, and before anything
is written, so a model error leaves the output folder untouched.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from summarize.briefs import html as pages
from summarize.briefs import json as json_format
from summarize.briefs import markdown, marks
from summarize.briefs.write import (
    FORMATS,
    BriefNames,
    check_out,
    folder_lock,
    remove_stale_temps,
    warn_if_busy,
    write_set,
)
from summarize.checks import Context, check_articles
from summarize.checks.repair import repair_loops
from summarize.checks.terms import Glossary
from summarize.document import Article, NumberCounts
from summarize.errors import ArticleError
from summarize.ingest.clean import clean
from summarize.ingest.copies import merge_copies
from summarize.ingest.reader import MAX_BYTES, discover, read_article, read_items, shown, skipped_summary
from summarize.ingest.sections import build_sections
from summarize.numbers.verify import verify_articles
from summarize.review.state import apply_reviews
from summarize.runtime.progress import progress
from summarize.stories import Story, build_stories, encoder
from summarize.stories.history import DAYS, Continuation, History, open_history
from summarize.summary.select import summarize
from summarize.translate import Translator
from summarize.translate.models import model_label
from summarize.translate.stage import translate_articles


class Interrupted(Exception):
    """The run was interrupted (Ctrl-C, SIGTERM, SIGHUP: ``signum``); ``written`` says how many
    files it had finished (none or the whole set)."""

    def __init__(self, written: int, signum: int = 2) -> None:
        super().__init__(f"interrupted after {written} files")
        self.written = written
        self.signum = signum


@dataclass
class Options:
    corpus: Path
    out: Path = Path("briefs")
    sentences: int | None = None  # summary length; None: grows with the article
    progress: bool = False
    date: str | None = None  # the daily brief's date; default the articles' most common day, else today
    max_bytes: int = MAX_BYTES  # larger files are refused, not read
    formats: tuple[str, ...] = FORMATS  # which of md, html, json to write
    review_db: Path | None = None  # stored corrections and approvals (summarize review), if it exists
    lock_wait: float | None = None  # seconds to wait for another run writing to ``out``; None: the default
    glossary: Glossary | None = None  # key terms the ``terms`` check asks for (--glossary FILE)
    #: told of each article that cannot be briefed, as it happens: (file name, reason)
    on_failure: Callable[[str, str], None] = lambda name, reason: None
    #: told once what the corpus folder held that is not an article file, in one line
    on_skipped: Callable[[str], None] = lambda line: None
    history: Path | None = None  # the story history (stories.history; --history FILE); None: none kept
    history_days: int = DAYS  # how many days back a story is followed
    by_day: bool = False  # one daily brief per publication day, in OUT/YYYY-MM-DD/ (summarize.archive)
    #: told of a story history that cannot be used, once (None: said on stderr)
    on_warning: Callable[[str], None] | None = None


@dataclass
class Result:
    articles: list[Article] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    stories: list[Story] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    translator: Translator | None = None  # what translated, for the closing line's cache figures
    seconds: float = 0.0

    @property
    def sentences(self) -> int:
        return sum(len(a.sentences) for a in self.articles)

    @property
    def numbers(self) -> NumberCounts:
        """The run's number checks, as the briefs count them (after repairs and reviews)."""
        return sum((a.number_counts for a in self.articles), NumberCounts())


def prepare(article: Article) -> Article:
    """Clean and structure one article as read (no model needed)."""
    article = build_sections(clean(article))
    if not article.sentences:
        where = shown(article.source) + (f" item {article.item}" if article.item else "")
        raise ArticleError(f"{where}: no article text left after cleaning; check that it is a news article")
    return article


def prepare_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read, clean and structure the article of one file (the first, if it holds several)."""
    return prepare(read_article(path, max_bytes))


def prepare_articles(path: Path, max_bytes: int = MAX_BYTES) -> list[Article | ArticleError]:
    """Every article of one file, cleaned and structured; an ArticleError in place of each that cannot
    be (a file that cannot be read at all raises it)."""
    found: list[Article | ArticleError] = []
    for item in read_items(path, max_bytes):
        try:
            found.append(item if isinstance(item, ArticleError) else prepare(item))
        except ArticleError as error:
            found.append(error)
    return found


def _unclashed(article: Article, names: BriefNames) -> None:
    """Give ``article`` a brief name no other article of the run has taken, where the clash is between
    two folders or involves an item of a multi-article file (``a/x.txt`` and ``b/x.txt`` -> ``x`` and
    ``b-x``); two names in one folder that differ only in case stay refused by ``BriefNames.claim``."""
    owner = names.taken.get(article.stem.casefold())
    if owner is None or (owner.parent == article.source.parent and not article.item
                         and owner.stem.casefold() == article.stem.casefold() and owner != article.source):
        return
    base = article.stem
    candidates = [f"{article.source.parent.name}-{base}"] if owner.parent != article.source.parent else []
    candidates += [f"{base}-{n}" for n in range(2, 10_000)]
    article.stem = next(c for c in candidates if c.casefold() not in names.taken)


def _claim_path(article: Article) -> Path:
    """The path ``BriefNames.claim`` judges: the file, or (an item, a renamed clash) its brief name beside it."""
    if article.stem == article.source.stem:
        return article.source
    return article.source.with_name(article.stem + article.source.suffix)


def read_corpus(options: Options) -> tuple[list[Article], list[tuple[str, str]]]:
    """Every article of the corpus that can be briefed, and (file name, reason) for each that cannot.
    Copies of one article (``ingest.copies``) come back as one, with the others on its ``copies``."""
    articles, failures = [], []
    names = BriefNames(options.out, options.formats)  # a daily brief that is not ours: UsageError
    skipped: list[tuple[str, str]] = []
    paths = discover(options.corpus, skipped, exclude=options.out)
    if skipped:
        options.on_skipped(skipped_summary(skipped))

    def failed(path: Path, error: ArticleError, item: int | None = None) -> None:
        name = shown(path.name) + (f" item {item}" if item else "")  # printable whatever bytes the name holds
        where = shown(path) + (f" item {item}" if item else "")
        # published: the file and why, no advice (that goes to the operator)
        failures.append((name, error.reason(where, str(path) + (f" item {item}" if item else ""), name)))
        options.on_failure(name, str(error))

    for path in progress(paths, options.progress, "Reading", total=len(paths)):
        try:
            found = prepare_articles(path, options.max_bytes)
        except ArticleError as error:
            failed(path, error)
            continue
        for number, item in enumerate(found, 1):
            if isinstance(item, ArticleError):
                failed(path, item, number if len(found) > 1 else None)
                continue
            try:
                _unclashed(item, names)
                names.claim(_claim_path(item))
            except ArticleError as error:
                failed(path, error, item.item)
                continue
            articles.append(item)
    articles, _ = merge_copies(articles)
    return articles, failures


def publication_date(articles: list[Article]) -> str | None:
    """The day most of the articles were published (their own date, as the outlet gave it), if any say."""
    days = Counter(a.published[:10] for a in articles if a.published)
    return days.most_common(1)[0][0] if days else None


def provenance(translator: Translator, options: Options) -> marks.Provenance:
    return marks.Provenance(model=model_label(translator.name, translator.identity),
                             backend=translator.backend, beam=translator.beam,
                             device=translator.device,
                             summary=str(options.sentences) if options.sentences else "auto")


def render_files(out: Path, articles: list[Article], stories: list[Story], failures: list[tuple[str, str]],
                 made_by: marks.Provenance, date: str, formats: tuple[str, ...] = FORMATS,
                 show: bool = False, continuing: dict[str, Continuation] | None = None) -> Iterator[tuple[Path, str]]:
    """Every article's brief, then the daily brief (one entry per story), in each format asked for:
    (path, text), made one at a time as the writer takes them, so a day of ten thousand articles
    is never in memory as text all at once.  ``continuing``: the story history's links to earlier days."""
    renderers = {
        "md": (markdown.render_brief, markdown.render_daily),
        "html": (pages.render_brief_html, pages.render_daily_html),
        "json": (lambda a, m: json_format.dumps(json_format.brief_json(a, m)),
                 lambda *args: json_format.dumps(json_format.daily_json(*args))),
    }
    for article in progress(articles, show, "Writing briefs"):
        for fmt in formats:
            yield out / f"{article.stem}.{fmt}", renderers[fmt][0](article, made_by)
    for fmt in formats:
        yield out / f"daily-brief.{fmt}", renderers[fmt][1](date, stories, articles, failures, made_by, continuing)


def write_briefs(out: Path, files: Iterable[tuple[Path, str]], written: list[Path],
                 lock_wait: float | None = None) -> None:
    """Write the files as one set (all new or, on a full disk, all old) while holding the output
    folder (a second run waits its turn), after removing what a killed run left there;
    ``written`` grows as they land."""
    with folder_lock(out, lock_wait):
        remove_stale_temps(out)
        write_set(out, files, written)


def brief_day(options: Options, articles: list[Article], failures: list[tuple[str, str]], translator: Translator,
              out: Path, date: str, written: list[Path], history: History | None = None,
              review_db: Path | None = None) -> list[Story]:
    """Translate, check, summarize and group one day's articles and write its briefs to ``out``, linked
    to earlier days' through ``history`` (and recorded in it once written); the day's stories."""
    translate_articles(articles, translator, options.progress)
    verify_articles(articles, translator, options.progress)
    repair_loops(articles, translator, options.progress)  # a looping English: the next beams, then no-repeat
    db = review_db or options.review_db
    reviewers = apply_reviews(articles, db)  # a reviewer's English wins; the key terms reviewers added, over --glossary's
    glossary = options.glossary.overridden_by(reviewers) if options.glossary else reviewers
    check_articles(articles, Context(glossary=glossary))  # on the English the briefs show
    for article in progress(articles, options.progress, "Summarizing"):
        summarize(article, options.sentences)
    stories = build_stories(articles, options.sentences, options.progress)
    continuing = history.continuations(date, stories, out) if history else {}
    files = render_files(out, articles, stories, failures, provenance(translator, options), date,
                         options.formats, options.progress, continuing)
    write_briefs(out, files, written, options.lock_wait)
    if history:
        history.record(date, stories, out, continuing)
    return stories


def load_models(load_translator: Callable[[], Translator]) -> Translator:
    """The translator, then story grouping's sentence encoder (``stories.encoder``): a ``ModelError``
    from either comes before any translation.  The encoder keeps its vectors in the translation
    cache's file where the translator has one."""
    from summarize.translate.cache import CachedTranslator

    translator = load_translator()
    encoder.default().keep_in(translator.cache if isinstance(translator, CachedTranslator) else None)
    return translator


def run(options: Options, load_translator: Callable[[], Translator]) -> Result:
    if options.by_day:
        from summarize.archive import run_by_day

        return run_by_day(options, load_translator)
    started = time.perf_counter()
    result = Result()
    try:
        check_out(options.out, options.corpus)  # before any work: a bad --out wastes no translation
        warn_if_busy(options.out, options.lock_wait)  # now, not after the translation
        result.articles, result.failures = read_corpus(options)
        translator = result.translator = load_models(load_translator)  # a ModelError leaves --out untouched
        date = options.date or publication_date(result.articles) or dt.date.today().isoformat()
        with open_history(options.history, options.history_days, options.on_warning) as history:
            result.stories = brief_day(options, result.articles, result.failures, translator, options.out, date,
                                       result.written, history)
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM / SIGHUP turned into one (summarize.runtime.guard)
        raise Interrupted(len(result.written), getattr(stop, "signum", 2)) from None
    result.seconds = time.perf_counter() - started
    return result
