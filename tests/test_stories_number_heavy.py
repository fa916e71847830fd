"""Story grouping on a number-heavy sentence (issue 25, item 5): ``بلغ العدد ألف ألف … شخص`` and
``قتل 10 و10 و10 … أشخاص`` took quadratic time and memory (20,000 ألف: 103 s, 1.7 GB).  No timing
here (scripts/bench_numbers.py times it, with a bar): the work done on the sentence's tokens and
quantities, and the text the figures keep, are counted at two sizes and must grow linearly."""

import pytest

from summarize.document import Article, NumberCheck, Section, Sentence, Text
from summarize.numbers import check, qualifiers
from summarize.stories import features, profile


class Counting(list):
    """A list that counts the items read from it (by index, slice or iteration)."""

    reads = 0

    def __getitem__(self, key):
        item = super().__getitem__(key)
        Counting.reads += len(item) if isinstance(key, slice) else 1
        return item

    def __iter__(self):
        for item in super().__iter__():
            Counting.reads += 1
            yield item


def scales(n: int) -> tuple[str, str]:
    return "بلغ العدد " + "ألف " * n + "شخص", "The number reached " + "1,000 " * n + "people"


def tens(n: int) -> tuple[str, str]:
    return "قتل 10" + " و10" * (n - 1) + " أشخاص", "10" + ", 10" * (n - 1) + " people were killed"


def article(ar: str, en: str) -> Article:
    numbers = [NumberCheck(ar=m.source.text if m.source else None, en=m.target.text if m.target else None,
                           value=(m.source or m.target).value, kind=(m.source or m.target).kind, status=m.status)
               for m in check(ar, en).matches]
    sentence = Sentence(ar=ar, id="s1", translations=[en], numbers=numbers)
    return Article(stem="000_x", source=__import__("pathlib").Path("000_x.txt"),
                   title=Text(ar="خبر", translations=["News"]), sections=[Section(None, [sentence])])


def work(make, n: int, monkeypatch) -> tuple[int, int, int]:
    """Items read from the tokens and quantities, characters of text the figures keep, figures."""
    tokens, quantities = qualifiers._tokens, features._quantities
    qualifiers._tokens.cache_clear()
    monkeypatch.setattr(qualifiers, "_tokens", lambda text: Counting(tokens(text)))
    monkeypatch.setattr(features, "_quantities", lambda unit: Counting(quantities(unit)))
    Counting.reads = 0
    figures = profile(article(*make(n))).figures
    monkeypatch.setattr(qualifiers, "_tokens", tokens)
    monkeypatch.setattr(features, "_quantities", quantities)
    return Counting.reads, sum(len(f.claim.text) for f in figures if f.claim), len(figures)


@pytest.mark.parametrize("make", [scales, tens])
def test_grouping_a_number_heavy_sentence_is_linear(make, monkeypatch):
    small, large = work(make, 300, monkeypatch), work(make, 1200, monkeypatch)
    assert large[0] < 4 * small[0] * 1.25, (small, large)  # four times the numbers: four times the reads
    assert large[1] < 4 * small[1] * 1.25 + 100, (small, large)  # and of the figures' text
    assert small[2] > 0


def test_a_count_still_reads_its_noun_past_a_scale_word_and_its_qualifier():
    text = "قتل أكثر من 3 آلاف شخص ونحو 40 من نظرائهما و20 ألف مليون دولار"
    quantities = features.extract_arabic(text)
    claims = [qualifiers.claim(text, quantities, i) for i in range(len(quantities))]
    assert [(c.qualifier, c.key) for c in claims][:2] == [("more than", "شخص"), ("about", "نظراي")]
