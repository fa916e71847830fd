"""Copies briefed once, names that never clash, and what the briefs say of a real record's source
(issue 21), from the ANT records in tests/data/ingest/ant (ANT v2.1, Chouigui, Ben Khiroun and
Elayeb, AJSE 2021; see tests/data/ingest/README.md)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from summarize import pipeline
from summarize.ingest.copies import merge_copies, normalize, shingles, jaccard
from summarize.pipeline import prepare_article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import ScriptedTranslator  # noqa: E402

ANT = Path(__file__).resolve().parent / "data" / "ingest" / "ant"
SK = ANT / "SkyNews/internationalNews/SK-internationalNews-1-20180218.txt"
SK2 = ANT / "SkyNews/middleEast/SK-middleEast-884-20180409.txt"
BBC = ANT / "BBC/internationalNews/BB-internationalNews-317-20180409.txt"


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def _copy(tmp_path: Path, name: str, source: Path, change=lambda t: t) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    return path


CASES = [
    # (what, how the second file differs from the first, merged?)
    ("the same record in another section", lambda t: t.replace("internationalNews", "middleEast"), True),
    ("spacing, diacritics and punctuation differ", lambda t: _with(_with(t, "حذر رئيس", "حذّر  رئيس"), "مسلمة.", "مسلمة ."), True),
    ("one word changed in a long text (near copy)", lambda t: _with(t, "بودابست", "العاصمة"), True),
    ("the last paragraph dropped (Jaccard < 0.9)",
     lambda t: re.sub(r"\nوتجرى الانتخابات[^\n]*\n", "\n", re.sub(r"\nلكن مناصريه[^\n]*", "", re.sub(r"\nوعزز موقف[^\n]*", "", t))), False),
]


@pytest.mark.parametrize("what, change, merged", CASES, ids=[c[0] for c in CASES])
def test_copies_are_one_article(tmp_path, what, change, merged):
    first = prepare_article(_copy(tmp_path, "a/first.txt", SK))
    second = prepare_article(_copy(tmp_path, "b/second.txt", SK, change))
    other = prepare_article(SK2)
    kept, count = merge_copies([first, second, other])
    assert count == (1 if merged else 0)
    assert [a.stem for a in kept] == (["first", "SK-middleEast-884-20180409"] if merged
                                       else ["first", "second", "SK-middleEast-884-20180409"])
    if merged:
        [copy] = kept[0].copies
        assert (copy.name, copy.outlet) == ("second", "Sky News Arabia")
        assert copy.similarity >= 0.9


def test_near_copy_threshold_is_on_word_5_shingles():
    words = normalize(prepare_article(SK).text)
    changed = list(words)
    changed[len(changed) // 2] = "كلمة"
    score = jaccard(shingles(words), shingles(changed))
    assert 0.9 < score < 1.0  # one word changes five shingles of ~250


def test_the_earliest_copy_is_kept(tmp_path):
    late = prepare_article(_copy(tmp_path, "a/late.txt", SK, lambda t: t.replace("20:21:45", "23:00:00")))
    early = prepare_article(_copy(tmp_path, "b/early.txt", SK))
    kept, _ = merge_copies([late, early])
    assert [a.stem for a in kept] == ["early"] and kept[0].copies[0].name == "late"


def _run(corpus: Path, out: Path, **options) -> pipeline.Result:
    translator = ScriptedTranslator()
    return pipeline.run(pipeline.Options(corpus=corpus, out=out, formats=("md", "html", "json"), **options),
                        lambda: translator)


def test_a_day_of_records_is_briefed_with_outlets_times_and_copies_once(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ANT, corpus)
    _copy(corpus, "SkyNews/middleEast/SK-middleEast-1-20180218.txt", SK,
          lambda t: t.replace("internationalNews", "middleEast").replace("-1-", "-1-"))
    # the same file name in two folders: two briefs, neither overwritten
    other = corpus / "other" / "SK-middleEast-884-20180409.txt"
    other.parent.mkdir()
    other.write_text("اجتماع وزاري في العاصمة\n\nعقد الوزراء اجتماعا مطولا صباح اليوم لبحث خطة الموازنة الجديدة.\n"
                     "وقال المتحدث إن الاجتماع سيستأنف غدا بعد دراسة المقترحات المقدمة.\n", encoding="utf-8")
    skipped = []
    result = _run(corpus, tmp_path / "out", on_skipped=skipped.append)
    stems = sorted(a.stem for a in result.articles)
    assert "SK-middleEast-884-20180409" in stems and "other-SK-middleEast-884-20180409" in stems
    assert len(result.articles) == 7 and not result.failures  # 8 files, one copy merged
    kept = next(a for a in result.articles if a.copies)
    assert kept.copies[0].section == "middleEast"
    out = tmp_path / "out"
    brief = json.loads((out / f"{kept.stem}.json").read_text(encoding="utf-8"))
    assert brief["outlet"] == "Sky News Arabia" and brief["published"] == "2018-02-18T20:21:45+00:00"
    assert brief["copies"][0]["article"] == "SK-middleEast-1-20180218"
    assert not (out / "SK-middleEast-1-20180218.md").exists()  # briefed once
    md = (out / f"{kept.stem}.md").read_text(encoding="utf-8")
    assert "- **Outlet:** Sky News Arabia · internationalNews · 18 Feb 2018 20:21 UTC" in md
    assert "- **Also in:** Sky News Arabia · middleEast · 18 Feb 2018 20:21 UTC" in md
    assert "<https://www.skynewsarabia.com/web/article/1023015>" in md
    page = (out / f"{kept.stem}.html").read_text(encoding="utf-8")
    assert '<a href="https://www.skynewsarabia.com/web/article/1023015" rel="noopener noreferrer">' in page
    daily = (out / "daily-brief.md").read_text(encoding="utf-8")
    assert "[Sky News Arabia · 18 Feb 2018 20:21 UTC](SK-internationalNews-1-20180218.md)" in daily
    assert "<TITLE>" not in daily and "&lt;TITLE" not in daily
    # the most common publication day of the articles names the daily brief
    assert json.loads((out / "daily-brief.json").read_text(encoding="utf-8"))["date"] == \
        pipeline.publication_date(result.articles)


def test_a_script_address_is_never_linked(tmp_path):
    corpus = tmp_path / "corpus"
    _copy(corpus, "x.txt", SK, lambda t: re.sub(r"<URL>.*?</URL>", "<URL>javascript:alert(1)</URL>", t))
    result = _run(corpus, tmp_path / "out")
    [article] = result.articles
    assert article.url is None
    page = (tmp_path / "out" / "x.html").read_text(encoding="utf-8")
    assert "javascript:" not in page


def test_the_daily_date_is_the_most_common_publication_day():
    articles = [prepare_article(p) for p in (SK, SK2, BBC)]
    assert pipeline.publication_date(articles) == "2018-04-09"


def test_the_run_says_what_it_skipped_and_names_each_bad_item(tmp_path, capsys):
    from helpers import run_cli

    corpus = tmp_path / "corpus"
    shutil.copytree(ANT / "BBC", corpus / "BBC")
    (corpus / "README.md").write_text("notes", encoding="utf-8")
    shutil.copy(ANT.parent / "feed.rss", corpus / "feed.rss")
    code = run_cli([str(corpus), "--out", str(tmp_path / "out"), "--quiet"], lambda: ScriptedTranslator())
    err = capsys.readouterr().err
    assert code == 1  # one item failed, the rest briefed
    assert f"note: {corpus}: skipped 1 entry: 1 not an article file (.md)" in err
    assert f"error: {corpus / 'feed.rss'} item 2: no text (neither content nor description)" in err
    assert "Traceback" not in err
    # the BBC record and the feed's BBC item are the same article: briefed once
    written = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert written == ["BB-internationalNews-317-20180409.md", "daily-brief.md", "feed-003.md"]
