"""The number checker: find the quantities of an Arabic sentence and of its
English translation, and say which numbers the translation kept, changed,
dropped or added.  Pure standard library, no model.

``arabic`` and ``english`` are the two readers; ``arabic_words`` and
``english_words`` their word lists (``arabic_words`` is the one list of Arabic
number words, which the summary and story grouping also use); ``quantity`` the
value object and what the readers share; ``rules`` what makes two quantities the same or a
changed number; ``match`` the pairing (its look-ups: ``pairing``)."""

from summarize.numbers.arabic import extract_arabic
from summarize.numbers.english import extract_english
from summarize.numbers.match import CheckResult, Match, check, match
from summarize.numbers.quantity import Quantity
from summarize.numbers.rules import is_weak, same_value

__all__ = [
    "CheckResult", "Match", "Quantity", "check", "extract_arabic", "extract_english",
    "is_weak", "match", "same_value",
]
