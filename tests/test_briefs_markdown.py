"""Rendered briefs against golden files.

A scripted translator stands in for the model, so the golden files pin down
the layout, not a model's output.  To accept an intended change of layout:
``UPDATE_GOLDEN=1 python -m pytest tests/test_briefs_markdown.py`` and review the diff.
"""


import pytest
from helpers import CORPUS, PROVENANCE, S7_GOOD, S14_WRONG

from summarize.briefs import json as json_format
from summarize.briefs import markdown
from summarize.numbers.verify import verify_articles
from summarize.pipeline import prepare_article
from summarize.translate.stage import translate_articles


@pytest.mark.parametrize("stem", ["001", "004"])
def test_brief_markdown(stem, brief_of, check_golden):
    article = brief_of(stem)
    check_golden(f"{article.stem}.md", markdown.render_brief(article, PROVENANCE))


def test_brief_json(brief_of, check_golden):
    article = brief_of("004")
    check_golden(f"{article.stem}.json", json_format.dumps(json_format.brief_json(article, PROVENANCE)))


def test_numbers_verified_repaired_and_flagged_in_the_brief(brief_of):
    article = brief_of("004")
    s7, s14 = article.sentence("s7"), article.sentence("s14")
    assert s7.en == S7_GOOD  # repaired from the n-best list
    # only the number the repair put right is "repaired"; "two years" was right the first time
    assert [(n.ar, n.status) for n in s7.numbers] == [("14 ألف", "repaired"), ("سنتين", "verified")]
    [repair] = s7.repairs
    assert (repair.first, repair.method, repair.rank) == (S7_GOOD.replace("14,000", "1,400"), "n-best", 2)
    assert s14.en == S14_WRONG  # no hypothesis verifies: the best one stays, flagged
    assert [(n.ar, n.en, n.status) for n in s14.numbers if n.value] == [
        ("280 ألف", "28,000", "changed"), ("60", "60", "verified")]
    md = markdown.render_brief(article, PROVENANCE)
    assert "⚠ In Syria, where the war has killed more than 28,000 people" in md
    assert "⚠ numbers: 280 ألف became 28,000" in md
    assert "## Key figures" in md
    data = json_format.brief_json(article, PROVENANCE)
    json_s14 = next(s for sec in data["sections"] for s in sec["sentences"] if s["id"] == "s14")
    assert {"ar": "280 ألف", "en": "28,000", "value": 280000, "kind": "count", "status": "changed"} in json_s14["numbers"]


def test_summary_never_shows_an_unverified_number_unmarked(brief_of):
    article = brief_of("004")
    article.summary = ["s1", "s7", "s14"]  # verified, repaired, flagged: whatever the summarizer picks
    assert [article.sentence(i).flagged for i in article.summary] == [False, False, True]
    md = markdown.render_brief(article, PROVENANCE)
    summary = md.split("## Summary")[1].split("## Key figures")[0].replace("&quot;", '"')
    for sentence_id in article.summary:
        s = article.sentence(sentence_id)
        assert (f"<td>⚠ {s.en}" in summary) == s.flagged, sentence_id
        assert f"{s.en}" in summary


def test_arabic_is_marked_right_to_left_and_escaped(brief_of):
    article = brief_of("004")
    article.sentences[0].ar = "أ < ب & ج"
    md = markdown.render_brief(article, PROVENANCE)
    assert '<td dir="rtl" lang="ar">أ &lt; ب &amp; ج</td>' in md
    assert '<h2 dir="rtl" lang="ar">' in md


def test_key_figures_name_the_unit_each_figure_comes_from(brief_of):
    article = brief_of("004")
    heading = next(s.heading for s in article.sections if s.heading and s.heading.numbers)
    assert (heading.kind, heading.id) == ("heading", "h3")
    md = markdown.render_brief(article, PROVENANCE)
    figures = md.split("## Key figures")[1].split("## Full text")[0]
    rows = {row.split("<td>")[-1].split("</td>")[0]: row for row in figures.splitlines() if row.startswith("<tr><td>")}
    assert "<b>مليارا دولار</b> من أجل العراق" in rows["h3"]  # the heading's figure, not "title"
    assert "<b>14 ألف</b>" in rows["title"]
    assert "### 3. Two billion dollars for Iraq" in md
    data = json_format.brief_json(article, PROVENANCE)
    assert data["sections"][2]["heading"]["id"] == "h3" and data["title"]["id"] == "title"


def test_number_counts_agree_between_the_run_and_the_brief(sample_translator):
    articles = [prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))]
    translate_articles(articles, sample_translator, progress=False)
    run_counts = verify_articles(articles, sample_translator)
    assert run_counts.repaired >= 1 and run_counts.flagged >= 1 and run_counts.verified >= 1
    per_brief = [json_format.brief_json(a, PROVENANCE)["numbers_checked"] for a in articles]
    assert {k: sum(c[k] for c in per_brief) for k in ("verified", "repaired", "flagged")} == run_counts.as_json()


def test_the_daily_summary_table_names_each_sentence_by_its_outlet_not_its_file(brief_of):
    # as the HTML and JSON daily briefs do: outlet and time where the source gives them
    import re

    from summarize.stories import build_stories

    article = brief_of("004")
    article.outlet, article.published = "Sky News Arabia", "2018-05-09T10:12:00+00:00"
    [story] = build_stories([article])
    text = markdown.render_daily("2018-05-09", [story], [article], [], PROVENANCE)
    rows = re.findall(r"<tr><td>([^<]*)</td><td dir=", text)
    assert rows and rows == [f"Sky News Arabia · 9 May 2018 10:12 UTC · {s.id}" for _, s in story.summary]
