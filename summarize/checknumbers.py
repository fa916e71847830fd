"""``check-numbers AR EN [--json]``: check the numbers of line-aligned Arabic/English files.

Each line of AR is checked against the same line of EN with
:func:`summarize.numbers.check`.  Human-readable output lists, per line with
numbers, what was found and what does not match; ``as_json`` prints one JSON
object per line instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from summarize.numbers import CheckResult, Quantity, check


class CheckNumbersError(Exception):
    """The input files cannot be checked (unreadable, not UTF-8, different line counts)."""


def _read_lines(path: str | Path, label: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise CheckNumbersError(f"cannot read the {label} file {path}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise CheckNumbersError(f"the {label} file {path} is not UTF-8 text ({e.reason} at byte {e.start})") from e


def line_json(n: int, result: CheckResult) -> dict:
    return {
        "line": n,
        "ok": result.ok,
        "source": [q.as_json() for q in result.source],
        "target": [q.as_json() for q in result.target],
        "missing": [m.source.as_json() for m in result.missing],
        "changed": [{"source": m.source.as_json(), "target": m.target.as_json()} for m in result.changed],
        "extra": [m.target.as_json() for m in result.extra],
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
    lines += [f"  changed: {_show(m.source)} -> {_show(m.target)}" for m in result.changed]
    lines += [f"  missing: {_show(m.source)}" for m in result.missing]
    lines += [f"  extra:   {_show(m.target)}" for m in result.extra]
    return "\n".join(lines)


def run(ar_path: str | Path, en_path: str | Path, as_json: bool = False, out: TextIO = sys.stdout) -> int:
    """Check every line pair; print the findings; return 0 when it ran.

    Raises :class:`CheckNumbersError` for unreadable files or differing line counts.
    """
    ar = _read_lines(ar_path, "Arabic")
    en = _read_lines(en_path, "English")
    if len(ar) != len(en):
        raise CheckNumbersError(
            f"{ar_path} has {len(ar)} lines but {en_path} has {len(en)}; the files must be line-aligned")
    flagged = numeric = 0
    for n, (a, e) in enumerate(zip(ar, en), 1):
        result = check(a, e)
        if as_json:
            print(json.dumps(line_json(n, result), ensure_ascii=False), file=out)
            continue
        if not (result.source or result.target):
            continue
        numeric += 1
        flagged += not result.ok
        print(line_text(n, result), file=out)
    if not as_json:
        print(f"{len(ar)} lines, {numeric} with numbers, {flagged} to check", file=out)
    return 0
