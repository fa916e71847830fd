"""Issue 25's attacks on the review app and the briefs, each as a test of the app through its test
client (or of the Markdown briefs rendered by a CommonMark renderer): links served as briefs, stems
that lead out of the folder, HTML and links injected through file names and reviewers' titles,
origins of another scheme or port, damaged review databases."""

import json
import os
import re
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
    ("999_planted", ""),
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


# -- 3. the Markdown briefs, rendered as CommonMark: no element, no live link from what they quote --

markdown_it = pytest.importorskip("markdown_it")

EVIL_NAMES = ["z<img src=x onerror=alert(78)>", "b`<img src=x onerror=alert(79)>`", "c[x](mailto:evil@evil.example)",
              "d\x1b[31m\x07<script>alert(80)<\\script>"]
EVIL_TITLE = "[x](http://evil.example/a) ![t](http://evil.example/t.png) <img src=x onerror=alert(81)> \x00\x07\x1b"
ARTICLE = "عنوان الخبر\n\nقتل 12 شخصا وأصيب 40 آخرون في الحادث الذي وقع صباح اليوم في العاصمة."


def _elements(md: str) -> list[tuple[str, dict]]:
    """The elements a CommonMark renderer (raw HTML on, as pandoc and python-markdown have it) makes."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(markdown_it.MarkdownIt("commonmark").render(md))
    return found


def _hostile(md: str) -> list:
    bad = []
    for tag, attrs in _elements(md):
        if tag in ("img", "script", "iframe", "object", "embed", "svg", "style") or any(a.startswith("on") for a in attrs):
            bad.append((tag, attrs))
        if tag == "a" and not (re.fullmatch(r"[^:]*\.md(#(topic|story)-\d+)?|#(topic|story)-\d+", attrs.get("href") or "")
                               or (set(attrs) == {"id"} and re.fullmatch(r"(topic|story)-\d+", attrs["id"]))):
            bad.append((tag, attrs))  # a brief links only to the folder's briefs and its own topics and stories
    return bad


def test_the_markdown_briefs_quote_names_titles_and_reviewers_as_text(review_briefs):
    b = review_briefs
    for number, name in enumerate(EVIL_NAMES):  # each its own text: a copy would be briefed once
        (b.corpus / f"{name}.txt").write_text(ARTICLE.replace("12", str(12 + number)), encoding="utf-8")
    (b.corpus / "e`<img src=x onerror=alert(82)>`.txt").write_text("", encoding="utf-8")  # fails: Not briefed
    b.run()
    c = TestClient(create_app(Config(briefs=b.out, db=b.db, reviewer="<img src=x onerror=alert(83)>[r](http://evil.example)",
                                     cache=b.cache), store := ReviewStore(b.db, create=True)),
                   base_url="http://127.0.0.1:8123")

    stem = EVIL_NAMES[0]
    from urllib.parse import quote

    page = c.get(f"/brief/{quote(stem)}").text
    block = re.search(r'<article class="unit[^"]*" id="title".*?</article>', page, re.S).group(0)
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))
    saved = c.post(f"/brief/{quote(stem)}/unit/title", data=form | {"en": EVIL_TITLE, "checked": "on"},
                   follow_redirects=False)
    assert saved.status_code == 303 and "problem" not in saved.headers["location"]
    store.close()
    written = sorted(b.out.glob("*.md"))
    assert len(written) >= 6
    for path in written:
        md = path.read_text(encoding="utf-8")
        assert _hostile(md) == [], path.name
        assert not any(ch in md for ch in "\x00\x07\x1b"), path.name
    daily = (b.out / "daily-brief.md").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", markdown_it.MarkdownIt("commonmark").render(daily))
    assert "z&lt;img src=x onerror=alert(78)&gt;" in text  # the names are there, as text
    brief = markdown_it.MarkdownIt("commonmark").render((b.out / f"{stem}.md").read_text(encoding="utf-8"))
    assert "[x](http://evil.example/a)" in brief  # the reviewer's title, as typed


# -- 4. an Origin is this server's only with its scheme, host and port --

def _unit_form(c, b, unit_id="s14"):
    page = c.get(f"/brief/{b.stem}").text
    block = re.search(rf'<article class="unit[^"]*" id="{unit_id}".*?</article>', page, re.S).group(0)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))


@pytest.mark.parametrize("origin", ["http://127.0.0.1:1", "https://localhost:9999", "https://127.0.0.1:8123",
                                    "http://127.0.0.1", "http://localhost:8123", "null"])
def test_a_change_from_another_scheme_or_port_is_refused(client, review_briefs, origin):
    b = review_briefs
    form = _unit_form(client, b) | {"en": "An English from elsewhere."}
    response = client.post(f"/brief/{b.stem}/unit/s14", data=form, headers={"Origin": origin}, follow_redirects=False)
    assert response.status_code == 403 and "another site" in response.text
    csrf = form["csrf"]
    check = client.post("/api/check", json={"stem": b.stem, "unit": "s14", "en": "x"},
                        headers={"X-CSRF-Token": csrf, "Origin": origin})
    assert check.status_code == 403


def test_a_change_from_this_servers_own_origin_is_taken(client, review_briefs):
    b = review_briefs
    form = _unit_form(client, b) | {"en": "An English from this page."}
    response = client.post(f"/brief/{b.stem}/unit/s14", data=form, headers={"Origin": "http://127.0.0.1:8123"},
                           follow_redirects=False)
    assert response.status_code == 303
    for host in ("localhost:8123", "[::1]:8123"):  # the same server under another of its names
        form = _unit_form(client, b, "s1") | {"en": f"Through {host}."}
        assert client.post(f"/brief/{b.stem}/unit/s1", data=form, follow_redirects=False,
                           headers={"Origin": f"http://{host}", "Host": host}).status_code == 303


# -- 5. issue 23: the queue's check groups and the reviewers' glossary quote everything as text --

def test_check_groups_flag_notes_and_glossary_terms_are_escaped(client, review_briefs):
    b = review_briefs
    term = _unit_form(client, b, "s10") | {"term_ar": "الموصل", "term_en": '<img src=x onerror="alert(1)">',
                                           "notes": "<script>window.pwned=1</script>"}
    assert client.post(f"/brief/{b.stem}/unit/s10/term", data=term, follow_redirects=False).status_code == 303
    loop = "<script>window.pwned=2</script> التحالف <b>x</b> <b>x</b> <b>x</b>"
    form = {k: v for k, v in _unit_form(client, b, "s11").items() if k != "checked"} | {"en": loop}  # not checked
    assert client.post(f"/brief/{b.stem}/unit/s11", data=form, follow_redirects=False).status_code == 303
    flags = json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8"))
    s11 = next(u for s in flags["sections"] for u in s["sentences"] if u["id"] == "s11")
    assert {"untranslated", "repetition"} <= {c["check"] for c in s11["checks"]}
    pages = {"queue": client.get("/").text, "by check": client.get("/?check=terms").text,
             "brief": client.get(f"/brief/{b.stem}").text,
             "published": (b.out / f"{b.stem}.html").read_text(encoding="utf-8")}
    for name, page in pages.items():
        assert "<script>window" not in page and "<img src=x" not in page and "<b>x</b>" not in page, name
        assert "&lt;img src=x onerror=" in page, name  # the terms flag's note, as text
    assert "&lt;script&gt;window.pwned=2" in pages["queue"]
    download = client.get("/glossary.tsv")
    assert download.headers["content-type"].startswith("text/tab-separated-values")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "script-src" not in download.headers["content-security-policy"]  # no script runs, were it opened
