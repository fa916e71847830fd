"""The CTranslate2 backend: the same Marian models, converted, several times faster on CPU.

``CTranslate2Translator.load`` takes the transformers backend's options and
its own (see ``_open``).  ``--model`` may name a converted folder (``model.bin`` plus the
tokenizer files) or anything the transformers backend finds; a transformers
folder is converted on first use and the copy reused (see ``convert``):
int8 on CPU, float16 on GPU.

Tokenizing is ours, not CTranslate2's: the same ``normalize_punctuation`` as
the transformers backend, the source SentencePiece model, ``</s>`` appended;
the output is decoded with the target SentencePiece model.  Decoding mirrors
the transformers backend: beam search with the model's length penalty, scores
normalized by the length eos included, a per-text cap of ``min(510,
2 x source tokens + 10)`` output tokens, never truncated input.  On a float32
conversion both backends give the same translations (tests/test_ctranslate2.py).

ctranslate2 is imported only when a model is loaded or converted.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from summarize.translate import Hypothesis, ModelError, models, short_error
from summarize.translate.base import MODEL_MAX_TOKENS, LoadRequest, MarianBackend
from summarize.translate.convert import default_quantization, find_or_convert
from summarize.translate.device import cpu_threads

EOS = "</s>"
UNK = "<unk>"
#: source tokens per batch (CTranslate2 ``batch_type="tokens"``) for each sentence of ``batch_size``
TOKENS_PER_SENTENCE = 64


class CTranslate2Translator(MarianBackend):
    """A converted Marian model behind the ``Translator`` interface."""

    backend = "ctranslate2"

    def __init__(
        self,
        model,
        folder: Path,
        *,
        name: str,
        device: str,
        beam: int = 4,
        batch_size: int = 16,
        max_batch_tokens: int | None = None,
    ) -> None:
        import sentencepiece as spm

        folder = Path(folder)
        marian_config = models.read_json(folder / "marian_config.json") or {}
        generation = models.read_json(folder / "generation_config.json") or {}
        positions = marian_config.get("max_position_embeddings") or MODEL_MAX_TOKENS
        super().__init__(
            name=name, device=device, beam=beam, batch_size=batch_size, source=str(folder),
            max_input_tokens=min(MODEL_MAX_TOKENS, positions), max_output_tokens=positions,
        )
        self.model = model  # a ctranslate2.Translator
        self.folder = folder
        self.max_batch_tokens = max_batch_tokens or batch_size * TOKENS_PER_SENTENCE
        self.compute_type = model.compute_type
        self._source_spm = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self._target_spm = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        penalty = generation.get("length_penalty", marian_config.get("length_penalty"))
        self.length_penalty = 1.0 if penalty is None else float(penalty)  # transformers' default

    @classmethod
    def _open(  # type: ignore[override]  # each backend takes its own options; load() passes them on
        cls,
        request: LoadRequest,
        quantization: str | None = None,
        compute_type: str = "default",
        threads: int | None = None,
        max_batch_tokens: int | None = None,
    ) -> CTranslate2Translator:
        """A converted folder for the model (converting it on first use: see ``convert``), loaded.

        ``quantization``: the weights' type for a conversion on first use
        (default int8 on CPU, float16 on GPU).  ``compute_type``: CTranslate2's
        ("default" keeps the converted weights' type).  ``threads``: CPU
        cores to use, one batch on each (default: every core).
        """
        try:
            import ctranslate2
        except ImportError:
            raise ModelError("The ctranslate2 backend needs the ctranslate2 package: pip install ctranslate2") from None

        kind, _, index = request.device.partition(":")
        folder = find_or_convert(request.model, quantization or default_quantization(kind), request.models_dir,
                                 request.offline)
        threads = threads or cpu_threads()
        try:
            loaded = ctranslate2.Translator(
                str(folder),
                device=kind,
                device_index=int(index or 0),
                compute_type=compute_type,
                # On CPU, one batch per core beats every core on one batch: a 512-wide
                # model's matrices are too small for threads to share well (2 cores:
                # 650 target tokens/s against 410, scripts/bench.py).  One call's
                # batches are spread over the workers; its results keep their order.
                inter_threads=threads if kind == "cpu" else 1,
                intra_threads=1 if kind == "cpu" else 0,
            )
        except (RuntimeError, ValueError) as e:
            raise request.device_error(
                f"Cannot load the CTranslate2 model {folder} on device {request.device!r}: {short_error(e)}"
            ) from None
        return cls(loaded, folder, name=request.model, device=request.device, beam=request.beam,
                   batch_size=request.batch_size, max_batch_tokens=max_batch_tokens)

    def _make_identity(self) -> str:
        """``name@sha256:<converted folder digest>+ct2:<compute type>``.

        Never equal to the transformers backend's identity for the same model:
        the converted (possibly quantized) weights translate differently.
        """
        return f"{self.name}@sha256:{models.folder_digest(self.folder)}+ct2:{self.compute_type}"

    def _encode(self, text: str) -> list[str]:
        """What MarianTokenizer makes of ``text``: a leading ``>>xx<<`` code, the pieces, eos."""
        code = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        return code + self._source_spm.encode(text, out_type=str) + [EOS]

    def _search(self, inputs: list[list[str]], n: int, scores: bool, no_repeat: int = 0) -> list[list[Hypothesis]]:
        """Beam search in groups of similar length; the scores come with it (``scores`` is not needed).

        One pass in groups of similar length, each with its group's largest
        cap (a single pass with the overall largest cap let every output of a
        degenerate model run to ~500 tokens: minutes and 1.4 GB of decoder
        state).  A text whose search ended before its own cap could matter
        (every hypothesis shorter than the cap) got what a search with its
        own cap gives; the others (rare with a real model) are searched
        again, grouped by cap.
        """
        beams = max(self.beam, n)
        caps = [self._output_cap(len(x)) for x in inputs]
        results: list[list[Hypothesis]] = [[] for _ in inputs]
        order = sorted(range(len(inputs)), key=caps.__getitem__)
        groups_first = [order[k:k + self.batch_size] for k in range(0, len(order), self.batch_size)]
        tops = [max(caps[i] for i in group) for group in groups_first]
        first = self._decode([([inputs[i] for i in g], top) for g, top in zip(groups_first, tops)], beams, no_repeat)
        again: dict[int, list[int]] = defaultdict(list)
        for group, top, found in zip(groups_first, tops, first):
            for i, hyps in zip(group, found):
                if caps[i] == top or max(len(tokens) for tokens, _ in hyps) < caps[i]:
                    results[i] = self._hypotheses(hyps, n)
                else:
                    again[caps[i]].append(i)
        groups = list(again.items())
        redone = self._decode([([inputs[i] for i in rows], cap) for cap, rows in groups], beams, no_repeat)
        for (cap, rows), found in zip(groups, redone):
            for i, hyps in zip(rows, found):
                results[i] = self._hypotheses(hyps, n)
        return results

    def _decode(
        self, jobs: list[tuple[list[list[str]], int]], beams: int, no_repeat: int = 0
    ) -> list[list[list[tuple[list[str], float]]]]:
        """For each ``(inputs, cap)`` job, every input's finished hypotheses as ``(tokens, score)``.

        Eos is kept and scores are as transformers computes them.  The jobs are
        queued together, so small ones keep every worker busy.

        ``num_hypotheses=beams`` returns all but the worst of what the search
        collected; among them is one of the longest, so the caller can tell
        whether a search reached a given length.  ``max_decoding_length=cap``:
        a hypothesis still running at the cap ends there (transformers forces
        eos after it; its score is renormalized below).  ``no_repeat``: CTranslate2's
        ``no_repeat_ngram_size`` (0: off), as transformers' option of that name.
        """
        pending = [self.model.translate_batch(
            batch,
            asynchronous=True,
            # CTranslate2 sorts by length and fills batches up to this many source tokens;
            # fewer when searching wider than the beam (n-best repairs): memory grows with beams
            max_batch_size=max(1, self.max_batch_tokens * self.beam // beams),
            batch_type="tokens",
            beam_size=beams,
            patience=1.0,
            num_hypotheses=beams,
            length_penalty=self.length_penalty,
            return_end_token=True,  # transformers normalizes by the length eos included
            return_scores=True,
            max_input_length=0,  # never truncate (the length was checked)
            max_decoding_length=cap,
            min_decoding_length=0,  # CTranslate2 defaults to 1; transformers lets eos come first
            no_repeat_ngram_size=no_repeat,
        ) for batch, cap in jobs]
        return [[self._rescored(result.result()) for result in results] for results in pending]

    def _rescored(self, result) -> list[tuple[list[str], float]]:
        hyps = []
        for tokens, score in zip(result.hypotheses, result.scores):
            if tokens and tokens[-1] != EOS:
                # stopped by the cap: transformers appends a forced eos (log-prob 0)
                total = score * len(tokens) ** self.length_penalty
                score = total / (len(tokens) + 1) ** self.length_penalty
            hyps.append((tokens, float(score)))
        return hyps

    def _hypotheses(self, hyps: list[tuple[list[str], float]], n: int) -> list[Hypothesis]:
        best = sorted(hyps, key=lambda h: -h[1])[:n]  # stable: CTranslate2's order breaks ties
        return [Hypothesis(self._detokenize(tokens), score) for tokens, score in best]

    def _detokenize(self, tokens: list[str]) -> str:
        """As MarianTokenizer.decode(skip_special_tokens=True) with the target SentencePiece model."""
        pieces = [t for t in tokens if t not in (EOS, UNK, "<pad>")]
        return self._target_spm.decode_pieces(pieces).replace("\u2581", " ").strip()

    def __repr__(self) -> str:
        return (
            f"CTranslate2Translator(name={self.name!r}, device={self.device!r}, beam={self.beam}, "
            f"compute_type={self.compute_type!r})"
        )

