"""RSS 2.0, RSS 1.0 and Atom files, with feedparser: each item an article.

An item's text is its ``content:encoded`` (Atom ``content``), else its description/summary, HTML
stripped; its title, link, published (else updated) time, ``source`` (else the feed's title, else
the link's site) for the outlet, and its first category for the section.  An item without text is
one error (``item 7: no text``) and the others go on.
"""

from __future__ import annotations

import re
from typing import Iterator

from summarize.ingest.formats import Item
from summarize.ingest.formats.markup import strip_markup
from summarize.ingest.formats.meta import iso_time, outlet_name, safe_url

_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*)*"
                    r"<(?:rss[\s>]|feed[\s>]|rdf:RDF[\s>])", re.DOTALL)


class FeedReader:
    name = "feed"

    def sniff(self, text: str) -> bool:
        return bool(_SNIFF.match(text[:4000]))

    def read(self, text: str) -> Iterator[Item]:
        import feedparser

        parsed = feedparser.parse(text)
        feed_title = parsed.feed.get("title") if parsed.get("feed") else None
        if not parsed.entries:
            yield Item(error="a feed without items" + (f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""))
            return
        for entry in parsed.entries:
            content = entry.get("content") or []
            body = next((c.get("value", "") for c in content if c.get("value")), "") or entry.get("summary", "")
            body = strip_markup(body)
            source = entry.get("source") or {}
            tags = entry.get("tags") or []
            summary = strip_markup(entry.get("summary", "")) if content else ""
            yield Item(
                text=body,
                title=strip_markup(entry.get("title", "")) or None,
                outlet=outlet_name(source.get("title"), feed_title, entry.get("link")),
                published=iso_time(entry.get("published") or entry.get("updated")),
                url=safe_url(entry.get("link")),
                section=(tags[0].get("term") if tags else None) or None,
                abstract=summary if summary and summary != body else None,
                name=None,
                error=None if body.strip() else "no text (neither content nor description)",
            )


READER = FeedReader()
