"""HTML fragments inside a record, a feed item or a JSON field, as text: tags out (one block a
paragraph), entities decoded, scripts and styles dropped."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[A-Za-z/!?]")


def strip_markup(text: str) -> str:
    """``text`` without HTML tags or entities, its block elements as paragraphs; plain text as it is."""
    if not text:
        return ""
    if not _TAG.search(text):
        return html.unescape(text).strip() if "&" in text else text.strip()
    from summarize.ingest.reader import html_to_text

    return html_to_text(text).strip()
