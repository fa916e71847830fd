"""Fit ``length``'s dropped-clause model (summarize/checks/dropped_weights.py) on NTREX-128 only.

    python scripts/fit_dropped.py [--shared PATH] [--share 0.019] [--check] [--curve]

A logistic regression (scikit-learn, the ``train`` extra) over ``clauses.features``: NTREX's human
translations (every line of 12+ Arabic characters) against the same lines with a clause dropped by
``eval_checks.drop`` (three draws a line, seed 5; the evaluation draws its own, seed 23).  The cut
is the lowest probability at which the length check as a whole (short, long, added, dropped) flags
at most ``--share`` of NTREX's human lines.  FLORES-200 devtest is never read: it is the held-out
report (scripts/eval_checks.py, docs/checks.md).  ``--check`` refits and says whether the shipped
weights still match; ``--curve`` prints what other shares would catch.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_checks  # noqa: E402

from summarize.checks import clauses, length  # noqa: E402

OUT = ROOT / "summarize/checks/dropped_weights.py"
DRAWS = 3
SEED = 5
C = 1.0


def rows(groups):
    """(features, label, flagged by length's other rules, fitted on) for each human line and each
    drop of it.  The fit sees a human line only if a clause of it can be dropped, once for each
    drop, so that it learns what a drop changes, not which sentences have clauses to drop; every
    human line counts for the cut."""
    rng = random.Random(SEED)
    out = []
    for group in groups:
        for ar, en in group:
            if length.size(ar) < length.SHORTEST:
                continue
            human = (length.features(ar, en), 0, bool(length.find(ar, en, model=False)))
            drops = [bad for bad in (eval_checks.drop(rng, en, ar, None) for _ in range(DRAWS)) if bad and bad != en]
            out.append((*human, False))
            for bad in drops:
                out.append((*human, True))
                out.append((length.features(ar, bad), 1, bool(length.find(ar, bad, model=False)), True))
    return out


def fit(shared: Path, share: float, curve: bool = False) -> str:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    data = rows(eval_checks.ntrex(shared))
    x = np.array([[f[k] for k in clauses.FEATURES] for f, _, _, _ in data], float)
    y = np.array([label for _, label, _, _ in data])
    ruled = np.array([r for _, _, r, _ in data])
    fitted = np.array([on for _, _, _, on in data])
    mean, scale = x[fitted].mean(0), x[fitted].std(0) + 1e-9
    model = LogisticRegression(C=C, max_iter=5000).fit((x[fitted] - mean) / scale, y[fitted])
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - (model.coef_[0] * mean / scale).sum())
    score = x @ weights + bias
    human = (y == 0) & ~fitted  # each human line once
    n_human = int(human.sum())

    def cut_at(share: float) -> tuple[float, float, int]:
        """(cut, share of the drops caught, human lines flagged) with the length check flagging ``share``."""
        budget = int(share * n_human) - int(ruled[human].sum())  # lines the model may add to the rules' own
        extra = np.sort(score[human & ~ruled])[::-1]
        cut = float(extra[budget]) if 0 <= budget < len(extra) else float(extra[0])
        return cut, float(((score > cut) | ruled)[y == 1].mean()), int(((score > cut) | ruled)[human].sum())

    if curve:
        return "\n".join(f"length flags {f} of NTREX's {n_human} human lines ({f / n_human:.1%}): "
                         f"{c:.1%} of the fit's drops caught" for f, c in
                         ((cut_at(s)[2], cut_at(s)[1]) for s in (0.019, 0.03, 0.05, 0.10)))
    cut, caught, flagged = cut_at(share)
    lines = ",\n".join(f"    {k!r}: {w:.4f}" for k, w in zip(clauses.FEATURES, weights))
    return (f'"""``length``\'s dropped-clause model (``clauses.features``): written by scripts/fit_dropped.py,\n'
            f'not by hand; ``--check`` says whether they still match the fit."""\n\n'
            f"VERSION = 'NTREX-128: logistic C={C}, each drop beside its human line, {DRAWS} drops a line (seed {SEED}); "
            f"{n_human} human lines, {int((y == 1).sum())} drops'\n"
            f"BIAS = {bias:.4f}\n"
            f"WEIGHTS = {{\n{lines},\n}}\n"
            f"#: the score above which a clause is taken as dropped: the length check as a whole flags\n"
            f"#: {flagged} of NTREX's {n_human} human lines ({flagged / n_human:.1%}) and catches {caught:.1%} of the fit's drops\n"
            f"CUT = {cut:.4f}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=eval_checks.SHARED)
    parser.add_argument("--share", type=float, default=0.019,
                        help="the most of NTREX's human lines the length check may flag (0.019)")
    parser.add_argument("--check", action="store_true", help="say whether the shipped weights match a refit")
    parser.add_argument("--curve", action="store_true",
                        help="print the drops caught at several shares of human lines flagged; write nothing")
    args = parser.parse_args()
    text = fit(args.shared, args.share, args.curve)
    if args.curve:
        print(text)
        return 0
    if args.check:
        same = OUT.read_text("utf-8") == text
        print("dropped_weights.py matches the fit" if same else "dropped_weights.py differs from the fit")
        return 0 if same else 1
    OUT.write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
