"""HTML briefs: golden files, escaping of untrusted text, anchors, source names, publishable files.

Golden files: ``UPDATE_GOLDEN=1 python -m pytest tests/test_briefs_html.py`` and review the diff.
What a reader sees in a real browser is checked in test_browser.py.
"""

import os
import stat
from html.parser import HTMLParser

import pytest
from helpers import CORPUS, PROVENANCE, ScriptedTranslator

from summarize import pipeline
from summarize.briefs import html as pages
from summarize.pipeline import prepare_article

HOSTILE = ('خبر عن <script>window.pwned=1</script> و<img src=x onerror="window.pwned=2"> '
           'في واشنطن & "اقتباس" يوم 22 مارس.')


@pytest.fixture
def briefed(tmp_path, sample_translator):
    """The sample corpus through the real pipeline with the sample translations, in every format."""
    options = pipeline.Options(corpus=CORPUS, out=tmp_path / "briefs", date="2026-11-22")
    result = pipeline.run(options, lambda: sample_translator)
    return result, tmp_path / "briefs"


class Echo(ScriptedTranslator):
    def _one(self, text: str) -> str:
        return "EN " + text


class Anchors(HTMLParser):
    """Every id and every same-page or cross-page href of a page; scripts and event handlers."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.scripts, self.handlers, self.external = set(), [], 0, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "script":
            self.scripts += 1
        if tag in ("link", "img", "iframe") or (tag == "script" and "src" in attrs):
            self.external.append(tag)
        self.handlers += [name for name in attrs if name.startswith("on")]


def parse(text: str) -> Anchors:
    parser = Anchors()
    parser.feed(text)
    return parser


def without_stylesheet(page: str) -> str:
    """The page with its inlined stylesheet named, not copied: the golden files pin the markup,
    style.css is the stylesheet's one copy (and it must be inlined whole)."""
    css = pages.TEMPLATES.joinpath("style.css").read_text(encoding="utf-8")
    assert page.count(css) == 1
    return page.replace(css, "/* summarize/templates/style.css, inlined */\n")


def test_brief_html_golden(brief_of, check_golden):
    article = brief_of("004")
    check_golden(f"{article.stem}.html", without_stylesheet(pages.render_brief_html(article, PROVENANCE)))


def test_daily_html_golden(briefed, check_golden):
    _, out = briefed
    text = (out / "daily-brief.html").read_text(encoding="utf-8")
    check_golden("daily-brief.html", without_stylesheet(text.replace(PROVENANCE.signature, "SIGNATURE")))


def test_every_link_of_the_html_lands_on_an_anchor(briefed):
    result, out = briefed
    parsed = {p.name: parse(p.read_text(encoding="utf-8")) for p in out.glob("*.html")}
    assert len(parsed) == len(result.articles) + 1
    for name, page in parsed.items():
        assert page.scripts == 0 and not page.external and not page.handlers, name  # self-contained, inert
        for href in page.hrefs:
            target, _, anchor = href.partition("#")
            target = target or name
            assert target in parsed, f"{name}: link to {href}"
            if anchor:
                assert anchor in parsed[target].ids, f"{name}: {href} has no anchor"


def test_key_figures_link_to_their_sentence_and_sentences_have_anchors(brief_of):
    article = brief_of("004")
    html = pages.render_brief_html(article, PROVENANCE)
    page = parse(html)
    assert {s.id for s in article.sentences} <= page.ids
    assert {"title", "h2", "h3", "s14-n1", "s14-n2"} <= page.ids
    assert '<tr id="s14" class="flagged">' in html
    assert '<td data-label="Where"><a href="#s14">s14</a></td>' in html
    assert '<tr id="s7" class="repaired">' in html


def test_mixed_direction_fragments_are_isolated(brief_of):
    html = pages.render_brief_html(brief_of("004"), PROVENANCE)
    assert ('<bdi>⚠ numbers: <bdi dir="rtl" lang="ar">280 ألف</bdi> became <bdi>28,000</bdi></bdi>'
            in html)
    assert '<td class="ar" dir="rtl" lang="ar">' in html and '<html lang="en">' in html


def test_article_text_is_escaped_everywhere(tmp_path, sample_translator):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(f"عنوان <b>الخبر</b>\n\n{HOSTILE}\n\n{HOSTILE}", encoding="utf-8")
    echo = Echo()  # its English repeats the Arabic: the hostile markup is in both languages
    pipeline.run(pipeline.Options(corpus=corpus, out=tmp_path / "out"), lambda: echo)
    for page in (tmp_path / "out").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        parsed = parse(text)
        assert parsed.scripts == 0 and not parsed.handlers, page.name
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text
        assert "EN خبر عن &lt;script&gt;window.pwned=1&lt;/script&gt;" in text  # the English cell too
        assert 'onerror="' not in text


@pytest.mark.parametrize("stem, name", [
    ("001", "إيلاف من لندن"),              # "outlet from place:" opening the text
    ("003", "أخبار الآن | دبي – الإمارات العربية المتحدة"),  # an "outlet | place" line above it
    ("000", "000_1cfe3c73c460bb24.txt"),  # neither: the file name
])
def test_sources_are_named_by_outlet_and_dateline_else_by_file(stem, name):
    article = prepare_article(next(CORPUS.glob(f"{stem}_*.txt")))
    assert pages.source_label(article) == name


def test_briefs_are_publishable(briefed):
    result, out = briefed
    mask = os.umask(0)
    os.umask(mask)
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path.name
        assert not path.name.startswith(".") or path.name == ".summarize-written", path.name  # no lock or temp
        text = path.read_text(encoding="utf-8")
        assert str(CORPUS) not in text and str(out) not in text, path.name  # no local paths


@pytest.mark.parametrize("formats, suffixes", [
    (("html",), {".html"}),
    (("md", "json"), {".md", ".json"}),
])
def test_format_chooses_what_is_written(tmp_path, sample_translator, formats, suffixes):
    options = pipeline.Options(corpus=CORPUS, out=tmp_path / "b", formats=formats)
    pipeline.run(options, lambda: sample_translator)
    assert {p.suffix for p in (tmp_path / "b").iterdir() if p.name != ".summarize-written"} == suffixes
    assert {p.stem for p in (tmp_path / "b").iterdir()} >= {"daily-brief"}


def test_a_section_without_heading_is_not_a_bare_number(tmp_path, sample_translator):
    article = prepare_article(next(CORPUS.glob("000_*.txt")))  # no sub-headings: grouped by size
    assert len(article.sections) > 1 and not any(s.heading for s in article.sections)
    from summarize.briefs import markdown
    from summarize.numbers.verify import verify_articles
    from summarize.translate.stage import translate_articles

    translate_articles([article], sample_translator, progress=False)
    verify_articles([article], sample_translator)
    md = markdown.render_brief(article, PROVENANCE)
    assert "### 1.\n" not in md and "### Part 1\n" in md
    assert "<h3>Part 1</h3>" in pages.render_brief_html(article, PROVENANCE)


@pytest.mark.parametrize("name, identity, label", [
    ("/home/ana/models/opus-mt-ar-en", "sha256:" + "ab12" * 16 + "+ct2:int8", "opus-mt-ar-en@sha256:ab12ab12ab12"),
    ("models/tiny-marian/", "models/tiny-marian/@sha256:" + "0f" * 32, "tiny-marian@sha256:0f0f0f0f0f0f"),
    ("Helsinki-NLP/opus-mt-ar-en", "Helsinki-NLP/opus-mt-ar-en@" + "c0ffee12" * 5, "Helsinki-NLP/opus-mt-ar-en@c0ffee12c0ff"),
    ("scripted", "scripted", "scripted"),
])
def test_the_model_is_named_without_a_local_path(name, identity, label):
    from summarize.translate.models import model_label

    assert model_label(name, identity) == label


class BlankTitles(ScriptedTranslator):
    """A model that gives an empty English for headlines (as a real one can for a short one)."""

    def _one(self, text: str) -> str:
        return "" if text.startswith("عنوان") else "EN " + text


def test_an_empty_english_title_leaves_the_arabic_headline_to_click(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("عنوان الخبر الأول\n\nقال المتحدث إن الاجتماع انتهى مساء الأحد.", encoding="utf-8")
    pipeline.run(pipeline.Options(corpus=corpus, out=tmp_path / "out", formats=("html",)), BlankTitles)
    text = (tmp_path / "out" / "daily-brief.html").read_text(encoding="utf-8")
    overview = text[text.index('<ul class="overview">'):text.index("</ul>", text.index('<ul class="overview">'))]
    assert '<a href="#topic-1"><bdi dir="rtl" lang="ar">عنوان الخبر الأول</bdi></a>' in overview
