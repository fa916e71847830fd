"""Find the corpus's articles and read each file within its limits.

``discover`` lists the corpus (recursively, saying what it skipped); ``read_items`` reads one file
(``files.open_regular``: regular files only, never blocking), decodes it (``decoding``) and hands its
text to the reader of its format (``formats``).  The byte limit is enforced while reading, not only
from the reported size; in a file of many articles it holds for each article (``MANY``).

The names other modules import from here (``shown``, ``open_regular``, ``decode``, ``has_arabic``,
``html_to_text`` ...) live in ``files``, ``decoding`` and ``html_text`` and are re-exported.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from summarize.document import Article
from summarize.errors import ArticleError, UsageError
from summarize.ingest.decoding import decode, decode_head, has_arabic
from summarize.ingest.files import NotRegularFileError, check_name, file_kind, open_regular, shown, unreadable
from summarize.ingest.html_text import html_to_text, looks_like_html

__all__ = ["MAX_BYTES", "MAX_FILE_BYTES", "MANY", "HEAD_BYTES", "NotRegularFileError", "decode", "discover",
           "file_kind", "has_arabic", "html_to_text", "looks_like_html", "open_regular", "read_article",
           "read_bytes", "read_items", "read_text", "shown", "skipped_summary"]

#: A news article is tens of kilobytes; a file far beyond that is a dump, not an article.  In a file of
#: many articles (``MANY``: a feed, TREC records, JSON Lines) the limit holds for each article.
MAX_BYTES = 2_000_000
#: A file of many articles is read whole up to this (or up to --max-bytes, if that is larger): it bounds
#: the memory one file takes (its bytes, its text and the reader's parse of it), not the articles' size.
MAX_FILE_BYTES = 50_000_000
#: the formats (``ingest.formats``) whose one file may hold many articles
MANY = ("trec", "feed", "json")
#: how much of a file over --max-bytes is read to tell its format before the rest
HEAD_BYTES = 1 << 14


def _suffix_ok(name: str) -> bool:
    from summarize.ingest.formats import SUFFIXES

    return name.lower().endswith(SUFFIXES)


def discover(corpus: Path, skipped: list[tuple[str, str]] | None = None, exclude: Path | None = None) -> list[Path]:
    """The article files of ``corpus``: the file itself, or every entry of the folder and its
    sub-folders (not hidden ones) whose name ends in one of ``formats.SUFFIXES`` (``.txt``, ``.xml``,
    ``.html``, ``.rss``, ``.json``, ``.jsonl`` ...), in path order.  What is left out is added to
    ``skipped`` as (relative name, why).

    Entries are listed, not opened: a FIFO or a folder named ``x.txt`` is in the list, and
    :func:`read_article` refuses it with its own message.  Links to folders are not followed, and a
    folder of briefs (``exclude``, the run's ``--out``, or any folder holding summarize's manifest) is
    never read back.
    """
    skipped = [] if skipped is None else skipped
    if not corpus.exists():
        raise UsageError(f"corpus folder {shown(corpus)} does not exist")
    if corpus.is_file():
        return [corpus]
    if not corpus.is_dir():
        raise UsageError(f"{shown(corpus)} is not a folder; give the folder that holds the articles")
    found: list[Path] = []

    def walk(folder: Path, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            if folder == corpus:
                raise UsageError(f"cannot list the corpus folder {shown(corpus)} ({error.strerror}); "
                                 "check its permissions") from None
            skipped.append((prefix.rstrip("/"), f"a folder that cannot be listed ({error.strerror})"))
            return
        for e in entries:
            name = prefix + e.name
            if e.name.startswith("."):
                skipped.append((name, "hidden"))
            elif _suffix_ok(e.name):
                found.append(Path(e.path))
            elif e.is_dir(follow_symlinks=False):
                if _is_briefs_folder(Path(e.path), exclude):
                    skipped.append((name, "a folder of briefs"))
                else:
                    walk(Path(e.path), name + "/")
            elif e.is_symlink() and e.is_dir():
                skipped.append((name, "a link to a folder (not followed)"))
            else:
                kind = Path(e.name).suffix or "no extension"
                skipped.append((name, f"not an article file ({kind})"))

    walk(corpus, "")
    if not found:
        what = ", ".join(f"{n} ({why})" for n, why in skipped[:5]) + (" ..." if len(skipped) > 5 else "")
        raise UsageError(f"no articles in {shown(corpus)} (looked for .txt, .xml, .html, .rss, .atom, .json "
                         f"and .jsonl files){'; skipped: ' + shown(what) if skipped else ''}")
    return found


def _is_briefs_folder(folder: Path, exclude: Path | None) -> bool:
    try:
        if exclude is not None and exclude.exists() and folder.samefile(exclude):
            return True
    except OSError:
        pass
    return (folder / ".summarize-written").exists()


def skipped_summary(skipped: list[tuple[str, str]]) -> str:
    """What discover left out, in one line: ``skipped 47 entries: 45 not an article file (.md), 2 hidden``."""
    from collections import Counter

    counts = Counter(why for _, why in skipped)
    return (f"skipped {len(skipped)} entr{'y' if len(skipped) == 1 else 'ies'}: "
            + ", ".join(f"{n} {why}" for why, n in counts.most_common()))


def _over_limit(path: Path, size: str, max_bytes: int, many: bool = False) -> ArticleError:
    if many:
        return ArticleError(f"{shown(path)}: {size} is over the {max_bytes:,}-byte limit for one file of many "
                            "articles (it bounds the memory a file takes); split it into smaller files")
    return ArticleError(f"{shown(path)}: {size} is over the {max_bytes:,}-byte limit for one article; "
                        "split it, or raise --max-bytes if it really is one article")


def _holds_many(head: bytes) -> bool:
    """Whether the first bytes of a file show a format of many articles (``MANY``); the readers'
    sniffs look at the first 4,000 characters."""
    from summarize.ingest.formats import registry

    text = decode_head(head)
    return any(r.sniff(text) for r in registry() if r.name in MANY)  # they come first in the registry


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, read in chunks: memory follows the file, not the limit."""
    chunks, left = [], limit
    while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_bytes(path: Path, max_bytes: int = MAX_BYTES, many_bytes: int | None = None) -> bytes:
    """The bytes of one article file, at most ``max_bytes`` of them; raise ArticleError
    for anything that is not a regular file, too large, unreadable or changing.

    With ``many_bytes``, a file over ``max_bytes`` whose first bytes show a format of many articles
    (``MANY``) may hold up to ``many_bytes`` (its articles are held to ``max_bytes`` each, later:
    ``read_items``); any other is refused after its first ``HEAD_BYTES``, never read whole."""
    try:
        with open_regular(path) as handle:
            before = os.fstat(handle.fileno())
            limit, many, head = max_bytes, False, b""
            if many_bytes is not None and many_bytes > max_bytes and before.st_size > max_bytes:
                head = _read_at_most(handle, HEAD_BYTES)
                if _holds_many(head):
                    limit, many = many_bytes, True
            if before.st_size > limit:
                raise _over_limit(path, f"{before.st_size:,} bytes", limit, many)
            # one byte more tells a file that grew past the limit
            data = head + _read_at_most(handle, limit + 1 - len(head))
            after = os.fstat(handle.fileno())
    except OSError as error:
        raise unreadable(path, error) from None
    if len(data) > limit:
        raise _over_limit(path, f"more than {limit:,} bytes (it grew while being read)", limit, many)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise ArticleError(f"{shown(path)}: changed while it was being read; run again once it is complete")
    return data


def read_text(path: Path, max_bytes: int = MAX_BYTES, many_bytes: int | None = None) -> tuple[str, str]:
    """The decoded text of one file and its encoding, line ends normalized (``read_bytes`` says what
    ``many_bytes`` allows); ArticleError with what to do."""
    check_name(path)
    data = read_bytes(path, max_bytes, many_bytes)
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{shown(path)}: not readable as UTF-8, UTF-16 or Windows-1256 ({error.reason}); "
            "re-save it as UTF-8 text"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def read_items(path: Path, max_bytes: int = MAX_BYTES) -> list[Article | ArticleError]:
    """Every article one file holds, read by the format its content shows (``ingest.formats``): one
    for a plain text file or a page, one per record, feed item or JSON object; each item that cannot
    be read is an ArticleError naming the file and the item (``feed.xml item 7: no text``) in its place.
    A file that cannot be read at all raises ArticleError.

    ``max_bytes`` limits one article: the file of a single article, each item of a file of many (whose
    file may hold up to ``MAX_FILE_BYTES``, or ``max_bytes`` if that is larger)."""
    from summarize.ingest.formats import reader_for

    text, encoding = read_text(path, max_bytes, max(MAX_FILE_BYTES, max_bytes))
    if not text.strip():
        raise ArticleError(f"{shown(path)}: the file is empty; remove it or put the article's text in it")
    reader = reader_for(text)
    if reader.name == "plain" and looks_like_html(text):  # a page the html reader could not take
        text, encoding = html_to_text(text), encoding + ", html"
    elif reader.name != "plain":
        encoding += f", {reader.name}"
    try:
        items = list(reader.read(text))
    except Exception as error:  # a reader's library failing on odd input: one message, never a traceback
        raise ArticleError(f"{shown(path)}: could not be read as {reader.name} ({type(error).__name__}: "
                           f"{error}); check the file") from None
    if not items:
        raise ArticleError(f"{shown(path)}: holds no article (read as {reader.name}); check the file")
    many = len(items) > 1
    found: list[Article | ArticleError] = []
    for number, item in enumerate(items, 1):
        where = f"{shown(path)} item {number}" if many else shown(path)
        if item.error:
            found.append(ArticleError(f"{where}: {item.error}"))
            continue
        body = item.text.replace("\r\n", "\n").replace("\r", "\n")
        if not body.strip():
            found.append(ArticleError(f"{where}: the file is empty; remove it or put the article's text in it"
                                      if not many else f"{where}: no text"))
            continue
        if not has_arabic(body):
            found.append(ArticleError(f"{where}: holds no Arabic text; only Arabic articles can be briefed"))
            continue
        if reader.name in MANY and (size := len(body.encode("utf-8", "surrogatepass"))) > max_bytes:
            found.append(ArticleError(f"{where}: {size:,} bytes of text is over the {max_bytes:,}-byte limit for "
                                      "one article; split it, or raise --max-bytes if it really is one article"))
            continue
        stem = path.stem
        if many or reader.name in ("feed", "json"):  # a feed's items keep their names as it grows
            stem = item.name if item.name and item.name != path.stem else f"{path.stem}-{number:03d}"
        title = " ".join(item.title.split()) if item.title else None
        lead = next((line for line in body.split("\n") if line.strip()), "")
        # the title above the text, unless the text already opens with it (a page's <h1>)
        raw = f"{title}\n\n{body}" if title and reader.name != "plain" and " ".join(lead.split()) != title else body
        found.append(Article(stem=stem, source=path, raw=raw, encoding=encoding, headline=title,
                             outlet=item.outlet, published=item.published, url=item.url,
                             section=item.section, abstract=item.abstract,
                             item=number if many or stem != path.stem else None))
    return found


def read_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read and decode a file of one article (the first, if it holds several); raise ArticleError with
    what to do."""
    items = read_items(path, max_bytes)
    first = items[0] if items else ArticleError(f"{shown(path)}: holds no article")
    if isinstance(first, ArticleError):
        raise first
    return first
