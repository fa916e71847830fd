"""The article text of a saved HTML page that the ``html`` format's reader (trafilatura) could not
take: one paragraph per block element, navigation, scripts, share bars, related links and the like
left out (the plain-text reader's fallback, ``reader.read_items``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


_HTML = re.compile(r"<(?:!doctype html|html|body|p|div|article)[\s>]", re.IGNORECASE)
_SKIP = {"script", "style", "noscript", "head", "nav", "footer", "header", "aside", "form", "figure",
         "figcaption", "button", "svg", "template"}
_BLOCKS = {"p", "div", "article", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr",
           "blockquote", "main"}


# an element whose class or id says it is a share bar, related links, tags, comments or an advert
_BOILERPLATE = re.compile(r"(?:^|[\s_-])(?:share|sharing|social|related|tags|comments?|newsletter|advert|ads|"
                          r"breadcrumbs?|subscribe)(?:$|[\s_-])", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    """Visible text of a page, one block element per paragraph; navigation, scripts, share bars,
    related links and the like left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.boilerplate: list = []  # [tag, depth] of the outermost share bar / related block being skipped

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if self.boilerplate:
            self.boilerplate[1] += tag == self.boilerplate[0]
        elif tag not in ("br", "img", "hr", "input", "meta", "link") and any(
                name in ("class", "id") and value and _BOILERPLATE.search(value) for name, value in attrs):
            self.boilerplate = [tag, 1]
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self.boilerplate and tag == self.boilerplate[0]:
            self.boilerplate[1] -= 1
            if self.boilerplate[1] <= 0:
                self.boilerplate = []
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping and not self.boilerplate:
            self.current.append(data)


def looks_like_html(text: str) -> bool:
    return len(_HTML.findall(text[:20000])) >= 2 or text.lstrip()[:15].lower().startswith("<!doctype html")


def html_to_text(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.blocks)
