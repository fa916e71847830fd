"""The command line, run in-process on a throwaway corpus with a scripted translator.

``run_cli`` parses a command line as ``main`` does and runs it through ``cli.execute`` with a
scripted translator loader: the same code path as ``main`` but for which model is loaded (the
real loaders are tested in test_transformers.py, test_ctranslate2.py and test_end_to_end.py).
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from helpers import CORPUS, NBEST, SCRIPT, ScriptedTranslator, hold_lock, run_cli

from summarize.cli.run import main
from summarize.pipeline import prepare_article
from summarize.translate import ModelError


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.fixture
def scripted():
    return ScriptedTranslator()


def test_writes_a_brief_and_json_per_article_and_the_daily_brief(corpus, tmp_path, scripted, capsys):
    out = tmp_path / "briefs"
    assert run_cli([str(corpus), "--out", str(out), "--date", "2026-11-22"], lambda: scripted) == 0
    stems = sorted(p.stem for p in corpus.glob("*.txt"))
    written = sorted(p.name for p in out.iterdir())  # nothing else: no lock or temporary file left
    briefs = sorted([f"{s}.{ext}" for s in stems for ext in ("md", "html", "json")]
                    + ["daily-brief.md", "daily-brief.json", "daily-brief.html"])
    assert written == sorted(briefs + [".summarize-written"])  # and the manifest of what it wrote
    assert (out / ".summarize-written").read_text(encoding="utf-8").split() == briefs
    closing = capsys.readouterr().out
    assert "5 articles, " in closing and f"written to {out}" in closing

    for stem in stems:
        data = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        article = prepare_article(corpus / f"{stem}.txt")
        sentences = [s for sec in data["sections"] for s in sec["sentences"]]
        # the Arabic of all sections, in order, is the article's cleaned text, each exactly once
        assert [s["ar"] for s in sentences] == [s.ar for s in article.sentences]
        assert all(s["en"] for s in sentences)
        assert all(entry in sentences for entry in data["summary"])
        assert data["signature"].startswith("model:scripted|")


def test_every_input_is_translated_once(corpus, tmp_path, scripted):
    run_cli([str(corpus), "--out", str(tmp_path / "b"), "--quiet"], lambda: scripted)
    asked = [text for call in scripted.calls for text in call]
    assert len(asked) == len(set(asked))
    repaired = [text for call in scripted.nbest_calls for text in call]
    assert len(repaired) == len(set(repaired))
    # glued words are mended in what the model sees
    assert any("الولايات المتحدة" in t for t in asked)
    assert not any("الولاياتالمتحدة" in t for t in asked)


def test_a_bad_article_is_named_and_the_rest_are_written(corpus, tmp_path, scripted, capsys):
    (corpus / "005_empty.txt").write_bytes(b"")
    (corpus / "006_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "briefs"
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 1
    err = capsys.readouterr().err
    assert "005_empty.txt" in err and "empty" in err
    assert "006_binary.txt" in err
    assert len(list(out.glob("*.md"))) == 6  # five briefs and the daily brief
    daily = (out / "daily-brief.md").read_text(encoding="utf-8")
    assert "## Not briefed" in daily
    # the file and the reason once; what to do about it is for the operator (stderr), not readers
    assert "- `005_empty.txt`: the file is empty\n" in daily
    assert "remove it or put the article's text in it" in err and "remove it" not in daily
    assert daily.count("005_empty.txt") == 1


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "missing",
    lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
])
def test_usage_errors_exit_2(tmp_path, capsys, make):
    # the real main: a usage error is found before any model is looked for
    assert main([str(make(tmp_path)), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert not (tmp_path / "out").exists()


def test_model_error_exits_2_and_writes_nothing(corpus, tmp_path, capsys):
    def fail():
        raise ModelError("could not load the model; fetch it with: python scripts/download_model.py")

    out = tmp_path / "briefs"
    assert run_cli([str(corpus), "--out", str(out)], fail) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and "download_model.py" in err
    assert not out.exists()


def test_help_does_not_import_torch():
    code = ("import sys\nfrom summarize.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'heavy import'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--sentences" in result.stdout


def test_a_name_that_would_overwrite_another_brief_is_refused(corpus, tmp_path, scripted, capsys):
    (corpus / "daily-brief.txt").write_text("خبر قصير عن الاجتماع في واشنطن.", encoding="utf-8")
    (corpus / "004_B4FC4710DE68D81F.txt").write_text("خبر قصير عن الاجتماع في واشنطن.", encoding="utf-8")
    out = tmp_path / "briefs"
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 1
    err = capsys.readouterr().err
    assert "daily-brief.txt" in err and "rename" in err
    assert "004_B4FC4710DE68D81F.txt" in err and "differ only in case" in err


def test_a_second_run_waits_for_the_first(corpus, tmp_path, scripted, capsys):
    out = tmp_path / "briefs"
    holder = hold_lock(out, 1.0)
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 0
    holder.wait()
    assert "waiting: another summarize run" in capsys.readouterr().err
    assert (out / "daily-brief.md").exists()


def test_a_second_run_gives_up_after_waiting(corpus, tmp_path, scripted, capsys, monkeypatch):
    import summarize.briefs.write

    monkeypatch.setattr(summarize.briefs.write, "LOCK_WAIT_SECONDS", 0.3)
    out = tmp_path / "briefs"
    holder = hold_lock(out, 5.0)
    try:
        assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 2
    finally:
        holder.kill()
    assert "another summarize run has been writing" in capsys.readouterr().err
    assert not (out / "daily-brief.md").exists()


@pytest.mark.parametrize("make_out, says", [
    (lambda tmp, corpus: (tmp / "file").write_text("x") and tmp / "file", "is a file"),
    (lambda tmp, corpus: corpus, "is the corpus folder itself"),
])
def test_an_unusable_out_is_refused_before_the_model_is_loaded(corpus, tmp_path, capsys, make_out, says):
    def must_not_load():
        raise AssertionError("the model was loaded for a run that cannot write its briefs")

    out = make_out(tmp_path, corpus)
    before = sorted(p.name for p in corpus.iterdir())
    assert run_cli([str(corpus), "--out", str(out)], must_not_load) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --out") and says in err and "Traceback" not in err
    assert sorted(p.name for p in corpus.iterdir()) == before


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "22/11/2026"])
def test_date_must_be_iso(value, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["corpus", "--date", value])
    assert stop.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_help_names_check_numbers_and_every_exit_code(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "summarize check-numbers AR_FILE EN_FILE" in text
    for code in ("0 ", "1 ", "2 ", "130 "):
        assert f"  {code}" in text


def test_interrupted_before_writing_says_nothing_was_written(corpus, tmp_path, capsys):
    def interrupt():
        raise KeyboardInterrupt

    assert run_cli([str(corpus), "--out", str(tmp_path / "b")], interrupt) == 130
    err = capsys.readouterr().err
    assert "nothing was written" in err and "already written are complete" not in err
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("show", [True, False])
def test_every_stage_shows_progress_on_a_terminal_and_none_elsewhere(corpus, tmp_path, capsys, show):
    from summarize import pipeline

    options = pipeline.Options(corpus=corpus, out=tmp_path / "b", progress=show)
    pipeline.run(options, lambda: ScriptedTranslator(SCRIPT, NBEST))
    err = capsys.readouterr().err
    stages = ["Reading", "Translating", "Checking numbers", "Re-decoding numbers", "Summarizing", "Grouping into stories",
              "Writing briefs"]
    if show:
        assert [s for s in stages if s not in err] == []
    else:
        assert err == ""


def test_no_bar_stays_on_the_terminal_once_its_stage_is_done(corpus, tmp_path, monkeypatch):
    """Every stage's bar is cleared when the stage ends (tqdm's leave=False): a 'Translating' bar left
    at 100% among the next stages' bars read as a stage still running."""
    import tqdm

    from summarize import pipeline

    made = []
    real_init = tqdm.tqdm.__init__

    def recording(self, *args, **kwargs):
        made.append((kwargs.get("desc"), kwargs.get("leave", True)))
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(tqdm.tqdm, "__init__", recording)
    pipeline.run(pipeline.Options(corpus=corpus, out=tmp_path / "b", progress=True),
                 lambda: ScriptedTranslator(SCRIPT, NBEST))
    assert {desc for desc, _ in made} >= {"Translating", "Re-decoding numbers", "Writing briefs"}
    assert [desc for desc, leave in made if leave] == []


@pytest.mark.parametrize("name, outcome", [
    (b"x" * 251 + b".txt", "refused"),   # a 255-byte name: its brief ".html" would pass 255 bytes
    (b"y" * 200 + b".txt", "briefed"),   # long, but its briefs and their temporary files fit
    (b"\xce\xc8\xd1.txt", "refused"),    # a Windows-1256 name: not valid UTF-8
])
def test_an_odd_file_name_costs_only_its_own_brief(corpus, tmp_path, scripted, capsys, name, outcome):
    # an article of its own (a copy of one of the others would be briefed once, as a copy: issue 21)
    article = "خبر قصير عن اسم الملف\n\nقال المتحدث إن الاجتماع انتهى مساء الأحد دون اتفاق.".encode()
    with open(os.path.join(os.fsencode(corpus), name), "wb") as handle:
        handle.write(article)
    out = tmp_path / "briefs"
    code = run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == (1 if outcome == "refused" else 0), err
    assert len(list(out.glob("*.md"))) == (6 if outcome == "refused" else 7)  # the others, and the daily brief
    daily = (out / "daily-brief.md").read_text(encoding="utf-8")
    assert ("## Not briefed" in daily) == (outcome == "refused")


def test_the_closing_line_says_what_the_cache_did(corpus, tmp_path, capsys):
    from summarize.translate.cache import CachedTranslator, TranslationCache

    def loader():
        model = ScriptedTranslator()
        return CachedTranslator(TranslationCache(tmp_path / "c.sqlite3"), lambda: model, model.count_tokens,
                                identity="sha256:x", name="scripted", backend="scripted", beam=4, device="cpu")

    run_cli([str(corpus), "--out", str(tmp_path / "b")], loader)
    first = capsys.readouterr().out
    new = int(first.split("translations: ")[1].split(" new")[0])
    assert new > 50 and ", 0 from the cache" in first
    run_cli([str(corpus), "--out", str(tmp_path / "b")], loader)
    assert f"translations: 0 new, {new} from the cache" in capsys.readouterr().out



def test_files_summarize_did_not_write_are_never_overwritten(corpus, tmp_path, scripted, capsys):
    out = tmp_path / "briefs"
    out.mkdir()
    mine = out / "000_1cfe3c73c460bb24.md"
    mine.write_text("my own notes on article 000", encoding="utf-8")
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 1
    err = capsys.readouterr().err
    assert "000_1cfe3c73c460bb24.md, which summarize did not write" in err
    assert mine.read_text(encoding="utf-8") == "my own notes on article 000"
    assert (out / "004_b4fc4710de68d81f.md").exists()  # the other articles are briefed
    # what summarize wrote it may rewrite: a second run over its own briefs is no conflict
    mine.unlink()
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 0
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 0


def test_a_daily_brief_summarize_did_not_write_stops_the_run_before_any_work(corpus, tmp_path, capsys):
    out = tmp_path / "briefs"
    out.mkdir()
    (out / "daily-brief.html").write_text("<p>the intranet's own page</p>", encoding="utf-8")

    def must_not_load():
        raise AssertionError("the model was loaded")

    assert run_cli([str(corpus), "--out", str(out)], must_not_load) == 2
    assert "daily-brief.html, which summarize did not write" in capsys.readouterr().err
    assert (out / "daily-brief.html").read_text(encoding="utf-8") == "<p>the intranet's own page</p>"


def test_briefs_from_before_the_manifest_are_recognised_as_ours(corpus, tmp_path, scripted):
    out = tmp_path / "briefs"
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 0
    (out / ".summarize-written").unlink()  # as a folder an older version wrote would be
    assert run_cli([str(corpus), "--out", str(out), "--quiet"], lambda: scripted) == 0
