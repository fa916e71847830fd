"""One reader per format, behind one small interface, and the registry that picks one by sniffing.

A reader turns a decoded file into :class:`Item`s, one per article it holds.  The registry
(``READERS``) is asked in order; the first whose ``sniff`` says yes reads the file, whatever the
file is called (a ``<DOC>`` record in a ``.txt`` file is a record).  Plain text comes last and takes
whatever is left.  A reader never raises for one bad item: it yields an ``Item`` with ``error``
set, and the others go on.

Formats: ``trec`` (TREC/ANT ``<DOC>`` records), ``feed`` (RSS 2.0 / Atom, feedparser), ``json``
(JSON Lines or a JSON array of objects), ``html`` (a saved page, trafilatura), ``plain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Protocol

#: file name endings discover() lists; anything else is skipped with its reason
SUFFIXES: tuple[str, ...] = (".txt", ".text", ".xml", ".html", ".htm", ".xhtml", ".rss", ".atom", ".json",
                             ".jsonl", ".ndjson")


@dataclass
class Item:
    """One article as a reader found it, before cleaning: its text and what the source says of it."""

    text: str = ""
    title: str | None = None
    outlet: str | None = None  # display name ("Sky News Arabia"), already mapped
    published: str | None = None  # timezone-aware ISO 8601
    url: str | None = None  # http(s) only
    section: str | None = None
    abstract: str | None = None  # the outlet's own summary (never taken for the text)
    name: str | None = None  # a stable name for a multi-article file's item (DOCNO, or None: numbered)
    error: str | None = None  # why this item cannot be read ("no text")


class Reader(Protocol):
    name: str  # recorded on the article: "utf-8, trec"

    def sniff(self, text: str) -> bool: ...

    def read(self, text: str) -> Iterator[Item]: ...


def registry() -> list[Reader]:
    from summarize.ingest.formats import feed, html, jsonl, plain, trec

    return [trec.READER, feed.READER, jsonl.READER, html.READER, plain.READER]


def reader_for(text: str) -> Reader:
    """The first reader of the registry that recognises ``text`` (plain text takes anything)."""
    return next(r for r in registry() if r.sniff(text))
