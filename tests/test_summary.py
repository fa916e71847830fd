"""The extractive summary on the sample articles."""

from pathlib import Path

import pytest

from summarize.pipeline import prepare_article
from summarize.summary import default_length, select, similarity, summarize

CORPUS = Path(__file__).parents[1] / "corpus"


@pytest.fixture(scope="module")
def articles():
    return {p.stem[:3]: prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))}


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_summary_leads_with_the_news_and_keeps_document_order(articles, stem):
    article = articles[stem]
    ids = summarize(article)
    order = [s.id for s in article.sentences]
    assert ids[0] == order[0]  # the lead
    assert ids == sorted(ids, key=order.index)
    assert len(ids) == len(set(ids)) == default_length(len(order))


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_summary_covers_sections(articles, stem):
    article = articles[stem]
    ids = set(summarize(article))
    covered = sum(1 for sec in article.sections if ids & {s.id for s in sec.sentences})
    assert covered >= min(len(article.sections), len(ids))


def test_summary_prefers_sentences_with_facts(articles):
    article = articles["004"]
    chosen = [article.sentence(i).ar for i in summarize(article)]
    with_numbers = sum(any(ch.isdigit() for ch in s) for s in chosen)
    assert with_numbers >= len(chosen) // 2


def test_summary_length_option(articles):
    article = articles["000"]
    assert len(summarize(article, 2)) == 2
    assert len(summarize(article, 100)) == len(article.sentences)


def test_default_length_grows_with_the_article():
    assert default_length(5) == 3
    assert default_length(20) < default_length(40)
    assert default_length(500) == 8


WORDS = {"a": {"x", "y"}, "b": {"x", "y"}, "c": {"z"}, "d": {"w"}}
RELEVANCE = {"a": 1.0, "b": 0.9, "c": 0.5, "d": 0.1}


def overlap(p, q):
    return similarity(WORDS[p], WORDS[q])


@pytest.mark.parametrize("options, expected", [
    ({}, ["a", "c", "b"]),  # b repeats a: the novel c goes first, then b still beats the weak d
    ({"repeats_above": 0.6}, ["a", "c"]),  # b only repeats a: stop
    ({"cover": {"a": 1, "b": 1, "c": 2, "d": 3}.get}, ["a", "c", "d"]),  # every group before a second
    ({"first": "d"}, ["d", "a", "c"]),  # a is the most relevant; c beats b, which repeats a
    ({"first": None}, ["a", "c", "b"]),  # no first given: the most relevant opens
    ({"trade_off": 0.9}, ["a", "b", "c"]),  # relevance weighs more than novelty
])
def test_select_is_marginal_relevance(options, expected):
    options = {"first": "a"} | options
    assert select(list("abcd"), RELEVANCE.get, overlap, 3, **options) == expected


def test_select_stops_when_the_candidates_run_out():
    assert select(["a", "b"], RELEVANCE.get, overlap, 5, first="a") == ["a", "b"]
