"""``summarize memory export FILE.tmx``: every stored correction as a translation memory (TMX 1.4).

One translation unit per Arabic and corrected English (``summarize.review.exchange.export_tmx``),
Arabic to English, with the reviewer and the time of the correction; a CAT tool reads it as a
memory.  Exit codes: 0 written; 2 usage error, no or an unusable review database, or
translate-toolkit not installed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from summarize.cli.common import desk_arguments, exchange_parser, run_exchange, write_export
from summarize.errors import UsageError
from summarize.review.store import DESK_NAME


def build_parser() -> argparse.ArgumentParser:
    parser, sub = exchange_parser("summarize memory", "Every stored correction as a translation memory "
                                                      "(TMX 1.4, Arabic to English).",
                                  "exit codes: 0 written, 2 usage error", "export")
    action = sub.add_parser("export", help="write every stored correction as TMX",
                            description="write every stored correction as TMX")
    action.add_argument("file", type=Path, metavar="FILE.tmx", help="the translation memory to write")
    desk_arguments(action, f"review database (default: {DESK_NAME} beside the translation cache)")
    return parser


def export(args: argparse.Namespace) -> int:
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
    write_export(args.file, data)
    print(f"exported {count} corrections from {db} to {args.file}")
    return 0


def main(argv: list[str]) -> int:
    return run_exchange(build_parser().parse_args(argv), "translate.storage.tmx",
                        "summarize memory needs translate-toolkit: pip install -e '.[xliff]'", export)
