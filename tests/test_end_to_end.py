"""The whole command on the sample corpus with the real Marian code path (tiny random model)."""

import html
import json
import re
import shutil

from helpers import CORPUS

from summarize.cli import main
from summarize.document import FLAGGED
from summarize.numbers import check
from summarize.pipeline import prepare_article


def test_corpus_through_the_real_marian_path(tiny_model_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "briefs"
    code = main([str(CORPUS), "--model", str(tiny_model_dir), "--out", str(out), "--beam", "2",
                 "--batch-size", "8", "--backend", "transformers"])
    assert code == 0, capsys.readouterr().err
    stems = sorted(p.stem for p in CORPUS.glob("*.txt"))
    flags = 0
    assert sorted(p.name for p in out.glob("*.md")) == sorted([f"{s}.md" for s in stems] + ["daily-brief.md"])
    for stem in stems:
        data = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        sentences = [s for sec in data["sections"] for s in sec["sentences"]]
        assert [s["ar"] for s in sentences] == [s.ar for s in prepare_article(CORPUS / f"{stem}.txt").sentences]
        assert all(isinstance(s["en"], str) for s in sentences)
        assert all(entry in sentences for entry in data["summary"])
        # the model by its folder's name and a short digest: no local path in a published brief
        assert re.fullmatch(r"model:tiny-marian@sha256:[0-9a-f]{12}\|backend:transformers\|beam:2\|device:cpu"
                            r"\|summary:auto\|version:0\.1\.0", data["signature"]), data["signature"]
        assert str(tiny_model_dir) not in (out / f"{stem}.md").read_text(encoding="utf-8")
        # a random model gets numbers wrong: every failure is flagged, none passed silently
        brief = (out / f"{stem}.md").read_text(encoding="utf-8")
        for s in sentences:
            statuses = {n["status"] for n in s["numbers"]}
            flagged = bool(statuses & set(FLAGGED))
            if len(s["ar"].split()) < 60:  # one model input (longer ones are checked piece by piece)
                assert flagged == (not check(s["ar"], s["en"]).ok), s["id"]
            row = f'<tr><td>{s["id"]}</td><td dir="rtl" lang="ar">{html.escape(s["ar"], quote=False)}</td><td>'
            assert row in brief
            assert (row + "⚠ " in brief) == flagged, s["id"]
            flags += flagged
        counts = {"verified": 0, "repaired": 0, "flagged": 0}
        for unit in [data["title"]] + [sec["heading"] for sec in data["sections"] if sec["heading"]] + sentences:
            for n in unit["numbers"]:
                counts["flagged" if n["status"] in FLAGGED else n["status"]] += 1
            # a number repair that only took out a number the Arabic lacks counts as one repaired number
            # (a loop repair, checks.repair, is no number repair)
            number_repairs = [r for r in unit.get("repairs", []) if r["method"] in ("n-best", "digits")]
            counts["repaired"] += bool(number_repairs) and all(n["status"] != "repaired" for n in unit["numbers"])
        assert data["numbers_checked"] == counts
    assert flags > 0  # the random model's output is checked, not waved through
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
