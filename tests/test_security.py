"""Issue 25's attacks on the review app and the briefs, each as a test of the app through its test
client (or of the Markdown briefs rendered by a CommonMark renderer): links served as briefs, stems
that lead out of the folder, HTML and links injected through file names and reviewers' titles,
origins of another scheme or port, damaged review databases."""

import json
import os
import shutil

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from summarize.cli import review as server  # noqa: E402
from summarize.review.app import Config, create_app  # noqa: E402
from summarize.review.briefs import BriefError, FolderReader  # noqa: E402
from summarize.review.store import ReviewStore  # noqa: E402


def make_app(b):
    store = ReviewStore(b.db, create=True)
    app = create_app(Config(briefs=b.out, db=b.db, reviewer="ana", cache=b.cache), store)
    return TestClient(app, base_url="http://127.0.0.1:8123"), app, store


@pytest.fixture
def client(review_briefs):
    c, _, store = make_app(review_briefs)
    yield c
    store.close()


# -- 1. /files/ serves the briefs, never what a link in the folder points at --

@pytest.mark.parametrize("target", ["outside", "database", "inside"])
def test_a_brief_that_is_a_link_is_not_served(client, review_briefs, tmp_path, target):
    b = review_briefs
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:secret", encoding="utf-8")
    pointed = {"outside": secret, "database": b.db, "inside": b.out / "daily-brief.md"}[target]
    brief = b.out / f"{b.stem}.md"
    brief.unlink()
    brief.symlink_to(pointed)
    response = client.get(f"/files/{b.stem}.md")
    assert response.status_code == 404 and "secret" not in response.text and "SQLite" not in response.text
    assert client.get(f"/files/{b.stem}.html").status_code == 200  # the brief's other files still are


def test_a_briefs_folder_that_is_itself_a_link_is_served(review_briefs, tmp_path):
    b = review_briefs
    link = tmp_path / "today"
    link.symlink_to(b.out)
    store = ReviewStore(b.db, create=True)
    c = TestClient(create_app(Config(briefs=link, db=b.db, reviewer="ana", cache=b.cache), store),
                   base_url="http://127.0.0.1:8123")
    assert c.get(f"/files/{b.stem}.md").status_code == 200
    store.close()


# -- 2. nothing read from a brief leads a write out of the folder --

def _plant(b, stem_in_daily: str, article: str):
    """A daily brief naming ``stem_in_daily`` whose JSON says it is ``article``; beside the folder,
    ``elsewhere/evil.md``/``.html``, the files an escape would overwrite."""
    elsewhere = b.out.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    for fmt in ("md", "html"):
        (elsewhere / f"evil.{fmt}").write_text("someone else's file", encoding="utf-8")
    brief = json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8"))
    brief["article"] = article
    target = b.out / f"{stem_in_daily}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    daily_path = b.out / "daily-brief.json"
    daily = json.loads(daily_path.read_text(encoding="utf-8"))
    daily["stories"][0]["articles"].append(stem_in_daily)
    daily_path.write_text(json.dumps(daily, ensure_ascii=False), encoding="utf-8")
    return elsewhere


@pytest.mark.parametrize("stem_in_daily, article", [
    ("../elsewhere/evil", "../elsewhere/evil"),  # the daily brief's stem leads out
    ("999_planted", "../elsewhere/evil"),  # the brief's own name does
    ("999_planted", "/tmp/evil"),
    ("sub/evil", "sub/evil"),
    ("..", ".."),
])
def test_a_stem_that_leads_out_of_the_folder_is_refused(review_briefs, stem_in_daily, article):
    b = review_briefs
    elsewhere = _plant(b, stem_in_daily, article)
    with pytest.raises(BriefError, match="not a brief of this folder"):
        FolderReader(b.out).read()
    args = server.build_parser().parse_args([str(b.out), "--reviewer", "bo", "--cache", str(b.cache)])
    with pytest.raises(BriefError):
        server.prepare(args)  # the start-up re-render
    for fmt in ("md", "html"):
        assert (elsewhere / f"evil.{fmt}").read_text(encoding="utf-8") == "someone else's file"
    assert not (b.out / "sub").exists() or not any(p.suffix in (".md", ".html") for p in (b.out / "sub").iterdir())


def test_a_brief_json_that_is_a_link_out_of_the_folder_is_refused(review_briefs, tmp_path):
    b = review_briefs
    outside = tmp_path / "outside.json"
    shutil.move(b.out / f"{b.stem}.json", outside)
    os.symlink(outside, b.out / f"{b.stem}.json")
    with pytest.raises(BriefError, match="not a brief of this folder"):
        FolderReader(b.out).read()
