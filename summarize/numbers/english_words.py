"""The English number words and the words around numbers, for the English reader.

Forms are those of the OPUS-MT output and of the FLORES/NTREX references;
``implied_values`` counts the words that carry a small number without a
numeral ("both", "fourballs"), which the matcher uses to excuse an Arabic number.
"""

from __future__ import annotations

import re
from collections import Counter

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
          "trillion": 10**12, "bn": 10**9, "mn": 10**6, "mln": 10**6, "tn": 10**12}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "firstly": 1, "secondly": 2, "thirdly": 3, "fourthly": 4,
}
DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
                "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990}
ROMAN = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11,
         "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16}
VAGUE = {"hundreds", "thousands", "millions", "billions", "trillions", "dozens", "scores", "tens"}
#: Capitalized, a number after them is a label: Type 1, Phase One, Category 4, Stage II (an Arabic
#: ordinal: النوع الأول, المرحلة الثانية).
LABEL_WORDS = {"type", "phase", "stage", "category", "class", "level", "grade", "tier", "division",
               "article", "chapter", "part", "section", "round", "group", "step", "season", "book"}
#: Words that make a scale word a vague amount: several million, a few thousand, many billions.
VAGUE_BEFORE_SCALE = {"several", "few", "many", "multiple"}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "thirds": 2 / 3}
PERCENT = {"percent", "pc", "percentage"}
CURRENCY_AFTER = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "yen", "yuan", "rupee",
    "rupees", "riyal", "riyals", "dirham", "dirhams", "dinar", "dinars", "franc", "francs",
    "cent", "cents", "pence", "usd", "eur", "gbp", "rubles", "roubles", "lira", "shekels", "won",
}
CURRENCY_BEFORE = {"$", "€", "£", "¥", "₹"}
DISTANCES = {
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre",
    "metres", "meter", "meters", "m", "feet", "foot", "ft", "cm", "mm", "centimetres",
    "centimeters", "inch", "inches", "yard", "yards", "mi",
}
DURATIONS = {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "hrs",
    "minute", "minutes", "min", "mins", "second", "seconds", "decade", "decades", "century",
    "centuries", "night", "nights",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
YEAR_CUES = {"in", "since", "of", "by", "until", "from", "year", "early", "late", "mid",
             "during", "before", "after", "between", "and", "to", "till", "summer", "winter",
             "spring", "autumn", "fall", "the", "end", "through"}


def vague_scale(words) -> int:
    """The largest scale word from a thousand up among a vague amount's ``words`` (thousands,
    "tens of millions" -> 10**6); 1 when it has none (hundreds, dozens)."""
    scales = [SCALES.get(w, SCALES.get(w[:-1], 1)) for w in words]
    return max((s for s in scales if s >= 1000), default=1)


UNIT_AFTER_ONE = PERCENT | CURRENCY_AFTER | DISTANCES | DURATIONS
CONNECTORS = {"and", "to", "or", "-", "–", "—", "/"}


# Words that carry a small number without writing it: "both", "a pair",
# "fourballs", "threefold".  They excuse an Arabic number the English has no
# numeral for.
_IMPLIED_WORDS = {
    "decade": 10, "biennial": 2, "bipedal": 2, "doubled": 2, "doubling": 2, "tripled": 3, "tripling": 3,
    "quadrupled": 4, "fours": 4, "sixes": 6, "both": 2, "pair": 2, "pairs": 2, "duo": 2, "twin": 2,
    "twins": 2, "couple": 2, "double": 2, "dual": 2, "bilateral": 2, "doubles": 2, "triple": 3, "trio": 3,
    "treble": 3, "quadruple": 4, "quartet": 4, "spouses": 2,  # الزوجين
}
_HUSBAND_AND_WIFE = re.compile(r"\b(?:husband and wife|wife and husband)\b", re.IGNORECASE)
_COMPOUND = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten)(?=[a-z]{3})", re.IGNORECASE)


def implied_values(text: str) -> Counter:
    """Small numbers an English text implies without a numeral ("both", "fourballs"), counted."""
    found = Counter(ONES[m.group(1).lower()] for m in _COMPOUND.finditer(text))
    found[2] += len(_HUSBAND_AND_WIFE.findall(text))  # الزوجين
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group().lower()
        if w in _IMPLIED_WORDS:
            found[_IMPLIED_WORDS[w]] += 1
    return found
