"""The sentence scorer (summarize.summary.salience), the MMR pick the evaluation uses with it, and the
fit that sets its coefficients (scripts/fit_salience.py), on the sample corpus's articles as
the pipeline splits them and on sentences of EASC Wikipedia."""

import dataclasses
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CORPUS, load_script

from summarize.pipeline import prepare_article
from summarize.summary import salience

ARTICLES = sorted(p.name for p in CORPUS.glob("*.txt"))
# Sentences of EASC Wikipedia, Topic1 (Beethoven).  OFF_TOPIC is on another subject than any
# sample article: an article's centroid is far from it.
OFF_TOPIC = "بدأ بيتهوفن يفقد سمعه في الثلاثينيات من عمره إلا أن ذلك لم يؤثر على إنتاجه الموسيقي."
BEETHOVEN = [
    "لودفيج فان بيتهوفن مؤلف موسيقي ألماني ولد عام 1770 م في مدينة بون.",
    "يعتبر من أبرز عباقرة الموسيقى في جميع العصور، وأبدع أعمالاً موسيقية خالدة.",
    "له الفضل الأعظم في تطوير الموسيقى الكلاسيكية.",
]
# The first, as an annotator copied it: without the hamza, the clause after the comma left out.
BEETHOVEN_COPIED = "يعتبر من ابرز عباقرة الموسيقى في جميع العصور."
# The position and the first-sentence bonus off: what the article's words alone say.
CONTENT_ONLY = dataclasses.replace(salience.TITLED, first=0.0, position=0.0)


def sentences(name: str) -> list[str]:
    return [s.ar for s in prepare_article(CORPUS / name).sentences]


def rank(values: list[float], index: int) -> int:
    """0 for the highest value."""
    return sorted(range(len(values)), key=lambda i: (-values[i], i)).index(index)


@pytest.fixture(scope="module")
def mmr():
    return load_script("eval_summary").mmr


@pytest.fixture(scope="module")
def fitting():
    return load_script("fit_salience")


@pytest.mark.parametrize("name", ARTICLES)
def test_the_lead_comes_first_and_an_off_topic_lead_scores_lower(name):
    text = sentences(name)
    without_first = dataclasses.replace(salience.UNTITLED, first=0.0)
    assert rank(salience.scores(text), 0) == 0
    assert rank(salience.scores(text, model=without_first), 0) == 0  # position and centrality alone
    off = [OFF_TOPIC] + text[1:]
    assert salience.scores(off, model=CONTENT_ONLY)[0] < salience.scores(text, model=CONTENT_ONLY)[0]
    assert salience.scores(off)[0] < salience.scores(text)[0]


@pytest.mark.parametrize("name", ARTICLES)
def test_an_off_topic_sentence_is_far_from_the_centroid(name):
    text = sentences(name)
    text.insert(1, OFF_TOPIC)
    centroid = salience.features(text)["centroid"]
    assert centroid[1] == min(centroid[:6])
    scores = salience.scores(text)
    assert scores[1] < scores[2]


@pytest.mark.parametrize("position", ["middle", "end"])
def test_a_sentence_repeating_the_headline_gains_from_it(position):
    article = prepare_article(CORPUS / "004_b4fc4710de68d81f.txt")
    assert article.title_from_headline
    headline = article.title.ar
    text = [s.ar for s in article.sentences]
    at = len(text) // 2 if position == "middle" else len(text)
    text.insert(at, headline.replace("..", "،") + ".")
    assert salience.features(text, headline)["title"][at] == 1.0
    assert salience.features(text)["title"] == [0.0] * len(text)
    with_headline = salience.scores(text, headline, model=CONTENT_ONLY)
    without = salience.scores(text, model=dataclasses.replace(CONTENT_ONLY, title=0.0))
    assert rank(with_headline, at) < rank(without, at)


@pytest.mark.parametrize("sentence, long, short", [
    (BEETHOVEN[2], 0.0, 1.0),  # 7 words
    ("كما ألّف العديد من المقطوعات الموسيقية كمقدمات للأوبرا.", 0.0, 0.0),  # 8
    (BEETHOVEN[0], 0.0, 0.0),  # 13
    (" ".join(BEETHOVEN + [OFF_TOPIC, BEETHOVEN[1]]), 0.0, 0.0),  # 60
    ("".join(BEETHOVEN * 2) + " " + OFF_TOPIC, 1.0, 0.0),  # 75: sentences run together, as the splitter meets them
])
def test_long_and_short(sentence, long, short):
    values = salience.features([BEETHOVEN[1], sentence])
    assert (values["long"][1], values["short"][1]) == (long, short)
    assert (values["long"][0], values["short"][0]) == (0.0, 0.0)


@pytest.mark.parametrize("name", ARTICLES)
def test_the_fitted_model_marks_down_a_run_together_unit(name):
    """Sentences as one unit the splitter could not cut (no space after the stops): people
    copy a part of such a unit, and the fitted model scores it lower for its length."""
    text = sentences(name)
    at = len(text) // 3
    merged = text[:at] + ["".join(text[at:at + 6])] + text[at + 6:]
    assert len(merged[at].split()) > salience.LONG_WORDS
    ignoring_length = dataclasses.replace(salience.UNTITLED, long=0.0)
    assert salience.scores(merged)[at] < salience.scores(merged, model=ignoring_length)[at]


@pytest.mark.parametrize("name", ARTICLES)
def test_features_are_scaled_to_the_articles_best(name):
    article = prepare_article(CORPUS / name)
    values = salience.features([s.ar for s in article.sentences], article.title.ar)
    for feature in ("centroid", "title"):
        assert max(values[feature]) == 1.0 and min(values[feature]) >= 0.0


def test_features_are_the_models():
    assert set(salience.features(BEETHOVEN)) == set(salience.FEATURES) == set(salience.TITLED.weights())
    assert salience.UNTITLED.title == 0.0 and salience.TITLED.title > 0


@pytest.mark.parametrize("name", ARTICLES)
def test_the_headline_chooses_the_model(name):
    article = prepare_article(CORPUS / name)
    text, title = [s.ar for s in article.sentences], article.title.ar
    assert salience.scores(text) == salience.scores(text, model=salience.UNTITLED)
    assert salience.scores(text, title) == salience.scores(text, title, model=salience.TITLED)
    assert salience.scores(text, title) != salience.scores(text, title, model=salience.UNTITLED)


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
    assert len(scores) == len(text) and all(0.0 < s < 1.0 for s in scores)
    assert salience.scores(text) == scores


def test_scores_are_the_same_in_every_process():
    """Set and dict orders change with the hash seed; the scores must not."""
    code = ("from helpers import CORPUS; from summarize.summary import salience; "
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


def test_small_inputs():
    assert salience.scores([]) == []
    (only,) = salience.scores([OFF_TOPIC])
    model = salience.UNTITLED  # first, position 1, no centroid (no word repeats), not long or short
    assert only == pytest.approx(salience.logistic(model.intercept + model.first + model.position))


@pytest.mark.parametrize("count, expected", [
    (1, 1), (2, 2), (3, 3), (9, 3), (12, 4), (13, 4), (14, 5), (30, 5),
])
def test_default_length(count, expected):
    assert salience.default_length(count) == expected


# --- the fit ----------------------------------------------------------------------------------

@pytest.mark.parametrize("copies, expected", [
    ([BEETHOVEN[1]] * 5, [0.0, 1.0, 0.0]),
    ([BEETHOVEN_COPIED, BEETHOVEN_COPIED, BEETHOVEN_COPIED, BEETHOVEN[2], OFF_TOPIC], [0.0, 0.4, 0.2]),
    ([BEETHOVEN[0] + " " + BEETHOVEN[2]] * 5, [1.0, 0.0, 1.0]),
    ([OFF_TOPIC] * 5, [0.0, 0.0, 0.0]),
])
def test_labels_are_the_share_of_annotators_who_copied_a_sentence(fitting, copies, expected):
    item = fitting.Item("Topic1", "", None, BEETHOVEN, copies, 1)
    labels = fitting.labels(item)
    assert [round(x, 1) for x in labels] == expected
    if BEETHOVEN_COPIED in copies:  # 3 of 5 copied 7 of the sentence's 11 word pairs
        assert labels[1] == pytest.approx(3 / 5 * 7 / 11)


@pytest.mark.parametrize("low, high", [(0.2, 0.8), (0.5, 0.5), (0.9, 0.3)])
def test_the_logistic_fit_recovers_the_shares(fitting, low, high):
    x = [[0.0], [1.0]] * 20
    y = [low, high] * 20
    intercept, weight = fitting.logistic_fit(x, y, l2=0.0)
    assert salience.logistic(intercept) == pytest.approx(low)
    assert salience.logistic(intercept + weight) == pytest.approx(high)
    shrunk = fitting.logistic_fit(x, y, l2=10.0)[1]
    assert abs(shrunk) < abs(weight) or weight == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("share", [0.2, 0.7])
def test_the_intercept_is_not_shrunk(fitting, share):
    """A feature that says nothing: its weight stays 0 and the intercept is the mean label."""
    intercept, weight = fitting.logistic_fit([[0.0]] * 30, [share] * 30, l2=10.0)
    assert salience.logistic(intercept) == pytest.approx(share) and weight == pytest.approx(0.0)


def test_the_logistic_fit_of_two_features(fitting):
    """One feature that says the label, one that is noise: the weight goes to the first."""
    x = [[a, b] for a in (0.0, 1.0) for b in (0.0, 1.0)] * 5
    y = [0.1 + 0.8 * row[0] for row in x]
    intercept, useful, noise = fitting.logistic_fit(x, y, l2=0.0)
    assert useful == pytest.approx(math.log(0.9 / 0.1) * 2) and noise == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("differences, expected", [
    ([1.0, 2.0, 3.0], (2.0, math.sqrt(1 / 3))),
    ([0.5, 0.5], (0.5, 0.0)),
    ([-1.0], (-1.0, 0.0)),
])
def test_the_paired_difference_and_its_standard_error(differences, expected):
    assert load_script("eval_summary").paired(differences) == pytest.approx(expected)
