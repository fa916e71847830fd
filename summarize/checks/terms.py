"""``terms``: a glossary's Arabic term occurs in the Arabic and none of its English forms in the English.

The glossary (``--glossary FILE``) is a UTF-8 TSV, one term a line: the Arabic term, its English
form(s) separated by ``|``, optional notes; blank lines and lines starting with ``#`` are skipped.
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


class Glossary:
    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms

    @classmethod
    def parse(cls, text: str, name: str = "the glossary") -> "Glossary":
        found = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
                raise GlossaryError(f"{name}, line {n}: expected 'Arabic<TAB>English[<TAB>notes]'")
            ar = normalize(cells[0].strip())
            forms = tuple(f.strip() for f in cells[1].split("|") if f.strip())
            pattern = re.compile(_clitics_and(ar) + "(?![\u0621-\u064A])")
            english = tuple(re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)", re.IGNORECASE) for f in forms)
            found.append(Term(cells[0].strip(), forms, cells[2].strip() if len(cells) > 2 else "", pattern, english))
        return cls(found)

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
