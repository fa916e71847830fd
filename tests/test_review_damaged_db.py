"""A review database the app or a run cannot use as it is (issue 25, item 6): of another schema,
read-only, locked for long, or on a read-only mount.  Each gets a message that says what to do
(exit 2 for the commands, a page with the typed text shown back for a save), never a traceback
or a bare 500; a run that only reads a database on a read-only mount reads it."""

import re
import sqlite3
import subprocess

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from summarize.cli import review as server  # noqa: E402
from summarize.review.app import Config, create_app  # noqa: E402
from summarize.review.state import apply_reviews  # noqa: E402
from summarize.review.schema import ReviewDbError  # noqa: E402
from summarize.review.store import ReviewStore  # noqa: E402

TYPED = "The reviewer's English, typed with care: 280,000 people."


def other_schema(path, kind: str) -> None:
    db = sqlite3.connect(path)
    if kind == "meta only":
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    elif kind == "schema one":
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema', 'one')")
    elif kind == "missing column":
        ReviewStore(path, create=True).close()
        db.execute("ALTER TABLE units DROP COLUMN checked_en")
    elif kind == "meta of another shape":
        db.execute("CREATE TABLE meta (name TEXT)")
    db.commit()
    db.close()


KINDS = ["meta only", "schema one", "missing column", "meta of another shape"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_database_of_another_schema_stops_the_app_with_a_message(review_briefs, capsys, kind):
    b = review_briefs
    other_schema(b.db, kind)
    before = b.db.read_bytes()
    assert server.main([str(b.out), "--cache", str(b.cache)]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and str(b.db) in err and "Traceback" not in err
    assert "not a summarize review database" in err or "schema" in err
    assert b.db.read_bytes() == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_database_of_another_schema_stops_a_run_before_it_writes(review_briefs, kind):
    b = review_briefs
    other_schema(b.db, kind)
    with pytest.raises(ReviewDbError, match=re.escape(str(b.db))):
        apply_reviews([], b.db)
    pristine = {p.name: p.read_bytes() for p in b.out.iterdir() if not p.name.startswith(".")}
    with pytest.raises(ReviewDbError):
        b.run()
    assert {p.name: p.read_bytes() for p in b.out.iterdir() if not p.name.startswith(".")} == pristine


def _app(b):
    store = ReviewStore(b.db, create=True)
    return TestClient(create_app(Config(briefs=b.out, db=b.db, reviewer="ana", cache=b.cache), store),
                      base_url="http://127.0.0.1:8123"), store


def _save(c, b, unit_id="s14"):
    page = c.get(f"/brief/{b.stem}").text
    block = re.search(rf'<article class="unit[^"]*" id="{unit_id}".*?</article>', page, re.S).group(0)
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))
    return c.post(f"/brief/{b.stem}/unit/{unit_id}", data=form | {"en": TYPED, "checked": "on"},
                  follow_redirects=False)


def test_a_save_to_a_read_only_database_shows_the_text_back(review_briefs):
    b = review_briefs
    c, store = _app(b)
    store.db.execute("PRAGMA query_only = ON")  # as a file made immutable (chattr +i) answers
    response = _save(c, b)
    assert response.status_code == 503 and "could not be saved" in response.text
    assert TYPED.replace("'", "&#39;") in response.text  # the typed text, to copy
    assert c.get("/").status_code == 200  # reading goes on
    store.db.execute("PRAGMA query_only = OFF")
    assert _save(c, b).status_code == 303  # and a save works again once it can
    store.close()


def test_a_save_to_a_database_locked_for_long_shows_the_text_back(review_briefs):
    b = review_briefs
    c, store = _app(b)
    store.db.execute("PRAGMA busy_timeout = 50")  # the 30 s the app waits, shortened
    other = sqlite3.connect(b.db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        response = _save(c, b)
        assert response.status_code == 503 and "could not be saved" in response.text
        assert "locked" in response.text and TYPED.replace("'", "&#39;") in response.text
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _save(c, b).status_code == 303  # the lock gone, the next save goes through
    store.close()


@pytest.fixture
def read_only_mount(tmp_path):
    """A folder on a tmpfs mounted read-only (root only: skipped where mount is not allowed)."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "none", str(mount)], capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_run_reads_a_database_on_a_read_only_mount(review_briefs, read_only_mount):
    b = review_briefs
    c, store = _app(b)
    assert _save(c, b).status_code == 303
    store.close()
    db = read_only_mount / "review.sqlite3"
    db.write_bytes(b.db.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    with pytest.raises(OSError):
        (read_only_mount / "probe").write_text("x")
    from summarize.review.briefs import FolderReader

    articles = FolderReader(b.out).read().articles
    apply_reviews(articles, db)
    s14 = next(u for a in articles if a.stem == b.stem for u in a.units if u.id == "s14")
    assert s14.en == TYPED and s14.review.checked
    assert sorted(p.name for p in read_only_mount.iterdir()) == ["review.sqlite3"]
