"""Build a tiny, randomly initialised Marian model for the tests.

    python scripts/make_tiny_model.py OUT_DIR [--seed 0]

The folder it writes has the same files as the real ``Helsinki-NLP/opus-mt-ar-en``
(config.json, generation_config.json, model.safetensors, source.spm, target.spm,
vocab.json, tokenizer_config.json), so the real loading code runs on it.  Its
"translations" are nonsense: the weights are random.  What it is for is the
plumbing: tokenizing, batching, beam search, decoding, errors.

How the pieces mirror OPUS-MT:

- ``source.spm`` / ``target.spm``: SentencePiece unigram models trained on
  Arabic and English lines (a few dozen, written here).
- ``vocab.json``: one vocabulary shared by both sides, as in opus-mt models
  converted by transformers: ``</s>`` = 0, ``<unk>`` = 1, then the pieces of
  both SentencePiece models, then ``<pad>`` last; ``pad`` is also the decoder
  start token.

Building takes about a second and is deterministic: the same seed gives the
same files, byte for byte, and so the same translations.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

# Short lines of our own, news register, with the figures and punctuation the
# real articles have (Arabic comma and question mark, %, digits, quotes).
ARABIC_LINES = [
    "يجتمع وزراء خارجية 68 دولة في واشنطن اليوم.",
    "قال الوزير إن الاجتماع سيناقش الخطوات المقبلة.",
    "ارتفعت أسعار النفط بنسبة 3 % في الأسواق العالمية.",
    "أعلنت الحكومة عن خطة جديدة لدعم الاقتصاد.",
    "وصل الرئيس إلى القاهرة في زيارة رسمية تستمر يومين.",
    "قتل 12 شخصا وأصيب 40 آخرون في الحادث.",
    "هل ستوافق الدول الأعضاء على الاتفاق؟",
    "وأكد المتحدث أن المفاوضات ستستأنف الأسبوع المقبل.",
    "بلغت قيمة الصادرات 2.5 مليار دولار العام الماضي.",
    "دعا الأمين العام للأمم المتحدة إلى وقف إطلاق النار.",
    "تعهد الرئيس بزيادة ميزانية الدفاع بنسبة عشرة %.",
    "شارك أكثر من 1000 متظاهر في المسيرة، وفق الشرطة.",
    "قالت وزارة الصحة إن عدد الإصابات انخفض.",
    "افتتح المعرض الدولي للكتاب في الرياض يوم الأحد.",
    "أشار التقرير إلى تراجع معدل البطالة إلى 7 %.",
    "وقعت الشركتان اتفاقا بقيمة 300 مليون يورو.",
    "تستضيف المدينة القمة العربية في شهر مارس.",
    "وأضاف أن \"الوضع الأمني يتحسن\" في المنطقة.",
    "انتخب البرلمان رئيسا جديدا بأغلبية 180 صوتا.",
    "أعلن الجيش سيطرته على الموصل بعد معارك عنيفة.",
    "يبلغ عدد سكان البلاد نحو 40 مليون نسمة.",
    "رفض المجلس مشروع القرار للمرة الثانية.",
    "وسيعقد المؤتمر الصحفي في الساعة العاشرة صباحا.",
    "تراجعت الليرة أمام الدولار خلال الشهر الماضي.",
    "نقلت وكالة الأنباء عن مصدر مسؤول قوله ذلك.",
    "بدأت الانتخابات المحلية في 20 محافظة.",
    "طالبت المنظمة بالإفراج عن الصحفيين المعتقلين.",
    "زار وفد من البنك الدولي العاصمة الأسبوع الماضي.",
    "قال مسؤولون إن المساعدات وصلت إلى المدينة.",
    "يتوقع الخبراء نمو الاقتصاد بنسبة 4.2 % هذا العام.",
]

ENGLISH_LINES = [
    "Foreign ministers from 68 countries meet in Washington today.",
    "The minister said the meeting would discuss the next steps.",
    "Oil prices rose by 3% on world markets.",
    "The government announced a new plan to support the economy.",
    "The president arrived in Cairo on a two-day official visit.",
    "Twelve people were killed and 40 others injured in the accident.",
    "Will the member states agree to the deal?",
    "The spokesman said the negotiations would resume next week.",
    "Exports were worth $2.5 billion last year.",
    "The UN Secretary-General called for a ceasefire.",
    "The president pledged to raise the defence budget by ten percent.",
    "More than 1,000 protesters took part in the march, police said.",
    "The health ministry said the number of cases had fallen.",
    "The international book fair opened in Riyadh on Sunday.",
    "The report pointed to a fall in unemployment to 7%.",
    "The two companies signed a deal worth 300 million euros.",
    "The city hosts the Arab summit in March.",
    "He added that \"the security situation is improving\" in the region.",
    "Parliament elected a new speaker with 180 votes.",
    "The army announced it had taken Mosul after fierce fighting.",
    "The country has a population of about 40 million.",
    "The council rejected the draft resolution for the second time.",
    "The press conference will be held at ten in the morning.",
    "The lira fell against the dollar last month.",
    "The news agency quoted an official source as saying so.",
    "Local elections began in 20 provinces.",
    "The organisation demanded the release of detained journalists.",
    "A World Bank delegation visited the capital last week.",
    "Officials said the aid had reached the city.",
    "Experts expect the economy to grow by 4.2% this year.",
]

SPM_VOCAB_SIZE = 160  # per side; small, but more than the characters in the lines
D_MODEL = 16
INIT_STD = 0.5  # far above Marian's 0.02: peaked distributions, so no near-ties in beam search
EOS_BIAS = 6.5  # tuned so the random decoder stops early on some inputs and runs long on others


def train_spm(lines: list[str], seed: int, vocab_size: int = SPM_VOCAB_SIZE) -> bytes:
    """A SentencePiece unigram model of ``lines`` with Marian's special ids, deterministic for a seed."""
    import sentencepiece as spm

    spm.set_random_generator_seed(seed)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # a few dozen lines may not support the full size
        character_coverage=1.0,
        num_threads=1,  # deterministic
        unk_id=0,
        bos_id=-1,
        eos_id=1,
        pad_id=-1,
        minloglevel=2,  # quiet
    )
    return model.getvalue()


def spm_pieces(spm_bytes: bytes) -> list[str]:
    """The pieces of a SentencePiece model, without its control and unknown ones: its share of vocab.json."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not (sp.is_control(i) or sp.is_unknown(i))]


def build_tiny_marian(out_dir: Path, seed: int = 0) -> Path:
    """Write a tiny random Marian ar->en model into ``out_dir`` and return it."""
    import torch
    from transformers import (
        GenerationConfig,
        MarianConfig,
        MarianMTModel,
        MarianTokenizer,
    )

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    source_spm = train_spm(ARABIC_LINES, seed)
    target_spm = train_spm(ENGLISH_LINES, seed)
    (out_dir / "source.spm").write_bytes(source_spm)
    (out_dir / "target.spm").write_bytes(target_spm)

    vocab = {"</s>": 0, "<unk>": 1}
    for piece in spm_pieces(source_spm) + spm_pieces(target_spm):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=2), encoding="utf-8")

    pad, eos = vocab["<pad>"], vocab["</s>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=D_MODEL,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=512,  # the real model's limit, so long inputs behave the same
        activation_function="swish",
        scale_embedding=True,
        init_std=INIT_STD,
        pad_token_id=pad,
        eos_token_id=eos,
        forced_eos_token_id=eos,
        decoder_start_token_id=pad,
        architectures=["MarianMTModel"],
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    with torch.no_grad():
        model.final_logits_bias[0, eos] = EOS_BIAS
    # The hub model's generation settings (opus-mt-ar-en generation_config.json).
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=eos,
        forced_eos_token_id=eos,
        max_length=512,
        num_beams=4,
        pad_token_id=pad,
    )
    model.save_pretrained(out_dir, safe_serialization=True)

    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"),
        target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"),
        source_lang="ar",
        target_lang="en",
    )
    tokenizer.save_pretrained(out_dir)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a tiny random Marian ar->en model for tests.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = build_tiny_marian(args.out_dir, seed=args.seed)
    print(f"tiny Marian model written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
