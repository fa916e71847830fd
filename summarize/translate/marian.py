"""The transformers backend: OPUS-MT Marian models (``Helsinki-NLP/opus-mt-ar-en``).

``MarianTranslator.load`` finds the model (see ``models``), loads it, and fails
with one ``ModelError`` saying every place it tried and how to get the model.
Translation is deterministic beam search over batches sorted by length; the
results come back in the order given.  Inputs are never truncated: one longer
than the model takes raises ``ValueError`` (the pipeline splits long sentences
before it translates).

torch and transformers are imported inside the functions that need them, so
importing this module (e.g. for ``normalize_punctuation``) is cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from summarize.translate import Hypothesis, ModelError, hub, models, short_error
from summarize.translate.normalize import normalize_punctuation

if TYPE_CHECKING:
    import torch

#: longest input the model takes (positions in opus-mt-ar-en; also its tokenizer's model_max_length)
MODEL_MAX_TOKENS = 512
SEED = 0


# -- shared by the backends -----------------------------------------------------


def normalized_inputs(texts: Sequence[str]) -> list[str]:
    """The texts as the model sees them; a bare string is refused (it would be read per character)."""
    if isinstance(texts, str):
        raise TypeError("translate a list of texts, not a single string")
    return [normalize_punctuation(t) for t in texts]


def refuse_too_long(lengths: list[int], limit: int) -> None:
    """Raise if any input is longer than the model takes: a translator never truncates."""
    too_long = [(i, n) for i, n in enumerate(lengths) if n > limit]
    if too_long:
        i, count = too_long[0]
        raise ValueError(
            f"text {i} has {count} source tokens, more than the model's limit of {limit} "
            f"({len(too_long)} such text(s)); split it before translating: the translator never truncates"
        )


def output_cap(max_output_tokens: int, source_tokens: int) -> int:
    """Most tokens to generate before eos: about twice the source, within the decoder's positions.

    Keeps a degenerate (or randomly initialised) model from running to 512
    tokens; real translations are far shorter.  Both backends use it, so the
    same sentence gets the same translation from either.
    """
    return min(max_output_tokens - 2, 2 * source_tokens + 10)


# -- the translator ------------------------------------------------------------


class MarianTranslator:
    """A Marian model behind the ``Translator`` interface.

    Build it with ``MarianTranslator.load``; the constructor takes an already
    loaded model and tokenizer (the tests and ``load`` use it).
    """

    def __init__(
        self,
        model,
        tokenizer,
        *,
        name: str,
        device: str,
        beam: int = 4,
        batch_size: int = 16,
        source: str = "",
        revision: str | None = None,
        folder: Path | None = None,
    ) -> None:
        if beam < 1 or batch_size < 1:
            raise ValueError(f"beam and batch_size must be at least 1 (got beam={beam}, batch_size={batch_size})")
        self.model = model
        self.tokenizer = tokenizer
        self.name = name  # as the user gave it: shown in the briefs' provenance
        self.device = device
        self.beam = beam
        self.batch_size = batch_size
        self.source = source  # where it was loaded from, in words
        self.revision = revision  # hub commit, when known
        self._folder = folder
        self._identity: str | None = None
        positions = getattr(model.config, "max_position_embeddings", MODEL_MAX_TOKENS) or MODEL_MAX_TOKENS
        self.max_input_tokens = min(MODEL_MAX_TOKENS, positions, tokenizer.model_max_length or MODEL_MAX_TOKENS)
        self._max_output_tokens = positions  # decoder positions, the start token included

    @classmethod
    def load(
        cls,
        model: str = models.DEFAULT_MODEL,
        device: str | None = None,
        beam: int = 4,
        batch_size: int = 16,
        offline: bool = False,
        models_dir: Path | None = None,
    ) -> MarianTranslator:
        """Find and load ``model`` (a hub id or a folder); raise ``ModelError`` if it can't be had."""
        if beam < 1 or batch_size < 1:
            raise ValueError(f"beam and batch_size must be at least 1 (got beam={beam}, batch_size={batch_size})")
        model = str(model)
        search = models.Search(model)
        folder = models.find_folder(model, models_dir, search)  # raises for a broken folder
        if folder is not None:
            try:
                with hub.quiet():
                    loaded, tokenizer = hub.load_pair(str(folder), local_files_only=True)
            except Exception as e:
                search.tried(f"folder {folder}", f"could not be loaded ({short_error(e)})")
                raise ModelError(search.failure()) from None
            source, revision = str(folder), None
        elif models.is_hub_id(model):
            result = hub.load_from_hub(model, offline or hub.env_offline(), search)
            if result is None:
                raise ModelError(search.failure())
            loaded, tokenizer, revision = result
            source = f"Hugging Face hub {model}" + (f"@{revision}" if revision else "")
        else:
            raise ModelError(search.failure())

        import torch

        torch.manual_seed(SEED)  # beam search draws nothing at random; this is belt and braces
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        try:
            loaded.to(device)
        except (RuntimeError, AssertionError, ValueError) as e:  # no such device, torch built without CUDA ...
            raise ModelError(f"Cannot put the translation model on device {device!r}: {short_error(e)}") from None
        loaded.eval()
        return cls(
            loaded,
            tokenizer,
            name=model,
            device=device,
            beam=beam,
            batch_size=batch_size,
            source=source,
            revision=revision,
            folder=folder,
        )

    @property
    def identity(self) -> str:
        """A string naming this exact model, for a translation cache key.

        ``name@<hub commit>`` when the model came from the hub (or its cache);
        ``name@sha256:<digest>`` of the folder's weights, vocabularies and
        configs otherwise (computed once, on first use: a second or so for the
        300 MB opus-mt weights, stable across copies unlike mtimes).
        Decoding settings (beam, ...) are not part of it; a cache adds them.
        """
        if self._identity is None:
            if self.revision:
                self._identity = f"{self.name}@{self.revision}"
            elif self._folder is not None:
                self._identity = f"{self.name}@sha256:{models.folder_digest(self._folder)}"
            else:
                self._identity = self.name
        return self._identity

    # -- the Translator interface --

    def count_tokens(self, text: str) -> int:
        """Source tokens the model sees for ``text`` after normalization, eos included."""
        return len(self._encode(normalize_punctuation(text)))

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Best translation of each text, in the order given."""
        return [hyps[0].text for hyps in self._run(texts, n=1, scores=False)]

    def hypotheses(self, texts: Sequence[str], n: int) -> list[list[Hypothesis]]:
        """The ``n`` best beams of each text, best first, with their length-normalized log-probabilities.

        The search uses ``max(beam, n)`` beams, so for ``n <= beam`` the first
        hypothesis is what ``translate`` gives.  An empty text gets one empty
        hypothesis.  Scores need transformers' ``output_scores``, which keeps
        every step's log-probabilities (rows x beams x vocabulary floats), so
        batches here hold ``batch_size // beams`` texts.
        """
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        rows = max(1, self.batch_size // max(self.beam, n))
        results = self._run(texts, n=n, scores=True, batch_size=rows)
        return [sorted(hyps, key=lambda h: -h.score) for hyps in results]

    # -- internals --

    def _encode(self, text: str) -> list[int]:
        # verbose=False: no "longer than the maximum" warning; _run checks the length itself
        return self.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"]

    def _output_cap(self, source_tokens: int) -> int:
        return output_cap(self._max_output_tokens, source_tokens)

    def _run(
        self, texts: Sequence[str], n: int, scores: bool, batch_size: int | None = None
    ) -> list[list[Hypothesis]]:
        sources = normalized_inputs(texts)
        ids = [self._encode(s) for s in sources]
        refuse_too_long([len(x) for x in ids], self.max_input_tokens)

        results: list[list[Hypothesis] | None] = [None] * len(texts)
        for i, s in enumerate(sources):
            if not s.strip():
                results[i] = [Hypothesis("", 0.0)]
        # Longest first: similar lengths share a batch (little padding), and the
        # slowest batch shows up at once.  Stable, so equal lengths keep their order.
        order = sorted((i for i in range(len(texts)) if results[i] is None), key=lambda i: -len(ids[i]))
        batch_size = batch_size or self.batch_size
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            for i, hyps in zip(batch, self._generate([ids[i] for i in batch], n, scores)):
                results[i] = hyps
        return results  # type: ignore[return-value]

    def _generate(self, batch: list[list[int]], n: int, scores: bool) -> list[list[Hypothesis]]:
        import torch
        from transformers import LogitsProcessorList

        pad = self.tokenizer.pad_token_id
        width = max(len(x) for x in batch)
        input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
        attention_mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, x in enumerate(batch):
            input_ids[row, : len(x)] = torch.tensor(x, dtype=torch.long)
            attention_mask[row, : len(x)] = 1

        beams = max(self.beam, n)
        caps = [self._output_cap(len(x)) for x in batch]
        eos = self.model.generation_config.eos_token_id
        eos = eos[0] if isinstance(eos, list) else eos
        eos = self.tokenizer.eos_token_id if eos is None else eos
        cap = _PerRowLengthCap(torch.tensor(caps).repeat_interleave(beams).to(self.device), eos)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=attention_mask.to(self.device),
                num_beams=beams,
                num_return_sequences=n,
                do_sample=False,
                # stop once `beams` hypotheses have finished: the rule of Marian (which
                # trained opus-mt) and of CTranslate2, so both backends agree exactly;
                # transformers' default keeps searching on a guess that rarely pays
                early_stopping=True,
                # the decoder starts with one token; +1 leaves room for the eos the cap forces
                max_length=1 + max(caps) + 1,
                logits_processor=LogitsProcessorList([cap]),
                return_dict_in_generate=True,
                output_scores=scores,
            )
        texts = self.tokenizer.batch_decode(
            out.sequences,
            skip_special_tokens=True,
            # transformers 5.x decodes shared-vocabulary Marian output with the *source*
            # SentencePiece model by default; the output is English: use the target one.
            use_source_tokenizer=False,
            clean_up_tokenization_spaces=False,
        )
        if not scores:
            values = [0.0] * len(texts)
        elif getattr(out, "sequences_scores", None) is not None:
            values = out.sequences_scores.tolist()
        else:
            values = self._greedy_scores(out, eos)
        return [
            [Hypothesis(texts[row * n + k], float(values[row * n + k])) for k in range(n)]
            for row in range(len(batch))
        ]

    def _greedy_scores(self, out, eos: int) -> list[float]:
        """Beam search's score for one-beam (greedy) output, which generate leaves out.

        Sum of the generated tokens' log-probabilities, eos included, divided by
        their number ** length_penalty, as ``sequences_scores`` is for beams.
        """
        steps = self.model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
        generated = out.sequences[:, 1:]  # without the decoder start token
        is_eos = (generated == eos).long()
        keep = (is_eos.cumsum(1) - is_eos) == 0  # up to and including the first eos
        penalty = self.model.generation_config.length_penalty or 1.0
        total = steps.masked_fill(~keep, 0.0).sum(1)
        return (total / keep.sum(1).clamp(min=1) ** penalty).tolist()

    def __repr__(self) -> str:
        return f"MarianTranslator(name={self.name!r}, device={self.device!r}, beam={self.beam})"


class _PerRowLengthCap:
    """A logits processor forcing eos once a row has generated its own cap of tokens.

    ``max_length`` is one number for the whole batch; a cap per row keeps a
    text's translation the same whether it is translated alone or with longer
    texts.  ``caps`` has one entry per beam row (batch x beams, batch-major, as
    generate lays them out).  generate takes any callable ``(input_ids, scores)``
    here; it runs after the model's own processors.
    """

    def __init__(self, caps: "torch.Tensor", eos: int) -> None:
        self.caps = caps
        self.eos = eos

    def __call__(self, input_ids: "torch.Tensor", scores: "torch.Tensor") -> "torch.Tensor":
        generated = input_ids.shape[1] - 1  # minus the decoder start token
        stop = self.caps <= generated
        if bool(stop.any()):
            scores = scores.clone()
            scores[stop] = float("-inf")
            scores[stop, self.eos] = 0.0
        return scores
