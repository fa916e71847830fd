"""Progress bars for the stages that can take more than a second.

One rule for every stage: a tqdm bar on stderr when the run shows progress (a
terminal, not ``--quiet``, not CI: the CLI decides), nothing otherwise, so pipes
and logs stay clean.  tqdm is imported only when a bar is shown.
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], enabled: bool, desc: str, total: int | None = None,
             unit: str = "article") -> Iterator[T]:
    """``items``, with a bar labelled ``desc`` when ``enabled``."""
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False) as bar:
        yield from bar
