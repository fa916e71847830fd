"""The checks' flags in the briefs: Markdown, HTML and JSON show each flag with its check's name and
words, the JSON keeps its evidence and reads back; with the tiny model on the sample corpus almost
every sentence carries a flag (issue 23: nonsense English used to pass as clean when it had no number)."""

import json
from pathlib import Path

import pytest

from summarize.briefs import html as pages
from summarize.briefs import json as json_format
from summarize.briefs import markdown
from summarize.briefs.marks import Provenance
from summarize.checks import check_articles
from summarize.document import FLAGGED, Article, Section, Sentence, Text

PROVENANCE = Provenance(model="m", backend="b", beam=1, device="cpu", summary="auto", version="test")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# corpus/004: its title, s3 faithful, s4 looping <script> (escaped everywhere)
TITLE_AR = "أميركا تجتمع بالتحالف الدولي لبحث هجمات \"داعش\" الأخيرة"
S3_AR = "وقال كيري إن المحادثات مع الحلفاء في واشنطن ستستمر."
S3_EN = "Kerry said the talks with the allies in Washington would continue."


def article() -> Article:
    title = Text(TITLE_AR, translations=["FFFF المت المت المت المت"])
    good = Sentence(id="s3", ar=S3_AR, translations=[S3_EN])
    bad = Sentence(id="s4", ar=S3_AR, translations=["Kerry said <script> the the the talks would continue."])
    a = Article(stem="t", source=Path("t.txt"), title=title, sections=[Section(None, [good, bad])])
    a.summary = ["s3", "s4"]
    check_articles([a])
    return a


def test_flags_stored_and_rendered():
    a = article()
    good, bad = a.sentences
    assert good.checks == []
    assert [f.check for f in bad.checks] == ["repetition"]
    assert {f.check for f in a.title.checks} >= {"untranslated", "repetition"}

    md = markdown.render_brief(a, PROVENANCE)
    assert "<sub>⚠ repetition: “the” 3 times in a row</sub>" in md
    assert "<script>" not in md and "&lt;script&gt;" in md

    page = pages.render_brief_html(a, PROVENANCE)
    assert "⚠ repetition: “the” 3 times in a row" in page and "<script>" not in page

    data = json_format.brief_json(a, PROVENANCE)
    [s3, s4] = data["sections"][0]["sentences"]
    assert "checks" not in s3
    assert s4["checks"] == [{"check": "repetition", "note": "“the” 3 times in a row",
                             "evidence": {"phrase": "the", "times": 3, "in_a_row": True, "arabic_times": 1}}]
    back = json_format.from_json(json.loads(json_format.dumps(data)))
    assert back.sentences[1].checks == bad.checks and back.title.checks == a.title.checks


def test_tiny_model_flags_nearly_every_sentence(tiny_model_dir, tmp_path, monkeypatch, capsys):
    from summarize.cli import main

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "briefs"
    assert main([str(CORPUS), "--model", str(tiny_model_dir), "--out", str(out), "--beam", "2",
                 "--batch-size", "8", "--backend", "transformers"]) == 0, capsys.readouterr().err
    sentences = flagged = 0
    for brief in out.glob("[0-9]*.json"):
        data = json.loads(brief.read_text(encoding="utf-8"))
        for unit in [s for sec in data["sections"] for s in sec["sentences"]]:
            sentences += 1
            flagged += bool(unit.get("checks")) or any(n["status"] in FLAGGED for n in unit["numbers"])
            for repair in unit.get("repairs", []):  # no repair loses content
                assert len(unit["en"]) >= len(repair["first"]) / 2, unit["id"]
    assert sentences > 50 and flagged >= 0.9 * sentences, (flagged, sentences)


def test_a_unit_cut_for_the_model_says_so_in_the_json():
    """The model takes 512 tokens; a longer unit is cut at clauses (translate.stage.PIECE_TOKENS) and
    the JSON lists the pieces the model saw, read back by from_json; a unit in one piece has none."""
    from summarize.translate.stage import PIECE_TOKENS, prepare

    class Counter:
        def count_tokens(self, text):
            return len(text.split()) + 1

    long_ar = "، ".join([S3_AR.rstrip(".")] * (PIECE_TOKENS // 8)) + "."
    a = Article(stem="t", source=Path("t.txt"), title=Text(TITLE_AR),
                sections=[Section(None, [Sentence(id="s1", ar=long_ar)])])
    prepare(a, Counter())
    for unit in a.units:
        unit.translations = [S3_EN for _ in unit.pieces]
    data = json_format.brief_json(a, PROVENANCE)
    [s1] = data["sections"][0]["sentences"]
    assert len(s1["pieces"]) >= 2 and " ".join(s1["pieces"]) == " ".join(long_ar.split())
    assert "pieces" not in data["title"]
    assert json_format.from_json(json.loads(json_format.dumps(data))).sentences[0].pieces == s1["pieces"]


# Titles of 2018-04-14 (ANT: France 24, BBC Arabic, Sky News Arabia) with what the tiny model and a
# slip of a real one gave: (Arabic, English, the checks that must flag it, what the heading shows)
TITLES = [
    ("سوريا: مقاتلات بريطانية تضرب منشآت عسكرية قرب حمص", "", {"untranslated"}, "(no English)"),
    ("ترامب يتصل بمحاميه الذي يخضع لتحقيق جنائي", "Trump calls his lawyer, who is under تحقيق جنائي",
     {"untranslated"}, "Trump calls his lawyer"),
    ("مصر تمدد حالة الطوارئ 3 أشهر", "Egypt extends the state of emergency for 3 months", set(),
     "Egypt extends the state of emergency for 3 months"),
]


@pytest.mark.parametrize("ar, en, checks, shown", TITLES, ids=["empty", "arabic-left", "clean"])
def test_a_title_a_check_flags_is_marked_in_every_heading(ar, en, checks, shown):
    # a heading used to be marked only for its numbers: an empty English title was a blank "# " and
    # "### 1.2. " in the daily brief, with nothing to say why
    from summarize.stories import build_stories

    a = Article(stem="t", source=Path("t.txt"), title=Text(ar, translations=[en]),
                sections=[Section(None, [Sentence(id="s1", ar=S3_AR, translations=[S3_EN])])])
    a.summary = ["s1"]
    check_articles([a])
    assert {f.check for f in a.title.checks} >= checks
    flagged = bool(a.title.checks)
    assert flagged == bool(checks)
    [story] = build_stories([a])
    md_brief = markdown.render_brief(a, PROVENANCE).splitlines()
    md_daily = markdown.render_daily("2018-04-14", [story], [a], [], PROVENANCE).splitlines()
    for lines, prefix in ((md_brief, "# "), (md_daily, "## 1. ")):
        [head] = [line for line in lines if line.startswith(prefix)]
        assert head.startswith(prefix + ("⚠ " if flagged else "")) and shown in head
        notes = [line for line in lines if line.startswith("<sub>⚠ ") and "untranslated" in line]
        assert bool(notes) == ("untranslated" in checks)
    # the day's topics give its English as the heading does, linked to the heading (their ⚠ is the
    # numbers' and the figures')
    [entry] = [line for line in md_daily if line.startswith("1. [")]
    assert shown in entry.split("](#topic-1) ·")[0]
    page = pages.render_brief_html(a, PROVENANCE)
    h1 = page[page.index('<h1 id="title">'):page.index("</h1>")]
    assert (shown if shown != "(no English)" else "(no English)") in h1.replace("&#34;", '"')
    assert ("⚠ untranslated" in h1) == ("untranslated" in checks)
    data = json_format.daily_json("2018-04-14", [story], [a], [], PROVENANCE)
    for title in (data["topics"][0]["title"], data["stories"][0]["title"]):
        assert {c["check"] for c in title.get("checks", [])} == {f.check for f in a.title.checks}
