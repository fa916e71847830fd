"""A persistent translation cache, and a translator that loads its model only when needed.

A daily run re-sees many sentences (updated articles, wire copy repeated across
outlets); they should cost nothing the second time.  Translations are kept in
one SQLite file, keyed by

* the model's identity: its name and the digest of its files (or its hub
  commit), so a changed model misses the cache;
* the backend, beam, device and cache format: the options that change output;
* the kind of request (best translation, the n best with their scores, or the
  n best of a search that repeats no n-gram: ``summarize.translate.RequestKind``);
* the normalized source text the model saw.

The one home of what is looked up in the cache and written to it; the file
itself (where it lives, opening it in WAL mode so two runs can share it, its
tables, and what is said when it cannot be used) is
``summarize.translate.cachefile``'s.  Every write is its own short
transaction, so a run killed at any point loses at most the batch in flight;
a damaged entry is a miss, translated again.

``CachedTranslator`` answers from the cache and calls the real translator
only for what is missing, loading the model the first time that happens:
a re-run of the same corpus loads no model at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from summarize.translate import BEST, Hypothesis, RequestKind, Translator, nbest, request_order
from summarize.translate.cachefile import (
    CacheFile,
)

#: bump when what is stored changes meaning (normalization, length caps ...)
CACHE_FORMAT = 1


class TranslationCache(CacheFile):
    """Key-value store of translations in one SQLite file (``CacheFile``: opening it, and what is wrong
    with it, said once), and the digests of model files beside them."""

    def get(self, namespace: str, kind: RequestKind, sources: Sequence[str]) -> dict[str, str]:
        if self.connection is None or not sources:
            return {}
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        try:
            for start in range(0, len(unique), 500):  # SQLite's limit on bound parameters
                chunk = unique[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.connection.execute(
                    f"SELECT source, target FROM translations WHERE namespace = ? AND kind = ?"
                    f" AND source IN ({marks})",
                    (namespace, kind, *chunk),
                )
                found.update(rows)
        except sqlite3.Error as error:
            self.give_up(error)
            return {}
        self._touch(namespace, kind, list(found))
        return found

    def _touch(self, namespace: str, kind: RequestKind, sources: list[str]) -> None:
        """Record that these entries were used now (for ``prune``); a read-only cache is still read."""
        if not sources or not self.writable or self.connection is None:
            return
        now = time.time()
        try:
            with self.connection:
                self.connection.executemany(
                    "UPDATE translations SET last_used = ?, hits = hits + 1"
                    " WHERE namespace = ? AND kind = ? AND source = ?",
                    [(now, namespace, kind, source) for source in sources],
                )
        except sqlite3.OperationalError:
            pass  # read-only file or folder, or busy past the timeout: the answers are still good

    def stats(self) -> dict[str, Any]:
        """What the cache holds: entries by kind (``best``, then n-best lists by length), models, hits,
        size on disk, oldest last use."""
        connection = self.usable_connection()
        rows = connection.execute(
            "SELECT kind, COUNT(*), COALESCE(SUM(hits), 0), MIN(COALESCE(last_used, created)),"
            " MAX(COALESCE(last_used, created)) FROM translations GROUP BY kind ORDER BY kind"
        ).fetchall()
        models = connection.execute("SELECT COUNT(DISTINCT namespace) FROM translations").fetchone()[0]
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        kinds = {kind: {"entries": n, "hits": hits, "oldest_use": first, "latest_use": last}
                 for kind, n, hits, first, last in sorted(rows, key=lambda row: request_order(row[0]))}
        return {"path": str(self.path), "bytes": size, "models": models, "kinds": kinds,
                "entries": sum(k["entries"] for k in kinds.values())}

    def prune(self, unused_days: float) -> tuple[int, bool]:
        """Delete entries not used for ``unused_days`` days, then VACUUM: ``(deleted, vacuumed)``.

        Safe while another run uses the file: the delete is one short transaction, and VACUUM
        waits for the busy timeout; if the file stays busy it is skipped (run again later).
        """
        cutoff = time.time() - unused_days * 86400
        connection = self.usable_connection()
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            deleted = connection.execute(
                "DELETE FROM translations WHERE COALESCE(last_used, created) < ?", (cutoff,)
            ).rowcount
        try:
            connection.execute("VACUUM")
            return deleted, True
        except sqlite3.OperationalError:
            return deleted, False

    def put(self, namespace: str, kind: RequestKind, items: dict[str, str]) -> None:
        if self.connection is None or not self.writable or not items:
            return
        now = time.time()
        try:
            with self.connection:  # one transaction: all of the batch or none of it
                self.connection.execute("BEGIN IMMEDIATE")
                self.connection.executemany(
                    "INSERT OR REPLACE INTO translations (namespace, kind, source, target, created, last_used, hits)"
                    " VALUES (?, ?, ?, ?, ?, ?, 0)",
                    [(namespace, kind, source, target, now, now) for source, target in items.items()],
                )
        except sqlite3.Error as error:
            self.write_failed(error)

    def digest(self, key: str, signature: str, compute: Callable[[], str]) -> str:
        """``compute()``, remembered under ``key`` while ``signature`` (sizes, mtimes) is unchanged:
        hashing 300 MB of weights on every run would cost a second a run."""
        if self.connection is not None:
            try:
                row = self.connection.execute(
                    "SELECT digest FROM digests WHERE key = ? AND signature = ?", (key, signature)
                ).fetchone()
                if row:
                    return row[0]
            except sqlite3.Error as error:
                self.give_up(error)
        value = compute()
        if self.connection is not None and self.writable:
            try:
                with self.connection:
                    self.connection.execute("INSERT OR REPLACE INTO digests VALUES (?, ?, ?)",
                                            (key, signature, value))
            except sqlite3.Error as error:
                self.write_failed(error)
        return value


def namespace(identity: str, backend: str, beam: int, device: str) -> str:
    """The part of the key that names the model and the options that change output."""
    text = f"{identity}|backend:{backend}|beam:{beam}|device:{device}|format:{CACHE_FORMAT}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class CachedTranslator:
    """The Translator interface over a cache and a model loaded on first miss.

    ``load`` returns the real translator; it is called at most once, and only
    when something is not in the cache.  ``count_tokens`` must not need the
    model (a SentencePiece counter), or a fully cached run would load it.
    The key's namespace is made from ``identity``, ``backend``, ``beam`` and
    ``device``: the same values the translator reports.
    """

    def __init__(self, cache: TranslationCache, load: Callable[[], Translator],
                 count_tokens: Callable[[str], int], *, identity: str, name: str, backend: str, beam: int,
                 device: str, batch_size: int = 16) -> None:
        self.cache = cache
        self.namespace = namespace(identity, backend, beam, device)
        self._load = load
        self._translator: Translator | None = None
        self._count_tokens = count_tokens
        self.identity = identity
        self.name = name
        self.backend = backend
        self.beam = beam
        self.device = device
        self.batch_size = batch_size
        self.unreadable = 0  # cached entries that could not be read back (treated as misses)
        #: (kind, "cached" | "new") -> distinct inputs answered so, for the run's closing line
        self.answered: dict[tuple[str, str], int] = {}

    @property
    def loaded(self) -> bool:
        return self._translator is not None

    @property
    def translator(self) -> Translator:
        if self._translator is None:
            self._translator = self._load()
        return self._translator

    def count_tokens(self, text: str) -> int:
        return self._count_tokens(text)

    def translate(self, texts: Sequence[str]) -> list[str]:
        return self._answer(BEST, texts, lambda chunk: self.translator.translate(chunk), _same, _same)

    def hypotheses(self, texts: Sequence[str], n: int, no_repeat_ngram_size: int = 0) -> list[list[Hypothesis]]:
        if no_repeat_ngram_size:
            def compute(chunk: list[str]) -> list:
                return self.translator.hypotheses(chunk, n, no_repeat_ngram_size=no_repeat_ngram_size)
        else:  # the plain call, as every translator takes it
            def compute(chunk: list[str]) -> list:
                return self.translator.hypotheses(chunk, n)
        return self._answer(nbest(n, no_repeat_ngram_size), texts, compute, _dump_hypotheses, _load_hypotheses)

    def _answer(self, kind: RequestKind, texts: Sequence[str], compute: Callable[[list[str]], list],
                dump: Callable[[Any], str], load: Callable[[str], Any]) -> list:
        """Each text's answer of ``kind``: from the cache, else computed (and stored) for what is missing."""
        found, unreadable = {}, 0
        for text, stored in self.cache.get(self.namespace, kind, texts).items():
            try:
                found[text] = load(stored)
            except (ValueError, TypeError):  # a damaged row: a miss, translated again and replaced
                unreadable += 1
        if unreadable:
            self.unreadable += unreadable
            self.cache.report_unreadable(self.unreadable)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        family = "best" if kind == BEST else "nbest"
        for state, count in (("cached", len(found)), ("new", len(missing))):
            self.answered[(family, state)] = self.answered.get((family, state), 0) + count
        # in chunks, each stored as soon as it is done: a run killed part way
        # keeps what it translated, and the next run starts from there
        for chunk in self._chunks(missing):
            new = dict(zip(chunk, compute(chunk)))
            self.cache.put(self.namespace, kind, {t: dump(v) for t, v in new.items()})
            found.update(new)
        return [found[t] for t in texts]

    def _chunks(self, texts: list[str]) -> list[list[str]]:
        size = max(1, self.batch_size * 4)
        ordered = sorted(texts, key=len)  # tight batches inside each chunk
        return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def _same(value: str) -> str:
    return value


def _dump_hypotheses(hypotheses: list[Hypothesis]) -> str:
    return json.dumps([[h.text, h.score] for h in hypotheses], ensure_ascii=False)


def _load_hypotheses(stored: str) -> list[Hypothesis]:
    """The n-best list as stored; ValueError or TypeError for anything else (a damaged row)."""
    hypotheses = [Hypothesis(text, score) for text, score in json.loads(stored)]
    if not hypotheses or not all(isinstance(h.text, str) and isinstance(h.score, (int, float)) for h in hypotheses):
        raise ValueError(f"not an n-best list: {stored[:60]!r}")
    return hypotheses
