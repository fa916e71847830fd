"""CTranslate2Translator on the tiny random Marian model: agreement with transformers, beams, errors, conversion.

The agreement tests run CTranslate2 on a float32 conversion (no quantization)
and compare translations exactly.  Greedy search is compared with the
transformers backend as it is.  Beam search is compared with transformers
told to stop once ``beam`` hypotheses are finished (``early_stopping=True``,
CTranslate2's and Marian's rule): with transformers' default heuristic the two
searches stop at different steps on outputs that don't end, and this random
model's outputs often don't.  Everything is offline and runs on one thread.
"""

import json
import shutil

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("ctranslate2")

from helpers import TEXTS as SHARED_TEXTS  # noqa: E402
from helpers import load_script  # noqa: E402

from summarize.translate import (  # noqa: E402  # noqa: E402
    Hypothesis,
    ModelError,
    Translator,
    convert,
    load_translator,
    models,
)
from summarize.translate.ctranslate2 import CTranslate2Translator  # noqa: E402
from summarize.translate.transformers import MarianTranslator  # noqa: E402

TEXTS = SHARED_TEXTS + ["«الوضع الأمني يتحسن» … قال المتحدث ( 5 % )"]
SENTENCES = [t for t in TEXTS if t] + load_script("make_tiny_model").ARABIC_LINES


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("SUMMARIZE_MODELS", raising=False)


pytestmark = pytest.mark.usefixtures("torch_one_thread")


@pytest.fixture(scope="module")
def ct2_dir(tiny_model_dir, tmp_path_factory):
    """The tiny model converted without quantization."""
    return convert.convert(tiny_model_dir, tmp_path_factory.mktemp("ct2") / "tiny-ct2-float32", "float32")


def load_ct2(folder, beam=4, **options):
    return CTranslate2Translator.load(model=str(folder), beam=beam, threads=1, **options)


@pytest.fixture(scope="module")
def translator(ct2_dir):
    return load_ct2(ct2_dir, batch_size=3)


@pytest.fixture(scope="module")
def marian_greedy(tiny_model_dir):
    return MarianTranslator.load(model=str(tiny_model_dir), beam=1)


@pytest.fixture(scope="module")
def marian_beam(tiny_model_dir):
    marian = MarianTranslator.load(model=str(tiny_model_dir), beam=4)
    marian.model.generation_config.early_stopping = True
    return marian


# -- agreement with the transformers backend -------------------------------------


def test_greedy_translations_equal_the_transformers_backend(ct2_dir, marian_greedy):
    greedy = load_ct2(ct2_dir, beam=1)
    assert greedy.translate(TEXTS + SENTENCES) == marian_greedy.translate(TEXTS + SENTENCES)


def test_greedy_scores_equal_the_transformers_backend(ct2_dir, marian_greedy):
    ours = load_ct2(ct2_dir, beam=1).hypotheses(SENTENCES, 1)
    theirs = marian_greedy.hypotheses(SENTENCES, 1)
    assert [h[0].text for h in ours] == [h[0].text for h in theirs]
    assert [h[0].score for h in ours] == pytest.approx([h[0].score for h in theirs], abs=2e-3)


def test_beam_translations_equal_the_transformers_backend(translator, marian_beam):
    assert translator.translate(TEXTS + SENTENCES) == marian_beam.translate(TEXTS + SENTENCES)


def test_beam_hypotheses_and_scores_equal_the_transformers_backend(translator, marian_beam):
    ours, theirs = translator.hypotheses(SENTENCES, 4), marian_beam.hypotheses(SENTENCES, 4)
    assert [[h.text for h in x] for x in ours] == [[h.text for h in x] for x in theirs]
    assert [h.score for x in ours for h in x] == pytest.approx([h.score for x in theirs for h in x], abs=2e-3)


def test_count_tokens_equals_the_transformers_backend(translator, marian_greedy):
    for text in TEXTS + SENTENCES + [">>ara<< نعم", "a\u00a0b\tc"]:
        assert translator.count_tokens(text) == marian_greedy.count_tokens(text)
    assert translator.count_tokens("") == 1  # eos only


# -- the Translator interface ----------------------------------------------------


def test_loads_with_the_interface(translator, ct2_dir):
    assert isinstance(translator, Translator)  # every member callers read is there
    assert translator.backend == "ctranslate2"
    assert (translator.name, translator.device, translator.beam, translator.batch_size) == (str(ct2_dir), "cpu", 4, 3)
    assert translator.max_input_tokens == 512
    assert translator.compute_type == "float32"


def test_batched_output_is_in_input_order_and_equals_one_at_a_time(translator):
    batched = translator.translate(TEXTS)
    assert batched == [translator.translate([text])[0] for text in TEXTS]
    assert batched[TEXTS.index("")] == ""
    assert len(set(batched)) > 3


def test_hypotheses_are_best_first_and_start_with_the_translation(translator):
    hyps = translator.hypotheses(SENTENCES, 3)
    assert all(len(h) == 3 and all(isinstance(x, Hypothesis) and x.score <= 0 for x in h) for h in hyps)
    assert all([x.score for x in h] == sorted((x.score for x in h), reverse=True) for h in hyps)
    assert [h[0].text for h in hyps] == translator.translate(SENTENCES)
    assert [len(h) for h in translator.hypotheses(SENTENCES[:2], 6)] == [6, 6]  # wider than the beam
    assert translator.hypotheses([""], 2) == [[Hypothesis("", 0.0)]]
    with pytest.raises(ValueError):
        translator.hypotheses(SENTENCES[:1], 0)


def test_an_overlong_input_raises_instead_of_being_truncated(translator, monkeypatch):
    long = " ".join(["الاقتصاد"] * 600)
    assert translator.count_tokens(long) > translator.max_input_tokens
    monkeypatch.setattr(translator, "model", None)  # any translate_batch call would fail
    with pytest.raises(ValueError, match=r"text 1 has \d+ source tokens.*limit of 512.*never truncates"):
        translator.translate(["قصير", long])
    with pytest.raises(ValueError, match="never truncates"):
        translator.hypotheses([long], 2)
    with pytest.raises(TypeError):
        translator.translate("نص")


def test_identity_differs_from_transformers_and_names_the_compute_type(translator, marian_greedy):
    assert translator.identity.endswith("+ct2:float32")
    assert translator.identity.startswith(f"{translator.name}@sha256:")
    assert translator.identity != marian_greedy.identity


# -- conversion ------------------------------------------------------------------


def test_converted_folder_loads_alone(ct2_dir, tmp_path):
    for name in ("source.spm", "target.spm", "vocab.json", "marian_config.json", "SOURCE.json"):
        assert (ct2_dir / name).is_file()
    alone = shutil.copytree(ct2_dir, tmp_path / "elsewhere")
    assert load_ct2(alone).translate(TEXTS[:3]) == load_ct2(ct2_dir).translate(TEXTS[:3])


def test_converts_on_first_use_and_reuses_it(tiny_model_dir, tmp_path, capfd, monkeypatch):
    models_dir = tmp_path / "models"
    first = load_translator("ctranslate2", model=str(tiny_model_dir), models_dir=models_dir, threads=1)
    assert first.folder == models_dir / "tiny-marian-ct2-int8"
    assert first.compute_type.startswith("int8")
    assert f"into {models_dir / 'tiny-marian-ct2-int8'}" in capfd.readouterr().err
    monkeypatch.setattr(convert, "convert", lambda *a, **k: pytest.fail("converted again"))
    again = load_translator("ctranslate2", model=str(tiny_model_dir), models_dir=models_dir, threads=1)
    assert again.folder == first.folder and again.translate(TEXTS) == first.translate(TEXTS)


def test_converts_beside_the_source_when_the_models_folder_is_read_only(tiny_model_dir, tmp_path, monkeypatch):
    source = shutil.copytree(tiny_model_dir, tmp_path / "src" / "tiny")
    monkeypatch.setattr(convert, "is_writable", lambda folder: False)
    loaded = load_ct2(source, models_dir=tmp_path / "models", quantization="float32")
    assert loaded.folder == tmp_path / "src" / "tiny-ct2-float32"
    assert json.loads((loaded.folder / "SOURCE.json").read_text())["source"] == str(source.resolve())


def test_a_missing_model_fails_with_the_places_tried(tmp_path):
    with pytest.raises(ModelError, match=r"(?s)Tried, in order.*not found"):
        load_ct2(tmp_path / "nothing-here", models_dir=tmp_path / "models")


def test_convert_script(tiny_model_dir, tmp_path, capsys):
    script = load_script("convert_model")
    out = tmp_path / "out"
    assert script.main([str(tiny_model_dir), "--out", str(out), "--quantization", "float32"]) == 0
    assert models.is_ct2_folder(out) and "written to" in capsys.readouterr().out
    assert script.main([str(tiny_model_dir), "--out", str(out)]) == 2  # exists, no --force
    assert script.main([str(tmp_path / "missing"), "--out", str(tmp_path / "x")]) == 2
