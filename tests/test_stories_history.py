"""The story history (issue 22.3): a day's stories continue earlier days' ("continues from 9 April
(day 2)", the figures that changed, the earlier brief linked), a day run again replaces only its own
records, days run out of order, and a history that is damaged, locked, read-only, another program's
or another version's gets one warning while the briefs are still written."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import load_script, write_day

from summarize import pipeline
from summarize.cli import run as cli_run
from summarize.stories import history as h
from summarize.stories import history_entries, history_links, history_store

@pytest.fixture
def stand_in():
    return load_script("bench_scale").StandIn()


def run_day(tmp_path: Path, day: int, stand_in, history: Path | None, warnings: list[str] | None = None,
            formats=("md", "html", "json")) -> Path:
    date = f"2018-04-{8 + day:02d}"
    corpus = write_day(tmp_path / "in" / date, day)
    out = tmp_path / "out" / date
    options = pipeline.Options(corpus=corpus, out=out, formats=formats, history=history,
                               on_warning=(warnings.append if warnings is not None else None))
    pipeline.run(options, lambda: stand_in)
    return out


def daily(out: Path) -> dict:
    return json.loads((out / "daily-brief.json").read_text(encoding="utf-8"))


def continuing(out: Path) -> dict[str, dict]:
    """The daily brief's stories that continue an earlier day's, by their lead's title."""
    data = daily(out)
    return {s["title"]["ar"]: s["continues"] for s in data["stories"] if "continues" in s}


def rows(db: Path, day: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT * FROM entries WHERE day = ? ORDER BY kind, id", (day,)).fetchall()


def test_the_cli_default_is_the_module_default():
    assert cli_run.HISTORY_DAYS == h.DAYS


def test_a_story_continues_from_the_days_before_with_its_figures_changed(tmp_path, stand_in):
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path, 1, stand_in, db)
    out2 = run_day(tmp_path, 2, stand_in, db)
    out3 = run_day(tmp_path, 3, stand_in, db)
    day2, day3 = continuing(out2), continuing(out3)
    quake2 = next(c for t, c in day2.items() if "كرمان" in t)
    assert (quake2["day"], quake2["day_number"], quake2["first_day"]) == ("2018-04-09", 2, "2018-04-09")
    assert [(c["then"], c["now"]) for c in quake2["changes"]] == [("40", "70")]  # dead, people: said once
    assert quake2["brief"] == "../2018-04-09/daily-brief"
    assert any("البرلمان" in t for t in day2)  # the vote too
    assert not any("مباراة" in t for t in day2)  # each day's football is another event
    quake3 = next(c for t, c in day3.items() if "كرمان" in t)
    assert (quake3["day"], quake3["day_number"], quake3["first_day"]) == ("2018-04-10", 3, "2018-04-09")
    assert [(c["then"], c["now"]) for c in quake3["changes"]] == [("70", "95")]
    md = (out3 / "daily-brief.md").read_text(encoding="utf-8")
    # the link lands on the topic or story it continues in the earlier brief, as the HTML's does; the
    # day's overview links to its own topics
    link = re.search(r"\*Continues from \[10 April\]\(\.\./2018-04-10/daily-brief\.md#((topic|story)-\d+)\) \(day 3\) · ", md)
    assert link and f'<a id="{link.group(1)}"></a>' in (out2 / "daily-brief.md").read_text(encoding="utf-8")
    assert all(f'<a id="{name}"></a>' in md for name in re.findall(r"\]\(#([^)]+)\)", md))
    assert re.findall(r"\]\(#([^)]+)\)", md)[:2] == ["topic-1", "topic-2"]
    assert ": 70 → 95*" in md
    page = (out3 / "daily-brief.html").read_text(encoding="utf-8")
    assert 'Continues from <a href="../2018-04-10/daily-brief.html#' in page and "(day 3)" in page
    assert "continues from 10 April (day 3)" in page  # in the day's topics too


def test_without_a_history_the_daily_brief_says_nothing_of_earlier_days(tmp_path, stand_in):
    run_day(tmp_path, 1, stand_in, None)
    out = run_day(tmp_path, 2, stand_in, None)
    assert continuing(out) == {} and "Continues from" not in (out / "daily-brief.md").read_text(encoding="utf-8")


def test_the_earlier_brief_is_linked_only_when_it_is_in_the_same_output_tree(tmp_path, stand_in):
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path / "elsewhere", 1, stand_in, db)
    out = run_day(tmp_path, 2, stand_in, db)
    quake = next(c for t, c in continuing(out).items() if "كرمان" in t)
    assert quake["day"] == "2018-04-09" and quake["brief"] is None
    assert "*Continues from 9 April (day 2)" in (out / "daily-brief.md").read_text(encoding="utf-8")


def test_a_day_run_again_replaces_its_own_records_and_no_others(tmp_path, stand_in):
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path, 1, stand_in, db)
    out = run_day(tmp_path, 2, stand_in, db)
    before = {d: rows(db, d) for d in ("2018-04-09", "2018-04-10")}
    brief = (out / "daily-brief.json").read_text(encoding="utf-8")
    run_day(tmp_path, 2, stand_in, db)
    assert {d: rows(db, d) for d in before} == before
    assert (out / "daily-brief.json").read_text(encoding="utf-8") == brief
    assert continuing(out)  # a day never continues itself: the re-run links to day 1 as the first run did


def test_days_run_out_of_order(tmp_path, stand_in):
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path, 3, stand_in, db)
    day3 = rows(db, "2018-04-11")
    out1 = run_day(tmp_path, 1, stand_in, db)
    assert continuing(out1) == {}  # a day follows only the days before it
    assert rows(db, "2018-04-11") == day3  # and recording it changes no other day
    out2 = run_day(tmp_path, 2, stand_in, db)  # the backfill: day 2 between them
    assert next(c for t, c in continuing(out2).items() if "كرمان" in t)["day"] == "2018-04-09"
    assert rows(db, "2018-04-11") == day3
    out3 = run_day(tmp_path, 3, stand_in, db)  # run again, day 3 now sees both
    quake = next(c for t, c in continuing(out3).items() if "كرمان" in t)
    assert (quake["day"], quake["day_number"]) == ("2018-04-10", 3)
    assert rows(db, "2018-04-09") == rows(db, "2018-04-09")


def test_days_further_back_than_the_window_are_not_followed(tmp_path, stand_in):
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path, 1, stand_in, db)
    corpus = write_day(tmp_path / "in2", 2)
    out = tmp_path / "out" / "2018-04-10"
    pipeline.run(pipeline.Options(corpus=corpus, out=out, history=db, history_days=0), lambda: stand_in)
    assert continuing(out) == {}


def made(path: Path) -> None:
    """A story history with one day and nothing in it."""
    with h.open_history(path) as history:
        assert history is not None and history.record("2018-04-08", [])


def damaged(path: Path) -> Iterator[Path]:
    path.write_bytes(b"this is not a database, whatever its name says\n" * 200)
    yield path


def foreign(path: Path) -> Iterator[Path]:
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE notes (text TEXT)")
    yield path


def other_version(path: Path) -> Iterator[Path]:
    made(path)
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {history_store.VERSION + 1}")
    yield path


def a_folder(path: Path) -> Iterator[Path]:
    path.mkdir()
    yield path


def under_a_file(path: Path) -> Iterator[Path]:
    path.write_text("not a folder")
    yield path / "history.sqlite3"


def locked(path: Path) -> Iterator[Path]:
    """A history another run holds past the wait."""
    made(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield path
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def read_only(path: Path) -> Iterator[Path]:
    """A history this process may not write (root writes a 0444 file: the history is told it is read-only)."""
    made(path)
    path.chmod(0o444)
    try:
        with pytest.MonkeyPatch.context() as patch:
            if os.access(path, os.W_OK):
                patch.setattr(history_store, "_read_only", lambda path: True)
            yield path
    finally:
        path.chmod(0o644)


WITHOUT = "the briefs are written without following stories from earlier days"
WRITABLE = "give --history FILE (a writable place), or --no-history to go without"
# Each way a history cannot be used, and its one warning, word for word ({path}: the history given; (…):
# what SQLite or the system said). Each names the file and says what to do; the briefs are written.
UNUSABLE = {
    "not a file": (a_folder, f"{{path}}: not a file; {WITHOUT}; {WRITABLE}"),
    "another program's": (foreign, f"{{path}}: is another program's SQLite file, not a story history; give another "
                                   f"--history FILE; {WITHOUT}"),
    "another version's": (other_version, f"{{path}}: was written by another version of summarize (history version "
                                         f"{history_store.VERSION + 1}, this one reads {history_store.VERSION}); move it away or give another "
                                         f"--history FILE; {WITHOUT}"),
    "damaged": (damaged, f"{{path}}: is damaged (not a readable SQLite database); move it away to start a new history "
                         f"(…); {WITHOUT}"),
    "locked": (locked, f"{{path}}: is held by another run (locked) past the wait (…); {WITHOUT}; {WRITABLE}"),
    "cannot be made": (under_a_file, f"{{path}}: cannot be opened (…); {WITHOUT}; {WRITABLE}"),
    "read-only": (read_only, f"{{path}}: cannot be written (read-only) (…); this day's stories are not recorded (the "
                             f"briefs are written); {WRITABLE}"),
}


def as_it_is(path: Path) -> object:
    return path.read_bytes() if path.is_file() else sorted(path.iterdir()) if path.is_dir() else None


@pytest.mark.parametrize("case", UNUSABLE)
def test_an_unusable_history_is_one_warning_that_says_what_to_do_and_the_briefs_are_still_written(
        tmp_path, stand_in, monkeypatch, case):
    spoil, said = UNUSABLE[case]
    monkeypatch.setattr(history_store, "TIMEOUT", 0.2)
    warnings: list[str] = []
    with contextmanager(spoil)(tmp_path / "history.sqlite3") as db:
        before = as_it_is(db)
        out = run_day(tmp_path, 1, stand_in, db, warnings)
        after = as_it_is(db)
    expected = re.escape("story history " + said.format(path=db)).replace(re.escape("(…)"), r"\([^()]+\)")
    assert len(warnings) == 1 and re.fullmatch(expected, warnings[0]), warnings
    assert (out / "daily-brief.md").exists() and (out / "daily-brief.json").exists()
    assert after == before  # left as it was


def test_a_read_only_history_still_links_and_says_the_day_is_not_recorded(tmp_path, stand_in, monkeypatch):
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path, 1, stand_in, db)
    db.chmod(0o444)
    if os.access(db, os.W_OK):  # root writes a 0444 file: the history is told it is read-only
        monkeypatch.setattr(history_store, "_read_only", lambda path: True)
    warnings: list[str] = []
    try:
        out = run_day(tmp_path, 2, stand_in, db, warnings)
    finally:
        db.chmod(0o644)
    assert len(warnings) == 1 and "read-only" in warnings[0] and "not recorded" in warnings[0]
    assert continuing(out)  # day 1 was still read
    assert rows(db, "2018-04-10") == []


def test_the_cli_keeps_the_history_beside_the_translation_cache_unless_told(tmp_path, monkeypatch):
    parse = cli_run.build_parser().parse_args
    monkeypatch.delenv("SUMMARIZE_HISTORY")
    assert cli_run.options_from(parse(["c"])).history == tmp_path / "stories.sqlite3"
    assert cli_run.options_from(parse(["c", "--cache", str(tmp_path / "x" / "t.db")])).history == \
        tmp_path / "x" / "stories.sqlite3"
    assert cli_run.options_from(parse(["c", "--history", "h.db"])).history == Path("h.db")
    assert cli_run.options_from(parse(["c", "--no-history"])).history is None
    monkeypatch.setenv("SUMMARIZE_HISTORY", "off")
    assert cli_run.options_from(parse(["c"])).history is None


def test_figures_that_changed_are_those_both_days_count():
    then = h.Entry("2018-04-09", "story", "story-1", {"زلزال": 5.0}, set(), {"people": (40, "40"), "homes": (3, "3")},
                   [])
    now = h.Entry("2018-04-10", "story", "story-2", {"زلزال": 5.0}, set(), {"people": (70, "70"), "homes": (3, "3"),
                                                                           "villages": (9, "9")}, [])
    assert history_links.changes(now, then) == [("people", "40", "70")]
    found = history_links.link([now], [then])
    assert found["story-2"].day_number == 2 and found["story-2"].change_words() == "people: 40 → 70"
    assert found["story-2"].words("2018-04-10") == "continues from 9 April (day 2)"
    assert history_links.day_words("2017-12-31", "2018-01-01") == "31 December 2017"


def test_a_story_continues_its_best_match_of_the_last_days_not_a_weak_one_of_yesterday():
    """The Yemen war on 3 April, not in the brief of the 4th, back on the 5th: it continues the 3rd's,
    not the 4th's Saudi story that shares a word or two above the cut; between equal matches, the
    latest day's."""
    yemen = {"حوثي": 5.0, "يمن": 4.0, "صنعاء": 3.0, "ناقله": 2.0}
    then = h.Entry("2018-04-03", "topic", "topic-2", dict(yemen), set(), {}, [])
    weak = h.Entry("2018-04-04", "topic", "topic-1", {"حوثي": 3.0, "يمن": 2.0, "سعوديه": 6.0, "رياض": 4.0}, set(), {}, [])
    now = h.Entry("2018-04-05", "topic", "topic-3", dict(yemen, حديده=1.0), set(), {}, [])
    assert history_links.link_score(now, weak) >= history_links.THRESHOLD["topic"]
    found = history_links.link([now], [then, weak])
    assert (found["topic-3"].day, found["topic-3"].id) == ("2018-04-03", "topic-2")
    again = h.Entry("2018-04-04", "topic", "topic-5", dict(yemen), set(), {}, [])
    found = history_links.link([now], [then, again])
    assert (found["topic-3"].day, found["topic-3"].id) == ("2018-04-04", "topic-5")


def test_a_running_story_continues_from_its_latest_day_whichever_day_matched_best():
    """Skripal on 12, 13, 14 and 15 March 2018 (one running topic: the 13th's to the 15th's continue
    the 12th's), the 16th matching the 13th best: it continues from the 15th, on its day 5, with the
    figure changed since the 15th; not from the 13th "(day 3)", which told the reader it had been
    away.  Another topic of the 15th that shares words, but runs on its own, is not the story."""
    skripal = {"سكريبال": 6.0, "جاسوس": 4.0, "تسميم": 4.0, "سالزبري": 3.0}

    def day(date, key, words, number, figures=None, first=("2018-03-12", "topic-1")):
        return h.Entry(date, "topic", key, dict(words), set(), figures or {}, [], first_day=first[0],
                       day_number=number, first_id=first[1])
    past = [day("2018-03-12", "topic-1", skripal, 1),
            day("2018-03-13", "topic-4", skripal, 2),
            day("2018-03-14", "topic-2", {"سكريبال": 6.0, "دبلوماسيين": 5.0, "طرد": 4.0}, 3),
            day("2018-03-15", "topic-7", {"سكريبال": 6.0, "دبلوماسيين": 5.0, "موسكو": 3.0}, 4,
                {"diplomats": (23, "23")}),
            day("2018-03-15", "topic-3", {"جاسوس": 4.0, "تسميم": 4.0, "نافالني": 6.0}, 1,
                first=("2018-03-15", "topic-3"))]
    now = h.Entry("2018-03-16", "topic", "topic-1", dict(skripal, بوتين=2.0), set(), {"diplomats": (60, "60")}, [])
    best = max(past, key=lambda e: history_links.link_score(now, e))
    assert (best.day, best.id) in {("2018-03-12", "topic-1"), ("2018-03-13", "topic-4")}
    assert history_links.link_score(now, past[4]) >= history_links.THRESHOLD["topic"]
    found = history_links.link([now], past)["topic-1"]
    assert (found.day, found.id, found.day_number, found.first_day, found.first_id) == (
        "2018-03-15", "topic-7", 5, "2018-03-12", "topic-1")
    assert found.words("2018-03-16") == "continues from 15 March (day 5)"
    assert found.change_words() == "diplomats: 23 → 60"
    assert found.score == history_links.link_score(now, best)


def test_an_entry_keeps_the_id_it_continues_from_its_first_day(tmp_path):
    root = h.Entry("2018-04-09", "topic", "topic-1", {"زلزال": 5.0}, set(), {}, [], first_day="2018-04-09",
                   first_id="topic-1")
    later = h.Entry("2018-04-10", "topic", "topic-3", {"زلزال": 5.0}, set(), {}, [], first_day="2018-04-09",
                    day_number=2, first_id="topic-1")
    with h.open_history(tmp_path / "h.sqlite3") as history:
        assert history is not None and history.store.replace("2018-04-09", None, [root])
        assert history.store.replace("2018-04-10", None, [later])
        past, _ = history.store.past("2018-04-11", 7)
    assert {e.id: e.chain for e in past} == {"topic-1": ("2018-04-09", "topic-1"), "topic-3": ("2018-04-09", "topic-1")}


def test_a_figure_an_article_gives_twice_is_the_first_its_text_gives():
    """An article that counts a thing twice (200 people, then 700 people) gives the first value: the
    title's, then the lead's, in text order, the same in every run whatever the hash seed, and the
    things kept in that order too."""
    things = ["people", "homes", "villages", "schools", "soldiers", "tanks", "boats", "rockets", "drones", "doctors",
              "nurses", "towns", "bridges", "roads", "trucks", "planes", "ships", "farms", "shops", "mosques"]
    units = []
    for part in range(4):  # the title and the lead's three sentences
        mine = things[part * 5:part * 5 + 5]
        counted = [(200 + things.index(t), t) for t in mine] + [(700 + things.index(t), t) for t in mine]
        units.append(SimpleNamespace(ar="", en=", ".join(f"{n} {t}" for n, t in counted),
                                     numbers=[SimpleNamespace(kind="count", value=n, en=str(n)) for n, _ in counted]))
    article = SimpleNamespace(title=units[0], sentences=units[1:], copies=[])
    kept = history_entries.entry("2018-04-09", "story", "story-1", [article], [])
    assert list(kept.figures.items()) == [(t, (200 + k, str(200 + k))) for k, t in enumerate(things)]


@pytest.mark.parametrize("version, dropped", [(1, ["meaning", "first_id"]), (2, ["first_id"])])
def test_a_history_of_an_earlier_version_is_upgraded_in_place_and_its_days_still_followed(
        tmp_path, stand_in, version, dropped):
    """A history written before topics kept what they mean (version 1: no ``meaning`` column) or before
    entries kept the id they continue from their first day (version 2: no ``first_id``) is upgraded
    without a warning; its days are followed (version 1's by their words), and the new day's topics
    keep their meaning and its entries their first id."""
    db = tmp_path / "history.sqlite3"
    run_day(tmp_path, 1, stand_in, db)
    with sqlite3.connect(db) as con:  # as that version wrote it
        for column in dropped:
            con.execute(f"ALTER TABLE entries DROP COLUMN {column}")
        con.execute(f"PRAGMA user_version = {version}")
    warnings: list[str] = []
    out = run_day(tmp_path, 2, stand_in, db, warnings)
    assert warnings == []
    assert continuing(out)["زلزال كرمان: 70 قتيلا"]["day"] == "2018-04-09"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == history_store.VERSION == 3
        kept = dict(con.execute("SELECT day, count(meaning) FROM entries WHERE kind = 'topic' GROUP BY day"))
        first = dict(con.execute("SELECT day, count(first_id) FROM entries GROUP BY day"))
    assert kept["2018-04-10"] > 0 and first["2018-04-09"] == 0 and first["2018-04-10"] > 0
    assert (kept["2018-04-09"] == 0) == (version == 1)


def test_a_topic_s_meaning_is_kept_as_it_was_given(tmp_path):
    import numpy as np
    meaning = np.random.default_rng(0).normal(size=384).astype(np.float32)
    topic = h.Entry("2018-04-09", "topic", "topic-1", {"زلزال": 5.0}, set(), {}, [], meaning=meaning)
    story = h.Entry("2018-04-09", "story", "story-1", {"زلزال": 5.0}, set(), {}, [], topic="topic-1")
    with h.open_history(tmp_path / "h.sqlite3") as history:
        assert history is not None and history.store.replace("2018-04-09", None, [topic, story])
        past, _ = history.store.past("2018-04-10", 7)
    read = {e.kind: e for e in past}
    assert read["topic"].meaning is not None and np.array_equal(read["topic"].meaning, meaning)
    assert read["story"].meaning is None


def _unit(cosine: float):
    """Two unit vectors of 384 dimensions whose cosine is ``cosine``."""
    import numpy as np
    a, b = np.zeros(384, np.float32), np.zeros(384, np.float32)
    a[0], b[0], b[1] = 1.0, cosine, (1 - cosine ** 2) ** 0.5
    return a, b


# (kind, the cosine of the two meanings (None: neither has one), named words both use, the link score):
# each pair shares words of weight 2 of a union of 8 (a weighted overlap of 0.25)
LINK_SCORES = [
    ("topic", None, 0, 0.25),
    ("topic", 0.80, 0, 0.25),  # below MEANING_FROM: nothing added
    ("topic", 0.95, 0, 0.35),  # 0.10 above it
    ("topic", 0.95, 3, 0.35),  # a topic's named words add nothing
    ("story", 0.95, 3, 0.40),  # a story's do (0.05 each); its meaning is not read
    ("story", None, 0, 0.25),
]


@pytest.mark.parametrize("kind, cosine, names, score", LINK_SCORES)
def test_topics_link_by_their_words_and_what_they_mean_stories_by_words_and_names(kind, cosine, names, score):
    x, y = _unit(cosine) if cosine is not None else (None, None)
    shared = {f"اسم{k}" for k in range(names)}
    a = h.Entry("2018-04-09", kind, f"{kind}-1", {"عفرين": 2.0, "غوطه": 3.0}, shared, {}, [], meaning=x)
    b = h.Entry("2018-04-10", kind, f"{kind}-2", {"عفرين": 2.0, "هدنه": 3.0}, shared, {}, [], meaning=y)
    assert history_links.link_score(b, a) == pytest.approx(score, abs=1e-6)
    assert (history_links.link([b], [a]) != {}) == (score >= history_links.THRESHOLD[kind])


def test_the_continuation_labels_are_two_labellings_of_the_thirty_eight_pairs_that_agree():
    ev = load_script("eval_continuations")
    a, b = ev.read_links("a"), ev.read_links("b")
    assert ev.agreement(a, b) == {"a": 361, "b": 368, "both": 350, "f1": 96.0}
    assert {(e, l) for e, l, _, _ in a} == {(e, l) for e, l, _, _ in b} == set(ev.PAIRS)
    assert [p for part in ev.PARTS.values() for p in part] == ev.PAIRS


def test_continuation_scores_count_links_by_the_labelled_topics_their_topics_stand_for():
    """Later topics standing for L1, L2, L3; earlier ones for E1, E2.  The labellers: L1 and L2 continue
    E1, L3 continues E2.  The product links L1 -> E1 (right) and L2 -> E2 (wrong), and L3 to nothing."""
    ev = load_script("eval_continuations")

    def topic(day, key, words):
        return h.Entry(day, "topic", key, words, set(), {}, [], title_ar=f"عنوان {key}")
    later = SimpleNamespace(entries=[topic("2018-04-10", "topic-1", {"عفرين": 5.0}),
                                     topic("2018-04-10", "topic-2", {"دوما": 5.0}),
                                     topic("2018-04-10", "topic-3", {"صنعاء": 5.0})],
                            stands_for={"topic-1": "L1", "topic-2": "L2", "topic-3": "L3"})
    earlier = SimpleNamespace(entries=[topic("2018-04-08", "topic-1", {"عفرين": 5.0}),
                                       topic("2018-04-08", "topic-2", {"دوما": 5.0})],
                              stands_for={"topic-1": "E1", "topic-2": "E2"})
    days = {"2018-04-08": earlier, "2018-04-10": later}
    gold = {("2018-04-08", "2018-04-10", "L1", "E1"), ("2018-04-08", "2018-04-10", "L2", "E1"),
            ("2018-04-08", "2018-04-10", "L3", "E2")}
    pair = [("2018-04-08", "2018-04-10")]
    assert ev.score(days, gold, pair) == {"p": 50.0, "r": 33.3, "f1": 40.0, "links": 2, "labelled": 3}
    assert ev.wrong(days, gold, pair[0]) == [{"later": "عنوان topic-2", "earlier": "عنوان topic-2",
                                               "labelled": "L2<E2", "score": 1.0}]


def test_story_links_count_as_within_a_labelled_continuation_when_their_topics_are_linked():
    ev = load_script("eval_continuations")

    def story(day, key, words):
        return h.Entry(day, "story", key, words, set(), {}, [])
    later = SimpleNamespace(story_entries=[story("2018-04-10", "story-1", {"عفرين": 5.0}),
                                           story("2018-04-10", "story-2", {"دوما": 5.0})],
                            stands_for={"story-1": "L1", "story-2": "L2"})
    earlier = SimpleNamespace(story_entries=[story("2018-04-08", "story-1", {"عفرين": 5.0}),
                                             story("2018-04-08", "story-2", {"دوما": 5.0})],
                              stands_for={"story-1": "E1", "story-2": "E2"})
    days = {"2018-04-08": earlier, "2018-04-10": later}
    gold = {("2018-04-08", "2018-04-10", "L1", "E1")}
    assert ev.stories_within(days, gold, [("2018-04-08", "2018-04-10")]) == {"links": 2, "within": 1}


def test_daily_continuations_follow_each_chain_of_links_back_to_the_earlier_labelled_day(tmp_path):
    """8 April (labelled), 9 April (not), 10 April (labelled): Afrin runs all three days, Douma skips the
    9th (10 April links straight to the 8th), Sanaa starts on the 9th (its chain never reaches the 8th)."""
    ev = load_script("eval_continuations")

    def day(date, topics, stands_for=None):
        found = [h.Entry(date, "topic", f"topic-{k}", {w: 5.0}, set(), {}, []) for k, w in enumerate(topics, 1)]
        return SimpleNamespace(entries=found, stands_for=stands_for or {})
    days = {"2018-04-08": day("2018-04-08", ["عفرين", "دوما"], {"topic-1": "E1", "topic-2": "E2"}),
            "2018-04-09": day("2018-04-09", ["عفرين", "صنعاء"]),
            "2018-04-10": day("2018-04-10", ["عفرين", "دوما", "صنعاء"],
                              {"topic-1": "L1", "topic-2": "L2", "topic-3": "L3"})}
    gold = {("2018-04-08", "2018-04-10", "L1", "E1"), ("2018-04-08", "2018-04-10", "L2", "E2")}
    assert ev.daily(tmp_path, days, gold, [("2018-04-08", "2018-04-10")]) == {
        "p": 100.0, "r": 100.0, "f1": 100.0, "links": 2, "labelled": 2}
