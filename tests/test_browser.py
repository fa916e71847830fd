"""What a reader sees: the HTML briefs opened in headless Chromium (Debian's ``chromium``,
driven by Playwright; no browser is downloaded).

Skipped, with the reason shown, where no Chromium is installed; ``.ci/run`` installs it and sets
``SUMMARIZE_BROWSER_TESTS=required``, under which a missing browser fails instead (the ``browser``
fixture in conftest.py, shared with test_review_browser.py).
"""

import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, NBEST, SCRIPT, ScriptedTranslator

from summarize import pipeline

HOSTILE = 'خبر عن <script>window.pwned=1</script> و<img src=x onerror="window.pwned=2"> في واشنطن يوم 22 مارس.'


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    """The sample corpus plus an article full of markup, briefed as HTML."""
    corpus = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus)
    (corpus / "999_hostile.txt").write_text(f"عنوان الخبر\n\n{HOSTILE}\n\n{HOSTILE} وأكثر.", encoding="utf-8")
    script = dict(SCRIPT)
    script[HOSTILE] = 'EN <script>window.pwned=3</script> <img src=x onerror="window.pwned=4"> March 22.'
    out = tmp_path_factory.mktemp("briefs")
    pipeline.run(pipeline.Options(corpus=corpus, out=out, formats=("html",), date="2026-11-22"),
                 lambda: ScriptedTranslator(script, NBEST))
    return out


def open_page(browser, path: Path, width: int = 1200):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: errors.append(f"request {r.url}") if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    return page, errors


# layout positions are fractional and rounded differently from one Chromium to the next:
# compare them with a pixel to spare, never exactly
PIXEL = 1.0

# the element's top relative to the viewport, and the viewport's height, once the scroll has
# stopped moving (the same scroll position over three animation frames in a row)
SETTLED_TOP = """async (selector) => {
    const frame = () => new Promise(requestAnimationFrame);
    let last = null, same = 0;
    for (let i = 0; i < 120 && same < 3; i++) {
        await frame();
        same = window.scrollY === last ? same + 1 : 0;
        last = window.scrollY;
    }
    return [document.querySelector(selector).getBoundingClientRect().top, window.innerHeight];
}"""


def settled_top(page, selector: str) -> tuple[float, float]:
    """Where ``selector``'s top is in the viewport once scrolling has settled, and the fold."""
    top, fold = page.evaluate(SETTLED_TOP, selector)
    return top, fold


def brief(briefs: Path, prefix: str) -> Path:
    return next(briefs.glob(f"{prefix}_*.html"))


def test_arabic_cells_read_right_to_left(browser, briefs):
    page, errors = open_page(browser, brief(briefs, "004"))
    cells = page.locator("td.ar")
    assert cells.count() > 20
    styles = cells.evaluate_all("cells => cells.map(c => [getComputedStyle(c).direction, getComputedStyle(c).textAlign])")
    assert set(map(tuple, styles)) == {("rtl", "right")}
    assert page.locator("td.en").first.evaluate("c => getComputedStyle(c).direction") == "ltr"
    assert not errors


@pytest.mark.parametrize("name", ["004", "daily-brief"])
def test_no_horizontal_scroll_on_a_phone(browser, briefs, name):
    path = briefs / "daily-brief.html" if name == "daily-brief" else brief(briefs, name)
    page, _ = open_page(browser, path, width=420)
    assert page.evaluate("document.documentElement.scrollWidth") <= 420
    # the pair table stacks: Arabic above English, each as wide as the screen
    box_ar = page.locator("table.pairs tbody tr td.ar").first.bounding_box()
    box_en = page.locator("table.pairs tbody tr td.en").first.bounding_box()
    assert box_en["y"] >= box_ar["y"] + box_ar["height"] - PIXEL and box_ar["width"] > 300


def test_the_flagged_row_stands_out(browser, briefs):
    page, _ = open_page(browser, brief(briefs, "004"))
    row = page.locator("tr#s14")
    assert "flagged" in row.get_attribute("class")
    marker = row.locator("td.en .status.flagged").first
    assert marker.is_visible() and marker.inner_text() == "⚠"
    assert "280 ألف became 28,000" in row.locator(".note.flagged").inner_text()
    plain = page.locator("tr#s1 td.en").evaluate("c => getComputedStyle(c).backgroundColor")
    flagged = row.locator("td.en").evaluate("c => getComputedStyle(c).backgroundColor")
    assert plain != flagged


def test_key_figures_link_to_the_sentence_row(browser, briefs):
    page, _ = open_page(browser, brief(briefs, "004"))
    page.locator('table.figures a[href="#s14"]').first.click()
    assert page.evaluate("location.hash") == "#s14"
    top, fold = settled_top(page, "tr#s14")
    # in view: its top no more than a pixel above the viewport (the anchor scroll lands on
    # sub-pixel positions such as -0.125 that change with the browser's version) and above the fold
    assert -PIXEL <= top < fold, (top, fold)
    assert page.locator("tr#s14").evaluate("r => r.matches(':target')")


def test_daily_brief_links_reach_the_brief_rows(browser, briefs):
    page, _ = open_page(browser, briefs / "daily-brief.html")
    assert page.locator("nav ul.overview li").count() == 4  # three sample stories and the hostile one
    link = page.locator('table.pairs a[href*="004_"][href$="#s14"], table.pairs a[href*="004_"]').first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(href.split("/")[-1])
    anchor = href.partition("#")[2]
    assert page.locator(f"tr#{anchor}").count() == 1


def test_markup_in_an_article_is_shown_as_text_and_runs_nothing(browser, briefs):
    for path in [brief(briefs, "999"), briefs / "daily-brief.html"]:
        page, errors = open_page(browser, path)
        assert page.evaluate("typeof window.pwned") == "undefined", path.name
        assert page.locator("img").count() == 0
        assert "<script>window.pwned=1</script>" in page.locator("main").inner_text()
        assert not errors, errors


@pytest.mark.parametrize("name", ["004", "daily-brief"])
def test_contrast_and_headings_pass_axe(browser, briefs, name):
    from axe_playwright_python.sync_playwright import Axe

    path = briefs / "daily-brief.html" if name == "daily-brief" else brief(briefs, name)
    page, _ = open_page(browser, path)
    rules = ["color-contrast", "heading-order", "page-has-heading-one", "empty-heading", "html-has-lang",
             "valid-lang", "document-title", "th-has-data-cells"]
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": rules}})
    assert results.violations_count == 0, results.generate_report()
