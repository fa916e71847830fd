"""The free targets of a greedy pairing, indexed so that each source finds its best target in log time.

``match._pair`` gives each source, strongest first, the best free target its rule allows: same kind
first, then same form (digits or words), then reading order.  Scanning every target for every source
made a line with thousands of numbers quadratic (a 400,000-character line: minutes).  Here the free
targets are kept in ``Group`` s (a rule names them: one kind and form, say), each sorted by a key
(the value, or the value as a special case reads it: a fraction x 100 for a percent), with a
minimum tree over their reading ranks; a rule asks a group for the first free target whose key is
near a value, or for its first free target of all, and compares the few answers.

A *reading rank* orders targets by start, then by their place in the target list (the order the
old scan preferred on a tie).  ``near`` needs ``close(a, key)`` to hold on one unbroken run of the
sorted keys around ``a`` (true of a tolerance that grows with the numbers compared, as
``rules.equal`` does: a key farther from ``a`` on either side is never closer).

``QuotedIn`` answers the pairing's last question, whether an English number word the translation
added stands in the Arabic itself (a title left in Latin script), for thousands of them at once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Hashable, Iterable

from summarize.numbers.quantity import Quantity

#: No free target: larger than every reading rank.
NONE = float("inf")

#: Blocks of equal keys ``Group.near`` steps over one by one before it bisects.
_STEPS = 3


class _MinTree:
    """Minimum over a range of a fixed list of ranks, with ranks removed (set to ``NONE``)."""

    def __init__(self, values: list[int]) -> None:
        size = 1
        while size < len(values):
            size *= 2
        self.size = size
        self.tree: list[float] = [NONE] * (2 * size)
        self.tree[size:size + len(values)] = values
        for i in range(size - 1, 0, -1):
            self.tree[i] = min(self.tree[2 * i], self.tree[2 * i + 1])

    def remove(self, i: int) -> None:
        tree = self.tree
        i += self.size
        tree[i] = NONE
        i //= 2
        while i:
            low = min(tree[2 * i], tree[2 * i + 1])
            if tree[i] == low:
                break  # the ancestors' minimum is unchanged
            tree[i] = low
            i //= 2

    def min(self, lo: int, hi: int) -> float:
        tree, best = self.tree, NONE
        lo += self.size
        hi += self.size
        while lo < hi:
            if lo & 1:
                best = min(best, tree[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = min(best, tree[hi])
            lo //= 2
            hi //= 2
        return best


class Group:
    """Free targets sorted by a key; the first free one (lowest reading rank) in a range of keys."""

    def __init__(self, entries: list[tuple[int | float, int]]) -> None:
        entries.sort()  # (key, rank): numbers compare exactly, ints and floats alike
        self.keys = [key for key, _ in entries]
        self.floats = [float(key) for key in self.keys]
        self.at = {rank: i for i, (_, rank) in enumerate(entries)}
        self.tree = _MinTree([rank for _, rank in entries])

    def first(self) -> float:
        """The first free target's rank, whatever its key."""
        return self.tree.min(0, len(self.keys))

    def near(self, a: float, close: Callable[[float, float], bool]) -> float:
        """The first free target whose key ``k`` has ``close(a, k)``.

        The keys equal to ``a`` are found by plain bisection, then the run is widened by whole blocks
        of equal keys while the next one is close (a step or two: values within a millionth of each
        other are rare), and past a few such blocks by bisecting with ``close`` itself.
        """
        floats = self.floats
        lo, hi = bisect_left(floats, a), bisect_right(floats, a)
        for _ in range(_STEPS):
            if not (lo and close(a, floats[lo - 1])):
                break
            lo = bisect_left(floats, floats[lo - 1], 0, lo)
        else:
            lo = bisect_left(floats, True, 0, lo, key=lambda k: k >= a or close(a, k))
        for _ in range(_STEPS):
            if not (hi < len(floats) and close(a, floats[hi])):
                break
            hi = bisect_right(floats, floats[hi], hi)
        else:
            hi = bisect_left(floats, True, hi, key=lambda k: k > a and not close(a, k))
        return self.tree.min(lo, hi) if lo < hi else NONE

    def first_not(self, value: int | float) -> float:
        """The first free target whose key is not exactly ``value``."""
        lo, hi = bisect_left(self.keys, value), bisect_right(self.keys, value)
        return min(self.tree.min(0, lo), self.tree.min(hi, len(self.keys)))

    def remove(self, rank: int) -> None:
        self.tree.remove(self.at[rank])


#: How an index files a target: the (group, key) pairs it belongs to (none: not in this index).
Spec = Callable[[Quantity], Iterable[tuple[Hashable, int | float]]]


class FreeTargets:
    """The free targets of one pairing pass, in reading rank, with the indexes its rule asks for."""

    def __init__(self, targets: list[Quantity], free: list[Quantity]) -> None:
        open_ids = {id(t) for t in free}
        seen: set[int] = set()
        ordered = []
        for i, t in enumerate(targets):
            if id(t) in open_ids and id(t) not in seen:  # the same object twice: its first place counts
                seen.add(id(t))
                ordered.append((t.start, i, t))
        ordered.sort(key=lambda item: item[:2])
        self.targets = [t for _, _, t in ordered]  # by reading rank
        self.taken = [False] * len(self.targets)
        self._indexes: dict[Spec, dict[Hashable, Group]] = {}
        self._member: list[list[Group]] = [[] for _ in self.targets]

    def index(self, spec: Spec) -> dict[Any, Group]:
        """The groups ``spec`` files the free targets in (built on first use), by the names it gives them."""
        groups = self._indexes.get(spec)
        if groups is None:
            entries: dict[Hashable, list[tuple[int | float, int]]] = {}
            for rank, t in enumerate(self.targets):
                if not self.taken[rank]:
                    for group, key in spec(t):
                        entries.setdefault(group, []).append((key, rank))
            groups = self._indexes[spec] = {name: Group(items) for name, items in entries.items()}
            for group in groups.values():
                for rank in group.at:
                    self._member[rank].append(group)
        return groups

    def take(self, rank: int) -> Quantity:
        """Pair the target of ``rank``: it leaves every index."""
        self.taken[rank] = True
        for group in self._member[rank]:
            group.remove(rank)
        return self.targets[rank]


class QuotedIn:
    """``part in text`` for many parts of Latin script, each searched once and only in the Latin runs.

    Searching the whole of a 400,000-character Arabic line for every extra English number word was
    quadratic.  A part made only of Latin letters, spaces and word punctuation occurs in ``text``
    exactly when it occurs inside one maximal run of such characters holding a letter, so those runs
    (joined by a character no such part holds) are searched instead; any other part, the whole text.
    """

    _CHARS = re.compile(r"[A-Za-z '’.,-]+")

    def __init__(self, text: str) -> None:
        self.text = text
        self.latin: str | None = None
        self.known: dict[str, bool] = {}

    def __contains__(self, part: str) -> bool:
        if part not in self.known:
            if self._CHARS.fullmatch(part) and any(c.isascii() and c.isalpha() for c in part):
                if self.latin is None:
                    runs = self._CHARS.findall(self.text)
                    self.latin = "\0".join(run for run in runs if any(c.isascii() and c.isalpha() for c in run))
                self.known[part] = part in self.latin
            else:
                self.known[part] = part in self.text
        return self.known[part]
