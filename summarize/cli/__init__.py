"""The command line: one module per sub-command, dispatched here.

==========================  ==========================
``summarize CORPUS ...``    ``summarize/cli/run.py``
``summarize check``         ``summarize/cli/check.py`` (its checks: ``summarize/checks/``)
``summarize check-numbers`` ``summarize/cli/check_numbers.py``
``summarize cache ...``     ``summarize/cli/cache.py``
``summarize review ...``    ``summarize/cli/review.py`` (the app itself: ``summarize/review/``)
``summarize xliff ...``     ``summarize/cli/xliff.py`` (XLIFF and TMX: ``summarize/review/exchange.py``)
``summarize memory ...``    ``summarize/cli/memory.py``
==========================  ==========================

Each sub-command owns its arguments, its messages and its exit codes; its module is imported
only when it is asked for, so ``summarize --help`` loads none of the others.  What two commands
share is in ``summarize/cli/common.py``: the checks' file pair and report handling, the exchange
commands' parser and errors.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {"check": "summarize.cli.check", "check-numbers": "summarize.cli.check_numbers",
            "cache": "summarize.cli.cache", "review": "summarize.cli.review", "xliff": "summarize.cli.xliff",
            "memory": "summarize.cli.memory"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    name = COMMANDS.get(argv[0], "summarize.cli.run") if argv else "summarize.cli.run"
    rest = argv[1:] if argv and argv[0] in COMMANDS else argv
    return importlib.import_module(name).main(rest)
