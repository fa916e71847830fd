"""``terms``: a glossary's Arabic term occurs in the Arabic and none of its English forms in the English.

The glossary (``--glossary FILE``) is a UTF-8 TSV, one term a line: the Arabic term, its English
form(s) separated by ``|``, optional notes; blank lines and lines starting with ``#`` are skipped.
Or a TBX file (``Glossary.parse_tbx``), as terminology tools export them.
The Arabic is matched on whole words in ``normalize``'s spelling (harakat, alef and ta-marbuta
forms do not matter), with the clitics و ف ب ل ال allowed before it; the English case-insensitively,
on word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from summarize.language.arabic import normalize

NAME = "terms"
EXPLANATION = "a glossary term of the Arabic is not rendered with its agreed English form"


@dataclass(frozen=True)
class Term:
    ar: str
    en: tuple[str, ...]
    notes: str
    pattern: re.Pattern
    english: tuple[re.Pattern, ...]


class GlossaryError(ValueError):
    """A glossary file that cannot be read as one."""


_START = "(?:^|(?<=[\\s\"'«(]))"


def _clitics_and(term: str) -> str:
    """A pattern for ``term`` (normalized) with the clitics news text glues to it: و ف, then ب ل ك
    and the article (التحالف also as للتحالف, بالتحالف)."""
    if term.startswith("ال"):
        return _START + "(?:و|ف)?(?:ب|ك)?(?:ال|لل)" + re.escape(term[2:])
    return _START + "(?:و|ف)?(?:ب|ل|ك)?(?:ال)?" + re.escape(term)


def _term(ar: str, forms: tuple[str, ...], notes: str) -> Term:
    pattern = re.compile(_clitics_and(normalize(ar)) + "(?![\u0621-\u064A])")
    english = tuple(re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)", re.IGNORECASE) for f in forms)
    return Term(ar, forms, notes, pattern, english)


class Glossary:
    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms

    @classmethod
    def parse(cls, text: str, name: str = "the glossary") -> "Glossary":
        """A TSV glossary, or a TBX one (text starting with ``<``: ``parse_tbx``)."""
        if text.lstrip().startswith("<"):
            return cls.parse_tbx(text, name)
        found = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
                raise GlossaryError(f"{name}, line {n}: expected 'Arabic<TAB>English[<TAB>notes]'")
            forms = tuple(f.strip() for f in cells[1].split("|") if f.strip())
            found.append(_term(cells[0].strip(), forms, cells[2].strip() if len(cells) > 2 else ""))
        return cls(found)

    @classmethod
    def parse_tbx(cls, text: str, name: str = "the glossary") -> "Glossary":
        """A TBX glossary (TBX 2008 / TBX-Basic ``termEntry``/``langSet``/``term``, or TBX v3
        ``conceptEntry``/``langSec``/``termSec``/``term``): each entry's Arabic terms (``xml:lang``
        ``ar``, ``ar-*``) against its English ones (``en``, ``en-*``); an entry's ``note`` and
        ``descrip`` elements are its notes; entries without both languages are skipped.  The file
        is parsed without its DTD or external entities."""
        import xml.etree.ElementTree as ET

        if "<!ENTITY" in text:
            raise GlossaryError(f"{name}: entity declarations are not accepted in a TBX glossary")
        try:
            root = ET.fromstring(text)
        except ET.ParseError as e:
            raise GlossaryError(f"{name} is not well-formed TBX ({e})") from None
        lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"

        def local(tag: str) -> str:
            return tag.rsplit("}", 1)[-1]

        found = []
        for entry in root.iter():
            if local(entry.tag) not in ("termEntry", "conceptEntry"):
                continue
            terms: dict[str, list[str]] = {"ar": [], "en": []}
            notes = []
            for lang_set in entry:
                if local(lang_set.tag) not in ("langSet", "langSec"):
                    note = (lang_set.text or "").strip()
                    if local(lang_set.tag) in ("note", "descrip") and note:
                        notes.append(note)
                    continue
                lang = (lang_set.get(lang_attr) or lang_set.get("lang") or "").lower().split("-")[0]
                for element in lang_set.iter():
                    text_ = " ".join((element.text or "").split())
                    if local(element.tag) == "term" and text_ and lang in terms:
                        terms[lang].append(text_)
                    elif local(element.tag) in ("note", "descrip") and text_:
                        notes.append(text_)
            if terms["ar"] and terms["en"]:
                for ar in terms["ar"]:
                    found.append(_term(ar, tuple(terms["en"]), "; ".join(notes)))
        if not found:
            raise GlossaryError(f"{name}: no TBX entry with both an Arabic (ar) and an English (en) term")
        return cls(found)

    def overridden_by(self, other: "Glossary | None") -> "Glossary":
        """This glossary with ``other``'s terms added, each replacing any term of the same Arabic
        (in ``normalize``'s spelling): the reviewers' glossary over the run's ``--glossary``."""
        if other is None:
            return self
        theirs = {normalize(t.ar) for t in other.terms}
        return Glossary([t for t in self.terms if normalize(t.ar) not in theirs] + list(other.terms))

    @classmethod
    def load(cls, path: str | Path) -> "Glossary":
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise GlossaryError(f"cannot read the glossary {path}: {getattr(e, 'strerror', None) or e}") from None
        return cls.parse(text, f"the glossary {path}")


def find(ar: str, en: str, context=None) -> list[dict]:
    glossary = getattr(context, "glossary", None)
    if glossary is None:
        return []
    plain = normalize(ar)
    out = []
    for term in glossary.terms:
        if term.pattern.search(plain) and not any(p.search(en) for p in term.english):
            out.append({"ar": term.ar, "expected": list(term.en)} | ({"notes": term.notes} if term.notes else {}))
    return out


def note(evidence: dict) -> str:
    return f"{evidence['ar']} should read “{' / '.join(evidence['expected'])}”"
