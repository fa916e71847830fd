"""Decoding an article's bytes: what counts as a control character (``decoding.CONTROLS``)."""

import sys
import unicodedata

import pytest

from summarize.ingest.decoding import CONTROLS, decode


def test_controls_are_the_categories_cc_cs_co_but_four_spacing_ones():
    """The regex matches exactly the characters the per-character category test counted."""
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        counted = ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cs", "Co")
        assert bool(CONTROLS.fullmatch(ch)) == counted, hex(code)


def test_a_text_with_a_few_controls_decodes_and_one_with_many_does_not():
    text = "مرحبا بالعالم " * 20
    assert decode((text + "\x07").encode("utf-8")) == (text + "\x07", "utf-8")
    with pytest.raises(UnicodeDecodeError):
        decode((text + "\x07" * 50).encode("utf-8"))
