"""What sub-commands share, written once: the line-aligned checks' file pair and report handling
(``check``, ``check-numbers``), and the review desk's exchange commands' parser and errors (``xliff``,
``memory``).  Each command still owns its help texts and its exit codes' meaning.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from pathlib import Path
from typing import Any, Callable, TextIO

from summarize.errors import UsageError

# --- check and check-numbers: two line-aligned files in, a report on stdout ---------------------


def pair_arguments(parser: argparse.ArgumentParser, json_help: str) -> None:
    """The arguments both checks take: the two files, ``--json`` (``json_help`` says where the
    summary goes), ``--problems`` and ``--fail``."""
    parser.add_argument("ar_file", type=Path, help="the Arabic file")
    parser.add_argument("en_file", type=Path, help="the English file, line-aligned with it")
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument("--problems", action="store_true", help="print only the lines that need a look")
    parser.add_argument("--fail", action="store_true", help="exit 1 when any line has a problem")


def say(message: str) -> None:
    """One line on stderr; a closed or full stderr must not turn into a traceback."""
    if sys.stderr is None:  # closed (2>&-); print(file=None) would write to stdout
        return
    try:
        print(message, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def utf8_stdout() -> TextIO:
    """stdout, writing UTF-8 even under ``LANG=C`` (the report is Arabic); devnull when closed."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    elif codecs.lookup(getattr(sys.stdout, "encoding", None) or "ascii").name != "utf-8" \
            and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    return sys.stdout


def quiet_stdout() -> None:
    """The reader of stdout went away: point stdout at devnull so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def report(write: Callable[[TextIO], int], errors: tuple[type[Exception], ...]) -> int:
    """Run ``write`` on stdout (it prints the report and returns the exit code it calls for) and turn
    what stops it into one message and an exit code: 2 for ``errors`` (the inputs) or a stdout that
    cannot be written, 141 for a reader of stdout that went away, 130 for Ctrl-C."""
    try:
        out = utf8_stdout()
        code = write(out)
        out.flush()
    except errors as error:
        say(f"error: {error}")
        return 2
    except BrokenPipeError:
        quiet_stdout()
        return 141  # 128 + SIGPIPE, as the shell reports a reader that stopped early
    except OSError as error:  # stdout itself: a full disk, a closed descriptor
        quiet_stdout()
        say(f"error: cannot write the report ({error.strerror or error}); check where stdout goes")
        return 2
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    return code


# --- xliff and memory: the desk's review database to and from files -----------------------------


def exchange_parser(prog: str, description: str, epilog: str,
                    actions: str) -> tuple[argparse.ArgumentParser, Any]:
    """A parser of one of ``actions`` (``export|import``), and the sub-parsers to add them to."""
    parser = argparse.ArgumentParser(prog=prog, description=description, epilog=epilog)
    return parser, parser.add_subparsers(dest="action", required=True, metavar=actions)


def desk_arguments(action: argparse.ArgumentParser, review_db_help: str) -> None:
    """``--review-db`` and ``--cache``: which review database, by name or by the cache beside it."""
    action.add_argument("--review-db", type=Path, default=None, metavar="FILE", help=review_db_help)
    action.add_argument("--cache", type=Path, default=None, metavar="FILE",
                        help="translation cache whose folder holds the desk's review database")


def write_export(path: Path, data: bytes) -> None:
    """An exported file, whole or not at all; UsageError saying why it cannot be written."""
    from summarize.briefs.write import write_atomic

    try:
        write_atomic(path, data.decode("utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write {path} ({error.strerror or error})") from None


def run_exchange(args: argparse.Namespace, needs: str, install: str,
                 do: Callable[[argparse.Namespace], int]) -> int:
    """``do(args)`` once the module ``needs`` (translate-toolkit's) imports, else ``error: install``
    and 2; a UsageError is one ``error:`` line and 2."""
    import importlib

    try:
        importlib.import_module(needs)
    except ImportError:
        print(f"error: {install}", file=sys.stderr)
        return 2
    try:
        return do(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
