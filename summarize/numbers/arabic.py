"""Quantities in Arabic news text: digits, number words, ordinals, duals, decades.

The one home of reading an Arabic number itself: digits (and the scale word after
them, 14 ألف), cardinals in words, ordinals, decades, duals, ضعف "double", vague
amounts (مئات), and the "one of"s (أحد القادة) the matcher needs.  What a number is a
number of (percent, money, a distance, a date, a year, a clock time) is given by the
words after it, in ``numbers.arabic_kinds``, which also cuts the text into tokens.

The text is cut into tokens once (digits, Arabic words, Latin words, single
symbols) and read left to right; every rule looks at a token and its
neighbours, never at a backtracking pattern.  Words are compared in the
``summarize.language.arabic.normalize`` spelling (no harakat or tatweel, أ/إ/آ -> ا,
ى -> ي, ة -> ه), because news text spells the same word both ways (مائة/مئة,
الأولى/الاولى), and looked up in the lexicon of ``numbers.arabic_words``.

Grammar followed here: Wright, *A Grammar of the Arabic Language* I §§ 321-335
(cardinals, the units-before-tens order ثلاثة وعشرون, the dual, the
construct ثلاثة آلاف) and §§ 336-339 (ordinals, الحادي عشر).
"""

from __future__ import annotations

from summarize.language.arabic import STOPWORDS
from summarize.numbers import arabic_words as lex
from summarize.numbers.arabic_kinds import KindReader, Token, lookup_word, prefix_end, tokenize
from summarize.numbers.quantity import Quantity, digits_value

#: ضعف is "double" (and "weakness": ضعف الاقتصاد); its duals ضعفي / ضعفين are "twice" (×2).  Not ضعفاً:
#: after a number it is "-fold" (أحد عشر ضعفاً, "eleven times": FLORES devtest 935), the number says it
_DOUBLE = {"ضعف", "ضعفي", "ضعفين"}
#: the words around ضعف that make it "double": إلى ضعف, بمقدار ضعف, نحو ضعف; ضعف ما, ضعف عدد
_DOUBLE_BEFORE = {"الي", "بمقدار", "نحو", "حوالي", "قرابه", "زهاء"}
_DOUBLE_AFTER = {"ما", "عدد", "حجم", "قيمه", "مستوي", "معدل", "سعر", "متوسط", "ذلك", "المبلغ", "الرقم", "نظيره",
                 "نظيرتها", "العدد", "المعدل", "المستوي"}


class _Reader(KindReader):
    """Arabic numbers themselves: digits (and a scale word after them), cardinals in words, ordinals,
    decades, duals, ضعف "double" and vague amounts; each is given its kind by ``KindReader``."""

    # -- reading ------------------------------------------------------------------
    def read_at(self, i: int) -> int:
        t = self.toks[i]
        if t.kind == "num":
            return self.read_digits(i)
        if t.kind != "word":
            return i + 1
        n = t.norm
        if n in lex.TWO_WORD_MONTHS or n in ("ثاني", "اول") and self.stem(i + 1) in ("اكسيد", "اوكسيد"):
            return i + 2  # كانون الثاني is January; ثاني أكسيد is dioxide
        if n == "ثاني" and self.norm(i - 1) == "ال":
            return i + 1  # آل ثاني: the Al Thani family (Qatar), not "second"
        double = lookup_word(t, _DOUBLE)
        if double and (double[1] != "ضعف" or self.norm(i - 1) in _DOUBLE_BEFORE or self.norm(i + 1) in _DOUBLE_AFTER):
            return self.add(2, "count", i, i + 1, double[0])  # ضعف ما كان: "twice", "double"
        hit = lookup_word(t, lex.DECADES)
        if hit:
            return self.read_decade(i, hit)
        dual = lookup_word(t, lex.DUAL_NOUNS)
        if dual:
            if dual[0].endswith("ال") and self.century_at(i + 1):
                return i + 1  # القرنين العاشر والحادي عشر: the ordinals carry the numbers
            return self.add(2, dual[1], i, self.dual_end(i + 1), dual[0])
        if t.norm in ("صفر", "الصفر"):
            return self.add(0, "count", i, i + 1)
        hit = lookup_word(t, {"احد": 11, "احدي": 11})
        if hit and self.stem(i + 1) in lex.TEN:
            return self.finish_cardinal(11, i, i + 2, hit[0])  # أحد عشر, إحدى عشرة
        j = self.read_words(i)
        if j:
            return j
        vague = lookup_word(t, lex.VAGUE)
        if vague and not lookup_word(t, lex.HUNDREDS):
            j = i + 1
            if lookup_word(self.toks[j], lex.VAGUE) if j < len(self.toks) else False:
                j += 1  # عشرات الآلاف: one vague amount
            scale = max((lookup_word(self.toks[k], lex.PLURAL_SCALES) or ("", 1))[1] for k in range(i, j))
            return self.add(None, "vague", i, j, vague[0], scale=scale)
        return self.read_ordinal(i)

    def dual_end(self, j: int) -> int:
        """Past what repeats a dual's 2: ضابطين اثنين, and an adjective in the dual (محاولتان متأخرتان)."""
        t = self.tok(j)
        if t and (lookup_word(t, lex.UNITS) == ("", 2) or lookup_word(t, lex.COUNTED_DUALS)):
            return j + 1
        return j

    def read_decade(self, i: int, hit) -> int:
        """الستينيات (1960s); خمسينيات القرن التاسع عشر (1850s); العشرينيات من عمره (an age)."""
        prefix, value = hit
        j = i + 1
        if self.stem(j) == "قرن":
            century = self.century_at(j + 1)
            if century:
                n, j = century
                value = (n - 1) * 100 + value % 100
            elif self.stem(j + 1) == "ماضي":
                j += 2
        elif self.norm(j) == "من" and self.stem(j + 1).startswith("عمر"):
            return self.add(value - 1900, "count", i, j, prefix)
        return self.add(value, "decade", i, j, prefix)

    def century_at(self, j: int) -> tuple[int, int] | None:
        """The ordinal of a century at ``j`` (التاسع عشر, العشرين, الحادي والعشرين) and its end;
        ``None`` when there is none (also when the text ends at القرن)."""
        if j >= len(self.toks):
            return None
        before = len(self.found)
        end = self.read_ordinal(j)
        if len(self.found) == before:
            end = self.read_words(j) or j
            if len(self.found) == before:
                return None
        f = self.found.pop()
        assert f.value is not None  # ordinals and cardinals in words have a value
        return int(f.value), end

    def read_digits(self, i: int) -> int:
        value = self.digits_at(i)
        if value is None:
            return i + 1
        j = i + 1
        # clock time 10:30 (a colon and two digits)
        if self.norm(j) == ":" and self.tok(j + 1) and self.toks[j + 1].kind == "num" and len(self.toks[j + 1].text) == 2 \
                and self.adjacent(j) and self.adjacent(j + 1) and isinstance(value, int) and value < 25:
            hours = value + int(digits_value(self.toks[j + 1].text)) / 60
            j += 2
            if self.stem(j) in lex.PM or self.norm(j) in lex.PM:
                hours = hours + 12 if hours < 12 else hours
                j += 1
            return self.add(hours, "time", i, j)
        base, scale = value, 1
        hit = None
        if self.tok(j) and self.toks[j].kind == "word":
            hit = lookup_word(self.toks[j], lex.SCALES) or lookup_word(self.toks[j], lex.PLURAL_SCALES) \
                or lookup_word(self.toks[j], lex.DUAL_SCALES)
        if hit and hit[0] == "":  # 14 ألف; not "14 وألف"
            scale = hit[1]
            value = value * scale
            j += 1
        return self.finish_cardinal(value, i, j, base=base, scale=scale, digits=True)

    def read_words(self, i: int) -> int | None:
        """A cardinal in words from token ``i`` on (ثلاثة وعشرون, عشرة آلاف, مليارا)."""
        number = lex.Cardinal()
        j = i
        prefix0 = ""
        while j < len(self.toks):
            first = number.last is None
            t = self.toks[j]
            conj = False
            k = j
            if not first and t.norm == "و" and self.tok(j + 1) and self.toks[j + 1].kind == "word":
                conj, k = True, j + 1
            tk = self.toks[k]
            if tk.kind != "word":
                break
            entry = lex.classify(tk.norm, tk.text, first)
            if entry is None:
                break
            prefix, value, cat = entry
            if not first and prefix.startswith("و"):
                conj = True
            if not first and prefix not in ("", "و") and not (prefix == "وال" and prefix0.endswith("ال")):
                break
            if not number.take(cat, value, conj):
                break
            if first:
                prefix0 = prefix
            j = k + 1
        value = number.value
        if j == i or value == 0:
            return None
        if j == i + 1 and prefix0.endswith("ال") and value in (1, 2):
            return None  # الاثنين is Monday, الواحد "the one"
        if j == i + 1 and value == 10 and self.tok(i - 1) and lookup_word(self.toks[i - 1], {"احد": 1, "احدي": 1}):
            return None  # read with the أحد before it
        scale = number.scale_seen
        base = value / scale if scale > 1 else value
        return self.finish_cardinal(value, i, j, prefix=prefix0, base=base, scale=scale)

    def read_ordinal(self, i: int) -> int:
        t = self.toks[i]
        hit = lookup_word(t, lex.ORDINAL_ADVERBS)
        if hit and hit[0] in ("", "و"):
            return self.add(hit[1], "enumeration", i, i + 1, hit[0])  # أولاً، ثانياً: firstly, secondly
        share = lookup_word(t, lex.FRACTIONS)
        if share and t.norm not in ("ثلاث",):
            return self.add(share[1], "fraction", i, i + 1, share[0])
        hit = lookup_word(t, lex.ORDINALS)
        tens = lookup_word(t, lex.TENS)
        if tens and tens[0].endswith("ال"):
            return self.add(tens[1], "ordinal", i, i + 1, tens[0])  # القرن العشرين, مجموعة العشرين
        if not hit:
            return i + 1
        prefix, value = hit
        stem = t.norm[len(prefix):] if t.norm.startswith(prefix) else t.norm
        if stem in ("ثانيه", "ثان") and (
                self.stem(i + 1) == "واحده" or self.stem(i - 1) in ("مره", "جزء")
                or prefix.endswith("ال") and self.norm(i - 1) in ("في", "من") or prefix in ("بال", "لل")):
            # ثانية is also "a second" of time (في الثانية "per second", ثانية واحدة),
            # and مرة ثانية is "again"
            return i + 1
        if not prefix.endswith("ال") and stem in ("حادي", "حاديه"):
            return i + 1  # حادي only in الحادي عشر, الحادي والعشرين
        j = i + 1
        if self.stem(j) in lex.TEN:
            value, j = value + 10, j + 1  # الثالث عشر
        elif self.norm(j) in ("و",) and (tens := lookup_word(self.tok(j + 1), lex.TENS)):
            value, j = value + tens[1], j + 2
        elif self.tok(j) and (tens := lookup_word(self.toks[j], lex.TENS)) and tens[0] == "وال":
            value, j = value + tens[1], j + 1  # الحادي والعشرين
        elif stem in ("حادي", "حاديه"):
            return i + 1
        if value <= 31 and self.norm(j) == "من" and self.is_month(j + 1):
            return self.add(value, "date", i, j, prefix)  # الأول من أكتوبر: 1 October
        return self.add(value, "ordinal", i, j, prefix)


def extract_arabic(text: str) -> list[Quantity]:
    """Every quantity of an Arabic text, in order."""
    return _Reader(text).run()


#: أحد / إحدى "one of" with a pronoun: أحدهم, إحداهما, أحدها.
_ONE_OF_PRONOUN = {stem + pronoun for stem in ("احد", "احدا") for pronoun in ("هم", "هما", "ها", "هن", "نا")}


def read_arabic(text: str) -> tuple[list[Quantity], list[Quantity]]:
    """``extract_arabic(text)`` and the text's "one of"s (``one_of``), from one tokenization (the
    number check needs both of every source)."""
    reader = _Reader(text)
    return reader.run(), one_of(text, reader.toks)


def one_of(text: str, toks: list[Token] | None = None) -> list[Quantity]:
    """أحد / إحدى "one of" before the noun it counts from or with a pronoun (أحد القادة, إحدى خبراء
    المرض, أحدهم); ``toks``: the text's tokens, if already made.

    Not quantities (the seed gold does not count them, and a translation says "one of" or "a"),
    so ``extract_arabic`` leaves them out; the matcher holds them against a "two of" that the
    English has in their place.  الأحد (Sunday), لا أحد / أي أحد (no one, anyone), أحد before a
    preposition (لم يصب أحد في) and أحد عشر (eleven) are not.
    """
    toks = tokenize(text) if toks is None else toks
    out = []
    for i, t in enumerate(toks):
        if t.kind != "word" or i and toks[i - 1].norm in ("لا", "اي"):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        noun_next = nxt is not None and nxt.kind == "word" and nxt.text not in STOPWORDS \
            and nxt.norm not in ("عشر", "عشره")
        for prefix, stem in lex.stems(t.norm):
            if prefix.endswith("ال"):
                continue
            if stem in ("احد", "احدي") and noun_next or stem in _ONE_OF_PRONOUN:
                start = t.start + prefix_end(t, prefix)
                out.append(Quantity(text[start:t.end], 1, "count", start, t.end))
                break
    return out
