"""The check-numbers command: line-aligned files in, a report out."""

import io
import json

import pytest

from summarize.checknumbers import CheckNumbersError, run

AR = "14 ألف غارة خلال سنتين\nيجتمع وزراء الخارجية في واشنطن\nبنسبة 28. %\n"
EN = "14,000 air strikes in two years\nForeign ministers meet in Washington\nby 82%\n"


@pytest.fixture
def files(tmp_path):
    ar, en = tmp_path / "a.arb", tmp_path / "a.eng"
    ar.write_text(AR, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return ar, en


def test_json_one_object_per_line(files):
    out = io.StringIO()
    assert run(*files, as_json=True, out=out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert [r["ok"] for r in rows] == [True, True, False]
    assert rows[0]["source"] == [{"text": "14 ألف", "value": 14000, "kind": "count"},
                                 {"text": "سنتين", "value": 2, "kind": "duration"}]
    assert rows[2]["changed"] == [{"source": {"text": "28. %", "value": 28, "kind": "percent"},
                                   "target": {"text": "82%", "value": 82, "kind": "percent"}}]
    assert rows[2]["missing"] == [] and rows[2]["extra"] == []


def test_human_readable(files):
    out = io.StringIO()
    assert run(*files, as_json=False, out=out) == 0
    text = out.getvalue()
    assert "line 1: ok" in text
    assert "line 2" not in text  # no numbers, nothing to say
    assert "line 3: CHECK" in text
    assert "changed: 28. % (percent 28) -> 82% (percent 82)" in text
    assert text.rstrip().endswith("3 lines, 2 with numbers, 1 to check")


def test_differing_line_counts(tmp_path, files):
    short = tmp_path / "short.eng"
    short.write_text("one line\n", encoding="utf-8")
    with pytest.raises(CheckNumbersError, match="3 lines but .* has 1"):
        run(files[0], short, as_json=False, out=io.StringIO())


def test_unreadable_file(tmp_path, files):
    with pytest.raises(CheckNumbersError, match="cannot read the English file"):
        run(files[0], tmp_path / "nope.eng", as_json=False, out=io.StringIO())


def test_not_utf8(tmp_path, files):
    bad = tmp_path / "bad.arb"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CheckNumbersError, match="not UTF-8"):
        run(bad, files[1], as_json=False, out=io.StringIO())
