"""``check AR EN [--json] [--problems] [--fail] [--glossary FILE] [--only CHECKS]``: every check
(numbers, untranslated, repetition, length, punctuation, terms, names) on line-aligned
Arabic/English files.

Each line of AR is checked against the same line of EN; the whole file is one "day" for the
``names`` check's consistency (one Arabic name spelled two ways).  Human-readable output: a line
per checked line, ``line N: ok`` or ``line N: CHECK`` and one indented line per problem (with
``--problems`` only the lines with one), then the totals.  ``--json``: one object a line,
``{"line": N, "ok": false, "problems": [{"check": "repetition", "note": "...", ...evidence}]}``,
then ``{"summary": {...}}``.  ``--only numbers`` is ``check-numbers``'s check.

The inputs are refused as ``check-numbers`` refuses them (UTF-8, no NUL bytes, equal line counts,
Arabic letters in the Arabic file) before anything is printed.  Exit codes: 0 checked (with
``--fail``: and no problem), 1 ``--fail`` and a problem, 2 usage or input errors, 130
interrupted, 141 the reader of stdout went away.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from summarize import checks
from summarize.checks import names
from summarize.checks.terms import Glossary, GlossaryError
from summarize.cli.check_numbers import CheckNumbersError, check_inputs, read_lines
from summarize.cli.common import pair_arguments, report
from summarize.ingest.reader import shown
from summarize.numbers import check as check_numbers


@dataclass
class Totals:
    lines: int = 0
    problems: int = 0  # lines with at least one
    by_check: Counter = field(default_factory=Counter)  # lines each check flags

    def as_json(self) -> dict:
        return {"lines": self.lines, "problems": self.problems,
                "by_check": {name: self.by_check[name] for name in checks.NAMES if name in self.by_check}}

    def __str__(self) -> str:
        by = ", ".join(f"{name} {n}" for name, n in self.as_json()["by_check"].items())
        return f"{self.lines} lines, {self.problems} to check" + (f" ({by})" if by else "")


def number_problems(ar: str, en: str) -> list[dict]:
    result = check_numbers(ar, en)
    out = [{"check": "numbers", "status": "missing", "ar": q.text, "value": q.value,
            "kind": q.kind, "note": f"{q.text} missing"} for q in (m.quantity for m in result.missing)]
    out += [{"check": "numbers", "status": "changed", "ar": s.text, "en": t.text,
             "value": s.value, "kind": s.kind, "note": f"{s.text} became {t.text}"}
            for s, t in (m.pair for m in result.changed)]
    out += [{"check": "numbers", "status": "extra", "en": q.text, "value": q.value,
             "kind": q.kind, "note": f"{q.text} not in the Arabic"} for q in (m.quantity for m in result.extra)]
    return out


def parse_only(text: str | None) -> tuple[str, ...] | None:
    if not text:
        return None
    wanted = tuple(dict.fromkeys(w.strip() for w in text.split(",") if w.strip()))
    unknown = [w for w in wanted if w not in checks.NAMES]
    if unknown or not wanted:
        raise CheckNumbersError(f"unknown check {', '.join(unknown) or repr(text)} in --only; "
                                f"the checks are {', '.join(checks.NAMES)}")
    return wanted


def run(ar_path: str | Path, en_path: str | Path, as_json: bool = False, out: TextIO | None = None,
        problems_only: bool = False, glossary: Glossary | None = None,
        only: tuple[str, ...] | None = None) -> Totals:
    """Check every line pair with the checks in ``only`` (all by default); print the report and the
    summary; return the totals.  Raises :class:`CheckNumbersError` for inputs that cannot be checked."""
    import sys

    out = out or sys.stdout
    expected = check_inputs(ar_path, en_path)
    context = checks.Context(glossary=glossary)
    unit_checks = tuple(n for n in checks.MODULES if only is None or n in only)
    day: dict[int, list[dict]] = {}
    names_day, renderings = None, set()
    if "names" in unit_checks:  # one pass first: the day's spellings of each name
        names_day = names.Day()
        for n, (a, e) in enumerate(zip(read_lines(ar_path, "Arabic"), read_lines(en_path, "English")), 1):
            names_day.add(n, a, e)
        for n, evidence in names_day.inconsistent():
            day.setdefault(n, []).append({"check": "names", "note": names.note(evidence), **evidence})
        renderings = names_day.renderings()
    totals = Totals()
    for n, (a, e) in enumerate(zip(read_lines(ar_path, "Arabic"), read_lines(en_path, "English")), 1):
        found = number_problems(a, e) if only is None or "numbers" in only else []
        found += [{"check": f.check, "note": f.note, **f.evidence} for f in checks.run(a, e, context, unit_checks)
                  if f.check != "names" or names_day is None or names_day.keep(f.evidence, renderings)]
        found += day.get(n, [])
        totals.lines = n
        totals.problems += bool(found)
        totals.by_check.update({p["check"] for p in found})
        if problems_only and not found:
            continue
        if as_json:
            print(json.dumps({"line": n, "ok": not found, "problems": found}, ensure_ascii=False), file=out)
        else:
            print(f"line {n}: {'CHECK' if found else 'ok'}", file=out)
            for p in found:
                print(f"  {p['check']}: {' '.join(p['note'].split())}", file=out)
    if totals.lines != expected:
        raise CheckNumbersError(f"{shown(ar_path)} or {shown(en_path)} changed while being checked; run again")
    print(json.dumps({"summary": totals.as_json()}) if as_json else totals, file=out)
    return totals


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize check",
        description="Run every check (numbers, untranslated, repetition, length, punctuation, terms, names) "
        "on a line-aligned Arabic/English translation (UTF-8, one sentence a line).",
        epilog="Exit codes: 0 checked (with --fail: and no problem), 1 --fail and some line has a problem, "
        "2 usage or input error.",
    )
    pair_arguments(parser, json_help="one JSON object per line, then a summary object")
    parser.add_argument("--glossary", type=Path, metavar="FILE",
                        help="TSV of key terms: Arabic<TAB>English[|other English][<TAB>notes]")
    parser.add_argument("--only", metavar="CHECKS", help=f"comma-separated, of: {', '.join(checks.NAMES)}")
    return parser


def main(argv: list[str]) -> int:
    """``summarize check ARGS``: run it and return the exit code (cli.common.report)."""
    args = _parser().parse_args(argv)

    def write(out: TextIO) -> int:
        only = parse_only(args.only)
        glossary = Glossary.load(args.glossary) if args.glossary else None
        totals = run(args.ar_file, args.en_file, args.json, out, args.problems, glossary, only)
        return 1 if args.fail and totals.problems else 0

    return report(write, (CheckNumbersError, GlossaryError))
