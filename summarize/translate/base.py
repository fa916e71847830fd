"""What the two Marian backends share: one base class over one abstract search.

``MarianBackend`` holds the ``Translator`` attributes, checks the options,
decides the device (``load``), normalizes punctuation, refuses inputs longer
than the model takes (a translator never truncates), answers empty texts
itself, and keeps the model's identity once computed.  A backend supplies four things: how a
model is found and loaded (``_open``, given a ``LoadRequest``), how a
normalized text becomes source tokens (``_encode``), how the non-empty
inputs are searched (``_search``), and what names its exact model
(``_make_identity``).  Both cap each output at ``output_cap`` tokens, so the
same sentence gets the same translation from either, and both can search
without repeating any K target tokens (``hypotheses(..., no_repeat_ngram_size=K)``:
the repetition repair's re-decode, never the plain translation).

No heavy imports here: torch and ctranslate2 stay in their backends.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from summarize.translate import Hypothesis, ModelError, models
from summarize.translate.device import DEFAULT_DEVICE_HINT, default_device
from summarize.translate.normalize import normalize_punctuation

#: longest input the model takes (positions in opus-mt-ar-en; also its tokenizer's model_max_length)
MODEL_MAX_TOKENS = 512


def check_options(beam: int, batch_size: int) -> None:
    """Refuse a beam or batch size below 1 (before a model is loaded, and again when one is wrapped)."""
    if beam < 1 or batch_size < 1:
        raise ValueError(f"beam and batch_size must be at least 1 (got beam={beam}, batch_size={batch_size})")


def output_cap(max_output_tokens: int, source_tokens: int) -> int:
    """Most tokens to generate before eos: about twice the source, within the decoder's positions.

    Keeps a degenerate (or randomly initialised) model from running to 512
    tokens, as opus-mt does on noise (a word said over and over): a search
    without a cap stops only at the decoder's positions.  A real translation
    is about as long as its source (English words over Arabic words: median
    1.1 on the 3,009 human pairs of FLORES devtest and NTREX), so twice the
    source cuts only a runaway; +10 leaves room for a one-word headline.
    Both backends use it, so the same sentence gets the same translation from either.
    """
    return min(max_output_tokens - 2, 2 * source_tokens + 10)


@dataclass(frozen=True)
class LoadRequest:
    """What ``load`` was asked for, checked, with the device decided."""

    model: str
    device: str
    device_defaulted: bool  # no device was asked for: ``default_device()`` chose it
    beam: int
    batch_size: int
    offline: bool
    models_dir: Path | None

    def device_error(self, message: str) -> ModelError:
        """A backend's "cannot use this device" error; it says what to do when the device was the default."""
        return ModelError(message + (DEFAULT_DEVICE_HINT if self.device_defaulted else ""))


class MarianBackend(ABC):
    """A Marian model behind the ``Translator`` interface; subclasses say how to encode and search."""

    #: the backend's name, as ``--backend`` takes it and the briefs' provenance shows it
    backend: str

    def __init__(self, *, name: str, device: str, beam: int, batch_size: int, source: str,
                 max_input_tokens: int, max_output_tokens: int) -> None:
        check_options(beam, batch_size)
        self.name = name  # as the user gave it: shown in the briefs' provenance
        self.device = device
        self.beam = beam
        self.batch_size = batch_size
        self.source = source  # where it was loaded from, in words
        #: longest input, in source tokens, that the model takes without truncation
        self.max_input_tokens = max_input_tokens
        self._max_output_tokens = max_output_tokens  # decoder positions, the start token included
        self._identity: str | None = None

    @classmethod
    def load(cls, model: str = models.DEFAULT_MODEL, device: str | None = None, beam: int = 4,
             batch_size: int = 16, offline: bool = False, models_dir: Path | None = None, **options):
        """Find and load ``model`` (a hub id or a folder); raise ``ModelError`` if it can't be had.

        ``device``: ``default_device()`` when not given.  ``offline``: never
        contact the hub.  ``models_dir``: where local copies are looked for
        (see ``models``).  Other ``options`` are the backend's (see its ``_open``).
        """
        check_options(beam, batch_size)
        request = LoadRequest(model=str(model), device=device or default_device(), device_defaulted=device is None,
                              beam=beam, batch_size=batch_size, offline=offline, models_dir=models_dir)
        return cls._open(request, **options)

    @property
    def identity(self) -> str:
        """A string naming this exact model, for a translation cache key (computed once, on first use).

        Decoding settings (beam, ...) are not part of it; a cache adds them.
        """
        if self._identity is None:
            self._identity = self._make_identity()
        return self._identity

    def tokens(self, text: str) -> list:
        """The source tokens the model sees for ``text``: normalized, encoded, eos included."""
        return self._encode(normalize_punctuation(text))

    # -- the Translator interface --

    def count_tokens(self, text: str) -> int:
        """Source tokens the model sees for ``text`` after normalization, eos included."""
        return len(self.tokens(text))

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Best translation of each text, in the order given."""
        return [hyps[0].text for hyps in self._run(texts, n=1, scores=False)]

    def hypotheses(self, texts: Sequence[str], n: int, no_repeat_ngram_size: int = 0) -> list[list[Hypothesis]]:
        """The ``n`` best beams of each text, best first, with their length-normalized log-probabilities.

        The search uses ``max(beam, n)`` beams, so for ``n <= beam`` the first
        hypothesis is what ``translate`` gives.  An empty text gets one empty
        hypothesis.  ``no_repeat_ngram_size`` K > 0: no hypothesis repeats a
        sequence of K target tokens (transformers' and CTranslate2's option of
        that name; the same search in both backends).
        """
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        if no_repeat_ngram_size < 0:
            raise ValueError(f"no_repeat_ngram_size must be 0 (off) or more, got {no_repeat_ngram_size}")
        return self._run(texts, n=n, scores=True, no_repeat=no_repeat_ngram_size)

    # -- what a backend supplies --

    @classmethod
    @abstractmethod
    def _open(cls, request: LoadRequest, **options) -> MarianBackend:
        """The translator ``request`` asks for, or a ``ModelError`` saying every place tried."""

    @abstractmethod
    def _make_identity(self) -> str:
        """The exact model's name (see ``identity``)."""

    @abstractmethod
    def _encode(self, text: str) -> list:
        """Source tokens (ids or pieces) of an already normalized ``text``, eos included."""

    @abstractmethod
    def _search(self, inputs: list[list], n: int, scores: bool, no_repeat: int = 0) -> list[list[Hypothesis]]:
        """The ``n`` best hypotheses of each encoded input, best first, in the order given.

        Every input is non-empty and within ``max_input_tokens``.  ``scores``:
        whether the caller reads the scores (``translate`` does not).
        ``no_repeat``: the size of the target n-grams the search may not repeat (0: off).
        """

    # -- shared internals --

    def _output_cap(self, source_tokens: int) -> int:
        return output_cap(self._max_output_tokens, source_tokens)

    def _run(self, texts: Sequence[str], n: int, scores: bool, no_repeat: int = 0) -> list[list[Hypothesis]]:
        if isinstance(texts, str):  # it would be read per character
            raise TypeError("translate a list of texts, not a single string")
        sources = [normalize_punctuation(t) for t in texts]
        encoded = [self._encode(s) for s in sources]
        too_long = [(i, len(x)) for i, x in enumerate(encoded) if len(x) > self.max_input_tokens]
        if too_long:
            i, count = too_long[0]
            raise ValueError(
                f"text {i} has {count} source tokens, more than the model's limit of {self.max_input_tokens} "
                f"({len(too_long)} such text(s)); split it before translating: the translator never truncates"
            )
        results: list[list[Hypothesis]] = [[Hypothesis("", 0.0)] for _ in sources]
        todo = [i for i, s in enumerate(sources) if s.strip()]
        if todo:
            for i, hyps in zip(todo, self._search([encoded[i] for i in todo], n, scores, no_repeat)):
                results[i] = hyps
        return results

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, device={self.device!r}, beam={self.beam})"
