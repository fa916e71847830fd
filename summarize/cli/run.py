"""``summarize CORPUS``: the main job's arguments, its closing line and its exit codes.

Errors are caught once, here, and turned into one ``error:`` line and an exit
code: 0 every article briefed, 1 some articles failed (named on stderr, the
rest written), 2 usage or model errors or a write that failed (nothing changed), 130 interrupted
(143, 129: stopped by SIGTERM, SIGHUP, which stop a run as Ctrl-C does: see summarize.runtime.guard).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from summarize import __version__

# Defaults that live elsewhere, written here so that ``--help`` imports none of their modules;
# tests/test_docs.py holds each to its home (and the README's option table to these).
DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"  # translate.models.DEFAULT_MODEL
BATCH_SIZE = 16  # sentences per batch: the backends' own default (translate.base.MarianBackend.load)
BEAM = 4  # ... and their beam
MAX_BYTES = 2_000_000  # ingest.reader.MAX_BYTES
MAX_FILE_BYTES = 50_000_000  # ingest.reader.MAX_FILE_BYTES
FORMATS = ("md", "html", "json")  # briefs.write.FORMATS
LOCK_WAIT_SECONDS = 600  # briefs.write.LOCK_WAIT_SECONDS
SHORTEST, LONGEST = 3, 5  # a summary's default length: summary.salience.SHORTEST, LONGEST
HISTORY_DAYS = 7  # stories.history.DAYS


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds (0 or more), got {value!r}")
    return number


def _iso_date(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _formats(value: str) -> tuple[str, ...]:
    from summarize.briefs.write import FORMATS

    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"formats are md, html and json (got {value!r})")
    return chosen


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Turn a folder of Arabic news articles into parallel Arabic/English briefs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="also:\n"
        "  summarize check AR_FILE EN_FILE [--json] [--problems] [--fail] [--glossary FILE] [--only CHECKS]\n"
        "                        every check (numbers, untranslated, repetition, length, ...) on a translation\n"
        "  summarize check-numbers AR_FILE EN_FILE [--json] [--problems] [--fail]\n"
        "                        check the numbers of any line-aligned translation\n"
        "                        (summarize check-numbers --help for more)\n"
        "  summarize cache stats|prune [--unused-days N] [--cache FILE]\n"
        "                        what the translation cache holds; drop entries unused for N days\n"
        "  summarize review BRIEFS_DIR [--reviewer NAME] [--port N]\n"
        "                        correct, check and approve the briefs in a local web app\n"
        "  summarize xliff export|import BRIEFS_DIR FILE.xlf [--reviewer NAME] [--review-db FILE]\n"
        "                        the day's units to and from a CAT tool as XLIFF 1.2\n"
        "  summarize memory export FILE.tmx [--review-db FILE]\n"
        "                        every stored correction as a TMX translation memory\n\n"
        "exit codes:\n"
        "  0    every article got its brief\n"
        "  1    some articles failed (each named on stderr; every other brief written)\n"
        "  2    usage error, unusable or full --out, a lock waited for past --lock-wait,\n"
        "       or the model could not be loaded (nothing changed)\n"
        "  130  interrupted (Ctrl-C); 143 and 129: stopped by SIGTERM or SIGHUP (the same clean stop)",
    )
    parser.add_argument("corpus", type=Path,
                        help="a folder of articles (searched recursively) or one file: plain text, TREC/ANT "
                             "<DOC> records, saved HTML pages, RSS/Atom feeds, JSON or JSON Lines")
    parser.add_argument("--out", type=Path, default=Path("briefs"), help="output folder (default: briefs/)")
    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help=f"hub id or local model folder (default: {DEFAULT_MODEL}; a copy under models/ is used first)")
    parser.add_argument("--backend", choices=["auto", "transformers", "ctranslate2"], default="auto",
                        help="translation engine (default: auto, ctranslate2 when installed, else transformers)")
    parser.add_argument("--device", default=None, help="cpu, cuda, cuda:1 ... (default: cuda if available)")
    parser.add_argument("--batch-size", type=_positive, default=BATCH_SIZE,
                        help=f"sentences per batch (default: {BATCH_SIZE})")
    parser.add_argument("--beam", type=_positive, default=BEAM, help=f"beam size (default: {BEAM})")
    parser.add_argument("--sentences", type=_positive, default=None,
                        help=f"summary length in sentences (default: a third of the article, {SHORTEST} to {LONGEST})")
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, default=None,
                       help="translation cache file (default: $SUMMARIZE_CACHE or ~/.cache/summarize/translations.sqlite3)")
    cache.add_argument("--no-cache", action="store_true", help="translate everything, store nothing")
    parser.add_argument("--offline", action="store_true",
                        help="never touch the network (also HF_HUB_OFFLINE=1)")
    parser.add_argument("--ray", nargs="?", const="auto", default=None, metavar="ADDRESS",
                        help="translate on a Ray cluster (pip install -e '.[ray]'): RAY_ADDRESS or the one "
                             "`ray start` runs here, else ADDRESS; 'local' starts one for this run")
    parser.add_argument("--max-bytes", type=_positive, default=MAX_BYTES,
                        help=f"refuse articles larger than this: a file of one article, or each article of a "
                             f"feed, TREC or JSON file of many, which is read up to {MAX_FILE_BYTES:,} bytes "
                             f"(default: {MAX_BYTES})")
    parser.add_argument("--date", type=_iso_date, default=None,
                        help="date printed on the daily brief, YYYY-MM-DD (default: the articles' most common publication day, "
                             "else today; not with --by-day, which dates each day's brief by its own)")
    parser.add_argument("--format", type=_formats, default=FORMATS, metavar=",".join(FORMATS),
                        help=f"which files to write, comma-separated (default: {','.join(FORMATS)})")
    parser.add_argument("--review-db", type=Path, default=None,
                        help="reviews to apply (summarize review; default: review.sqlite3 beside the translation "
                             "cache, the desk's for every folder)")
    parser.add_argument("--glossary", type=_glossary, default=None, metavar="FILE",
                        help="key terms the briefs must use: a UTF-8 TSV, Arabic<TAB>English[|English][<TAB>notes]; "
                             "a unit whose Arabic has a term and whose English none of its forms is flagged (terms)")
    history = parser.add_mutually_exclusive_group()
    history.add_argument("--history", type=Path, default=None, metavar="FILE",
                         help="the story history, which follows stories from day to day (default: "
                              "$SUMMARIZE_HISTORY, else stories.sqlite3 beside the translation cache)")
    history.add_argument("--no-history", action="store_true", help="neither read nor record the story history")
    parser.add_argument("--history-days", type=_positive, default=HISTORY_DAYS, metavar="N",
                        help=f"how many earlier days a story is followed from (default: {HISTORY_DAYS})")
    parser.add_argument("--by-day", action="store_true",
                        help="an archive of many days: one daily brief per publication day in OUT/YYYY-MM-DD/, "
                             "linked through the story history, and OUT/index.md and index.html")
    parser.add_argument("--lock-wait", type=_seconds, default=None, metavar="SECONDS",
                        help=f"how long to wait for another run writing to the same --out (default: {LOCK_WAIT_SECONDS})")
    parser.add_argument("--quiet", action="store_true", help="no progress bars and no closing line")
    parser.add_argument("--version", action="version", version=f"summarize {__version__}")
    return parser


def main(argv: list[str]) -> int:
    """``summarize CORPUS ...``: brief a corpus (the exit codes above)."""
    args = build_parser().parse_args(argv)

    from summarize.translate.cachefile import default_cache_path
    from summarize.translate.factory import default_backend, open_translator

    def loader():
        return open_translator(
            model=args.model, backend=default_backend() if args.backend == "auto" else args.backend,
            device=args.device, beam=args.beam, batch_size=args.batch_size, offline=args.offline,
            cache_path=None if args.no_cache else (args.cache or default_cache_path()),
            ray_address=args.ray,
        )

    from summarize.runtime.guard import guarded, signal_name, stop_signal

    with guarded():  # stderr or stdout trouble never loses briefs; SIGTERM and SIGHUP stop like Ctrl-C
        try:
            return execute(options_from(args), loader, quiet=args.quiet)
        except KeyboardInterrupt as stop:  # after the run: its files are all written
            signum = getattr(stop, "signum", 2)
            print(f"\ninterrupted ({signal_name(signum)}) after the run had finished", file=sys.stderr)
            return 128 + signum
        except Exception:
            signum = stop_signal()
            if signum is None:
                raise
            return _interrupted(0, signum)  # a stop that a library turned into its own error


def _glossary(value: str):
    """``--glossary FILE``, read now: a bad file is a usage error before any model is loaded."""
    from summarize.checks.terms import Glossary, GlossaryError

    try:
        return Glossary.load(value)
    except GlossaryError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def options_from(args: argparse.Namespace):
    """The pipeline's options from the parsed command line."""
    from summarize import pipeline

    return pipeline.Options(
        corpus=args.corpus, out=args.out, sentences=args.sentences, date=args.date, max_bytes=args.max_bytes,
        formats=args.format, review_db=args.review_db or _review_db(args),
        lock_wait=args.lock_wait, glossary=args.glossary, history=_history(args), history_days=args.history_days,
        by_day=args.by_day,
        progress=not args.quiet and sys.stderr is not None and sys.stderr.isatty() and not os.environ.get("CI"),
    )


def _review_db(args: argparse.Namespace) -> Path:
    """The reviews a run applies with no --review-db: the desk's, beside the translation cache."""
    from summarize.review.store import default_for

    return default_for(args.out, args.cache)


def _history(args: argparse.Namespace) -> Path | None:
    """The story history file: --history, else $SUMMARIZE_HISTORY ("off": none), else beside the
    translation cache; None with --no-history."""
    if args.no_history:
        return None
    if args.history:
        return args.history
    env = os.environ.get("SUMMARIZE_HISTORY")
    if env:
        return None if env.strip().lower() == "off" else Path(env).expanduser()
    from summarize.stories.history import default_path
    from summarize.translate.cachefile import default_cache_path

    return default_path(args.cache or default_cache_path())


def execute(options, load_translator, quiet: bool = False) -> int:
    """Run the pipeline and turn its outcome into messages and an exit code (see the module docstring).

    ``main`` gives it the real translator loader; tests give it a scripted one.
    """
    from summarize import pipeline
    from summarize.errors import LockError, UsageError, WriteError
    from summarize.runtime.guard import stop_signal
    from summarize.translate import ModelError

    options.on_failure = lambda name, reason: print(f"error: {reason}", file=sys.stderr)
    options.on_skipped = lambda line: print(f"note: {options.corpus}: {line}", file=sys.stderr)
    options.on_warning = lambda line: print(f"warning: {line}", file=sys.stderr)
    try:
        result = pipeline.run(options, load_translator)
    except (UsageError, ModelError, LockError, WriteError) as error:
        if signum := stop_signal():  # a stop signal that a library turned into this (pybind11: an ImportError)
            return _interrupted(0, signum)
        print(f"error: {error}", file=sys.stderr)
        return 2
    except pipeline.Interrupted as stop:
        return _interrupted(stop.written, stop.signum)
    except KeyboardInterrupt as stop:  # before the pipeline started
        return _interrupted(0, getattr(stop, "signum", 2))

    if not quiet:
        failed = f", {len(result.failures)} failed" if result.failures else ""
        numbers = result.numbers
        print(
            f"{len(result.articles)} articles{failed}, {result.sentences} sentences, numbers "
            f"{numbers.verified} verified / {numbers.repaired} repaired / {numbers.flagged} flagged; "
            f"{len(result.written)} files written to {options.out}/ in {result.seconds:.1f}s"
        )
        reviews = _reviews_applied(result.articles, options.review_db)
        if reviews:
            print(reviews)
        usage = _cache_usage(result.translator)
        if usage:
            print(usage)
    return 1 if result.failures else 0


def _reviews_applied(articles, review_db) -> str:
    """How many corrections and approvals from the review database the briefs carry ('' without one)."""
    if review_db is None or not Path(review_db).exists():
        return ""
    corrections = sum(1 for a in articles for u in a.units if u.review is not None and u.review.human)
    approvals = sum(1 for a in articles if a.review is not None and a.review.approval)
    return (f"reviews: {corrections} correction{'s' if corrections != 1 else ''} and {approvals} "
            f"approval{'s' if approvals != 1 else ''} applied from {review_db}")


def _cache_usage(translator) -> str:
    """What the translation cache did this run, in words ('' without a cache)."""
    from summarize.translate.cache import CachedTranslator

    if not isinstance(translator, CachedTranslator):
        return ""
    done = translator.answered
    line = (f"translations: {done.get(('best', 'new'), 0)} new, {done.get(('best', 'cached'), 0)} from the cache"
            f" ({translator.cache.path})")
    if done.get(("nbest", "new")) or done.get(("nbest", "cached")):
        line += (f"; number re-decoding: {done.get(('nbest', 'new'), 0)} new,"
                 f" {done.get(('nbest', 'cached'), 0)} from the cache")
    return line


def _interrupted(written: int, signum: int = 2) -> int:
    """The message for a run stopped by Ctrl-C (or SIGTERM, SIGHUP: named), and 128 + the signal."""
    from summarize.runtime.guard import signal_name

    how = "interrupted" if signum == 2 else f"interrupted by {signal_name(signum)}"
    if written:
        print(f"\n{how}: the {written} files already written are complete; run again to finish",
              file=sys.stderr)
    else:
        print(f"\n{how}: nothing was written; run again to brief the corpus", file=sys.stderr)
    return 128 + signum
