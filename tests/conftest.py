"""Fixtures shared by the tests (what they share that is not a fixture is in helpers.py), the browser
launch, and the hypothesis profiles."""

import os
import shutil
from pathlib import Path

import pytest
from helpers import CORPUS, GOLDEN, NBEST, SCRIPT, ScriptedTranslator, briefed, load_script
from hypothesis import settings

# Hypothesis profiles: "dev" (the default) runs a tenth of the examples, so the suite is quick on a
# laptop; "ci" (``HYPOTHESIS_PROFILE=ci``, which .ci/run sets) runs hypothesis' full count. Tests
# that ask for more than the default count ask through ``helpers.examples``, which scales with the
# profile. No deadline in either: on a busy 2-core machine a slow example is not a failure.
# CI draws the same examples every run (derandomize): a run that passes passes again, and what the
# random local runs find is kept in test_fuzz.py as a regular case
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True, derandomize=True)
settings.register_profile("dev", max_examples=10, deadline=None)
# "explore": random, ten times CI's count; a hunt for new failing inputs before CI would ever meet them
settings.register_profile("explore", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A tiny random Marian ar->en model (same files as opus-mt-ar-en), built once per session."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    build = load_script("make_tiny_model").build_tiny_marian
    return build(tmp_path_factory.mktemp("tiny-marian") / "tiny-marian", seed=0)


@pytest.fixture(scope="module")
def torch_one_thread():
    """The tiny model gains nothing from threads, and on a busy 2-core machine torch's spinning
    OpenMP threads make it 10-20x slower: modules that run it use one thread."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(autouse=True)
def private_translation_cache(tmp_path, monkeypatch):
    """Each test gets its own translation cache: none touches the user's, none sees another's."""
    monkeypatch.setenv("SUMMARIZE_CACHE", str(tmp_path / "translations.sqlite3"))
    monkeypatch.setenv("SUMMARIZE_HISTORY", "off")  # no story history, unless a test asks for one
    yield
    # a run with a translation cache keeps the (process-wide) encoder's vectors in it: not the next test's
    from summarize.stories import encoder

    if encoder.default.cache_info().currsize:
        encoder.default().keep_in(None)


@pytest.fixture
def sample_translator() -> ScriptedTranslator:
    """The sample corpus's human translations (tests/helpers.py) behind the Translator interface."""
    return ScriptedTranslator(SCRIPT, NBEST)


@pytest.fixture
def check_golden():
    """Compare rendered text with ``tests/golden/NAME``; ``UPDATE_GOLDEN=1`` rewrites the file instead
    (then review the diff)."""
    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
    return check


@pytest.fixture
def brief_of(sample_translator):
    """Article ``stem`` of the sample corpus, translated by the sample script, checked and summarized."""
    def make(stem: str):
        [article] = briefed([next(CORPUS.glob(f"{stem}_*.txt"))], sample_translator)
        return article
    return make


# -- shared by the browser tests (test_browser.py, test_review_browser.py) --

CHROMIUM = os.environ.get("SUMMARIZE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# the flags this closed network needs: no background connections Chromium would retry forever
BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def sync_playwright_or_skip():
    """Playwright's ``sync_playwright``, or a skip with the reason (a failure under
    ``SUMMARIZE_BROWSER_TESTS=required``, as in CI) when it or Chromium is missing."""
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = "playwright is not installed (pip install -e '.[test]')"
    if problem is None and not Path(CHROMIUM).exists():
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if problem:
        if os.environ.get("SUMMARIZE_BROWSER_TESTS") == "required":
            pytest.fail(problem)
        pytest.skip(problem)
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright (no browser is downloaded)."""
    sync_playwright = sync_playwright_or_skip()
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        yield launched
        launched.close()


# -- shared by the review tests (test_review_*.py) --

def cached(translator, cache_path: Path):
    """``translator`` behind the real translation cache (the review app reads the model's
    alternatives from the cache file)."""
    from summarize.translate.cache import CachedTranslator, TranslationCache

    return CachedTranslator(TranslationCache(cache_path), lambda: translator, translator.count_tokens,
                            identity=translator.identity, name=translator.name, backend=translator.backend,
                            beam=translator.beam, device=translator.device)


@pytest.fixture(scope="session")
def _pristine_review_briefs(tmp_path_factory):
    """The sample corpus briefed once per session (each test gets a copy: ``review_briefs``)."""
    from summarize import pipeline

    root = tmp_path_factory.mktemp("review-briefs")
    translator = cached(ScriptedTranslator(SCRIPT, NBEST), root / "review-cache.sqlite3")
    pipeline.run(pipeline.Options(corpus=CORPUS, out=root / "briefs", date="2026-11-22"), lambda: translator)
    translator.cache.close()  # the last connection: its write-ahead log goes into the file, which is copied
    return root


@pytest.fixture
def review_briefs(tmp_path, _pristine_review_briefs, sample_translator):
    """The sample corpus (a copy, to change) briefed in every format by the sample translations behind
    a translation cache, as ``summarize CORPUS --out briefs`` leaves them: an object with ``corpus``,
    ``out``, ``cache``, ``db`` (the default review database path, not created), ``stem`` (article
    004's) and ``run()`` (brief the corpus again, applying the review database)."""
    from types import SimpleNamespace

    from summarize import pipeline

    corpus, out, cache = tmp_path / "corpus", tmp_path / "briefs", tmp_path / "review-cache.sqlite3"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(_pristine_review_briefs / "briefs", out)
    shutil.copy(_pristine_review_briefs / "review-cache.sqlite3", cache)

    def run():
        options = pipeline.Options(corpus=corpus, out=out, date="2026-11-22",
                                   review_db=out / ".summarize-review.sqlite3")
        return pipeline.run(options, lambda: cached(sample_translator, cache))

    return SimpleNamespace(corpus=corpus, out=out, cache=cache, db=out / ".summarize-review.sqlite3", run=run,
                           stem=next(corpus.glob("004_*.txt")).stem)
