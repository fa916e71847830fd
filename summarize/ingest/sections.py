"""Title, sections and sentences from an article's cleaned text.

* A headline is a short first line without sentence-final punctuation; it
  becomes the title.  An article without one gets a title made from its lead
  sentence's first clause.
* A sub-heading is a short unpunctuated line alone between paragraphs; it
  starts a section.  Runs of short lines (verse, a list of facts) are text.
* Paragraphs stay together.  An article without sub-headings is grouped into
  sections of a few sentences, so the reader gets structure; a paragraph that
  is itself long (articles sent as one block) is cut at sentences that open a
  new thread ("من جهة أخرى") or, failing that, by size.
"""

from __future__ import annotations

import math
import re

from summarize.document import Article, Section, Sentence, Text
from summarize.ingest.sentences import split_sentences

HEADLINE_MAX_WORDS = 25
HEADING_MAX_WORDS = 10
SECTION_MIN = 3  # sentences before a section may end
SECTION_MAX = 6  # a paragraph longer than this is cut into sections
SECTION_TARGET = 5  # ... of about this many sentences, balanced
TITLE_MIN_WORDS = 6
TITLE_MAX_WORDS = 16

_FINAL_PUNCTUATION = tuple(".!?؟…:،,؛;\"”»)")
# Sentences that open a new thread: good places to start a section.
_THREAD_OPENERS = (
    "من جهة أخرى", "من جهته", "من جهتها", "من ناحية أخرى", "في السياق ذاته", "في سياق",
    "وفي سياق", "في الجانب", "في غضون ذلك", "إلى ذلك", "في المقابل", "وفي الختام", "في الختام",
    "لكن", "ولكن", "في حين",
)
# "إيلاف من لندن:" / "واشنطن - " opening the lead: a dateline, not part of a title.
_LEAD_DATELINE = re.compile(r"^[^،.:]{2,30}?(:|\s[-–]\s)\s*")


_CLOSING_QUOTES = "\"”»"


def is_heading_line(line: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    """Short, and not ending a sentence (a quotation closing a headline, ``يحذر من غزو "المهاجرين"``,
    ends no sentence unless the sentence's own mark comes before it)."""
    end = line.rstrip(_CLOSING_QUOTES) if line.endswith(tuple(_CLOSING_QUOTES)) and line.count('"') % 2 == 0 else line
    return len(line.split()) <= max_words and bool(end) and not end.endswith(_FINAL_PUNCTUATION)


def build_sections(article: Article) -> Article:
    """Fill ``title`` and ``sections`` from ``article.text``."""
    lines = [line for line in article.text.split("\n") if line.strip()]
    title: str | None = None
    if article.headline:  # the source's own title (a record's TITLE, a page's): the title, whatever it looks like
        title = " ".join(article.headline.split())
        if len(lines) > 1 and " ".join(lines[0].split()) == title:
            lines.pop(0)
        article.title_from_headline = True
    elif len(lines) > 1 and is_heading_line(lines[0], HEADLINE_MAX_WORDS):
        title = lines.pop(0)
        article.title_from_headline = True

    # blocks: (heading or None, [paragraph sentences, ...])
    blocks: list[tuple[str | None, list[list[str]]]] = [(None, [])]
    short = [is_heading_line(line, HEADING_MAX_WORDS) for line in lines]
    for index, line in enumerate(lines):
        # a heading stands alone between paragraphs; a run of short lines (verse, a list of
        # facts, related headlines) is text, and none of it may vanish as an empty section's heading
        alone = 0 < index < len(lines) - 1 and not short[index - 1] and not short[index + 1]
        if short[index] and alone:
            blocks.append((line, []))
        else:
            blocks[-1][1].append(split_sentences(line))
    blocks = [b for b in blocks if b[1]]

    counter = 0
    article.sections = []
    has_headings = any(heading for heading, _ in blocks)
    for heading, paragraphs in blocks:
        groups = [paragraphs] if has_headings else _group(paragraphs)
        for n, group in enumerate(groups):
            heading_id = f"h{len(article.sections) + 1}"  # the number its section has in the brief
            section = Section(heading=Text(heading, kind="heading", id=heading_id) if heading and n == 0 else None)
            for paragraph in group:
                for sentence in paragraph:
                    counter += 1
                    section.sentences.append(Sentence(id=f"s{counter}", ar=sentence))
            article.sections.append(section)

    if title is None and article.sections:
        title = lead_title(article.sections[0].sentences[0].ar)
    article.title = Text(title or article.stem, kind="title", id="title")
    return article


def _group(paragraphs: list[list[str]]) -> list[list[list[str]]]:
    """Group paragraphs into sections of about SECTION_MIN..SECTION_MAX sentences."""
    sections: list[list[str]] = [[]]
    for paragraph in paragraphs:
        long_paragraph = len(paragraph) > SECTION_MAX
        # balanced pieces: 14 sentences -> 5+5+4, not 6+6+2
        limit = math.ceil(len(paragraph) / math.ceil(len(paragraph) / SECTION_TARGET))
        for i, sentence in enumerate(paragraph):
            size = len(sections[-1])
            may_start = i == 0 or (long_paragraph and sentence.startswith(_THREAD_OPENERS))
            if (may_start and size >= SECTION_MIN) or (long_paragraph and size >= limit):
                sections.append([])
            sections[-1].append(sentence)
    if len(sections) > 1 and len(sections[-1]) < 2:
        sections[-2].extend(sections.pop())
    # each section is one "paragraph" from here on; the order of sentences is kept
    return [[section] for section in sections]


def lead_title(lead: str) -> str:
    """A title from the lead sentence: its first clauses, without a dateline,
    enough of them to say what happened (TITLE_MIN_WORDS), cut at TITLE_MAX_WORDS."""
    text = _LEAD_DATELINE.sub("", lead, count=1) if len(lead.split()) > TITLE_MIN_WORDS else lead
    clauses = re.split(r"(?<=[،,؛;])\s*", text.rstrip(" .!؟?"))
    title = ""
    for clause in clauses:
        title = f"{title} {clause}".strip()
        if len(title.split()) >= TITLE_MIN_WORDS:
            break
    title = title.rstrip("،,؛; ")
    words = title.split()
    if len(words) > TITLE_MAX_WORDS:
        title = " ".join(words[:TITLE_MAX_WORDS]).rstrip("،,؛;") + " …"
    return title
