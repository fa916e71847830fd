"""The layout holds: no module imports a later stage of the pipeline, and none imports another module's
private (underscore) names.

The rooms of ``summarize/``, in the order the pipeline runs them, are in ``STAGES``: a module may import
its own room, an earlier one, and the rooms every stage shares (``SHARED``). ``pipeline.py`` wires the
stages and ``cli/`` runs them: both may import anything. Every import counts, at the top of a module or
inside a function, under ``TYPE_CHECKING`` too. A new room fails the test until it is given a place here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import ROOT, load_script

PACKAGE = ROOT / "summarize"

# the pipeline's order: each stage may import those before it; the wiring (pipeline.py, cli/) comes last
STAGES = ["language", "ingest", "translate", "numbers checks", "summary", "stories", "briefs", "review",
          "pipeline archive cli __main__"]
RANK = {room: rank for rank, rooms in enumerate(STAGES) for room in rooms.split()}
# usable by every stage: the data model, the errors, Arabic itself, signals and progress; and the package's
# own ``__init__`` (its ``__version__``)
SHARED = {"document", "errors", "language", "runtime", ""}
# the wiring: may import any room (the pipeline wires the stages; the commands run them)
WIRING = {"pipeline", "archive", "cli", "__main__"}  # archive: --by-day, the pipeline once a day

# Known imports against the order, each with its reason.
EXCEPTIONS = {
    # Sentence.quantities and a NumberCheck's kind are annotated with the numbers checker's Quantity and
    # QuantityKind, leaf data types (quantity.py imports nothing of summarize's); the imports are for type
    # checkers only (under TYPE_CHECKING), so importing document never imports numbers. Moving quantity.py
    # beside the data model would remove the exception.
    ("summarize.document", "summarize.numbers"): {"Quantity"},
    ("summarize.document", "summarize.numbers.quantity"): {"Quantity", "QuantityKind"},
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """``summarize.numbers.match`` -> ``numbers``; ``summarize.document`` -> ``document``; ``summarize`` -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(path: Path, package: Path = PACKAGE) -> list[tuple[str, list[str], int]]:
    """Every import of a summarize module in ``path``: (module, names imported from it, line).
    ``from summarize import pipeline`` is an import of ``summarize.pipeline``."""
    module = module_name(path, package)
    parent = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:  # relative: resolved against the importing module's package
                base = parent.split(".")[:len(parent.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            names = [alias.name for alias in node.names]
            if source == "summarize":  # the package's own __version__, or a room by name
                rooms = [n for n in names if (package / n).is_dir() or (package / f"{n}.py").is_file()]
                found += [(f"summarize.{n}", [], node.lineno) for n in rooms]
                names = [n for n in names if n not in rooms]
                if not names:
                    continue
            found.append((source, names, node.lineno))
    return [(source, names, line) for source, names, line in found
            if source == "summarize" or source.startswith("summarize.")]


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def modules(package: Path = PACKAGE) -> list[Path]:
    return sorted(package.rglob("*.py"))


def stage_problems(path: Path, package: Path = PACKAGE) -> list[str]:
    module = module_name(path, package)
    own = room(module)
    if own in WIRING:
        return []
    where = path.relative_to(package.parent)
    problems = []
    for source, names, line in imports(path, package):
        other = room(source)
        if other in SHARED or other == own:
            continue
        if (module, source) in EXCEPTIONS and set(names) <= EXCEPTIONS[(module, source)]:
            continue
        if other not in RANK or (own not in RANK and own not in SHARED):
            problems.append(f"{where}:{line}: {module} imports {source}, and {own!r} or {other!r} has no "
                            "place in test_layout.STAGES")
        elif own in SHARED or RANK[other] > RANK[own]:
            problems.append(f"{where}:{line}: {module} ({own}) imports {source} ({other}), a later stage")
    return problems


def private_problems(path: Path, package: Path = PACKAGE) -> list[str]:
    module = module_name(path, package)
    where = path.relative_to(package.parent)
    problems = []
    for source, names, line in imports(path, package):
        home = source.rpartition(".")[0]
        if any(is_private(part) for part in source.split(".")) and not module.startswith(home + "."):
            problems.append(f"{where}:{line}: {module} imports the private module {source}")
        problems += [f"{where}:{line}: {module} imports {source}.{name}, a private name: make it public "
                     "or keep its use in its module" for name in names if is_private(name) and source != module]
    return problems


def test_every_module_is_found():
    found = {module_name(p) for p in modules()}
    assert {"summarize.document", "summarize.pipeline", "summarize.cli.run", "summarize.numbers.match",
            "summarize.briefs.html", "summarize.language.arabic"} <= found


def test_no_module_imports_a_later_stage():
    problems = [problem for path in modules() for problem in stage_problems(path)]
    assert not problems, "\n".join(problems)


def test_no_module_imports_another_modules_private_names():
    problems = [problem for path in modules() for problem in private_problems(path)]
    assert not problems, "\n".join(problems)


def test_the_exceptions_are_still_needed_and_quantity_is_a_leaf():
    """An exception nobody uses any more goes; the one the data model has stays cheap: quantity.py
    imports nothing of summarize's, and document imports it for type checkers only."""
    used = {(module_name(p), source) for p in modules() for source, _, _ in imports(p)}
    assert any(key in used for key in EXCEPTIONS), "no exception is used: empty EXCEPTIONS"
    assert imports(PACKAGE / "numbers" / "quantity.py") == []
    tree = ast.parse((PACKAGE / "document.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if isinstance(node, ast.ImportFrom)]  # not under TYPE_CHECKING
    assert not [node for node in top_level if (node.module or "").startswith("summarize.numbers")]


def fake_module(tmp_path: Path, own: str, source: str) -> tuple[Path, Path]:
    """A copy of summarize's rooms (empty) with ``source`` as the module ``own``."""
    fake = tmp_path / "summarize"
    for folder in PACKAGE.iterdir():
        if folder.is_dir() and not folder.name.startswith(("_", ".")):
            (fake / folder.name).mkdir(parents=True)
    (fake / "pipeline.py").write_text("", encoding="utf-8")
    target = fake / own
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    return fake, target


@pytest.mark.parametrize("source, own, bad", [
    ("from summarize.briefs import html\n", "ingest/reader.py", "a later stage"),
    ("from summarize.review.store import ReviewStore\n", "briefs/marks.py", "a later stage"),
    ("def f():\n    from summarize.stories import group\n", "summary/select.py", "a later stage"),
    ("from summarize import pipeline\n", "numbers/match.py", "a later stage"),
    ("from ..cli import main\n", "translate/stage.py", "a later stage"),
    ("from summarize.translate import Translator\n", "document.py", "a later stage"),
    ("from summarize.numbers.match import _century\n", "stories/features.py", "a private name"),
    ("from summarize.translate._hidden import x\n", "numbers/verify.py", "the private module"),
    ("from summarize.feeds import poll\n", "briefs/html.py", "no place in test_layout.STAGES"),
])
def test_a_bad_import_fails(tmp_path, source, own, bad):
    """The checks themselves: each of these, in a module of a summarize/ laid out as the real one, is
    reported once."""
    fake, target = fake_module(tmp_path, own, source)
    problems = stage_problems(target, fake) + private_problems(target, fake)
    assert len(problems) == 1 and bad in problems[0], problems


@pytest.mark.parametrize("source, own", [
    ("from summarize.numbers import check\n", "stories/features.py"),  # an earlier stage
    ("from summarize.document import Article\nfrom summarize.errors import UsageError\n", "ingest/reader.py"),
    ("from summarize import __version__\n", "briefs/marks.py"),
    ("from .marks import Provenance\n", "briefs/html.py"),  # its own room
    ("from summarize.review.app import create_app\n", "cli/review.py"),  # the wiring imports anything
    ("from summarize.briefs import html\n", "pipeline.py"),
    ("from summarize.translate._hidden import x\n", "translate/stage.py"),  # a private module of its own room
])
def test_a_good_import_passes(tmp_path, source, own):
    fake, target = fake_module(tmp_path, own, source)
    assert stage_problems(target, fake) + private_problems(target, fake) == []


def test_the_scale_bench_times_stages_the_pipeline_has():
    """scripts/bench_scale.py wraps the pipeline's stage functions by name to time them: a stage renamed
    or gone (reviewers_glossary, folded into apply_reviews) must not break the bench only when it runs."""
    from summarize import pipeline
    bench = load_script("bench_scale")
    assert [name for name in bench.WRAPPED if not callable(getattr(pipeline, name, None))] == []
    assert set(bench.WRAPPED.values()) <= set(bench.STAGES)
