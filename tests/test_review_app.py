"""The review web app through Starlette's TestClient: every route, and every safety rule (CSRF,
Host header, request size, served paths, escaping, conflicts, the folder lock, bad input)."""

import json
import re
import threading

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from helpers import S14_WRONG  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from summarize.briefs.write import folder_lock  # noqa: E402
from summarize.checks import NAMES as CHECK_NAMES  # noqa: E402
from summarize.cli import review as server  # noqa: E402
from summarize.review.app import Config, create_app  # noqa: E402
from summarize.review.store import ReviewStore  # noqa: E402

FIXED = S14_WRONG.replace("28,000", "280,000")
HOSTILE = 'خبر عن <script>window.pwned=1</script> و<img src=x onerror="alert(2)"> في واشنطن يوم 22 مارس.'


def make_app(b, reviewer="ana", lock_wait=None):
    store = ReviewStore(b.db, create=True)
    app = create_app(Config(briefs=b.out, db=b.db, reviewer=reviewer, cache=b.cache, lock_wait=lock_wait), store)
    return TestClient(app, base_url="http://127.0.0.1:8123"), app, store


@pytest.fixture
def client(review_briefs):
    c, app, store = make_app(review_briefs)
    yield c
    store.close()


def token(page_text: str) -> str:
    return re.search(r'data-csrf="([^"]+)"', page_text).group(1)


def unit_form(page_text: str, unit_id: str) -> dict:
    """The hidden fields of a unit's edit form on a brief page."""
    block = re.search(rf'<article class="unit[^"]*" id="{unit_id}".*?</article>', page_text, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', block))
    return {k: fields[k] for k in ("csrf", "version", "arabic")}


def brief_page(client, b):
    response = client.get(f"/brief/{b.stem}")
    assert response.status_code == 200
    return response.text


def save(client, b, unit_id="s14", en=FIXED, checked=True, **override):
    form = unit_form(brief_page(client, b), unit_id) | {"en": en} | ({"checked": "on"} if checked else {})
    return client.post(f"/brief/{b.stem}/unit/{unit_id}", data=form | override, follow_redirects=False)


def brief_json(b):
    return json.loads((b.out / f"{b.stem}.json").read_text(encoding="utf-8"))


def s14_of(b):
    return next(s for sec in brief_json(b)["sections"] for s in sec["sentences"] if s["id"] == "s14")


def test_needs_attention_puts_flagged_numbers_first_with_counts(client, review_briefs):
    page = client.get("/")
    assert page.status_code == 200
    text = page.text
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', text))
    assert set(counts) == {*CHECK_NAMES, "summary", "repaired", "loops", "other"} and int(counts["numbers"]) > 0
    assert text.index('id="group-numbers"') < text.index('id="group-summary"') < text.index('id="group-other"')
    flagged = text[text.index('id="group-numbers"'):text.index('id="group-untranslated"')]
    assert f'href="/brief/{review_briefs.stem}#s14"' in flagged
    assert "280 ألف became 28,000" in re.sub(r"<[^>]+>", "", flagged)


def test_the_brief_page_shows_pairs_alternatives_and_repair_history(client, review_briefs):
    text = brief_page(client, review_briefs)
    s14 = re.search(r'id="s14".*?</article>', text, re.S).group(0)
    assert "The model's alternatives (2)" in s14 and "16 civilians" in s14  # the cached n-best
    s7 = re.search(r'id="s7".*?</article>', text, re.S).group(0)
    assert "Repair history" in s7 and "1,400" in s7  # the model's first translation, replaced
    assert 'id="approve" disabled' in text and 'href="#s14">s14</a>' in text
    assert client.get("/brief/no-such-brief").status_code == 404


def test_saving_a_correction_re_renders_the_brief_and_the_daily_brief(client, review_briefs):
    b = review_briefs
    before = (b.out / "daily-brief.md").read_text(encoding="utf-8")
    response = save(client, b)
    assert response.status_code == 303 and response.headers["location"] == f"/brief/{b.stem}?saved=s14#s14"
    s14 = s14_of(b)
    assert s14["en"] == FIXED and s14["review"]["english"] == "human" and s14["review"]["reviewer"] == "ana"
    assert {n["status"] for n in s14["numbers"]} == {"verified"}
    assert "✎ human translation" in (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert (b.out / "daily-brief.md").read_text(encoding="utf-8") != before
    assert "Saved s14." in client.get(response.headers["location"]).text


def test_a_blank_save_goes_back_to_the_models_english(client, review_briefs):
    save(client, review_briefs)
    form = unit_form(brief_page(client, review_briefs), "s14") | {"en": "  "}
    assert client.post(f"/brief/{review_briefs.stem}/unit/s14", data=form, follow_redirects=False).status_code == 303
    s14 = s14_of(review_briefs)
    assert s14["en"] == S14_WRONG and s14["review"]["english"] == "model" and not s14["review"]["checked"]


def test_two_tabs_saving_the_same_sentence_the_second_sees_a_conflict(client, review_briefs):
    b = review_briefs
    stale = unit_form(brief_page(client, b), "s14")  # both tabs loaded the page
    assert save(client, b).status_code == 303
    second = client.post(f"/brief/{b.stem}/unit/s14", data=stale | {"en": "the other tab's English"},
                         follow_redirects=False)
    assert second.status_code == 409
    assert FIXED in second.text and "the other tab&#39;s English" in second.text  # both, to choose
    assert s14_of(b)["en"] == FIXED
    mine = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', second.text))
    again = client.post(f"/brief/{b.stem}/unit/s14", data=mine | {"en": "the other tab's English"},
                        follow_redirects=False)
    assert again.status_code == 303 and s14_of(b)["en"] == "the other tab's English"


def test_a_save_for_a_sentence_that_is_gone_keeps_the_text_and_saves_nothing(client, review_briefs):
    response = save(client, review_briefs, arabic="0" * 16)  # other Arabic under the same id now
    assert response.status_code == 404 and "no longer in" in response.text
    assert "280,000" in response.text  # the reviewer's text, shown back
    assert "review" not in s14_of(review_briefs) or s14_of(review_briefs)["review"]["english"] == "model"


@pytest.mark.parametrize("change", [{"csrf": "forged"}, {"csrf": ""}])
def test_a_change_without_the_token_is_refused(client, review_briefs, change):
    response = save(client, review_briefs, **change)
    assert response.status_code == 403 and "reload the page" in response.text
    assert s14_of(review_briefs)["en"] == S14_WRONG


def test_a_change_from_another_origin_is_refused(client, review_briefs):
    form = unit_form(brief_page(client, review_briefs), "s14") | {"en": FIXED}
    response = client.post(f"/brief/{review_briefs.stem}/unit/s14", data=form,
                           headers={"Origin": "http://evil.example"}, follow_redirects=False)
    assert response.status_code == 403 and s14_of(review_briefs)["en"] == S14_WRONG


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8123", "127.0.0.1.evil.example"])
def test_a_foreign_host_header_is_refused(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 400  # DNS rebinding


def test_local_host_names_are_served(client):
    for host in ("127.0.0.1:8123", "localhost:8123", "[::1]:8123"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


def test_requests_that_are_too_large_are_refused(client, review_briefs):
    assert save(client, review_briefs, en="x" * 300_000).status_code == 413
    assert save(client, review_briefs, en="x" * 30_000).status_code == 413  # one English too long

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(40):
            yield b"x" * 10_000

    streamed = client.post(f"/brief/{review_briefs.stem}/unit/s14", content=chunks(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413
    assert s14_of(review_briefs)["en"] == S14_WRONG


def test_approval_waits_for_the_flagged_numbers_then_holds(client, review_briefs):
    b = review_briefs

    def approve():
        page = brief_page(client, b)
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"',
                                 page[page.index('id="approval"'):page.index('id="units-h"')]))
        return client.post(f"/brief/{b.stem}/approval", data=fields, follow_redirects=False)

    refused = approve()
    assert refused.status_code == 409 and "s14" in refused.text
    assert brief_json(b).get("review", {}).get("approved") is None
    save(client, b)
    assert approve().status_code == 303
    assert brief_json(b)["review"]["approved"]["reviewer"] == "ana"
    assert "✓ approved" in (b.out / "daily-brief.md").read_text(encoding="utf-8")
    assert approve().status_code == 303  # the form now withdraws
    assert brief_json(b)["review"]["approved"] is None


def test_approval_of_a_brief_that_changed_since_the_page_loaded_is_refused(client, review_briefs):
    b = review_briefs
    save(client, b)
    page = brief_page(client, b)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"',
                             page[page.index('id="approval"'):page.index('id="units-h"')]))
    save(client, b, unit_id="s1", en="An English changed in another tab.")
    response = client.post(f"/brief/{b.stem}/approval", data=fields, follow_redirects=False)
    assert response.status_code == 409 and "changed since you loaded it" in response.text


def test_the_live_check_runs_the_number_checker_on_the_edited_english(client, review_briefs):
    csrf = token(brief_page(client, review_briefs))
    ask = {"stem": review_briefs.stem, "unit": "s14"}
    wrong = client.post("/api/check", json=ask | {"en": S14_WRONG}, headers={"X-CSRF-Token": csrf}).json()
    assert not wrong["ok"] and {"ar": "280 ألف", "en": "28,000", "status": "changed"} in wrong["numbers"]
    right = client.post("/api/check", json=ask | {"en": FIXED}, headers={"X-CSRF-Token": csrf}).json()
    assert right["ok"] and [n["status"] for n in right["numbers"]] == ["verified"] * 3
    assert client.post("/api/check", json=ask | {"en": FIXED}).status_code == 403
    assert client.post("/api/check", content=b"[1, 2", headers={"X-CSRF-Token": csrf}).status_code == 400
    assert client.post("/api/check", json=ask | {"unit": "s999", "en": "x"},
                       headers={"X-CSRF-Token": csrf}).status_code == 404


def test_only_the_briefs_are_served(client, review_briefs):
    page = client.get(f"/files/{review_briefs.stem}.html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src" not in page.headers["content-security-policy"]  # nothing in a brief runs
    assert client.get("/files/daily-brief.json").json()["date"] == "2026-11-22"
    for name in (".summarize-review.sqlite3", "..%2Fcorpus%2F004.txt", "%2E%2E", "review-cache.sqlite3",
                 f"{review_briefs.stem}.txt", "..%2F..%2Fetc%2Fpasswd"):
        assert client.get(f"/files/{name}").status_code == 404, name
    assert client.get("/files/../review-cache.sqlite3").status_code == 404
    script = client.get("/review.js")
    assert script.status_code == 200 and "textContent" in script.text


def test_every_page_carries_the_security_headers(client, review_briefs):
    for path in ("/", f"/brief/{review_briefs.stem}", "/review.js", "/nowhere"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"] or path.startswith("/files")
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"


def test_article_text_is_escaped_on_every_review_page(review_briefs):
    b = review_briefs
    (b.corpus / "999_hostile.txt").write_text(f"عنوان الخبر\n\n{HOSTILE}\n\n{HOSTILE} وأكثر.", encoding="utf-8")
    b.run()
    c, _, store = make_app(b, reviewer='<b onmouseover="x">ana</b>')
    for path in ("/", "/brief/999_hostile"):
        text = c.get(path).text
        assert "<script>window.pwned" not in text and '<img src=x' not in text, path
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text, path
        assert '<b onmouseover' not in text
    store.close()


def test_a_save_while_summarize_writes_waits_for_it(review_briefs):
    b = review_briefs
    c, _, store = make_app(b)
    md = b.out / f"{b.stem}.md"
    before = md.read_text(encoding="utf-8")
    result = {}
    with folder_lock(b.out):  # a summarize run writing the folder
        worker = threading.Thread(target=lambda: result.update(response=save(c, b)))
        worker.start()
        for _ in range(500):  # the correction is stored at once ...
            if ReviewStore(b.db).units():
                break
            threading.Event().wait(0.01)
        assert ReviewStore(b.db).units() and md.read_text(encoding="utf-8") == before  # ... the files wait
        assert worker.is_alive()
    worker.join(60)
    assert result["response"].status_code == 303 and "human translation" in md.read_text(encoding="utf-8")
    store.close()


def test_a_save_that_cannot_get_the_folder_is_kept_and_said(review_briefs):
    b = review_briefs
    c, _, store = make_app(b, lock_wait=0)
    with folder_lock(b.out):
        response = save(c, b)
    assert response.status_code == 303 and "problem=1" in response.headers["location"]
    assert "could not be re-rendered now" in c.get(response.headers["location"]).text
    assert [r.corrected_en for r in ReviewStore(b.db).units().values()] == [FIXED]
    store.close()


def test_a_folder_that_changes_under_the_app_gets_a_clear_page(client, review_briefs):
    (review_briefs.out / "daily-brief.json").write_text("{broken", encoding="utf-8")
    response = client.get("/")
    assert response.status_code == 503 and "cannot be read" in response.text


def test_a_review_database_removed_while_the_server_runs_stops_the_saves(client, review_briefs):
    form = unit_form(brief_page(client, review_briefs), "s14") | {"en": FIXED}
    review_briefs.db.unlink()
    response = client.post(f"/brief/{review_briefs.stem}/unit/s14", data=form, follow_redirects=False)
    assert response.status_code == 503 and "restart summarize review" in response.text
    assert s14_of(review_briefs)["en"] == S14_WRONG


def test_the_server_refuses_bad_input_before_it_serves(review_briefs, tmp_path, capsys):
    assert server.main([str(tmp_path / "nothing")]) == 2
    assert "not a folder of briefs" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert server.main([str(empty)]) == 2
    assert "no briefs in" in capsys.readouterr().err and not (empty / ".summarize-review.sqlite3").exists()
    review_briefs.db.write_bytes(b"garbage" * 1000)
    assert server.main([str(review_briefs.out)]) == 2
    err = capsys.readouterr().err
    assert "is unusable" in err and "nothing in it was changed" in err
    assert review_briefs.db.read_bytes() == b"garbage" * 1000


def test_the_server_brings_the_briefs_up_to_date_when_it_starts(review_briefs):
    """A server killed between a save and its re-render left the files behind the database."""
    b = review_briefs
    c, app, store = make_app(b)
    form = unit_form(brief_page(c, b), "s14") | {"en": FIXED, "checked": "on"}
    app.state.review.rerender = lambda stems, wait=None: ""  # killed before it re-rendered
    assert c.post(f"/brief/{b.stem}/unit/s14", data=form, follow_redirects=False).status_code == 303
    store.close()
    assert s14_of(b)["en"] == S14_WRONG
    args = server.build_parser().parse_args([str(b.out), "--reviewer", "bo", "--cache", str(b.cache)])
    _, store, folder = server.prepare(args)
    store.close()
    assert s14_of(b)["en"] == FIXED
    assert all("review" in json.loads((b.out / f"{a.stem}.json").read_text()) for a in folder.articles)


def test_briefs_a_summarize_run_wrote_over_a_save_are_healed_when_a_page_loads(client, review_briefs):
    """A run that read the review database before a save wrote its briefs after the save's re-render."""
    b = review_briefs
    pristine = {p: p.read_bytes() for p in b.out.iterdir() if not p.name.startswith(".")}
    assert save(client, b).status_code == 303
    for path, data in pristine.items():  # the run's files land
        path.write_bytes(data)
    assert s14_of(b)["en"] == S14_WRONG
    assert client.get("/").status_code == 200
    assert s14_of(b)["en"] == FIXED and "✎ human translation" in (b.out / f"{b.stem}.md").read_text(encoding="utf-8")


def test_hosts_and_names():
    from summarize.review.safety import allowed_hosts, is_local

    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("0.0.0.0", ["desk.lan"]) == ["127.0.0.1", "localhost", "[::1]", "desk.lan"]
    assert allowed_hosts("192.0.2.7") == ["127.0.0.1", "localhost", "[::1]", "192.0.2.7"]
    assert is_local("127.0.0.1") and is_local("::1") and not is_local("0.0.0.0")
    assert server.build_parser().parse_args(["x"]).host == "127.0.0.1"
    assert server.login_name()
    sock = server.listen("127.0.0.1", 0)
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url_of(sock, "127.0.0.1"))
        assert sock.getsockname()[1] > 0
    finally:
        sock.close()


def test_summarize_review_is_a_subcommand(capsys):
    from summarize.cli import main

    with pytest.raises(SystemExit):
        main(["review", "--help"])
    assert "--reviewer" in capsys.readouterr().out
