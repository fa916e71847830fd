"""Measure the checks beyond numbers (summarize.checks) on human translations and on corruptions of them.

    python scripts/eval_checks.py [--shared PATH] [--part flores|ntrex|both] [--json] [--seed N]
    python scripts/eval_checks.py --fit      # fit checks/length.py's numbers on NTREX and print them
    python scripts/eval_checks.py --words    # rewrite checks/data/english_zipf.tsv (needs wordfreq)

(a) False alarms: the share of human-translated lines each check flags, on FLORES-200 devtest
    (1012 lines, one article's sentences grouped by URL for ``names`` across a day) and NTREX-128
    (123 documents, each a day for ``names``).  Both: Arabic human translation as the source, the
    English (written first) as the target.
(b) Corruptions of the lines no check flags: a phrase looped, the second half cut, a clause left in
    Arabic, the source copied, a clause dropped, an unrelated sentence (another line's) appended, a
    name swapped for another line's name; the share of each caught by any check (numbers included),
    and by the new checks alone.

The length fit, the dropped-clause model (``scripts/fit_dropped.py``) and the thresholds
(``length.LIMIT``, ``names.COMMON``) were tuned on NTREX; FLORES devtest is the held-out report
(docs/checks.md).  Data: /work/shared/data (README there: FLORES-200 CC BY-SA 4.0, NTREX-128 CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize import checks  # noqa: E402
from summarize.checks import length, names  # noqa: E402
from summarize.numbers import check as check_numbers  # noqa: E402

SHARED = Path("/work/shared/data")
KINDS = ("loop", "cut", "arabic", "copy", "drop", "append", "swap")


def flores(shared: Path) -> list[list[tuple[str, str]]]:
    """FLORES devtest as groups of consecutive lines from one article (its URL)."""
    ar = (shared / "flores200/devtest.arb").read_text("utf-8").splitlines()
    en = (shared / "flores200/devtest.eng").read_text("utf-8").splitlines()
    meta = (shared / "flores200/metadata_devtest.tsv").read_text("utf-8").splitlines()
    urls = [line.split("\t")[0] for line in meta[1:]] if len(meta) == len(ar) + 1 else [str(i) for i in range(len(ar))]
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, e, u in zip(ar, en, urls):
        groups[u].append((a, e))
    return list(groups.values())


def ntrex(shared: Path) -> list[list[tuple[str, str]]]:
    docs = []
    for arb in sorted((shared / "ntrex/docs").glob("*.arb.txt")):
        eng = arb.with_name(arb.name.replace(".arb.txt", ".eng.txt"))
        docs.append(list(zip(arb.read_text("utf-8").splitlines(), eng.read_text("utf-8").splitlines())))
    return docs


def flags_of(group: list[tuple[str, str]]) -> list[set[str]]:
    """The names of the checks flagging each line of a group (a day), numbers included."""
    out = []
    day = names.day_of(group)
    renderings = day.renderings()
    for ar, en in group:
        found = {f.check for f in checks.run(ar, en) if f.check != "names" or day.keep(f.evidence, renderings)}
        if not check_numbers(ar, en).ok:
            found.add("numbers")
        out.append(found)
    for i, _ in day.inconsistent():
        out[i].add("names")
    return out


def false_alarms(groups: list[list[tuple[str, str]]]) -> dict:
    lines = sum(len(g) for g in groups)
    per = Counter()
    any_new = any_all = 0
    for group in groups:
        for found in flags_of(group):
            per.update(found)
            any_new += bool(found - {"numbers"})
            any_all += bool(found)
    return {"lines": lines, "per_check": {c: per[c] for c in checks.NAMES},
            "share": {c: round(per[c] / lines, 4) for c in checks.NAMES},
            "any_new": any_new, "any_new_share": round(any_new / lines, 4),
            "any": any_all, "any_share": round(any_all / lines, 4)}


# --- corruptions -------------------------------------------------------------------------

_CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=(?:and|but|while|which|who|because|after|before|when|as|that)\s)")


def loop(rng, en, ar, others):
    words = en.split()
    if len(words) < 4:
        return None
    size = rng.randint(1, 3)
    at = rng.randrange(0, len(words) - size + 1)
    phrase = words[at:at + size]
    return " ".join(words[:at + size] + phrase * 2 + words[at + size:])


def cut(rng, en, ar, others):
    words = en.split()
    return " ".join(words[:len(words) // 2]) if len(words) >= 4 else None


def arabic(rng, en, ar, others):
    """The last clause (or last third) of the English left as the Arabic's last third."""
    en_words, ar_words = en.split(), ar.split()
    if len(en_words) < 6 or len(ar_words) < 3:
        return None
    return " ".join(en_words[:len(en_words) * 2 // 3] + ar_words[len(ar_words) * 2 // 3:])


def copy(rng, en, ar, others):
    return ar


def drop(rng, en, ar, others):
    """A clause other than the first, of four words or more, left out, as a model leaves one out: the
    rest keeps its quotes and brackets balanced (a clause holding a lone quote mark is not taken)
    and, when the last clause goes, no comma or colon is left hanging before the sentence's end."""
    parts = [p for p in _CLAUSE.split(en) if p]
    choices = [i for i, p in enumerate(parts) if i > 0 and len(p.split()) >= 4 and _closed(p)]
    if len(parts) < 2 or not choices:
        return None
    i = rng.choice(choices)
    out = " ".join(parts[:i] + parts[i + 1:])
    if i == len(parts) - 1:  # the sentence keeps its end (a full stop, or none in a headline)
        end = re.search(r"([.!?])[\"”’')]*$", en)  # the closing marks went with the clause, if its own
        out = out.rstrip(",;:—– ") + (end.group(1) if end else "")
    return out


def _closed(part: str) -> bool:
    """The clause holds an even number of quote marks and as many closing brackets as opening ones."""
    return (sum(part.count(q) for q in '"“”') % 2 == 0 and part.count("(") == part.count(")")
            and part.count("[") == part.count("]"))


def append(rng, en, ar, others):
    return en + " " + rng.choice(others)


def swap(rng, en, ar, others, pool=None):
    own = [n for n in names.english_names(en) if names.counterpart(n, ar)]
    if not own or not pool:
        return None
    name = rng.choice(own)
    other = rng.choice([p for p in pool if names.en_skeleton(p) != names.en_skeleton(name)])
    return re.sub(r"\b" + re.escape(name) + r"\b", other, en)


MAKERS = {"loop": loop, "cut": cut, "arabic": arabic, "copy": copy, "drop": drop, "append": append, "swap": swap}


def corruptions(groups: list[list[tuple[str, str]]], seed: int) -> dict:
    rng = random.Random(seed)
    pairs = [p for g in groups for p in g]
    # each clean line with the names its day renders by meaning (whose flags the day drops)
    clean = []
    for g in groups:
        renderings = names.day_of(g).renderings()
        clean += [(ar, en, renderings) for (ar, en), found in zip(g, flags_of(g)) if not found]
    others = [e for _, e in pairs]
    pool = sorted({n for a, e in pairs for n in names.english_names(e) if names.counterpart(n, a)})
    out = {}
    for kind, make in MAKERS.items():
        tried = caught = caught_new = 0
        by = Counter()
        for ar, en, renderings in clean:
            bad = make(rng, en, ar, others, pool) if kind == "swap" else make(rng, en, ar, others)
            if bad is None or bad == en:
                continue
            tried += 1
            found = {f.check for f in checks.run(ar, bad) if f.check != "names" or names.Day.keep(f.evidence, renderings)}
            by.update(found)
            new = bool(found)
            if not check_numbers(ar, bad).ok:
                found.add("numbers")
            caught += bool(found)
            caught_new += new
        out[kind] = {"lines": tried, "caught": caught, "share": round(caught / tried, 4) if tried else None,
                     "new_checks": round(caught_new / tried, 4) if tried else None, "by": dict(by.most_common())}
    return {"clean_lines": len(clean), "kinds": out}


# --- fitting -------------------------------------------------------------------------------

def fit(groups: list[list[tuple[str, str]]]) -> str:
    """Least squares of log(en) on log(ar), then the residuals' spread by Arabic length."""
    points = [(length.size(a), length.size(e)) for g in groups for a, e in g]
    points = [(math.log(a), math.log(e), a) for a, e in points if a >= length.SHORTEST and e > 0]
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    slope = sum((x - mx) * (y - my) for x, y, _ in points) / sum((x - mx) ** 2 for x, _, _ in points)
    intercept = my - slope * mx
    edges = (60, 100, 150, 220, math.inf)
    spreads, low = [], 0
    for edge in edges:
        res = sorted(y - intercept - slope * x for x, y, a in points if low < a <= edge)
        # a robust spread: half the 16-84% range, which outliers (the mistakes we want) do not widen
        sd = (res[int(0.84 * len(res))] - res[int(0.16 * len(res))]) / 2
        spreads.append((edge, round(sd, 4), len(res)))
        low = edge
    rows = ", ".join(f"({'math.inf' if e == math.inf else e}, {sd})" for e, sd, _ in spreads)
    counts = ", ".join(f"<= {e}: {k}" for e, _, k in spreads)
    return (f"INTERCEPT = {intercept:.4f}\nSLOPE = {slope:.4f}\n#: (Arabic length up to, spread of the log-ratio)"
            f" by Arabic length in characters\nSPREADS = ({rows})\n# lines per band: {counts} (n = {n})")


def words() -> int:
    try:
        import wordfreq
    except ImportError:
        print("Error: --words needs wordfreq: pip install wordfreq", file=sys.stderr)
        return 2
    from importlib import metadata
    out = []
    for w in wordfreq.get_frequency_dict("en", wordlist="best"):
        if re.fullmatch(r"[a-z]+", w):
            z = wordfreq.zipf_frequency(w, "en", wordlist="best")
            if z >= 3.0:
                out.append((w, z))
    out.sort(key=lambda x: -x[1])
    with open(names.WORDS, "w", encoding="utf-8") as fh:
        fh.write(f"# English word frequencies (Zipf) >= 3.0, from wordfreq {metadata.version('wordfreq')} "
                 "(Robyn Speer, CC BY-SA 4.0): scripts/eval_checks.py --words\n")
        for w, z in out:
            fh.write(f"{w}\t{z:.2f}\n")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--part", choices=("flores", "ntrex", "both"), default="both")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fit", action="store_true", help="fit the length check on NTREX and print its numbers")
    parser.add_argument("--words", action="store_true", help="rewrite checks/data/english_zipf.tsv (wordfreq)")
    args = parser.parse_args()
    if args.words:
        return words()
    if args.fit:
        print(fit(ntrex(args.shared)))
        return 0
    parts = {"flores": flores, "ntrex": ntrex}
    report = {}
    for name in (("flores", "ntrex") if args.part == "both" else (args.part,)):
        started = time.perf_counter()
        groups = parts[name](args.shared)
        checked = time.perf_counter()
        alarms = false_alarms(groups)  # every check, numbers included, and names across each day
        per_line = (time.perf_counter() - checked) / alarms["lines"] * 1000
        report[name] = {"false_alarms": alarms, "corruptions": corruptions(groups, args.seed),
                        "seconds": round(time.perf_counter() - started, 1), "ms_per_line": round(per_line, 2)}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for name, r in report.items():
        fa = r["false_alarms"]
        print(f"== {name}: {fa['lines']} human-translated lines ({r['seconds']} s; every check "
              f"{r['ms_per_line']} ms a line)")
        for c in checks.NAMES:
            print(f"  {c:<13} flags {fa['per_check'][c]:>4} ({fa['share'][c]:.1%})")
        print(f"  any new check {fa['any_new']:>4} ({fa['any_new_share']:.1%});"
              f" any, numbers included {fa['any']} ({fa['any_share']:.1%})")
        co = r["corruptions"]
        print(f"  corruptions of the {co['clean_lines']} lines no check flags: caught (by the new checks alone)")
        for kind, k in co["kinds"].items():
            if k["lines"]:
                print(f"  {kind:<8} {k['caught']:>4}/{k['lines']:<4} {k['share']:.1%} ({k['new_checks']:.1%})  {k['by']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
