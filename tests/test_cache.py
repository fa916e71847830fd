"""The translation cache: a real SQLite file, the real Marian path on the tiny model."""

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from scripted import ScriptedTranslator
from summarize.translate import Translator
from summarize.translate.cache import CachedTranslator, TranslationCache, namespace
from summarize.translate.factory import open_translator, spm_counter

SENTENCES = [
    "يجتمع وزراء خارجية 68 دولة في واشنطن.",
    "وقال ماكورك إن التحالف الدولي الذي شن 14 ألف غارة خلال سنتين يحقق نجاحات على الأرض.",
    "ويشكل طرد المتشددين من الرقة هدفا رئيسيا للتحالف.",
]


def cached(cache_path, translator):
    return CachedTranslator(TranslationCache(cache_path), lambda: translator, translator.count_tokens,
                            identity="sha256:x", name="t", backend="scripted", beam=4, device="cpu")


def test_the_cached_translator_and_the_test_fake_have_the_whole_interface(tmp_path):
    assert isinstance(ScriptedTranslator(), Translator)
    assert isinstance(cached(tmp_path / "c.sqlite3", ScriptedTranslator()), Translator)


def test_a_warm_cache_answers_without_loading_the_model(tmp_path):
    path = tmp_path / "c.sqlite3"
    first = cached(path, ScriptedTranslator({s: f"EN {i}" for i, s in enumerate(SENTENCES)}))
    assert first.translate(SENTENCES) == ["EN 0", "EN 1", "EN 2"]

    def no_model():
        raise AssertionError("the model was loaded although everything is cached")

    warm = CachedTranslator(TranslationCache(path), no_model, len, identity="sha256:x", name="t",
                            backend="scripted", beam=4, device="cpu")
    assert warm.translate(SENTENCES) == ["EN 0", "EN 1", "EN 2"]
    assert not warm.loaded and warm.hits == 3 and warm.misses == 0


def test_only_new_sentences_are_translated(tmp_path):
    path = tmp_path / "c.sqlite3"
    cached(path, ScriptedTranslator()).translate(SENTENCES[:2])
    model = ScriptedTranslator()
    again = cached(path, model)
    again.translate(SENTENCES)
    assert model.calls == [[SENTENCES[2]]]


def test_nbest_lists_are_cached_with_their_scores(tmp_path):
    path = tmp_path / "c.sqlite3"
    model = ScriptedTranslator(nbest={SENTENCES[0]: ["a", "b", "c"]})
    first = cached(path, model).hypotheses([SENTENCES[0]], 3)
    second = cached(path, ScriptedTranslator()).hypotheses([SENTENCES[0]], 3)
    assert second == first and [h.text for h in second[0]] == ["a", "b", "c"]
    # a different n is a different request
    assert cached(path, ScriptedTranslator()).hypotheses([SENTENCES[0]], 2)[0][0].text == "[scripted stand-in]"


def test_a_changed_option_misses_the_cache():
    assert namespace("sha256:x", "transformers", 4, "cpu") != namespace("sha256:x", "transformers", 5, "cpu")
    assert namespace("sha256:x", "transformers", 4, "cpu") != namespace("sha256:x", "ctranslate2", 4, "cpu")
    assert namespace("sha256:x", "transformers", 4, "cpu") != namespace("sha256:y", "transformers", 4, "cpu")


def test_the_cache_returns_exactly_what_the_model_returned(tiny_model_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    options = dict(model=str(tiny_model_dir), backend="transformers", device="cpu", beam=2, batch_size=8,
                   offline=True, cache_path=tmp_path / "c.sqlite3")
    cold = open_translator(**options)
    translations = cold.translate(SENTENCES)
    assert cold.loaded
    assert translations == cold.translator.translate(SENTENCES)  # the model itself, no cache
    warm = open_translator(**options)
    assert warm.translate(SENTENCES) == translations
    assert not warm.loaded
    # the counter the cache uses without the model agrees with the model's tokenizer
    counter = spm_counter(tiny_model_dir / "source.spm")
    assert [counter(s) for s in SENTENCES] == [cold.translator.count_tokens(s) for s in SENTENCES]
    # another beam, and another model, miss
    assert open_translator(**{**options, "beam": 3}).namespace != warm.namespace


def test_a_changed_model_misses_the_cache(tiny_model_dir, tmp_path, monkeypatch):
    import shutil

    from conftest import load_script

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    other = load_script("make_tiny_model").build_tiny_marian(tmp_path / "other", seed=1)
    same = tmp_path / "copy"
    shutil.copytree(tiny_model_dir, same)
    options = dict(backend="transformers", device="cpu", beam=2, batch_size=8, offline=True,
                   cache_path=tmp_path / "c.sqlite3")
    original = open_translator(model=str(tiny_model_dir), **options).namespace
    assert open_translator(model=str(other), **options).namespace != original
    assert open_translator(model=str(same), **options).namespace == original  # same files, same model


def test_a_corrupt_cache_is_reported_and_bypassed(tmp_path, capsys):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    translator = cached(path, ScriptedTranslator({SENTENCES[0]: "EN"}))
    assert translator.translate([SENTENCES[0]]) == ["EN"]
    err = capsys.readouterr().err
    assert "translation cache" in err and str(path) in err and "Delete the file" in err


def test_an_unwritable_cache_location_is_reported_and_bypassed(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    translator = cached(blocker / "sub" / "c.sqlite3", ScriptedTranslator({SENTENCES[0]: "EN"}))
    assert translator.translate([SENTENCES[0]]) == ["EN"]
    assert "unusable" in capsys.readouterr().err


def test_two_processes_share_one_cache(tmp_path):
    path = tmp_path / "c.sqlite3"
    TranslationCache(path).close()
    writer = textwrap.dedent(f"""
        import sys
        from summarize.translate.cache import TranslationCache
        cache = TranslationCache({str(path)!r})
        assert cache.usable
        for i in range(200):
            cache.put("ns", "best", {{f"{{sys.argv[1]}}-{{i}}": "x"}})
        assert cache.usable
    """)
    processes = [subprocess.Popen([sys.executable, "-c", writer, name]) for name in ("a", "b")]
    assert [p.wait(timeout=60) for p in processes] == [0, 0]
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM translations").fetchone()[0]
    assert rows == 400


def test_a_converted_ctranslate2_folder_is_cached_too(tiny_model_dir, tmp_path, monkeypatch):
    pytest.importorskip("ctranslate2")
    from summarize.translate import convert

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    converted = convert.convert(tiny_model_dir, tmp_path / "tiny-ct2", quantization="int8")
    options = dict(model=str(converted), backend="ctranslate2", device="cpu", beam=2, batch_size=8,
                   offline=True, cache_path=tmp_path / "c.sqlite3")
    cold = open_translator(**options)
    translations = cold.translate(SENTENCES)
    assert cold.loaded
    warm = open_translator(**options)
    assert warm.translate(SENTENCES) == translations and not warm.loaded
    # the same source model through the transformers backend is another cache
    transformers = open_translator(**{**options, "model": str(tiny_model_dir), "backend": "transformers"})
    assert transformers.namespace != warm.namespace


def test_stats_and_prune_keep_what_was_used(tmp_path, capsys):
    from summarize.cli import main

    path = tmp_path / "c.sqlite3"
    translator = cached(path, ScriptedTranslator({s: f"EN {i}" for i, s in enumerate(SENTENCES)}))
    translator.translate(SENTENCES)
    translator.hypotheses(SENTENCES[:1], 8)
    # one entry was last used 40 days ago; the others now
    with sqlite3.connect(path) as db:
        db.execute("UPDATE translations SET last_used = last_used - 40 * 86400 WHERE source = ?", (SENTENCES[2],))
    translator.translate(SENTENCES[:1])  # a hit: counted and dated
    assert main(["cache", "stats", "--cache", str(path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entries"] == 4 and stats["kinds"]["best"]["entries"] == 3 and stats["kinds"]["best"]["hits"] == 1
    assert main(["cache", "prune", "--unused-days", "30", "--cache", str(path)]) == 0
    assert "pruned 1 entries unused for 30 days" in capsys.readouterr().out
    with sqlite3.connect(path) as db:
        left = {row[0] for row in db.execute("SELECT source FROM translations")}
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert left == {SENTENCES[0], SENTENCES[1]}


def test_a_cache_made_before_use_was_recorded_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE translations (namespace TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
                   " target TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (namespace, kind, source)) WITHOUT ROWID")
        db.execute("INSERT INTO translations VALUES (?, 'best', ?, 'OLD', 0)",
                   (namespace("sha256:x", "scripted", 4, "cpu"), SENTENCES[0]))
    assert cached(path, ScriptedTranslator()).translate(SENTENCES[:1]) == ["OLD"]  # still a hit
    assert TranslationCache(path).stats()["kinds"]["best"]["hits"] == 1


def test_prune_without_days_and_a_missing_cache_are_usage_errors(tmp_path, capsys):
    from summarize.cli import main

    assert main(["cache", "stats", "--cache", str(tmp_path / "none.sqlite3")]) == 2
    assert "no translation cache at" in capsys.readouterr().err
    cached(tmp_path / "c.sqlite3", ScriptedTranslator()).translate(SENTENCES[:1])
    assert main(["cache", "prune", "--cache", str(tmp_path / "c.sqlite3")]) == 2
    assert "--unused-days" in capsys.readouterr().err
