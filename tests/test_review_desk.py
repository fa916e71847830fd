"""A desk's daily workflow (issue 25, item 10): the reviewers' memory is the desk's, not a folder's.
Corrections made while reviewing today's folder apply when tomorrow is briefed into another folder,
and the run's closing line says how many corrections and approvals it applied."""

import json
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from helpers import S14_WRONG  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from summarize.cli import review as server  # noqa: E402
from summarize.cli.run import build_parser, execute, options_from  # noqa: E402

FIXED = S14_WRONG.replace("28,000", "280,000")


def s14(folder, stem):
    data = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    return next(s for sec in data["sections"] for s in sec["sentences"] if s["id"] == "s14")


def test_corrections_made_in_one_days_folder_apply_to_the_next(review_briefs, sample_translator, tmp_path, capsys):
    b = review_briefs
    app, store, _ = server.prepare(server.build_parser().parse_args([str(b.out), "--reviewer", "bo"]))
    c = TestClient(app, base_url="http://127.0.0.1:8123")
    page = c.get(f"/brief/{b.stem}").text
    block = re.search(r'<article class="unit[^"]*" id="s14".*?</article>', page, re.S).group(0)
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))
    assert c.post(f"/brief/{b.stem}/unit/s14", data=form | {"en": FIXED, "checked": "on"},
                  follow_redirects=False).status_code == 303
    store.close()
    assert not b.db.exists()  # not in today's folder ...
    tomorrow = tmp_path / "briefs" / "2018-05-10"
    options = options_from(build_parser().parse_args([str(b.corpus), "--out", str(tomorrow)]))
    capsys.readouterr()
    assert execute(options, lambda: sample_translator) == 0
    assert s14(tomorrow, b.stem)["en"] == FIXED  # ... but the desk's: tomorrow's folder gets it
    out = capsys.readouterr().out
    assert re.search(r"reviews: 1 correction and 0 approvals applied from \S+review\.sqlite3", out), out


def test_a_folder_reviewed_before_keeps_its_own_database(review_briefs, sample_translator, capsys):
    """A folder with the database an older summarize kept in it (and no desk database yet) still uses it."""
    from summarize.review.store import ReviewStore
    from summarize.review.state import ar_key

    b = review_briefs
    store = ReviewStore(b.db, create=True)
    unit = s14(b.out, b.stem)
    store.save_unit(article=b.stem, ar_key=ar_key(unit["ar"]), unit_id="s14", ar=unit["ar"], model_en=S14_WRONG,
                    corrected_en=FIXED, checked_en=None, reviewer="bo", expected_version=0)
    store.close()
    options = options_from(build_parser().parse_args([str(b.corpus), "--out", str(b.out)]))
    assert options.review_db == b.db
    assert execute(options, lambda: sample_translator) == 0
    assert s14(b.out, b.stem)["en"] == FIXED


def test_a_smaller_day_in_the_same_folder_moves_yesterdays_briefs_to_old(review_briefs, sample_translator):
    """Item 11: the folder holds this run's briefs; what an earlier run wrote and this one did not is
    moved to old/ (only files the manifest says summarize wrote: a user's own file stays)."""
    from summarize.briefs.write import MANIFEST

    b = review_briefs
    (b.out / "notes.md").write_text("the desk's own notes", encoding="utf-8")
    gone = sorted(b.corpus.glob("*.txt"))[:3]
    for path in gone:
        path.unlink()
    options = options_from(build_parser().parse_args([str(b.corpus), "--out", str(b.out)]))
    assert execute(options, lambda: sample_translator) == 0
    left = {p.stem for p in b.corpus.glob("*.txt")}
    briefs = {p.name for p in b.out.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert briefs == {f"{s}.{f}" for s in left | {"daily-brief"} for f in ("md", "html", "json")} | {"notes.md"}
    assert {p.name for p in (b.out / "old").iterdir()} == {f"{p.stem}.{f}" for p in gone for f in ("md", "html", "json")}
    assert set((b.out / MANIFEST).read_text(encoding="utf-8").split()) == briefs - {"notes.md"}
    assert (b.out / "notes.md").read_text(encoding="utf-8") == "the desk's own notes"
