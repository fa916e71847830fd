"""Exchange with CAT tools: the day's units as XLIFF 1.2, reviewers' edits back, corrections as TMX.

``export_xliff``: one ``<file>`` per brief (``original`` = the brief's stem), one ``<trans-unit>``
per unit (``id`` = the brief's unit id: ``title``, ``h2``, ``s14``), the Arabic as ``<source>``
(``ar``), the English shown as ``<target>`` (``en``), each flag (numbers and the checks beyond
them) as a ``<note from="summarize">``, and the target's ``state`` from the review:
``needs-review-translation`` (flagged and not checked), ``signed-off`` (checked, or the brief
approved), else ``translated``.  ``extradata`` keeps the unit's review record version, as the
review app's form does: a unit saved in the app after the export is not overwritten.

``import_xliff`` takes the file back as a save in the review app does (``units.save_unit``: the
same store, then the number check and the re-render of ``briefs.rerender`` under the folder
lock): an edited target is the reviewer's correction, and a state moved to ``signed-off`` (or
``final``) checks the unit, one moved from it unchecks it.  A blank target changes nothing (a tool
may drop targets).  A unit whose Arabic changed since the export (or whose brief or id is no
longer in the folder, or that was saved in the app since) is refused with a message naming the
file and the unit; the others go on.

``export_tmx``: every stored correction as a translation memory, Arabic to English.

translate-toolkit (the ``xliff`` extra) reads and writes both formats; it is imported here only
when one of them is asked for.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarize.briefs.marks import check_lines, number_problem
from summarize.document import FLAGGED, Article, Text
from summarize.errors import LockError
from summarize.review.briefs import BriefError, Folder, FolderReader, rerender
from summarize.review.state import ReviewState, ar_key, review_onto
from summarize.review.schema import ReviewDbError
from summarize.review.store import Conflict, ReviewStore, UnitRecord
from summarize.review.units import Gone, arabic_tag, find, ordered_units, save_unit

if TYPE_CHECKING:
    from translate.storage.xliff import xliffunit

NEEDS_REVIEW = "needs-review-translation"
TRANSLATED = "translated"
SIGNED_OFF = "signed-off"
SIGNED = (SIGNED_OFF, "final")  # the states a CAT tool's reviewer signs a unit off with
NOTE_FROM = "summarize"
NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
SKELETON = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NAMESPACE}">'
            '<file original="NoName" source-language="ar" target-language="en" datatype="plaintext">'
            "<body/></file></xliff>").encode()


class ExchangeError(ReviewDbError):
    """A file that is not an XLIFF or TMX file summarize can read; nothing was changed."""


def notes(unit: Text) -> list[str]:
    """The flags of a unit, one line each: its numbers', then the checks beyond numbers."""
    return [f"numbers: {number_problem(n)}" for n in unit.numbers if n.status in FLAGGED] + check_lines(unit)


def state_of(article: Article, unit: Text) -> str:
    """The XLIFF state of a unit from its review (see the module docstring)."""
    checked = unit.review is not None and unit.review.checked
    approved = article.review is not None and article.review.approval is not None
    if checked or approved:
        return SIGNED_OFF
    return NEEDS_REVIEW if notes(unit) else TRANSLATED


def reviewed_folder(reader: FolderReader, store: ReviewStore | None) -> Folder:
    """The folder with the stored reviews on its articles (none without a store)."""
    folder = reader.read()
    review_onto(folder.articles, folder.shown, ReviewState.load(store) if store is not None else
                ReviewState(units={}, corrections={}, approvals={}))
    return folder


def export_xliff(folder: Folder) -> bytes:
    """The day's units (``folder``, reviews attached) as an XLIFF 1.2 file."""
    from translate.storage import xliff

    class Unit(xliff.xliffunit):
        namespace = NAMESPACE  # made in 1.2's namespace: no stray declaration of the toolkit's 1.1

    store = xliff.xlifffile.parsestring(SKELETON)
    store.UnitClass = Unit
    for article in folder.articles:
        for unit, _ in ordered_units(article):
            item = store.addsourceunit(unit.ar, filename=article.stem, createifmissing=True)
            item.setid(unit.id)
            item.settarget(unit.en or "", lang="en")
            for line in notes(unit):
                item.addnote(line, origin=NOTE_FROM)
            state = state_of(article, unit)
            item.set_state_n(item.statemap[state])
            item.markapproved(state == SIGNED_OFF)  # the toolkit approves "translated" too; XLIFF 1.2 does not
            item.xmlelement.set("extradata", f"version:{unit.review.version if unit.review else 0}")
    store.settargetlanguage("en")
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


@dataclass(frozen=True)
class Edit:
    """One trans-unit as it came back."""

    stem: str
    unit_id: str
    source: str
    target: str
    state: str | None
    version: int | None  # the record version at export (None: the tool dropped it)


def _version(value: str | None) -> int | None:
    if value and value.startswith("version:") and value[8:].isdigit():
        return int(value[8:])
    return None


def read_xliff(data: bytes, name: str = "the file") -> list[Edit]:
    """The trans-units of an XLIFF 1.x file (``ExchangeError`` for anything else)."""
    from translate.storage import xliff

    try:
        store = xliff.xlifffile.parsestring(data)
    except Exception as error:  # lxml's XMLSyntaxError, the toolkit's ValueError/AssertionError on other XML
        raise ExchangeError(f"{name} is not an XLIFF 1.2 file ({error}); nothing was imported") from None
    edits = []
    unit: xliffunit
    for unit in store.units:
        stem, _, unit_id = str(unit.getid()).partition("\x04")
        target_node = unit.getlanguageNode(lang=None, index=1)
        state = target_node.get("state") if target_node is not None else None
        edits.append(Edit(stem, unit_id, str(unit.source or ""), str(unit.target or ""), state,
                          _version(unit.xmlelement.get("extradata"))))
    return edits


@dataclass
class DeskConfig:
    reviewer: str


class Desk:
    """What a save needs of the review app (``units.save_unit``), without the web app: the folder
    with the stored reviews, read once for the whole import, the store and the reviewer."""

    def __init__(self, reader: FolderReader, store: ReviewStore, reviewer: str) -> None:
        self.reader = reader
        self.store = store
        self.config = DeskConfig(reviewer)
        self.db_lock = threading.Lock()
        self._folder: Folder | None = None
        self._state: ReviewState | None = None

    def folder(self) -> tuple[Folder, ReviewState]:
        if self._folder is None or self._state is None:
            self._state = ReviewState.load(self.store)
            self._folder = self.reader.read()
            review_onto(self._folder.articles, self._folder.shown, self._state)
        return self._folder, self._state

    def rerender(self, stems: list[str], wait: float | None = None) -> str:
        """Re-render ``stems`` as the app does after a save; what went wrong, in words (empty: done)."""
        try:
            rerender(self.reader, stems,
                     lambda folder: review_onto(folder.articles, folder.shown, ReviewState.load(self.store)), wait)
        except (LockError, BriefError, OSError) as error:
            return (f"the corrections are saved, but the brief files were not re-rendered ({error}); the next "
                    "save, summarize review or summarize run renders them")
        return ""


@dataclass
class Imported:
    saved: list[tuple[str, str]] = field(default_factory=list)  # (stem, unit id)
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)  # one message each, naming the file and the unit
    problem: str = ""  # the re-render's, or the database's (the rest was not imported)


def import_xliff(desk: Desk, edits: list[Edit], wait: float | None = None) -> Imported:
    """Take ``edits`` back as reviewers' saves (see the module docstring)."""
    result = Imported()
    folder, _ = desk.folder()
    written: dict[tuple[str, str], int] = {}  # versions this import wrote (one Arabic twice in a brief)
    for edit in edits:
        where = f"{edit.stem}, unit {edit.unit_id}"
        article = folder.article(edit.stem)
        unit = find(article, edit.unit_id)
        if article is None:
            result.refused.append(f"{where}: there is no brief {edit.stem!r} in {folder.path}; not imported")
            continue
        if unit is None:
            result.refused.append(f"{where}: the brief has no unit {edit.unit_id!r} now (it was made again "
                                  "since the export); not imported")
            continue
        if ar_key(edit.source) != ar_key(unit.ar):
            result.refused.append(f"{where}: the Arabic changed since the export (the brief was made again, or "
                                  "the source was edited); not imported: export again and redo this unit")
            continue
        target = " ".join(edit.target.split())
        shown = unit.en or ""
        was_checked = unit.review is not None and unit.review.checked
        # a state left as exported keeps the check as it is (an approved brief's units are all
        # signed off without each being checked); one the reviewer changed says what it is now
        checked = edit.state in SIGNED if edit.state != state_of(article, unit) else was_checked
        if (not target or target == shown) and checked == was_checked:
            result.unchanged += 1
            continue
        key = (edit.stem, ar_key(unit.ar))
        current = unit.review.version if unit.review else 0
        version = written.get(key, edit.version if edit.version is not None else current)
        try:
            record: UnitRecord = save_unit(desk, edit.stem, edit.unit_id, arabic_tag(unit), target or shown,
                                           checked, version)
        except Gone as gone:
            result.refused.append(f"{where}: {gone}")
            continue
        except Conflict as conflict:
            by = f" by {conflict.current.reviewer} at {conflict.current.at}" if conflict.current else ""
            result.refused.append(f"{where}: saved in the review{by} since the export; not imported: export "
                                  "again and redo this unit")
            continue
        except ReviewDbError as error:
            result.problem = f"{error}; the units after {where} were not imported"
            break
        written[key] = record.version
        result.saved.append((edit.stem, edit.unit_id))
    stems = list(dict.fromkeys(stem for stem, _ in result.saved))
    if stems:
        problem = desk.rerender(stems, wait)
        result.problem = "; ".join(p for p in (result.problem, problem) if p)
    return result


def _tmx_date(at: str) -> str:
    """ISO 8601 UTC (``2026-11-22T10:15:00Z``) as TMX writes it (``20261122T101500Z``)."""
    return at.replace("-", "").replace(":", "")


def export_tmx(store: ReviewStore) -> tuple[bytes, int]:
    """Every stored correction (one per Arabic and English) as a TMX 1.4 memory; and how many."""
    from translate.storage import tmx

    memory = tmx.tmxfile(sourcelanguage="ar", targetlanguage="en")
    seen = set()
    records = sorted((r for r in store.units().values() if r.corrected_en is not None), key=lambda r: (r.at, r.article))
    for record in records:
        if (record.ar_key, record.corrected_en) in seen:
            continue
        seen.add((record.ar_key, record.corrected_en))
        note = f"{record.article} {record.unit_id}; the model's English: {record.model_en or ''}"
        memory.addtranslation(record.ar, "ar", record.corrected_en, "en", comment=note)
        unit = memory.units[-1]
        unit.xmlelement.set("creationid", record.reviewer)
        unit.xmlelement.set("creationdate", _tmx_date(record.at))
    out = io.BytesIO()
    memory.serialize(out)
    return out.getvalue(), len(seen)
