"""Mine the Arabic duals of counted nouns from the shared parallel text, for the number checker.

    python scripts/mine_duals.py [--shared PATH] [--out summarize/data/arabic_duals.tsv] [--all]

An Arabic dual (ضابطين "two officers", سيارتا "the two cars of", طفلاهما "their
two children") carries the number 2 without a numeral (Wright I § 294).  Written
without vowels, the oblique dual ـين looks like the sound masculine plural
(المسلمين "the Muslims"), and ـان ends many plain words (بيان, مكان), so a
dual is told apart here by evidence, not guessed from its ending:

1. a word of FLORES-200 devtest or NTREX-128 (Arabic side) has a dual ending
   (ـان ـين; ـتا ـتي; ـا ـي before a pronoun: طفلاهما) once its clitics are off;
2. its singular (the word less the ending; ـت back to ـة for a feminine) is
   attested in the shared Arabic (FLORES, NTREX, EASC);
3. for ـين, the sound plural in ـون is not attested (then ـين may be that
   plural: مسلمين/مسلمون) -- the ـان form is kept either way;
4. the English side of its lines says "two", "both", "pair", "twin"... in at
   least half of them (and once at least), beyond the "two"s that the other
   2s of its Arabic account for (يومين, اثنين), so that "two days" is not
   taken for the evidence of a dual beside it.

The candidates were then read by hand: ``REJECTED`` says why each one that
passed the filter is not a counted-noun dual.  The sample corpus (``corpus/``)
is not read, so the list owes nothing to the articles the seed gold annotates.
The output, one dual form a line (normalized spelling, no clitics) with its
singular and evidence, is what ``summarize.numbers.arabic_words`` loads.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.language.arabic import normalize  # noqa: E402
from summarize.numbers import arabic_words as lex  # noqa: E402
from summarize.numbers import extract_arabic  # noqa: E402

#: Dual endings, longest first: (ending, what the singular ends with instead of it).
_ENDINGS = (
    ("تاهما", "ه"), ("تيهما", "ه"), ("اهما", ""), ("يهما", ""), ("تاها", "ه"), ("تيها", "ه"),
    ("تاهم", "ه"), ("تيهم", "ه"), ("اهم", ""), ("يهم", ""), ("اها", ""), ("يها", ""),
    ("تاه", "ه"), ("اه", ""),  # not ـيه: that is the nisba ـيّة (تاريخية), far more common
    ("تان", "ه"), ("تين", "ه"), ("تا", "ه"), ("تي", "ه"), ("ان", ""), ("ين", ""),
)
_EVIDENCE = re.compile(r"\b(two|both|pairs?|twins?|duo|couple|double|twice)\b", re.IGNORECASE)

_VERB = "a verb in the dual (they two ...): no counted noun"
_ADJECTIVE = "an adjective agreeing with a dual noun, which carries the count"
_NAME = "a name that ends like a dual"
#: Candidates (by singular) that pass the filter but are not counted-noun duals, read by hand.
REJECTED = {
    "تبذل": _VERB, "تقر": _VERB, "يبلغ": _VERB, "يتكيف": _VERB, "يتم": _VERB, "يزعم": _VERB, "يسير": _VERB,
    "اخر": _ADJECTIVE, "اصلي": _ADJECTIVE, "جاف": _ADJECTIVE, "صغير": _ADJECTIVE, "غريب": _ADJECTIVE,
    "محبوب": _ADJECTIVE, "وحيد": _ADJECTIVE, "متاخره": _ADJECTIVE, "مختلفه": _ADJECTIVE,
    "مشتركه": _ADJECTIVE, "عامه": _ADJECTIVE,
    "اور": _NAME + " (أورين Orrin)", "دارو": _NAME + " (داروين Darwin)", "راشد": _NAME + " (راشدين Rushden)",
    "واي": _NAME + " (إيان Ian)", "ماره": _NAME + " (مارتا Marta)", "الم": "ألمان: the Germans, a plural",
    "السن": "سنين: years, a broken plural", "مواز": "موازين: scales, a broken plural",
    "معارض": "معارضين: opponents, a plural (معارضون is not in the text, but it is common)",
    "معرض": "معرضين: exposed (to), a plural adjective",
    "مديره": "مديرتي: my manager, a possessive",
    "والد": "والدين/والدان: parents, which English says without two",
    "ساق": "ساقيهم: their legs, a pair English says without two",
    "قدم": "قدمين: feet, mostly in idioms English says without two (سيرا على القدمين on foot, وقف على قدميه he stood up)",
    "شهاده": "بشهادتيهما: they both testified, one testimony each",
    "ضعف": "ضعفيها: double (twice it), a multiplier and not a count",
    "موضوع": "موضوعين: placed, a participle agreeing with مستشعرين",
    "شائعه": "شائعتان: popular, an adjective here (نظريتان شائعتان), not rumours",
    "عمليه": "عمليتا: its one line's two is the two of المجموعتين beside it",
    "فائز": "الفائزان: its one line translates it 'the players to beat'",
}
#: Forms of a kept noun that are not read as two: a dual possessor on one thing each.
REJECTED_FORMS = {
    "حسابيهما": "their accounts (one each): the English says no two",
    "سلوكيهما": "their behaviour (one each): the English says no two",
}
#: Nouns whose oblique ـين is a common plural though the text has no ـون beside it (الفائزين, the winners).
OBLIQUE_PLURAL = {"فائز"}


def readings(norm: str):
    """(dual, singular) readings of a normalized word: each clitic reading, each dual ending."""
    for _, stem in lex.stems(norm):
        for ending, fem in _ENDINGS:
            if len(stem) - len(ending) < 3 or not stem.endswith(ending):
                continue
            base = stem[: len(stem) - len(ending)]
            base += fem  # سيارتان -> سياره: the ت of the ending is the ة of the singular
            yield stem, base, ending


def load(shared: Path):
    """The aligned (key, Arabic, English) lines of FLORES and NTREX, and all shared Arabic text."""
    pairs = []
    d = shared / "data/flores200"
    ar, en = ((d / f"devtest.{x}").read_text("utf-8").splitlines() for x in ("arb", "eng"))
    pairs += [(f"flores:{n}", a, e) for n, (a, e) in enumerate(zip(ar, en), 1)]
    for path in sorted((shared / "data/ntrex/docs").glob("*.arb.txt")):
        ar = path.read_text("utf-8").splitlines()
        en = path.with_name(path.name.replace(".arb.txt", ".eng.txt")).read_text("utf-8").splitlines()
        pairs += [(f"ntrex:{path.name[:3]}:{n}", a, e) for n, (a, e) in enumerate(zip(ar, en), 1)]
    easc = [json.loads(line)["article"]
            for line in (shared / "data/easc/easc-wikipedia.jsonl").read_text("utf-8").splitlines() if line]
    return pairs, [a for _, a, _ in pairs] + easc


def known_number_word(stem: str) -> bool:
    """A form the reader already reads as a number (اثنين, عشرين, أسبوعين, ألفين) or that implies one (ثنائي)."""
    tables = (lex.UNITS, lex.TENS, lex.HUNDREDS, lex.DUAL_SCALES, lex.TIME_DUALS, lex.DECADES)
    return any(stem in t for t in tables) or stem.startswith(("ثنائي", "كلا", "كلتا"))


def word_reading(norm: str, attested: Counter) -> tuple[str, str, str] | None:
    """The (dual, singular, ending) reading of a word whose singular is most attested, or None.

    None also when any reading is a number word already, or when the word may be
    a plural: ـين beside an attested ـون (المسلمين/المسلمون), and ـيّين, which is
    also the plural of every nisba (السوريين "the Syrians").
    """
    if any(known_number_word(stem) for _, stem in lex.stems(norm)):
        return None
    best = None
    for dual, base, ending in readings(norm):
        if not attested[base]:
            continue
        if ending == "ين" and not oblique_is_dual(base, attested):
            continue
        # وطفلاهما: طفل over وطفل; on a tie the article off (الزوجان: زوج) but no other letter (بالغان: بالغ, not الغ)
        key = (attested[base], not dual.startswith("ال"), len(dual))
        if best is None or key > best[0]:
            best = (key, (dual, base, ending))
    return best[1] if best else None


def oblique_is_dual(base: str, attested: Counter) -> bool:
    """Whether base + ين can only be the dual: no sound plural ـون beside it, and not a nisba (ـيّين)."""
    return not attested[base + "ون"] and not base.endswith("ي")


def other_twos(arabic: str, duals: set) -> int:
    """The Arabic's quantities of value 2 other than the candidate ``duals`` (اثنين, يومين, 2).

    (The reader takes the listed duals as quantities too; whatever the list
    holds now, a candidate is not counted, so a rerun gives the same list.)
    """
    return sum(q.value == 2 and not lex.lookup(normalize(q.text), duals) for q in extract_arabic(arabic))


def mine(pairs, arabic_texts) -> list[tuple]:
    """Rows (singular, dual forms seen, whether ـين is safe, lines with evidence, lines, example)."""
    attested: Counter = Counter()
    for text in arabic_texts:
        for m in lex.WORD.finditer(text):
            attested.update(s for _, s in lex.stems(normalize(m.group())))
    lines, evidence, forms, example = Counter(), Counter(), defaultdict(set), {}
    for key, ar, en in pairs:
        found = {}
        for m in lex.WORD.finditer(ar):
            hit = word_reading(normalize(m.group()), attested)
            if hit:
                found.setdefault(hit[1], hit[0])
        if not found:
            continue
        # a "two" beyond those the Arabic's other 2s (يومين, اثنين, 2) account for
        says_two = len(_EVIDENCE.findall(en)) > other_twos(ar, set(found.values()))
        for base, dual in found.items():
            forms[base].add(dual)
            lines[base] += 1
            evidence[base] += says_two
            if says_two:
                example.setdefault(base, key)
    return sorted((base, ",".join(sorted(forms[base])), "yes" if oblique_is_dual(base, attested) else "no",
                   evidence[base], n, example[base])
                  for base, n in lines.items() if evidence[base] >= 1 and 2 * evidence[base] >= n)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "summarize/data/arabic_duals.tsv")
    ap.add_argument("--all", action="store_true", help="print every candidate, the rejected ones marked")
    args = ap.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"error: no shared data at {args.shared}; pass --shared PATH", file=sys.stderr)
        return 2
    pairs, arabic = load(args.shared)
    rows = mine(pairs, arabic)
    if args.all:
        for row in rows:
            mark = f"  REJECTED: {REJECTED[row[0]]}" if row[0] in REJECTED else ""
            print("\t".join(map(str, row)) + mark)
    kept = [(row[0], ",".join(f for f in row[1].split(",") if f not in REJECTED_FORMS),
             "no" if row[0] in OBLIQUE_PLURAL else row[2]) + row[3:]
            for row in rows if row[0] not in REJECTED]
    header = ("# Counted nouns whose Arabic dual carries the number 2 (normalized spelling, no clitics).\n"
              "# Made by scripts/mine_duals.py from FLORES-200 devtest and NTREX-128 (CC BY-SA 4.0; EASC,\n"
              "# CC BY-SA 3.0, for the singulars), then read by hand. Columns: singular, the dual forms seen\n"
              "# (the reader takes these and the plain ones: -ان, -ين where safe, -تان -تين -تا),\n"
              "# whether the oblique -ين can only be the dual (no sound plural -ون beside it), lines whose\n"
              "# English says two/both/pair..., lines with the dual, the first such line.\n")
    args.out.write_text(header + "".join("\t".join(map(str, row)) + "\n" for row in kept), "utf-8")
    print(f"{len(rows)} candidates, {len(kept)} kept -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
