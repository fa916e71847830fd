"""``length``'s dropped-clause model (``clauses.features``): written by scripts/fit_dropped.py,
not by hand; ``--check`` says whether they still match the fit."""

VERSION = 'NTREX-128: logistic C=1.0, each drop beside its human line, 3 drops a line (seed 5); 1986 human lines, 4146 drops'
BIAS = -2.9763
WEIGHTS = {
    'z': -1.5357,
    'ar_log_chars': 0.1911,
    'word_ratio': -0.7184,
    'ar_figures': 0.6702,
    'en_figures': -1.1481,
    'ar_commas': 0.4377,
    'en_commas': -0.1338,
    'ar_joined': 0.1614,
    'en_and': 0.1114,
    'ar_relatives': -0.0931,
    'en_relatives': 0.2583,
    'ar_subordinators': 0.1427,
    'en_subordinators': -0.1042,
    'ar_that': 0.1342,
    'ar_says': 0.1123,
    'en_says': 0.0842,
    'ar_rare': 0.0297,
    'ar_rare_rendered': 0.0013,
    'en_capitalized': -0.0648,
    'en_acronyms': -0.9152,
    'ar_latin': 0.1249,
}
#: the score above which a clause is taken as dropped: the length check as a whole flags
#: 37 of NTREX's 1986 human lines (1.9%) and catches 58.1% of the fit's drops
CUT = 2.2934
