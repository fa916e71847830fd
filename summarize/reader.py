"""Find the corpus's articles and decode them.

Arabic news archives come in UTF-8 (with or without a BOM), UTF-16 with a BOM
and Windows-1256.  The encoding is detected from the bytes, never guessed
from the file name, and recorded on the article.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from summarize.document import Article

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


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


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of an article.

    BOMs decide first.  Otherwise strict UTF-8, and if that fails,
    Windows-1256, accepted only if the result reads as Arabic.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise UnicodeDecodeError("binary", data, data.index(b"\x00"), data.index(b"\x00") + 1,
                                 "NUL byte: this is a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise utf8_error from None
        if not _ARABIC_LETTER.search(text):
            raise utf8_error
        return text, "windows-1256"


def read_article(path: Path) -> Article:
    """Read and decode one article; raise ArticleError with what to do."""
    try:
        data = path.read_bytes()
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
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty; remove it or put the article's text in it")
    if not _ARABIC_LETTER.search(text):
        raise ArticleError(f"{path}: holds no Arabic text; only Arabic articles can be briefed")
    return Article(stem=path.stem, source=path, raw=text, encoding=encoding)
