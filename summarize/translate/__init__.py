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

    def hypotheses(self, texts: Sequence[str], n: int, no_repeat_ngram_size: int = 0) -> list[list[Hypothesis]]:
        """The ``n`` best translations of each text, best first.

        ``no_repeat_ngram_size`` K > 0: a search that never repeats a sequence of K target tokens
        (the repetition repair's re-decode, never the plain translation: a sentence may say "the
        United States" twice).
        """

    def count_tokens(self, text: str) -> int:
        """Source tokens the model would see for ``text`` (eos included)."""


#: What is asked of a translator, as the cache keys it and a Ray job carries it: ``best``
#: (``translate``), ``nbest:N`` (``hypotheses(texts, N)``) or ``nbest:N/no-repeat:K``
#: (``hypotheses(texts, N, no_repeat_ngram_size=K)``).  Made by ``BEST`` and ``nbest`` only, read by
#: ``nbest_size`` and ``nbest_request`` only: the type checker refuses a bare string where a kind is expected.
RequestKind = NewType("RequestKind", str)
BEST = RequestKind("best")
_NO_REPEAT = "/no-repeat:"


def nbest(n: int, no_repeat_ngram_size: int = 0) -> RequestKind:
    """The request for the ``n`` best translations: ``nbest:8``; searched without repeating any
    ``no_repeat_ngram_size`` tokens, ``nbest:8/no-repeat:3`` (a kind of its own: the cache keeps the
    two apart, and a reader of plain n-best lists, ``nbest_size``, does not take it for one)."""
    return RequestKind(f"nbest:{n}" + (f"{_NO_REPEAT}{no_repeat_ngram_size}" if no_repeat_ngram_size else ""))


def nbest_size(kind: str) -> int | None:
    """``N`` of a plain ``nbest:N`` request; None for ``best``, a no-repeat request or a kind this
    version does not know."""
    family, _, n = kind.partition(":")
    return int(n) if family == "nbest" and n.isdigit() else None


def nbest_request(kind: str) -> tuple[int, int] | None:
    """``(N, K)`` of ``nbest:N/no-repeat:K`` (K = 0 for a plain ``nbest:N``); None for anything else."""
    plain, _, k = kind.partition(_NO_REPEAT)
    n = nbest_size(plain)
    if n is None or (_NO_REPEAT in kind and not (k.isdigit() and int(k) > 0)):
        return None
    return n, int(k or 0)


def request_order(kind: str) -> tuple[int, int, str]:
    """Sort key of request kinds: ``best``, then the n-best lists by their length (nbest:8 before
    nbest:16), a no-repeat list after the plain one of its length."""
    n, k = nbest_request(kind) or (0, 0)
    return (n, k, kind)


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
