"""The review database and the review loop without the web app: corrections, checks and approvals
stored, put onto the next summarize run (scripted translations and the tiny real model), lost when the
Arabic changes; the briefs rebuilt from their JSON render byte for byte what the run wrote; bad
folders and bad databases refused with a message, nothing changed."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import S14_WRONG

from summarize import pipeline
from summarize.briefs.json import provenance_of
from summarize.cli.run import execute, main
from summarize.review.briefs import BriefError, FolderReader, rerender
from summarize.review.queue import needs_attention, orphans
from summarize.review.state import (
    ReviewState,
    apply_reviews,
    ar_key,
    attach,
    fingerprint,
    review_onto,
    unresolved,
)
from summarize.review.schema import ReviewDbError
from summarize.review.store import Conflict, ReviewStore

FIXED = S14_WRONG.replace("28,000", "280,000")  # the sample's wrong figure, put right by a reviewer
AT = "2026-11-22T10:15:00Z"


def units_of(data: dict) -> dict:
    found = [data["title"]] + [s["heading"] for s in data["sections"] if s["heading"]]
    return {u["id"]: u for u in found + [s for sec in data["sections"] for s in sec["sentences"]]}


def brief_json(out: Path, stem: str) -> dict:
    return json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))


def open_store(path: Path) -> ReviewStore:
    return ReviewStore(path, create=True, clock=lambda: AT)


def correct(store: ReviewStore, out: Path, stem: str, unit_id: str, english: str, checked: bool = True):
    article = FolderReader(out).read().article(stem)
    unit = next(u for u in article.units if u.id == unit_id)
    return store.save_unit(article=stem, ar_key=ar_key(unit.ar), unit_id=unit_id, ar=unit.ar,
                           model_en=unit.model_en, corrected_en=english, checked_en=english if checked else None,
                           reviewer="ana", expected_version=0)


def approve(store: ReviewStore, out: Path, stem: str) -> None:
    article = FolderReader(out).read().article(stem)
    attach([article], ReviewState.load(store))
    assert not unresolved(article)
    store.approve(article=stem, fingerprint=fingerprint(article), reviewer="ana", expected_version=0)


def test_the_store_keeps_versions_history_and_refuses_a_stale_save(tmp_path):
    store = open_store(tmp_path / "review.sqlite3")
    args = dict(article="a", ar_key="k", unit_id="s1", ar="ع", model_en="model", reviewer="ana")
    first = store.save_unit(**args, corrected_en="one", checked_en="one", expected_version=0)
    assert first.version == 1
    with pytest.raises(Conflict) as conflict:  # a second tab that loaded the page before the first save
        store.save_unit(**args, corrected_en="two", checked_en=None, expected_version=0)
    assert conflict.value.current.corrected_en == "one"
    store.save_unit(**args, corrected_en="three", checked_en=None, expected_version=1)
    assert store.units()[("a", "k")].corrected_en == "three"
    assert [json.loads(h["after"])["corrected_en"] for h in store.history()] == ["one", "three"]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_saved_correction_survives_a_killed_process(tmp_path):
    db = tmp_path / "review.sqlite3"
    code = ("import os, signal, sys; sys.path.insert(0, %r)\n"
            "from summarize.review.store import ReviewStore\n"
            "s = ReviewStore(%r, create=True)\n"
            "s.save_unit(article='a', ar_key='k', unit_id='s1', ar='ع', model_en='m', corrected_en='kept',"
            " checked_en=None, reviewer='ana', expected_version=0)\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n") % (str(Path(__file__).parents[1]), str(db))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert done.returncode == -9, done.stderr
    assert ReviewStore(db).units()[("a", "k")].corrected_en == "kept"


@pytest.mark.parametrize("content, words", [
    (b"not a database at all, just some bytes" * 200, "unusable"),
    (None, "not a summarize review database"),
    ("newer", "newer summarize"),
])
def test_an_unusable_database_is_refused_and_left_as_it_was(tmp_path, content, words):
    db = tmp_path / "review.sqlite3"
    if content is None:
        sqlite3.connect(db).execute("CREATE TABLE other (x)").connection.commit()
    elif content == "newer":
        open_store(db).db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    else:
        db.write_bytes(content)
    before = db.read_bytes()
    with pytest.raises(ReviewDbError, match=words):
        ReviewStore(db, create=True)
    assert db.read_bytes() == before
    with pytest.raises(ReviewDbError, match="does not exist"):
        ReviewStore(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()


def test_reviews_are_keyed_by_the_arabic_spelling_normalized():
    assert ar_key("قُتِلَ  12 شخصاً\n") == ar_key("قتل 12 شخصا")
    assert ar_key("قتل 12 شخصا") != ar_key("قتل 13 شخصا")


def test_the_briefs_rebuilt_from_their_json_render_exactly_what_the_run_wrote(review_briefs):
    folder = FolderReader(review_briefs.out).read()
    files = folder.render([a.stem for a in folder.articles])
    assert len(files) == 3 * (len(folder.articles) + 1)
    assert [p.name for p, text in files.items() if p.read_text(encoding="utf-8") != text] == []
    assert provenance_of(brief_json(review_briefs.out, review_briefs.stem)["signature"]) == folder.made_by


def test_a_rerender_after_saves_writes_what_the_next_run_writes(review_briefs):
    b = review_briefs
    store = open_store(b.db)
    correct(store, b.out, b.stem, "s14", FIXED)
    approve(store, b.out, b.stem)
    written = rerender(FolderReader(b.out), [b.stem], lambda folder: review_onto(folder.articles, folder.shown,
                                                                              ReviewState.load(store)))
    assert sorted(p.name for p in written) == sorted(f"{stem}.{f}" for stem in (b.stem, "daily-brief")
                                                     for f in ("md", "html", "json"))
    after_save = {p.name: p.read_bytes() for p in b.out.iterdir() if not p.name.startswith(".")}
    b.run()  # the next summarize run, which applies the same database
    changed = [p.name for p in b.out.iterdir() if not p.name.startswith(".") and p.read_bytes() != after_save[p.name]]
    # the other briefs now say 0/N checked; the reviewed one and the daily brief are as the save left them
    assert b.stem + ".json" not in changed and "daily-brief.json" not in changed and "daily-brief.md" not in changed


def test_the_next_run_uses_the_correction_checks_its_numbers_and_keeps_the_approval(review_briefs):
    b = review_briefs
    flagged_before = b.run().numbers.flagged
    store = open_store(b.db)
    correct(store, b.out, b.stem, "s14", FIXED)
    approve(store, b.out, b.stem)
    store.close()
    result = b.run()
    data = brief_json(b.out, b.stem)
    s14 = units_of(data)["s14"]
    assert s14["en"] == FIXED
    assert [n["status"] for n in s14["numbers"]] == ["verified"] * 3  # checked again: 280 ألف = 280,000
    assert s14["review"] | {"model_numbers": None} == {
        "english": "human", "model_en": S14_WRONG, "model_numbers": None, "checked": True, "reviewer": "ana",
        "at": AT}
    assert "changed" in [n["status"] for n in s14["review"]["model_numbers"]]  # the model's check is kept
    assert data["review"] == {"checked": 1, "units": len(units_of(data)),
                              "approved": {"reviewer": "ana", "at": AT}, "approval_lost": None}
    assert result.numbers.flagged == flagged_before - 1
    md = (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert f"1/{len(units_of(data))} checked · approved by ana at 2026-11-22 10:15 UTC (covers the flagged numbers, not every sentence; headline not checked)" in md
    assert "✎ human translation · ✓ checked by ana" in md
    html = (b.out / f"{b.stem}.html").read_text(encoding="utf-8")
    assert "✎ human translation" in html and "approved by ana" in html
    assert f"[{b.stem}]({b.stem}.md) ✓ approved" in (b.out / "daily-brief.md").read_text(encoding="utf-8")
    assert json.loads((b.out / "daily-brief.json").read_text())["review"]["approved"][0]["article"] == b.stem


def test_wire_copy_gets_the_correction_of_the_same_arabic_but_not_its_check(review_briefs):
    b = review_briefs
    # another article that repeats s14's sentence (not a copy of 004 as a whole: that is briefed once)
    s14_ar = units_of(brief_json(b.out, b.stem))["s14"]["ar"]
    copy = b.corpus / "005_wire_copy.txt"
    other = next(b.corpus.glob("001_*.txt")).read_text(encoding="utf-8")
    copy.write_text(f"{other.rstrip()}\n\n{s14_ar}\n", encoding="utf-8")
    b.run()
    store = open_store(b.db)
    correct(store, b.out, b.stem, "s14", FIXED)
    store.close()
    b.run()
    repeated = next(u for u in units_of(brief_json(b.out, copy.stem)).values() if u["ar"] == s14_ar)
    assert repeated["en"] == FIXED and repeated["review"]["corrected_in"] == b.stem
    assert not repeated["review"]["checked"]


def test_changed_arabic_loses_the_approval_and_needs_attention_again(review_briefs):
    b = review_briefs
    store = open_store(b.db)
    correct(store, b.out, b.stem, "s14", FIXED)
    approve(store, b.out, b.stem)
    source = b.corpus / f"{b.stem}.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("280 ألف", "290 ألف"), encoding="utf-8")
    b.run()
    data = brief_json(b.out, b.stem)
    s14 = units_of(data)["s14"]
    assert "290 ألف" in s14["ar"] and s14["en"] != FIXED and s14["review"]["english"] == "model"
    assert not s14["review"]["checked"]
    assert data["review"]["approved"] is None and data["review"]["approval_lost"] == {"reviewer": "ana", "at": AT}
    assert "not approved (approved by ana" in (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    folder = FolderReader(b.out).read()
    state = ReviewState.load(store)
    attach(folder.articles, state)
    flagged = [(i.article.stem, i.unit.id) for i in needs_attention(folder.articles)["numbers"]]
    assert (b.stem, "s14") in flagged
    assert [(r.article, r.unit_id, r.corrected_en) for r in orphans(folder.articles, state)] == [(b.stem, "s14", FIXED)]


def test_a_corrupt_review_database_stops_the_run_before_anything_is_written(review_briefs, sample_translator, capsys):
    b = review_briefs
    b.db.write_bytes(b"\x00garbage" * 500)
    before = {p.name: p.read_bytes() for p in b.out.iterdir()}
    options = pipeline.Options(corpus=b.corpus, out=b.out, review_db=b.db)
    assert execute(options, lambda: sample_translator) == 2
    assert "review database" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in b.out.iterdir()} == before


def test_no_review_database_changes_nothing(review_briefs):
    folder = FolderReader(review_briefs.out).read()
    flagged = [a.number_counts.flagged for a in folder.articles]
    assert apply_reviews(folder.articles, review_briefs.db) is None  # the default path, never created
    assert not review_briefs.db.exists() and all(a.review is None for a in folder.articles)
    assert [a.number_counts.flagged for a in folder.articles] == flagged


def _older(out: Path):
    data = json.loads((out / "daily-brief.json").read_text())
    data["signature"] = data["signature"].replace("version:0.1.0", "version:0.0.9")
    (out / "daily-brief.json").write_text(json.dumps(data))


def _no_ids(out: Path):
    path = next(p for p in out.glob("0*.json"))
    data = json.loads(path.read_text())
    del data["title"]["id"]
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("spoil, words", [
    (lambda out: shutil.rmtree(out), "not a folder of briefs"),
    (lambda out: [p.unlink() for p in out.iterdir()], "no briefs in"),
    (lambda out: [p.unlink() for p in out.glob("*.json")], "no daily-brief.json"),
    (_older, "made by summarize 0.0.9, this is 0.1.0"),
    (_no_ids, "made by an older summarize"),
    (lambda out: next(out.glob("0*.json")).unlink(), "is named in daily-brief.json but missing"),
    (lambda out: next(out.glob("0*.json")).write_text("{broken"), "cannot be read"),
])
def test_a_folder_that_cannot_be_reviewed_says_why(review_briefs, spoil, words):
    spoil(review_briefs.out)
    with pytest.raises(BriefError, match=words) as error:
        FolderReader(review_briefs.out).read()
    assert "summarize" in str(error.value)  # each says what to run


def test_the_loop_on_the_tiny_model(tiny_model_dir, torch_one_thread, tmp_path, monkeypatch, capsys):
    """The real Marian code path: brief, correct a sentence the random model got wrong, brief again."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    corpus, out = tmp_path / "corpus", tmp_path / "briefs"
    corpus.mkdir()
    source = next(Path(__file__).parents[1].glob("corpus/004_*.txt"))
    shutil.copy(source, corpus)
    argv = [str(corpus), "--model", str(tiny_model_dir), "--out", str(out), "--beam", "2", "--backend",
            "transformers", "--quiet"]
    assert main(argv) == 0, capsys.readouterr().err
    stem = source.stem
    s14 = units_of(brief_json(out, stem))["s14"]
    assert any(n["status"] != "verified" for n in s14["numbers"])  # a random model gets 280 ألف wrong
    store = open_store(out / ".summarize-review.sqlite3")  # where summarize looks by default
    correct(store, out, stem, "s14", FIXED)
    store.close()
    assert main(argv) == 0, capsys.readouterr().err
    again = units_of(brief_json(out, stem))["s14"]
    assert again["en"] == FIXED and again["review"]["english"] == "human" and again["review"]["checked"]
    assert [n["status"] for n in again["numbers"]] == ["verified"] * 3
    assert again["review"]["model_en"] == s14["en"]
    assert os.path.exists(out / ".summarize-review.sqlite3")
