"""``names``: an English proper name with no Arabic counterpart (a made-up or swapped name), and
one Arabic name the day's English spells two ways.

Names are compared by their consonants.  Both sides are reduced to a *skeleton* of consonant
classes (``b/p`` B, ``t/d/th`` T, ``s/z/c`` S, ``sh/ch`` X, ``k/q/g/j/kh/gh`` K, ``f/v/ph`` F,
``l r m n`` themselves; vowels, ``h w y`` and ا و ي ة ه ح ع ء dropped), so ``Tillerson`` and
``تيلرسون`` are both ``TLRSN``.  A capitalized English word that is not a sentence's first word
and not a common English word (Zipf frequency below ``COMMON`` in wordfreq's list,
``data/english_zipf.tsv``: ``President``, ``Monday``, ``Germany`` are translated, not
transliterated) must find an Arabic word whose skeleton it matches (equal, one edit apart, or
contained in it, for three consonants or more); one that finds none is flagged.

Across the day (``across``), each Arabic word is mapped to the English names it was matched
with; an Arabic word matched to two spellings (``Tillerson`` / ``Tilerson``; not a name and its
own derived form, ``Syria`` / ``Syrian``, nor two different words, ``Ford`` / ``Friday``: the two
spellings must be alike) flags the units with the rarer spelling.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from summarize.language.arabic import normalize

NAME = "names"
EXPLANATION = "an English name with no Arabic counterpart, or one Arabic name spelled two ways in a day"

WORDS = Path(__file__).with_name("data") / "english_zipf.tsv"
COMMON = 3.0  # Zipf frequency from which a capitalized English word is taken as translated, not a name
#: across a day, names as well known as Tillerson are compared too (two spellings must both match one
#: Arabic word, which the English words DAY_COMMON lets through do not)
DAY_COMMON = 5.0
MAX_NAMES = 40
#: a name without a counterpart in this many units of a day is a rendering, not a made-up name
REPEATED = 2
PARTICLES = frozenset("al el ul bin ibn abu abd bint de la le van von der den da di du mc mac st".split())

_AR_TOKEN = re.compile(r"[\u0621-\u064A]+")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_EN_CAPITALIZED = re.compile(r"(?<![A-Za-z'’])[A-Z][A-Za-z'’]*")
#: what a sentence's first word follows
_OPENERS = frozenset(".!?:;\"“”'‘([—–-")

_EN_DIGRAPHS = (("sch", "X"), ("sh", "X"), ("ch", "X"), ("th", "T"), ("ph", "F"), ("kh", "K"), ("gh", "K"),
                ("ck", "K"), ("qu", "K"), ("dj", "K"), ("x", "KS"))
_SILENT_GH = re.compile(r"(?<=[aeiou])gh")
_EN_LETTERS = str.maketrans({"b": "B", "p": "B", "t": "T", "d": "T", "s": "S", "z": "S", "k": "K", "q": "K",
                             "g": "K", "j": "K", "f": "F", "v": "F", "l": "L", "r": "R", "m": "M", "n": "N",
                             "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "w": None,
                             "h": None, "'": None, "’": None})
_AR_LETTERS = str.maketrans({"ب": "B", "ت": "T", "ط": "T", "د": "T", "ض": "T", "ذ": "T", "ث": "T",
                             "س": "S", "ص": "S", "ز": "S", "ظ": "S", "ش": "X", "ج": "K", "ك": "K", "ق": "K",
                             "خ": "K", "غ": "K", "ف": "F", "ل": "L", "ر": "R", "م": "M", "ن": "N",
                             **{c: None for c in "اءأإآؤئوىيةهحع"}})
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_AR_SUFFIXES = ("يين", "يون", "ية", "ي", "ها", "هم", "ه")


@lru_cache(maxsize=1)
def common() -> dict[str, float]:
    out = {}
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            out[word] = float(zipf)
    return out


def _collapse(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=1 << 14)
def en_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons an English name may have: ``ch`` read sh and k, a final ``s`` said or silent."""
    first = en_skeleton(word)
    out = {first, en_skeleton(word.lower().replace("ch", "k"))}
    if word[:1] in "Xx":  # Xinhua, Xi'an: a Chinese x is sh
        out.add("X" + en_skeleton(word[1:]))
    out |= {s[:-1] for s in out if s.endswith("S") and len(s) > 2}
    return tuple(sorted(out))


@lru_cache(maxsize=1 << 14)
def en_skeleton(word: str) -> str:
    w = _SILENT_GH.sub("", word.lower())
    for digraph, cls in _EN_DIGRAPHS:
        w = w.replace(digraph, cls.lower() if cls != "X" else "\x00")
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k").replace("\x00", "X")
    return _collapse(w.translate(_EN_LETTERS).upper())


@lru_cache(maxsize=1 << 14)
def ar_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of an Arabic word read with and without its clitics and nisba endings."""
    w = normalize(word).replace("تش", "ش")
    forms = {w}
    for p in _AR_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            forms.add(w[len(p):])
    for f in list(forms):
        for s in _AR_SUFFIXES:
            if f.endswith(s) and len(f) - len(s) >= 3:
                forms.add(f[:-len(s)])
    return tuple(sorted({_collapse(f.translate(_AR_LETTERS)) for f in forms} - {""}))


def _near(a: str, b: str) -> bool:
    """Skeletons ``a`` (English) and ``b`` (Arabic) name the same thing."""
    if a == b:
        return True
    if len(a) >= 3 and (a in b or (len(b) >= 3 and b in a and len(a) - len(b) <= 1)
                        or len(a) - len(b) == 1 and a.startswith(b)):  # Chile-an
        return True
    if len(a) >= 4 and len(b) >= 3 and abs(len(a) - len(b)) <= 1 and _one_edit(a, b):
        return True
    return len(a) >= 6 and len(b) >= 5 and _distance(a, b) <= 2


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    if len(a) < len(b):
        a, b = b, a
    return any(a[:i] + a[i + 1:] == b for i in range(len(a)))


_SUFFIXES = ("s", "es", "ers", "er", "ing", "ed", "d", "ism", "ist", "ists", "ian", "ians", "ans", "an", "ese", "al", "ical")


@lru_cache(maxsize=1 << 14)
def ordinary(word: str, limit: float = COMMON) -> bool:
    """A common English word, or one made of them: a plural or derived form (Remainers, Templars,
    Penalizing) or a compound (Crimestoppers, Stateside) of words at least ``limit`` common."""
    words = common()
    if words.get(word, 0) >= limit:
        return True
    for suffix in _SUFFIXES:
        stem = word[:-len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and (words.get(stem, 0) >= limit or words.get(stem + "e", 0) >= limit):
            return True
    return any(words.get(word[:i], 0) >= limit and ordinary(word[i:], limit) for i in range(4, len(word) - 3))


def english_names(en: str, common_from: float | None = None) -> list[str]:
    """Capitalized words that are not a sentence's first, not common English words (Zipf
    ``common_from``, ``COMMON`` by default), not acronyms."""
    limit = COMMON if common_from is None else common_from
    found = []
    for m in _EN_CAPITALIZED.finditer(en):
        word = re.sub(r"['’]s?$", "", m.group())
        if not word[1:].islower() or len(word) < 3:  # not LiverpoolFC, MeToo, UN
            continue
        k = m.start()
        while k > 0 and en[k - 1].isspace():
            k -= 1
        if k == 0 or en[k - 1] in _OPENERS:  # a sentence's (or a quote's) first word
            continue
        if word.lower() in PARTICLES or ordinary(word.lower(), limit):
            continue
        if len(en_skeleton(word)) < 3:  # Ali, Iowa, Lee: too few consonants to tell
            continue
        found.append(word)
    return found


def counterpart(name: str, ar: str) -> str | None:
    """The Arabic word of ``ar`` whose skeleton matches the English ``name``'s, if any (two
    neighbouring words joined count too, matched whole: عبد الله, لوس أنجلوس), or the name itself
    where the Arabic keeps it in Latin letters (NTREX: Excelsior Terrace, دوري Tennent)."""
    if re.search(r"(?<![A-Za-z])" + re.escape(name) + r"(?![a-z])", ar, re.IGNORECASE):
        return name  # kept in Latin letters, often glued to an Arabic word (كأسBetfred)
    wanted = en_skeletons(name)
    tokens = _AR_TOKEN.findall(ar)
    for token in tokens:
        if len(token) > 2 and any(_near(w, s) for w in wanted for s in ar_skeletons(token)):
            return token
    for first, second in zip(tokens, tokens[1:]):
        heads = ar_skeletons(first)
        if not any(w.startswith(h) for w in wanted for h in heads):
            continue  # the joined words' skeleton would not start as the name's does
        joined = ar_skeletons(first + second)
        if any(w == s or len(w) >= 4 and abs(len(w) - len(s)) <= 1 and _one_edit(w, s)
               for w in wanted for s in joined):
            return first + " " + second
    return None


def _distinct(found: list[str]) -> list[str]:
    """The first ``MAX_NAMES`` distinct names: a sentence has far fewer, and each is compared with
    every Arabic word, so an enormous line of junk costs linear time, not quadratic."""
    return list(dict.fromkeys(found))[:MAX_NAMES]


def title_case(en: str) -> bool:
    """A headline in Title Case (``Killer Pig Mauls Chinese Farmer to Death``): most words after the
    first capitalized, half of those ordinary English words.  Capitals mark no names there; a line
    that is a list of names is not one (its capitalized words are not ordinary words)."""
    words = [w for w in _EN_WORD.findall(en)[1:] if len(w) >= 4]
    caps = [w for w in words if w[0].isupper()]
    return (len(words) >= 3 and len(caps) >= 0.75 * len(words)
            and sum(ordinary(re.sub(r"['’].*", "", w).lower()) for w in caps) >= len(caps) / 2)


def find(ar: str, en: str, context=None) -> list[dict]:
    if not _AR_TOKEN.search(ar) or title_case(en):
        return []
    missing = [name for name in _distinct(english_names(en)) if counterpart(name, ar) is None]
    return [{"problem": "no-counterpart", "name": name} for name in missing]


class Day:
    """The English names matched to each Arabic word over a day's units, fed one unit at a time
    (``add``), so a file of any length is read once; ``inconsistent`` then says which units spell an
    Arabic name otherwise than the rest of the day, and ``renderings`` which names without an Arabic
    counterpart the day uses again and again."""

    def __init__(self) -> None:
        self.seen: dict[str, Counter] = defaultdict(Counter)
        self.where: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.unmatched: Counter = Counter()  # names without a counterpart: in how many units

    def add(self, i: int, ar: str, en: str) -> None:
        for name in _distinct(english_names(en, DAY_COMMON)):
            token = counterpart(name, ar)
            if token is not None:
                key = normalize(token)
                self.seen[key][name] += 1
                self.where[(key, name)].append(i)
        self.unmatched.update(e["name"] for e in find(ar, en))

    def renderings(self) -> set[str]:
        """Names without an Arabic counterpart in ``REPEATED`` units of the day or more: a rendering by
        meaning (Brexit for خروج بريطانيا, a company's English name), not a made-up name, which a
        model does not make up twice.  Their ``no-counterpart`` flags are dropped (``keep``)."""
        return {name for name, units in self.unmatched.items() if units >= REPEATED}

    @staticmethod
    def keep(evidence: dict, renderings: set[str]) -> bool:
        return not (evidence.get("problem") == "no-counterpart" and evidence.get("name") in renderings)

    def inconsistent(self) -> list[tuple[int, dict]]:
        """(unit index, evidence) for each unit with a rarer spelling of an Arabic name."""
        out = []
        for key, spellings in self.seen.items():
            ranked = [n for n, _ in spellings.most_common()]
            for other in ranked[1:]:
                if _variant(ranked[0], other):
                    continue
                for i in self.where[(key, other)]:
                    out.append((i, {"problem": "inconsistent", "ar": key, "name": other,
                                    "renderings": dict(spellings)}))
        return sorted(out, key=lambda x: x[0])


def day_of(pairs: list[tuple[str, str]]) -> Day:
    day = Day()
    for i, (ar, en) in enumerate(pairs):
        day.add(i, ar, en)
    return day


def across(pairs: list[tuple[str, str]]) -> list[tuple[int, dict]]:
    """(index of the unit, evidence) for each unit whose English spells an Arabic name otherwise
    than the rest of the day does."""
    return day_of(pairs).inconsistent()


def _variant(a: str, b: str) -> bool:
    """Not two spellings of one name: a name and its derived form (Syria / Syrian, Democrats /
    Democratic, Turkey / Turkish), or two different words the Arabic word matched (Ford / Friday)."""
    a, b = a.lower(), b.lower()
    prefix = len(os.path.commonprefix([a, b]))
    if prefix >= max(4, 0.7 * min(len(a), len(b))):
        return True
    return SequenceMatcher(None, a, b).ratio() < 0.75


def note(evidence: dict) -> str:
    if evidence["problem"] == "inconsistent":
        others = ", ".join(n for n in evidence["renderings"] if n != evidence["name"])
        return f"“{evidence['name']}” here, “{others}” elsewhere today for {evidence['ar']}"
    return f"“{evidence['name']}” has no counterpart in the Arabic"
