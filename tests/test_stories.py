"""Story grouping, story summaries, figures compared and the story-view daily brief.

Golden file: ``UPDATE_GOLDEN=1 python -m pytest tests/test_stories.py`` and review the diff.
"""

import json
import os
from pathlib import Path

from scripted import ScriptedTranslator
from summarize import daily, render
from summarize.document import Article, Section, Sentence, Text
from summarize.pipeline import prepare_article
from summarize.stories import build_stories, fold, group
from summarize.summary import summarize
from summarize.translation import translate_articles
from summarize.verify import verify_articles
from test_render import NBEST, PROVENANCE, SCRIPT

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus"
GOLDEN = HERE / "golden"


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
    assert any("event years" in c or "تيلرسون" in c for c in by_pair[("a", "c")].conflicts)


def test_spelling_variants_fold_to_one_form():
    assert fold("ماكوريك") == fold("ماكورك") == fold("ماكجورك")
    assert fold("بريت") == fold("برت")
    assert fold("الأميركي") == fold("الأمريكي")
    assert fold("سورية") == fold("سوريا")
    assert fold("وإسطنبول") == fold("اسطنبول")


def test_different_counts_for_the_same_thing_are_a_discrepancy():
    [story] = [s for s in build_stories([MEETING_2016, MEETING_2016_REWORDED, MEETING_2017])
               if len(s.articles) == 2]
    [countries] = [d for d in story.discrepancies if d[0].noun == "دولة"]
    assert sorted((f.article, f.value) for f in countries) == [("a", 30), ("b", 40)]
    agreed = {(g[0].kind, g[0].value) for g in story.agreements}
    assert ("year", 2016) in agreed and ("date", 20) in agreed


def sample():
    articles = [prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))]
    translator = ScriptedTranslator(SCRIPT, NBEST)
    translate_articles(articles, translator, progress=False)
    verify_articles(articles, translator)
    for a in articles:
        summarize(a)
        a.source = Path("corpus") / a.source.name
    return articles


def test_sample_corpus_groups_by_event():
    groups, _ = group([prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))])
    assert sorted(sorted(a.stem[:3] for a in g) for g in groups) == [["000", "001"], ["002", "004"], ["003"]]


def test_story_view_daily_brief_golden():
    articles = sample()
    stories = build_stories(articles)
    assert [len(s.articles) for s in stories] == [2, 2, 1]
    failures = [("005_empty.txt", "corpus/005_empty.txt: the file is empty")]
    text = daily.render_daily("2026-11-22", stories, articles, failures, PROVENANCE)
    path = GOLDEN / "daily-stories.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), "daily-stories.md differs from its golden file"
    data = daily.daily_json("2026-11-22", stories, articles, failures, PROVENANCE)
    assert json.loads(render.dumps(data)) == data
    assert data["stories"][0]["summary"][0]["article"] == stories[0].lead.stem
    assert all(story["reasons"] for story in data["stories"])
