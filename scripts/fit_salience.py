"""Fit the salience model (summarize/summary/weights.py) on the BBC articles' abstracts.

    python scripts/fit_salience.py             # fit on train, write summarize/summary/weights.py
    python scripts/fit_salience.py --check     # exit 1 if weights.py differs from the fit
    python scripts/fit_salience.py --validate  # choose C: fit on Jan-Mar, score April (train only)
    python scripts/fit_salience.py --dev       # the fitted model against the lead on dev (quick ROUGE)
    python scripts/fit_salience.py --variants  # the variants tried (labels, features left out) on dev

Data: the BBC Arabic articles of the ANT corpus (``../shared/data/ant/docs/BBC``; Chouigui,
Ben Khiroun and Elayeb, ANT corpus v2.1, AJSE 2021), read by ``eval_summary.load_bbc``: the
project's sentence split of the TEXT, the TITLE as headline (never a sentence), the ABSTRACT
(the summary the BBC's journalists wrote under the headline, in their own words) as the
reference.  Split by date (``eval_summary.BBC_SPLITS``): **train** 2018-01-01 to 2018-04-30
(1,446 articles), **dev** 2018-07-01 to 2018-08-31 (876).  Only train is fitted on, and the
regularization is chosen inside it (``--validate``: January-March against April).

Labels: each sentence's ROUGE-1 precision against the abstract, the share of its words that
the journalist's summary holds (``eval_summary.tokens``: the data README's normalization).

Model (``salience.Model``): a linear score over ``salience.features`` and the learned cue
words (``salience.cue_words`` that ``MIN_CUE`` training sentences or more hold), fitted
**pairwise**: within each article, every pair of sentences whose labels differ by MARGIN or
more is a row (the difference of their features; which one is better), weighed by how much
they differ, and scikit-learn's L2 logistic regression (no intercept) learns which sentence
ranks higher (a linear RankNet / RankSVM).  Ranks alone say nothing of how sure a score is,
and the selection trades a score against redundancy, so the scale is then calibrated:
a one-feature logistic regression of the sentences' labels on their linear scores gives the
intercept and a factor for every weight.  ``UNTITLED`` is the same fit without the headline
features, the length features and the cue words (``UNTITLED_DROP``), for articles without a
headline (see ``summary.salience``'s docstring for why).  scikit-learn is in the ``train`` extra
(``pip install -e '.[train]'``); the product reads only the written weights.

Features are cached in /tmp (``--cache``); the fit uses one core.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
from collections import Counter
from pathlib import Path
from statistics import mean

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_summary  # noqa: E402
from eval_summary import Item, grams, rouge12, tokens  # noqa: E402

from summarize.summary import salience  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "summarize" / "summary" / "weights.py"
CACHE = Path("/tmp/fit_salience_bbc.pkl")
C = 0.1  # inverse L2 strength, chosen by --validate among CHOICES (the best mean R1 gain, k=1-3)
CHOICES = (0.03, 0.1, 0.3)
MARGIN = 0.05  # pairs whose labels differ less say little
MIN_CUE = 100  # a cue word is learned if this many training sentences (or more) hold it
DIGITS = 4  # the weights as written
VALIDATE_FROM = "20180401"  # --validate: fit on train before this date, score train from it
LENGTH_FEATURES = salience.LENGTH_FEATURES
#: UNTITLED (articles without a headline) is fitted without these (and the headline's features):
#: chosen on EASC's dev half among the VARIANTS (EASC has no headlines), see docs/summaries.md
UNTITLED_DROP = ("cues", *LENGTH_FEATURES)
#: --variants: (name, label, features left out), each fitted titled and untitled
VARIANTS = (
    ("ROUGE-1 precision labels (TITLED as shipped)", "precision", ()),
    ("ROUGE-1 F1 labels", "f1", ()),
    ("no length features", "precision", LENGTH_FEATURES),
    ("no cue words", "precision", ("cues",)),
    ("no cue words, no length features (UNTITLED as shipped)", "precision", UNTITLED_DROP),
)


# --- labels and rows ----------------------------------------------------------------------------

def labels(item: Item, kind: str = "precision") -> list[float]:
    """Per sentence: its ROUGE-1 precision against the abstract, the share of its words (counted
    as ROUGE counts them, ``eval_summary.tokens``) that the journalist's summary holds; mean over
    the references, if several.  (Its F1, or the mean of ROUGE-1 and ROUGE-2 F1, tried as labels
    on the train dates, gave the lead back at k = 1 and lost to it at k = 3: a summary sentence
    is one whose words are all summary, not one as long as the abstract.)"""
    out = []
    for sentence in item.sentences:
        own = grams(tokens(sentence), 1)
        size = sum(own.values())
        if kind == "f1":
            out.append(mean(eval_summary.f1(own, grams(tokens(r), 1)) for r in item.references))
            continue
        out.append(mean(sum((own & grams(tokens(r), 1)).values()) / size if size else 0.0
                        for r in item.references))
    return out


class Rows:
    """One article's sentences as the fit sees them: dense features, cue words, labels."""

    def __init__(self, item: Item) -> None:
        self.id, self.date = item.id, item.date
        self.sentences, self.references = item.sentences, item.references
        values = salience.features(item.sentences, item.title)
        self.dense = [[values[name][i] for name in salience.FEATURES] for i in range(len(item.sentences))]
        self.cues = [salience.cue_words(s) for s in item.sentences]
        self.labels: list[float] = []  # set by load_rows (not cached: quick, and the label may change)


def load_rows(cache: Path | None, kind: str = "precision") -> list[Rows]:
    """Every BBC article (train and dev) as ``Rows`` with their ``labels`` (of ``kind``), the
    features from the cache when it is there."""
    rows = cached(cache)
    relabel(rows, kind)
    return rows


def relabel(rows: list[Rows], kind: str) -> None:
    for r in rows:
        r.labels = labels(Item(r.id, "", None, r.sentences, r.references, 1), kind)


def code_key() -> str:
    """What the features are made from: the reading, splitting and salience code and the background
    table.  A cache made by other code is stale (a change to cleaning moves sentences), and is
    computed again rather than fitted on."""
    digest = hashlib.sha256()
    package = ROOT / "summarize"
    sources = sorted([*package.glob("ingest/**/*.py"), *package.glob("language/*.py"), *package.glob("summary/*.py"),
                      package / "document.py", package / "data" / "background_ar.tsv"])
    for path in sources:
        if path.name != "weights.py":  # what the fit writes, not what it reads
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached(cache: Path | None) -> list[Rows]:
    key = code_key()
    if cache and cache.exists():
        with cache.open("rb") as f:
            stored = pickle.load(f)
        if isinstance(stored, dict) and stored.get("key") == key:
            rows = []
            for state in stored["rows"]:  # plain dicts: the cache does not depend on where Rows is defined
                r = Rows.__new__(Rows)
                r.__dict__.update(state)
                rows.append(r)
            return rows
        print(f"# {cache} was made by other code: computing the features again", file=sys.stderr)
    rows = [Rows(item) for item in eval_summary.load_bbc()]
    if cache:
        with cache.open("wb") as f:
            pickle.dump({"key": key, "rows": [vars(r) for r in rows]}, f)
    return rows


def part(rows: list[Rows], name: str) -> list[Rows]:
    low, high = eval_summary.BBC_SPLITS[name]
    return [r for r in rows if low <= r.date <= high]


# --- the fit --------------------------------------------------------------------------------------

def vocabulary(rows: list[Rows]) -> list[str]:
    """The cue words that MIN_CUE training sentences or more hold, sorted."""
    counts = Counter(w for r in rows for cue in r.cues for w in cue)
    return sorted(w for w, n in counts.items() if n >= MIN_CUE)


def design(rows: list[Rows], vocab: list[str], titled: bool, drop: tuple[str, ...] = ()):
    """The sparse matrix of every sentence (dense features, then one column per cue word); the
    features of ``drop`` (and the headline's, untitled) left empty."""
    from scipy.sparse import csr_matrix
    column = {w: len(salience.FEATURES) + j for j, w in enumerate(vocab)}
    off = {salience.FEATURES.index(f) for f in (*drop, *(() if titled else salience.TITLE_FEATURES))
           if f in salience.FEATURES}
    data, indices, indptr = [], [], [0]
    for r in rows:
        for dense, cue in zip(r.dense, r.cues):
            for j, v in enumerate(dense):
                if v and j not in off:
                    data.append(v)
                    indices.append(j)
            for w in cue:
                if w in column:
                    data.append(1.0)
                    indices.append(column[w])
            indptr.append(len(data))
    return csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(salience.FEATURES) + len(vocab)))


def pairs(rows: list[Rows]) -> tuple[list[int], list[int], list[float], list[int]]:
    """(better, worse, weight, sign) over sentence rows numbered as ``design`` numbers them: in
    each article, its best sentence (the highest label) against every other whose label is
    MARGIN or more below (a summary of one sentence is a choice of one: only "which is best"
    is asked, not how the rest rank among themselves); every other pair flipped, so that both
    classes are there."""
    better, worse, weight, sign = [], [], [], []
    start = 0
    for r in rows:
        best = max(range(len(r.labels)), key=lambda i: (r.labels[i], -i))
        for j, label in enumerate(r.labels):
            d = r.labels[best] - label
            if d >= MARGIN:
                flip = len(better) % 2
                better.append(start + (j if flip else best))
                worse.append(start + (best if flip else j))
                weight.append(d)
                sign.append(0 if flip else 1)
        start += len(r.labels)
    return better, worse, weight, sign


def fit(rows: list[Rows], titled: bool = True, c: float = C, vocab: list[str] | None = None,
        drop: tuple[str, ...] = ()) -> salience.Model:
    """The calibrated pairwise model fitted on ``rows`` (see the module's docstring), without the
    features of ``drop`` (``cues``: no cue words)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    vocab = [] if "cues" in drop else vocabulary(rows) if vocab is None else vocab
    x = design(rows, vocab, titled, drop)
    better, worse, weight, sign = pairs(rows)
    ranker = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    ranker.fit(x[better] - x[worse], sign, sample_weight=weight)
    w = ranker.coef_[0]
    z = x @ w
    y = np.array([label for r in rows for label in r.labels])
    # soft labels: each sentence once as a 1 weighed by its label, once as a 0 weighed by the rest
    calibration = LogisticRegression(C=1e6, max_iter=1000)
    calibration.fit(np.concatenate([z, z])[:, None], np.r_[np.ones(len(z)), np.zeros(len(z))],
                    sample_weight=np.r_[y, 1 - y])
    scale, intercept = float(calibration.coef_[0][0]), float(calibration.intercept_[0])
    names = list(salience.FEATURES)
    weights = {n: scale * float(w[j]) for j, n in enumerate(names)
               if (titled or n not in salience.TITLE_FEATURES) and n not in drop}
    cues = {word: scale * float(w[len(names) + j]) for j, word in enumerate(vocab)}
    return salience.Model(intercept=intercept, weights=weights, cues=cues)


def rounded(model: salience.Model) -> salience.Model:
    weights = {k: round(v, DIGITS) + 0.0 for k, v in model.weights.items()}
    cues = {k: round(v, DIGITS) + 0.0 for k, v in model.cues.items() if round(v, DIGITS)}
    return salience.Model(intercept=round(model.intercept, DIGITS) + 0.0, weights=weights,
                          cues=dict(sorted(cues.items())), version=model.version)


# --- quick evaluation (the full one is eval_summary.py --bbc) ------------------------------------

def picks(r: Rows, model: salience.Model, k: int, titled: bool = True) -> list[int]:
    """The model's own pick (its best at k=1): the product (``summary.select.summarize``) also keeps
    an article's first sentence when it has a headline, so its k=1 is the lead's."""
    names = salience.FEATURES
    values = {name: [d[j] if titled or name not in salience.TITLE_FEATURES else 0.0 for d in r.dense]
              for j, name in enumerate(names)}
    score = [salience.logistic(z) for z in salience.linear(values, r.cues, model)]
    if k == 1:
        return [max(range(len(score)), key=lambda i: (score[i], -i))]
    return eval_summary.mmr(r.sentences, score, k)


def compare(rows: list[Rows], model: salience.Model, ks=(1, 2, 3), titled: bool = True) -> dict:
    """{k: (R1 minus the lead's, its SE, R2 minus, words ratio to the lead's)}, quick ROUGE-1/2."""
    out = {}
    for k in ks:
        d1, d2, ours_words, lead_words = [], [], 0, 0
        for r in rows:
            kk = min(k, len(r.sentences))
            chosen = picks(r, model, kk, titled)
            a = " ".join(r.sentences[i] for i in chosen)
            b = " ".join(r.sentences[:kk])
            ra, rb = rouge12(a, r.references[0]), rouge12(b, r.references[0])
            d1.append(100 * (ra[0] - rb[0]))
            d2.append(100 * (ra[1] - rb[1]))
            ours_words += len(a.split())
            lead_words += len(b.split())
        m1, se1 = eval_summary.paired(d1)
        out[k] = (m1, se1, mean(d2), ours_words / lead_words)
    return out


def show_compare(name: str, found: dict) -> str:
    return f"{name}: " + "; ".join(f"k={k} R1 {m:+.2f} ±{se:.2f}, R2 {r2:+.2f}, words x{w:.3f}"
                                   for k, (m, se, r2, w) in found.items())


# --- writing -------------------------------------------------------------------------------------

def version(rows: list[Rows], c: float) -> str:
    low, high = eval_summary.BBC_SPLITS["train"]
    return (f"bbc-{low}-{high}: pairwise logistic C={c:g}, margin {MARGIN:g}, cue words in >= {MIN_CUE} "
            f"sentences; {len(rows)} articles, {sum(len(r.labels) for r in rows)} sentences; "
            f"untitled without {', '.join(UNTITLED_DROP)}")


def source(titled: salience.Model, untitled: salience.Model, stamp: str) -> str:
    def block(model: salience.Model) -> str:
        lines = [f"    \"intercept\": {model.intercept!r},", "    \"weights\": {"]
        lines += [f"        {k!r}: {v!r}," for k, v in model.weights.items()]
        lines += ["    },", "    \"cues\": {"]
        lines += [f"        {k!r}: {v!r}," for k, v in model.cues.items()]
        lines += ["    },"]
        return "\n".join(lines)
    return (f'"""The salience model\'s fitted weights (``summarize.summary.salience``): written by\n'
            f'``scripts/fit_salience.py``, not by hand; ``--check`` says whether they still match the fit."""\n\n'
            f"VERSION = {stamp!r}\n\n"
            f"TITLED = {{\n{block(titled)}\n}}\n\n"
            f"UNTITLED = {{\n{block(untitled)}\n}}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if weights.py differs from the fit")
    parser.add_argument("--validate", action="store_true", help="choose C: fit on Jan-Mar, score April")
    parser.add_argument("--dev", action="store_true", help="the fit against the lead on dev (quick ROUGE-1/2)")
    parser.add_argument("--variants", action="store_true",
                        help="the variants tried (VARIANTS: labels, features left out) against the lead on dev")
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength (default: %(default)s)")
    parser.add_argument("--data", type=Path, default=eval_summary.BBC, help="BBC folder (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=CACHE, help="feature cache (default: %(default)s)")
    parser.add_argument("--no-cache", action="store_true", help="compute the features again")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found; pass --data with the ANT corpus's docs/BBC folder", file=sys.stderr)
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("error: scikit-learn is missing; install the train extra: pip install -e '.[train]'", file=sys.stderr)
        return 2
    eval_summary.BBC = args.data
    rows = load_rows(None if args.no_cache else args.cache)
    train = part(rows, "train")
    if args.validate:
        early = [r for r in train if r.date < VALIDATE_FROM]
        late = [r for r in train if r.date >= VALIDATE_FROM]
        found = {}
        for c in CHOICES:
            found[c] = compare(late, fit(early, c=c))
            print(show_compare(f"C={c:g} fitted on {len(early)} (Jan-Mar), April's {len(late)}", found[c]))
        best = max(CHOICES, key=lambda c: mean(v[0] for v in found[c].values()))
        print(f"best mean R1 gain over k=1,2,3: C={best:g}")
        return 0
    if args.variants:
        dev = part(rows, "dev")
        for name, kind, drop in VARIANTS:
            relabel(train, kind)
            for titled_fit in (True, False):
                found = compare(dev, fit(train, titled_fit, args.c, drop=drop), titled=titled_fit)
                print(show_compare(f"{name}, {'titled' if titled_fit else 'untitled'}, dev ({len(dev)})", found),
                      flush=True)
        return 0
    titled = rounded(fit(train, True, args.c))
    untitled = rounded(fit(train, False, args.c, drop=UNTITLED_DROP))
    stamp = version(train, args.c)
    if args.dev:
        dev = part(rows, "dev")
        print(show_compare(f"dev ({len(dev)}), titled", compare(dev, titled)))
        print(show_compare(f"dev ({len(dev)}), untitled", compare(dev, untitled, titled=False)))
        return 0
    text = source(titled, untitled, stamp)
    print(f"# {stamp}: {len(titled.weights)} features, {len(titled.cues)} cue words")
    if args.check:
        if WEIGHTS.read_text(encoding="utf-8") != text:
            print(f"{WEIGHTS} differs from this fit: run scripts/fit_salience.py to write it", file=sys.stderr)
            return 1
        return 0
    WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
