"""Fetch a Marian translation model from the Hugging Face hub into models/.

    python scripts/download_model.py [--model Helsinki-NLP/opus-mt-ar-en] [--out models/opus-mt-ar-en]

Run it where the hub is reachable.  It loads the model and its tokenizer with
transformers and saves them with ``save_pretrained``, so the folder always
holds safetensors weights (the hub repo may only have ``pytorch_model.bin``)
and exactly the files ``summarize`` needs:

    config.json  generation_config.json  model.safetensors
    source.spm  target.spm  vocab.json  tokenizer_config.json
    SOURCE.json   (which hub repo and commit it came from)

To use it on a machine without network, copy the whole folder into that
machine's ``models/`` (or anywhere, then pass ``--model PATH``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: find the summarize package

from summarize.translate import models  # noqa: E402  (light: no torch)


def download(model: str, out: Path) -> Path:
    """Save ``model`` (hub id) into ``out``; raise ``SystemExit`` with a clear message on failure."""
    from summarize.translate.hub import probe_hub

    reachable, problem, commit = probe_hub(model)
    if not reachable:
        raise SystemExit(
            f"Error: cannot download {model}: {problem}.\n"
            "Run this script on a machine that can reach https://huggingface.co (set HTTPS_PROXY if you need a "
            "proxy, and unset HF_HUB_OFFLINE), then copy the folder it writes to the offline machine."
        )

    from transformers import MarianMTModel, MarianTokenizer

    try:
        tokenizer = MarianTokenizer.from_pretrained(model, revision=commit)
        weights = MarianMTModel.from_pretrained(model, revision=commit, trust_remote_code=False)
    except Exception as e:
        raise SystemExit(f"Error: cannot download {model}: {problem or ' '.join(str(e).split())[:300]}") from None

    out.mkdir(parents=True, exist_ok=True)
    weights.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    source = {"repo_id": model, "commit": commit, "downloaded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / "SOURCE.json").write_text(json.dumps(source, indent=2) + "\n", encoding="utf-8")

    problem = models.check_model_folder(out)
    if problem:
        raise SystemExit(f"Error: the saved folder {out} is {problem}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Download a Marian model (default: opus-mt-ar-en) into models/.")
    parser.add_argument("--model", default=models.DEFAULT_MODEL, help="hub id (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="folder to write (default: models/<last part of the id>)")
    args = parser.parse_args(argv)
    if not models.is_hub_id(args.model):
        parser.error(f"--model must be a hub id like {models.DEFAULT_MODEL}, got {args.model!r}")
    out = args.out or REPO_ROOT / "models" / models.copy_name(args.model)

    folder = download(args.model, out)
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6
    print(f"Saved {args.model} to {folder} ({size:.0f} MB).")
    print(
        "summarize finds it there by itself.  For a machine without network, copy the folder, e.g.\n"
        f"    rsync -a {folder}/ OTHER-HOST:/path/to/summarize/models/{models.copy_name(args.model)}/\n"
        "or point at it anywhere with --model PATH (or set SUMMARIZE_MODELS to the folder holding it)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
