"""Find the corpus's articles and decode them.

Arabic news archives come in UTF-8 (with or without a BOM), UTF-16 with a BOM
and Windows-1256.  The encoding is detected from the bytes, never guessed
from the file name, and recorded on the article.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from summarize.document import Article

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

#: A news article is tens of kilobytes; a file far beyond that is a dump, not an article.
MAX_BYTES = 2_000_000


class UsageError(Exception):
    """The command line asked for something impossible (exit code 2)."""


class ArticleError(Exception):
    """One article cannot be briefed; the message names the file and what to do."""


def discover(corpus: Path) -> list[Path]:
    """Every ``*.txt`` in ``corpus``, in name order."""
    if not corpus.exists():
        raise UsageError(f"corpus folder {corpus} does not exist")
    if not corpus.is_dir():
        raise UsageError(f"{corpus} is not a folder; give the folder that holds the articles")
    paths = sorted(p for p in corpus.glob("*.txt") if not p.name.startswith("."))
    if not paths:
        raise UsageError(f"no *.txt articles in {corpus}")
    return paths


def _plausible(text: str) -> bool:
    """Text, not binary read through a forgiving code page: almost no control characters."""
    controls = sum(1 for ch in text if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cs", "Co"))
    return controls <= len(text) // 100


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 whose BOM was lost: the high byte of almost every character is 0x00
    (ASCII) or 0x06 (Arabic), on the odd positions (LE) or the even ones (BE)."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if sum(b in (0, 6) for b in high) > len(high) * 0.9:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of an article.

    BOMs decide first, then UTF-16 recognised by its byte pattern; then strict
    UTF-8, and if that fails Windows-1256, accepted only if the result reads
    as Arabic text (Windows-1256 decodes any byte, so junk must be caught here).
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = utf16, "utf-16 (no BOM)"
    elif b"\x00" in data:
        at = data.index(b"\x00")
        raise UnicodeDecodeError("binary", data, at, at + 1, "NUL bytes: a binary file, not text")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            text = data.decode("cp1256")
            if not _ARABIC_LETTER.search(text) or not _plausible(text):
                raise utf8_error from None
            encoding = "windows-1256"
    if not _plausible(text):
        raise UnicodeDecodeError(encoding, data, 0, len(data), "control characters: binary data, not text")
    return text, encoding


# --- HTML pages saved instead of their text -----------------------------------

_HTML = re.compile(r"<(?:!doctype html|html|body|p|div|article)[\s>]", re.IGNORECASE)
_SKIP = {"script", "style", "noscript", "head", "nav", "footer", "header", "aside", "form", "figure",
         "figcaption", "button", "svg", "template"}
_BLOCKS = {"p", "div", "article", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr",
           "blockquote", "main"}


class _TextExtractor(HTMLParser):
    """Visible text of a page, one block element per paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def looks_like_html(text: str) -> bool:
    return len(_HTML.findall(text[:20000])) >= 2 or text.lstrip()[:15].lower().startswith("<!doctype html")


def html_to_text(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    parser._flush()
    return "\n\n".join(parser.blocks)


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read and decode one article; raise ArticleError with what to do."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit for one article; "
                "split it, or raise --max-bytes if it really is one article"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: cannot be read (a broken link, or it was removed); fix or remove it") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror}); check the file's permissions") from None
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{path}: not readable as UTF-8, UTF-16 or Windows-1256 ({error.reason}); "
            "re-save it as UTF-8 text"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_text(text)
        encoding += ", html"
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty; remove it or put the article's text in it")
    if not _ARABIC_LETTER.search(text):
        raise ArticleError(f"{path}: holds no Arabic text; only Arabic articles can be briefed")
    return Article(stem=path.stem, source=path, raw=text, encoding=encoding)
