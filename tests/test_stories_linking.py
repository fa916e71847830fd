"""The candidate search that keeps story grouping near-linear: what it finds, what bounds it, and that
grouping over candidates gives the stories comparing every pair gives.

The time each takes is scripts/bench_scale.py's job, not a test's.
"""

import itertools
import math
from collections import Counter
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT, dense_mean_linkage, examples, load_script
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.document import Article, Section, Sentence, Text
from summarize.pipeline import prepare_article
from summarize.stories import Link, candidates, conflicts, linking, model
from summarize.stories.features import profile, unit_cosine, vectors

SHARED = ROOT.parent / "shared"
NTREX = SHARED / "data" / "ntrex" / "docs"
eval_stories = load_script("eval_stories")


def make(stem: str, *lines: str) -> Article:
    sentences = [Sentence(ar=line, id=f"s{i}") for i, line in enumerate(lines[1:], 1)]
    return Article(stem=stem, source=Path(f"{stem}.txt"), title=Text(lines[0]), sections=[Section(None, sentences)])


def profiled(articles):
    profiles = [profile(a) for a in articles]
    return profiles, vectors(profiles)


def dense_linkage(n: int, links: dict, cut: float = linking.AVERAGE_LINK) -> list[list[int]]:
    """Average linkage the slow way (``helpers.dense_mean_linkage``): a pair the model scored counts its
    strength though not linked, a pair not compared counts 0, never across a conflict that holds."""
    strength = {pair: l.strength for pair, l in links.items()
                if not l.vetoed and (l.linked or l.probability is not None)}
    return dense_mean_linkage(n, strength, cut, {pair for pair, l in links.items() if l.vetoed}, 0.0)


def every_pair_groups(articles):
    """The grouping as it was before candidates: every pair above the floor compared and scored by the
    event model, then ``dense_linkage`` at the model's cut."""
    profiles, df = profiled(articles)
    scores = {}
    for i, j in itertools.combinations(range(len(profiles)), 2):
        s = unit_cosine(profiles[i].vector, profiles[j].vector)
        if s >= linking.LINK_WITH_EVIDENCE:
            scores[(i, j)] = s
    links, features = linking.compare(profiles, df, scores)
    linking.score_links(links, features)
    cut = model.models()["event"].cut
    return sorted(sorted(articles[i].stem for i in m) for m in dense_linkage(len(articles), links, cut))


def stems(groups):
    return sorted(sorted(a.stem for a in g) for g in groups)


def ntrex_articles():
    return [eval_stories.article(stem, lines, True) for stem, lines in eval_stories.ntrex(SHARED)]


needs_ntrex = pytest.mark.skipif(not NTREX.is_dir(), reason=f"needs the NTREX documents in {NTREX}")


def test_sample_corpus_candidates_are_every_pair_sharing_a_rare_word_and_group_as_every_pair_does():
    articles = [prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))]
    profiles, df = profiled(articles)
    found = candidates.candidates(profiles, df)
    common = linking.background()
    rare = [{w for w in p.vector if common.get(w, 0.0) < candidates.INDEX_RARE} for p in profiles]
    # five articles: no cap binds, so a pair is a candidate exactly when it shares a rare word
    assert found == {(i, j) for i, j in itertools.combinations(range(5), 2) if rare[i] & rare[j]}
    assert stems(linking.group(articles)[0]) == every_pair_groups(articles)


@needs_ntrex
def test_every_same_event_pair_the_old_search_compared_is_a_candidate():
    articles = ntrex_articles()
    profiles, df = profiled(articles)
    found = candidates.candidates(profiles, df)
    index = {a.stem[:3]: i for i, a in enumerate(articles)}
    same, _ = eval_stories.events()
    compared = 0
    for pair in same:
        i, j = sorted(index[n] for n in pair)
        if unit_cosine(profiles[i].vector, profiles[j].vector) >= linking.LINK_WITH_EVIDENCE:
            compared += 1
            assert (i, j) in found, (articles[i].stem, articles[j].stem)
    assert compared >= 40  # all 47 today; a pair sharing too little was never compared, then or now


@needs_ntrex
def test_ntrex_and_its_halves_group_as_comparing_every_pair_does():
    whole = ntrex_articles()
    assert stems(linking.group(whole)[0]) == every_pair_groups(whole)
    halves = []
    for a in whole[:60]:
        lines = [a.title.ar] + [s.ar for s in a.sentences]
        cut = 1 + (len(lines) - 1) // 2
        halves += [make(a.stem + "#1", *lines[:cut]), make(a.stem + "#2", "", *lines[cut:])]
    assert stems(linking.group(halves)[0]) == every_pair_groups(halves)


LETTERS = "ثجحخدذرزسشصضطظعغقمن"  # none a clitic, none changed by folding


def crowd(n: int, shared_words: list[str]) -> list[Article]:
    """``n`` articles that all use ``shared_words`` (invented, so rare) and four words each of its own."""
    own = [["ذ" + LETTERS[k % 19] + LETTERS[k // 19 % 19] + LETTERS[m] for m in range(4)] for k in range(n)]
    return [make(f"c{k:03d}", " ".join(shared_words[:3] + own[k][:1]),
                 " ".join(shared_words + own[k]) + ".", " ".join(reversed(shared_words)) + ".") for k in range(n)]


def degrees(pairs) -> Counter:
    found = Counter()
    for i, j in pairs:
        found[i] += 1
        found[j] += 1
    return found


WORDS = ["زنجفيل", "قرطاجنه", "سمرقندي", "طشقندي", "بلنسيه", "اشبيلي"]


def test_candidates_per_article_are_bounded_however_alike_the_day_is():
    n = candidates.POSTINGS  # as many as a word may index: every article shares all six words with all others
    profiles, df = profiled(crowd(n, WORDS))
    assert all(df[w] == 1 for p in profiles for w in p.vector if w.startswith("ذ"))  # own words are own
    found = candidates.candidates(profiles, df)
    assert all(i < j for i, j in found)
    assert len(found) <= n * candidates.CANDIDATES  # of the 4,950 pairs
    per_article = degrees(found)
    assert max(per_article.values()) <= 2 * candidates.CANDIDATES
    assert min(per_article[i] for i in range(n)) >= candidates.CANDIDATES // 2  # and each still finds several


def test_a_word_more_articles_use_than_postings_allows_finds_no_candidates():
    profiles, df = profiled(crowd(candidates.POSTINGS + 1, WORDS))
    assert candidates.candidates(profiles, df) == set()
    profiles, df = profiled(crowd(12, WORDS))
    assert len(candidates.candidates(profiles, df)) == 12 * 11 // 2  # the same words in a small day: every pair


def test_an_article_many_others_pick_keeps_only_its_strongest():
    n = 3 * candidates.CANDIDATES  # spokes, each sharing two words with the hub and nothing else
    spokes = [["ذ" + LETTERS[k % 19] + LETTERS[k // 19 % 19] + LETTERS[m] for m in range(2)] for k in range(n)]
    hub = make("hub", "عنوان", ". ".join(" ".join(w) for w in spokes) + ".")
    articles = [hub] + [make(f"s{k:03d}", "عنوان", " ".join(w) + ".", " ".join(w) + ".")
                        for k, w in enumerate(spokes)]
    profiles, df = profiled(articles)
    found = candidates.candidates(profiles, df)
    assert degrees(found)[0] == 2 * candidates.CANDIDATES  # every spoke picked the hub; it keeps 40
    assert found <= {(0, k) for k in range(1, n + 1)}


@st.composite
def link_graphs(draw):
    """A sparse graph of compared pairs: each linked (similarity a multiple of 1/64, so sums are exact),
    conflicting or neither."""
    n = draw(st.integers(2, 14))
    pairs = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
                         max_size=40))
    links = {}
    for i, j in sorted(pairs):
        kind = draw(st.sampled_from(["linked", "linked", "conflict", "neither"]))
        similarity = draw(st.integers(1, 40)) / 64
        links[(i, j)] = Link(str(i), str(j), similarity, [], [], ["differ"] if kind == "conflict" else [],
                             kind == "linked")
    return n, links


@settings(max_examples=examples(400), deadline=None)
@given(link_graphs())
def test_sparse_average_linkage_is_the_dense_one(graph):
    n, links = graph
    owner = linking.average_linkage(n, links)
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(owner):
        groups.setdefault(g, []).append(i)
    strengths = [l.strength for l in links.values() if l.linked]
    if len(set(strengths)) == len(strengths):  # equal strengths may merge in another order
        assert sorted(groups.values()) == dense_linkage(n, links)
    # whatever the order: no group holds a conflict, and no two groups could still merge
    assert not any(link.conflicts and owner[i] == owner[j] for (i, j), link in links.items())
    counted = {p: l.strength for p, l in links.items() if not l.conflicts and (l.linked or l.probability is not None)}
    for a in groups:
        for b in groups:
            across = [(min(x, y), max(x, y)) for x in groups[a] for y in groups[b]]
            if a < b and not any(links[p].conflicts for p in across if p in links):
                assert sum(counted.get(p, 0.0) for p in across) / len(across) < linking.AVERAGE_LINK
    joined = [pair for pair, link in links.items() if link.joined]
    assert len(joined) == n - len(groups)  # a tree per story: the links that joined it
    assert all(owner[i] == owner[j] for i, j in joined)
    for (i, j), link in links.items():
        assert not link.kept_apart or (link.linked and owner[i] != owner[j])
        if link.linked and owner[i] != owner[j]:
            assert link.kept_apart  # a linked pair left in two stories says why


def test_a_pair_refused_at_first_and_joined_later_through_others_says_nothing_of_refusal():
    def linked(i, j, sixty_fourths):
        return Link(str(i), str(j), sixty_fourths / 64, [], [], [], True)
    weights = {(2, 3): 39, (3, 5): 18, (1, 4): 12, (1, 5): 11, (0, 1): 7, (0, 2): 7}
    links = {pair: linked(*pair, w) for pair, w in weights.items()}
    # {2,3,5} and {1,4} form; 1-5 alone gives them a mean of 11/64 over 6 pairs, under 0.03: not yet;
    # 0 joins {1,4}; 0-2 and 1-5 then give 18/64 over 9 pairs, 0.031: all six are one story
    owner = linking.average_linkage(6, links)
    assert len(set(owner)) == 1
    assert links[(1, 5)].kept_apart == "" and links[(1, 5)].reason.startswith("same event")
    assert links[(1, 5)].joined and not links[(0, 2)].joined  # the strongest links that hold the story: a tree
    links[(0, 2)] = linked(0, 2, 6)  # 17/64 over 9 pairs, 0.0295: two stories, and 0-2 and 1-5 say why
    owner = linking.average_linkage(6, links)
    assert len(set(owner)) == 2
    # both say the mean across the two stories as they ended
    assert links[(1, 5)].reason == "separate: mean link 0.0295 across their stories, below 0.03"
    assert links[(0, 2)].reason == "separate: mean link 0.0295 across their stories, below 0.03"


def test_a_pair_the_model_scored_under_the_cut_still_counts_its_probability():
    def scored(i, j, p, cut=0.35):
        return Link(str(i), str(j), 0.1, [], [], [], p >= cut, probability=p, weight=p)
    links = {(0, 1): scored(0, 1, 0.9), (1, 2): scored(1, 2, 0.5), (0, 2): scored(0, 2, 0.3)}
    # 2 joins {0, 1} on (0.5 + 0.3) / 2 = 0.4; counting the 0.3 as nothing would give 0.25
    assert len(set(linking.average_linkage(3, links, 0.35))) == 1
    links[(0, 2)] = Link("0", "2", 0.1, [], [], [], False)  # not scored: counts nothing
    assert len(set(linking.average_linkage(3, links, 0.35))) == 2


def test_no_story_holds_a_conflicting_pair_however_strong_the_rest():
    links = {(0, 1): Link("0", "1", 0.9, [], [], [], True), (1, 2): Link("1", "2", 0.5, [], [], [], True),
             (0, 2): Link("0", "2", 0.5, [], [], ["event years [2016] vs [2018]"], False)}
    owner = linking.average_linkage(3, links)
    assert owner[0] == owner[1] != owner[2]
    assert links[(1, 2)].reason == "separate: joining their stories would put 0 with 2 (event years [2016] vs [2018])"


def test_a_pair_the_model_is_sure_of_is_one_story_over_a_conflict_the_rules_read():
    """2018-03-13 (ANT): France24 and SkyNews on Ahmadinejad's former deputy jailed; one lead gives the
    years of his offices, the other the year of the case, and the rules read 'event years' apart. The
    model, sure of the pair (``SURE``), is not overruled by a misreading; an unsure one still is."""
    def pair(probability: float) -> dict:
        link = Link("fr", "sk", 0.6, [], [], ["event years [2015] vs [2005, 2013]"], False, rules=False)
        features = {(0, 1): {}}
        sure = model.Model({}, math.log(probability / (1 - probability)), 0.45)
        linking.score_links({(0, 1): link}, features, {"event": sure, "topic": sure})
        return {(0, 1): link}

    sure, unsure = pair(0.97), pair(0.6)
    assert linking.average_linkage(2, sure) == [0, 0]
    assert sure[(0, 1)].linked and sure[(0, 1)].reason.startswith("same event: probability 0.97")
    assert "over a conflict the rules read: event years [2015] vs [2005, 2013]" in sure[(0, 1)].reason
    assert linking.average_linkage(2, unsure) == [0, 1]
    assert unsure[(0, 1)].reason == "separate: event years [2015] vs [2005, 2013]"


# 2018-04-10 (ANT), two reports of the UN vote on Syria: France24 names the Russian ambassador, SkyNews
# "the defence secretary took a similar decision", whose holder the rules read as «قرارا مماثلا».
UN_VOTE_FR = make("fr", "روسيا تستخدم حق النقض ضد مشروع واشنطن بشأن الأسلحة الكيميائية في سوريا",
                  "وقال السفير الروسي لدى الأمم المتحدة فاسيلي نيبنزيا \"غير صحيح القول إن طلباتنا قد أخذت بعين "
                  "الاعتبار\" خلال المفاوضات حول النص.")
UN_VOTE_SK = make("sk", "كيماوي سوريا.. فشل في مجلس الأمن والعالم يتأهب لقرار ترامب",
                  "وأعلن البيت الأبيض إلغاء ترامب، زيارته إلى أميركا اللاتينية \"للإشراف على الرد الأميركي على "
                  "سوريا\"، قبل أن يتخذ وزير الدفاع قرارا مماثلا، حسب ما أوردت قناة \"فوكس نيوز\" الأميركية.")


@pytest.mark.parametrize("conflict, joins", [
    # an absence: no sign of another event, so the model's 0.35 counts and the third joins the first two
    (None, True),
    # a sign of another time still holds the pair, and so the groups, apart
    ("event years [2016] vs [2018]", False),
])
def test_no_official_in_common_holds_no_scored_pair_apart(conflict, joins):
    if conflict is None:
        [conflict] = conflicts.conflicts(profile(UN_VOTE_FR), profile(UN_VOTE_SK))
        assert conflict.startswith("no official in common") and conflicts.absence_only([conflict])
    probabilities = {(0, 1): 0.92, (0, 2): 0.6, (1, 2): 0.35}  # the UN vote's, read off the day
    links = {}
    for (i, j), p in probabilities.items():
        found = [conflict] if (i, j) == (1, 2) else []
        links[(i, j)] = Link(str(i), str(j), 0.3, [], [], found, False, rules=False)
        sure = model.Model({}, math.log(p / (1 - p)), 0.45)
        linking.score_links({(i, j): links[(i, j)]}, {(i, j): {}}, {"event": sure, "topic": sure})
    # (0.6 + 0.35) / 2 = 0.475 reaches the cut 0.45 where the 0.35 counts
    owner = linking.average_linkage(3, links, 0.45)
    assert (owner == [0, 0, 0]) is joins
    assert links[(1, 2)].vetoed is not joins


# Real leads (ANT) whose event years differ: (first, second, of other times).  Two reports of 2018
# naming only other years a year apart tell one background two ways, and may share a topic; a year of
# their own, or years further apart, still date them apart.  As events their years still conflict.
IRAN_DEAL_BB = ("BB-middleEast-317-20180409", "روحاني: الولايات المتحدة ستندم إن انسحبت من الاتفاق النووي",
                "قال الرئيس الإيراني، حسن روحاني، إن الرئيس الأمريكي، دونالد ترامب سيندم على قراره إذا قرر الانسحاب "
                "من الاتفاق النووي، الذي وقعته إيران وست من دول العالم الكبرى في 2015 ، وتوعد برد \"أقوى مما يتخيل\" ترامب.")
IRAN_DEAL_CN = ("CN-middleEast-698-20180422", "جواد ظريف: قد نتخذ \"إجراءات صارمة\" إذا انسحبت أمريكا من الاتفاق النووي",
                "حذر وزير الخارجية الإيراني، جواد ظريف، من انسحاب أمريكا من الاتفاق النووي الذي أبرمته عام 2016 مع "
                "بلاده بمشاركة خمس دول أخرى، معتبرا أن هذه الخطوة ستمس ثقة دول العالم بواشنطن كشريك في أي اتفاقيات قادمة.")
ABDESLAM_BB = ("BB-internationalNews-386-20180423", "صلاح عبد السلام.. محكمة بلجيكية تقضي بسجن المشتبه به في هجمات باريس",
               "قضت محكمة بلجيكية بسجن، صالح عبد السلام، المشتبه به في هجمات باريس عام 2015، عشرين عاما، في قضية "
               "إطلاق النار التي أدت إلى اعتقاله داخل بلجيكا.")
ABDESLAM_SK = ("SK-internationalNews-1106-20180423", "السجن 20 عاما لصلاح عبد السلام بعد إدانته \"بالقتل الإرهابي\"",
               "حكم القضاء البلجيكي، الاثنين، على الفرنسي صلاح عبد السلام وشريكه التونسي سفيان عياري بالسجن 20 عاما، "
               "لإطلاقهما نار على شرطيين في منطقة العاصمة بروكسل في 15 مارس 2016.")
EMERGENCY_FR = ("FR-middleEast-297-20180414", "مصر: مقتل ثمانية جنود في هجوم بسيناء والسيسي يمدد حالة الطوارىء ثلاثة أشهر",
                "مدد السيسي لثلاثة أشهر إضافية حالة الطوارئ في أنحاء مصر والتي فرضت بعد هجومين استهدفا كنيستين في "
                "نيسان/أبريل 2017، حسبما نشر السبت في الجريدة الرسمية.")
EMERGENCY_SK = ("SK-middleEast-1032-20180414", "مصر تمدد حالة الطوارئ 3 أشهر",
                "وذكرت الجريدة الرسمية: \"تعلن حالة الطوارئ في جميع أنحاء البلاد لمدة 3 أشهر اعتبارا من صباح السبت "
                "الموافق 14 أبريل عام 2018\".")
BAGHAEI_FR = ("FR-middleEast-148-20180313", "إيداع نائب الرئيس الإيراني السابق أحمدي نجاد السجن بعد إدانته بالفساد",
              "حكم على حميد بقائي (48 عاما) وهو نائب الرئيس الإيراني السابق محمود أحمدي نجاد الثلاثاء، بالسجن 15 "
              "عاما بعد إدانته في قضايا فساد، بحسب ما أعلنت وسائل إعلام إيرانية. وفي 2015 سجن بقائي سبعة أشهر لأسباب غير معروفة.")
BAGHAEI_SK = ("SK-internationalNews-325-20180313", "سجن نائب الرئيس الإيراني السابق لإدانته بالفساد",
              "أودع حميد بقائي، نائب الرئيس الإيراني السابق محمود أحمدي نجاد، السجن الثلاثاء، تنفيذا لحكم بسجنه 15 "
              "عاما لإدانته بقضايا فساد، بحسب وسائل إعلام إيرانية. وكان حميد بقائي، البالغ من العمر 48 عاما، نائبا "
              "للرئيس المحافظ أحمدي نجاد الذي تولى الرئاسة لولايتين بين عامي 2005 و2013.")


@pytest.mark.parametrize("first, second, apart", [
    (IRAN_DEAL_BB, IRAN_DEAL_CN, False),  # the deal "of 2015" and "concluded in 2016": one deal
    (ABDESLAM_BB, ABDESLAM_SK, False),  # the Paris attacks of 2015, the shooting of 2016: one sentence
    (EMERGENCY_FR, EMERGENCY_SK, True),  # 2018 is the reports' own year
    (BAGHAEI_FR, BAGHAEI_SK, True),  # 2015 and 2005-2013: two years apart
], ids=["iran-deal", "abdeslam", "own-year", "two-apart"])
def test_years_a_year_apart_that_neither_report_of_that_year_names_as_its_own_are_one_background(first, second, apart):
    p, q = profile(make(*first)), profile(make(*second))
    assert p.years and q.years and not p.years & q.years
    assert any(c.startswith("event years") for c in conflicts.conflicts(p, q))
    assert conflicts.other_times(p, q) is apart
    # without a publication time (a folder of plain texts, the sample) every year still dates a report
    undated = profile(make("a", *first[1:])), profile(make("b", *second[1:]))
    assert any(c.startswith("event years") for c in conflicts.conflicts(*undated))
    assert conflicts.other_times(*undated)
