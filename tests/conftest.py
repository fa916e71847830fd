import importlib.util
import os
from pathlib import Path

import pytest

from samples import NBEST, SCRIPT
from scripted import ScriptedTranslator

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
GOLDEN = Path(__file__).resolve().parent / "golden"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Model inputs both backends are tested on: short, long, a question, numbers, an empty line.
TEXTS = [
    "قال الوزير إن الاجتماع سيناقش الخطوات المقبلة.",
    "ارتفعت أسعار النفط",
    "هل ستوافق الدول الأعضاء على الاتفاق؟",
    "قتل 12 شخصا وأصيب 40 آخرون في الحادث الذي وقع صباح اليوم في العاصمة.",
    "نعم",
    "بلغت قيمة الصادرات 2.5 مليار دولار العام الماضي، وفق التقرير.",
    "",
    "وأكد المتحدث أن المفاوضات ستستأنف.",
]


def load_script(name: str):
    """Import ``scripts/<name>.py`` (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture
def sample_translator() -> ScriptedTranslator:
    """The sample corpus's human translations (tests/samples.py) behind the Translator interface."""
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
    from summarize.pipeline import prepare_article
    from summarize.summary import summarize
    from summarize.translation import translate_articles
    from summarize.verify import verify_articles

    def make(stem: str):
        article = prepare_article(next(CORPUS.glob(f"{stem}_*.txt")))
        translate_articles([article], sample_translator, progress=False)
        verify_articles([article], sample_translator)
        summarize(article)
        return article
    return make
