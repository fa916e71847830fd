"""The documents against the code: the defaults ``--help`` and the README state are the
constants the code runs with, the README's synopsis and option table name every option the
commands have, its exit codes are the command's, and every link of the README and docs/ leads
somewhere in a clone."""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import pytest

from summarize.briefs import write
from summarize.cli import COMMANDS
from summarize.cli import main as cli_main
from summarize.cli import run
from summarize.ingest import reader
from summarize.stories import history
from summarize.summary import salience
from summarize.translate import models

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))


def section(text: str, title: str) -> str:
    """The body of the README's ``## title`` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def option_table() -> dict[str, str]:
    """The README's option table under Usage: option -> its meaning."""
    rows = re.findall(r"^\| `(--[a-z-]+|CORPUS)` \| (.*) \|$", section(README, "Usage"), re.M)
    return {name: meaning for name, meaning in rows}


def help_of(parser) -> dict[str, str]:
    """Each option of an argparse parser -> its help text."""
    return {a.option_strings[-1] if a.option_strings else a.dest: a.help or "" for a in parser._actions}


def defaults_in_source(path: Path, function: str) -> dict[str, object]:
    """The literal keyword defaults of every ``function`` defined in a module, read without
    importing it (the backends import torch)."""
    found: dict[str, object] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            args = node.args
            positional = args.args[len(args.args) - len(args.defaults):]
            for arg, default in [*zip(positional, args.defaults), *zip(args.kwonlyargs, args.kw_defaults)]:
                if isinstance(default, ast.Constant):
                    found[arg.arg] = default.value
    return found


def usage(command: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli_main([*command, "--help"])
    return out.getvalue()


# --- the constants the help text is written from are the code's own ---------------------------

def test_the_help_texts_constants_are_those_the_code_runs_with():
    assert run.DEFAULT_MODEL == models.DEFAULT_MODEL
    assert run.MAX_BYTES == reader.MAX_BYTES
    assert run.FORMATS == write.FORMATS
    assert run.LOCK_WAIT_SECONDS == write.LOCK_WAIT_SECONDS
    assert run.HISTORY_DAYS == history.DAYS
    assert (run.SHORTEST, run.LONGEST) == (salience.SHORTEST, salience.LONGEST)
    assert salience.default_length(10_000) == salience.LONGEST
    assert salience.default_length(salience.SHORTEST + 1) == salience.SHORTEST
    translate = ROOT / "summarize" / "translate"
    for path, function in [(translate / "base.py", "load"), (translate / "transformers.py", "__init__"),
                           (translate / "ctranslate2.py", "__init__")]:
        defaults = defaults_in_source(path, function)
        assert (defaults["batch_size"], defaults["beam"]) == (run.BATCH_SIZE, run.BEAM), path.name


def test_the_parser_runs_with_those_constants():
    args = run.build_parser().parse_args(["corpus"])
    assert (args.batch_size, args.beam, args.max_bytes, args.format, args.model, args.backend) == (
        run.BATCH_SIZE, run.BEAM, run.MAX_BYTES, run.FORMATS, run.DEFAULT_MODEL, "auto")
    assert args.lock_wait is None and args.sentences is None  # None: the constants above, in the code


def test_the_help_text_states_the_defaults():
    helps = help_of(run.build_parser())
    assert f"(default: {run.BATCH_SIZE})" in helps["--batch-size"]
    assert f"(default: {run.BEAM})" in helps["--beam"]
    assert f"{salience.SHORTEST} to {salience.LONGEST}" in helps["--sentences"]
    assert f"(default: {reader.MAX_BYTES})" in helps["--max-bytes"]
    assert f"(default: {write.LOCK_WAIT_SECONDS})" in helps["--lock-wait"]
    assert f"(default: {history.DAYS})" in helps["--history-days"]
    assert f"(default: {','.join(write.FORMATS)})" in helps["--format"]
    assert f"(default: {models.DEFAULT_MODEL};" in helps["--model"]
    assert "(default: auto," in helps["--backend"]


# --- the README says the same ----------------------------------------------------------------

def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_the_readme_option_table_states_the_same_defaults():
    table = option_table()
    assert re.search(rf"\(default {run.BATCH_SIZE}\)", table["--batch-size"])
    assert re.search(rf"\(default {run.BEAM}\)", table["--beam"])
    low, high = map(int, re.search(r"(\d+) to (\d+)\)$", table["--sentences"]).groups())
    assert (low, high) == (salience.SHORTEST, salience.LONGEST)
    assert number(re.search(r"\(default ([\d,]+)\)", table["--max-bytes"]).group(1)) == reader.MAX_BYTES
    assert number(re.search(r"\(default ([\d,]+)\)", table["--lock-wait"]).group(1)) == write.LOCK_WAIT_SECONDS
    assert number(re.search(r"\(default ([\d,]+)\)", table["--history-days"]).group(1)) == history.DAYS
    assert f"(default `{','.join(write.FORMATS)}`)" in table["--format"]
    assert f"(default `{models.DEFAULT_MODEL}`)" in table["--model"]
    assert "(default `auto`" in table["--backend"]
    assert "(default `briefs/`)" in table["--out"]


def test_no_document_states_other_summary_bounds():
    """The old "3 to 8" stayed in the README and --help after the code said 3 to 5."""
    texts = {"README.md": README, **{f"docs/{p.name}": p.read_text(encoding="utf-8") for p in DOCS}}
    for name, text in texts.items():
        bounds = re.findall(r"(\d+) to (\d+) sentences", text)
        bounds += re.findall(r"at least (\d+) and at most (\d+)", text)
        for low, high in bounds:
            assert (int(low), int(high)) == (salience.SHORTEST, salience.LONGEST), name


def test_the_readme_option_table_has_every_option_and_no_other():
    options = {name for name in help_of(run.build_parser()) if name.startswith("--") and name != "--help"}
    assert set(option_table()) - {"CORPUS"} == options


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=lambda c: " ".join(c) or "CORPUS")
def test_the_readme_synopsis_names_every_option_of_every_command(command):
    synopsis = re.search(r"## Usage\n\n```\n(.*?)```", README, re.S).group(1)
    prefix = " ".join(["summarize", *command]) + " "
    lines = [line for line in synopsis.split("summarize ")[1:]
             if ("summarize " + line).startswith(prefix) and (command or line.split()[0] == "CORPUS")]
    assert lines, f"no synopsis line for {prefix!r}"
    said = set(re.findall(r"--[a-z][a-z-]*", " ".join(lines)))
    text = usage(command)
    options = set(re.findall(r"--[a-z][a-z-]*", text.split("\n\n")[0])) - {"--help"}
    for sub in re.findall(r"^    ([a-z][a-z-]*)  ", text, re.M):  # sub-commands (xliff export, import)
        assert sub in " ".join(lines), f"{prefix}: the synopsis misses {sub}"
        options |= set(re.findall(r"--[a-z][a-z-]*", usage([*command, sub]).split("\n\n")[0])) - {"--help"}
    assert options <= said, f"{prefix}: the synopsis misses {sorted(options - said)}"


def test_the_main_help_names_every_sub_command():
    also = run.build_parser().epilog.split("exit codes:")[0]
    assert set(re.findall(r"^  summarize ([a-z-]+)", also, re.M)) == set(COMMANDS)


def test_one_exit_code_table_the_commands_own():
    epilog = run.build_parser().epilog
    codes = set(re.findall(r"^  (\d+) ", epilog.split("exit codes:")[1], re.M))
    codes |= set(re.findall(r"\b(1[2-4]\d)\b", epilog.split("exit codes:")[1]))
    table = re.findall(r"^\| `(\d+)` \| (.*) \|$", README, re.M)
    in_table = {code for code, _ in table} | {c for _, meaning in table for c in re.findall(r"`(1[2-4]\d)`", meaning)}
    assert in_table == codes == {"0", "1", "2", "130", "143", "129"}
    assert README.count("| exit code |") == 1


# --- the front page ----------------------------------------------------------------------------

def test_the_readme_is_a_front_page():
    assert len(README.splitlines()) <= 250
    lines = README.splitlines()
    test_command = lines[lines.index("# set up and run the tests") + 1]  # what .ci/run reads
    assert test_command.startswith("python3 -m venv .venv && ") and test_command.endswith("-m pytest")
    assert "# set up and brief the sample corpus" in README


@pytest.mark.parametrize("path", ["summarize/ingest/sentences.py", "summarize/briefs/html.py",
                                  "summarize/briefs/json.py", "summarize/translate/ctranslate2.py"])
def test_where_things_live_names_what_a_newcomer_looks_for(path):
    """The issue's test of the layout: the Arabic sentence splitter, the HTML brief, the JSON
    briefs' reader and the CTranslate2 backend, found from the front page."""
    where = section(README, "Where things live")
    folder, name = path.rsplit("/", 1)
    assert re.search(rf"^\| `{re.escape(folder)}/` \|.*`{re.escape(name)}`", where, re.M)
    assert (ROOT / path).is_file()


def test_the_front_page_links_every_docs_page():
    for page in DOCS:
        assert f"](docs/{page.name})" in section(README, "More"), page.name


def test_every_path_the_front_page_names_exists():
    for path in re.findall(r"^\| `([^`]+)` \|", section(README, "Where things live"), re.M):
        assert (ROOT / path).exists(), path


@pytest.mark.parametrize("document", [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "models" / "README.md", *DOCS],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_leads_somewhere_in_a_clone(document):
    text = document.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+://", target) or target.startswith("#"):
            continue
        path = (document.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), f"{target}: outside the repository"
        assert path.exists(), target


def test_each_extra_is_installed_one_way():
    """One install command per extra, in every message and document."""
    texts = [README, *(p.read_text(encoding="utf-8") for p in DOCS)]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "summarize").rglob("*.py")]
    said = "\n".join(texts)
    for extra in ("review", "ray"):
        forms = set(re.findall(rf"pip install [^\n`\"]*?\[{extra}\]'?", said))
        assert forms == {f"pip install -e '.[{extra}]'"}, forms
