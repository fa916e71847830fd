"""The briefs folder as the review sees it: Articles rebuilt from the JSON briefs, and re-rendered.

The JSON brief holds everything the renderers read (every unit's id, Arabic,
English, number checks and repair history; the summary's ids; source,
encoding, dateline, title origin, removed lines; the signature), so
``from_json`` rebuilds the ``Article`` a run rendered, and the daily brief's
stories are grouped again from those articles (``build_stories`` reads only
the Arabic and the summaries).  Rendering the rebuilt articles gives the
files the run wrote, byte for byte (tested), so a re-render after a save
changes only what the review changed.  The JSON keeps the model's English
and its number check beside a human correction, so the model's state is
what is rebuilt and the stored reviews go on top (``state.attach``).  Each unit's check flags
are kept with the English they were found on (``Folder.shown``): ``from_json`` drops those of a
human English, and ``state.recheck`` puts them back, or checks again, on the English shown.

No model, corpus or cache is needed.  A folder the review cannot use (no
JSON briefs, briefs made by another version, a brief missing or unreadable)
is a ``BriefError`` that says what to do.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path

from summarize import __version__
from summarize.briefs import html as pages
from summarize.briefs import json as json_format
from summarize.briefs import markdown
from summarize.briefs.json import from_json, read_daily
from summarize.briefs.marks import Provenance
from summarize.briefs.write import FORMATS, folder_lock, write_atomic
from summarize.document import Article, Flag
from summarize.errors import UsageError
from summarize.stories import build_stories

DAILY = "daily-brief"

BRIEF_RENDERERS = {"md": markdown.render_brief, "html": pages.render_brief_html,
                   "json": lambda a, m: json_format.dumps(json_format.brief_json(a, m))}
DAILY_RENDERERS = {"md": markdown.render_daily, "html": pages.render_daily_html,
                   "json": lambda *args: json_format.dumps(json_format.daily_json(*args))}


class BriefError(UsageError):
    """The briefs folder cannot be reviewed; the message says why and what to do."""


def _again(folder: Path) -> str:
    return f"run `summarize CORPUS --out {folder}` again to re-make the briefs (stored reviews are kept)"


def plain_stem(stem: object) -> bool:
    """A brief's name as summarize makes it (a corpus file's name): one file name, no folder part
    (a stem read from a JSON brief must not lead a read or a write out of the folder)."""
    return isinstance(stem, str) and stem not in ("", ".", "..") and "/" not in stem and "\0" not in stem


def inside(folder: Path, name: str) -> Path | None:
    """``folder/name`` when it is a file of the folder itself, not a link and not elsewhere; else None."""
    path = folder / name
    try:
        if not plain_stem(name) or path.is_symlink() or path.resolve().parent != folder.resolve():
            return None
    except (OSError, RuntimeError):
        return None
    return path


def read_inside(folder: Path, name: str) -> bytes:
    """The bytes of the regular file ``name`` of ``folder``, never through a link (the check and the
    open are one: ``O_NOFOLLOW``); ``FileNotFoundError`` for anything else."""
    path = inside(folder, name)
    if path is None:
        raise FileNotFoundError(name)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # a FIFO: no wait
    try:
        fd = os.open(path, flags)
    except OSError:
        raise FileNotFoundError(name) from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise FileNotFoundError(name)
        return file.read()








def _article_files(folder: Path) -> int:
    """How many files of ``folder`` summarize would read as articles."""
    try:
        from summarize.ingest.formats import SUFFIXES
    except ImportError:
        SUFFIXES = (".txt",)
    try:
        return sum(1 for p in folder.iterdir()
                   if not p.name.startswith(".") and p.name.lower().endswith(tuple(SUFFIXES)) and p.is_file())
    except OSError:
        return 0


@dataclass
class Folder:
    """One consistent reading of the briefs folder."""

    path: Path
    date: str
    made_by: Provenance
    articles: list[Article]  # in the order the run read them (file name order)
    failures: list[tuple[str, str]]
    formats: dict[str, tuple[str, ...]]  # which files each brief (and the daily brief) has
    story_stems: list[list[str]] = field(default_factory=list)  # the daily brief's stories, in its order
    #: each unit's English in its JSON brief and the check flags found on it, by (stem, unit id)
    shown: dict[tuple[str, str], tuple[str | None, list[Flag]]] = field(default_factory=dict)

    def article(self, stem: str) -> Article | None:
        return next((a for a in self.articles if a.stem == stem), None)

    def stories(self):
        return build_stories(self.articles, None if self.made_by.summary == "auto" else int(self.made_by.summary))

    def render(self, stems: list[str]) -> dict[Path, str]:
        """The files of the briefs ``stems`` and of the daily brief, as text by path."""
        files = {}
        for stem in stems:
            article = self.article(stem)
            for fmt in self.formats.get(stem, ()) if article else ():
                files[self.path / f"{stem}.{fmt}"] = BRIEF_RENDERERS[fmt](article, self.made_by)
        stories = self.stories()
        for fmt in self.formats[DAILY]:
            files[self.path / f"{DAILY}.{fmt}"] = DAILY_RENDERERS[fmt](self.date, stories, self.articles,
                                                                       self.failures, self.made_by)
        return files


class FolderReader:
    """Reads the folder on each call, parsing only the JSON files that changed since the last."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._parsed: dict[Path, tuple[tuple[int, int], dict]] = {}
        self._lock = threading.Lock()  # the app reads from several threads

    def _json(self, path: Path, what: str) -> dict:
        if path.is_symlink() or inside(self.path, path.name) is None:
            raise BriefError(f"{path.name} is {what} but not a brief of this folder (a link, or a name that "
                             f"leads out of {self.path}); it is not read; {_again(self.path)}")
        try:
            info = path.stat()
            key = (info.st_mtime_ns, info.st_size)
            if path in self._parsed and self._parsed[path][0] == key:
                return self._parsed[path][1]
            data = json.loads(read_inside(self.path, path.name).decode("utf-8"))
        except FileNotFoundError:
            raise BriefError(f"{path.name} is {what} but missing; {_again(self.path)}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BriefError(f"{path.name} cannot be read ({error}); {_again(self.path)}") from None
        if not isinstance(data, dict):
            raise BriefError(f"{path.name} is not a JSON brief; {_again(self.path)}")
        self._parsed[path] = (key, data)
        return data

    def read(self) -> Folder:
        with self._lock:
            return self._read()

    def _read(self) -> Folder:
        path = self.path
        if not path.is_dir():
            raise BriefError(f"{path} is not a folder of briefs; give the --out folder of a summarize run")
        if not (path / f"{DAILY}.json").exists():
            made = any((path / f"{DAILY}.{fmt}").exists() for fmt in FORMATS)
            if made:
                raise BriefError(f"{path} has briefs but no {DAILY}.json: the review reads the JSON briefs; run "
                                 "summarize again with --format including json")
            files = _article_files(path)
            if files:  # a corpus: summarize will not write its briefs into it
                out = path.parent / ("briefs" if path.name != "briefs" else "briefs-out")
                raise BriefError(f"{path} holds {files} article file{'s' if files != 1 else ''}, not briefs: "
                                 f"brief them first with `summarize {path} --out {out}`, then review them with "
                                 f"`summarize review {out}`")
            raise BriefError(f"no briefs in {path}: run `summarize CORPUS --out {path}` first (CORPUS: the folder "
                             "of articles), then review them")
        day = self._json(path / f"{DAILY}.json", "the daily brief")
        try:
            index = read_daily(day)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BriefError(f"{DAILY}.json in {path} was made by an older summarize; {_again(path)}") from None
        made_by, story_stems, stems = index.made_by, index.story_stems, index.stems
        if made_by.version != __version__:
            raise BriefError(f"the briefs in {path} were made by summarize {made_by.version}, this is "
                             f"{__version__}; {_again(path)}")
        articles = []
        shown: dict[tuple[str, str], tuple[str | None, list[Flag]]] = {}
        for stem in stems:
            if not plain_stem(stem):
                raise BriefError(f"{DAILY}.json names {stem!r}, which is not a brief of this folder (a name that "
                                 f"leads out of {path}); nothing is read or written for it; {_again(path)}")
            data = self._json(path / f"{stem}.json", f"named in {DAILY}.json")
            try:
                article = from_json(data)
            except (KeyError, TypeError, ValueError, AttributeError):
                raise BriefError(f"{stem}.json was made by an older summarize (it lacks the unit ids, number "
                                 f"checks or repair history the review needs); {_again(path)}") from None
            if article.stem != stem:  # its files are written under this name: it must be the one read
                raise BriefError(f"{stem}.json says it is the brief {article.stem!r}, which is not a brief of this "
                                 f"folder under that name; nothing is written for it; {_again(path)}")
            try:
                shown.update(_shown(data))
            except (KeyError, TypeError, ValueError, AttributeError):
                raise BriefError(f"{stem}.json was made by an older summarize (its check flags are of another "
                                 f"shape); {_again(path)}") from None
            articles.append(article)
        articles.sort(key=lambda a: a.source.name)
        formats = {stem: tuple(f for f in FORMATS if (path / f"{stem}.{f}").exists()) for stem in [*stems, DAILY]}
        return Folder(path, index.date, made_by, articles, index.failures, formats, story_stems, shown)


def _shown(data: dict) -> dict[tuple[str, str], tuple[str | None, list[Flag]]]:
    """Each unit of a JSON brief: (brief, id) -> (the English it shows, the check flags found on it)."""
    units = [data["title"]]
    for section in data["sections"]:
        units += ([section["heading"]] if section["heading"] else []) + section["sentences"]
    return {(data["article"], u["id"]): (u["en"], [Flag(**f) for f in u.get("checks", [])]) for u in units}


def write_changed(files: dict[Path, str]) -> list[Path]:
    """Write the files whose text differs from what is on disk, each atomically; return those written."""
    written = []
    for path, text in files.items():
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            write_atomic(path, text)
            written.append(path)
    return written


def rerender(reader: FolderReader, stems: list[str] | None, review, wait: float | None = None) -> list[Path]:
    """Re-render the briefs ``stems`` (``None``: every brief) and the daily brief with ``review``
    (a callable that puts the stored reviews onto the folder's articles: ``state.review_onto``), holding the folder as a
    ``summarize`` run does: a save made while a run writes waits for it, then renders what it wrote."""
    with folder_lock(reader.path, wait):
        folder = reader.read()
        review(folder)
        return write_changed(folder.render([a.stem for a in folder.articles] if stems is None else stems))
