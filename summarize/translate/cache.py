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

The SQLite file is opened in WAL mode with a busy timeout, so two runs can
share it; every write is its own short transaction, so a run killed at any
point loses at most the batch in flight.  Trouble with the file is said
once on stderr with what to do (summarize.translate.cachefile), never a
crash: a file that cannot be used is bypassed; a read-only one, or one on a
full disk, is still read; a damaged entry is a miss, translated again.

``CachedTranslator`` answers from the cache and calls the real translator
only for what is missing, loading the model the first time that happens:
a re-run of the same corpus loads no model at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from summarize.translate import BEST, Hypothesis, RequestKind, Translator, nbest, request_order
from summarize.translate.cachefile import (
    BUSY_TIMEOUT_MS,
    ForeignFile,
    default_cache_path,  # noqa: F401  (the CLI's and `summarize cache`'s)
    describe,
    open_checked,
    schema_problem,
)

#: bump when what is stored changes meaning (normalization, length caps ...)
CACHE_FORMAT = 1


class TranslationCache:
    """Key-value store of translations in one SQLite file.

    Whatever is wrong with the file is said once on stderr, with what to do, and never stops a
    run: a file that cannot be used is bypassed (``usable`` is False); a read-only file, or one on
    a full disk, is still read (``writable`` is False: new translations are not stored).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.connection: sqlite3.Connection | None = None
        self.writable = True
        self._said: set[str] = set()
        problem = self._unfit()
        if problem:
            self._warn(problem, "translating without it")
            return
        try:
            self.connection = self._connect()
        except (sqlite3.Error, OSError) as error:
            self._give_up(error)

    def _unfit(self) -> str | None:
        """What makes ``path`` unable to hold a cache before SQLite touches it (or None)."""
        path = self.path
        if path.is_dir():
            return f"is a folder; give --cache a file in it (--cache {path / 'translations.sqlite3'})"
        if path.exists() and not path.is_file():
            return ("is not a regular file (a device, a pipe: SQLite would make files beside it); give --cache "
                    "a file, or --no-cache to run without a cache")
        blocker = next((p for p in path.parents if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            return (f"cannot be made: {blocker} is a file, not a folder; give --cache a file in a folder, "
                    "or --no-cache")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return (f"cannot be made: its folder {path.parent} cannot be created ({error.strerror or error}); "
                    "give --cache a file in a writable folder, or --no-cache")
        if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
            return (f"cannot be made: its folder {path.parent} is not writable; give --cache a file in a "
                    "writable folder, or --no-cache")
        return None

    def _connect(self) -> sqlite3.Connection:
        # a read-only file (or folder: SQLite writes its -wal and -shm there) is opened to be read
        if self.path.exists() and not (os.access(self.path, os.W_OK)
                                       and os.access(self.path.parent, os.W_OK | os.X_OK)):
            return self._connect_read_only()
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            problem = schema_problem(connection)
            if problem:
                raise ForeignFile(problem)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS translations ("
                " namespace TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
                " target TEXT NOT NULL, created REAL NOT NULL,"
                " PRIMARY KEY (namespace, kind, source)) WITHOUT ROWID"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, signature TEXT, digest TEXT)"
            )
            _add_use_columns(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _connect_read_only(self) -> sqlite3.Connection:
        """The file opened to be read.  A WAL file in a folder this process cannot write has no
        -shm to share, and SQLite refuses it read-only: it is then opened immutable (read as it is)."""
        uri = self.path.resolve().as_uri()
        try:
            connection = open_checked(f"{uri}?mode=ro")
        except sqlite3.OperationalError as error:
            if not (getattr(error, "sqlite_errorname", "") or "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
                raise
            connection = open_checked(f"{uri}?mode=ro&immutable=1")
        self._read_only()
        return connection

    def _warn(self, problem: str, consequence: str, key: str | None = None) -> None:
        """Say ``problem`` once (once per ``key`` when given)."""
        if (key or problem) in self._said:
            return
        self._said.add(key or problem)
        print(f"warning: translation cache {self.path} {problem}; {consequence}", file=sys.stderr)

    def _read_only(self) -> None:
        self.writable = False
        self._warn(f"is read-only; make it and its folder writable (chmod u+w {self.path} {self.path.parent}) "
                   "to store new translations", "its translations are used, new ones are not stored")

    def _give_up(self, error: Exception) -> None:
        """Bypass the cache for the rest of the run, saying why and what to do."""
        self._warn(describe(self.path, error), "translating without it")
        if self.connection is not None:
            try:
                self.connection.close()
            except sqlite3.Error:
                pass
        self.connection = None

    def _write_failed(self, error: sqlite3.Error) -> None:
        """A write failed: a full disk or a read-only file stops the writing only; anything else the cache."""
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_FULL":
            self.writable = False
            self._warn(describe(self.path, error), "its translations are used, new ones are not stored")
        elif name.startswith("SQLITE_READONLY"):
            self._read_only()
        else:
            self._give_up(error)

    def report_unreadable(self, count: int) -> None:
        """Entries whose stored text is not what the cache writes (damaged rows): said once."""
        self._warn(f"has unreadable entries ({count} so far: not the JSON it stores); if this repeats, delete "
                   f"the file (rm {self.path}) to start a fresh cache",
                   "they are translated again and replaced", key="unreadable")

    @property
    def usable(self) -> bool:
        return self.connection is not None

    def _usable_connection(self) -> sqlite3.Connection:
        """The connection, for what only a usable cache is asked (``summarize cache`` checks ``usable``)."""
        if self.connection is None:
            raise sqlite3.ProgrammingError(f"the translation cache {self.path} is not open")
        return self.connection

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
            self._give_up(error)
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
        connection = self._usable_connection()
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
        connection = self._usable_connection()
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
            self._write_failed(error)

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
                self._give_up(error)
        value = compute()
        if self.connection is not None and self.writable:
            try:
                with self.connection:
                    self.connection.execute("INSERT OR REPLACE INTO digests VALUES (?, ?, ?)",
                                            (key, signature, value))
            except sqlite3.Error as error:
                self._write_failed(error)
        return value

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _add_use_columns(connection: sqlite3.Connection) -> None:
    """When each entry was last used and how often: added to caches made before they were kept."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(translations)")}
    try:
        if "last_used" not in columns:
            connection.execute("ALTER TABLE translations ADD COLUMN last_used REAL")
        if "hits" not in columns:
            connection.execute("ALTER TABLE translations ADD COLUMN hits INTEGER NOT NULL DEFAULT 0")
    except sqlite3.OperationalError:
        pass  # a read-only cache made before: read it as it is (stats and prune need it writable)


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
