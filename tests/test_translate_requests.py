"""Request kinds (summarize.translate: ``best``, ``nbest:N``): made and read in one place, and
n-best lists ordered by their length, not as strings ('nbest:8' sorts after 'nbest:16' as text)."""

import json

from summarize.document import Text
from summarize.review import alternatives
from summarize.translate import BEST, nbest, nbest_size, request_order
from summarize.translate.cache import TranslationCache


def test_kinds_are_made_and_read_back():
    assert (BEST, nbest(8), nbest(16)) == ("best", "nbest:8", "nbest:16")
    assert [nbest_size(k) for k in (BEST, nbest(8), nbest(16), "nbest:", "nbest:x", "other")] == \
        [None, 8, 16, None, None, None]


def test_kinds_sort_by_list_length():
    assert sorted(["nbest:16", "best", "nbest:8", "nbest:2"], key=request_order) == \
        ["best", "nbest:2", "nbest:8", "nbest:16"]


def test_cache_stats_list_kinds_in_that_order(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")
    for kind in (nbest(16), BEST, nbest(8)):
        cache.put("ns", kind, {"نص": json.dumps([["x", -1.0]])})
    assert list(cache.stats()["kinds"]) == ["best", "nbest:8", "nbest:16"]
    cache.close()


def test_the_review_reads_the_longest_nbest_list(tmp_path):
    """With nbest:8 and nbest:16 stored for the same piece, the alternatives come from the 16."""
    piece = "قتل ثلاثة أشخاص"
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put("ns", BEST, {piece: "three people were killed"})
    cache.put("ns", nbest(8), {piece: json.dumps([["from the eight", -1.0]])})
    cache.put("ns", nbest(16), {piece: json.dumps([["from the sixteen", -1.0]])})
    cache.close()
    unit = Text(piece, kind="sentence", id="s1", pieces=[piece], translations=["three people were killed"])
    found = alternatives.lookup(tmp_path / "c.sqlite3", [unit])["s1"].found
    assert [(a.text, a.method, a.rank) for a in found] == [("from the sixteen", "n-best", 1)]
