"""Plain text, as the tool always read it: the whole file one article (a headline on the first line
if it has one).  HTML that no other reader took is reduced to its text by ``ingest.reader``."""

from __future__ import annotations

from typing import Iterator

from summarize.ingest.formats import Item


class PlainReader:
    name = "plain"

    def sniff(self, text: str) -> bool:
        return True

    def read(self, text: str) -> Iterator[Item]:
        yield Item(text=text)


READER = PlainReader()
