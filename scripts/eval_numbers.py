"""Measure the number checker on real text.

    python scripts/eval_numbers.py [--shared PATH] [--json] [--sample N]

(a) the seed gold (shared/gold/seed_numbers.tsv): the Arabic extractor's recall
    (gold quantities found with their value) and precision (extracted exact
    quantities of the sample corpus that the gold has);
(b) FLORES-200 devtest and NTREX-128 (human translations): share of numeric
    lines the checker flags, against a naive digit-set comparison;
(c) translations corrupted on purpose (English side of lines the checker passes):
    a digit changed, a scale word swapped, a number word changed, a number
    dropped; and the kinds issue 16 found missed, chosen from the text alone:
    a "two" the Arabic has no numeral for (a dual) made "three" or dropped, the
    scale of a vague amount swapped (millions -> billions), "one of" for
    أحد/إحدى made "two of"; the share of each the checker catches;
and the time to check the whole FLORES devtest.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.numbers import check, extract_arabic, is_weak  # noqa: E402
from summarize.numbers.match import clear_cache  # noqa: E402

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_DIGIT_RUN = re.compile(r"[0-9]+")
_SCALE = re.compile(r"\b(thousand|million|billion|trillion)\b", re.IGNORECASE)
_SCALE_SWAP = {"thousand": "million", "million": "billion", "billion": "million", "trillion": "billion"}
_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                 "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                 "eighty", "ninety", "hundred", "first", "second", "third", "fourth", "fifth",
                 "sixth", "seventh", "eighth", "ninth", "tenth"]
_WORD_SWAP = {w: _NUMBER_WORDS[i + 1] for i, w in enumerate(_NUMBER_WORDS[:-1])}
_WORD_SWAP.update({"ninety": "eighty", "hundred": "thousand", "tenth": "ninth", "nineteen": "eighteen"})
_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def close(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1, abs(float(a)))


# --- (a) seed gold ----------------------------------------------------------------------

def seed_gold(shared: Path) -> dict:
    rows = [line.split("\t") for line in (shared / "gold/seed_numbers.tsv").read_text("utf-8").splitlines()[1:]]
    corpus = ROOT / "corpus"  # the sample articles the gold annotates
    texts = {name: (corpus / name).read_text("utf-8") for name in {r[0] for r in rows}}
    found = {name: extract_arabic(text) for name, text in texts.items()}

    def spans(name, surface):
        text, at = texts[name], 0
        while (k := text.find(surface, at)) >= 0:
            yield k, k + len(surface)
            at = k + 1

    def covers(q, name, surface):
        return any(q.start < e and s < q.end for s, e in spans(name, surface))

    missed = [r for r in rows
              if not any(close(q.value, float(r[2])) and covers(q, r[0], r[1]) for q in found[r[0]])]
    exact = [(name, q) for name, qs in found.items() for q in qs if q.value is not None]
    false = [(name, q) for name, q in exact
             if not any(r[0] == name and close(q.value, float(r[2])) and covers(q, name, r[1]) for r in rows)]
    return {
        "gold": len(rows), "found": len(rows) - len(missed), "recall": 1 - len(missed) / len(rows),
        "extracted": len(exact), "precision": 1 - len(false) / max(1, len(exact)),
        "missed": [f"{r[0][:3]} {r[1]} = {r[2]}" for r in missed],
        "false": [f"{name[:3]} {q.text} = {q.value} ({q.kind})" for name, q in false],
    }


# --- (b) human translations ---------------------------------------------------------------

def flores(shared: Path) -> list[tuple[str, str, str]]:
    d = shared / "data/flores200"
    ar = (d / "devtest.arb").read_text("utf-8").splitlines()
    en = (d / "devtest.eng").read_text("utf-8").splitlines()
    return [(f"flores:{n}", a, e) for n, (a, e) in enumerate(zip(ar, en), 1)]


def ntrex(shared: Path) -> list[tuple[str, str, str]]:
    out = []
    for ar_path in sorted((shared / "data/ntrex/docs").glob("*.arb.txt")):
        en_path = ar_path.with_name(ar_path.name.replace(".arb.txt", ".eng.txt"))
        ar = ar_path.read_text("utf-8").splitlines()
        en = en_path.read_text("utf-8").splitlines()
        out += [(f"ntrex:{ar_path.name[:3]}:{n}", a, e) for n, (a, e) in enumerate(zip(ar, en), 1)]
    return out


def naive_flag(ar: str, en: str) -> bool:
    """The baseline: the sets of digit strings of the two sides differ."""
    return set(_DIGIT_RUN.findall(ar.translate(_ARABIC_DIGITS))) != set(_DIGIT_RUN.findall(en))


def human(pairs, sample: int, rng: random.Random) -> tuple[dict, list, list]:
    numeric = flagged = naive = 0
    shown, ok_lines = [], []
    for key, ar, en in pairs:
        result = check(ar, en)
        has_digits = bool(_DIGIT_RUN.search(ar.translate(_ARABIC_DIGITS)) or _DIGIT_RUN.search(en))
        if not (result.source or result.target or has_digits):
            ok_lines.append((key, ar, en, result))  # no number to flag, but "one of" can become "two of"
            continue
        numeric += 1
        naive += naive_flag(ar, en)
        if result.ok:
            ok_lines.append((key, ar, en, result))
        else:
            flagged += 1
            shown.append((key, ar, en, result))
    rng.shuffle(shown)
    figures = {"lines": len(pairs), "numeric": numeric, "flagged": flagged,
               "flagged_share": flagged / max(1, numeric), "naive_flagged": naive,
               "naive_share": naive / max(1, numeric)}
    return figures, shown[:sample], ok_lines


# --- (c) corruptions ------------------------------------------------------------------------

def _verified_targets(result):
    return [m.target for m in result.verified if not is_weak(m.target)]


def corrupt_digit(en, result, rng):
    qs = [q for q in _verified_targets(result) if any(c.isdigit() for c in q.text)]
    if not qs:
        return None
    q = rng.choice(qs)
    pos = [q.start + i for i, c in enumerate(q.text) if c.isdigit()]
    k = rng.choice(pos)
    new = rng.choice([d for d in "0123456789" if d != en[k]])
    if new == "0" and (k == q.start or not en[k - 1].isdigit()):
        new = "9" if en[k] != "9" else "8"  # no leading zero: "05" would still read as 5
    return en[:k] + new + en[k + 1:]


def _swap_word(en, result, rng, pattern, table):
    """Swap one word matched by ``pattern`` inside a valued quantity for its ``table`` entry."""
    spans = [(q.start, q.end) for q in result.target if q.value is not None]
    ms = [m for m in pattern.finditer(en) if any(s <= m.start() < e for s, e in spans)]
    if not ms:
        return None
    m = rng.choice(ms)
    word = m.group(1)
    swap = table[word.lower()]
    swap = swap.capitalize() if word[0].isupper() else swap
    return en[:m.start(1)] + swap + en[m.end(1):]


def corrupt_scale(en, result, rng):
    return _swap_word(en, result, rng, _SCALE, _SCALE_SWAP)


def corrupt_word(en, result, rng):
    return _swap_word(en, result, rng, _WORD_RE, _WORD_SWAP)


def corrupt_drop(en, result, rng):
    qs = _verified_targets(result)
    if not qs:
        return None
    q = rng.choice(qs)
    return re.sub(r"  +", " ", en[:q.start] + en[q.end:])


# The kinds issue 16 found missed.  They pick their lines from the text alone, not from what the
# checker reads, so every version of the checker is tried on the same corruptions.
_TWO = re.compile(r"\b([Tt]wo) (?=[a-z])")
_ARABIC_TWO = re.compile(r"[2٢]|\b[وبلف]?(?:ال)?[اإأ]ثن")
_VAGUE_SCALE = re.compile(r"\b(?:(thousands|millions|billions)|(?:several|a few|many) (thousand|million|billion))\b",
                          re.IGNORECASE)
_VAGUE_SWAP = {"thousands": "millions", "millions": "billions", "billions": "millions",
               "thousand": "million", "million": "billion", "billion": "million"}
_ONE_OF = re.compile(r"\b([Oo]ne) of\b")
_ARABIC_ONE_OF = re.compile(r"(?:^|\s)[وبلف]?[إأا]حد[ىي]?(?:\s+ال|ها|هم|هما)")


def corrupt_dual(en, ar, rng):
    """A "two" the Arabic writes with no numeral (a dual: ضابطين) made "three" or dropped."""
    ms = list(_TWO.finditer(en))
    if not ms or _ARABIC_TWO.search(ar):
        return None
    m = rng.choice(ms)
    if rng.random() < 0.5:
        return en[:m.start()] + en[m.end():]  # "two officers" -> "officers"
    return en[:m.start(1)] + ("Three" if m.group(1)[0] == "T" else "three") + en[m.end(1):]


def corrupt_vague(en, ar, rng):
    """The scale of a vague amount swapped: millions -> billions, several million -> several billion."""
    ms = list(_VAGUE_SCALE.finditer(en))
    if not ms:
        return None
    m = rng.choice(ms)
    g = 1 if m.group(1) else 2
    word = m.group(g)
    swap = _VAGUE_SWAP[word.lower()]
    return en[:m.start(g)] + (swap.capitalize() if word[0].isupper() else swap) + en[m.end(g):]


def corrupt_one_of(en, ar, rng):
    """"one of" for أحد/إحدى made "two of"."""
    ms = list(_ONE_OF.finditer(en))
    if not ms or not _ARABIC_ONE_OF.search(ar):
        return None
    m = rng.choice(ms)
    return en[:m.start(1)] + ("Two" if m.group(1)[0] == "O" else "two") + en[m.end(1):]


CORRUPTIONS = {"digit": corrupt_digit, "scale": corrupt_scale, "word": corrupt_word, "drop": corrupt_drop}
#: Corruptions that read the Arabic too: (English, Arabic, rng) -> corrupted English or None.
TEXT_CORRUPTIONS = {"dual": corrupt_dual, "vague": corrupt_vague, "one of": corrupt_one_of}


def corruptions(ok_lines, rng) -> tuple[dict, list]:
    figures, misses = {}, []
    kinds = [(name, corrupt, False) for name, corrupt in CORRUPTIONS.items()]
    kinds += [(name, corrupt, True) for name, corrupt in TEXT_CORRUPTIONS.items()]
    for name, corrupt, reads_arabic in kinds:
        tried = caught = 0
        for key, ar, en, result in ok_lines:
            bad = corrupt(en, ar, rng) if reads_arabic else corrupt(en, result, rng)
            if bad is None or bad == en:
                continue
            tried += 1
            if not check(ar, bad).ok:
                caught += 1
            else:
                misses.append((name, key, bad))
        figures[name] = {"tried": tried, "caught": caught, "rate": caught / max(1, tried)}
    return figures, misses


# --- report -----------------------------------------------------------------------------------

def describe(result) -> str:
    parts = []
    for m in result.matches:
        if m.status == "verified":
            continue
        s = f"{m.source.text}={m.source.value}" if m.source else "-"
        t = f"{m.target.text}={m.target.value}" if m.target else "-"
        parts.append(f"{m.status} {s} / {t}")
    return "; ".join(parts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared data folder (default: ../shared beside the repository)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--sample", type=int, default=10, help="flagged lines to show per set")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--misses", type=int, default=8, help="undetected corruptions to show")
    args = ap.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"Error: no shared data at {args.shared}; pass --shared PATH", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    report = {"seed_gold": seed_gold(args.shared)}
    samples, all_ok = {}, []
    for name, load in (("flores", flores), ("ntrex", ntrex)):
        pairs = load(args.shared)
        figures, shown, ok_lines = human(pairs, args.sample, rng)
        report[name] = figures
        samples[name] = shown
        all_ok += ok_lines
    report["corruption"], misses = corruptions(all_ok, rng)
    pairs = flores(args.shared)
    clear_cache()  # time a cold check: the lines were read above
    t0 = time.perf_counter()
    for _, ar, en in pairs:
        check(ar, en)
    report["flores_check_seconds"] = round(time.perf_counter() - t0, 3)

    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    g = report["seed_gold"]
    print(f"seed gold: recall {g['found']}/{g['gold']} = {g['recall']:.1%}; "
          f"precision {g['extracted'] - len(g['false'])}/{g['extracted']} = {g['precision']:.1%}")
    for line in g["missed"]:
        print(f"  missed: {line}")
    for line in g["false"]:
        print(f"  false:  {line}")
    for name in ("flores", "ntrex"):
        f = report[name]
        print(f"{name}: {f['numeric']} numeric lines of {f['lines']}; checker flags {f['flagged']} "
              f"({f['flagged_share']:.1%}), naive digit sets flag {f['naive_flagged']} ({f['naive_share']:.1%})")
        for key, ar, en, result in samples[name]:
            print(f"  {key}: {describe(result)}")
            print(f"    ar: {ar[:160]}")
            print(f"    en: {en[:160]}")
    print("corruptions detected (English side of lines the checker passes):")
    for name, f in report["corruption"].items():
        print(f"  {name:6} {f['caught']}/{f['tried']} = {f['rate']:.1%}")
    for name, key, bad in misses[:args.misses]:
        print(f"  undetected {name} {key}: {bad[:140]}")
    print(f"FLORES devtest ({len(pairs)} lines) checked in {report['flores_check_seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
