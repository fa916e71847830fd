"""The JSON briefs, written and read in one place: one article's (``brief_json``, read back by
``from_json``) and the day's (``daily_json``).  The schema is in docs/output.md; the review app
rebuilds the articles it shows from these files, so a change of shape is made here, once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from summarize.briefs.marks import Provenance, by_time, figure_value, source_name
from summarize.document import Article, Copy, Flag, NumberCheck, Repair, Section, Sentence, Text
from summarize.stories import Figure, Story, topics


def brief_json(article: Article, provenance: Provenance) -> dict:
    """The JSON twin of the brief (schema in the README)."""

    def unit(text: Text) -> dict:
        data: dict = {"id": text.id, "ar": text.ar, "en": text.en, "numbers": numbers(text)}
        if len(text.pieces) > 1:  # too long for the model at once: cut at clauses, translated piece by piece
            data["pieces"] = list(text.pieces)
        if text.checks:
            data["checks"] = checks_beyond_json(text.checks)
        if text.repairs:
            data["repairs"] = [{"piece": r.piece, "first": r.first, "method": r.method, "rank": r.rank}
                               for r in text.repairs]
        if text.review is not None:
            data["review"] = unit_review_json(text)
        return data

    return {
        "article": article.stem,
        "numbers_checked": article.number_counts.as_json(),
        "source": source_name(article),
        "encoding": article.encoding,
        "dateline": article.dateline,
        "title": unit(article.title_unit),
        "title_from": "headline" if article.title_from_headline else "lead",
        "word_count": article.word_count,
        "sections": [
            {
                "heading": unit(sec.heading) if sec.heading else None,
                "sentences": [unit(s) for s in sec.sentences],
            }
            for sec in article.sections
        ],
        "summary": [unit(article.sentence(i)) for i in article.summary],
        "removed": article.removed,
        "signature": provenance.signature,
    } | source_json(article) | ({"review": brief_review_json(article)} if article.review else {})


SOURCE_FIELDS = ("outlet", "published", "url", "section", "abstract")


def source_json(article: Article) -> dict:
    """What the source said of the article (outlet, published, url, section, abstract) and its
    ``copies``; only what is known, so a plain text file's brief is as it always was."""
    data = {name: getattr(article, name) for name in SOURCE_FIELDS if getattr(article, name)}
    if article.copies:
        data["copies"] = [c.as_json() for c in article.copies]
    return data


def unit_review_json(text: Text) -> dict:
    """A unit's ``"review"``: whose English it is (the model's stays beside a human one), checked."""
    review = text.review
    assert review is not None, "unit_review_json is asked of reviewed units only"
    data: dict = {"english": "human" if review.human else "model"}
    if review.human:
        data["model_en"] = text.model_en
        data["model_numbers"] = checks_json(review.model_numbers)
        if review.corrected_in:
            data["corrected_in"] = review.corrected_in
    data.update(checked=review.checked, reviewer=review.reviewer, at=review.at)
    return data


def brief_review_json(article: Article) -> dict:
    review = article.review
    assert review is not None, "brief_review_json is asked of reviewed briefs only"

    def approval(a) -> dict | None:
        return {"reviewer": a.reviewer, "at": a.at} if a else None

    return {"checked": article.checked_count, "units": len(article.units), "approved": approval(review.approval),
            "approval_lost": approval(review.lost)}


def numbers(text: Text) -> list[dict]:
    return checks_json(text.numbers)


def checks_json(checks: list[NumberCheck]) -> list[dict]:
    return [{"ar": n.ar, "en": n.en, "value": n.value, "kind": n.kind, "status": n.status} for n in checks]


def checks_beyond_json(flags: list[Flag]) -> list[dict]:
    """The checks beyond numbers that flag a unit (``summarize.checks``): name, words, evidence."""
    return [{"check": f.check, "note": f.note, "evidence": f.evidence} for f in flags]


def headline_json(text: Text) -> dict:
    """A story's or topic's title in the daily JSON: ``ar``, ``en``, and, where any, its number checks
    (``numbers``) and the checks beyond numbers that flag it (``checks``)."""
    return ({"ar": text.ar, "en": text.en} | ({"numbers": numbers(text)} if text.numbers else {})
            | ({"checks": checks_beyond_json(text.checks)} if text.checks else {}))


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _figure_json(f: Figure) -> dict:
    """A figure: what it counts (``noun``; ``counted``: the noun as written, ``label``: in the English),
    its ``qualifier`` and ``interval``, its Arabic ``words`` and how the brief shows it (``shown``)."""
    return {"article": f.article, "id": f.sentence.id, "kind": f.kind, "noun": f.noun, "label": f.label,
            "value": f.value, "text": f.text, "qualifier": f.qualifier, "interval": f.interval.as_json(),
            "counted": f.claim.noun if f.claim else "", "words": f.claim.text if f.claim else f.text,
            "shown": figure_value(f), "ar": f.sentence.ar, "en": f.sentence.en}


def daily_json(date: str, stories: list[Story], articles: list[Article],
               failures: list[tuple[str, str]], provenance: Provenance,
               continuing: dict | None = None) -> dict:
    """The day's JSON; ``continuing`` (the story history's, by id): a topic or story that continues an
    earlier day's gains ``continues`` (``stories.history.Continuation.as_json``)."""
    continuing = continuing or {}

    def since(key: str) -> dict:
        return {"continues": continuing[key].as_json()} if key in continuing else {}

    return {
        "date": date,
        "topics": [{"id": topic.id, "title": headline_json(topic.headline),
                    "outlets": topic.outlets, "stories": [story.id for story in topic.stories]} | since(topic.id)
                   for topic in topics(stories)],
        "stories": [
            {
                "id": story.id,
                "topic": story.topic,
                **since(story.id),
                "title": headline_json(story.headline),
                "articles": [a.stem for a in story.articles],
                **({"sources": [{"article": a.stem} | source_json(a) for a in by_time(story.articles)]}
                   if any(a.outlet or a.published or a.copies for a in story.articles) else {}),
                "summary": [{"article": stem, "id": s.id, "ar": s.ar, "en": s.en, "numbers": numbers(s)}
                            | ({"checks": checks_beyond_json(s.checks)} if s.checks else {})
                            | ({"review": unit_review_json(s)} if s.review else {}) for stem, s in story.summary],
                "discrepancies": [[_figure_json(f) for f in g] for g in story.discrepancies],
                "agreements": [[_figure_json(f) for f in g] for g in story.agreements],
                "links": [f"{a.stem}.md" for a in story.articles],
                "reasons": {"joined": [link.as_json() for link in story.links],
                            "nearest_apart": story.nearest_apart.as_json() if story.nearest_apart else None},
            }
            for story in stories
        ],
        "failed": [{"file": name, "reason": reason} for name, reason in failures],
        "signature": provenance.signature,
    } | ({"review": {"approved": [{"article": a.stem, "reviewer": a.review.approval.reviewer,
                                   "at": a.review.approval.at} for a in articles if a.review and a.review.approval],
                     "briefs": len(articles)}} if any(a.review for a in articles) else {})


def provenance_of(signature: str) -> Provenance:
    """The ``Provenance`` a brief's signature was rendered from (``model:...|backend:...|...``)."""
    fields = dict(part.split(":", 1) for part in signature.split("|") if ":" in part)
    return Provenance(model=fields["model"], backend=fields["backend"], beam=int(fields["beam"]),
                      device=fields["device"], summary=fields["summary"], version=fields["version"])


_T = TypeVar("_T", bound=Text)


def _unit(data: dict, cls: type[_T], kind: str) -> _T:
    review = data.get("review") or {}
    human = review.get("english") == "human"
    en = review["model_en"] if human else data["en"]
    checks = review["model_numbers"] if human else data["numbers"]
    return cls(ar=data["ar"], kind=kind, id=data["id"], translations=[en] if en is not None else [],
               numbers=[NumberCheck(**n) for n in checks], repairs=[Repair(**r) for r in data.get("repairs", [])],
               checks=[] if human else [Flag(**f) for f in data.get("checks", [])],
               pieces=list(data.get("pieces", [])))


def from_json(data: dict) -> Article:
    """The ``Article`` a JSON brief was rendered from, before any review (``KeyError``/``TypeError``
    on a brief of another shape)."""
    article = Article(stem=data["article"], source=Path(data["source"]), encoding=data["encoding"],
                      dateline=data["dateline"], title=_unit(data["title"], Text, "title"),
                      title_from_headline=data["title_from"] == "headline", removed=list(data["removed"]))
    for section in data["sections"]:
        heading = _unit(section["heading"], Text, "heading") if section["heading"] else None
        article.sections.append(Section(heading, [_unit(s, Sentence, "sentence") for s in section["sentences"]]))
    article.summary = [s["id"] for s in data["summary"]]
    for name in SOURCE_FIELDS:
        setattr(article, name, data.get(name))
    article.copies = [Copy(name=c["article"], file=c["file"], outlet=c.get("outlet"), section=c.get("section"),
                           published=c.get("published"), url=c.get("url"), similarity=c.get("similarity", 1.0))
                      for c in data.get("copies", [])]
    return article


@dataclass(frozen=True)
class DailyIndex:
    """What the review needs of a daily brief's JSON (``daily_json``): the day, how it was made,
    which briefs each story holds, in the brief's order, and the files that were not briefed."""

    date: str
    made_by: Provenance
    story_stems: list[list[str]]
    failures: list[tuple[str, str]]

    @property
    def stems(self) -> list[str]:
        """Every brief the day names, once each, in the daily brief's order."""
        return list(dict.fromkeys(stem for story in self.story_stems for stem in story))


def read_daily(data: dict) -> DailyIndex:
    """The ``DailyIndex`` of a daily brief's JSON, the reader beside its writer ``daily_json``
    (``KeyError``/``TypeError``/``ValueError``/``AttributeError`` on a file of another shape)."""
    return DailyIndex(date=data["date"], made_by=provenance_of(data["signature"]),
                      story_stems=[list(story["articles"]) for story in data["stories"]],
                      failures=[(f["file"], f["reason"]) for f in data["failed"]])
