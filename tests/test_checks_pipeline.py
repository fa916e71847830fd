"""The checks in a run of the pipeline: every unit's flags in the JSON brief, ``--glossary`` read
before any model is loaded, and its terms asked for."""

import json
import shutil

import pytest
from helpers import CORPUS, NBEST, SCRIPT, ScriptedTranslator, run_cli


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(next(CORPUS.glob("004_*.txt")), folder)
    return folder


def brief(out):
    [path] = out.glob("004_*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_run_with_glossary(corpus, tmp_path):
    glossary = tmp_path / "terms.tsv"
    # 004's title: أميركا تجتمع بالتحالف الدولي لبحث هجمات "داعش" الأخيرة
    glossary.write_text("التحالف الدولي\tglobal coalition\tour house style\n", encoding="utf-8")
    out = tmp_path / "briefs"
    code = run_cli([str(corpus), "--out", str(out), "--quiet", "--glossary", str(glossary)],
                   lambda: ScriptedTranslator(SCRIPT, NBEST))
    assert code == 0
    data = brief(out)
    terms = [c for c in data["title"].get("checks", []) if c["check"] == "terms"]
    assert terms == [{"check": "terms", "note": "التحالف الدولي should read “global coalition”",
                      "evidence": {"ar": "التحالف الدولي", "expected": ["global coalition"],
                                   "notes": "our house style"}}]
    units = [s for sec in data["sections"] for s in sec["sentences"]]
    # the sample script's faithful translations pass; its stand-ins for the rest are far too short
    for unit in units:
        names = {c["check"] for c in unit.get("checks", [])}
        assert ("length" in names) == (unit["en"] == "[scripted stand-in]"), unit["id"]


def test_bad_glossary_is_a_usage_error_before_the_model(corpus, tmp_path, capsys):
    bad = tmp_path / "terms.tsv"
    bad.write_text("one cell only\n", encoding="utf-8")

    def never():
        raise AssertionError("the model was loaded")

    with pytest.raises(SystemExit) as stop:
        run_cli([str(corpus), "--out", str(tmp_path / "briefs"), "--glossary", str(bad)], never)
    assert stop.value.code == 2
    assert "line 1: expected 'Arabic<TAB>English" in capsys.readouterr().err
    assert not (tmp_path / "briefs").exists()


def test_daily_json_summary_carries_the_flags(corpus, tmp_path):
    out = tmp_path / "briefs"
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: ScriptedTranslator(SCRIPT, NBEST)) == 0
    daily = json.loads((out / "daily-brief.json").read_text(encoding="utf-8"))
    entries = [s for story in daily["stories"] for s in story["summary"]]
    assert entries
    for s in entries:  # the same flags as in the article's brief
        assert ("checks" in s) == (s["en"] == "[scripted stand-in]"), s["id"]
