"""Converting a transformers Marian folder for CTranslate2, and finding the converted copy.

``find_or_convert`` is how the CTranslate2 backend gets a folder: ``--model``
itself if it is converted already, else a converted copy made from the
transformers folder as it is now (``<models folder>/<name>-ct2-<quantization>/``,
or beside the source folder when the models folder is not writable), else a
new conversion of whatever the transformers backend would load (a folder,
the models folder's copy, the hub or its cache).  A conversion records where
it came from in ``SOURCE.json``; a copy whose source weights changed since is
converted again.

Runs started together on a new model convert it once: the conversion is made
in a temporary folder and renamed into place while holding the models folder
(an advisory lock on the folder itself, released if the process dies); a run
that waited uses the copy the first one made.  A conversion stopped part way
(Ctrl-C, SIGTERM) removes its temporary folder; one killed outright leaves
``.NAME.XXXXXXXX/``, which the next conversion of that model removes.

ctranslate2 is imported only to convert.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from summarize.translate import ModelError, hub, models, short_error

#: copied from the transformers folder next to CTranslate2's own files
#: (its config.json is CTranslate2's; the Marian one is kept as marian_config.json)
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "generation_config.json")


def default_quantization(device: str) -> str:
    """int8 weights on CPU (fastest there, ~4x smaller); float16 on GPU."""
    return "float16" if device.startswith("cuda") else "int8"


def converted_name(model: str, quantization: str) -> str:
    """``opus-mt-ar-en-ct2-int8`` for ``Helsinki-NLP/opus-mt-ar-en``."""
    return f"{models.copy_name(model)}-ct2-{quantization}"


def convert(source: Path, out: Path, quantization: str = "int8", force: bool = False) -> Path:
    """Convert the transformers Marian folder ``source`` into a CTranslate2 folder ``out``.

    The tokenizer files and the Marian config come along, so ``out`` loads
    alone.  The conversion is written to a temporary folder beside ``out`` and
    renamed into place, so an interrupted conversion never leaves a folder
    that looks complete.
    """
    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    source, out = Path(source), Path(out)
    problem = models.check_model_folder(source)
    if problem:
        raise ModelError(f"Cannot convert {source}: it is {problem}")
    if out.exists() and not force:
        raise FileExistsError(f"{out} already exists (use force to replace it)")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        with hub.quiet():  # transformers' "Loading weights" bar
            TransformersConverter(str(source)).convert(str(work / "model"), quantization=quantization, force=True)
        model = work / "model"
        for name in TOKENIZER_FILES:
            if (source / name).is_file():
                shutil.copy2(source / name, model / name)
        shutil.copy2(source / "config.json", model / "marian_config.json")
        weights = models.weights_file(source)
        assert weights is not None  # check_model_folder found them
        stat = weights.stat()
        info = {
            "source": str(source.resolve()),
            "source_sha256": models.folder_digest(source),
            "source_weights": {"name": weights.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns},
            "quantization": quantization,
            "ctranslate2": ctranslate2.__version__,
        }
        (model / models.SOURCE_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        _move_into_place(model, out, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _move_into_place(model: Path, out: Path, work: Path) -> None:
    """Rename the finished conversion to ``out``.  An older ``out`` is first moved into ``work``
    (removed with it), so ``out`` is only ever absent, the old copy whole, or the new one whole."""
    if out.exists():
        out.rename(work / "replaced")
    try:
        model.rename(out)
    except OSError:
        if models.is_ct2_folder(out):  # another process, without the lock (Windows), was first: use its copy
            return
        raise


@contextmanager
def conversion_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` while converting into it: another run converting into it waits (saying so),
    then finds the copy this one made.  An ``flock`` on the folder itself, as the output folder's."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; _move_into_place takes whichever copy lands first
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting: another run is converting a model into {folder}/", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def remove_leftovers(out: Path) -> list[str]:
    """Remove the temporary folders a killed conversion into ``out`` left beside it
    (``.NAME.XXXXXXXX``, mkdtemp's names for ``out``'s); call it holding ``conversion_lock``."""
    pattern = re.compile(re.escape(f".{out.name}.") + r"[a-z0-9_]{8}")
    removed = []
    for entry in (os.scandir(out.parent) if out.parent.is_dir() else ()):
        if pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    return removed


def is_fresh(converted: Path, source: Path) -> bool:
    """Whether ``converted`` was made from ``source``'s weights as they are now (size and mtime)."""
    try:
        info = json.loads((converted / models.SOURCE_FILE).read_text(encoding="utf-8"))
        weights = models.weights_file(source)
        if weights is None:
            return False
        stat = weights.stat()
        recorded = info["source_weights"]
        return (recorded["name"], recorded["size"], recorded["mtime_ns"]) == (
            weights.name, stat.st_size, stat.st_mtime_ns,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def is_writable(folder: Path) -> bool:
    """Whether a folder could be made or written at ``folder`` (its nearest existing parent says)."""
    probe = folder
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK | os.X_OK)


def _from_hub(model: str, offline: bool, search: models.Search) -> Path | None:
    """The Hugging Face cache's copy of ``model``, downloaded first if needed and possible."""
    offline = offline or hub.env_offline()
    snapshot = hub.cached_snapshot(model)
    if snapshot is None or models.check_model_folder(snapshot):
        # loading it with transformers downloads it into the cache (or says why it can't)
        if hub.load_from_hub(model, offline, search) is None:
            return None
        snapshot = hub.cached_snapshot(model)
    if snapshot is None or models.check_model_folder(snapshot):
        search.tried(f"Hugging Face hub {model}", "no complete copy in the Hugging Face cache")
        return None
    return snapshot


def find_or_convert(
    model: str, quantization: str, models_dir: Path | None = None, offline: bool = False
) -> Path:
    """A CTranslate2 folder for ``model``, converting a transformers one on first use.

    In order: ``model`` itself if it is a converted folder; a converted copy
    (``<models folder>/<name>-ct2-<quantization>``, or beside the transformers
    folder) made from the transformers folder as it is now; a new conversion
    of the transformers folder found as the transformers backend finds it.
    """
    given = Path(model).expanduser()
    if given.is_dir() and models.is_ct2_folder(given):
        return given
    models_dir = Path(models_dir) if models_dir is not None else models.default_models_dir()
    search = models.Search(model)
    kept = models_dir / converted_name(model, quantization)
    source = models.find_folder(model, models_dir, search)  # raises for a broken folder
    if source is None:
        if models.is_ct2_folder(kept):  # converted earlier; its source is not here to compare with
            return kept
        if not models.is_hub_id(model):
            raise ModelError(search.failure())
        source = _from_hub(model, offline, search)
        if source is None:
            raise ModelError(search.failure())
    beside = source.parent / converted_name(source.name, quantization)
    for folder in (kept, beside):
        if models.is_ct2_folder(folder) and is_fresh(folder, source):
            return folder

    out = kept if is_writable(kept.parent) else beside
    try:
        with conversion_lock(out.parent):
            if models.is_ct2_folder(out) and is_fresh(out, source):
                return out  # another run converted it while this one waited
            remove_leftovers(out)
            print(f"Converting {source} to CTranslate2 ({quantization}) into {out} (once; reused next time)",
                  file=sys.stderr)
            return convert(source, out, quantization, force=True)
    except (OSError, ValueError, RuntimeError) as e:
        raise ModelError(f"Cannot convert {source} to CTranslate2 into {out}: {short_error(e)}") from None
