"""Summaries: which sentences of an article (or a story) to show.

- ``salience``: the fitted model that scores each sentence (weights fitted by ``scripts/fit_salience.py``);
- ``select``: the summary's length and the selection (MMR over salience and similarity).
"""
