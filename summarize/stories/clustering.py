"""Clustering over a sparse graph of scored pairs, the two ways stories use: average linkage
(``merge_by_mean``: events over their event probabilities, topics over the events' topic probabilities)
and centroids (``merge_by_centroid``: topics too big for a mean over pairs mostly not compared).  Both
work on item indices and group ids (each item's group, an item's index), never merge across a pair
kept ``apart``, fold the smaller group into the larger and push again only the changed scores, so the
work is near-linear in the pairs.  What the pairs mean (``Link``, the models, the rules) is
``linking``'s.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable


def _across(pairs: Iterable[tuple[int, int]], owner: list[int]) -> dict[int, Counter[int]]:
    """Each group (``owner``: each item's group) -> the groups pairs of ``pairs`` tie it to, and how many
    (both ways)."""
    ties: dict[int, Counter[int]] = defaultdict(Counter)
    for i, j in pairs:
        if owner[i] != owner[j]:
            ties[owner[i]][owner[j]] += 1
            ties[owner[j]][owner[i]] += 1
    return ties


def _fold(owner: list[int], members: dict[int, list[int]], a: int, b: int) -> tuple[int, int]:
    """Merge groups ``a`` and ``b``, the smaller into the larger: (the group kept, the group folded)."""
    if len(members[a]) < len(members[b]):
        a, b = b, a
    for x in members[b]:
        owner[x] = a
    members[a] += members.pop(b)
    return a, b


def _retie(ties: dict[int, Counter[int]], a: int, b: int) -> None:
    """Group ``b`` folded into ``a``: what tied ``b`` to other groups (``_across``) ties ``a``."""
    for c, k in ties.pop(b, Counter()).items():
        ties[c].pop(b, None)
        if c != a:
            ties[a][c] += k
            ties[c][a] += k
    ties[a].pop(a, None)


def merge_by_mean(n: int, scores: dict[tuple[int, int], float], cut: float,
                  apart: Collection[tuple[int, int]] = (), owner: list[int] | None = None,
                  missing: float | None = 0.0, apart_share: float = 0.0) -> list[int]:
    """Average linkage over a sparse graph: each of ``n`` items' group (an item's index), merging the
    two groups with the highest mean score across them while it reaches ``cut``.  ``scores``: (i, j) ->
    score for the pairs compared; a pair not compared counts ``missing`` (None: it does not count, the
    mean is over the compared pairs only).  No merge puts a pair of ``apart`` in one group, unless such
    pairs are at most ``apart_share`` of the pairs compared across the two groups.  ``owner``:
    groups to start from (each item's group id, an item's index).  The two groups' edges are
    folded smaller into larger and only the changed means are pushed again (a stale one is checked when
    popped), so the work is near-linear in the pairs."""
    owner = list(range(n)) if owner is None else list(owner)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(owner):
        members[g].append(i)
    total: dict[int, dict[int, list[float]]] = defaultdict(dict)  # group -> group -> [sum, compared]
    for (i, j), s in scores.items():
        a, b = owner[i], owner[j]
        if a == b:
            continue
        edge = total[a].setdefault(b, [0.0, 0])
        edge[0] += s
        edge[1] += 1
        total[b][a] = edge
    blocked = _across(apart, owner)

    def held(a: int, b: int) -> bool:
        return blocked[a][b] > apart_share * total[a][b][1] if b in blocked[a] else False

    def mean(a: int, b: int) -> float:
        s, k = total[a][b]
        if missing is None:
            return s / k
        return (s + missing * (len(members[a]) * len(members[b]) - k)) / (len(members[a]) * len(members[b]))

    heap = [(-mean(a, b), a, b) for a in total for b in total[a] if a < b]
    heapq.heapify(heap)
    while heap:
        score, a, b = heapq.heappop(heap)
        if -score < cut:
            break
        if a not in members or b not in members or b not in total[a] or held(a, b):
            continue
        now = mean(a, b)
        if now < -score - 1e-12:  # stale: the groups grew since
            heapq.heappush(heap, (-now, a, b))
            continue
        a, b = _fold(owner, members, a, b)
        folded = total.pop(b)
        for c, edge in folded.items():
            del total[c][b]
            if c == a:
                continue
            if c in total[a]:
                total[a][c][0] += edge[0]
                total[a][c][1] += edge[1]
            else:
                total[a][c] = edge
                total[c][a] = edge
        _retie(blocked, a, b)
        for c in folded:  # only means to b's neighbours may have risen (others fell: checked when popped)
            if c != a and not held(a, c):
                heapq.heappush(heap, (-mean(a, c), min(a, c), max(a, c)))
    return owner


def merge_by_centroid(owner: list[int], vectors: list[dict[str, float]], pairs: Collection[tuple[int, int]],
                      cut: float, apart: Collection[tuple[int, int]] = (), apart_share: float = 0.0) -> list[int]:
    """Groups (``owner``: each item's group, an item's index) merged while the cosine of two groups'
    centroids (the sum of their items' ``vectors``) reaches ``cut``, the closest first; only groups that
    a pair of ``pairs`` joins are compared, and none holding a pair of ``apart`` merge.  A big topic the
    pair means cannot hold (47 articles, each compared with at most 40 others: the pairs not compared
    count 0) still has one centroid.  Smaller folded into larger, only the merged group's cosines
    computed again (a stale one is checked when popped), so the work is near-linear in the pairs."""
    owner = list(owner)
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(owner):
        members[g].append(i)
    sums: dict[int, dict[str, float]] = {}
    for g, items in members.items():
        total: dict[str, float] = defaultdict(float)
        for i in items:
            for w, x in vectors[i].items():
                total[w] += x
        sums[g] = total
    norms = {g: sum(x * x for x in v.values()) ** 0.5 or 1.0 for g, v in sums.items()}
    near = _across(pairs, owner)
    blocked = _across(apart, owner)

    def held(a: int, b: int) -> bool:
        return blocked[a][b] > apart_share * near[a][b] if b in blocked[a] else False

    def cosine(a: int, b: int) -> float:
        x, y = (sums[a], sums[b]) if len(sums[a]) <= len(sums[b]) else (sums[b], sums[a])
        return sum([v * y[w] for w, v in x.items() if w in y]) / (norms[a] * norms[b])

    heap = [(-cosine(a, b), a, b) for a in near for b in near[a] if a < b and not held(a, b)]
    heapq.heapify(heap)
    while heap:
        score, a, b = heapq.heappop(heap)
        if -score < cut:
            break
        if a not in members or b not in members or held(a, b):
            continue
        now = cosine(a, b)
        if abs(now + score) > 1e-12:  # stale: either group changed since
            if now >= cut:
                heapq.heappush(heap, (-now, a, b))
            continue
        a, b = _fold(owner, members, a, b)
        for w, x in sums.pop(b).items():
            sums[a][w] = sums[a].get(w, 0.0) + x
        norms[a] = sum(x * x for x in sums[a].values()) ** 0.5 or 1.0
        _retie(near, a, b)
        _retie(blocked, a, b)
        for c in near[a]:
            if not held(a, c):
                heapq.heappush(heap, (-cosine(a, c), min(a, c), max(a, c)))
    return owner
