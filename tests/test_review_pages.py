"""The review app's pages for a desk (issue 25, items 14 and 15): every brief has something to click,
and a folder that is a corpus gets a command summarize accepts."""

import html
import json
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from summarize.cli import review as server  # noqa: E402
from summarize.review.app import Config, create_app  # noqa: E402
from summarize.review.store import ReviewStore  # noqa: E402


@pytest.mark.parametrize("english", ["", "   "])
def test_a_brief_with_an_empty_english_title_is_listed_by_its_arabic_headline(review_briefs, english):
    b = review_briefs
    path = b.out / f"{b.stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"]["en"] = english
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store = ReviewStore(b.db, create=True)
    c = TestClient(create_app(Config(briefs=b.out, db=b.db, reviewer="ana", cache=b.cache), store),
                   base_url="http://127.0.0.1:8123")
    page = c.get("/").text
    link = re.search(rf'<a href="/brief/{b.stem}"><bdi>(.*?)</bdi></a>', page).group(1)
    assert html.unescape(link).strip() == data["title"]["ar"]
    brief = c.get(f"/brief/{b.stem}").text
    assert html.unescape(re.search(r"<h1><bdi>(.*?)</bdi></h1>", brief).group(1)).strip() == data["title"]["ar"]
    store.close()


def test_reviewing_a_corpus_folder_suggests_a_command_summarize_accepts(review_briefs, capsys):
    b = review_briefs
    assert server.main([str(b.corpus)]) == 2
    err = capsys.readouterr().err
    assert f"summarize {b.corpus} --out {b.corpus}" not in err  # summarize refuses to write into its corpus
    assert "corpus" in err and "--out" in err and not (b.corpus / ".summarize-review.sqlite3").exists()
    suggested = re.search(r"`(summarize [^`]+--out [^`]+)`", err).group(1)
    out = suggested.split("--out ")[1].split()[0]
    assert out.rstrip("/") != str(b.corpus).rstrip("/")


def _client(b):
    store = ReviewStore(b.db, create=True)
    return TestClient(create_app(Config(briefs=b.out, db=b.db, reviewer="ana", cache=b.cache), store),
                      base_url="http://127.0.0.1:8123"), store


def _rows(page: str, group: str) -> int:
    section = re.search(rf'<section aria-labelledby="group-{group}"[^>]*>(.*?)</section>', page, re.S)
    return section.group(1).count('<td class="id"') if section else -1


def test_the_needs_attention_page_is_paginated_and_filtered(review_briefs, monkeypatch):
    """Item 12: counts first, a page of rows at a time, by check and by brief; lost approvals from the top."""
    from summarize.review import app as review_app

    b = review_briefs
    c, store = _client(b)
    whole = c.get("/").text
    counts = {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', whole)}
    assert counts["other"] > 4
    monkeypatch.setattr(review_app, "PAGE", 3)
    first = c.get("/").text
    assert dict(re.findall(r'data-count="(\w+)">(\d+)<', first)) == {k: str(v) for k, v in counts.items()}
    assert _rows(first, "other") == 3 and 'href="/?page=2"' in first
    second = c.get("/?page=2").text
    assert _rows(second, "other") == 3
    assert re.findall(r'<td class="id".*?</td>', second) != re.findall(r'<td class="id".*?</td>', first)
    flagged = c.get("/?check=flagged").text  # the numbers group's older name still works
    assert _rows(flagged, "numbers") > 0 and _rows(flagged, "other") == -1  # only that check
    length = c.get("/?check=length").text
    assert _rows(length, "length") > 0 and _rows(length, "numbers") == -1
    mine = c.get(f"/?brief={b.stem}").text
    stems = set(re.findall(r'<a href="/brief/([^"#]+)#', mine))
    assert stems == {b.stem}
    assert c.get("/?page=x").status_code == 200 and c.get("/?check=nonsense").status_code == 200
    store.close()


def test_the_approval_says_what_it_covers(review_briefs):
    """Item 13: approving resolves the flags; it does not say every unit was checked, and says so."""
    b = review_briefs
    c, store = _client(b)
    page = c.get(f"/brief/{b.stem}").text
    covers = re.search(r'<p id="approval-covers">(.*?)</p>', page, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", covers)
    assert "every flagged number" in text and re.search(r"0 of \d+ units checked", text)
    assert "headline not checked" in text
    header = re.sub(r"<[^>]+>", "", re.search(r'<dd class="review-line">(.*?)</dd>', page, re.S).group(1))
    assert "headline not checked" in header
    store.close()


def test_the_needs_attention_page_filters_by_story(review_briefs):
    """Item 12: one story's briefs (the stories of daily-brief.json, numbered as the daily brief does)."""
    b = review_briefs
    c, store = _client(b)
    day = json.loads((b.out / "daily-brief.json").read_text(encoding="utf-8"))
    for number, story in enumerate(day["stories"], 1):
        page = c.get(f"/?story={number}").text
        assert set(re.findall(r'<a href="/brief/([^"#]+)#', page)) <= set(story["articles"])
        assert set(re.findall(r'<a href="/brief/([^"#?]+)"><bdi>', page)) == set(story["articles"])
    assert f'href="/?story=1"' in c.get("/").text  # reachable from each brief's row
    assert c.get("/?story=99").status_code == 200 and c.get("/?story=x").status_code == 200
    store.close()
