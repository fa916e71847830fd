"""``length``'s dropped-clause model (``clauses.features``): written by scripts/fit_dropped.py,
not by hand; ``--check`` says whether they still match the fit."""

VERSION = 'NTREX-128: logistic C=1.0, each drop beside its human line, 3 drops a line (seed 5); 1986 human lines, 4146 drops'
BIAS = -3.4496
WEIGHTS = {
    'z': -1.5350,
    'ar_log_chars': 0.3234,
    'word_ratio': -0.7117,
    'ar_figures': 0.6834,
    'en_figures': -1.1620,
    'ar_commas': 0.4391,
    'en_commas': -0.1386,
    'ar_joined': 0.1739,
    'en_and': 0.1067,
    'ar_relatives': -0.0919,
    'en_relatives': 0.2560,
    'ar_subordinators': 0.1459,
    'en_subordinators': -0.1055,
    'ar_that': 0.1297,
    'ar_says': 0.1160,
    'en_says': 0.0694,
    'en_capitalized': -0.0561,
    'en_acronyms': -0.9315,
    'ar_latin': 0.1126,
}
#: the score above which a clause is taken as dropped: the length check as a whole flags
#: 37 of NTREX's 1986 human lines (1.9%) and catches 58.1% of the fit's drops
CUT = 2.2723
