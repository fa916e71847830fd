"""``check-numbers AR EN [--json] [--problems] [--fail]``: check the numbers of
line-aligned Arabic/English files.

Each line of AR is checked against the same line of EN with
:func:`summarize.numbers.check`.  Human-readable output lists, per line with
numbers, what was found and what does not match, then one summary line;
``as_json`` prints one JSON object per line instead (the summary goes to
stderr, so stdout stays JSON lines).  ``problems_only`` prints only the lines
that need a look.

Both files are first surveyed in one streaming pass (UTF-8, no NUL bytes,
line counts equal, Arabic letters in the Arabic file), so a bad input is an
``error:`` before any report; then they are read again line by line.  Memory
is bounded by the longest line, not the file.  This module owns the command's
arguments and exit codes: 0 it ran (and, with ``--fail``, found no problem),
1 ``--fail`` and a problem, 2 usage or input errors, 130 interrupted, 141 the
reader of stdout went away.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from summarize.cli.common import pair_arguments, report
from summarize.ingest.reader import NotRegularFileError, has_arabic, open_regular, shown
from summarize.numbers import CheckResult, Quantity, check


class CheckNumbersError(Exception):
    """The input files cannot be checked (unreadable, not UTF-8, different line counts)."""


def _lines(path: str | Path, label: str) -> Iterator[str]:
    """The lines of a UTF-8 file, one at a time, without their line ends (``\\n`` or ``\\r\\n``)."""
    name = f"the {label} file {shown(path)}"
    try:
        with open_regular(path) as handle:
            for n, raw in enumerate(handle, 1):
                if n == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    raise CheckNumbersError(f"{name} is not UTF-8 text ({e.reason} on line {n}, byte {e.start} "
                                            "of the line); convert it to UTF-8") from None
                if "\x00" in line:
                    raise CheckNumbersError(f"{name} is binary (a NUL byte on line {n}), not text; "
                                            "give a UTF-8 text file (UTF-16 must be converted)")
                yield line.removesuffix("\n").removesuffix("\r")
    except NotRegularFileError as e:
        raise CheckNumbersError(f"cannot read {name}: it is {e.kind}; save the text to a file first") from None
    except OSError as e:
        raise CheckNumbersError(f"cannot read {name}: {e.strerror or e}") from None


@dataclass
class _Survey:
    lines: int = 0
    arabic: bool = False


def _survey(path: str | Path, label: str) -> _Survey:
    """Count the lines and look for Arabic letters, in one streaming pass."""
    survey = _Survey()
    for line in _lines(path, label):
        survey.lines += 1
        survey.arabic = survey.arabic or has_arabic(line)
    return survey


def _check_inputs(ar_path: str | Path, en_path: str | Path) -> int:
    """Refuse inputs that cannot be a line-aligned Arabic/English pair; return the line count."""
    ar, en = _survey(ar_path, "Arabic"), _survey(en_path, "English")
    for survey, path in ((ar, ar_path), (en, en_path)):
        if not survey.lines:
            raise CheckNumbersError(f"{shown(path)} is empty; there is nothing to check")
    if not ar.arabic:
        swapped = " (the English file has Arabic: the files are in the wrong order)" if en.arabic else ""
        raise CheckNumbersError(f"the Arabic file {shown(ar_path)} has no Arabic letters at all{swapped}; "
                                "give the Arabic file first: check-numbers AR_FILE EN_FILE")
    if ar.lines != en.lines:
        raise CheckNumbersError(f"{shown(ar_path)} has {ar.lines} lines but {shown(en_path)} has {en.lines}; "
                                "the files must be line-aligned")
    return ar.lines


def line_json(n: int, result: CheckResult) -> dict:
    return {
        "line": n,
        "ok": result.ok,
        "source": [q.as_json() for q in result.source],
        "target": [q.as_json() for q in result.target],
        "missing": [m.quantity.as_json() for m in result.missing],
        "changed": [{"source": s.as_json(), "target": t.as_json()} for s, t in (m.pair for m in result.changed)],
        "extra": [m.quantity.as_json() for m in result.extra],
    }


def _show(q: Quantity) -> str:
    value = "?" if q.value is None else q.value
    return f"{q.text} ({q.kind} {value})"


def line_text(n: int, result: CheckResult) -> str:
    """The human-readable report of one line: found quantities, then the problems."""
    head = f"line {n}: {'ok' if result.ok else 'CHECK'}"
    lines = [head,
             "  ar: " + (", ".join(_show(q) for q in result.source) or "-"),
             "  en: " + (", ".join(_show(q) for q in result.target) or "-")]
    lines += [f"  changed: {_show(s)} -> {_show(t)}" for s, t in (m.pair for m in result.changed)]
    lines += [f"  missing: {_show(m.quantity)}" for m in result.missing]
    lines += [f"  extra:   {_show(m.quantity)}" for m in result.extra]
    return "\n".join(lines)


@dataclass
class Totals:
    """What one run checked: lines, lines with numbers, lines with a problem."""
    lines: int = 0
    numeric: int = 0
    problems: int = 0

    def __str__(self) -> str:
        return f"{self.lines} lines, {self.numeric} with numbers, {self.problems} to check"


def run(ar_path: str | Path, en_path: str | Path, as_json: bool = False, out: TextIO | None = None,
        problems_only: bool = False) -> Totals:
    """Check every line pair; print the findings, then the summary line (to stderr with
    ``as_json``); return the totals.

    Raises :class:`CheckNumbersError` for inputs that cannot be checked, before
    anything is printed.
    """
    out = out or sys.stdout
    expected = _check_inputs(ar_path, en_path)
    totals = Totals()
    for n, (a, e) in enumerate(zip(_lines(ar_path, "Arabic"), _lines(en_path, "English")), 1):
        result = check(a, e)
        totals.lines = n
        numeric = bool(result.source or result.target)
        totals.numeric += numeric
        totals.problems += not result.ok
        if problems_only and result.ok or not (as_json or numeric):
            continue
        print(json.dumps(line_json(n, result), ensure_ascii=False) if as_json else line_text(n, result), file=out)
    if totals.lines != expected:  # a file changed between the survey and the check
        raise CheckNumbersError(f"{shown(ar_path)} or {shown(en_path)} changed while being checked; run again")
    if not as_json:
        print(totals, file=out)
    elif sys.stderr is not None:  # closed (2>&-): print(file=None) would write it into the JSON lines
        print(totals, file=sys.stderr)
    return totals


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize check-numbers",
        description="Check the numbers of a line-aligned Arabic/English translation (UTF-8, one sentence a line).",
        epilog="Exit codes: 0 checked (with --fail: and no problem), 1 --fail and some line has a problem, "
        "2 usage or input error.",
    )
    pair_arguments(parser, json_help="one JSON object per line (the summary goes to stderr)")
    return parser


def main(argv: list[str]) -> int:
    """``summarize check-numbers ARGS``: run it and return the exit code (cli.common.report)."""
    args = _parser().parse_args(argv)

    def write(out: TextIO) -> int:
        totals = run(args.ar_file, args.en_file, args.json, out, args.problems)
        return 1 if args.fail and totals.problems else 0

    return report(write, (CheckNumbersError,))


# What ``summarize check`` (cli/check.py) shares with this command: the same reading and refusals of
# the two files (their arguments, stdout and stderr: cli/common.py).
read_lines, check_inputs = _lines, _check_inputs
