"""The transformers backend: OPUS-MT Marian models (``Helsinki-NLP/opus-mt-ar-en``).

``MarianTranslator.load`` finds the model (a folder, the models folder's copy:
see ``models``; the hub or its cache: see ``hub``), loads it, and fails with
one ``ModelError`` saying every place it tried and how to get the model.
Translation is deterministic beam search over batches sorted by length; the
results come back in the order given.  Inputs are never truncated: one longer
than the model takes raises ``ValueError`` (the pipeline splits long sentences
before it translates).  A per-row logits processor caps each output at the
base's ``output_cap``, so a text translates the same alone or in a batch.

torch and transformers are imported inside the functions that need them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from summarize.translate import Hypothesis, ModelError, hub, models, short_error
from summarize.translate.base import MODEL_MAX_TOKENS, LoadRequest, MarianBackend

if TYPE_CHECKING:
    import torch

SEED = 0


class MarianTranslator(MarianBackend):
    """A Marian model behind the ``Translator`` interface.

    Build it with ``MarianTranslator.load`` (see ``MarianBackend.load``); the
    constructor takes an already loaded model and tokenizer.
    """

    backend = "transformers"

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
        positions = getattr(model.config, "max_position_embeddings", MODEL_MAX_TOKENS) or MODEL_MAX_TOKENS
        super().__init__(
            name=name, device=device, beam=beam, batch_size=batch_size, source=source,
            max_input_tokens=min(MODEL_MAX_TOKENS, positions, tokenizer.model_max_length or MODEL_MAX_TOKENS),
            max_output_tokens=positions,
        )
        self.model = model
        self.tokenizer = tokenizer
        self.revision = revision  # hub commit, when known
        self._folder = folder

    @classmethod
    # ignore[override]: each backend takes its own options (this one none); load() passes them on
    def _open(cls, request: LoadRequest) -> MarianTranslator:  # type: ignore[override]
        """From a folder (given, or the models folder's copy), else from the hub or its cache."""
        model = request.model
        search = models.Search(model)
        folder = models.find_folder(model, request.models_dir, search)  # raises for a broken folder
        if folder is not None:
            try:
                with hub.quiet():
                    loaded, tokenizer = hub.load_pair(str(folder), local_files_only=True)
            except Exception as e:
                search.tried(f"folder {folder}", f"could not be loaded ({short_error(e)})")
                raise ModelError(search.failure()) from None
            source, revision = str(folder), None
        elif models.is_hub_id(model):
            result = hub.load_from_hub(model, request.offline or hub.env_offline(), search)
            if result is None:
                raise ModelError(search.failure())
            loaded, tokenizer, revision = result
            source = f"Hugging Face hub {model}" + (f"@{revision}" if revision else "")
        else:
            raise ModelError(search.failure())

        import torch

        torch.manual_seed(SEED)  # beam search draws nothing at random; this is belt and braces
        try:
            loaded.to(request.device)
        except (RuntimeError, AssertionError, ValueError) as e:  # no such device, torch built without CUDA ...
            raise request.device_error(
                f"Cannot put the translation model on device {request.device!r}: {short_error(e)}"
            ) from None
        loaded.eval()
        return cls(loaded, tokenizer, name=model, device=request.device, beam=request.beam,
                   batch_size=request.batch_size, source=source, revision=revision, folder=folder)

    def _make_identity(self) -> str:
        """``name@<hub commit>`` when the model came from the hub (or its cache);
        ``name@sha256:<digest>`` of the folder's weights, vocabularies and
        configs otherwise (a second or so for the 300 MB opus-mt weights,
        stable across copies unlike mtimes).
        """
        if self.revision:
            return f"{self.name}@{self.revision}"
        if self._folder is not None:
            return f"{self.name}@sha256:{models.folder_digest(self._folder)}"
        return self.name

    def _encode(self, text: str) -> list[int]:
        # verbose=False: no "longer than the maximum" warning; the base checks the length itself
        return self.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"]

    def _search(self, inputs: list[list[int]], n: int, scores: bool, no_repeat: int = 0) -> list[list[Hypothesis]]:
        """Beam search over batches sorted by length.

        Scores need transformers' ``output_scores``, which keeps every step's
        log-probabilities (rows x beams x vocabulary floats), so batches then
        hold ``batch_size // beams`` texts.
        """
        rows = max(1, self.batch_size // max(self.beam, n)) if scores else self.batch_size
        # Longest first: similar lengths share a batch (little padding), and the
        # slowest batch shows up at once.  Stable, so equal lengths keep their order.
        order = sorted(range(len(inputs)), key=lambda i: -len(inputs[i]))
        results: list[list[Hypothesis]] = [[] for _ in inputs]
        for start in range(0, len(order), rows):
            batch = order[start : start + rows]
            for i, hyps in zip(batch, self._generate([inputs[i] for i in batch], n, scores, no_repeat)):
                results[i] = sorted(hyps, key=lambda h: -h.score)
        return results

    def _generate(self, batch: list[list[int]], n: int, scores: bool, no_repeat: int = 0) -> list[list[Hypothesis]]:
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
                # 0 (off) unless the repetition repair asks: given always, so a model whose
                # generation_config sets one is searched as CTranslate2 searches it
                no_repeat_ngram_size=no_repeat,
                # CTranslate2 takes the log-softmax over the tokens left once the repeats are
                # banned; transformers' default keeps the full softmax, and beams then differ
                renormalize_logits=no_repeat > 0,
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
