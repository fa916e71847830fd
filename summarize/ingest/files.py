"""Opening a file safely, and naming it on one line.

Only regular files are read: a FIFO, socket, device, directory or symlink loop
named ``*.txt`` is refused before it is opened, and the open itself cannot
block (``O_NONBLOCK``, then ``fstat`` on the open file, so a swap between the
check and the open is caught too).  :func:`open_regular` is the safe open for
every reader of the corpus and for ``check-numbers``; :func:`shown` prints any
file name on one line; :func:`unreadable` and :func:`check_name` are the
messages for a file that cannot be read or whose name cannot be written into a brief.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from summarize.errors import ArticleError


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


def unreadable(path: Path, error: OSError) -> ArticleError:
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


def check_name(path: Path) -> None:
    """A name whose bytes are not UTF-8 cannot be written into a brief: refuse it here."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{shown(path)}: its name is not valid UTF-8; rename the file "
                           "(convmv -f cp1256 -t utf-8 converts Windows-1256 names)") from None
