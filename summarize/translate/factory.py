"""Build the translator a run uses: a backend, wrapped in the translation cache.

When the model's files are on disk, the cache key can be computed from them
without loading the model (a digest of the folder, remembered in the cache
file), and token counts come from its SentencePiece model: a run whose every
sentence is cached never imports torch.  A hub model with no local copy is
loaded first, and its identity taken from the loaded model.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

from summarize.translate import BACKENDS, Translator, hub, models
from summarize.translate.cache import CachedTranslator, TranslationCache, namespace


def default_backend() -> str:
    """The faster backend when it is installed: CTranslate2, else transformers."""
    if "ctranslate2" in BACKENDS and importlib.util.find_spec("ctranslate2") is not None:
        return "ctranslate2"
    return "transformers"


def default_device() -> str:
    """The device a backend picks by itself, guessed without importing torch:
    ``cuda`` where the NVIDIA driver shows a GPU, else ``cpu``."""
    return "cuda" if Path("/dev/nvidia0").exists() or Path("/dev/nvidiactl").exists() else "cpu"


def spm_counter(spm_path: Path) -> Callable[[str], int]:
    """Source tokens as the Marian tokenizer counts them (pieces + eos), without the model."""
    import sentencepiece

    from summarize.translate.normalize import normalize_punctuation

    processor = sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
    return lambda text: len(processor.encode(normalize_punctuation(text), out_type=str)) + 1


def _folder_signature(folder: Path) -> str:
    """Names, sizes and mtimes of the files the model's digest covers."""
    stats = ((name, (folder / name).stat()) for name in models.model_files(folder))
    return "|".join(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" for name, stat in stats)


def _local_model(model: str, offline: bool) -> Path | None:
    """The folder the backend will load ``model`` from, if that can be known without loading it."""
    if models.is_ct2_folder(Path(model)):  # a converted model given directly: its own files decide
        return Path(model)
    folder = models.find_folder(model, None, models.Search(model))  # raises for a broken folder
    if folder is not None:
        return folder
    if offline and models.is_hub_id(model):
        return hub.cached_snapshot(model)  # what an offline load will use
    return None  # online, the hub may hold a newer revision: load to know


def open_translator(*, model: str, backend: str, device: str | None, beam: int, batch_size: int,
                    offline: bool, cache_path: Path | None) -> Translator:
    """The run's translator: cached unless ``cache_path`` is None."""
    import summarize.translate as translate

    def load() -> Translator:
        # looked up on the module at call time, so tests can stand a scripted translator in
        return translate.load_translator(backend, model=model, device=device, beam=beam,
                                         batch_size=batch_size, offline=offline)

    if cache_path is None:
        return load()
    cache = TranslationCache(cache_path)
    if not cache.usable:
        return load()
    folder = _local_model(model, offline or hub.env_offline())
    if folder is None:
        loaded = load()
        identity = getattr(loaded, "identity", loaded.name)
        return CachedTranslator(
            cache, namespace(identity, backend, beam, loaded.device), lambda: loaded, loaded.count_tokens,
            name=loaded.name, backend=backend, beam=beam, device=loaded.device, batch_size=batch_size,
            max_input_tokens=loaded.max_input_tokens,
        )
    digest = cache.digest(str(folder.resolve()), _folder_signature(folder), lambda: models.folder_digest(folder))
    device = device or default_device()
    identity = f"sha256:{digest}"
    if backend == "ctranslate2":  # int8 and float16 conversions translate differently
        from summarize.translate.convert import default_quantization

        identity += f"+ct2:{default_quantization(device)}"
    return CachedTranslator(
        cache, namespace(identity, backend, beam, device), load, spm_counter(folder / "source.spm"),
        name=model, backend=backend, beam=beam, device=device, batch_size=batch_size,
    )
