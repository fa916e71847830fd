"""The translator interface.

Every backend (transformers/Marian today, CTranslate2 and a cache wrapper
later, a scripted fake in the tests) has the same small shape, so the
pipeline never knows which one it holds.  Backends are looked up by name and
imported lazily: importing torch takes seconds and ``--help`` must not.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Protocol, Sequence


@dataclass(frozen=True)
class Hypothesis:
    text: str
    score: float  # log-probability as the backend reports it; higher is better


class Translator(Protocol):
    #: what made the translations: shown in the briefs' provenance line
    name: str
    device: str
    beam: int

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Best translation of each text, in the order given."""

    def hypotheses(self, texts: Sequence[str], n: int) -> list[list[Hypothesis]]:
        """The ``n`` best translations of each text, best first."""

    def count_tokens(self, text: str) -> int:
        """Source tokens the model would see for ``text`` (eos included)."""

    #: longest input, in source tokens, that the model takes without truncation
    max_input_tokens: int


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
