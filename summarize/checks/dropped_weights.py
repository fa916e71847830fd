"""``length``'s dropped-clause model (``clauses.features``): written by scripts/fit_dropped.py,
not by hand; ``--check`` says whether they still match the fit."""

VERSION = 'NTREX-128: logistic C=1.0, each drop beside its human line, 3 drops a line (seed 5); 1986 human lines, 4146 drops'
BIAS = -1.4504
WEIGHTS = {
    'z': -1.4850,
    'ar_log_chars': -0.1851,
    'word_ratio': -0.7261,
    'ar_figures': 0.6923,
    'en_figures': -1.1851,
    'ar_commas': 0.4648,
    'en_commas': -0.1512,
    'ar_joined': 0.1749,
    'en_and': 0.1131,
    'ar_relatives': -0.0436,
    'en_relatives': 0.2956,
    'ar_subordinators': 0.1958,
    'en_subordinators': -0.0970,
    'ar_that': 0.0930,
    'ar_says': 0.1073,
    'en_says': 0.0358,
    'ar_rare': 0.0443,
    'ar_rare_rendered': 0.0211,
    'en_capitalized': -0.0836,
}
#: the score above which a clause is taken as dropped: the length check as a whole flags
#: 37 of NTREX's 1986 human lines (1.9%) and catches 52.4% of the fit's drops
CUT = 2.7163
