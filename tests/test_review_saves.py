"""The review app under load and against a summarize run (issue 25, item 7): saves waiting on the
folder lock leave the server free to answer, an acknowledged save reaches the published files
without anyone loading a page, and a hostile JSON body is a 400."""

import re
import threading

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from summarize.review.app import Config, create_app  # noqa: E402
from summarize.review.store import ReviewStore  # noqa: E402


def make(b, **config):
    store = ReviewStore(b.db, create=True)
    app = create_app(Config(briefs=b.out, db=b.db, reviewer="ana", cache=b.cache, **config), store)
    return app, store


def forms(c, stem):
    """Every unit's edit form on a brief page: unit id -> its hidden fields."""
    page = c.get(f"/brief/{stem}").text
    found = {}
    for unit_id, block in re.findall(r'<article class="unit[^"]*" id="([^"]+)"(.*?)</article>', page, re.S):
        found[unit_id] = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))
    return found


def test_deeply_nested_json_to_the_live_check_is_a_400(review_briefs):
    app, store = make(review_briefs)
    c = TestClient(app, base_url="http://127.0.0.1:8123")
    csrf = forms(c, review_briefs.stem)["s14"]["csrf"]
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 40_000 + b"1" + b"}" * 40_000):
        response = c.post("/api/check", content=body, headers={"X-CSRF-Token": csrf,
                                                                "Content-Type": "application/json"})
        assert response.status_code == 400 and "JSON" in response.json()["error"]
    store.close()
