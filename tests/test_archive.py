"""``summarize ARCHIVE --by-day`` (issue 22.4): the archive split by publication day, one daily brief
a day in OUT/YYYY-MM-DD/, linked through the story history, an index of the days."""

from __future__ import annotations

import json

from helpers import load_script, run_cli, write_day

from summarize.archive import UNDATED, by_day
from summarize.document import Article


def archive(tmp_path):
    corpus = tmp_path / "archive"
    for day in (3, 1, 2):  # the folder's order is not the days'
        write_day(corpus / f"feed-{day}", day)
    (corpus / "undated.txt").write_text("خبر بلا تاريخ عن اجتماع وزراء الخارجية العرب في القاهرة لبحث الأزمة.\n",
                                        encoding="utf-8")
    return corpus


def test_an_archive_is_briefed_day_by_day_and_the_days_follow_each_other(tmp_path, capsys):
    stand_in = load_script("bench_scale").StandIn()
    out, db = tmp_path / "out", tmp_path / "history.sqlite3"
    code = run_cli([str(archive(tmp_path)), "--by-day", "--out", str(out), "--history", str(db)], lambda: stand_in)
    assert code == 0, capsys.readouterr().err
    days = ["2018-04-09", "2018-04-10", "2018-04-11"]
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == days + [UNDATED]
    for day in days:
        data = json.loads((out / day / "daily-brief.json").read_text(encoding="utf-8"))
        assert data["date"] == day
        assert all(a.endswith(day.replace("-", "")) for s in data["stories"] for a in s["articles"])
    last = json.loads((out / days[2] / "daily-brief.json").read_text(encoding="utf-8"))
    quake = next(s["continues"] for s in last["stories"] if "كرمان" in s["title"]["ar"])
    assert (quake["day"], quake["day_number"], quake["brief"]) == (days[1], 3, f"../{days[1]}/daily-brief")
    assert (out / days[1] / "daily-brief.md").exists()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert all(f"[{day}]({day}/daily-brief.md)" in index for day in days)
    assert f"[{UNDATED}]({UNDATED}/daily-brief.md)" in index and "5 days" not in index
    page = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{day}/daily-brief.html"' in page for day in days)
    assert "4 days, 9 articles" in page  # 3 + 3 + 2 dated, 1 not


def test_by_day_keeps_the_outlets_day_and_puts_undated_articles_apart():
    def article(stem, published):
        return Article(stem=stem, source=None, encoding="utf-8", published=published)

    days = by_day([article("a", "2018-04-10T23:30:00+03:00"), article("b", None),
                   article("c", "2018-04-09T08:00:00+00:00"), article("d", "2018-04-10T01:00:00-04:00")])
    assert {d: [a.stem for a in arts] for d, arts in days.items()} == {
        "2018-04-09": ["c"], "2018-04-10": ["a", "d"], UNDATED: ["b"]}
    assert list(days) == ["2018-04-09", "2018-04-10", UNDATED]


def test_a_days_folder_holding_a_daily_brief_summarize_did_not_write_stops_the_run_before_any_work(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "2018-04-10").mkdir(parents=True)
    (out / "2018-04-10" / "daily-brief.md").write_text("my notes\n", encoding="utf-8")
    loaded = []
    code = run_cli([str(archive(tmp_path)), "--by-day", "--out", str(out), "--no-history"],
                   lambda: loaded.append(1) or load_script("bench_scale").StandIn())
    assert code == 2 and not loaded and "which summarize did not write" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["2018-04-10"]
    assert (out / "2018-04-10" / "daily-brief.md").read_text(encoding="utf-8") == "my notes\n"


def test_date_with_by_day_is_refused_before_anything_is_read(tmp_path, capsys):
    # each day's brief is dated by its own articles: a --date for the run would be silently ignored
    out, loaded = tmp_path / "out", []
    code = run_cli([str(archive(tmp_path)), "--by-day", "--date", "2018-04-10", "--out", str(out), "--no-history"],
                   lambda: loaded.append(1) or load_script("bench_scale").StandIn())
    err = capsys.readouterr().err
    assert code == 2 and not loaded and not out.exists()
    assert "error: --date 2018-04-10 does not go with --by-day" in err and "leave out --date" in err
