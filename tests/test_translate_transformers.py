"""MarianTranslator on a tiny random Marian model: loading, batching, beams, errors.

Everything runs offline: HF_HUB_OFFLINE=1 for every test, the Hugging Face
cache pointed at an empty folder, and the few tests that exercise the
network path talk to a socket on 127.0.0.1.
"""

import hashlib
import shutil
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from helpers import TEXTS, load_script  # noqa: E402

from summarize.translate import (  # noqa: E402  # noqa: E402
    Hypothesis,
    ModelError,
    Translator,
    hub,
    load_translator,
    models,
)
from summarize.translate.normalize import normalize_punctuation  # noqa: E402
from summarize.translate.transformers import MarianTranslator  # noqa: E402

DOWNLOAD = "python scripts/download_model.py"


@pytest.fixture(autouse=True)
def no_hub(monkeypatch, tmp_path):
    """No test reaches the network or reads the user's real Hugging Face cache."""
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("SUMMARIZE_MODELS", raising=False)
    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    return cache


pytestmark = pytest.mark.usefixtures("torch_one_thread")


@pytest.fixture(scope="module")
def translator(tiny_model_dir):
    return MarianTranslator.load(model=str(tiny_model_dir), batch_size=3)


# -- translation ---------------------------------------------------------------


def test_loads_the_tiny_model(translator, tiny_model_dir):
    assert isinstance(translator, Translator)  # every member callers read is there
    assert translator.name == str(tiny_model_dir)
    assert (translator.backend, translator.device, translator.beam, translator.batch_size) == (
        "transformers", "cpu", 4, 3)
    assert translator.max_input_tokens == 512
    assert translator.source == str(tiny_model_dir)
    assert not translator.model.training


def test_batched_output_is_in_input_order_and_equals_one_at_a_time(translator):
    batched = translator.translate(TEXTS)  # batches of 3, sorted by length
    assert len(batched) == len(TEXTS) and all(isinstance(t, str) for t in batched)
    one_by_one = [translator.translate([text])[0] for text in TEXTS]
    assert batched == one_by_one
    assert batched[TEXTS.index("")] == ""
    assert len(set(batched)) > 3  # not one output copied everywhere


def test_translation_is_deterministic(translator, tiny_model_dir):
    first = translator.translate(TEXTS)
    assert translator.translate(TEXTS) == first
    again = MarianTranslator.load(model=str(tiny_model_dir), batch_size=16)
    assert again.translate(TEXTS) == first


def test_hypotheses_are_n_per_input_best_first_and_start_with_the_translation(translator):
    texts = [t for t in TEXTS if t]
    hyps = translator.hypotheses(texts, 3)
    assert len(hyps) == len(texts)
    for per_text in hyps:
        assert len(per_text) == 3
        assert all(isinstance(h, Hypothesis) and h.score <= 0 for h in per_text)
        scores = [h.score for h in per_text]
        assert scores == sorted(scores, reverse=True)
    assert [h[0].text for h in hyps] == translator.translate(texts)


def test_hypotheses_beyond_the_beam_widen_the_search(translator):
    hyps = translator.hypotheses(TEXTS[:2], 6)
    assert [len(h) for h in hyps] == [6, 6]
    with pytest.raises(ValueError):
        translator.hypotheses(TEXTS[:1], 0)


def test_hypotheses_with_one_beam_are_scored_too(tiny_model_dir):
    greedy = MarianTranslator.load(model=str(tiny_model_dir), beam=1)
    texts = [t for t in TEXTS if t]
    hyps = greedy.hypotheses(texts, 1)
    assert [h[0].text for h in hyps] == greedy.translate(texts)
    assert all(len(h) == 1 and -100 < h[0].score <= 0 for h in hyps)


def test_count_tokens_counts_source_pieces_and_eos(translator):
    assert translator.count_tokens("") == 1  # eos only
    text = TEXTS[0]
    ids = translator.tokenizer(text)["input_ids"]
    assert translator.count_tokens(text) == len(ids)
    assert ids[-1] == translator.tokenizer.eos_token_id
    assert translator.count_tokens(text + " " + text) > translator.count_tokens(text)


def test_an_overlong_input_raises_instead_of_being_truncated(translator, monkeypatch):
    long = " ".join(["الاقتصاد"] * 600)
    assert translator.count_tokens(long) > translator.max_input_tokens
    monkeypatch.setattr(translator.model, "generate", lambda **kw: pytest.fail("generated"))
    with pytest.raises(ValueError, match=r"text 1 has \d+ source tokens.*limit of 512.*never truncates"):
        translator.translate(["قصير", long])
    with pytest.raises(ValueError, match="never truncates"):
        translator.hypotheses([long], 2)


def test_an_input_at_the_limit_reaches_the_model_whole(translator, monkeypatch):
    import torch

    at_limit = " ".join(["الاقتصاد"] * 511)
    assert translator.count_tokens(at_limit) == translator.max_input_tokens
    seen = {}

    def generate(input_ids, **kw):
        seen["shape"] = tuple(input_ids.shape)
        rows = input_ids.shape[0] * kw["num_return_sequences"]
        return SimpleNamespace(sequences=torch.zeros((rows, 1), dtype=torch.long), sequences_scores=None)

    monkeypatch.setattr(translator.model, "generate", generate)
    assert translator.translate([at_limit]) == [""]
    assert seen["shape"] == (1, 512)


def test_a_single_string_is_refused(translator):
    with pytest.raises(TypeError):
        translator.translate(TEXTS[0])


def test_load_translator_reaches_the_marian_backend(tiny_model_dir):
    loaded = load_translator("transformers", model=str(tiny_model_dir), beam=2, batch_size=4)
    assert isinstance(loaded, MarianTranslator)
    assert (loaded.beam, loaded.batch_size) == (2, 4)


# -- punctuation ---------------------------------------------------------------


def test_normalize_punctuation_like_opus_mt_preprocessing():
    odd = "قال  «الوزير»  إن “الاجتماع” سيناقش…\tالخطوات ( 5 % )\u200f، وأضاف"
    assert normalize_punctuation(odd) == 'قال "الوزير" إن "الاجتماع" سيناقش... الخطوات (5%) ، وأضاف'
    assert normalize_punctuation("  ") == ""
    assert normalize_punctuation("") == ""
    assert normalize_punctuation("عادي.") == "عادي."


def test_translation_sees_normalized_punctuation(translator):
    odd, clean = "قال  «الوزير»  إن “الاجتماع” سيناقش…", 'قال "الوزير" إن "الاجتماع" سيناقش...'
    assert translator.count_tokens(odd) == translator.count_tokens(clean)
    assert translator.translate([odd]) == translator.translate([clean])


# -- identity ------------------------------------------------------------------


def test_identity_names_the_exact_weights(translator, tiny_model_dir, tmp_path):
    identity = translator.identity
    assert identity.startswith(f"{tiny_model_dir}@sha256:")
    assert translator.identity == identity  # cached
    copy = tmp_path / "copy"
    shutil.copytree(tiny_model_dir, copy)
    assert MarianTranslator.load(model=str(copy)).identity.split("@")[1] == identity.split("@")[1]


# -- the tiny model itself -----------------------------------------------------


def test_tiny_model_build_is_deterministic(tiny_model_dir, tmp_path):
    again = load_script("make_tiny_model").build_tiny_marian(tmp_path / "again", seed=0)
    names = sorted(p.name for p in tiny_model_dir.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert {"config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm",
            "vocab.json", "tokenizer_config.json"} <= set(names)
    for name in names:
        assert _sha(tiny_model_dir / name) == _sha(again / name), name


def test_tiny_model_loads_with_plain_transformers(tiny_model_dir):
    from transformers import MarianMTModel, MarianTokenizer

    MarianMTModel.from_pretrained(tiny_model_dir)
    tokenizer = MarianTokenizer.from_pretrained(tiny_model_dir)
    assert tokenizer.convert_ids_to_tokens([0, 1]) == ["</s>", "<unk>"]
    assert tokenizer.pad_token_id == len(tokenizer) - 1


# -- where models are found ----------------------------------------------------


def test_models_dir_copy_is_used_before_the_hub(tiny_model_dir, tmp_path, monkeypatch):
    models_dir = tmp_path / "models"
    shutil.copytree(tiny_model_dir, models_dir / "tiny-marian")
    monkeypatch.delenv("HF_HUB_OFFLINE")  # the hub would be tried next: it must not be
    monkeypatch.setattr(hub, "probe_hub", lambda repo: pytest.fail("hub contacted"))
    found = MarianTranslator.load(model="someone/tiny-marian", models_dir=models_dir)
    assert found.name == "someone/tiny-marian"
    assert found.source == str(models_dir / "tiny-marian")


def test_models_dir_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    repo_models = Path(models.__file__).resolve().parents[2] / "models"
    assert models.default_models_dir() == repo_models
    (tmp_path / "models").mkdir()
    assert models.default_models_dir() == Path("models")
    monkeypatch.setenv("SUMMARIZE_MODELS", str(tmp_path / "elsewhere"))
    assert models.default_models_dir() == tmp_path / "elsewhere"


def test_hub_ids_and_paths():
    assert models.is_hub_id("Helsinki-NLP/opus-mt-ar-en")
    assert models.is_hub_id("opus-mt-ar-en")
    for path in ("./opus-mt-ar-en", "/models/x", "../x", "a/b/c", "x/"):
        assert not models.is_hub_id(path), path
    assert models.copy_name("Helsinki-NLP/opus-mt-ar-en") == "opus-mt-ar-en"


def test_the_hugging_face_cache_is_used_offline(tiny_model_dir, no_hub, tmp_path, translator):
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = no_hub / "models--someone--tiny"
    shutil.copytree(tiny_model_dir, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    cached = MarianTranslator.load(model="someone/tiny", models_dir=tmp_path / "none")
    assert cached.identity == f"someone/tiny@{commit}"
    assert cached.translate(TEXTS[:2]) == translator.translate(TEXTS[:2])  # the same weights, found in the cache


# -- clear failures ------------------------------------------------------------


def _message(**load) -> str:
    with pytest.raises(ModelError) as caught:
        MarianTranslator.load(**load)
    message = str(caught.value)
    assert DOWNLOAD in message and "--model PATH" in message
    error = caught.value
    assert error.__cause__ is None and (error.__suppress_context__ or error.__context__ is None)  # no chained traceback
    return message


def _tried(message: str) -> str:
    """The list of places tried, without the how-to-fetch advice."""
    return message.split("\nTo fetch")[0].split("\nPass a folder")[0]


def test_missing_folder(tmp_path):
    message = _message(model=str(tmp_path / "nope"), models_dir=tmp_path / "models")
    assert f"folder {tmp_path / 'nope'}: not found" in message
    assert f"{tmp_path / 'models' / 'nope'}: not found" in message
    assert "hub" not in _tried(message)  # a path is not a hub id: no hub attempt


def test_folder_missing_files(tiny_model_dir, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model_dir, broken)
    (broken / "source.spm").unlink()
    (broken / "model.safetensors").unlink()
    message = _message(model=str(broken))
    assert "incomplete, missing source.spm, weights (model.safetensors or pytorch_model.bin)" in message


def test_folder_with_a_non_marian_config(tiny_model_dir, tmp_path):
    other = tmp_path / "bert"
    shutil.copytree(tiny_model_dir, other)
    (other / "config.json").write_text('{"model_type": "bert"}')
    assert "not a Marian model (config.json has model_type 'bert'" in _message(model=str(other))


def test_broken_copy_in_models_dir_is_reported_not_skipped(tiny_model_dir, tmp_path):
    models_dir = tmp_path / "models"
    shutil.copytree(tiny_model_dir, models_dir / "opus-mt-ar-en")
    (models_dir / "opus-mt-ar-en" / "vocab.json").unlink()
    message = _message(model="Helsinki-NLP/opus-mt-ar-en", models_dir=models_dir)
    assert f"{models_dir / 'opus-mt-ar-en'}: incomplete, missing vocab.json" in message
    assert "hub" not in _tried(message)  # stopped there: no download behind the user's back


def test_offline_hub_miss(tmp_path):
    message = _message(model="someone/no-such-model", models_dir=tmp_path / "models")
    assert message.startswith("Could not load the translation model 'someone/no-such-model'. Tried, in order:")
    assert f"{tmp_path / 'models' / 'no-such-model'}: not found" in message
    assert ("Hugging Face hub someone/no-such-model: hub not contacted (offline: HF_HUB_OFFLINE=1) "
            "and not in the local Hugging Face cache") in message
    assert f"{DOWNLOAD} --model someone/no-such-model" in message


def test_offline_flag(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(hub, "probe_hub", lambda repo: pytest.fail("hub contacted"))
    message = _message(model=models.DEFAULT_MODEL, offline=True, models_dir=tmp_path)
    assert "hub not contacted (offline: --offline)" in message
    assert f"    {DOWNLOAD}\n" in message  # the default model needs no --model


def _point_hub_at(monkeypatch, port: int) -> None:
    import huggingface_hub.constants

    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)  # read once, at import
    monkeypatch.setattr(
        huggingface_hub.constants,
        "HUGGINGFACE_CO_URL_TEMPLATE",
        f"http://127.0.0.1:{port}/{{repo_id}}/resolve/{{revision}}/{{filename}}",
    )


def _record_requests(monkeypatch) -> list[dict]:
    """Every request made through huggingface_hub's session (still sent), with its options."""
    import huggingface_hub.utils

    requests = []
    real = huggingface_hub.utils.get_session

    class Recorder:
        def __init__(self, session):
            self.session = session

        def __getattr__(self, method):
            def send(url, **options):
                requests.append({"method": method, "url": url, **options})
                return getattr(self.session, method)(url, **options)
            return send

    monkeypatch.setattr(huggingface_hub.utils, "get_session", lambda: Recorder(real()))
    monkeypatch.setattr(hub, "load_pair", lambda *a, **k: pytest.fail("tried to download from a dead hub"))
    return requests


def test_unreachable_hub_fails_fast(tmp_path, monkeypatch):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: connection refused
    _point_hub_at(monkeypatch, port)
    requests = _record_requests(monkeypatch)
    message = _message(model="someone/no-such-model", models_dir=tmp_path)
    # fast: one request with the short timeout, no retries, no download attempt
    assert [(r["method"], r["timeout"]) for r in requests] == [("head", hub.HUB_PROBE_TIMEOUT)]
    assert hub.HUB_PROBE_TIMEOUT <= 5
    assert "someone/no-such-model: hub unreachable (" in message
    assert "and not in the local Hugging Face cache" in message


def test_silent_hub_times_out_quickly(tmp_path, monkeypatch):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        _point_hub_at(monkeypatch, silent.getsockname()[1])
        monkeypatch.setattr(hub, "HUB_PROBE_TIMEOUT", 0.2)
        requests = _record_requests(monkeypatch)
        message = _message(model="someone/no-such-model", models_dir=tmp_path)
        assert [(r["method"], r["timeout"]) for r in requests] == [("head", 0.2)]
        assert _pending_connections(silent) == 1  # given up after one try
    assert "hub unreachable (timed out)" in message


def _pending_connections(server: socket.socket) -> int:
    """How many connections wait to be accepted (each is accepted and closed)."""
    server.setblocking(False)
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_mistyped_model_folder_is_not_offered_for_download(tmp_path, monkeypatch):
    """``--model models/nope`` has a hub id's shape, but ``models/`` is a folder here: the hint says
    to check the path and lists what is there, instead of suggesting to download 'models/nope'."""
    (tmp_path / "models" / "opus-mt-ar-en").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    hint = models.download_hint("models/nope", tmp_path / "models")
    assert "no folder models/nope" in hint and "opus-mt-ar-en" in hint and "--model models/nope" not in hint
    assert "--model Helsinki-NLP/opus-mt-xx" in models.download_hint("Helsinki-NLP/opus-mt-xx", tmp_path / "models")
