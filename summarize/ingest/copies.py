"""The same article twice (an outlet posting one story in two sections, wire copy reposted with small
edits) is briefed and translated once: the others become its ``copies``.

* exact copies: the same text after normalization (diacritics, tatweel, punctuation, spacing and
  the hamza forms of alef made alike), found by hashing;
* near copies: Jaccard similarity of word 5-shingles of at least ``NEAR`` (0.9), found with MinHash
  and locality-sensitive hashing (``BANDS`` bands of ``ROWS`` rows: pairs at 0.9 meet in a band with
  probability 1 - (1 - 0.9^4)^32, more than 0.99999999; pairs at 0.5 almost never), each candidate pair
  then checked on its exact shingle sets.  Near-linear in the day's articles.

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
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"\w+")


def normalize(text: str) -> list[str]:
    """The words of ``text`` as copies are compared: no diacritics or tatweel, alef forms and final
    yeh/teh marbuta made alike, punctuation and spacing out."""
    text = _DIACRITICS.sub("", text)
    text = text.translate(str.maketrans("أإآٱىة", "اااايه"))
    return _WORD.findall(text.casefold())


def shingles(words: list[str]) -> set[int]:
    if len(words) < SHINGLE:
        return {int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest(), "big")} if words else set()
    return {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + SHINGLE]).encode(), digest_size=8).digest(),
                           "big") for i in range(len(words) - SHINGLE + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _signature(shingle_set: set[int]) -> list[int]:
    """MinHash of the shingles under ``ROWS * BANDS`` multiply-shift hashes (numpy: one array operation)."""
    import numpy as np

    values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    a = np.array([x for x, _ in _SALTS], dtype=np.uint64)[:, None]
    b = np.array([y for _, y in _SALTS], dtype=np.uint64)[:, None]
    with np.errstate(over="ignore"):
        hashed = (a * values[None, :] + b) >> np.uint64(16)  # wraps mod 2**64: a universal hash family
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
                buckets[(band, *sig[band * ROWS:(band + 1) * ROWS])].append(i)
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
