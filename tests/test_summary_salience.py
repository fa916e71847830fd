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
POSITION = ("first", "second", "position", "late", "lead_others", "lead_centroid", "lead_title")


def without(model: salience.Model, *names: str) -> salience.Model:
    """``model`` with the weights of ``names`` (features or cue words) set to zero."""
    return dataclasses.replace(model, weights={k: 0.0 if k in names else v for k, v in model.weights.items()},
                               cues={k: 0.0 if k in names else v for k, v in model.cues.items()})


# The position and the lead's marks off: what the article's words alone say.
CONTENT_ONLY = without(salience.TITLED, *POSITION)


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
    without_first = without(salience.UNTITLED, "first", "second", "lead_others", "lead_centroid")
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
    scores = salience.scores(text, model=without(salience.UNTITLED, *POSITION))
    assert scores[1] < scores[2]


@pytest.mark.parametrize("position", ["middle", "end"])
def test_a_sentence_repeating_the_headline_gains_from_it(position):
    article = prepare_article(CORPUS / "004_b4fc4710de68d81f.txt")
    assert article.title_from_headline
    headline = article.title.ar
    text = [s.ar for s in article.sentences]
    at = len(text) // 2 if position == "middle" else len(text)
    text.insert(at, headline.replace("..", "،") + ".")
    values = salience.features(text, headline)
    assert values["title_scaled"][at] == values["title_best"][at] == 1.0
    assert all(salience.features(text)[name] == [0.0] * len(text) for name in salience.TITLE_FEATURES)
    with_headline = salience.scores(text, headline, model=CONTENT_ONLY)
    blind = salience.scores(text, model=without(CONTENT_ONLY, *salience.TITLE_FEATURES))
    assert rank(with_headline, at) < rank(blind, at)


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
    copy a part of such a unit, and the fitted model (under a headline: ``UNTITLED`` has no length
    features) scores it lower for its length."""
    text = sentences(name)
    at = len(text) // 3
    merged = text[:at] + ["".join(text[at:at + 6])] + text[at + 6:]
    assert len(merged[at].split()) > salience.LONG_WORDS
    ignoring_length = without(salience.TITLED, "long")
    assert salience.scores(merged, model=salience.TITLED)[at] < salience.scores(merged, model=ignoring_length)[at]
    assert salience.scores(merged) == salience.scores(merged, model=without(salience.UNTITLED, "long"))


@pytest.mark.parametrize("name", ARTICLES)
def test_features_are_scaled_to_the_articles_best(name):
    article = prepare_article(CORPUS / name)
    values = salience.features([s.ar for s in article.sentences], article.title.ar)
    for feature in ("centroid_scaled", "title_scaled"):
        assert max(values[feature]) == 1.0 and min(values[feature]) >= 0.0


def test_features_are_the_models():
    assert set(salience.features(BEETHOVEN)) == set(salience.FEATURES) == set(salience.TITLED.weights)
    # without a headline: neither the headline's features nor the length's, and no cue words
    assert set(salience.UNTITLED.weights) == set(salience.FEATURES) - {*salience.TITLE_FEATURES, *salience.LENGTH_FEATURES}
    assert not salience.UNTITLED.cues
    assert salience.TITLED.version == salience.UNTITLED.version == salience.VERSION
    assert salience.VERSION.startswith("bbc-20180101-20180430")  # fitted on the BBC train dates


@pytest.mark.parametrize("sentence, figures, quote, question", [
    (BEETHOVEN[0], 1.0, 0.0, 0.0),
    ("وقال الوزير: \"لن نتراجع عن القرار\".", 0.0, 1.0, 0.0),
    ("فهل يتراجع الوزير عن القرار؟", 0.0, 0.0, 1.0),
    ("قتل ٣ أشخاص في «الهجوم».", 1.0, 1.0, 0.0),
])
def test_figures_quotes_and_questions(sentence, figures, quote, question):
    values = salience.features([BEETHOVEN[1], sentence])
    assert (values["figures"][1], values["quote"][1], values["question"][1]) == (figures, quote, question)


def test_cue_words_are_the_words_and_the_opening():
    assert salience.cue_words("وقال الوزير إن الوزير سيعود.") == ["^وقال", "^الوزير", "وقال", "الوزير", "ان", "سيعود"]
    model = dataclasses.replace(salience.UNTITLED, cues={"وقال": 2.0})
    text = ["الوزير في بيروت اليوم.", "وقال الوزير إنه سيعود.", "الوزير سيعود غدا."]
    assert salience.scores(text, model=model)[1] > salience.scores(text, model=salience.UNTITLED)[1]
    assert salience.scores(text, model=model)[2] == salience.scores(text, model=salience.UNTITLED)[2]


def test_the_learned_cue_words_are_not_a_hand_made_list():
    """Hundreds of words, each with the weight the fit gave it: the reporting verbs among them."""
    assert len(salience.TITLED.cues) > 100
    assert any(word in salience.TITLED.cues for word in ("قال", "وقال", "^قال", "^وقال"))


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
    values = salience.features([OFF_TOPIC])
    assert values["first"] == values["position"] == [1.0] and values["late"] == values["centroid"] == [0.0]
    z = salience.linear(values, [salience.cue_words(OFF_TOPIC)], salience.UNTITLED)
    assert only == salience.logistic(z[0])
    assert 0 < salience.scores([OFF_TOPIC], "عنوان")[0] < 1


@pytest.mark.parametrize("count, expected", [
    (1, 1), (2, 2), (3, 3), (9, 3), (12, 4), (13, 4), (14, 5), (30, 5),
])
def test_default_length(count, expected):
    assert salience.default_length(count) == expected


# --- the fit ----------------------------------------------------------------------------------

def test_labels_are_the_share_of_a_sentence_the_abstract_holds(fitting):
    """ROUGE-1 precision: a sentence copied whole scores 1, one of whose words the abstract holds
    two of seven scores 2/7 (في and الموسيقى), however long the abstract."""
    item = fitting.Item("BB-1", "", None, BEETHOVEN, [BEETHOVEN[1]], 1)
    labels = fitting.labels(item)
    assert labels[1] == 1.0 and labels[2] == pytest.approx(2 / 7) and labels[0] < 0.1
    longer = fitting.Item("BB-1", "", None, BEETHOVEN, [BEETHOVEN[1] + " " + OFF_TOPIC], 1)
    assert fitting.labels(longer)[1] == 1.0


def test_a_feature_cache_made_by_other_code_is_computed_again(fitting, tmp_path, monkeypatch):
    """A change to cleaning moves sentences: the fit must not learn from features the code no longer
    makes.  A cache under another code key is made again; one under this key is read."""
    import pickle

    item = fitting.Item("BB-1", "20180101", "بيتهوفن", BEETHOVEN, [BEETHOVEN[1]], 1)
    monkeypatch.setattr(fitting.eval_summary, "load_bbc", lambda: [item])
    cache = tmp_path / "features.pkl"
    stale = {"key": "other code", "rows": [{"id": "BB-stale", "sentences": ["قديم."]}]}
    cache.write_bytes(pickle.dumps(stale))
    assert [r.id for r in fitting.cached(cache)] == ["BB-1"]
    assert pickle.loads(cache.read_bytes())["key"] == fitting.code_key()

    def unreadable():
        raise AssertionError("read from the cache, not computed")

    monkeypatch.setattr(fitting.eval_summary, "load_bbc", unreadable)
    again = fitting.cached(cache)
    assert [r.id for r in again] == ["BB-1"] and again[0].sentences == BEETHOVEN


def rows(fitting, labels_per_article, cue="وقال"):
    """Synthetic articles for the fit: the best sentence of each holds ``cue`` and nothing else tells it."""
    out = []
    for n, labels in enumerate(labels_per_article):
        r = fitting.Rows.__new__(fitting.Rows)
        r.id, r.date, r.references = f"a{n}", "20180101", ["x"]
        r.sentences = [f"s{i}" for i in range(len(labels))]
        r.dense = [[0.5] * len(salience.FEATURES) for _ in labels]
        r.cues = [[cue, "الوزير"] if label == max(labels) else ["الوزير"] for label in labels]
        r.labels = labels
        out.append(r)
    return out


def test_pairs_are_the_best_against_the_rest(fitting):
    better, worse, weight, sign = fitting.pairs(rows(fitting, [[0.1, 0.5, 0.48, 0.0], [0.9, 0.2]]))
    # article 1: sentence 1 against 0 and 3 (2 is within the margin); article 2 (rows 4, 5): 4 against 5;
    # every other pair flipped (sign 0: the first row is the worse)
    assert list(zip(better, worse)) == [(1, 0), (3, 1), (4, 5)]
    assert sign == [1, 0, 1]
    assert weight == pytest.approx([0.4, 0.5, 0.7])


def test_the_fit_learns_a_cue_word(fitting, monkeypatch):
    monkeypatch.setattr(fitting, "MIN_CUE", 1)
    data = rows(fitting, [[0.1, 0.6, 0.2], [0.5, 0.1, 0.0], [0.0, 0.2, 0.7]] * 10)
    model = fitting.fit(data, c=1.0)
    assert model.cues["وقال"] > 0.5 and abs(model.cues["الوزير"]) < 1e-6
    assert set(model.weights) == set(salience.FEATURES)
    assert set(fitting.fit(data, titled=False, c=1.0).weights) == set(salience.FEATURES) - set(salience.TITLE_FEATURES)


def test_the_written_weights_read_back(fitting):
    stamp = "bbc-test"
    titled = fitting.rounded(salience.TITLED)
    namespace: dict = {}
    exec(fitting.source(titled, fitting.rounded(salience.UNTITLED), stamp), namespace)
    assert namespace["VERSION"] == stamp
    assert salience.Model.from_dict(namespace["TITLED"]) == dataclasses.replace(titled, version="")
    assert titled == dataclasses.replace(salience.TITLED)  # the shipped weights are already rounded


@pytest.mark.parametrize("differences, expected", [
    ([1.0, 2.0, 3.0], (2.0, math.sqrt(1 / 3))),
    ([0.5, 0.5], (0.5, 0.0)),
    ([-1.0], (-1.0, 0.0)),
])
def test_the_paired_difference_and_its_standard_error(differences, expected):
    assert load_script("eval_summary").paired(differences) == pytest.approx(expected)


# --- the BBC evaluation -----------------------------------------------------------------------

RECORD = """<DOC>
<DOCNO>BB-middleEast-1-20180701</DOCNO>
<TITLE>عنوان &amp; خبر</TITLE>
<ABSTRACT>
ملخص الخبر.
</ABSTRACT>
<TEXT>
الجملة الأولى من الخبر.
</TEXT>
</DOC>"""


def test_a_bbc_record_is_read():
    fields = load_script("eval_summary").read_record(RECORD)
    assert fields == {"DOCNO": "BB-middleEast-1-20180701", "TITLE": "عنوان & خبر", "ABSTRACT": "ملخص الخبر.",
                      "TEXT": "الجملة الأولى من الخبر."}


def test_a_bbc_article_keeps_every_line_and_its_title(tmp_path):
    evaluation = load_script("eval_summary")
    folder = tmp_path / "middleEast"
    folder.mkdir()
    short_first = RECORD.replace("الجملة الأولى من الخبر.", "سطر قصير\nالجملة الثانية من الخبر.")
    (folder / "BB-middleEast-1-20180701.txt").write_text(short_first, encoding="utf-8")
    (folder / "BB-middleEast-2-20180301.txt").write_text(RECORD, encoding="utf-8")
    (item,) = evaluation.load_bbc(tmp_path, "dev")
    assert item.sentences == ["سطر قصير", "الجملة الثانية من الخبر."]  # a short first line is not a headline
    assert item.title == item.article.title.ar == "عنوان & خبر" and item.article.title_from_headline
    assert item.references == ["ملخص الخبر."] and item.date == "20180701"
    assert [i.date for i in evaluation.load_bbc(tmp_path, "train")] == ["20180301"]


def test_the_oracle_and_the_word_budget():
    evaluation = load_script("eval_summary")
    item = evaluation.Item("a", "", None, BEETHOVEN, [BEETHOVEN[1]], 1)
    assert evaluation.oracle(item, 1) == [1]
    assert evaluation.oracle(item, 2)[0:2] == [0, 1] or 1 in evaluation.oracle(item, 2)
    budget = len(BEETHOVEN[1].split())
    text = evaluation.summary_text(item, evaluation.lead, "words")
    assert text.split() == " ".join(BEETHOVEN).split()[:budget]


@pytest.mark.parametrize("texts", [
    BEETHOVEN,
    ["الأمم المتحدة تحذر من مجاعة في اليمن", "تحذير أممي من مجاعة وشيكة في اليمن",
     "مجاعة تهدد ملايين اليمنيين بحسب الأمم المتحدة", "ماذا يعني ذلك لسكان المدينة؟"],
    ["«لن نتراجع»", "اجتماع التحالف ضد داعش في واشنطن", "واشنطن تستضيف اجتماع التحالف ضد داعش"],
])
def test_unordered_scores_rate_the_texts_by_their_words_alone(texts):
    """``ordered=False`` (a topic's titles): the place features weigh nothing, so the order changes nothing."""
    assert set(salience.PLACE_FEATURES) <= set(salience.FEATURES)
    unordered = salience.scores(texts, ordered=False)
    assert salience.scores(texts[::-1], ordered=False) == pytest.approx(unordered[::-1], abs=1e-12)
    assert unordered == salience.scores(texts, model=without(salience.UNTITLED, *salience.PLACE_FEATURES))
    assert salience.scores(texts)[0] > unordered[0]  # in order, the first is the lead


@pytest.mark.parametrize("kind, expected", [
    ("precision", [None, 1.0, 2 / 7]),  # the share of the sentence the abstract holds
    ("f1", [None, 1.0, 2 * (2 / 7) * (2 / 12) / (2 / 7 + 2 / 12)]),  # ROUGE-1 F1: the abstract's 12 words count too
])
def test_the_variants_labels(fitting, kind, expected):
    item = fitting.Item("BB-1", "", None, BEETHOVEN, [BEETHOVEN[1]], 1)
    found = fitting.labels(item, kind)
    assert found[1:] == pytest.approx(expected[1:]) and found[0] < 0.1


@pytest.mark.parametrize("drop, weights, cues", [
    ((), set(salience.FEATURES), {"وقال", "الوزير"}),
    (("words", "log_words", "long", "short"), set(salience.FEATURES) - {"words", "log_words", "long", "short"},
     {"وقال", "الوزير"}),
    (("cues",), set(salience.FEATURES), set()),
])
def test_a_variant_leaves_features_out(fitting, monkeypatch, drop, weights, cues):
    """``fit_salience.py --variants``: the same fit without some features (``cues``: no cue words)."""
    monkeypatch.setattr(fitting, "MIN_CUE", 1)
    data = rows(fitting, [[0.1, 0.6, 0.2], [0.5, 0.1, 0.0], [0.0, 0.2, 0.7]] * 10)
    model = fitting.fit(data, c=1.0, drop=drop)
    assert set(model.weights) == weights and set(model.cues) == cues
    assert (model.cues.get("وقال", 0.0) > 0.5) == bool(cues)


def test_mean_is_statistics_mean_to_the_bit():
    import random
    import statistics

    rng = random.Random(23)
    for _ in range(2000):
        values = [rng.choice([rng.random() * 12, rng.expovariate(0.3), 1 / rng.randint(1, 9), 0.0])
                  for _ in range(rng.randint(1, 40))]
        assert salience.mean(values) == statistics.mean(values), values
    assert salience.mean([0.1, 0.2, 0.3]) == statistics.mean([0.1, 0.2, 0.3]) != sum([0.1, 0.2, 0.3]) / 3
    with pytest.raises(ValueError):
        salience.mean([])
