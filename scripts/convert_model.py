"""Convert a transformers Marian model folder for the CTranslate2 backend.

    python scripts/convert_model.py SRC_MODEL_DIR [--out DIR] [--quantization int8|int8_float16|float16|float32|...]

Writes ``models/<name>-ct2-<quantization>/`` by default: CTranslate2's
``model.bin``, ``config.json`` and ``shared_vocabulary.json``, plus the
tokenizer files (``source.spm``, ``target.spm``, ``vocab.json``), the Marian
config (as ``marian_config.json``), ``generation_config.json`` and
``SOURCE.json`` (where it came from), so the folder loads alone:

    python -m summarize corpus/ --backend ctranslate2 --model models/opus-mt-ar-en-ct2-int8

``--backend ctranslate2`` also converts on first use, so running this by hand
is only needed to pick another quantization or place.  int8 is the choice
for CPU; float16 or int8_float16 for GPU.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")


def main(argv: list[str] | None = None) -> int:
    from summarize.translate import ModelError, models
    from summarize.translate.convert import convert, converted_name

    parser = argparse.ArgumentParser(description="Convert a Marian model folder to CTranslate2.")
    parser.add_argument("source", type=Path, help="transformers Marian model folder (e.g. models/opus-mt-ar-en)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default: <models folder>/<name>-ct2-<quantization>)")
    parser.add_argument("--quantization", default="int8", choices=QUANTIZATIONS,
                        help="weight type (default: int8, the fastest on CPU)")
    parser.add_argument("--force", action="store_true", help="replace the output folder if it exists")
    args = parser.parse_args(argv)

    out = args.out or models.default_models_dir() / converted_name(args.source.name, args.quantization)
    try:
        convert(args.source, out, args.quantization, force=args.force)
    except (ModelError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"CTranslate2 model ({args.quantization}) written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
