"""Screenshots of an article brief and the daily brief, for the README.

    python scripts/screenshots.py [--out scripts/screenshots]

Briefs the sample corpus with the human translations the tests use (tests/helpers.py: the
sentences with figures of article 004, one deliberately wrong so the flag shows, one repaired
from the n-best list; other sentences get a stand-in), writes the HTML, and photographs it in
headless Chromium (Debian's chromium, driven by Playwright): the article brief at desktop width,
the daily brief, and the article brief at 420 px as a phone shows it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "scripts" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from helpers import NBEST, SCRIPT, ScriptedTranslator

    from summarize import pipeline

    briefs = Path(tempfile.mkdtemp(prefix="summarize-shots-"))
    pipeline.run(pipeline.Options(corpus=ROOT / "corpus", out=briefs, formats=("html",), date="2026-11-22"),
                 lambda: ScriptedTranslator(SCRIPT, NBEST))
    article = next(briefs.glob("004_*.html"))
    shots = [(article, "article-brief.png", 1200, None), (briefs / "daily-brief.html", "daily-brief.png", 1200, None),
             (article, "article-brief-phone.png", 420, "s14")]
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=FLAGS)
        for page_path, name, width, anchor in shots:
            page = browser.new_page(viewport={"width": width, "height": 1100 if width > 600 else 900})
            page.goto(page_path.as_uri() + (f"#{anchor}" if anchor else ""))
            page.screenshot(path=str(args.out / name))
            print(args.out / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
