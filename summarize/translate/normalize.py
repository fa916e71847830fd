"""Punctuation normalization: what every backend does to a text before the model sees it.

Light on purpose (sacremoses and regex, no torch): the cache's token counter
and the benchmarks use it without a model.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _moses_normalizer():
    from sacremoses import MosesPunctNormalizer

    # Language "ar" gets Moses' language-neutral rules: only en/de/es/fr/cs have
    # special cases (quote/comma order, decimal commas).
    return MosesPunctNormalizer(lang="ar", pre_replace_unicode_punct=True)


def normalize_punctuation(text: str) -> str:
    """Normalize ``text`` the way OPUS-MT training data was.

    OPUS-MT-train's ``preprocess-spm.sh`` runs Moses' replace-unicode-punctuation,
    remove-non-printing-char (each ``\\p{C}`` becomes a space), then
    normalize-punctuation ``-l ar``, then squeezes spaces.  MarianTokenizer does
    none of it, so we do it here.  Curly and French quotes become ``"``, ``…``
    becomes ``...``, full-width forms become ASCII, spaces are squeezed and
    ``( 5 % )`` becomes ``(5%)``.  Note one Moses rule that touches figures:
    a no-break space between digits becomes a dot (``10\\u00a0000`` -> ``10.000``).
    """
    import regex

    if not text:
        return ""
    text = regex.sub(r"\p{C}", " ", text)  # tabs, newlines, bidi marks, zero-width joiners ...
    return _moses_normalizer().normalize(text)
