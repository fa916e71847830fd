"""A screenshot of the review app for the README: ``summarize review`` on the sample briefs, with one of
the model's alternatives picked for the flagged sentence of article 004 and the live number check showing.

    python scripts/review_screenshot.py [--out scripts/screenshots]

Briefs the sample corpus with the human translations the tests use (tests/helpers.py) behind a real
translation cache (so the model's n-best lists are there), serves the review app on 127.0.0.1 on a
free port, and photographs it in headless Chromium (Debian's chromium, driven by Playwright).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def briefs_with_cache(folder: Path) -> tuple[Path, Path]:
    from helpers import NBEST, SCRIPT, ScriptedTranslator

    from summarize import pipeline
    from summarize.translate.cache import CachedTranslator, TranslationCache

    scripted = ScriptedTranslator(SCRIPT, NBEST)
    cache = TranslationCache(folder / "cache.sqlite3")
    translator = CachedTranslator(cache, lambda: scripted, scripted.count_tokens, identity="scripted",
                                  name="scripted", backend="scripted", beam=4, device="cpu")
    pipeline.run(pipeline.Options(corpus=ROOT / "corpus", out=folder / "briefs", date="2026-11-22"),
                 lambda: translator)
    cache.close()
    return folder / "briefs", folder / "cache.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "scripts" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from summarize.cli import review as server

    briefs, cache = briefs_with_cache(Path(tempfile.mkdtemp(prefix="summarize-review-shot-")))
    app, store, _ = server.prepare(server.build_parser().parse_args(
        [str(briefs), "--reviewer", "reviewer", "--cache", str(cache)]))
    sock = server.listen("127.0.0.1", 0)
    running = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not running.started:
        threading.Event().wait(0.05)
    stem = next(briefs.glob("004_*.json")).stem
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.goto(f"{server.url_of(sock, '127.0.0.1')}brief/{stem}#s14")
        unit = page.locator("article#s14")
        unit.locator("button.use").first.click()
        unit.locator('.live li[data-status="changed"]').first.wait_for()
        unit.screenshot(path=str(args.out / "review-brief.png"))
        print(args.out / "review-brief.png")
        browser.close()
    running.should_exit = True
    thread.join(10)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
