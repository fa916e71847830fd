"""Topics over events (issue 22): the pair models, the topic clustering, the two-level daily brief,
and the ANT-day scores of ``scripts/eval_stories.py --ant``."""

import json
from collections import defaultdict

import pytest
from helpers import PROVENANCE, ROOT, dense_mean_linkage, examples, load_script, sample_briefed
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.briefs import json as json_format
from summarize.briefs import markdown
from summarize.briefs.html import render_daily_html
from summarize.stories import Link, build_stories, clustering, linking, model, topics
from summarize.stories.story import topic_importance

SHARED = ROOT.parent / "shared"
ANT_DAY = SHARED / "data" / "ant" / "days" / "2018-04-10"
eval_stories = load_script("eval_stories")


def test_the_shipped_models_read_back_with_every_feature_and_a_cut():
    models = model.models()
    assert set(models) == {"event", "event_untimed", "topic"}
    for level, m in models.items():
        assert set(m.weights) == set(model.LEVEL_FEATURES[level]) and 0 < m.cut < 1
    assert models["topic"].cut < models["event"].cut  # topics are the looser level
    assert models["event_untimed"].cut == models["event"].cut  # one linkage runs over both
    x = dict.fromkeys(model.FEATURES, 0.0)
    assert models["event"].probability(x | {"cosine": 0.6, "lead_cosine": 0.6, "lead_cross": 0.6}) > \
        models["event"].probability(x)


def test_outlet_and_time_come_from_the_reader_else_an_ant_docno():
    [article] = sample_articles()[:1]
    assert model.outlet(article) == "" and model.published(article) is None
    article.stem = "SK-middleEast-12-20180410"
    assert model.outlet(article) == "SK" and model.published(article) is not None
    article.outlet, article.published = "Sky News Arabia", "2018-04-10T06:00:00+00:00"
    assert model.outlet(article) == "Sky News Arabia"
    assert model.published(article) == pytest.approx(17631.25)


def sample_articles():
    from helpers import CORPUS

    from summarize.pipeline import prepare_article
    return [prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))]


@st.composite
def scored_graphs(draw):
    n = draw(st.integers(1, 9))
    pairs = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
                         max_size=25))
    # sixty-fourths: exact sums, so no tie is broken differently by rounding
    scores = {p: draw(st.integers(1, 64)) / 64 for p in sorted(pairs)}
    apart = {p for p in sorted(pairs) if draw(st.integers(0, 5)) == 0}
    return n, scores, apart


@settings(max_examples=examples(300), deadline=None)
@given(scored_graphs(), st.sampled_from([0.0, None]), st.sampled_from([0.2, 0.5]))
def test_merge_by_mean_is_average_linkage_done_the_slow_way(graph, missing, cut):
    n, scores, apart = graph
    means = sorted(set(scores.values()))
    if any(abs(x - cut) < 1e-9 for x in means):
        return
    owner = clustering.merge_by_mean(n, scores, cut, apart, missing=missing)
    groups = defaultdict(list)
    for i, g in enumerate(owner):
        groups[g].append(i)
    got = sorted(sorted(g) for g in groups.values())
    # ties between equal means may merge in another order; the partition must still respect the cut
    # and the pairs kept apart, and equal the slow one where no two means tie
    assert all(not ((i, j) in apart and owner[i] == owner[j]) for i, j in scores)
    expected = dense_mean_linkage(n, scores, cut, apart, missing)
    if len(means) == len(scores):
        assert got == expected


def test_topics_merge_only_from_events_and_never_across_other_times():
    # 0-1 one event; 2 the same topic; 3 of another time (a conflict) though close
    scores = {(0, 1): 0.9, (0, 2): 0.5, (1, 2): 0.5, (2, 3): 0.9}
    events = clustering.merge_by_mean(4, {(0, 1): 0.9}, 0.45)
    owner = clustering.merge_by_mean(4, scores, 0.15, {(2, 3)}, owner=events)
    assert owner[0] == owner[1] == owner[2] != owner[3]


def two_level(sample_translator):
    """The sample's stories with the second and third put in one topic, as a day with a topic of two
    events gives them."""
    articles = sample_briefed(sample_translator)
    stories = build_stories(articles)
    assert [s.topic for s in stories] == ["topic-1", "topic-2", "topic-3"]  # the sample: three times
    stories[2].topic = "topic-2"
    return articles, stories


def test_a_topic_of_several_stories_shows_them_under_it_in_every_format(sample_translator):
    articles, stories = two_level(sample_translator)
    assert [[s.id for s in t.stories] for t in topics(stories)] == [["story-1"], ["story-2", "story-3"]]
    text = markdown.render_daily("2026-11-22", stories, articles, [], PROVENANCE)
    assert "5 articles briefed in 3 stories on 2 topics" in text
    assert "## Today's topics" in text and "\n## 2. " in text
    assert "\n### 2.1. " in text and "\n### 2.2. " in text and "\n## 3." not in text
    assert text.index("## Today's topics") < text.index("## 1. ")
    page = render_daily_html("2026-11-22", stories, articles, [], PROVENANCE)
    assert page.count('<section class="topic"') == 1 and 'id="topic-2"' in page
    assert '<h3 id="story-2">2.1.' in page and '<h3 id="story-3">2.2.' in page
    assert page.count('<ul class="overview">') == 1
    data = json.loads(json_format.dumps(json_format.daily_json("2026-11-22", stories, articles, [], PROVENANCE)))
    assert [(t["id"], t["stories"]) for t in data["topics"]] == [("topic-1", ["story-1"]),
                                                                 ("topic-2", ["story-2", "story-3"])]
    assert [s["topic"] for s in data["stories"]] == ["topic-1", "topic-2", "topic-2"]
    assert data["topics"][1]["title"] == data["stories"][1]["title"]  # its lead story's headline
    assert all(t["outlets"] == [] for t in data["topics"])  # the sample's files name no outlet


def test_topics_rank_by_distinct_outlets_before_size(sample_translator):
    articles = sample_briefed(sample_translator)
    by_stem = {a.stem[:3]: a for a in articles}
    by_stem["003"].outlet = "BBC"  # the one-article story is the only one with an outlet
    stories = build_stories(articles)
    assert [len(s.articles) for s in stories] == [1, 2, 2]
    assert stories[0].topic == "topic-1" and stories[0].id == "story-1"


def _topic_of(outlets: list[str], events: list[int]) -> list:
    """A topic whose events hold ``events`` articles each, the articles' outlets dealt from ``outlets``
    in turn (by their ANT DOCNO, as the reader gives them)."""
    from summarize.stories import Story

    stories, n = [], 0
    for size in events:
        members = []
        for _ in range(size):
            stem = f"{outlets[n % len(outlets)]}-internationalNews-{n}-20180423"
            members.append(eval_stories.article(stem, ["عنوان", "نص"], True))
            n += 1
        stories.append(Story("", members, [], [], [], []))
    return stories


# Topics as the brief groups them, or as labelled, from the labelled days (outlets, event sizes), the
# one the brief must put first on the left
TOPIC_RANKS = [
    # 2018-04-23 as grouped: the Yemen war (5 events in 14) over Toronto, which the grouping cuts in 7
    (("AL", "BB", "FR", "SK"), [10, 1, 1, 1, 1], ("BB", "CN", "FR", "SK"), [4, 3, 1, 1, 1, 1, 1]),
    # 2018-03-13 as labelled: five outlets each, 5 events in 10 over 3 in 11
    (("AL", "BB", "CN", "FR", "SK"), [2, 2, 2, 2, 2], ("AL", "BB", "CN", "FR", "SK"), [5, 5, 1]),
    # distinct outlets first: 2018-03-20's Skripal (five outlets, 6 articles) over a Yemen war of 16
    (("AL", "BB", "CN", "FR", "SK"), [3, 2, 1], ("AL", "BB", "FR", "SK"), [4, 2, 2, 2, 2, 1, 1, 1, 1]),
]


@pytest.mark.parametrize("first, first_events, second, second_events", TOPIC_RANKS,
                         ids=["2018-04-23-grouped", "2018-03-13-labelled", "2018-03-20-outlets"])
def test_topics_rank_by_outlets_then_events_and_articles_together(first, first_events, second, second_events):
    one, other = _topic_of(list(first), first_events), _topic_of(list(second), second_events)
    assert topic_importance(one) < topic_importance(other)


def test_bcubed_and_pairwise_scores():
    gold = ["a", "a", "b", "b", "c"]
    assert eval_stories.bcubed(gold, gold)["f1"] == 100.0
    assert eval_stories.pairwise(["x", "y", "z", "u", "v"], gold) == {"p": 100.0, "r": 0.0, "f1": 0.0}
    one = eval_stories.bcubed(["x"] * 5, gold)
    assert one["r"] == 100.0 and one["p"] == pytest.approx(100 * (2 / 5 * 4 + 1 / 5) / 5, abs=0.05)


@pytest.mark.skipif(not ANT_DAY.is_dir(), reason=f"needs the labelled ANT day in {ANT_DAY}")
def test_the_labelled_ant_day_scores_what_the_docs_say():
    r = eval_stories.evaluate_ant(SHARED)
    assert r["articles"] == 128
    assert r["labellings"]["event"]["a_vs_b"]["bcubed"]["f1"] == 98.6
    assert r["product"]["event"]["mean_bcubed_f1"] >= 91.5  # the event model with the encoder: 92.1
    assert r["product"]["topic"]["mean_bcubed_f1"] >= 92.5  # the topic model fitted on five days: 92.7 (93.8 before 2026-12-07's refits)
    assert r["top_story"]["a"]["first"] and r["top_story"]["b"]["first"]
    assert [r["top_five"][who]["within"] for who in "ab"] == [4, 4]  # the fourth by the rule is the brief's sixth


# Our labelled days (scripts/ant_days/): articles, and events / topics (B-cubed F1, mean of both labellings)
# a little under what docs/stories.md gives for them; whether the brief's first topic holds the labelled
# topic first by the issue's rule, in both labellings (2018-03-16's Yemen war is spread over six); how many
# of the day's first five topics by that rule the brief ranks in its first five (the fewer of the two)
LABELLED_DAYS = [
    ("2018-03-20", 119, 95.5, 89.0, True, 5),  # 96.0 / 89.7 (88.4 before the refit of 2026-12-07)
    ("2018-02-25", 89, 94.0, 98.5, True, 4),  # 94.6 / 98.7
    ("2018-04-14", 103, 82.0, 96.5, True, 5),  # 82.3 / 96.7: one story is 80 of 103 articles
    ("2018-04-08", 111, 95.0, 92.5, True, 5),  # 95.8 / 92.8
    ("2018-03-13", 125, 91.5, 95.5, True, 4),  # 92.1 / 95.9
    ("2018-03-16", 114, 93.0, 90.5, False, 4),  # 93.6 / 90.7: held out to the end
    ("2018-04-20", 106, 94.5, 95.0, True, 4),  # 94.7 / 95.2: held out to the end
    ("2018-04-27", 92, 89.0, 88.5, True, 3),  # 89.6 / 89.0: held out to the end
    ("2018-03-19", 117, 94.5, 90.0, True, 4),  # 95.3 / 90.3: held out, labelled last
    ("2018-04-23", 104, 91.5, 89.5, True, 4),  # 92.0 / 90.1 (90.5 between two fixes of reading and the refit): held out, labelled last
    ("2018-03-26", 96, 91.0, 90.5, True, 3),  # 91.6 / 90.8: held out, labelled on 2026-12-07
    ("2018-04-03", 88, 91.5, 85.5, True, 4),  # 92.0 / 85.8: held out, labelled on 2026-12-07 (its Yemen war in three)
    ("2018-04-05", 104, 97.0, 91.5, False, 5),  # 97.6 / 91.9: held out, labelled last (its Yemen war in three topics)
    ("2018-04-11", 108, 92.0, 87.5, True, 5),  # 92.5 / 88.0 (89.0 scored once; 88.0 after 2026-12-07's refits): held out, labelled on 2026-12-07 (Trump: "missiles are coming")
    ("2018-03-01", 86, 95.5, 94.5, True, 3),  # 95.8 / 94.9: held out, labelled in stop 40 (Putin's new weapons; the Yemen war the largest)
    ("2018-03-10", 91, 94.0, 89.5, True, 3),  # 94.6 / 89.9: held out, labelled in stop 40 (Ghouta; the Trump-Kim summit first by the rule)
    ("2018-04-29", 102, 96.0, 90.0, True, 4),  # 96.2 / 90.4: held out, labelled in stop 40 (four outlets; the Iran deal and Pompeo's tour)
    ("2018-02-27", 89, 95.5, 88.5, True, 4),  # 95.7 / 88.7: held out, labelled in stop 41 (four outlets; Ghouta's daily pause)
    ("2018-03-12", 117, 93.0, 86.0, True, 3),  # 93.4 / 86.2: held out, labelled in stop 41 (Skripal; air crashes joined)
    ("2018-04-16", 91, 94.0, 86.5, True, 3),  # 94.5 / 87.1: held out, labelled in stop 41 (the strikes' aftermath in six)
    ("2018-03-21", 100, 93.5, 90.0, True, 5),  # 93.8 / 90.2: held out, labelled in stop 41 (Skripal first; the Yemen war in three)
    ("2018-04-18", 92, 94.0, 92.0, True, 5),  # 94.1 / 92.2: held out, labelled in stop 41 (four outlets; the labellings identical)
    ("2018-03-14", 102, 89.0, 95.5, True, 5),  # 89.5 / 96.0: held out, labelled in stop 42 (Skripal's expulsions; Hawking's death one event)
    ("2018-04-12", 102, 92.0, 85.5, True, 3),  # 92.2 / 86.0: held out, labelled in stop 42 (Skripal's OPCW report in the Douma topic)
    ("2018-02-20", 80, 95.5, 90.0, False, 5),  # 95.9 / 90.6: held out, labelled in stop 43 (the Yemen war in four; Abbas's previews apart from his speech)
    ("2018-03-07", 78, 92.5, 92.0, True, 4),  # 92.7 / 92.2: held out, labelled in stop 43 (four outlets; the crown prince in London the largest)
    ("2018-03-29", 86, 95.5, 88.5, True, 4),  # 95.7 / 88.6: held out, labelled later in stop 43 (Skripal's expulsions; the Yemen war in four)
    ("2018-03-30", 74, 91.5, 86.0, True, 5),  # 91.9 / 86.2: held out, labelled with 2018-03-29 (Land Day in Gaza; the Yemen war in four)
]


@pytest.mark.skipif(not (SHARED / "data" / "ant").is_dir(), reason="needs the ANT corpus in ../shared/data/ant")
@pytest.mark.parametrize("day, articles, events, topics, top_first, head", LABELLED_DAYS)
def test_our_labelled_days_score_what_the_docs_say(day, articles, events, topics, top_first, head):
    r = eval_stories.evaluate_ant(SHARED, ROOT / "scripts" / "ant_days" / day)
    assert r["articles"] == articles
    assert r["product"]["event"]["mean_bcubed_f1"] >= events
    assert r["product"]["topic"]["mean_bcubed_f1"] >= topics
    assert [r["top_story"][who]["by_rule"]["first"] for who in "ab"] == [top_first] * 2
    assert min(r["top_five"][who]["within"] for who in "ab") >= head  # of the day's first five, in the brief's


def test_a_pair_without_both_outlets_and_times_is_scored_by_the_untimed_event_model():
    """NTREX and the sample have no outlets or times: their pairs are scored by ``event_untimed`` (the
    event model fitted on six ANT days leans on the times and would split the sample's 002-004)."""
    sure, never = model.Model({}, 10.0, 0.45), model.Model({}, -10.0, 0.45)
    models = {"event": sure, "event_untimed": never, "topic": never}
    links = {pair: Link("a", "b", 0.2, [], [], [], False) for pair in ((0, 1), (0, 2))}
    linking.score_links(links, {(0, 1): {"timed": 1.0}, (0, 2): {"timed": 0.0}}, models)
    assert links[(0, 1)].linked and links[(0, 1)].probability > 0.99
    assert not links[(0, 2)].linked and links[(0, 2)].probability < 0.01


# Titles of the labelled days (2018-04-14, 2018-04-10) and who or what each is about (folded, as
# ``words`` gives them): the words before a colon, else the first content word
TITLE_HEADS = [
    ("ماتيس: الهجوم على سوريا \"ضربة واحدة فقط\"", {"ماتيس"}),
    ("موسكو: 100 صاروخ لم تسقط قتيلا واحدا في سوريا", {"موسكو"}),
    ("البنتاغون: دفاعات النظام السوري فشلت بإسقاط أي صاروخ", {"البنتاغون"}),
    ("ترامب يعتبر مداهمة مكتب محاميه الشخصي \"عارا\"", {"ترامب"}),
    ("مصادر لـ CNN: تصويت لمجلس الأمن حول مزاعم هجوم كيماوي", {"مصادر", "CNN"}),
    ("", set()),
]


@pytest.mark.parametrize("title, head", TITLE_HEADS, ids=["mattis", "moscow", "pentagon", "trump", "sources", "none"])
def test_a_titles_head_is_its_speaker_else_its_first_word(title, head):
    from summarize.language.vocabulary import words

    assert model.title_head(title) == frozenset(w for h in head for w in words(h))


def test_two_titles_of_one_speaker_share_their_head_across_outlets():
    # 2018-04-14: Sky News Arabia and CNN Arabic report Mattis's briefing; a third title is Moscow's
    mattis_sky, mattis_cnn = ("ماتيس: الهجوم على سوريا \"ضربة واحدة فقط\"",
                              "ماتيس: استهدفنا ما سيؤذي الكيماوي السوري بضعف أسلحة العام الماضي")
    moscow = "موسكو: 100 صاروخ لم تسقط قتيلا واحدا في سوريا"
    heads = [model.title_head(t) for t in (mattis_sky, mattis_cnn, moscow)]
    assert heads[0] & heads[1] and not heads[0] & heads[2]
    assert "same_head" in model.LEVEL_FEATURES["event"]
    assert "same_head" not in model.LEVEL_FEATURES["event_untimed"] and "same_head" not in model.LEVEL_FEATURES["topic"]
    assert model.models()["event"].weights["same_head"] > 0


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def test_a_labelled_day_reads_from_the_shared_file_or_from_two_labellings(tmp_path):
    shared = [{"id": "x1", "file": "docs/a/x1.txt", "event_a": "E1", "topic_a": "T1", "event_b": "E9", "topic_b": "T3"},
              {"id": "x2", "file": "docs/a/x2.txt", "event_a": "E2", "topic_a": "T1", "event_b": "E8", "topic_b": "T3"}]
    one = tmp_path / "one"
    one.mkdir()
    _write_jsonl(one / "stories.jsonl", shared)
    assert eval_stories.read_labels(one) == shared
    two = tmp_path / "two"
    two.mkdir()
    _write_jsonl(two / "labels-a.jsonl", [{"id": r["id"], "file": r["file"], "event": r["event_a"],
                                           "topic": r["topic_a"]} for r in shared])
    # the second labelling in another order: joined by id, in the first's order
    _write_jsonl(two / "labels-b.jsonl", [{"id": r["id"], "file": r["file"], "event": r["event_b"],
                                           "topic": r["topic_b"]} for r in reversed(shared)])
    assert eval_stories.read_labels(two) == shared
    _write_jsonl(two / "labels-b.jsonl", [{"id": "x1", "file": "docs/a/x1.txt", "event": "E9", "topic": "T3"}])
    with pytest.raises(ValueError, match="x2"):
        eval_stories.read_labels(two)
    with pytest.raises(FileNotFoundError):
        eval_stories.read_labels(tmp_path)


def test_top_story_first_is_judged_by_the_brief_topic_holding_most_of_the_largest_labelled_one():
    labels = [{"topic_a": t, "topic_b": t} for t in ["T1", "T1", "T1", "T2"]]
    assert eval_stories.top_story(labels, ["t1", "t1", "t2", "t2"], ["t1", "t2"])["a"]["first"]
    result = eval_stories.top_story(labels, ["t1", "t2", "t2", "t1"], ["t1", "t2"])["b"]
    assert not result["first"] and result["rank"] == 2 and result["held"] == 2 and result["spread_over"] == 2


def test_top_story_by_the_rule_is_the_labelled_topic_of_the_most_outlets_then_events_not_the_largest():
    """T1: three articles of one outlet; T2: two articles of two outlets.  The brief ranks T2's topic
    first: the largest labelled topic is not first, the one first by the issue's rule is."""
    rows = [("T1", "E1"), ("T1", "E1"), ("T1", "E2"), ("T2", "E3"), ("T2", "E3")]
    labels = [{"topic_a": t, "topic_b": t, "event_a": e, "event_b": e} for t, e in rows]
    result = eval_stories.top_story(labels, ["t1", "t1", "t1", "t2", "t2"], ["t2", "t1"],
                                    ["BBC", "BBC", "BBC", "BBC", "CNN"])["a"]
    assert not result["first"] and result["topic"] == "T1"
    assert result["by_rule"]["first"] and result["by_rule"]["topic"] == "T2"
    assert (result["by_rule"]["outlets"], result["by_rule"]["events"]) == (2, 1)
    # at two outlets each, more events first
    tied = eval_stories.top_story(labels, ["t1", "t1", "t1", "t2", "t2"], ["t2", "t1"],
                                  ["BBC", "CNN", "BBC", "BBC", "CNN"])["b"]["by_rule"]
    assert tied["topic"] == "T1" and not tied["first"] and tied["events"] == 2


def test_the_head_of_the_brief_counts_the_day_s_first_topics_by_the_rule_within_its_first_ranks():
    """Three labelled topics by the rule: T3 (three outlets), T2 (two), T1 (one, three articles).  The
    brief splits T3 over its topics 2 and 3 (most of it in 3) and puts T1 first: at k = 2 the day's
    first two are T3 and T2, ranked 3 and 2 by the brief, so one is within its first two."""
    rows = [("T1", "E1", "BBC"), ("T1", "E1", "BBC"), ("T1", "E2", "BBC"), ("T2", "E3", "BBC"), ("T2", "E3", "CNN"),
            ("T3", "E4", "BBC"), ("T3", "E4", "CNN"), ("T3", "E5", "SKY")]
    labels = [{"topic_a": t, "topic_b": t, "event_a": e, "event_b": e} for t, e, _ in rows]
    brief = ["t1", "t1", "t1", "t2", "t2", "t3", "t3", "t2b"]
    result = eval_stories.top_five(labels, brief, ["t1", "t2", "t3", "t2b"], [o for *_, o in rows], k=2)["a"]
    assert result == {"topics": ["T3", "T2"], "ranks": [3, 2], "within": 1, "of": 2}
    assert eval_stories.top_five(labels, brief, ["t3", "t2", "t1", "t2b"], [o for *_, o in rows], k=2)["b"]["within"] == 2


def test_the_days_together_are_the_mean_of_their_figures_and_the_sum_of_their_heads():
    def day(event, topic, first, within, pr=((90.0, 90.0), (90.0, 90.0))):
        """``pr``: the topics' B-cubed (precision, recall) against labellings a and b (the events' 90 / 90)."""
        return {"product": {"event": {"mean_bcubed_f1": event, **{w: {"bcubed": {"p": 90.0, "r": 90.0}} for w in "ab"}},
                            "topic": {"mean_bcubed_f1": topic,
                                      **{w: {"bcubed": {"p": p, "r": r}} for w, (p, r) in zip("ab", pr)}}},
                "top_story": {w: {"by_rule": {"first": f}} for w, f in zip("ab", first)},
                "top_five": {w: {"within": k, "of": 5} for w, k in zip("ab", within)}}
    # 2018-02-20 and 2018-03-07 as scored in stop 43 (their precision and recall made up)
    together = eval_stories.summary([day(95.9, 90.6, (False, False), (5, 5), ((96.0, 86.0), (97.0, 85.0))),
                                     day(92.7, 92.2, (True, True), (5, 4), ((95.0, 88.0), (96.0, 90.0)))])
    assert together == {"days": 2, "event": 94.3, "topic": 91.4, "event_pr": (90.0, 90.0), "topic_pr": (96.0, 87.2),
                        "top_story_first": 1, "head_within": 19, "head_of": 20}
    # a day whose labellings differ on the first topic is not counted first
    assert eval_stories.summary([day(90.0, 90.0, (True, False), (5, 5))])["top_story_first"] == 0
    assert ("over 2 days: events 94.30, topics 91.40 (the days' mean; B-cubed precision / recall 90.0 / 90.0 and"
            " 96.0 / 87.2)") in eval_stories.report_summary(together)


def test_groups_merge_by_their_centroids_only_where_a_pair_joins_them_and_none_is_apart():
    # 0 and 1 share "a" and "b"; 2 and 3 (one group) "a" and "c"; 4 alone uses "d"
    vectors = [{"a": 0.8, "b": 0.6}, {"a": 0.6, "b": 0.8}, {"a": 0.8, "c": 0.6}, {"a": 0.8, "c": 0.6}, {"d": 1.0}]
    pairs = [(0, 1), (1, 2), (2, 3), (3, 4)]
    owner = clustering.merge_by_centroid([0, 1, 2, 2, 4], vectors, pairs, 0.5)
    # 1 and {2, 3}: cosine 0.48, under the cut; once 0 and 1 are one (0.96), 0.57: all four; 4 shares no word
    assert owner[0] == owner[1] == owner[2] == owner[3] != owner[4]
    assert len(set(clustering.merge_by_centroid([0, 1, 2, 2, 4], vectors, pairs, 0.5, apart=[(0, 3)]))) == 3
    assert clustering.merge_by_centroid([0, 1, 2, 2, 4], vectors, [(3, 4)], 0.5) == [0, 1, 2, 2, 4]  # no pair: not compared


def test_the_rare_topic_vector_keeps_a_story_s_places_not_the_countries_many_stories_share():
    from summarize.stories.features import profile, unit_cosine, vectors
    texts = [["غارة على الغوطة الشرقية في سوريا", "قتلى في الغوطة الشرقية قرب دمشق في سوريا"],
             ["القوات التركية في عفرين شمال سوريا", "نزوح من عفرين في سوريا بعد دخول القوات التركية"],
             ["سكان عفرين يغادرون المدينة", "تركيا تغلق مداخل عفرين بوجه سكانها"]]
    ghouta, afrin, afrin2 = profiles = [profile(eval_stories.article(f"x{i}", lines, True))
                                        for i, lines in enumerate(texts)]
    vectors(profiles)
    assert unit_cosine(ghouta.topic_vector, afrin.topic_vector) > 0  # سوريا: every Syrian story's
    assert unit_cosine(ghouta.rare_topic_vector, afrin.rare_topic_vector) == 0
    assert unit_cosine(afrin.rare_topic_vector, afrin2.rare_topic_vector) > 0.3  # عفرين


def test_the_centroid_cut_is_read_from_the_model_table(tmp_path):
    shipped = model.MODEL.read_text(encoding="utf-8")
    path = tmp_path / "m.tsv"
    path.write_text("\n".join(line for line in shipped.splitlines() if "\tcentroid\t" not in line) + "\n",
                    encoding="utf-8")
    assert model.models(path)["topic"].centroid is None  # linking.TOPIC_CENTROID
    cut = tmp_path / "cut.tsv"  # another path: models() remembers each one
    cut.write_text(path.read_text(encoding="utf-8") + "topic\tcentroid\t0.4\n", encoding="utf-8")
    assert model.models(cut)["topic"].centroid == 0.4


def test_a_pair_is_timed_when_both_outlets_and_times_are_known():
    from summarize.stories.features import profile, vectors

    articles = sample_articles()[:2]  # 000 and 001: the same event, plain texts
    profiles = [profile(a) for a in articles]
    _, features = linking.compare(profiles, vectors(profiles))
    assert [model.timed(x) for x in features.values()] == [False]
    articles[0].stem, articles[1].stem = "SK-middleEast-12-20180410", "BB-middleEast-3-20180410"
    profiles = [profile(a) for a in articles]
    _, features = linking.compare(profiles, vectors(profiles))
    assert [model.timed(x) for x in features.values()] == [True]


def test_a_stray_pair_of_other_times_does_not_hold_two_big_topics_apart():
    """2018-04-14 (ANT): one history piece (the chemical attacks since 2013) is of other times than one
    report of the strikes, and that one pair of 135 compared had kept 9 reports of the strikes out of
    their topic. Topics are held apart when more than ``TOPIC_APART_SHARE`` of the pairs compared
    across them are of other times; events by any one."""
    scores = {(i, j): 0.5 for i in range(4) for j in range(4, 8)}  # 16 pairs compared across
    groups = [0, 0, 0, 0, 4, 4, 4, 4]
    one = {(0, 4)}
    assert len(set(clustering.merge_by_mean(8, scores, 0.2, one, owner=groups))) == 2
    assert len(set(clustering.merge_by_mean(8, scores, 0.2, one, owner=groups,
                                            apart_share=linking.TOPIC_APART_SHARE))) == 1
    most = {(i, 4) for i in range(4)}  # a quarter of the pairs: two times, two topics
    assert len(set(clustering.merge_by_mean(8, scores, 0.2, most, owner=groups,
                                            apart_share=linking.TOPIC_APART_SHARE))) == 2
    vectors = [{"strike": 1.0}] * 8
    pairs = list(scores)
    assert len(set(clustering.merge_by_centroid(groups, vectors, pairs, 0.5, one))) == 2
    assert len(set(clustering.merge_by_centroid(groups, vectors, pairs, 0.5, one,
                                                linking.TOPIC_APART_SHARE))) == 1
