"""The review loop as a reviewer does it: a real uvicorn server on 127.0.0.1 (a free port, in a
thread) and headless Chromium (Debian's, driven by Playwright; the ``browser`` fixture in
conftest.py skips with the reason where there is none, and fails under
``SUMMARIZE_BROWSER_TESTS=required``)."""

import threading

import pytest
from helpers import S14_WRONG

FIXED = S14_WRONG.replace("28,000", "280,000")


@pytest.fixture
def served(review_briefs):
    """``summarize review`` on the sample briefs, as ``main`` serves it: (URL, briefs)."""
    uvicorn = pytest.importorskip("uvicorn")
    from summarize.cli import review as server

    args = server.build_parser().parse_args([str(review_briefs.out), "--reviewer", "ana",
                                             "--cache", str(review_briefs.cache)])
    app, store, _ = server.prepare(args)
    sock = server.listen("127.0.0.1", 0)
    running = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):  # at most 5 s to start
        if running.started:
            break
        threading.Event().wait(0.01)
    assert running.started
    yield server.url_of(sock, "127.0.0.1"), review_briefs
    running.should_exit = True
    thread.join(10)
    sock.close()
    store.close()


def test_pick_an_alternative_edit_see_the_live_check_save_and_the_brief_changes(browser, served):
    url, b = served
    md = b.out / f"{b.stem}.md"
    before = md.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith(url) else None)

    page.goto(url)
    assert page.locator("h1").inner_text().startswith("Needs attention")
    page.locator(f'#group-numbers ~ table a[href="/brief/{b.stem}#s14"]').click()
    page.wait_for_url(f"**/brief/{b.stem}#s14")
    unit = page.locator("article#s14")
    live = unit.locator(".live")

    unit.locator("button.use").first.click()  # the model's second beam: 16 civilians, still 28,000
    area = unit.locator("textarea.edit-en")
    assert "16 civilians" in area.input_value()
    live.locator('li[data-status="changed"]').first.wait_for()
    assert "280 ألف became 28,000" in live.inner_text() and "60 became 16" in live.inner_text()

    area.fill(FIXED)  # the reviewer puts both figures right
    live.locator("p.status.verified").wait_for()
    assert "✓ numbers verify" in live.inner_text() and "✓ verified: 280 ألف = 280,000" in live.inner_text()

    unit.locator("form.edit button[type=submit]").click()
    page.wait_for_url(lambda address: address.endswith(f"/brief/{b.stem}?saved=s14#s14"))
    assert "Saved s14." in page.locator(".flash").inner_text()
    assert "✎ human translation" in page.locator("article#s14 .en").inner_text()
    after = md.read_text(encoding="utf-8")
    assert after != before and FIXED in after and "✎ human translation" in after
    assert FIXED in (b.out / f"{b.stem}.html").read_text(encoding="utf-8")

    page.locator("#approve").click()  # s14 was the only flagged unit: approval is open now
    page.wait_for_url(lambda address: address.endswith("?saved=approval#approval"))
    assert "approved by ana" in (b.out / f"{b.stem}.md").read_text(encoding="utf-8")
    assert not problems, problems


def test_the_queue_shows_a_group_per_check_and_a_checked_unit_leaves_them(browser, served):
    url, b = served
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    groups = page.locator("section.check-group")
    assert [groups.nth(i).get_attribute("data-check") for i in range(groups.count())] == [
        "numbers", "untranslated", "repetition", "length", "punctuation", "terms", "names"]
    length = page.locator('section[data-check="length"]')
    assert length.locator("h2").inner_text().startswith("⚠ length (")
    assert "longer than the Arabic predicts" in length.locator("p.explain").inner_text()
    row = length.locator(f'a[href="/brief/{b.stem}#s11"]')
    assert row.is_visible()
    count = int(page.locator('strong[data-count="length"]').inner_text())

    row.click()  # to the unit, and "Mark checked as it is": it leaves the length group
    page.wait_for_url(f"**/brief/{b.stem}#s11")
    page.locator("article#s11 form.check-only button[type=submit]").click()
    page.wait_for_url(lambda address: "saved=s11" in address)
    assert "clears its flags: length" in page.locator("article#s11 header").inner_text()
    page.goto(url)
    assert int(page.locator('strong[data-count="length"]').inner_text()) == count - 1
    assert page.locator(f'section[data-check="length"] a[href="/brief/{b.stem}#s11"]').count() == 0
    assert not problems, problems
