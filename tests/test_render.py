"""Rendered briefs against golden files.

A scripted translator stands in for the model, so the golden files pin down
the layout, not a model's output.  To accept an intended change of layout:
``UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest

from scripted import ScriptedTranslator
from summarize import render
from summarize.pipeline import prepare_article
from summarize.summary import summarize
from summarize.translation import translate_articles

HERE = Path(__file__).parent
CORPUS = HERE.parent / "corpus"
GOLDEN = HERE / "golden"

# A human translation of parts of article 004, as a good model would give it.
SCRIPT = {
    'أميركا تجتمع بالتحالف الدولي لبحث هجمات "داعش" الأخيرة.. 14 ألف غارة أفقدته أراضيه ولم تفقده قوته':
        "America meets the international coalition to discuss the latest ISIS attacks.. 14,000 air strikes "
        "cost it its territory but not its strength",
    "الجهاديون لا يزالون قادرون على توجيه ضربات": "The jihadists are still able to strike",
    "مليارا دولار من أجل العراق": "Two billion dollars for Iraq",
    "وقال الدبلوماسي الأميركي: \"للأسف، أعتقد أننا سنشهد اعتداءات أخرى\".":
        'The American diplomat said: "Unfortunately, I think we will see more attacks."',
    "وخسر التنظيم في العراق قرابة 50%، وفي سوريا ما بين 20 و30% من الأراضي التي سيطر عليها في 2014، وفق واشنطن.":
        "The group has lost nearly 50% in Iraq, and between 20 and 30% in Syria, of the territory it "
        "controlled in 2014, according to Washington.",
}
PROVENANCE = render.Provenance(model="scripted", backend="scripted", beam=4, device="cpu",
                               summary="auto", version="golden")


def brief_of(stem: str):
    article = prepare_article(next(CORPUS.glob(f"{stem}_*.txt")))
    translate_articles([article], ScriptedTranslator(SCRIPT), progress=False)
    summarize(article)
    article.source = Path("corpus") / article.source.name  # the same path wherever the tests run
    return article


def check_golden(name: str, text: str):
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("stem", ["001", "004"])
def test_brief_markdown(stem):
    article = brief_of(stem)
    check_golden(f"{article.stem}.md", render.render_brief(article, PROVENANCE))


def test_brief_json():
    article = brief_of("004")
    check_golden(f"{article.stem}.json", render.dumps(render.brief_json(article, PROVENANCE)))


def test_daily_brief():
    articles = [brief_of(s) for s in ("001", "004")]
    failures = [("005_empty.txt", "corpus/005_empty.txt: the file is empty")]
    check_golden("daily-brief.md", render.render_daily("2026-11-22", articles, failures, PROVENANCE))
    data = render.daily_json("2026-11-22", articles, failures, PROVENANCE)
    assert [a["article"] for a in data["articles"]] == [a.stem for a in articles]
    assert json.loads(render.dumps(data)) == data


def test_arabic_is_marked_right_to_left_and_escaped():
    article = brief_of("004")
    article.sentences[0].ar = "أ < ب & ج"
    md = render.render_brief(article, PROVENANCE)
    assert '<td dir="rtl" lang="ar">أ &lt; ب &amp; ج</td>' in md
    assert '<h2 dir="rtl" lang="ar">' in md
