"""Kinds, statuses, repair methods and request kinds are types (issue 20): a misspelt one is an error
the type checker reports (.ci/run runs it over the package), not a comparison that is silently false.
Membership in a tuple written in place (``q.kind in ("year", "date")``) is the one form mypy lets
through; the scan below holds those literals to the same lists."""

from __future__ import annotations

import ast
import subprocess
import sys
from typing import get_args

import pytest

from helpers import ROOT
from summarize.document import NumberStatus, RepairMethod
from summarize.numbers.quantity import KINDS

SNIPPET = '''
from summarize.document import NumberCheck, Repair
from summarize.numbers.quantity import Quantity
from summarize.translate import BEST
from summarize.translate.cache import TranslationCache


def misspelt(q: Quantity, n: NumberCheck, cache: TranslationCache) -> None:
    Quantity("3", 3, "cuont", 0, 1)
    NumberCheck("3", "3", 3, "count", "verifed")
    Repair(0, "x", "nbest", 1)
    print(q.kind == "precent", n.status != "flaged")
    cache.get("ns", "best", [])


def spelt_right(q: Quantity, n: NumberCheck, cache: TranslationCache) -> None:
    Quantity("3", 3, "count", 0, 1)
    NumberCheck("3", "3", 3, "count", "verified")
    Repair(0, "x", "n-best", 1)
    print(q.kind == "percent", n.status != "missing")
    cache.get("ns", BEST, [])
'''


def test_the_type_checker_refuses_a_misspelt_kind_status_method_or_request(tmp_path):
    pytest.importorskip("mypy")
    (tmp_path / "snippet.py").write_text(SNIPPET, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                          "--no-error-summary", str(tmp_path / "snippet.py")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    lines = run.stdout.splitlines()
    flagged = sorted({int(line.split(":")[1]) for line in lines if "snippet.py" in line and ": error:" in line})
    first = SNIPPET.splitlines().index("def misspelt(q: Quantity, n: NumberCheck, cache: TranslationCache) -> None:")
    # every line of misspelt() (the two comparisons share a line), none of spelt_right()
    assert flagged == [first + 2 + k for k in range(5)], run.stdout + run.stderr


def _in_place_literals(attribute: str) -> set[tuple[str, int, str]]:
    """``(file, line, literal)`` of each string in a tuple, list or set that ``x.<attribute>`` is
    tested for membership in, across the package."""
    found = set()
    for path in sorted((ROOT / "summarize").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute)
                    and node.left.attr == attribute):
                continue
            for op, right in zip(node.ops, node.comparators):
                if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                    found |= {(path.name, node.lineno, e.value) for e in right.elts
                              if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return found


#: what else is called ``kind``: the readers' token kinds, a unit's (title, heading, sentence)
OTHER_KINDS = {"num", "word", "lat", "sym", "title", "heading", "sentence"}


def test_kinds_and_statuses_tested_in_place_are_real_ones():
    kinds = _in_place_literals("kind")
    assert kinds, "the scan finds the in-place tests (q.kind in (...))"
    assert {k for k in kinds if k[2] not in set(KINDS) | OTHER_KINDS} == set()
    statuses = _in_place_literals("status")
    assert {s for s in statuses if s[2] not in get_args(NumberStatus)} == set()
    methods = _in_place_literals("method")
    assert {m for m in methods if m[2] not in get_args(RepairMethod)} == set()
