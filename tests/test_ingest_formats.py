"""Readers by format (issue 21): TREC/ANT records, saved pages, RSS/Atom, JSON Lines, hard-wrapped
text; what the source says of each article (outlet, time, address, section, abstract); bad items.

Real records: six ANT v2.1 files in tests/data/ingest/ant (Chouigui, Ben Khiroun and Elayeb, AJSE
2021; see tests/data/ingest/README.md); the pages and feeds there are built around their text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from summarize.errors import ArticleError, UsageError
from summarize.ingest.formats import reader_for
from summarize.ingest.formats.meta import iso_time, outlet_name, safe_url, shown_time
from summarize.ingest.reader import discover, read_items
from summarize.pipeline import prepare_article, prepare_articles

DATA = Path(__file__).resolve().parent / "data" / "ingest"
ANT = DATA / "ant"
MARKUP = re.compile(r"</?[A-Za-z][^>]*>|&[a-z]+;|&#\d+;")


def _field(path: Path, tag: str) -> str:
    return re.search(rf"<{tag}>(.*?)</{tag}>", path.read_text(encoding="utf-8"), re.S).group(1).strip()


# --- TREC / ANT records ------------------------------------------------------------------------

RECORDS = [
    # (file, outlet, published)
    ("Alarabia/sport/AL-sport-1208-20180410.txt", "Al Arabiya", "2018-04-10T18:27:49+04:00"),
    ("BBC/internationalNews/BB-internationalNews-317-20180409.txt", "BBC Arabic", "2018-04-09T13:13:32+00:00"),
    ("CNN/internationalNews/CN-internationalNews-231-20180410.txt", "CNN Arabic", "2018-04-10T10:08:02+00:00"),
    ("France24/internationalNews/FR-internationalNews-634-20180409.txt", "France 24", "2018-04-09T08:37:08+00:00"),
    ("SkyNews/middleEast/SK-middleEast-884-20180409.txt", "Sky News Arabia", "2018-04-09T19:55:18+00:00"),
    ("SkyNews/internationalNews/SK-internationalNews-1-20180218.txt", "Sky News Arabia",
     "2018-02-18T20:21:45+00:00"),
]


@pytest.mark.parametrize("name, outlet, published", RECORDS, ids=[r[0].split("/")[0] for r in RECORDS])
def test_an_ant_record_is_read_with_what_its_outlet_says(name, outlet, published):
    path = ANT / name
    article = prepare_article(path)
    assert article.encoding == "utf-8, trec"
    assert article.stem == path.stem
    assert (article.outlet, article.published) == (outlet, published)
    assert article.url == _field(path, "URL") and article.section == _field(path, "CAT")
    assert article.title.ar == _field(path, "TITLE") and article.title_from_headline
    assert article.abstract == _field(path, "ABSTRACT")
    # the text is the record's TEXT and nothing else: no tags, no abstract taken for the text
    text = " ".join(_field(path, "TEXT").split())
    assert " ".join(s.ar for s in article.sentences) == " ".join(text.split())
    assert not any(MARKUP.search(u.ar) for u in article.units)


def test_the_bbc_abstract_is_the_outlets_summary_never_the_first_sentence():
    article = prepare_article(ANT / RECORDS[1][0])
    assert article.sentences[0].ar.startswith("نستعرض معكم")
    assert all(article.abstract not in s.ar for s in article.sentences)


def test_a_record_is_a_record_whatever_its_file_is_called(tmp_path):
    source = ANT / RECORDS[4][0]
    for name in ("record.xml", "record.txt", "record"):
        assert reader_for(source.read_text(encoding="utf-8")).name == "trec"
    (tmp_path / "record.xml").write_bytes(source.read_bytes())
    [article] = read_items(tmp_path / "record.xml")
    assert article.outlet == "Sky News Arabia" and article.encoding == "utf-8, trec"


def test_several_records_in_one_file_are_named_by_docno_and_a_bad_one_is_one_message(tmp_path):
    records = [(ANT / r[0]).read_text(encoding="utf-8") for r in RECORDS[:3]]
    broken = records[1].replace(_field(ANT / RECORDS[1][0], "TEXT"), "")
    path = tmp_path / "archive.txt"
    path.write_text(records[0] + broken + records[2], encoding="utf-8")
    items = prepare_articles(path)
    assert [a.stem for a in items if not isinstance(a, ArticleError)] == [
        "AL-sport-1208-20180410", "CN-internationalNews-231-20180410"]
    [error] = [e for e in items if isinstance(e, ArticleError)]
    assert str(error) == f"{path} item 2: no text (its <TEXT> is empty or missing)"


# --- pages, feeds, exports, hard-wrapped text -------------------------------------------------

SK = ANT / RECORDS[5][0]


def _sentences_of_record(path: Path) -> list[str]:
    return [s.ar for s in prepare_article(path).sentences]


def test_a_saved_page_is_its_article_with_the_pages_metadata():
    [article] = prepare_articles(DATA / "page.html")
    assert article.encoding == "utf-8, html"
    assert article.title.ar == _field(SK, "TITLE")
    assert article.outlet == "Sky News Arabia"
    assert article.published == "2018-02-18T20:21:45+00:00"
    assert article.url.startswith("https://www.skynewsarabia.com/world/1023015")
    # navigation, share bar, related links and footer are out: the sentences are the record's
    assert [s.ar.replace("\xa0", " ") for s in article.sentences] == \
        [s.replace("\xa0", " ") for s in _sentences_of_record(SK)]


FEED_ITEMS = [
    # (file, stem, outlet, published, section)
    ("feed.rss", "feed-001", "BBC Arabic", "2018-04-09T13:13:32+00:00", "internationalNews"),
    ("feed.rss", "feed-003", "CNN Arabic", "2018-04-10T10:08:02+00:00", None),
    ("feed.atom", "feed-001", "France 24", "2018-04-09T08:37:08+00:00", "internationalNews"),
    ("export.jsonl", "SK-middleEast-884-20180409", "Sky News Arabia", "2018-04-09T20:05:00+04:00", "middleEast"),
    ("export.jsonl", "export-003", "Al Arabiya", "2018-04-10T18:27:49+04:00", "sport"),
]


@pytest.mark.parametrize("file, stem, outlet, published, section", FEED_ITEMS, ids=[f"{i[0]}:{i[1]}" for i in FEED_ITEMS])
def test_feed_and_export_items_are_articles(file, stem, outlet, published, section):
    found = {a.stem: a for a in prepare_articles(DATA / file) if not isinstance(a, ArticleError)}
    article = found[stem]
    assert (article.outlet, article.published, article.section) == (outlet, published, section)
    assert article.url and article.url.startswith("http")
    assert not any(MARKUP.search(u.ar) for u in article.units)
    assert "شارك" not in article.text  # the share bar inside content:encoded is not text


@pytest.mark.parametrize("file, message", [
    ("feed.rss", "feed.rss item 2: no text (neither content nor description)"),
    ("export.jsonl", "export.jsonl item 2: not valid JSON"),
])
def test_a_bad_item_is_one_message_naming_the_file_and_the_item(file, message):
    errors = [str(e) for e in prepare_articles(DATA / file) if isinstance(e, ArticleError)]
    assert len(errors) == 1 and message in errors[0]


def test_hard_wrapped_text_splits_into_the_same_sentences_as_the_unwrapped():
    article = prepare_article(DATA / "wrapped.txt")
    assert article.title.ar == _field(SK, "TITLE")
    assert [s.ar.replace("\xa0", " ") for s in article.sentences] == \
        [s.replace("\xa0", " ") for s in _sentences_of_record(SK)]
    assert all(s.ar.rstrip('"”»)').endswith((".", "؟", "!", ":")) for s in article.sentences)


@pytest.mark.parametrize("what, data, message", [
    ("a feed that is not XML", b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>x',
     "feed.xml: no text"),
    ("a JSON number", b"42", "holds no Arabic text"),
    ("a JSON list of numbers", b"[1, 2]", "feed.xml item 1: not a JSON object (a int)"),
    ("an empty JSON array", b"[]", "holds no article"),
    ("a record with English only", b"<DOC><DOCNO>X-1</DOCNO><TEXT>Hello world.</TEXT></DOC>", "no Arabic"),
])
def test_bad_files_give_one_clear_message(tmp_path, what, data, message):
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    try:
        found = prepare_articles(path)
    except ArticleError as error:
        found = [error]
    errors = [str(e) for e in found if isinstance(e, ArticleError)]
    assert errors and message in errors[0] and str(path) in errors[0]


# --- discovery --------------------------------------------------------------------------------

def test_discover_walks_sub_folders_and_says_what_it_skipped(tmp_path):
    shutil.copytree(ANT, tmp_path / "ant")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    shutil.copy(DATA / "feed.rss", tmp_path / "feed.rss")
    skipped = []
    found = discover(tmp_path, skipped)
    assert len(found) == 7 and found[-1].name == "feed.rss"
    assert skipped == [("notes.md", "not an article file (.md)"), ("photo.jpg", "not an article file (.jpg)")]


def test_a_folder_of_pages_only_says_what_it_saw(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(UsageError, match=r"no articles in .*skipped: a.pdf \(not an article file \(.pdf\)\)"):
        discover(tmp_path)


def test_the_corpus_may_be_one_file():
    assert discover(DATA / "feed.rss") == [DATA / "feed.rss"]


# --- what the readers say the same way ---------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("Tue, 10 Apr 2018 18:27:49 +0400", "2018-04-10T18:27:49+04:00"),
    ("Mon, 09 Apr 2018 13:13:32 GMT", "2018-04-09T13:13:32+00:00"),
    ("2018-04-09T08:37:08Z", "2018-04-09T08:37:08+00:00"),
    ("2018-04-09 08:37", "2018-04-09T08:37:00+00:00"),  # no zone: taken as UTC
    ("2018-04-09", "2018-04-09"),
    ("yesterday", None),
    ("", None),
])
def test_times_become_timezone_aware_iso_8601(value, expected):
    assert iso_time(value) == expected


@pytest.mark.parametrize("candidates, expected", [
    (("skynews",), "Sky News Arabia"),
    (("alarabia",), "Al Arabiya"),
    (("https://www.bbc.co.uk/arabic/world-1",), "BBC Arabic"),
    (("https://arabic.cnn.com/x",), "CNN Arabic"),
    ((None, "سكاي نيوز عربية"), "Sky News Arabia"),
    (("Some Local Paper",), "Some Local Paper"),
    (("https://news.example.org/a",), "news.example.org"),
    (("http://[::1",), "http://[::1"),  # an address urlsplit refuses (ValueError) is kept as written
    (("http://[::1", "skynews"), "Sky News Arabia"),
])
def test_outlets_have_display_names(candidates, expected):
    assert outlet_name(*candidates) == expected


@pytest.mark.parametrize("value, expected", [
    ("https://www.skynewsarabia.com/web/article/1", "https://www.skynewsarabia.com/web/article/1"),
    ("javascript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("/relative/path", None),
    ("http://a b.com", None),
])
def test_only_http_addresses_are_kept(value, expected):
    assert safe_url(value) == expected


def test_a_time_is_shown_in_utc():
    assert shown_time("2018-04-10T18:27:49+04:00") == "10 Apr 2018 14:27 UTC"
    assert shown_time("2018-04-10") == "10 Apr 2018"


def test_a_newsapi_style_export_is_its_list_of_articles(tmp_path):
    import json

    record = ANT / RECORDS[2][0]
    export = {"status": "ok", "articles": [{
        "source": {"id": None, "name": "CNN Arabic"}, "title": _field(record, "TITLE"),
        "url": _field(record, "URL"), "publishedAt": "2018-04-10T10:08:02Z", "content": _field(record, "TEXT")}]}
    path = tmp_path / "newsapi.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    [article] = prepare_articles(path)
    assert (article.outlet, article.published) == ("CNN Arabic", "2018-04-10T10:08:02+00:00")
    assert article.title.ar == _field(record, "TITLE")


def test_a_for_more_link_inside_the_text_is_not_a_sentence(tmp_path):
    record = (ANT / RECORDS[3][0]).read_text(encoding="utf-8")
    text = _field(ANT / RECORDS[3][0], "TEXT")
    path = tmp_path / "FR.txt"
    path.write_text(record.replace(text, text + "\nللمزيد: ترامب يدرس الوضع بدقة وسيتخذ قرارا بالرد\n" + text[:40] + "."),
                    encoding="utf-8")
    article = prepare_article(path)
    assert not any("للمزيد" in s.ar for s in article.sentences)
    assert any("للمزيد" in line for line in article.removed)


def test_a_json_line_python_will_not_read_is_one_bad_item():
    """An integer of 4,300+ digits is valid JSON that json.loads refuses with a plain ValueError
    (no .msg): one bad item, not an AttributeError."""
    from summarize.ingest.formats.jsonl import READER

    text = '{"text": "نص عربي."}\n{"text": "نص", "n": ' + "1" * 5000 + "}\n"
    errors = [item.error for item in READER.read(text)]
    assert errors[0] is None and errors[1].startswith("not valid JSON (") and len(errors) == 2


def test_a_json_record_whose_address_does_not_parse_is_read_without_it():
    from summarize.ingest.formats.jsonl import READER

    text = '{"title": "عنوان", "text": "نص عربي طويل بما يكفي.", "url": "http://[::1", "source": "http://[::1"}\n'
    [item] = READER.read(text)
    assert item.error is None


# --- --max-bytes holds for each article of a file of many ---------------------------------------

PARAGRAPH = "وقال وزير الخارجية إن الاجتماع سيبحث الأزمة في المنطقة مع الدول المجاورة. "  # 135 bytes


def _many(fmt: str, bodies: list[str]) -> str:
    """A file of ``fmt`` holding one article per body."""
    import json

    if fmt == "trec":
        return "".join(f"<DOC>\n<DOCNO>SK-{n}</DOCNO>\n<TITLE>خبر {n}</TITLE>\n<TEXT>\n{b}\n</TEXT>\n</DOC>\n"
                       for n, b in enumerate(bodies, 1))
    if fmt == "feed":
        items = "".join(f"<item><title>خبر {n}</title><description>{b}</description></item>"
                        for n, b in enumerate(bodies, 1))
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    return "".join(json.dumps({"title": f"خبر {n}", "text": b}, ensure_ascii=False) + "\n"
                   for n, b in enumerate(bodies, 1))


@pytest.mark.parametrize("fmt, suffix", [("trec", "txt"), ("feed", "rss"), ("json", "jsonl")])
def test_max_bytes_holds_for_each_article_of_a_file_of_many(tmp_path, fmt, suffix):
    # 12 articles of 1,350 bytes: a 16 KB file, eight times a 2,000-byte limit, is read, not refused whole
    path = tmp_path / f"day.{suffix}"
    bodies = [PARAGRAPH * 10] * 12
    bodies[6] = PARAGRAPH * 20  # one article of 2,700 bytes: over the limit, alone
    path.write_text(_many(fmt, bodies), encoding="utf-8")
    assert path.stat().st_size > 8 * 2000
    found = read_items(path, max_bytes=2000)
    assert [type(item).__name__ for item in found] == ["Article"] * 6 + ["ArticleError"] + ["Article"] * 5
    size = len(bodies[6].strip().encode("utf-8"))
    assert str(found[6]) == (f"{path} item 7: {size:,} bytes of text is over the 2,000-byte limit for one "
                             "article; split it, or raise --max-bytes if it really is one article")


def test_a_file_of_one_article_over_max_bytes_is_still_refused_whole(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(PARAGRAPH * 200, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"long.txt: 27,000 bytes is over the 2,000-byte limit for one article"):
        read_items(path, max_bytes=2000)
