"""JSON exports: JSON Lines (one object a line), a JSON array of objects, or one object.

Fields read (the first present of each): title ``title``/``headline``; text ``text``/``body``/
``content``/``article``; URL ``url``/``link``; time ``published``/``date``/``pubDate``/``time``;
outlet ``outlet``/``source``/``site``/``sitename``; section ``section``/``category``; the outlet's
summary ``abstract``/``summary``/``description``; the item's name ``id``/``docno`` (letters, digits,
``-`` and ``_`` only; else the item is numbered).  HTML inside the text is stripped.  An object that
holds its list under ``articles``/``items``/``entries``/``results``/``data``/``docs`` (NewsAPI's
``{"articles": [...]}``) is that list.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from summarize.ingest.formats import Item
from summarize.ingest.formats.markup import strip_markup
from summarize.ingest.formats.meta import iso_time, outlet_name, safe_url

FIELDS = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "url": ("url", "link"),
    "published": ("published", "publishedAt", "date", "pubDate", "time", "datePublished"),
    "outlet": ("outlet", "source", "site", "sitename"),
    "section": ("section", "category"),
    "abstract": ("abstract", "summary", "description"),
    "name": ("id", "docno", "DOCNO"),
}
#: keys under which an export object holds its list of articles
WRAPPERS = ("articles", "items", "entries", "results", "data", "docs")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def _first(record: dict, key: str) -> str | None:
    for field in FIELDS[key]:
        value = record.get(field)
        if isinstance(value, dict):  # {"source": {"name": ...}}
            value = value.get("name") or value.get("title")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "name":
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def item_of(record: object) -> Item:
    if not isinstance(record, dict):
        return Item(error=f"not a JSON object (a {type(record).__name__})")
    text = strip_markup(_first(record, "text") or "")
    name = _first(record, "name")
    outlet = _first(record, "outlet")
    return Item(
        text=text,
        title=strip_markup(_first(record, "title") or "") or None,
        outlet=outlet_name(outlet, _first(record, "url")),
        published=iso_time(_first(record, "published")),
        url=safe_url(_first(record, "url")),
        section=_first(record, "section"),
        abstract=strip_markup(_first(record, "abstract") or "") or None,
        name=name if name and NAME.fullmatch(name) else None,
        error=None if text.strip() else "no text (no text, body or content field)",
    )


class JsonReader:
    name = "json"

    def sniff(self, text: str) -> bool:
        return text.lstrip()[:1] in ("[", "{")

    def read(self, text: str) -> Iterator[Item]:
        lines: list[str] | None
        try:
            data = json.loads(text)
        except ValueError:
            data = None
            lines = [line for line in text.split("\n") if line.strip()]
        else:
            lines = None
        if lines is None:
            if isinstance(data, dict):  # an export that wraps its list: {"articles": [...]} (NewsAPI) ...
                data = next((data[key] for key in WRAPPERS if isinstance(data.get(key), list)), [data])
            for record in data if isinstance(data, list) else [data]:
                yield item_of(record)
            return
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield Item(error=f"not valid JSON ({error.msg} at column {error.colno})")
                continue
            except ValueError as error:  # valid JSON Python will not read (an integer of 4,300+ digits)
                yield Item(error=f"not valid JSON ({error})")
                continue
            yield item_of(record)


READER = JsonReader()
