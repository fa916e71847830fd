"""Titles, sections and sentences of the five sample articles."""


import pytest
from helpers import CORPUS

from summarize.pipeline import prepare_article

STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def articles():
    return {p.stem[:3]: prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))}


def test_the_sample_corpus_is_the_five_shared_articles():
    assert len(STEMS) == 5


@pytest.mark.parametrize("stem", [s[:3] for s in STEMS])
def test_sentences_are_the_cleaned_text_in_order_each_once(articles, stem):
    article = articles[stem]
    parts = [article.title.ar] if article.title_from_headline else []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading.ar)
        parts += [s.ar for s in section.sentences]
    assert " ".join(parts).split() == article.text.split()
    ids = [s.id for s in article.sentences]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("stem", [s[:3] for s in STEMS])
def test_no_sentence_ends_at_a_comma(articles, stem):
    for s in articles[stem].sentences:
        assert not s.ar.endswith(("،", ",")), s.ar


def test_004_headline_and_subheadings(articles):
    article = articles["004"]
    assert article.title_from_headline
    assert article.title.ar.startswith("أميركا تجتمع بالتحالف الدولي")
    headings = [s.heading.ar for s in article.sections if s.heading]
    assert headings == ["الجهاديون لا يزالون قادرون على توجيه ضربات", "مليارا دولار من أجل العراق"]
    texts = [s.ar for s in article.sentences]
    assert not any(h in texts for h in headings)
    assert article.sentences[0].ar.startswith("بعد عامين من بدء غاراتها")


def test_001_subheadings(articles):
    article = articles["001"]
    assert [s.heading.ar for s in article.sections if s.heading] == ["خطوط عريضة", "الادارات السياسية"]
    assert not article.title_from_headline  # its first line is a paragraph, not a headline
    assert article.title.ar.startswith("تستعد العاصمة الأميركية واشنطن")  # dateline "إيلاف من لندن:" dropped


@pytest.mark.parametrize("stem", ["000", "002"])
def test_one_paragraph_articles_get_sections_of_a_few_sentences(articles, stem):
    sizes = [len(s.sentences) for s in articles[stem].sections]
    assert len(sizes) >= 3
    assert all(2 <= n <= 7 for n in sizes), sizes


def test_003_dateline_and_read_also(articles):
    article = articles["003"]
    assert article.dateline == "أخبار الآن | دبي – الإمارات العربية المتحدة"
    assert "إقرأ أيضاً:" in article.removed
    assert not any("معاهدة نزع الصواريخ" in s.ar for s in article.sentences)
    assert article.title.ar == "انطلق اجتماع للتحالف الدولي ضد داعش في واشنطن"
