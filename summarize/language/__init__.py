"""What the tool knows of the Arabic language, shared by every stage.

- ``arabic``: letters, diacritics, digits, clitics, month names, stopwords and the three named
  spelling levels (``normalize``, ``fold_letters``, ``fold``);
- ``vocabulary``: words of a text and how rare each is in general Arabic (``data/background_ar.tsv``).
"""
