"""The translator interface, and the registry of backends.

Every translator (the transformers and CTranslate2 backends, the cache
wrapper, a scripted fake in the tests) has the shape of ``Translator``, so
the pipeline never knows which one it holds.  Backends are looked up by name
and imported lazily: importing torch takes seconds and ``--help`` must not.

The package, one concern a module:

- ``normalize``: punctuation, as OPUS-MT's training data had it;
- ``models``: where model folders are looked for, what one must hold, its digest;
- ``hub``: the Hugging Face hub and its local cache, loading with transformers;
- ``device``: the default device, the CPU cores;
- ``base``: what the two Marian backends share;
- ``transformers``, ``ctranslate2``: the backends; ``convert``: CTranslate2 copies of a model;
- ``cache``: the SQLite translation cache and the translator over it;
- ``factory``: the run's translator, cached, built without loading a model when it can be.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import NewType, Protocol, Sequence, runtime_checkable


@dataclass(frozen=True)
class Hypothesis:
    text: str
    score: float  # log-probability as the backend reports it; higher is better


@runtime_checkable
class Translator(Protocol):
    """What the pipeline, the cache and the factory read from a translator: all of it, nothing else.

    ``isinstance(x, Translator)`` checks that every member is there (the tests ask it of each kind).
    """

    #: the model as the user named it; with backend, beam and device, the briefs' provenance line
    name: str
    #: the backend's name (``transformers``, ``ctranslate2``), as ``--backend`` takes it
    backend: str
    device: str
    beam: int
    #: texts per batch; callers hand over about this many at a time
    batch_size: int

    @property
    def identity(self) -> str:
        """The exact model (its name and the digest of its files, or its hub commit): a cache key's first part."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Best translation of each text, in the order given."""

    def hypotheses(self, texts: Sequence[str], n: int) -> list[list[Hypothesis]]:
        """The ``n`` best translations of each text, best first."""

    def count_tokens(self, text: str) -> int:
        """Source tokens the model would see for ``text`` (eos included)."""


#: What is asked of a translator, as the cache keys it and a Ray job carries it: ``best``
#: (``translate``) or ``nbest:N`` (``hypotheses(texts, N)``).  Made by ``BEST`` and ``nbest`` only,
#: read by ``nbest_size`` only: the type checker refuses a bare string where a kind is expected.
RequestKind = NewType("RequestKind", str)
BEST = RequestKind("best")


def nbest(n: int) -> RequestKind:
    """The request for the ``n`` best translations: ``nbest:8``."""
    return RequestKind(f"nbest:{n}")


def nbest_size(kind: str) -> int | None:
    """``N`` of an ``nbest:N`` request; None for ``best`` or a kind this version does not know."""
    family, _, n = kind.partition(":")
    return int(n) if family == "nbest" and n.isdigit() else None


def request_order(kind: str) -> tuple[int, str]:
    """Sort key of request kinds: ``best``, then the n-best lists by their length (nbest:8 before nbest:16)."""
    return (nbest_size(kind) or 0, kind)


class ModelError(Exception):
    """The model could not be loaded; the message says what was tried and what to do."""


def short_error(error: BaseException, limit: int = 120) -> str:
    """One line of an exception, for a ``ModelError`` message or a list of places tried."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


#: backend name -> its translator class, imported on first use
BACKENDS = {
    "transformers": "summarize.translate.transformers.MarianTranslator",
    "ctranslate2": "summarize.translate.ctranslate2.CTranslate2Translator",
}


def load_translator(backend: str = "transformers", **options) -> Translator:
    module_name, _, class_name = BACKENDS[backend].rpartition(".")
    cls = getattr(import_module(module_name), class_name)
    return cls.load(**options)
