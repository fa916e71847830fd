"""The translation cache: a real SQLite file, the real Marian path on the tiny model."""

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import ScriptedTranslator, load_script

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
    assert not warm.loaded and warm.answered == {("best", "cached"): 3, ("best", "new"): 0}


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
    assert "translation cache" in err and f"delete it (rm {path})" in err


def test_an_unwritable_cache_location_is_reported_and_bypassed(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    translator = cached(blocker / "sub" / "c.sqlite3", ScriptedTranslator({SENTENCES[0]: "EN"}))
    assert translator.translate([SENTENCES[0]]) == ["EN"]
    assert f"cannot be made: {blocker} is a file, not a folder; give --cache" in capsys.readouterr().err


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
    translator.hypotheses(SENTENCES[:1], 8, no_repeat_ngram_size=3)
    assert main(["cache", "stats", "--cache", str(path)]) == 0
    words = capsys.readouterr().out
    assert "  translations: 3 entries, 1 hits" in words and "  8-best lists (number and loop repairs): 1 entries" in words
    assert "  8-best lists searched without repeating 3 tokens (loop repair): 1 entries" in words
    with sqlite3.connect(path) as db:  # the loop repair's entry is not part of the prune below
        db.execute("DELETE FROM translations WHERE kind = 'nbest:8/no-repeat:3'")
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


def test_a_new_cache_file_has_the_schema_older_runs_read(tmp_path):
    """The file (cachefile.CacheFile) is made with these tables, in WAL mode: caches already on
    users' disks hold them, so a change here needs CACHE_FORMAT or an upgrade like the one above."""
    path = tmp_path / "c.sqlite3"
    TranslationCache(path).close()
    db = sqlite3.connect(path)
    try:
        tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        db.close()
    assert tables == {
        "translations": "CREATE TABLE translations ( namespace TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT"
                        " NULL, target TEXT NOT NULL, created REAL NOT NULL, last_used REAL, hits INTEGER NOT NULL"
                        " DEFAULT 0, PRIMARY KEY (namespace, kind, source)) WITHOUT ROWID",
        "digests": "CREATE TABLE digests (key TEXT PRIMARY KEY, signature TEXT, digest TEXT)",
    }
    assert mode == "wal"


def test_prune_without_days_and_a_missing_cache_are_usage_errors(tmp_path, capsys):
    from summarize.cli import main

    assert main(["cache", "stats", "--cache", str(tmp_path / "none.sqlite3")]) == 2
    assert "no translation cache at" in capsys.readouterr().err
    cached(tmp_path / "c.sqlite3", ScriptedTranslator()).translate(SENTENCES[:1])
    assert main(["cache", "prune", "--cache", str(tmp_path / "c.sqlite3")]) == 2
    assert "--unused-days" in capsys.readouterr().err


# -- trouble with the cache file: said once, with what to do, and never a crash ---------------


def test_an_nbest_entry_that_is_not_json_is_a_miss_said_once_and_replaced(tmp_path, capsys):
    path = tmp_path / "c.sqlite3"
    model = ScriptedTranslator(nbest={SENTENCES[0]: ["a", "b"], SENTENCES[1]: ["c"]})
    cached(path, model).hypotheses(SENTENCES[:2], 2)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE translations SET target = '[[\"a\", -0.1], [\"b\"' WHERE source = ?", (SENTENCES[0],))
        db.execute("UPDATE translations SET target = '[1, 2]' WHERE source = ?", (SENTENCES[1],))
    again = cached(path, ScriptedTranslator(nbest={SENTENCES[0]: ["a2", "b2"], SENTENCES[1]: ["c2"]}))
    got = again.hypotheses(SENTENCES[:2], 2)
    assert [[h.text for h in hyps] for hyps in got] == [["a2", "b2"], ["c2"]]
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "unreadable entries (2 so far" in err and f"rm {path}" in err
    assert cached(path, ScriptedTranslator()).hypotheses(SENTENCES[:2], 2) == got  # replaced: hits now


def test_a_read_only_cache_is_read_and_not_written(tmp_path, capsys, monkeypatch):
    path = tmp_path / "c.sqlite3"
    cached(path, ScriptedTranslator({SENTENCES[0]: "EN 0"})).translate(SENTENCES[:1])
    real = os.access  # root may write anything: the file's mode is what a user would meet
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode & os.W_OK and "c.sqlite3" in str(p)
                        or mode & os.W_OK and str(p) == str(tmp_path) else real(p, mode))
    model = ScriptedTranslator({SENTENCES[1]: "EN 1"})
    translator = cached(path, model)
    assert translator.translate(SENTENCES[:2]) == ["EN 0", "EN 1"] and model.calls == [[SENTENCES[1]]]
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "is read-only" in err and "its translations are used" in err
    monkeypatch.setattr(os, "access", real)
    rows = sqlite3.connect(path).execute("SELECT source FROM translations").fetchall()
    assert rows == [(SENTENCES[0],)]  # the new one was not stored (and nothing was attempted)


@pytest.mark.parametrize("make, says", [
    (lambda p: p.mkdir() or p, "is a folder; give --cache a file in it"),
    (lambda p: os.devnull, "is not a regular file"),
    (lambda p: p.parent / "no" / "such" / "folder" / "c.sqlite3", None),  # made: a cache like any other
    (lambda p: (p.parent / "f").write_text("x") and p.parent / "f" / "c.sqlite3", "is a file, not a folder"),
    (lambda p: (p.write_bytes(b"\x00" * 5000), p)[1], "is damaged or not a cache"),
    (lambda p: (p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000), p)[1], "is damaged or not a cache"),
])
def test_each_unusable_cache_says_what_is_wrong_and_what_to_do(tmp_path, capsys, make, says):
    path = Path(make(tmp_path / "c.sqlite3"))
    translator = cached(path, ScriptedTranslator({SENTENCES[0]: "EN"}))
    assert translator.translate([SENTENCES[0]]) == ["EN"]
    err = capsys.readouterr().err
    if says is None:
        assert err == "" and path.is_file() and translator.cache.usable
    else:
        assert err.count("warning:") == 1 and says in err and "translating without it" in err
        assert "give --cache" in err or f"rm {path}" in err
    assert not Path(f"{os.devnull}-journal").exists() and not Path(f"{os.devnull}-wal").exists()


def test_a_truncated_cache_is_reported_as_damaged(tmp_path, capsys):
    path = tmp_path / "c.sqlite3"
    first = cached(path, ScriptedTranslator())
    first.translate([f"جملة رقم {i}" * 20 for i in range(300)])
    first.cache.close()  # the last connection: the WAL is written into the file
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    assert cached(path, ScriptedTranslator()).translate([f"جملة رقم {i}" * 20 for i in range(300)])
    assert "is damaged or not a cache" in capsys.readouterr().err


def test_an_sqlite_file_of_another_program_is_never_written(tmp_path, capsys):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = path.read_bytes()
    assert cached(path, ScriptedTranslator({SENTENCES[0]: "EN"})).translate([SENTENCES[0]]) == ["EN"]
    err = capsys.readouterr().err
    assert "is an SQLite database of something else (tables: invoices)" in err and "never delete it" in err
    assert path.read_bytes() == before


def test_a_full_disk_stops_the_storing_not_the_reading(tmp_path, capsys):
    path = tmp_path / "c.sqlite3"
    cached(path, ScriptedTranslator({SENTENCES[0]: "EN 0"})).translate(SENTENCES[:1])
    translator = cached(path, ScriptedTranslator({s: f"EN {i}" for i, s in enumerate(SENTENCES)}))
    pages = translator.cache.connection.execute("PRAGMA page_count").fetchone()[0]
    translator.cache.connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    many = [f"{s} {i}" * 40 for i in range(200) for s in SENTENCES[1:2]]
    assert len(translator.translate(many)) == 200
    assert translator.translate(SENTENCES[:1]) == ["EN 0"]  # still read
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "the disk holding it is full" in err and "new ones are not stored" in err


@pytest.mark.parametrize("home", ["unset", "a file", "read-only"])
def test_no_writable_home_falls_back_to_a_private_temporary_cache(tmp_path, capsys, monkeypatch, home):
    from summarize.translate.cachefile import default_cache_path

    for name in ("SUMMARIZE_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    if home == "unset":
        monkeypatch.delenv("HOME")
        monkeypatch.setattr("summarize.translate.cachefile.home", lambda: None)
    elif home == "a file":
        (tmp_path / "home").write_text("x")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
    else:
        (tmp_path / "home").mkdir()
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if "home" in str(p) else real(p, mode))
    path = default_cache_path()
    assert path.parent == tmp_path / "tmp" / f"summarize-{os.getuid()}"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    # a run asks again for the review database and the story history beside the cache: said once
    assert default_cache_path() == default_cache_path() == path
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "set SUMMARIZE_CACHE or give --cache FILE" in err
    assert err.count("warning:") == 1


def test_sigkill_during_cache_writes_leaves_a_sound_file(tmp_path):
    path = tmp_path / "c.sqlite3"
    writer = textwrap.dedent(f"""
        from summarize.translate.cache import TranslationCache
        cache = TranslationCache({str(path)!r})
        print("open", flush=True)
        i = 0
        while True:
            cache.put("ns", "best", {{f"s{{i}}-{{j}}": "x" * 500 for j in range(50)}})
            i += 1
    """)
    process = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "open"
    while not path.exists() or sqlite3.connect(path).execute("SELECT COUNT(*) FROM translations").fetchone()[0] < 500:
        pass
    process.kill()
    process.wait()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
    assert rows % 50 == 0 and rows >= 500  # whole batches only
    cache = TranslationCache(path)
    cache.put("ns", "best", {"after": "y"})
    assert cache.usable and cache.get("ns", "best", ["after"]) == {"after": "y"}



def test_prune_on_a_read_only_cache_is_one_error_line(tmp_path, capsys, monkeypatch):
    from summarize.cli import main
    from summarize.translate import cache as cache_module

    path = tmp_path / "c.sqlite3"
    cached(path, ScriptedTranslator()).translate(SENTENCES[:1])

    def read_only(self, days):  # what SQLite says for a read-only file or mount (root writes through modes)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(cache_module.TranslationCache, "prune", read_only)
    assert main(["cache", "prune", "--unused-days", "0", "--cache", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot prune") and "readonly" in err and "Traceback" not in err
