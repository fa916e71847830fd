"""Write summarize/data/background_ar.tsv: how common each folded Arabic word is in general text.

    pip install wordfreq && python scripts/make_background.py

Story grouping weighs a shared word by how rare it is.  Counting that within
the day's batch alone breaks down on small batches (in six articles almost every
word is "used by only two"), so the weight blends the batch with this fixed
background: wordfreq's Arabic frequencies (Wikipedia, subtitles, news, web and
social text), each surface form folded the way ``summarize.language.arabic.fold`` folds
words and the frequencies of forms that fold together added up.  Words rarer
than one in a million are left out (grouping treats an absent word as rare).

The frequencies are wordfreq's data (Robyn Speer, CC BY-SA 4.0); the file says
so in its header.  Run again after changing ``fold``.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.language.arabic import fold  # noqa: E402
from summarize.stories import BACKGROUND  # noqa: E402

SMALLEST = 1e-7  # surface forms rarer than this are not worth folding
KEEP = 1e-6  # folded words rarer than this are left out


def main() -> int:
    try:
        import wordfreq
    except ImportError:
        print("Error: this script needs wordfreq: pip install wordfreq", file=sys.stderr)
        return 2
    folded: dict[str, float] = defaultdict(float)
    for word, frequency in wordfreq.get_frequency_dict("ar").items():
        if frequency >= SMALLEST and not word.isdigit():
            folded[fold(word)] += frequency
    kept = sorted(((w, f) for w, f in folded.items() if f >= KEEP and w), key=lambda wf: (-wf[1], wf[0]))
    version = metadata.version("wordfreq")
    lines = [
        "# How common each folded Arabic word is: word, then Zipf frequency (log10 of uses per billion words).",
        f"# Made by scripts/make_background.py from wordfreq {version} (Arabic, 'best' list).",
        "# Data: the wordfreq package by Robyn Speer and contributors, licensed CC BY-SA 4.0.",
    ] + [f"{w}\t{math.log10(f * 1e9):.2f}" for w, f in kept]
    BACKGROUND.parent.mkdir(parents=True, exist_ok=True)
    BACKGROUND.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} words to {BACKGROUND.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
