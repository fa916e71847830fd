"""Long unbroken tokens (a URL, a hashtag run, a file name) in an article, its English and its file
name do not widen the daily brief or a brief past the window (issue 25, item 15: at 1,280 and 420 px
the daily brief scrolled sideways)."""

import shutil

import pytest
from helpers import CORPUS, NBEST, SCRIPT, ScriptedTranslator

from summarize import pipeline

LONG_AR = "الرابط" + "x" * 400
LONG_EN = "https://example.org/" + "a" * 400


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus)
    title = "عنوان " + "طويل" * 60
    sentence = f"قال المتحدث إن {LONG_AR} نشر يوم 22 مارس."
    (corpus / ("998_" + "n" * 180 + ".txt")).write_text(f"{title}\n\n{sentence}\n\n{sentence} وأكثر.", encoding="utf-8")
    script = dict(SCRIPT) | {title: "Title" + "W" * 300, sentence: f"The spokesman said {LONG_EN} on March 22."}
    out = tmp_path_factory.mktemp("briefs")
    pipeline.run(pipeline.Options(corpus=corpus, out=out, formats=("html",), date="2026-11-22"),
                 lambda: ScriptedTranslator(script, NBEST))
    return out


@pytest.mark.parametrize("width, name", [(1280, "998_*.html"), (420, "998_*.html"), (1280, "daily-brief.html"),
                                         (420, "daily-brief.html")])
def test_long_tokens_do_not_widen_the_page(browser, briefs, width, name):
    path = next(briefs.glob(name))
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    wide = page.evaluate("""(w) => [...document.querySelectorAll("main *")]
        .filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 4)
        .map(e => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right}`)""", width)  # what widens it
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
    page.close()
