"""``summarize review BRIEFS_DIR``: its arguments, its checks before serving, and the server.

Exit codes: 0 stopped (Ctrl-C), 2 usage error, a folder that cannot be
reviewed, an unusable review database, or an address that cannot be used.
Everything is checked before the server starts, and the briefs behind the
review database are brought up to date once (a server killed between a save
and its re-render left the files behind it); a database with nothing in it
changes no brief, and briefs already up to date are not rendered again.

``--export-glossary FILE`` serves nothing: it writes the reviewers' glossary (the key terms added
in the app) as the TSV ``summarize CORPUS --glossary FILE`` reads (``-``: standard output) and exits
0, or 2 when there is no review database or the file cannot be written.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sqlite3
import sys
from pathlib import Path

from summarize.errors import UsageError
from summarize.review.store import DESK_NAME


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize review",
        description="Review the briefs of a summarize run in a local web app: correct the English, "
                    "mark sentences checked, approve briefs. Corrections and approvals are kept in a "
                    "SQLite file beside the translation cache, the desk's for every day's folder, and used by "
                    "the next summarize run.",
        epilog="exit codes: 0 stopped, 2 usage error, briefs or review database unusable, address in use",
    )
    parser.add_argument("briefs", type=Path, metavar="BRIEFS_DIR", help="the --out folder of a summarize run")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--reviewer", default=None, help="your name on corrections and approvals (default: login name)")
    parser.add_argument("--review-db", type=Path, default=None,
                        help=f"review database (default: {DESK_NAME} beside the translation cache, the same for "
                             "every folder; created if missing)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="translation cache to read the model's alternatives from "
                             "(default: as summarize: $SUMMARIZE_CACHE or ~/.cache/summarize/translations.sqlite3)")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="another Host name browsers may use (with a non-local --host)")
    parser.add_argument("--export-glossary", type=Path, default=None, metavar="FILE",
                        help="write the reviewers' glossary as the TSV --glossary reads (-: standard output) "
                             "and exit, serving nothing")
    return parser


def export_glossary(args: argparse.Namespace) -> int:
    """``--export-glossary FILE``: the reviewers' key terms as a ``--glossary`` TSV."""
    from summarize.briefs.write import write_atomic
    from summarize.review.schema import ReviewDbError
    from summarize.review.store import ReviewStore, default_for, glossary_tsv

    db = args.review_db or default_for(args.briefs, args.cache)
    try:
        store = ReviewStore(db)
    except ReviewDbError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        text = glossary_tsv(store.terms())
    except sqlite3.Error as error:
        print(f"error: the review database {db} cannot be read ({error})", file=sys.stderr)
        return 2
    finally:
        store.close()
    if str(args.export_glossary) == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.export_glossary, text)
    except OSError as error:
        print(f"error: cannot write {args.export_glossary} ({error.strerror or error})", file=sys.stderr)
        return 2
    terms = text.count("\n") - 1
    print(f"{terms} term{'s' if terms != 1 else ''} written to {args.export_glossary}", file=sys.stderr)
    return 0


def login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reviewer"


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: a free port), ready before the URL is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    """The URL to open: on a wildcard address (0.0.0.0, ::) this machine's loopback, a name the
    server answers (a browser sent to http://0.0.0.0:PORT/ names a host it refuses: 400)."""
    port = sock.getsockname()[1]
    host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def prepare(args: argparse.Namespace):
    """The app and its store, after every check (``UsageError`` says what is wrong)."""
    from summarize.review.app import Config, create_app
    from summarize.review.briefs import FolderReader
    from summarize.review.safety import allowed_hosts
    from summarize.review.store import ReviewStore, default_for
    from summarize.translate.cachefile import default_cache_path

    folder = FolderReader(args.briefs).read()  # before the database is made: a wrong folder gets none
    config = Config(briefs=args.briefs, db=args.review_db or default_for(args.briefs, args.cache),
                    reviewer=args.reviewer or login_name(), cache=args.cache or default_cache_path(),
                    hosts=allowed_hosts(args.host, args.allowed_host))
    if args.review_db is None:  # the desk's, beside a cache that may not be made yet
        try:
            config.db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot make {config.db.parent} for the review database ({error.strerror}); "
                             "give one with --review-db") from None
    store = ReviewStore(config.db, create=True)
    app = create_app(config, store)
    review = app.state.review
    state = review.state()
    if state.units or state.approvals or state.terms:  # nothing stored: the briefs are as the run wrote them, left so
        # only the briefs whose JSON is behind the database are rendered again (and then the daily
        # brief): a start on 20,000 up-to-date briefs renders none of them
        now, _ = review.folder()
        problem = review.heal(now, [a.stem for a in now.articles])
        if problem:
            print(f"warning: {problem}", file=sys.stderr)
    return app, store, folder


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.export_glossary is not None:
        return export_glossary(args)
    try:
        import uvicorn
    except ImportError:
        print("error: summarize review needs its web server: pip install -e '.[review]'", file=sys.stderr)
        return 2
    from summarize.review.safety import is_local

    try:
        app, store, folder = prepare(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        sock = listen(args.host, args.port)
    except OSError as error:
        print(f"error: cannot listen on {args.host}:{args.port} ({error.strerror}); try another --port",
              file=sys.stderr)
        store.close()
        return 2
    if not is_local(args.host):
        print(f"warning: listening on {args.host}: anyone who can reach this machine can read the briefs and "
              "change their reviews (there are no logins)", file=sys.stderr)
    print(f"Reviewing {len(folder.articles)} briefs in {args.briefs}/ as {app.state.review.config.reviewer}: "
          f"{url_of(sock, args.host)}  (Ctrl-C to stop)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    stop_watching = app.state.review.watch()  # a run's late write is healed without a page load
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        stop_watching()
        store.close()
    return 0
