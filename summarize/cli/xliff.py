"""``summarize xliff export|import BRIEFS_DIR FILE.xlf``: the day's units to and from a CAT tool.

``export`` writes every unit of the folder's briefs as XLIFF 1.2 (one ``<file>`` per brief, the
flags as notes, states from the review); ``import`` takes the edited targets back as reviewers'
corrections, as a save in ``summarize review`` does (``summarize.review.exchange``).

Exit codes: 0 done; 1 imported, but some units were refused (each said on stderr) or the briefs
could not be re-rendered; 2 usage error, a folder or file that cannot be used, an unusable review
database, or translate-toolkit not installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarize.cli.common import desk_arguments, exchange_parser, run_exchange, write_export
from summarize.errors import UsageError
from summarize.review.store import DESK_NAME

INSTALL = "summarize xliff needs translate-toolkit: pip install -e '.[xliff]'"


def build_parser() -> argparse.ArgumentParser:
    parser, sub = exchange_parser("summarize xliff", "The day's units to and from a CAT tool: XLIFF 1.2 out, "
                                                     "reviewers' edits back as corrections.",
                                  "exit codes: 0 done, 1 some units refused (import), 2 usage error", "export|import")
    for name, what in (("export", "write the day's units as XLIFF 1.2"),
                       ("import", "take edited targets back as reviewers' corrections")):
        action = sub.add_parser(name, help=what, description=what)
        action.add_argument("briefs", type=Path, metavar="BRIEFS_DIR", help="the --out folder of a summarize run")
        action.add_argument("file", type=Path, metavar="FILE.xlf", help="the XLIFF file")
        desk_arguments(action, f"review database (default: as summarize review: {DESK_NAME} beside the "
                               "translation cache)")
        if name == "import":
            action.add_argument("--reviewer", default=None, metavar="NAME",
                                help="your name on the corrections (default: login name)")
    return parser


def export(args: argparse.Namespace) -> int:
    from summarize.review.briefs import FolderReader
    from summarize.review.exchange import export_xliff, reviewed_folder
    from summarize.review.store import ReviewStore, default_for

    reader = FolderReader(args.briefs)
    reader.read()  # a folder that cannot be reviewed says so before the database is opened
    db = args.review_db or default_for(args.briefs, args.cache)
    store = ReviewStore(db) if db.is_file() else None  # none yet: nothing reviewed, the model's English
    try:
        folder = reviewed_folder(reader, store)
    finally:
        if store is not None:
            store.close()
    write_export(args.file, export_xliff(folder))
    units = sum(len(a.units) for a in folder.articles)
    print(f"exported {units} units of {len(folder.articles)} briefs to {args.file}")
    return 0


def import_(args: argparse.Namespace) -> int:
    from summarize.cli.review import login_name
    from summarize.review.briefs import FolderReader
    from summarize.review.exchange import Desk, import_xliff, read_xliff
    from summarize.review.store import ReviewStore, default_for

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {args.file} ({error.strerror or error})") from None
    edits = read_xliff(data, str(args.file))
    reader = FolderReader(args.briefs)
    reader.read()
    db = args.review_db or default_for(args.briefs, args.cache)
    if args.review_db is None:
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot make {db.parent} for the review database ({error.strerror}); "
                             "give one with --review-db") from None
    store = ReviewStore(db, create=True)
    try:
        result = import_xliff(Desk(reader, store, args.reviewer or login_name()), edits)
    finally:
        store.close()
    for refused in result.refused:
        print(f"refused: {args.file}: {refused}", file=sys.stderr)
    if result.problem:
        print(f"warning: {result.problem}", file=sys.stderr)
    print(f"imported {len(result.saved)} units from {args.file} ({result.unchanged} unchanged, "
          f"{len(result.refused)} refused)")
    return 1 if result.refused or result.problem else 0


def main(argv: list[str]) -> int:
    return run_exchange(build_parser().parse_args(argv), "translate.storage.xliff", INSTALL,
                        lambda args: export(args) if args.action == "export" else import_(args))
