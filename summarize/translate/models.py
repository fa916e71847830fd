"""Model folders: where they are looked for, what one must hold, and the digest that names it.

``--model`` takes a hub id or a folder.  The places are tried in this order:

1. the value itself, if it is an existing folder;
2. a copy under the models folder: ``<models_dir>/<last part of the id>``,
   e.g. ``models/opus-mt-ar-en/``;
3. the Hugging Face hub (or its local cache), for values shaped like a hub id.

The models folder is ``models_dir`` when given, else ``$SUMMARIZE_MODELS``, else
``./models`` when the current folder has one, else the ``models/`` folder of
this repository.  A folder that exists but is incomplete or not a Marian model
stops the search with an error: the user put it there, and silently
downloading something else instead would hide the mistake.

A folder's digest covers the files that decide the translations (``model_files``),
so two copies of one model share a translation cache and a changed one does not.

Light on purpose (no torch, no transformers): the CLI can resolve and check
paths, and the cache can name a model, before paying for the heavy imports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from summarize.translate import ModelError

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"
DOWNLOAD_SCRIPT = "scripts/download_model.py"

#: files every Marian folder needs besides the weights (what the hub model has)
REQUIRED_FILES = ("config.json", "source.spm", "target.spm", "vocab.json")
#: weights, best first: safetensors is preferred (no pickle), the others are accepted
WEIGHTS_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")
#: the files a converted CTranslate2 folder must hold to be loaded alone
CT2_FILES = ("model.bin", "config.json", "source.spm", "target.spm")
#: written into a converted folder: where it came from (not part of the model's digest)
SOURCE_FILE = "SOURCE.json"

# huggingface_hub's rule for repo ids (utils/_validators.py), without importing it:
# ``name`` or ``org/name``, each part starting and ending with a letter, digit or _
_PART = r"\w(?:[\w.\-]{0,94}\w)?"
_HUB_ID = re.compile(rf"^(?:{_PART}/)?{_PART}$")


@dataclass
class Attempt:
    """One place a model was looked for, and why it was not used."""

    place: str
    outcome: str


@dataclass
class Search:
    """The places tried so far for one ``--model`` value, in order."""

    model: str
    models_dir: Path | None = None  # the models folder looked in, for the advice
    attempts: list[Attempt] = field(default_factory=list)

    def tried(self, place: str, outcome: str) -> None:
        self.attempts.append(Attempt(place, outcome))

    def failure(self) -> str:
        """The one message a failed load shows: every place, why, and what to do."""
        lines = [f"Could not load the translation model {self.model!r}. Tried, in order:"]
        lines += [f"  {i}. {a.place}: {a.outcome}" for i, a in enumerate(self.attempts, 1)]
        lines.append(download_hint(self.model, self.models_dir))
        return "\n".join(lines)


def default_models_dir() -> Path:
    """``$SUMMARIZE_MODELS``, else ``./models`` if present, else the repository's ``models/``."""
    env = os.environ.get("SUMMARIZE_MODELS")
    if env:
        return Path(env).expanduser()
    here = Path("models")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "models"


def is_hub_id(model: str) -> bool:
    """Whether ``model`` is shaped like ``name`` or ``org/name`` (not a path such as ``./x`` or ``/x``)."""
    return bool(_HUB_ID.fullmatch(model)) and ".." not in model and "--" not in model


def copy_name(model: str) -> str:
    """Folder name of a local copy: the last part of the id (``opus-mt-ar-en``)."""
    return Path(model.rstrip("/\\")).name or model


def weights_file(folder: Path) -> Path | None:
    for name in WEIGHTS_FILES:
        if (folder / name).is_file():
            return folder / name
    return None


def check_model_folder(folder: Path) -> str | None:
    """What is wrong with ``folder`` as a Marian model, in a few words; ``None`` if nothing."""
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if weights_file(folder) is None:
        missing.append("weights (" + " or ".join(WEIGHTS_FILES[::2]) + ")")
    tokenizer_config = read_json(folder / "tokenizer_config.json") or {}
    if tokenizer_config.get("separate_vocabs") and not (folder / "target_vocab.json").is_file():
        missing.append("target_vocab.json")
    if missing:
        return "incomplete, missing " + ", ".join(missing)
    config = read_json(folder / "config.json")
    if config is None:
        return "config.json is not valid JSON"
    if config.get("model_type") != "marian":
        return f"not a Marian model (config.json has model_type {config.get('model_type')!r}, expected 'marian')"
    return None


def find_folder(model: str, models_dir: Path | None, search: Search) -> Path | None:
    """The first usable local folder for ``model``, recording each place looked in ``search``.

    Returns ``None`` when no folder exists (the caller goes on to the hub);
    raises ``ModelError`` when a folder exists but is unusable.
    """
    models_dir = Path(models_dir) if models_dir is not None else default_models_dir()
    search.models_dir = models_dir
    candidates = [("folder " + model, Path(model).expanduser())]
    if copy_name(model):
        copy = models_dir / copy_name(model)
        candidates.append((f"models folder copy {copy.absolute()}", copy))

    seen: set[Path] = set()
    for place, folder in candidates:
        key = folder.resolve()
        if key in seen:
            continue
        seen.add(key)
        if not folder.exists():
            search.tried(place, "not found")
            continue
        if not folder.is_dir():
            search.tried(place, "not a folder")
            raise ModelError(search.failure())
        problem = check_model_folder(folder)
        if problem:
            search.tried(place, problem)
            raise ModelError(search.failure())
        return folder
    return None


def download_hint(model: str, models_dir: Path | None = None) -> str:
    """The exact commands that get ``model`` onto this machine."""
    models_dir = (models_dir or default_models_dir()).absolute()
    parent = Path(model).expanduser().parent
    if is_hub_id(model) and parent.is_dir():
        # "models/nope" has a hub id's shape, but its first part is a folder here: a mistyped path
        there = sorted(p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith("."))[:10]
        return (f"There is no folder {model}: check the path given to --model"
                + (f" (folders in {parent}/: {', '.join(there)})" if there else f" ({parent}/ holds no model folder)")
                + f", or fetch {DEFAULT_MODEL} with `python {DOWNLOAD_SCRIPT}` where the Hugging Face hub is reachable.")
    if is_hub_id(model):
        command = f"python {DOWNLOAD_SCRIPT}"
        if model != DEFAULT_MODEL:
            command += f" --model {model}"
        return (
            f"To fetch it, run where the Hugging Face hub is reachable:\n"
            f"    {command}\n"
            f"then copy the folder models/{copy_name(model)}/ it writes into the models folder of this machine "
            f"({models_dir}), or pass a model folder with --model PATH."
        )
    return (
        f"Pass a folder holding a Marian model with --model PATH, or fetch {DEFAULT_MODEL} with "
        f"`python {DOWNLOAD_SCRIPT}` where the Hugging Face hub is reachable and copy the folder "
        f"models/{copy_name(DEFAULT_MODEL)}/ it writes into {models_dir}."
    )


def is_ct2_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a converted CTranslate2 model that loads alone."""
    return all((folder / name).is_file() for name in CT2_FILES)


def model_files(folder: Path) -> list[str]:
    """Names of the files that decide the translations (weights, vocabularies, configs), sorted."""
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.suffix in {".json", ".spm", ".safetensors", ".bin"} and p.name != SOURCE_FILE
    )


def folder_digest(folder: Path) -> str:
    """sha256 over the files that decide the translations."""
    digest = hashlib.sha256()
    for name in model_files(folder):
        digest.update(name.encode() + b"\0")
        content = hashlib.sha256()
        with open(folder / name, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                content.update(chunk)
        digest.update(content.digest())
    return digest.hexdigest()


def folder_signature(folder: Path) -> str:
    """Names, sizes and mtimes of the files the digest covers: when it is unchanged, so is the digest."""
    stats = ((name, (folder / name).stat()) for name in model_files(folder))
    return "|".join(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" for name, stat in stats)


def read_json(path: Path) -> dict | None:
    """The JSON object in ``path``; ``None`` if it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def model_label(name: str, identity: str) -> str:
    """The model as a published brief names it: a hub id as it is, a local folder by its name
    only (never the path on this machine), with a short digest or hub commit saying exactly
    which weights: ``tiny-marian@sha256:1a2b3c4d5e6f``, ``Helsinki-NLP/opus-mt-ar-en@0a1b2c3d4e5f``."""
    shown = name if is_hub_id(name) and not Path(name).exists() else Path(name).name or name
    digest = re.search(r"sha256:([0-9a-f]{12})", identity)
    commit = re.search(r"@([0-9a-f]{12})[0-9a-f]*$", identity)
    if digest:
        return f"{shown}@sha256:{digest.group(1)}"
    return f"{shown}@{commit.group(1)}" if commit else shown

