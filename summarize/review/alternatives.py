"""The model's other translations of a unit, read from the translation cache (never from a model).

The number check asks the model for its ``REPAIR_HYPOTHESES`` best beams of
every piece whose numbers failed, and of the piece with its numbers in
digits; the cache (``summarize.translate.cache``) keeps them under the piece
the model saw, in the namespace of the model and its options.  A brief does
not name that namespace, so it is found from the cache itself: the one whose
best translation of the piece is the English the brief shows as the model's.

Read only (the file is opened ``mode=ro``: no use counts are touched) and
best effort: a missing or unreadable cache, a sentence the model saw in
several pieces, or a model that no longer gave this English yields no
alternatives and a reason, never an error.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from summarize.document import RepairMethod, Text
from summarize.ingest.clean import unglue
from summarize.numbers import check
from summarize.numbers.verify import with_digits
from summarize.translate import BEST, nbest_size


@dataclass(frozen=True)
class Alternative:
    text: str
    method: RepairMethod  # n-best | digits (the Arabic decoded with its numbers in digits)
    rank: int  # 1 = the model's best for that input
    numbers_ok: bool  # its numbers all verify against the Arabic


@dataclass(frozen=True)
class Alternatives:
    found: list[Alternative]
    reason: str = ""  # why there are none, when there are none


def model_first(unit: Text) -> str | None:
    """The model's first translation of a one-piece unit, before any repair replaced it."""
    for repair in unit.repairs:
        if repair.piece == 0:
            return repair.first
    return unit.model_en


def lookup(cache_path: Path | None, units: list[Text]) -> dict[str, Alternatives]:
    """Each unit's alternatives, by unit id (one read-only connection for all of them)."""
    if cache_path is None or not Path(cache_path).is_file():
        reason = f"no translation cache at {cache_path}" if cache_path else "no translation cache"
        return {u.id: Alternatives([], reason) for u in units}
    try:
        db = sqlite3.connect(f"{Path(cache_path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        return {u.id: Alternatives([], f"the translation cache cannot be read ({error})") for u in units}
    try:
        return {u.id: _one(db, u) for u in units}
    finally:
        db.close()


def _one(db: sqlite3.Connection, unit: Text) -> Alternatives:
    if any(r.piece > 0 for r in unit.repairs):
        return Alternatives([], "the model saw this sentence in pieces")
    try:
        return _read(db, unit, unglue(unit.ar))
    except (sqlite3.Error, ValueError, TypeError) as error:
        return Alternatives([], f"the translation cache cannot be read ({error})")


def _read(db: sqlite3.Connection, unit: Text, piece: str) -> Alternatives:
    first = model_first(unit)
    spaces = [ns for ns, target in db.execute(
        "SELECT namespace, target FROM translations WHERE kind = ? AND source = ?", (BEST, piece)) if target == first]
    if not spaces:
        return Alternatives([], "the cache has no translation of this sentence by the model that made the brief")
    inputs: dict[str, RepairMethod] = {piece: "n-best", with_digits(piece): "digits"}
    found, seen, asked = [], {unit.en, first, unit.model_en}, False
    for source, method in inputs.items():
        rows = [(n, target) for kind, target in db.execute(
                    "SELECT kind, target FROM translations WHERE namespace = ? AND source = ?", (spaces[0], source))
                if (n := nbest_size(kind)) is not None]
        asked = asked or bool(rows)
        for _, stored in sorted(rows, reverse=True)[:1]:  # the longest list stored (nbest:16 before nbest:8)
            for rank, (text, _score) in enumerate(json.loads(stored), 1):
                if text and text not in seen:
                    seen.add(text)
                    found.append(Alternative(text, method, rank, check(unit.ar, text).ok))
    if not found:
        return Alternatives([], "the model's other translations are the ones shown above" if asked else
                            "the model was not asked for alternatives: its numbers verified")
    return Alternatives(found)
