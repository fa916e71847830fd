"""``summarize memory export FILE.tmx``: every stored correction as a translation memory (TMX 1.4).

One translation unit per Arabic and corrected English (``summarize.review.exchange.export_tmx``),
Arabic to English, with the reviewer and the time of the correction; a CAT tool reads it as a
memory.  Exit codes: 0 written; 2 usage error, no or an unusable review database, or
translate-toolkit not installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarize.errors import UsageError
from summarize.review.store import DESK_NAME


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarize memory",
                                     description="Every stored correction as a translation memory "
                                                 "(TMX 1.4, Arabic to English).",
                                     epilog="exit codes: 0 written, 2 usage error")
    sub = parser.add_subparsers(dest="action", required=True, metavar="export")
    action = sub.add_parser("export", help="write every stored correction as TMX",
                            description="write every stored correction as TMX")
    action.add_argument("file", type=Path, metavar="FILE.tmx", help="the translation memory to write")
    action.add_argument("--review-db", type=Path, default=None, metavar="FILE",
                        help=f"review database (default: {DESK_NAME} beside the translation cache)")
    action.add_argument("--cache", type=Path, default=None, metavar="FILE",
                        help="translation cache whose folder holds the desk's review database")
    return parser


def export(args: argparse.Namespace) -> int:
    from summarize.briefs.write import write_atomic
    from summarize.review.exchange import export_tmx
    from summarize.review.store import ReviewStore, desk_path

    db = args.review_db or desk_path(args.cache)
    if not db.is_file():
        raise UsageError(f"no review database at {db}: summarize review makes it (or give --review-db FILE)")
    store = ReviewStore(db)
    try:
        data, count = export_tmx(store)
    finally:
        store.close()
    try:
        write_atomic(args.file, data.decode("utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write {args.file} ({error.strerror or error})") from None
    print(f"exported {count} corrections from {db} to {args.file}")
    return 0


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        import translate.storage.tmx  # noqa: F401
    except ImportError:
        print("error: summarize memory needs translate-toolkit: pip install -e '.[xliff]'", file=sys.stderr)
        return 2
    try:
        return export(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
