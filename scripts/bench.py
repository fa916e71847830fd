"""Translation speed on this machine: transformers one at a time, transformers batched, CTranslate2 int8.

    python scripts/bench.py [--json] [--work DIR] [--skip-e2e]

No real weights are needed (or downloaded).  The model has opus-mt-ar-en's
exact architecture (scripts/opus-mt-ar-en.config.json: Marian, d_model 512,
6+6 layers, 8 heads, FFN 2048, 62,834-entry shared vocabulary, 512
positions) with random weights (seeded), a source SentencePiece model trained
on the sample corpus, and vocab.json padded to 62,834 entries so every matrix
has its real size.  It is built once into ``build/bench/`` (and converted to
CTranslate2 int8 beside it) and reused.

The sentences are the sample corpus's, as the pipeline feeds them to the
model (``prepare_article`` then ``translation.prepare``: cleaned, split at
clause boundaries past 200 tokens, each distinct input once).  Random
weights would stop at arbitrary lengths, so every backend is forced to the
same output: exactly round(1.2 x source tokens) tokens then eos (transformers:
a logits processor that holds eos back until then and forces it there;
CTranslate2: ``min_decoding_length = max_decoding_length``, one call per
length-sorted batch (the backend's token budget), queued asynchronously to
the backend's workers as one call's batches are, every row decoding as long
as the batch's longest, as transformers' finished rows also do).  (A target prefix is no way to force
the length: CTranslate2 runs a prefix through the decoder in one pass, not
step by step.)  All three decode with beam 4 on the same sentences
in the same run; the figure is target tokens per second.

Also timed: ``python -m summarize --help`` start-up (median of 5), and the
whole pipeline ``python -m summarize corpus/ --backend ctranslate2 --cache``
with a fresh cache file (cold) and again with the same cache (warm), with the
cold run's peak RSS.  Nothing here runs inside the unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONFIG = Path(__file__).with_name("opus-mt-ar-en.config.json")
WORK = ROOT / "build" / "bench"
SEED = 0
BEAM = 4
BATCH = 16  # transformers batched: MarianTranslator's default batch of sentences
OUTPUT_RATIO = 1.2
SOURCE_SPM_VOCAB = 8000  # as many pieces as the 24 KB corpus supports (hard limit off)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the model -----------------------------------------------------------------


def build_model(folder: Path) -> Path:
    """opus-mt-ar-en's architecture with seeded random weights; reused when already built."""
    marker = folder / "BENCH.json"
    config_text = CONFIG.read_text(encoding="utf-8")
    stamp = {"config": config_text, "seed": SEED, "spm_vocab": SOURCE_SPM_VOCAB}
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == stamp:
        return folder
    import torch
    from transformers import (
        GenerationConfig,
        MarianConfig,
        MarianMTModel,
        MarianTokenizer,
    )

    from summarize.translate.normalize import normalize_punctuation

    log(f"building a random opus-mt-ar-en-shaped model in {folder} ...")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    settings = {k: v for k, v in json.loads(config_text).items() if not k.startswith("_")}
    vocab_size, pad, eos = settings["vocab_size"], settings["pad_token_id"], settings["eos_token_id"]

    corpus = [normalize_punctuation(line) for path in sorted((ROOT / "corpus").glob("*.txt"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tiny = _load_tiny_script()
    source_spm = tiny.train_spm(corpus, SEED, SOURCE_SPM_VOCAB)
    target_spm = tiny.train_spm(tiny.ENGLISH_LINES, SEED, 200)
    (folder / "source.spm").write_bytes(source_spm)
    (folder / "target.spm").write_bytes(target_spm)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in tiny.spm_pieces(source_spm) + tiny.spm_pieces(target_spm):
        vocab.setdefault(piece, len(vocab))
    filler = 0
    while len(vocab) < vocab_size - 1:  # real-size matrices: pad the vocabulary with unused entries
        vocab.setdefault(f"\u2581<unused{filler}>", len(vocab))
        filler += 1
    vocab["<pad>"] = len(vocab)
    assert len(vocab) == vocab_size and vocab["<pad>"] == pad and vocab["</s>"] == eos
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    torch.manual_seed(SEED)
    model = MarianMTModel(MarianConfig(**settings))
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=eos, forced_eos_token_id=eos,
        max_length=512, num_beams=4, pad_token_id=pad,
    )
    model.save_pretrained(folder, safe_serialization=True)
    MarianTokenizer(source_spm=str(folder / "source.spm"), target_spm=str(folder / "target.spm"),
                    vocab=str(folder / "vocab.json"), source_lang="ar", target_lang="en").save_pretrained(folder)
    marker.write_text(json.dumps(stamp), encoding="utf-8")
    return folder


def _load_tiny_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_tiny_model", ROOT / "scripts" / "make_tiny_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def converted(source: Path) -> Path:
    """The int8 CTranslate2 copy beside ``source`` (where ``--backend ctranslate2`` finds it)."""
    from summarize.translate import convert, models

    out = source.parent / convert.converted_name(source.name, "int8")
    if not (models.is_ct2_folder(out) and convert.is_fresh(out, source)):
        log(f"converting to CTranslate2 int8 in {out} ...")
        convert.convert(source, out, "int8", force=True)
    return out


# -- the sentences -------------------------------------------------------------


def corpus_inputs(translator) -> list[str]:
    """What the pipeline translates for the sample corpus: each distinct piece once."""
    from summarize.pipeline import prepare_article
    from summarize.translate.stage import prepare

    pieces = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        article = prepare_article(path)
        prepare(article, translator)
        pieces += [piece for unit in article.units for piece in unit.pieces]
    return [p for p in dict.fromkeys(pieces) if p.strip()]


# -- the three ways of translating ---------------------------------------------


class ForceLength:
    """Logits processor: row r generates exactly ``lengths[r]`` tokens, then eos."""

    def __init__(self, lengths, eos: int) -> None:
        self.lengths = lengths  # a tensor, one entry per beam row
        self.eos = eos

    def __call__(self, input_ids, scores):
        generated = input_ids.shape[1] - 1
        scores = scores.clone()
        done = self.lengths <= generated
        scores[~done, self.eos] = float("-inf")
        scores[done] = float("-inf")
        scores[done, self.eos] = 0.0
        return scores


def run_transformers(model, tokenizer, texts: list[str], lengths: list[int], batch: int) -> float:
    """Seconds to translate ``texts`` in length-sorted batches of ``batch`` (1: one call per sentence)."""
    import torch
    from transformers import LogitsProcessorList

    from summarize.translate.normalize import normalize_punctuation

    ids = [tokenizer(normalize_punctuation(t), verbose=False)["input_ids"] for t in texts]
    order = sorted(range(len(texts)), key=lambda i: -len(ids[i])) if batch > 1 else list(range(len(texts)))
    pad, eos = tokenizer.pad_token_id, tokenizer.eos_token_id
    started = time.perf_counter()
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            width = max(len(ids[i]) for i in rows)
            input_ids = torch.full((len(rows), width), pad, dtype=torch.long)
            mask = torch.zeros((len(rows), width), dtype=torch.long)
            for r, i in enumerate(rows):
                input_ids[r, :len(ids[i])] = torch.tensor(ids[i])
                mask[r, :len(ids[i])] = 1
            force = torch.tensor([lengths[i] for i in rows]).repeat_interleave(BEAM)
            model.generate(
                input_ids=input_ids, attention_mask=mask, num_beams=BEAM, do_sample=False,
                max_length=max(lengths[i] for i in rows) + 2,
                logits_processor=LogitsProcessorList([ForceLength(force, eos)]),
            )
    return time.perf_counter() - started


def ctranslate2_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Length-sorted batches of at most ``budget`` source tokens (rows x longest), as CTranslate2 makes them."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * lengths[batches[-1][0]] <= budget:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def run_ctranslate2(translator, texts: list[str], lengths: list[int], budget: int | None = None) -> float:
    """Seconds for the CTranslate2 backend's batches (its token budget, sorting, threads, beam).

    CTranslate2 takes one length limit per call, so each batch is its own
    call and every row of it decodes as many steps as the batch's longest
    forced output (the waste transformers' batches have too: their finished
    rows keep being computed); only the forced tokens are counted.
    """
    sources = [translator.tokens(t) for t in texts]
    batches = ctranslate2_batches([len(s) for s in sources], budget or translator.max_batch_tokens)
    started = time.perf_counter()
    pending = []
    for batch in batches:
        steps = max(lengths[i] for i in batch) + 1  # the tokens, then the step that would give eos
        pending.append((steps, translator.model.translate_batch(
            [sources[i] for i in batch], beam_size=BEAM, max_input_length=0,
            min_decoding_length=steps, max_decoding_length=steps,  # eos held back until the last step
            asynchronous=True,  # queued for the backend's workers, as one call's batches are
        )))
    for steps, results in pending:
        assert all(len(r.result().hypotheses[0]) == steps for r in results)
    return time.perf_counter() - started


# -- the CLI -------------------------------------------------------------------


def time_help(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "summarize", "--help"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rc": code.returncode, "stderr": code.stderr[-2000:],
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run_cli(args: list[str]) -> dict:
    """One ``python -m summarize`` run in a wrapper that reports its time and peak RSS alone."""
    wrapped = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "summarize", *args],
                             cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(wrapped.stdout)


def cli_has(*options: str) -> bool:
    text = subprocess.run([sys.executable, "-m", "summarize", "--help"], cwd=ROOT, capture_output=True,
                          text=True).stdout
    return all(option in text for option in options)


def time_e2e(source: Path) -> dict:
    if not cli_has("--backend", "--cache"):
        return {"e2e_cold_s": None, "e2e_warm_s": None, "peak_rss_mb": None,
                "e2e_note": "summarize has no --backend/--cache options yet"}
    with tempfile.TemporaryDirectory(prefix="bench-e2e-") as tmp:
        common = ["corpus", "--model", str(source), "--backend", "ctranslate2", "--cache",
                  str(Path(tmp) / "cache.sqlite3"), "--out", str(Path(tmp) / "briefs"), "--quiet", "--offline"]
        cold = run_cli(common)
        warm = run_cli(common)
    for run in (cold, warm):
        if run["rc"] not in (0, 1):  # 1: some article failed, the rest were briefed
            return {"e2e_cold_s": None, "e2e_warm_s": None, "peak_rss_mb": None,
                    "e2e_note": f"summarize failed (exit {run['rc']}): {run['stderr'].strip()[-300:]}"}
    return {"e2e_cold_s": round(cold["seconds"], 2), "e2e_warm_s": round(warm["seconds"], 2),
            "peak_rss_mb": round(cold["maxrss_kb"] / 1024, 1), "e2e_warm_peak_rss_mb": round(warm["maxrss_kb"] / 1024, 1)}


# -- main ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the translation backends on the sample corpus.")
    parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else on stdout")
    parser.add_argument("--work", type=Path, default=WORK, help=f"where the model is built (default: {WORK})")
    parser.add_argument("--skip-e2e", action="store_true", help="leave out the whole-pipeline timings")
    args = parser.parse_args(argv)

    import torch
    from transformers import MarianMTModel, MarianTokenizer

    from summarize.translate.ctranslate2 import CTranslate2Translator
    from summarize.translate.device import cpu_threads
    from summarize.translate.hub import quiet

    threads = cpu_threads()
    torch.set_num_threads(threads)
    source = build_model(args.work / "opus-mt-ar-en-random")
    ct2_folder = converted(source)

    translator = CTranslate2Translator.load(model=str(ct2_folder), beam=BEAM, batch_size=BATCH)
    texts = corpus_inputs(translator)
    source_tokens = [translator.count_tokens(t) for t in texts]
    lengths = [round(OUTPUT_RATIO * n) for n in source_tokens]
    target_tokens = sum(lengths)
    log(f"{len(texts)} inputs, {sum(source_tokens)} source tokens, {target_tokens} forced target tokens, "
        f"{threads} threads")

    with quiet():
        model = MarianMTModel.from_pretrained(str(source)).eval()
        tokenizer = MarianTokenizer.from_pretrained(str(source))
    # warm-up (first calls allocate and pick kernels)
    run_transformers(model, tokenizer, texts[:2], lengths[:2], BATCH)
    run_ctranslate2(translator, texts[:2], lengths[:2])

    seconds = {}
    seconds["ctranslate2"] = run_ctranslate2(translator, texts, lengths)
    log(f"ctranslate2 int8: {seconds['ctranslate2']:.1f}s")
    seconds["batched"] = run_transformers(model, tokenizer, texts, lengths, BATCH)
    log(f"transformers batched: {seconds['batched']:.1f}s")
    seconds["naive"] = run_transformers(model, tokenizer, texts, lengths, 1)
    log(f"transformers one at a time: {seconds['naive']:.1f}s")
    del model

    rate = {k: target_tokens / v for k, v in seconds.items()}
    result = {
        "naive_tok_s": round(rate["naive"], 1),
        "transformers_batched_tok_s": round(rate["batched"], 1),
        "ctranslate2_tok_s": round(rate["ctranslate2"], 1),
        "ratio_ctranslate2_vs_naive": round(rate["ctranslate2"] / rate["naive"], 2),
        "ratio_ctranslate2_vs_batched": round(rate["ctranslate2"] / rate["batched"], 2),
        "e2e_cold_s": None,
        "e2e_warm_s": None,
        "help_s": round(time_help(), 3),
        "sentences": len(texts),
        "source_tokens": sum(source_tokens),
        "target_tokens": target_tokens,
        "beam": BEAM,
        "ctranslate2_compute_type": translator.compute_type,
        "ctranslate2_max_batch_tokens": translator.max_batch_tokens,
        "ctranslate2_workers": translator.model.num_translators,
        "threads": threads,
        "machine": f"{platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores".strip(),
    }
    if not args.skip_e2e:
        log("timing python -m summarize (cold, then warm cache) ...")
        result.update(time_e2e(source))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
