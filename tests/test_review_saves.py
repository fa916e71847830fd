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


def _stored(db) -> int:
    store = ReviewStore(db)
    try:
        return len(store.units())
    finally:
        store.close()


def test_saves_waiting_for_a_summarize_run_leave_the_server_free(review_briefs):
    """Forty-five saves while a run holds the folder: each waits for it, none holds one of the
    server's worker threads meanwhile (40), so the pages still load at once."""
    from summarize.briefs.write import folder_lock
    from summarize.review.briefs import FolderReader

    b = review_briefs
    app, store = make(b)
    with TestClient(app, base_url="http://127.0.0.1:8123") as c:  # one event loop and thread pool, as uvicorn
        jobs = [(a.stem, unit_id, form) for a in FolderReader(b.out).read().articles
                for unit_id, form in forms(c, a.stem).items()][:45]
        assert len(jobs) == 45
        results = []

        def post(stem, unit_id, form):
            results.append(c.post(f"/brief/{stem}/unit/{unit_id}", data=form | {"en": f"Checked {unit_id}.",
                                                                              "checked": "on"},
                                  follow_redirects=False))

        with folder_lock(b.out):  # a summarize run writing the folder
            saves = [threading.Thread(target=post, args=job) for job in jobs]
            for t in saves:
                t.start()
            for _ in range(600):
                if _stored(b.db) >= 45:
                    break
                threading.Event().wait(0.05)
            page = []
            loader = threading.Thread(target=lambda: page.append(c.get("/")))
            loader.start()
            loader.join(60)
            assert page and page[0].status_code == 200  # answered while the saves wait
            assert _stored(b.db) == 45 and any(t.is_alive() for t in saves)
        for t in saves:
            t.join(120)
    assert [r.status_code for r in results] == [303] * 45
    assert all("problem" not in r.headers["location"] for r in results)
    store.close()


def test_a_save_a_summarize_run_wrote_over_reaches_the_files_without_a_page_load(review_briefs):
    """A run that read the database before a save and wrote its briefs after the save's re-render:
    the server sees the folder change and brings the files up to date, with no page loaded."""
    import json

    b = review_briefs
    app, store = make(b)
    c = TestClient(app, base_url="http://127.0.0.1:8123")
    pristine = {p: p.read_bytes() for p in b.out.iterdir() if not p.name.startswith(".")}
    form = forms(c, b.stem)["s14"]
    fixed = "In Syria, where the war has killed more than 280,000 people."
    stop = app.state.review.watch(interval=0.05)
    try:
        assert c.post(f"/brief/{b.stem}/unit/s14", data=form | {"en": fixed, "checked": "on"},
                      follow_redirects=False).status_code == 303
        for path, data in pristine.items():  # the run's files land
            path.write_bytes(data)

        def s14():
            data = json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8"))
            return next(s for sec in data["sections"] for s in sec["sentences"] if s["id"] == "s14")["en"]

        for _ in range(400):
            if s14() == fixed:
                break
            threading.Event().wait(0.05)
        assert s14() == fixed
        assert "✎ human translation" in (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    finally:
        stop()
    store.close()
