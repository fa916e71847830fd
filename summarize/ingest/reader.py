"""Find the corpus's articles, read them safely, and decode them.

Only regular files are read: a FIFO, socket, device, directory or symlink loop
named ``*.txt`` is refused before it is opened, and the open itself cannot
block (``O_NONBLOCK``, then ``fstat`` on the open file, so a swap between the
check and the open is caught too).  The byte limit is enforced while reading,
not only from the reported size.  :func:`open_regular` is the same safe open
for other readers (``check-numbers``); :func:`shown` prints any file name on
one line.

Arabic news archives come in UTF-8 (with or without a BOM), UTF-16 with a BOM
and Windows-1256.  The encoding is detected from the bytes, never guessed
from the file name, and recorded on the article.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from summarize.document import Article
from summarize.errors import ArticleError, UsageError
from summarize.language.arabic import LETTER

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


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds at least one Arabic letter."""
    return LETTER.search(text) is not None


class NotRegularFileError(OSError):
    """A path that is a FIFO, socket, device or directory, where a file was expected."""

    def __init__(self, path: str | os.PathLike, kind: str):
        super().__init__(errno.EINVAL, f"{kind}, not a regular file", str(path))
        self.kind = kind


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def file_kind(mode: int) -> str:
    """What ``st_mode`` describes, in words ("a regular file", "a named pipe (FIFO)", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((kind for test, kind in _KINDS if test(mode)), "not a file")


def shown(path: str | os.PathLike) -> str:
    """``path`` as one printable line: bytes that are not valid in the file system's
    encoding as ``\\xNN``, newlines and other control characters escaped."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":  # surrogateescape: one undecodable byte
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif not ch.isprintable():
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file, without ever blocking.

    Raises :class:`NotRegularFileError` for anything else (a link is followed
    first; a link loop raises ``OSError`` with ``ELOOP``).  ``stat`` decides
    before the open; ``O_NONBLOCK`` keeps the open of a FIFO swapped in after
    the check from waiting for a writer, and ``fstat`` on the open file refuses it.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(path, file_kind(info.st_mode))
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, file_kind(info.st_mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


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
            if not LETTER.search(text) or not _plausible(text):
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


def _unreadable(path: Path, error: OSError) -> ArticleError:
    """The message for an article that could not be opened or read."""
    name = shown(path)
    if isinstance(error, NotRegularFileError):
        return ArticleError(f"{name}: is {error.kind}, not a regular file; only plain files are read as "
                            "articles, so remove it or replace it with the article's text")
    if error.errno == errno.ELOOP:
        return ArticleError(f"{name}: is a symbolic link loop; fix or remove the link")
    if isinstance(error, FileNotFoundError):
        try:
            target = os.readlink(path)
        except OSError:  # not a link (or no longer one)
            target = None
        if target is not None:
            return ArticleError(f"{name}: is a broken link (its target {shown(target)} does not exist); "
                                "fix or remove it")
        return ArticleError(f"{name}: cannot be read (it was removed after the corpus was listed); "
                            "run again")
    if isinstance(error, PermissionError):
        return ArticleError(f"{name}: cannot be read ({error.strerror}); check the file's permissions")
    return ArticleError(f"{name}: cannot be read ({error.strerror or error}); check the file and run again")


def _over_limit(path: Path, size: str, max_bytes: int, many: bool = False) -> ArticleError:
    if many:
        return ArticleError(f"{shown(path)}: {size} is over the {max_bytes:,}-byte limit for one file of many "
                            "articles (it bounds the memory a file takes); split it into smaller files")
    return ArticleError(f"{shown(path)}: {size} is over the {max_bytes:,}-byte limit for one article; "
                        "split it, or raise --max-bytes if it really is one article")


def _holds_many(head: bytes) -> bool:
    """Whether the first bytes of a file show a format of many articles (``MANY``): decoded leniently,
    since the cut may fall inside a character; the readers' sniffs look at the first 4,000 characters."""
    from summarize.ingest.formats import registry

    if head.startswith(codecs.BOM_UTF8):
        text = head[len(codecs.BOM_UTF8):].decode("utf-8", "ignore")
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head[:len(head) // 2 * 2].decode("utf-16", "ignore")
    else:
        try:
            text = _utf16_without_bom(head[:len(head) // 2 * 2]) or head.decode("utf-8", "ignore")
        except UnicodeDecodeError:
            text = head.decode("utf-8", "ignore")
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
        raise _unreadable(path, error) from None
    if len(data) > limit:
        raise _over_limit(path, f"more than {limit:,} bytes (it grew while being read)", limit, many)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise ArticleError(f"{shown(path)}: changed while it was being read; run again once it is complete")
    return data


def _check_name(path: Path) -> None:
    """A name whose bytes are not UTF-8 cannot be written into a brief: refuse it here."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{shown(path)}: its name is not valid UTF-8; rename the file "
                           "(convmv -f cp1256 -t utf-8 converts Windows-1256 names)") from None


def read_text(path: Path, max_bytes: int = MAX_BYTES, many_bytes: int | None = None) -> tuple[str, str]:
    """The decoded text of one file and its encoding, line ends normalized (``read_bytes`` says what
    ``many_bytes`` allows); ArticleError with what to do."""
    _check_name(path)
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
