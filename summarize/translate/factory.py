"""Build the translator a run uses: a backend, wrapped in the translation cache.

When the model's files are on disk, the cache key can be computed from them
without loading the model (a digest of the folder, remembered in the cache
file), and token counts come from its SentencePiece model: a run whose every
sentence is cached never imports torch.  The key's device is
``device.default_device()`` when none is given, the same function the
backend calls, so the key names the device the model runs on.  A hub model
with no local copy is loaded first, and its identity taken from the loaded
model.  With ``--ray`` the cache wraps a ``distributed.DistributedTranslator``
instead, under the same key, with the Ray cluster's device in it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

from summarize.translate import BACKENDS, Translator, hub, load_translator, models
from summarize.translate.cache import CachedTranslator, TranslationCache
from summarize.translate.device import default_device
from summarize.translate.normalize import normalize_punctuation


def default_backend() -> str:
    """The faster backend when it is installed: CTranslate2, else transformers."""
    if "ctranslate2" in BACKENDS and importlib.util.find_spec("ctranslate2") is not None:
        return "ctranslate2"
    return "transformers"


def spm_counter(spm_path: Path) -> Callable[[str], int]:
    """Source tokens as the Marian tokenizer counts them (pieces + eos), without the model."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
    return lambda text: len(processor.encode(normalize_punctuation(text), out_type=str)) + 1


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
                    offline: bool, cache_path: Path | None, ray_address: str | None = None) -> Translator:
    """The run's translator: cached unless ``cache_path`` is None.

    With ``ray_address``, the model runs on that Ray cluster's actors
    (``distributed``), under the key a local run on the cluster's device uses.
    """
    if ray_address is not None:
        return _on_ray(ray_address, model=model, backend=backend, device=device, beam=beam,
                       batch_size=batch_size, offline=offline, cache_path=cache_path)

    def load() -> Translator:
        return load_translator(backend, model=model, device=device, beam=beam, batch_size=batch_size,
                               offline=offline)

    if cache_path is None:
        return _one_identity(load(), model, backend, device, offline)
    cache = TranslationCache(cache_path)
    if not cache.usable:
        return _one_identity(load(), model, backend, device, offline)
    folder = _local_model(model, offline or hub.env_offline())
    if folder is None:
        loaded = load()
        return CachedTranslator(
            cache, lambda: loaded, loaded.count_tokens, identity=loaded.identity, name=loaded.name,
            backend=loaded.backend, beam=loaded.beam, device=loaded.device, batch_size=loaded.batch_size,
        )
    digest = cache.digest(str(folder.resolve()), models.folder_signature(folder),
                          lambda: models.folder_digest(folder))
    # with no --device, the backend calls default_device() too: the key names the device it will use
    runs_on = device or default_device()
    identity = _identity(digest, backend, runs_on)
    return CachedTranslator(
        cache, load, spm_counter(folder / "source.spm"), identity=identity, name=model, backend=backend,
        beam=beam, device=runs_on, batch_size=batch_size,
    )


def _one_identity(translator: Translator, model: str, backend: str, device: str | None,
                  offline: bool) -> Translator:
    """``translator`` (loaded without the cache) named as a cached run names the same model: by its
    folder's digest.  The CTranslate2 backend names the conversion it loaded, whose digest is not the
    source folder's, so the same weights got two signatures (issue 25)."""
    folder = _local_model(model, offline or hub.env_offline())
    if folder is not None and hasattr(translator, "_identity"):
        translator._identity = _identity(models.folder_digest(folder), backend, device or default_device())
    return translator


def _identity(digest: str, backend: str, runs_on: str) -> str:
    """The cache key's model part for a folder of this digest, run by ``backend`` on ``runs_on``."""
    identity = f"sha256:{digest}"
    if backend == "ctranslate2":  # int8 and float16 conversions translate differently
        from summarize.translate.convert import default_quantization

        identity += f"+ct2:{default_quantization(runs_on)}"
    return identity


def _on_ray(address: str, *, model: str, backend: str, device: str | None, beam: int, batch_size: int,
            offline: bool, cache_path: Path | None) -> Translator:
    """The translator of a ``--ray`` run: the cluster's actors behind the cache a local run would use."""
    from summarize.translate import ModelError, distributed

    folder = _local_model(model, offline or hub.env_offline())
    if folder is None:
        raise ModelError(f"--ray loads {model!r} on every node from a folder; there is no local copy. "
                         f"Download it ({models.DOWNLOAD_SCRIPT}) to a folder every node can read, and pass it "
                         f"to --model (or set SUMMARIZE_MODELS)")
    distributed.connect(address)
    runs_on = device or distributed.cluster_device()  # the actors' device, not this machine's
    cache = TranslationCache(cache_path) if cache_path is not None else None
    if cache is not None and cache.usable:
        digest = cache.digest(str(folder.resolve()), models.folder_signature(folder),
                              lambda: models.folder_digest(folder))
    else:
        digest = models.folder_digest(folder)
    counter, identity = spm_counter(folder / "source.spm"), _identity(digest, backend, runs_on)
    remote = distributed.DistributedTranslator(
        folder=folder, digest=digest, identity=identity, count_tokens=counter, name=model, backend=backend,
        device=runs_on, beam=beam, batch_size=batch_size,
    )
    if cache is None or not cache.usable:
        return remote
    return CachedTranslator(cache, lambda: remote, counter, identity=identity, name=model, backend=backend,
                            beam=beam, device=runs_on, batch_size=remote.batch_size)
