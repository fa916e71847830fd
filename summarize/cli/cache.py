"""``summarize cache stats|prune``: what the translation cache holds, and keeping it bounded.

``stats`` prints entries by kind (best translations, n-best lists), models, hits,
size on disk and when entries were last used; ``prune --unused-days N`` deletes
entries no run has used for N days, then VACUUMs the file.  Both are safe while
a run uses the same file (WAL mode, short transactions, busy timeout).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path

from summarize.stories.encoder import MEANING


def _when(stamp: float | None) -> str:
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M") if stamp else "—"


def _kind_words(kind: str, best: str, request: tuple[int, int] | None) -> str:
    """A cache kind in words: ``translations``, ``8-best lists (repairs)``, ``8-best lists searched
    without repeating 3 tokens (loop repair)``; a kind this version does not know, as stored."""
    if kind == best:
        return "translations"
    if kind == MEANING:
        return "what titles and leads mean (story grouping's sentence encoder)"
    if request is None:
        return kind
    n, no_repeat = request
    if no_repeat:
        return f"{n}-best lists searched without repeating {no_repeat} tokens (loop repair)"
    return f"{n}-best lists (number and loop repairs)"


def main(argv: list[str]) -> int:
    from summarize.translate import BEST, nbest_request
    from summarize.translate.cache import TranslationCache
    from summarize.translate.cachefile import default_cache_path

    parser = argparse.ArgumentParser(prog="summarize cache", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["stats", "prune"])
    parser.add_argument("--cache", type=Path, default=None,
                        help="the cache file (default: $SUMMARIZE_CACHE or ~/.cache/summarize/translations.sqlite3)")
    parser.add_argument("--unused-days", type=float, default=None, metavar="N",
                        help="prune: delete entries not used for N days")
    parser.add_argument("--json", action="store_true", help="stats as JSON")
    args = parser.parse_args(argv)
    path = args.cache or default_cache_path()
    if not path.is_file():
        print(f"error: no translation cache at {path}; a run creates it (or give --cache FILE)", file=sys.stderr)
        return 2
    if args.action == "prune" and (args.unused_days is None or args.unused_days < 0):
        print("error: prune needs --unused-days N (N >= 0): entries no run used for N days are deleted",
              file=sys.stderr)
        return 2
    cache = TranslationCache(path)
    if not cache.usable:
        return 2  # the cache said why on stderr
    try:
        if args.action == "prune":
            deleted, vacuumed = cache.prune(args.unused_days)
            tail = "" if vacuumed else "; the file is in use, so it was not compacted (run prune again later)"
            print(f"pruned {deleted} entries unused for {args.unused_days:g} days from {path}{tail}")
        stats = cache.stats()
    except sqlite3.Error as error:  # read-only, locked past the busy timeout, damaged ...
        print(f"error: cannot {args.action} the translation cache {path} ({error}); "
              + ("prune needs a cache you can write to" if args.action == "prune" else "check the file"),
              file=sys.stderr)
        return 2
    finally:
        cache.close()
    if args.json:
        print(json.dumps(stats, indent=2))
    elif args.action == "stats":
        print(f"{path}: {stats['entries']} entries, {stats['models']} model setting(s), "
              f"{stats['bytes'] / 1e6:.1f} MB")
        for kind, row in stats["kinds"].items():
            print(f"  {_kind_words(kind, BEST, nbest_request(kind))}: {row['entries']} entries, {row['hits']} hits, "
                  f"used {_when(row['oldest_use'])} … {_when(row['latest_use'])}")
    return 0
