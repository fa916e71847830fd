"""The same article twice (an outlet posting one story in two sections, wire copy reposted with small
edits) is briefed and translated once: the others become its ``copies``.

* exact copies: the same text after normalization (diacritics, tatweel, punctuation, spacing and
  the hamza forms of alef made alike), found by hashing;
* near copies: Jaccard similarity of word 5-shingles of at least ``NEAR`` (0.9), found with MinHash
  and locality-sensitive hashing (``BANDS`` bands of ``ROWS`` rows: pairs at 0.9 meet in a band with
  probability 1 - (1 - 0.9^4)^32, more than 0.99999999; pairs at 0.5 almost never), each candidate pair
  then checked on its exact shingle sets.  Near-linear in the day's articles (numpy: about 1 ms an
  article).  Shingles are hashed from Python's own string hash, salted per process: the same within
  a run, which is all copies are ever compared in.

The article kept is the earliest published (then the first in name order); a copy's outlet,
section, time and URL are kept on it (``Article.copies``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from summarize.document import Article, Copy

NEAR = 0.9
SHINGLE = 5
ROWS, BANDS = 4, 32
_SALTS = [(int.from_bytes(hashlib.blake2b(b"a%d" % i, digest_size=8).digest(), "big") | 1,
           int.from_bytes(hashlib.blake2b(b"b%d" % i, digest_size=8).digest(), "big"))
          for i in range(ROWS * BANDS)]
try:
    import numpy as _np

    _A = _np.array([a for a, _ in _SALTS], dtype=_np.uint64)[:, None]
    _B = _np.array([b for _, b in _SALTS], dtype=_np.uint64)[:, None]
except ImportError:  # pragma: no cover - numpy comes with torch
    _A = _B = None  # type: ignore[assignment]  # never reached: numpy is a dependency, and shingles() needs it
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"\w+")
_SAME_LETTERS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))


def normalize(text: str) -> list[str]:
    """The words of ``text`` as copies are compared: no diacritics or tatweel, alef forms and final
    yeh/teh marbuta made alike, punctuation and spacing out."""
    text = _DIACRITICS.sub("", text)
    for a, b in _SAME_LETTERS:
        text = text.replace(a, b)
    return _WORD.findall(text.casefold())


_MULTIPLIERS = [int.from_bytes(hashlib.blake2b(b"m%d" % k, digest_size=8).digest(), "big") | 1
                for k in range(SHINGLE)]


def shingles(words: list[str]):
    """The word 5-shingles of ``words`` as a sorted numpy array of distinct 64-bit hashes (a text of
    fewer words is one shingle)."""
    import numpy as np

    # Python's own string hash (salted per process, the same for a word within a run: copies are
    # only ever compared within one run), as unsigned 64-bit
    hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    if len(words) < SHINGLE:
        mixed = np.array([int(np.bitwise_xor.reduce(hashes))] if len(words) else [], dtype=np.uint64)
    else:
        n = len(words) - SHINGLE + 1
        mixed = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k, m in enumerate(_MULTIPLIERS):
                mixed = mixed + hashes[k:k + n] * np.uint64(m)  # wraps mod 2**64
    return np.unique(mixed)


def jaccard(a, b) -> float:
    """Jaccard similarity of two shingle arrays (sorted, distinct)."""
    import numpy as np

    if not len(a) and not len(b):
        return 1.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def _signature(values) -> list[int]:
    """MinHash of the shingles under ``ROWS * BANDS`` multiply-shift hashes (numpy: one array operation)."""
    import numpy as np

    with np.errstate(over="ignore"):
        hashed = (_A * values[None, :] + _B) >> np.uint64(16)  # wraps mod 2**64: a universal hash family
    return hashed.min(axis=1).tolist()


def _text(article: Article) -> str:
    """What is compared: the title and the text (the outlet's abstract and metadata are not)."""
    return f"{article.headline or ''}\n{article.text or article.raw}"


def _order(article: Article) -> tuple:
    from summarize.ingest.formats.meta import instant

    when = instant(article.published)
    return (when is None, when.timestamp() if when else 0.0)


def merge_copies(articles: list[Article], near: float = NEAR) -> tuple[list[Article], int]:
    """``articles`` with every copy folded into the one kept (its ``copies``), in their order; and how
    many were merged."""
    words = [normalize(_text(a)) for a in articles]
    parent = list(range(len(articles)))
    similarity: dict[int, float] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, score: float) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
            similarity[max(i, j)] = min(similarity.get(max(i, j), 1.0), score)

    exact: dict[str, int] = {}
    for i, w in enumerate(words):
        key = hashlib.blake2b(" ".join(w).encode(), digest_size=16).hexdigest()
        if key in exact:
            union(exact[key], i, 1.0)
        else:
            exact[key] = i
    if near <= 1.0:
        sets = {i: shingles(words[i]) for i in exact.values() if len(words[i]) >= SHINGLE}
        buckets: dict[tuple, list[int]] = defaultdict(list)
        for i, s in sets.items():
            sig = _signature(s)
            for band in range(BANDS):
                buckets[(band,) + tuple(sig[band * ROWS:(band + 1) * ROWS])].append(i)
        checked: set[tuple[int, int]] = set()
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pair = (members[x], members[y])
                    if pair in checked or find(pair[0]) == find(pair[1]):
                        continue
                    checked.add(pair)
                    score = jaccard(sets[pair[0]], sets[pair[1]])
                    if score >= near:
                        union(pair[0], pair[1], score)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[find(i)].append(i)
    kept_index = {}
    for members in groups.values():
        keep = min(members, key=lambda i: (_order(articles[i]), i))
        kept_index[keep] = members
    merged = 0
    out = []
    for i, article in enumerate(articles):
        if i not in kept_index:
            continue
        for j in kept_index[i]:
            if j == i:
                continue
            other = articles[j]
            score = 1.0 if " ".join(words[j]) == " ".join(words[i]) else jaccard(shingles(words[i]),
                                                                                   shingles(words[j]))
            article.copies.append(Copy(name=other.stem, file=other.source.name, outlet=other.outlet,
                                       section=other.section, published=other.published, url=other.url,
                                       similarity=score))
            article.copies.extend(other.copies)
            merged += 1
        article.copies.sort(key=lambda c: (_order_of(c.published), c.name))
        out.append(article)
    return out, merged


def _order_of(published: str | None) -> tuple:
    from summarize.ingest.formats.meta import instant

    when = instant(published)
    return (when is None, when.timestamp() if when else 0.0)
