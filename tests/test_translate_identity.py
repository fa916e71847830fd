"""One model, one identity (issue 25, item 9): the same folder of weights is named by the same digest
in a brief's signature whether the run used the translation cache or not (--no-cache named a
CTranslate2 conversion's digest, a cached run the source folder's)."""

import pytest

from summarize.translate.factory import open_translator
from summarize.translate.models import model_label


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_the_identity_is_the_same_with_and_without_the_cache(backend, tiny_model_dir, tmp_path, monkeypatch):
    if backend == "ctranslate2":
        pytest.importorskip("ctranslate2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SUMMARIZE_MODELS", str(tmp_path / "models"))  # a conversion lands here
    options = dict(model=str(tiny_model_dir), backend=backend, device="cpu", beam=2, batch_size=8, offline=True)
    cached = open_translator(**options, cache_path=tmp_path / "c.sqlite3")
    uncached = open_translator(**options, cache_path=None)
    assert model_label(uncached.name, uncached.identity) == model_label(cached.name, cached.identity)
    assert uncached.identity.split("@")[-1] == cached.identity.split("@")[-1]
