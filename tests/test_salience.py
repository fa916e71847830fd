"""The sentence scorer (summarize.salience) and the MMR pick the evaluation uses with it,
on the sample corpus's articles as the pipeline splits them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, load_script

from summarize import salience
from summarize.pipeline import prepare_article

ARTICLES = sorted(p.name for p in CORPUS.glob("*.txt"))
# A sentence on another subject (EASC Wikipedia, Topic1, on Beethoven): an article's
# centroid is far from it.
OFF_TOPIC = "بدأ بيتهوفن يفقد سمعه في الثلاثينيات من عمره إلا أن ذلك لم يؤثر على إنتاجه الموسيقي."


def sentences(name: str) -> list[str]:
    return [s.ar for s in prepare_article(CORPUS / name).sentences]


def rank(values: list[float], index: int) -> int:
    """0 for the highest value."""
    return sorted(range(len(values)), key=lambda i: (-values[i], i)).index(index)


@pytest.fixture(scope="module")
def mmr():
    return load_script("eval_summary").mmr


@pytest.mark.parametrize("name", ARTICLES)
def test_the_lead_comes_first_and_an_off_topic_lead_scores_lower(name):
    text = sentences(name)
    without_lead_bonus = salience.Weights(lead=0.0)
    scores = salience.scores(text, weights=without_lead_bonus)
    assert rank(scores, 0) == 0  # on position and centrality alone
    assert rank(salience.scores(text), 0) == 0
    off = salience.scores([OFF_TOPIC] + text[1:], weights=without_lead_bonus)
    assert off[0] < scores[0]


@pytest.mark.parametrize("name", ARTICLES)
def test_an_off_topic_sentence_is_far_from_the_centroid(name):
    text = sentences(name)
    text.insert(1, OFF_TOPIC)
    centroid = salience.signals(text)["centroid"]
    assert centroid[1] == min(centroid[:6])
    assert salience.scores(text)[1] < salience.scores(text)[2]


@pytest.mark.parametrize("position", ["middle", "end"])
def test_a_sentence_repeating_the_headline_gains_from_it(position):
    article = prepare_article(CORPUS / "004_b4fc4710de68d81f.txt")
    assert article.title_from_headline
    headline = article.title.ar
    text = [s.ar for s in article.sentences]
    at = len(text) // 2 if position == "middle" else len(text)
    text.insert(at, headline.replace("..", "،") + ".")
    assert salience.signals(text, headline)["title"][at] == 1.0
    assert rank(salience.scores(text, headline), at) < rank(salience.scores(text), at)


@pytest.mark.parametrize("trade_off", [1.0, 0.9, 0.5])
@pytest.mark.parametrize("name", ARTICLES)
def test_mmr_does_not_pick_a_sentence_twice(mmr, name, trade_off):
    text = sentences(name)
    text.insert(1, text[0])  # the lead again, as an outlet's summary line repeats it
    chosen = mmr(text, salience.scores(text), 3, trade_off=trade_off)
    assert chosen[0] == 0 and 1 not in chosen and len(chosen) == 3
    assert chosen == sorted(chosen)


def test_mmr_takes_a_repeat_only_when_nothing_else_is_left(mmr):
    text = sentences(ARTICLES[0])[:2]
    assert mmr(text + text[:1], [1.0, 0.5, 0.9], 3) == [0, 1, 2]


@pytest.mark.parametrize("name", ARTICLES)
def test_scores_are_in_range_and_deterministic(name):
    text = sentences(name)
    scores = salience.scores(text)
    assert len(scores) == len(text) and all(0.0 <= s <= 1.0 for s in scores)
    assert salience.scores(text) == scores


def test_scores_are_the_same_in_every_process():
    """Set and dict orders change with the hash seed; the scores must not."""
    code = ("from conftest import CORPUS; from summarize import salience; "
            "from summarize.pipeline import prepare_article; "
            f"a = prepare_article(CORPUS / {ARTICLES[-1]!r}); "
            "print(repr(salience.scores([s.ar for s in a.sentences], a.title.ar)))")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env=env, cwd=Path(__file__).parent)
        outputs.add(run.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("text, expected", [
    ([], []),
    ([OFF_TOPIC], [1.0]),
])
def test_small_inputs(text, expected):
    assert salience.scores(text) == expected


@pytest.mark.parametrize("count, expected", [
    (1, 1), (2, 2), (3, 3), (9, 3), (12, 4), (13, 4), (14, 5), (30, 5),
])
def test_default_length(count, expected):
    assert salience.default_length(count) == expected
