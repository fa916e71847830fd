"""TREC-style ``<DOC>`` records (the ANT corpus's files, a wire archive): one or many in a file.

Fields read: ``DOCNO`` (the item's name), ``TITLE``, ``TEXT`` (the article), ``TIME``, ``URL``,
``SRC`` (the outlet, mapped to its display name), ``CAT`` (the section) and ``ABSTRACT``, kept as
the outlet's own summary and never taken for the text.  Records are found with a tolerant scan,
not an XML parser: real archives hold bare ``&`` and ``<`` in their text.
"""

from __future__ import annotations

import html
import re
from typing import Iterator

from summarize.ingest.formats import Item
from summarize.ingest.formats.meta import iso_time, outlet_name, safe_url
from summarize.ingest.formats.markup import strip_markup

_DOC = re.compile(r"<DOC>(.*?)(?:</DOC>|(?=<DOC>)|\Z)", re.DOTALL | re.IGNORECASE)
_FIELD = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|DATE|AUTHOR|ABSTRACT|TEXT|HEADLINE)>(.*?)</\1>",
                    re.DOTALL | re.IGNORECASE)
_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<[A-Za-z]+>\s*)?<DOC>", re.IGNORECASE)


class TrecReader:
    name = "trec"

    def sniff(self, text: str) -> bool:
        return bool(_SNIFF.match(text[:2000]))

    def read(self, text: str) -> Iterator[Item]:
        for match in _DOC.finditer(text):
            fields: dict[str, str] = {}
            for tag, value in _FIELD.findall(match.group(1)):
                fields.setdefault(tag.upper(), value.strip())
            body = fields.get("TEXT", "")
            if "<" in body or "&" in body:
                body = strip_markup(body)
            title = fields.get("TITLE") or fields.get("HEADLINE")
            docno = fields.get("DOCNO") or None
            item = Item(
                text=body,
                title=strip_markup(title) if title else None,
                outlet=outlet_name(fields.get("SRC"), fields.get("URL"), (docno or "")[:2] if docno else None),
                published=iso_time(fields.get("TIME") or fields.get("DATE")),
                url=safe_url(html.unescape(fields.get("URL", ""))),
                section=fields.get("CAT") or None,
                abstract=strip_markup(fields["ABSTRACT"]) if fields.get("ABSTRACT") else None,
                name=docno,
            )
            if not body.strip():
                item.error = "no text (its <TEXT> is empty or missing)"
            yield item


READER = TrecReader()
