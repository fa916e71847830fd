"""The JSON briefs' readers, beside their writers (summarize/briefs/json.py): what a run wrote
reads back as what it was made from."""

import json

import pytest

from summarize.briefs.json import read_daily
from summarize.briefs.marks import Provenance


def test_the_daily_json_reads_back_its_day_stories_and_failures(review_briefs):
    data = json.loads((review_briefs.out / "daily-brief.json").read_text(encoding="utf-8"))
    index = read_daily(data)
    assert index.date == data["date"] and isinstance(index.made_by, Provenance)
    assert index.made_by.signature == data["signature"]
    assert index.story_stems == [story["articles"] for story in data["stories"]]
    assert sorted(index.stems) == sorted(p.stem for p in review_briefs.out.glob("*.json") if p.stem != "daily-brief")
    assert index.failures == []


@pytest.mark.parametrize("broken", [
    {},                                                       # nothing of a daily brief
    {"date": "2026-11-22", "signature": "model:x", "stories": [], "failed": []},  # a signature of another version
    {"date": "2026-11-22", "stories": [{"articles": ["a"]}], "failed": []},       # no signature
])
def test_a_daily_json_of_another_shape_is_an_error_the_reader_can_name(broken):
    with pytest.raises((KeyError, TypeError, ValueError, AttributeError)):
        read_daily(broken)
