"""Hard-wrapped text (newspaper text from PDFs, e-mail, wire services) joined back into paragraphs.

A text is hard-wrapped when most of its long lines stop near one width (``WRAP_MAX`` characters or
less): at least ``MIN_WRAPPED`` lines, and at least half of the lines, reach ``NEAR_WIDTH`` of the
longest.  In such a text a line that reaches that width, does not end a sentence and is followed by
a line of the same paragraph (no blank line between) is the same paragraph: the two are joined with
a space.  A short line (a headline, a sub-heading, a paragraph's last line) is never joined to the
next, so today's rules for headlines and sub-headings stand; text with one paragraph a line (lines
longer than ``WRAP_MAX``, or of every length) is left as it is.
"""

from __future__ import annotations

WRAP_MAX = 160  # a wrapped text's lines are this long at most (wrapping is at 60-100 characters)
NEAR_WIDTH = 0.6  # a wrapped line reaches this share of the wrap width
MIN_WRAPPED = 3
_SENTENCE_END = tuple(".!?؟…:")
_CLOSERS = "\"'”’»)]"


def wrap_width(lines: list[str]) -> int | None:
    """The width ``lines`` are wrapped at, or ``None`` when they are not hard-wrapped."""
    lengths = [len(line) for line in lines if line.strip()]
    if len(lengths) < MIN_WRAPPED:
        return None
    width = max(lengths)
    if width > WRAP_MAX:
        return None
    long = sum(1 for n in lengths if n >= NEAR_WIDTH * width)
    return width if long >= MIN_WRAPPED and long * 2 >= len(lengths) else None


def join_wrapped(lines: list[str]) -> list[str]:
    """``lines`` (blank ones for paragraph breaks) with hard-wrapped lines joined into paragraphs."""
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joinable = False  # the last line out may take the next one
    for line in lines:
        if line and joinable and out and out[-1]:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        # a line reaching the width that does not end a sentence goes on in the next line
        joinable = bool(line) and len(line) >= NEAR_WIDTH * width and not line.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)
    return out
