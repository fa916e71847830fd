"""Fit the salience model (summarize/salience.py's TITLED and UNTITLED) on EASC Wikipedia dev.

    python scripts/fit_salience.py           # fit on dev, print the two models to paste
    python scripts/fit_salience.py --check   # exit 1 if salience.py's models differ from the fit
    python scripts/fit_salience.py --cv      # 5-fold cross-validation inside dev: ROUGE vs the lead

Labels: each sentence of an article (the project's sentence split, as in
scripts/eval_summary.py) gets the share of its word pairs that an annotator's summary
holds (``eval_summary.tokens``: the data README's normalization), averaged over the five
annotators: about the share of people who copied it (the summaries are hand-copied, so
an exact match would miss half of them), and a part for a long unit that holds several
sentences of which people copied one.

Model: logistic regression on those soft labels over ``salience.features``, the features
standardized over the training sentences, L2 penalty ``L2`` on the standardized weights
(not the intercept), fitted by Newton's method (deterministic: the same data give the
same coefficients), then written back on the features' own scale.  ``UNTITLED`` is the
same fit without the headline feature.

Only the dev half (``eval_summary.split(items, "dev")``) is ever fitted on or
cross-validated; the test half is for eval_summary.py to report.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_summary  # noqa: E402
from eval_summary import Item, length, load, mmr, rouge, split, tokens  # noqa: E402

from summarize.summary import salience  # noqa: E402

L2 = 30.0  # on standardized weights, summed over ~900 sentences; chosen by --cv among 10, 30, 100
FOLDS = 5
CV_LENGTHS = ("3", "ref")
DIGITS = 3  # the coefficients as stored in salience.py


def pairs(words: list[str]) -> set[tuple[str, ...]]:
    """The word pairs of a text (its words, when it has only one)."""
    return set(zip(words, words[1:])) if len(words) > 1 else {(w,) for w in words}


def labels(item: Item) -> list[float]:
    """Per sentence: the share of its word pairs found in a reference, mean over the references."""
    references = [pairs(tokens(r)) for r in item.references]
    out = []
    for sentence in item.sentences:
        own = pairs(tokens(sentence))
        out.append(mean(len(own & r) / len(own) if own else 0.0 for r in references))
    return out


def rows(items: list[Item], names: tuple[str, ...]) -> tuple[list[list[float]], list[float]]:
    """The design matrix (features ``names`` per sentence) and the labels, article after article."""
    x, y = [], []
    for item in items:
        values = salience.features(item.sentences, item.title)
        for i, label in enumerate(labels(item)):
            x.append([values[name][i] for name in names])
            y.append(label)
    return x, y


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """``a @ x = b`` by Gaussian elimination with partial pivoting (``a`` is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [v - f * w for v, w in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def logistic_fit(x: list[list[float]], y: list[float], l2: float, iterations: int = 50) -> list[float]:
    """Weights [intercept, w1, ...] minimizing the cross-entropy with the labels ``y`` in [0, 1]
    plus ``l2 / 2 * sum(w_j ** 2)`` (the intercept not penalized); Newton's method."""
    d = len(x[0]) + 1
    w = [0.0] * d
    for _ in range(iterations):
        gradient = [0.0] * d
        hessian = [[0.0] * d for _ in range(d)]
        for features, label in zip(x, y):
            row = [1.0, *features]
            p = salience.logistic(sum(a * b for a, b in zip(w, row)))
            for j in range(d):
                gradient[j] += (p - label) * row[j]
                for k in range(j, d):
                    hessian[j][k] += p * (1 - p) * row[j] * row[k]
        for j in range(d):
            for k in range(j):
                hessian[j][k] = hessian[k][j]
            if j:
                gradient[j] += l2 * w[j]
                hessian[j][j] += l2
        step = solve(hessian, gradient)
        w = [a - s for a, s in zip(w, step)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return w


def fit(items: list[Item], titled: bool = True, l2: float = L2) -> salience.Model:
    """The model fitted on ``items`` (without the headline feature unless ``titled``)."""
    names = tuple(n for n in salience.FEATURES if titled or n != "title")
    x, y = rows(items, names)
    centre = [mean(r[j] for r in x) for j in range(len(names))]
    spread = [math.sqrt(mean((r[j] - centre[j]) ** 2 for r in x)) or 1.0 for j in range(len(names))]
    z = [[(v - c) / s for v, c, s in zip(r, centre, spread)] for r in x]
    w = logistic_fit(z, y, l2)
    weights = {n: w[j + 1] / spread[j] for j, n in enumerate(names)}
    intercept = w[0] - sum(w[j + 1] * centre[j] / spread[j] for j in range(len(names)))
    return salience.Model(intercept=intercept, **{n: weights.get(n, 0.0) for n in salience.FEATURES})


def rounded(model: salience.Model) -> salience.Model:
    return salience.Model(**{k: round(v, DIGITS) + 0.0 for k, v in vars(model).items()})


def chosen(item: Item, model: salience.Model, k: int) -> list[int]:
    return mmr(item.sentences, salience.scores(item.sentences, item.title, model), k)


def cross_validate(items: list[Item], l2: float = L2, folds: int = FOLDS) -> dict:
    """{length rule: {metric: (mean difference from the lead, its standard error)}} over ``items``,
    each article scored by the model fitted on the other folds (article j is in fold j % folds)."""
    models = {f: fit([it for j, it in enumerate(items) if j % folds != f], l2=l2) for f in range(folds)}
    out = {}
    for rule in CV_LENGTHS:
        diffs: dict[str, list[float]] = {m: [] for m in (*eval_summary.METRICS, "words")}
        for j, item in enumerate(items):
            k = length(item, rule)
            ours, lead = chosen(item, models[j % folds], k), list(range(k))
            texts = [" ".join(item.sentences[i] for i in picked) for picked in (ours, lead)]
            a, b = (rouge(t, item.references) for t in texts)
            for m in eval_summary.METRICS:
                diffs[m].append(a[m] - b[m])
            diffs["words"].append(len(texts[0].split()) - len(texts[1].split()))
        out[rule] = {m: (mean(v), math.sqrt(sum((d - mean(v)) ** 2 for d in v) / (len(v) - 1) / len(v)))
                     for m, v in diffs.items()}
    return out


def show(model: salience.Model, name: str) -> str:
    values = ", ".join(f"{k}={v}" for k, v in vars(rounded(model)).items())
    return f"{name} = Model({values})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if salience.py's models differ from the fit")
    parser.add_argument("--cv", action="store_true", help="5-fold cross-validation inside dev (needs rouge-score)")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty (default: %(default)s)")
    parser.add_argument("--data", type=Path, default=eval_summary.DATA, help="EASC jsonl (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found; pass --data with the EASC jsonl", file=sys.stderr)
        return 2
    if args.cv:
        try:
            import rouge_score  # noqa: F401
        except ImportError:
            print("error: rouge-score is missing; install the eval extra: pip install -e '.[eval]'", file=sys.stderr)
            return 2
    dev = split(load(args.data), "dev")
    if args.cv:
        for rule, by_metric in cross_validate(dev, args.l2).items():
            cells = " / ".join(f"{by_metric[m][0]:+.1f} ±{by_metric[m][1]:.1f}" for m in eval_summary.METRICS)
            print(f"dev {FOLDS}-fold CV, k={rule}: R1 / R2 / RL minus the lead's: {cells} "
                  f"({by_metric['words'][0]:+.0f} words)")
        return 0
    titled, untitled = rounded(fit(dev, True, args.l2)), rounded(fit(dev, False, args.l2))
    print(f"# fitted on EASC Wikipedia dev ({len(dev)} articles, "
          f"{sum(len(i.sentences) for i in dev)} sentences), L2 {args.l2:g}")
    print(show(titled, "TITLED"))
    print(show(untitled, "UNTITLED"))
    if args.check and (titled, untitled) != (salience.TITLED, salience.UNTITLED):
        print("salience.py's TITLED/UNTITLED differ from this fit: paste the lines above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
