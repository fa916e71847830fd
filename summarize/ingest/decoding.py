"""Decoding an article's bytes: the encoding is detected from the bytes, never guessed from the
file name, and recorded on the article.

Arabic news archives come in UTF-8 (with or without a BOM), UTF-16 with a BOM (or one lost) and
Windows-1256; Windows-1256 decodes any byte, so its result is taken only if it reads as Arabic text.
"""

from __future__ import annotations

import codecs
import re

from summarize.language.arabic import LETTER


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds at least one Arabic letter."""
    return LETTER.search(text) is not None


#: The characters of Unicode categories Cc (controls), Cs (surrogates) and Co (private use) but tab,
#: line feed, carriage return and form feed: one regex instead of a category per character
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                      "\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _plausible(text: str) -> bool:
    """Text, not binary read through a forgiving code page: almost no control characters."""
    return len(CONTROLS.findall(text)) <= len(text) // 100


def utf16_without_bom(data: bytes) -> str | None:
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
    elif (utf16 := utf16_without_bom(data)) is not None:
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


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text, leniently (the cut may fall inside a character): enough to
    tell its format, never to read it."""
    if head.startswith(codecs.BOM_UTF8):
        return head[len(codecs.BOM_UTF8):].decode("utf-8", "ignore")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[:len(head) // 2 * 2].decode("utf-16", "ignore")
    try:
        return utf16_without_bom(head[:len(head) // 2 * 2]) or head.decode("utf-8", "ignore")
    except UnicodeDecodeError:
        return head.decode("utf-8", "ignore")
