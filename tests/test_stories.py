"""Story grouping, story summaries, figures compared and the story-view daily brief.

Golden file: ``UPDATE_GOLDEN=1 python -m pytest tests/test_stories.py`` and review the diff.
"""

import json
from pathlib import Path

import pytest
from helpers import CORPUS, PROVENANCE, sample_briefed

from summarize.briefs import json as json_format
from summarize.briefs import markdown
from summarize.document import Article, Section, Sentence, Text
from summarize.language.arabic import fold
from summarize.pipeline import prepare_article
from summarize.stories import RARE, background, build_stories, group
from summarize.stories import story as story_module
from summarize.stories.story import Story, Topic, story_summary


def make(stem: str, *lines: str) -> Article:
    sentences = [Sentence(ar=line, id=f"s{i}") for i, line in enumerate(lines[1:], 1)]
    return Article(stem=stem, source=Path(f"{stem}.txt"), title=Text(lines[0]),
                   sections=[Section(None, sentences)])


FILLER = ("وتتواصل المعارك في محيط المدينة منذ أسابيع.", "ويقول سكان إن الأسواق مغلقة والكهرباء مقطوعة.")
MEETING_2016 = make(
    "a", "اجتماع التحالف في واشنطن",
    "يجتمع وزراء خارجية 30 دولة في واشنطن في 20 يوليو 2016 لبحث الحرب على داعش.",
    "وسيستضيف وزير الخارجية الأمريكي جون كيري الاجتماع مع نظرائه.", *FILLER)
MEETING_2016_REWORDED = make(
    "b", "واشنطن تستضيف التحالف",
    "تستضيف العاصمة الأميركية في 20 يوليو 2016 اجتماعا لدول التحالف يضم 40 دولة ضد التنظيم.",
    "ويترأس وزير الخارجية الأميركي جون كيري المحادثات حول الموصل.", *FILLER)
MEETING_2017 = make(
    "c", "اجتماع التحالف في واشنطن",
    "يجتمع وزراء خارجية 68 دولة في واشنطن في 22 مارس 2017 لبحث الحرب على داعش.",
    "وسيستضيف وزير الخارجية الأمريكي ريكس تيلرسون الاجتماع مع نظرائه.", *FILLER)


def stems(groups):
    return sorted(sorted(a.stem for a in g) for g in groups)


def test_same_event_in_other_words_merges_and_another_year_stays_apart():
    groups, links = group([MEETING_2016, MEETING_2016_REWORDED, MEETING_2017])
    assert stems(groups) == [["a", "b"], ["c"]]
    by_pair = {(l.a, l.b): l for l in links}
    assert by_pair[("a", "b")].linked
    assert by_pair[("a", "c")].conflicts == [  # each of the three tells the 2017 meeting apart
        "event years [2016] vs [2017]", "event months [7] vs [3]", "وزير خارجيه امريكي: جون كيري vs تيلرسون ريكس"]


def test_different_counts_for_the_same_thing_are_a_discrepancy():
    [story] = [s for s in build_stories([MEETING_2016, MEETING_2016_REWORDED, MEETING_2017])
               if len(s.articles) == 2]
    [countries] = [d for d in story.discrepancies if d[0].noun == "دولة"]
    assert sorted((f.article, f.value) for f in countries) == [("a", 30), ("b", 40)]
    agreed = {(g[0].kind, g[0].value) for g in story.agreements}
    assert ("year", 2016) in agreed and ("date", 20) in agreed


def test_sample_corpus_groups_by_event():
    groups, _ = group([prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))])
    assert sorted(sorted(a.stem[:3] for a in g) for g in groups) == [["000", "001"], ["002", "004"], ["003"]]


def test_story_view_daily_brief_golden(sample_translator, check_golden):
    articles = sample_briefed(sample_translator)
    stories = build_stories(articles)
    assert [len(s.articles) for s in stories] == [2, 2, 1]
    failures = [("005_empty.txt", "corpus/005_empty.txt: the file is empty")]
    text = markdown.render_daily("2026-11-22", stories, articles, failures, PROVENANCE)
    check_golden("daily-stories.md", text)
    data = json_format.daily_json("2026-11-22", stories, articles, failures, PROVENANCE)
    assert json.loads(json_format.dumps(data)) == data
    assert data["stories"][0]["summary"][0]["article"] == stories[0].lead.stem
    assert all(story["reasons"] for story in data["stories"])


ARREST_2016 = make(
    "p1", "اعتقال تراك بالين بتهمة العنف الأسري",
    "تراك بالين، البالغ من العمر 26 عامًا، اعتقل في واسيلا بولاية ألاسكا بتهمة العنف الأسري.",
    "وقالت والدته سارة بالين إن ابنها يعاني من اضطراب ما بعد الصدمة بعد خدمته في العراق.", *FILLER)
ARREST_2018 = make(
    "p2", "القبض على ابن سارة بالين بتهمة العنف الأسري",
    "تراك بالين، البالغ من العمر 29 عامًا، اعتقل في واسيلا بولاية ألاسكا بتهمة العنف الأسري.",
    "وكانت والدته سارة بالين مرشحة لمنصب نائب الرئيس وحاكمة سابقة لولاية ألاسكا.", *FILLER)


def test_one_person_at_two_ages_is_two_events():
    groups, links = group([ARREST_2016, ARREST_2018])
    assert stems(groups) == [["p1"], ["p2"]]
    [link] = links
    assert any("26 vs 29" in c for c in link.conflicts), link.conflicts


def test_the_same_age_in_both_does_not_separate():
    same_age = make("p3", *[line.replace("29", "26") for line in
                            [ARREST_2018.title.ar] + [s.ar for s in ARREST_2018.sentences]])
    groups, _ = group([ARREST_2016, same_age])
    assert stems(groups) == [["p1", "p3"]]


BUDGET = make(
    "g1", "البرلمان يقر الموازنة",
    "أقر البرلمان اليوم الموازنة العامة للدولة بعد نقاش طويل بين الحكومة والنواب حول الضرائب.",
    "وقال وزير المالية إن الحكومة ستعمل على خفض العجز وزيادة الإنفاق على التعليم والصحة.",
    "وأضاف أن القرار يأتي في إطار خطة الإصلاح الاقتصادي التي أعلنتها الحكومة العام الماضي.",
    "وتتضمن الموازنة زيادة في رواتب المعلمين والأطباء وتخفيضا في دعم الوقود والكهرباء.",
    "واعترض نواب المعارضة على ضريبة المبيعات الجديدة وطالبوا بإعادة النظر في بنود الدين العام.")
ELECTIONS = make(
    "g2", "الحكومة تحدد موعد الانتخابات البلدية",
    "أعلنت الحكومة اليوم موعد الانتخابات البلدية بعد اجتماع مع لجنة الانتخابات والأحزاب.",
    "وقال وزير الداخلية إن الحكومة ستعمل على تأمين مراكز الاقتراع في جميع المحافظات.",
    "وأضاف أن القرار يأتي في إطار خطة الإصلاح السياسي التي أعلنتها الحكومة العام الماضي.",
    "ويتنافس في الانتخابات آلاف المرشحين على مقاعد المجالس المحلية في المدن والقرى.",
    "ودعت منظمات المجتمع المدني إلى مراقبة عمليات فرز الأصوات وضمان نزاهة الاقتراع.")


def test_common_words_two_articles_share_do_not_make_one_story():
    # In a batch of two every shared word is "used by only these two"; the background says
    # الحكومة, وزير, القرار, خطة, الإصلاح are everyday words, not what marks one event.
    groups, links = group([BUDGET, ELECTIONS])
    assert stems(groups) == [["g1"], ["g2"]], links[0].reason


def test_background_knows_everyday_words_and_not_names():
    common = background()
    assert common[fold("قال")] > 0.1 and common[fold("الحكومة")] > 0.1
    assert common.get(fold("تيلرسون"), 0.0) < RARE and common.get(fold("ماكغورك"), 0.0) < RARE


def test_daily_json_reasons_are_the_joining_links_and_the_nearest_miss(sample_translator):
    articles = sample_briefed(sample_translator)
    stories = build_stories(articles)
    data = json_format.daily_json("2026-11-22", stories, articles, [], PROVENANCE)
    for story, entry in zip(stories, data["stories"]):
        members = set(entry["articles"])
        joined, apart = entry["reasons"]["joined"], entry["reasons"]["nearest_apart"]
        assert len(joined) == len(members) - 1  # what joined them, not every pair compared
        assert all(set(link["articles"]) <= members and link["linked"] for link in joined)
        assert apart is not None and len(set(apart["articles"]) & members) == 1
        assert apart["reason"].startswith("separate: ")
        # the strongest link any member has to an article outside the story
        outside = [link for link in group(articles)[1]
                   if len({link.a, link.b} & members) == 1]
        assert apart["similarity"] == round(max(l.similarity for l in outside), 3)
    by_members = {frozenset(e["articles"]): e["reasons"] for e in data["stories"]}
    pair = by_members[frozenset(a.stem for a in articles if a.stem[:3] in ("000", "001"))]
    assert [sorted(s[:3] for s in link["articles"]) for link in pair["joined"]] == [["000", "001"]]
    # the nearest miss is held apart by the office's two holders (Tillerson, Kerry), not by "no official
    # in common", which holds no scored pair apart (``conflicts.absence_only``)
    assert pair["nearest_apart"]["reason"].startswith("separate: joining their stories would put")
    assert "تيلرسون ريكس vs جون كيري" in pair["nearest_apart"]["reason"]


KERRY_72 = make("k1", *[MEETING_2016.title.ar] + [s.ar for s in MEETING_2016.sentences]
                + ["وقال جون كيري، البالغ من العمر 72 عامًا، إن الاجتماع سيبحث تحرير الموصل."])
KERRY_75 = make("k3", *[MEETING_2016_REWORDED.title.ar] + [s.ar for s in MEETING_2016_REWORDED.sentences]
                + ["وقال جون كيري، البالغ من العمر 75 عامًا، إن المحادثات ستتناول الموصل."])


def test_a_linked_pair_kept_apart_by_a_conflict_in_the_other_story_says_so():
    reworded = make("k2", *[MEETING_2016_REWORDED.title.ar] + [s.ar for s in MEETING_2016_REWORDED.sentences])
    groups, links = group([KERRY_72, reworded, KERRY_75])
    assert stems(groups) == [["k1"], ["k2", "k3"]]  # k2 and k3 first (near copies); k1 then meets k3's age
    by_pair = {(l.a, l.b): l for l in links}
    assert by_pair[("k2", "k3")].joined and not by_pair[("k1", "k2")].joined
    kept = by_pair[("k1", "k2")]
    assert kept.linked and not kept.conflicts  # the pair alone is one event ...
    assert kept.reason == ("separate: joining their stories would put k1 with k3 (ages of كيري: 72 vs 75)")
    [lone] = [s for s in build_stories([KERRY_72, reworded, KERRY_75]) if len(s.articles) == 1]
    assert lone.links == [] and lone.nearest_apart.reason.startswith("separate: ")


def test_grouping_reads_again_only_the_arabic_the_number_check_did_not(brief_of, monkeypatch):
    """The number check keeps the quantities it read (``Text.quantities``); the profiles made from
    them are the profiles made by reading every sentence again."""
    from summarize.numbers import extract_arabic
    from summarize.stories import features

    articles = [brief_of(stem) for stem in ("000", "001", "002", "003", "004")]
    reads = []
    monkeypatch.setattr(features, "extract_arabic", lambda text: reads.append(text) or extract_arabic(text))
    kept = [features.profile(a) for a in articles]
    unread = [u.ar for a in articles for u in [a.title, *a.sentences] if u.quantities is None]
    assert sorted(reads) == sorted(t for t in unread if features.may_have_number(t))
    first = len(reads)
    for article in articles:
        for unit in article.units:
            unit.quantities = None
    reads.clear()
    again = [features.profile(a) for a in articles]
    assert len(reads) > 30 and first < len(reads) / 4  # (41 and 0 when this was written)
    assert [(p.figures, p.years, p.months, p.all_years, p.ages) for p in kept] == \
        [(p.figures, p.years, p.months, p.all_years, p.ages) for p in again]
    assert sum(len(p.figures) for p in kept) > 10


def test_conflicting_ages_are_said_in_the_same_order_whatever_the_hash_seed():
    """Two articles giving several people other ages: the reasons name them in one order, so the
    daily JSON of a run is the same in every process (a set of names came out in hash order)."""
    from summarize.stories.features import profile
    from summarize.stories.linking import conflicts

    names = ["بالين", "كيري", "ليزلي", "تيلرسون", "ماتيس", "كارتر"]

    def ages(stem, age):
        return make(stem, "اعتقال في ألاسكا", *[f"وقال {n}، البالغ من العمر {age + k} عامًا، إنه بريء." for k, n in
                                              enumerate(names)])
    said = [c.split(":")[0] for c in conflicts(profile(ages("x", 20)), profile(ages("y", 40)))]
    assert len(said) == len(names) and said == sorted(said)


# --- one model for all (issue 24 item 2): the story summary and a topic's headline by the salience model

def headlined(stem: str, title: str, *lines: str, from_headline: bool = True) -> Article:
    article = make(stem, title, *(lines or FILLER))
    article.title_from_headline = from_headline
    return article


def topic_of(*titles: str | tuple[str, bool]) -> Topic:
    """A topic of one story whose articles have these titles (``(title, False)``: made from the lead)."""
    articles = [headlined(f"t{i}", *(t if isinstance(t, tuple) else (t, True))[:1],
                          from_headline=t[1] if isinstance(t, tuple) else True) for i, t in enumerate(titles)]
    return Topic("topic-1", [Story("story-1", articles, [], [], [], [])])


YEMEN = ("الأمم المتحدة تحذر من مجاعة في اليمن", "تحذير أممي من مجاعة وشيكة في اليمن",
         "مجاعة تهدد ملايين اليمنيين بحسب الأمم المتحدة")
COALITION = ("وزراء التحالف يجتمعون في واشنطن لبحث الحرب على داعش", "اجتماع التحالف ضد داعش في واشنطن",
             "واشنطن تستضيف اجتماع التحالف ضد داعش")


@pytest.mark.parametrize("titles, expected", [
    # the lead article's title is a question off the subject: the central title, whose words the others share
    (("ماذا يعني ذلك لسكان المدينة؟", *YEMEN), YEMEN[0]),
    (("«لن نتراجع»", *COALITION), COALITION[1]),  # a quotation for a title
    ((YEMEN[1],), YEMEN[1]),  # one article: its title
    ((YEMEN[2], YEMEN[2]), YEMEN[2]),  # copies: one candidate
    # a title made from the lead is a sentence, not a headline: left out while a headline is there
    (((YEMEN[0], False), ("ماذا يعني ذلك لسكان المدينة؟", True)), "ماذا يعني ذلك لسكان المدينة؟"),
    (((COALITION[1], False), (COALITION[0], False)), COALITION[1]),  # no headline at all: every title
])
def test_a_topics_headline_is_its_most_central_title_by_the_salience_model(titles, expected):
    topic = topic_of(*titles)
    assert topic.headline.ar == expected
    assert topic.headline is next(a.title_unit for a in topic.articles if a.title_unit.ar == expected)


def test_a_topics_headline_does_not_depend_on_the_order_but_for_ties():
    forward, backward = topic_of(*YEMEN), topic_of(*reversed(YEMEN))
    assert forward.headline.ar == backward.headline.ar == YEMEN[0]
    copies = topic_of(YEMEN[1], YEMEN[1] + " ")  # one text: the first article's title
    assert copies.headline is copies.articles[0].title_unit


LEAD = ("وصل وزراء خارجية التحالف إلى واشنطن مساء الثلاثاء لحضور الاجتماع.",
        "ويبحث الوزراء خطة جديدة للحرب على تنظيم داعش في العراق وسوريا.",
        "وكان التحالف قد شن آلاف الغارات على مواقع التنظيم منذ عام 2014.")
OTHER = ("أعلنت وزارة الخارجية الأمريكية أن الاجتماع سيبحث مستقبل الموصل بعد استعادتها.",
         "وقال متحدث باسم الوزارة إن المحادثات ستستمر يومين في العاصمة الأمريكية.",
         "ويشارك في الاجتماع ممثلون عن 68 دولة ومنظمة دولية.")


@pytest.mark.parametrize("scores, length, expected", [
    # the relevance is the article summary's salience, not the sentence's position: a later sentence rated
    # higher is picked first among the rest
    ({"a": [0.5, 0.1, 0.4], "b": [0.2, 0.1, 0.3]}, 3, [("a", "s1"), ("a", "s3"), ("b", "s3")]),
    # the lead article's most salient sentence comes first, whatever its place
    ({"a": [0.2, 0.6, 0.1], "b": [0.3, 0.1, 0.1]}, 2, [("a", "s2"), ("b", "s1")]),
    # the same rating weighs less in the article ranked second (1 / (1 + RANK_WEIGHT))
    ({"a": [0.5, 0.3, 0.1], "b": [0.35, 0.1, 0.1]}, 2, [("a", "s1"), ("a", "s2")]),
    ({"a": [0.5, 0.3, 0.1], "b": [0.7, 0.1, 0.1]}, 2, [("a", "s1"), ("b", "s1")]),
])
def test_the_story_summary_picks_by_the_salience_of_the_article_summary(monkeypatch, scores, length, expected):
    a, b = headlined("a", COALITION[0], *LEAD), headlined("b", COALITION[1], *OTHER)
    monkeypatch.setattr(story_module, "sentence_scores",
                        lambda article: {s.id: v for s, v in zip(article.sentences, scores[article.stem])})
    picked = story_module.story_summary([a, b], length)
    assert [(stem, s.id) for stem, s in picked] == expected


def test_the_story_summary_uses_the_fitted_salience():
    from summarize.summary.select import sentence_scores
    a, b = headlined("a", COALITION[0], *LEAD), headlined("b", COALITION[1], *OTHER)
    picked = story_summary([a, b], 3)
    lead_scores = sentence_scores(a)
    assert picked[0] == ("a", max(a.sentences, key=lambda s: lead_scores[s.id]))
    assert len(picked) == 3 and len({id(s) for _, s in picked}) == 3
    # a sentence that repeats a chosen one (a copy in the second article) is not taken
    copy = headlined("c", COALITION[2], LEAD[0], *OTHER[1:])
    assert all(s.ar != LEAD[0] for stem, s in story_summary([a, copy], 3) if stem == "c")


def test_a_topics_headline_is_chosen_among_its_lead_storys_titles():
    """A side story's titles (the second event of the topic) do not stand for the topic."""
    coalition, yemen = topic_of(*COALITION).lead, topic_of(*YEMEN).lead
    assert Topic("topic-1", [coalition, yemen]).headline.ar in COALITION
    assert Topic("topic-1", [yemen, coalition]).headline.ar in YEMEN
    # and a story is titled as its topic titles it: a topic of one event shows as that event
    assert Topic("topic-1", [coalition, yemen]).headline is coalition.headline
    yemen_topic = topic_of(*YEMEN)
    assert yemen_topic.lead.headline is yemen_topic.headline


@pytest.mark.parametrize("sentence, holders", [
    # 2018-04-14 (ANT, France24 and BBC on the strikes on Syria): the words after the office name nobody
    ("وقال المتحدث باسم وزارة الخارجية الإيرانية على حسابه على تطبيق \"تلغرام\" السبت إن واشنطن مسؤولة.", {}),
    ("كما أكد الأمين العام للأمم المتحدة على ضرورة احترام دور مجلس الأمن في مثل هذه الحالات.", {}),
    # ... and they do (the sample corpus's 000 and 003)
    ("وقال وزير الخارجية الأمريكي ريكس تيلرسون إن الاجتماع سيبحث الحرب.", {"وزير خارجيه امريكي": {"ريكس", "تيلرسون"}}),
    ("وقال الأمين العام للأمم المتحدة أنطونيو غوتيريس إن أي استخدام لأسلحة كيميائية رهيب.",
     {"الامين عام للامم متحده": {"انطونيو", "غوتيريس"}}),
])
def test_an_office_is_held_only_by_words_rare_enough_to_be_a_name(sentence, holders):
    """A holder's words hold a rare one: a common noun after an office ('the need', 'his account') is no
    other holder, which had kept a day's reactions apart from the strikes they react to."""
    from summarize.stories.features import profile
    assert profile(make("o", "عنوان", sentence)).offices == holders


def test_the_day_an_office_changes_hands_is_one_time_not_two():
    """2018-03-13 (ANT): Tillerson's farewell and the profile of the new Secretary of State name two
    holders of one office; each names the other, so they are one story of one day (the Tillerson topic
    was in five pieces); a text of another time that names only its own holder is still another time."""
    from summarize.stories.features import profile
    from summarize.stories.linking import other_times

    farewell = profile(make("f", "تيلرسون يودع موظفي الخارجية",
                            "وقال وزير الخارجية الأمريكي ريكس تيلرسون إنه سيضمن انتقالا سلسا للسلطة إلى مايك بومبيو."))
    successor = profile(make("s", "بومبيو من المخابرات إلى الخارجية",
                             "وسيصبح وزير الخارجية الأمريكي مايك بومبيو أول مدير للمخابرات يتولى المنصب خلفا لريكس تيلرسون."))
    before = profile(make("b", "تيلرسون في أنقرة",
                          "وصل وزير الخارجية الأمريكي ريكس تيلرسون إلى أنقرة في زيارة تستمر يومين."))
    later = profile(make("l", "بومبيو في بيونغ يانغ",
                         "وصل وزير الخارجية الأمريكي مايك بومبيو إلى بيونغ يانغ في زيارة تستمر يومين."))
    assert not other_times(farewell, successor)
    assert other_times(before, later)
