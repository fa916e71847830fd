"""A saved web page: its main text, title, date, site name and canonical URL, with trafilatura
(the maintained extractor: navigation, share bars, related links and footers out; its metadata
reads Open Graph, JSON-LD and the usual meta tags).

The publication *time* is read from the page's own ``article:published_time`` / JSON-LD
``datePublished`` when it has one (trafilatura's date is the day only); the page's date otherwise.
Where trafilatura is not installed or finds no Arabic text, the small block extractor of
``ingest.reader`` reads the page instead, so a page is never dropped for the extractor's sake.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from summarize.ingest.formats import Item
from summarize.ingest.formats.markup import strip_markup
from summarize.ingest.formats.meta import iso_time, outlet_name, safe_url

_PUBLISHED_META = re.compile(
    r"<meta\s[^>]*(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|datePublished|pubdate"
    r"|og:published_time|publish-date|date)[\"'][^>]*>", re.IGNORECASE)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_JSON_LD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def _json_ld_published(page: str) -> str | None:
    for block in _JSON_LD.findall(page):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if isinstance(node.get("datePublished"), str):
                    return node["datePublished"]
                stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return None


def published_time(page: str) -> str | None:
    """The page's own publication time (JSON-LD first, then the meta tags), as ISO 8601."""
    found = iso_time(_json_ld_published(page))
    if found:
        return found
    for tag in _PUBLISHED_META.findall(page):
        content = _CONTENT.search(tag)
        if content and (when := iso_time(content.group(1))):
            return when
    return None


class HtmlReader:
    name = "html"

    def sniff(self, text: str) -> bool:
        from summarize.ingest.reader import looks_like_html

        return looks_like_html(text)

    def read(self, text: str) -> Iterator[Item]:
        from summarize.ingest.reader import has_arabic, html_to_text

        doc = None
        try:
            import trafilatura

            doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, favor_precision=True,
                                              include_tables=False, include_images=False)
        except ImportError:
            pass
        body = (getattr(doc, "text", None) or "") if doc is not None else ""
        # trafilatura keeps one paragraph a line; the briefs' reader wants a blank line between them
        body = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
        if not has_arabic(body):
            body = html_to_text(text)
            title = None
        else:
            title = getattr(doc, "title", None)
        published = published_time(text) or iso_time(getattr(doc, "date", None))
        yield Item(
            text=body,
            title=strip_markup(title) if title else None,
            outlet=outlet_name(getattr(doc, "sitename", None), getattr(doc, "url", None)),
            published=published,
            url=safe_url(getattr(doc, "url", None)),
            section=(getattr(doc, "categories", None) or [None])[0],
            abstract=getattr(doc, "description", None) or None,
            error=None if body.strip() else "no article text in the page",
        )


READER = HtmlReader()
