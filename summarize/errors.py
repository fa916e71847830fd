"""The errors that reach the user as one message, each with the exit code the command line gives it.

Raised anywhere, caught once: by ``summarize.cli`` (and the review app for its pages). Each
message says what went wrong and what to do; no traceback is ever shown for these.
"""

from __future__ import annotations


class UsageError(Exception):
    """The command line asked for something impossible (exit code 2)."""


class ArticleError(Exception):
    """One article cannot be briefed.  The message is ``<file>: <reason>; <what to do>``: the
    operator sees all of it on stderr, the published daily brief only ``reason``."""

    def reason(self, *names: str) -> str:
        """The message without the file name before it (one of ``names``, as the message wrote
        it; else up to the first ": ") and the advice after it."""
        text = str(self)
        prefix = next((f"{n}: " for n in names if text.startswith(f"{n}: ")), None)
        rest = text[len(prefix):] if prefix else (text.partition(": ")[2] or text)
        return rest.rpartition("; ")[0] or rest


class WriteError(Exception):
    """The day's files could not be written; what was on disk before is as it was (unless it says so)."""


class LockError(Exception):
    """Another run holds the output folder for longer than we wait."""
