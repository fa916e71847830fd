"""The whole command on the sample corpus with the real Marian code path (tiny random model)."""

import json
import shutil
from pathlib import Path

from summarize.cli import main
from summarize.pipeline import prepare_article

CORPUS = Path(__file__).parents[1] / "corpus"


def test_corpus_through_the_real_marian_path(tiny_model_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "briefs"
    code = main([str(CORPUS), "--model", str(tiny_model_dir), "--out", str(out), "--beam", "2",
                 "--batch-size", "8", "--backend", "transformers"])
    assert code == 0, capsys.readouterr().err
    stems = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert sorted(p.name for p in out.glob("*.md")) == sorted([f"{s}.md" for s in stems] + ["daily-brief.md"])
    for stem in stems:
        data = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        sentences = [s for sec in data["sections"] for s in sec["sentences"]]
        assert [s["ar"] for s in sentences] == [s.ar for s in prepare_article(CORPUS / f"{stem}.txt").sentences]
        assert all(isinstance(s["en"], str) for s in sentences)
        assert all(entry in sentences for entry in data["summary"])
        assert data["signature"] == (f"model:{tiny_model_dir}|backend:transformers|beam:2|device:cpu"
                                     "|summary:auto|version:0.1.0")
        # a random model gets numbers wrong: every failure is flagged, none passed silently
        for s in sentences:
            for n in s["numbers"]:
                assert n["status"] in ("verified", "repaired", "changed", "missing", "extra")
    daily = json.loads((out / "daily-brief.json").read_text(encoding="utf-8"))
    assert sorted(stem for story in daily["stories"] for stem in story["articles"]) == stems
    assert "5 articles" in capsys.readouterr().out


def test_no_model_one_error_exit_2_nothing_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SUMMARIZE_MODELS", str(tmp_path / "no-models"))
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "briefs"
    assert main([str(corpus), "--out", str(out), "--model", "Helsinki-NLP/opus-mt-ar-en"]) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1
    assert "python scripts/download_model.py" in err and "Tried" in err
    assert not out.exists()
