"""Remove what is not article text, and mend words that lost their space.

Cleaning drops whole lines (photo credits, bylines in Latin script, publishing
stamps, an outlet's notices under every article, the "read also" tail and BBC's
related-stories box) and stray ``&`` artefacts; every dropped line is
kept on ``Article.removed`` so nothing disappears unrecorded.  The article's
own words are left exactly as written: ``unglue`` mends run-together words and
reads a site's tags («#مجلس_الأمن») as words only in what is sent to the
translator.  The Arabic letters, clitics and prepositions come from
``summarize.language.arabic``; the names and suffixes below are the ungluer's own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarize.document import Article
from summarize.ingest.paragraphs import join_wrapped
from summarize.ingest.sections import is_heading_line
from summarize.language.arabic import LETTER, LETTERS, PREPOSITIONS, strip_clitics

_LATIN_LETTER = re.compile(r"[A-Za-z]")

# "&" left over from HTML export: alone, at a line end, or before a space.
# A real entity (&amp; &#1234;) is decoded instead.
_ENTITY = re.compile(r"&(amp|quot|lt|gt|nbsp|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_ENTITY_TEXT = {"amp": "&", "quot": '"', "lt": "<", "gt": ">", "nbsp": " "}
_STRAY_AMP = re.compile(r"\s*&(?=\s|$)|^&\s*")

# Publishing stamps such as "تم النشر: تم التحديث:" (with or without times).
_STAMP = re.compile(r"^(تم النشر|تم التحديث|آخر تحديث|نشر في|تاريخ النشر)\s*:")
# An outlet's own lines under every article, counted in ANT's months: BBC Arabic's app notice (431
# articles), Al Arabiya's opinion disclaimer (388), France 24's agency credit (49: «فرانس24/ أ ف ب»),
# a copyright notice (9).  An op-ed's "the views are the writer's" line, which says what the text
# is, stays.
_BOILERPLATE = re.compile(
    r"^(يمكنكم (تسلم|استلام) إشعارات بأهم الموضوعات"
    r"|\*+\s*جميع المقالات المنشورة تمثل رأي"
    r"|فرانس ?24\s*/\s*(أ ف ب|رويترز|أ ب)(\s*/\s*(أ ف ب|رويترز|أ ب))*\s*$"
    r"|\**\s*حقوق النشر محفوظة)")
# "Read also" and its relatives end the article: everything after is other stories.
_READ_ALSO = re.compile(r"^\s*(إقرأ|اقرأ|أقرأ)\s+(أيضا|أيضاً|أيضًا|ايضا|ايضاً|المزيد)\s*:?")
# "For more: <another story's headline>" (France 24's links inside the text): that line only.
_MORE = re.compile(r"^\s*(للمزيد|لمزيد من المعلومات|شاهد أيضا|شاهد أيضاً)\s*:")
# A link to another story inside the text: «شاهد.. <title>» (a video), «اقرأ.. <title>», «للمزيد - <title>»
# (CNN Arabic's, France 24's, BBC's: 80 lines of ANT's months after the first).  On the first line it
# is the article's own title (a video's page), and stays.
_LINK = re.compile(r"^\W*(شاهد|اقرأ|إقرأ|للمزيد)\s*(\.\.+|:|-|–|…)\s*\S")
LINK_MAX_WORDS = 30  # one headline; a longer line is a paragraph
# "Outlet | place" lines above the text: a dateline, not a headline.
_DATELINE = re.compile(r"^[^.!؟?]{1,80}\s\|\s[^.!؟?]{1,80}$")
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")
# "Outlet from place:" opening the text (إيلاف من لندن:): the dateline, left in the text.
_LEAD_DATELINE = re.compile(r"^([^\s:.،؛|]+(?: [^\s:.،؛|]+){0,2} من [^\s:.،؛|]+(?: [^\s:.،؛|]+)?)\s*:")
# Outlets whose pages leave their "related stories" box inside the text, as two or more headlines of
# other articles between two paragraphs.  BBC Arabic, in ANT's months: 242 runs of short lines in
# the middle of its texts, 82 of the 208 this rule takes naming another BBC article of those months by
# its exact title (the rest are other months' articles); every other outlet's runs are verse, lists and
# letters, and stay (Al Arabiya 26, Sky News 5, CNN 9, France 24 2).
RELATED_BOX_OUTLETS = {"BBC Arabic"}
RELATED_MIN_WORDS = 4  # a headline; shorter lines are a list («ألبانيا: 2») and stay
# a list's item («1- النمر», «1936: ولدت في بيزانا») or a bullet: a run holding one is text
_LIST_ITEM = re.compile(r"^\s*([-–•*]|[0-9٠-٩]+\s*[-–.):])")


def _decode_entities(line: str) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _ENTITY_TEXT[name]

    return _ENTITY.sub(replace, line)


def _is_credit(line: str) -> bool:
    """A line with Latin letters and no Arabic: a photo caption, credit or byline."""
    return bool(_LATIN_LETTER.search(line)) and not LETTER.search(line)


def clean(article: Article) -> Article:
    """Fill ``article.text``, ``removed`` and ``dateline`` from ``article.raw``."""
    kept: list[str] = []
    removed: list[str] = []
    lines = article.raw.split("\n")
    for index, raw_line in enumerate(lines):
        line = _SPACES.sub(" ", _decode_entities(raw_line)).strip()
        line = _STRAY_AMP.sub("", line).strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _READ_ALSO.match(line):
            removed.extend(l.strip() for l in lines[index:] if l.strip())
            break
        link = any(kept) and _LINK.match(line) is not None and len(line.split()) <= LINK_MAX_WORDS
        if (link or _STAMP.match(line) or _MORE.match(line) or _BOILERPLATE.match(line) or _is_credit(line)
                or not LETTER.search(line)):
            removed.append(raw_line.strip())
            continue
        if not any(kept) and article.dateline is None and _DATELINE.match(line):
            article.dateline = line
            continue
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    kept = join_wrapped(kept)  # hard-wrapped lines back into paragraphs
    if article.outlet in RELATED_BOX_OUTLETS:
        kept = _drop_related_boxes(kept, removed)
    article.text = "\n".join(kept)
    article.removed = removed
    if article.dateline is None and (lead := _LEAD_DATELINE.match(article.text)):
        article.dateline = lead.group(1)
    return article


def _drop_related_boxes(lines: list[str], removed: list[str]) -> list[str]:
    """Lines without the related-stories boxes: a run of two or more short lines ending no sentence,
    between two paragraphs, each a headline (RELATED_MIN_WORDS words or more, not a list's item).
    What is dropped goes to ``removed``."""
    text = [i for i, line in enumerate(lines) if line]
    short = [is_heading_line(lines[i]) for i in text]
    drop: set[int] = set()
    start = 1
    while start < len(text) - 1:
        end = start
        while end < len(text) - 1 and short[end]:
            end += 1
        run = [lines[i] for i in text[start:end]]
        if len(run) >= 2 and not short[start - 1] and not short[end] and all(
                len(line.split()) >= RELATED_MIN_WORDS and not _LIST_ITEM.match(line) for line in run):
            drop.update(text[start:end])
        start = end + 1
    removed.extend(lines[i] for i in sorted(drop))
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return [line for i, line in enumerate(kept) if line or (i and kept[i - 1])]  # no blank line doubled


# --- words that lost their separating space -------------------------------
#
# Arabic web text often loses the space between two words when the first ends
# in a letter that does not join to the left, or a zero-width space is lost
# (الولاياتالمتحدة, العراقوسوريا).  Two rules, both conservative, so a real
# word is never split:
#  1. A definite article "ال" inside a token, with at least three letters of a
#     non-clitic word before it and a real word (not a suffix such as ات, ية,
#     ها, هم) after it: الولاياتالمتحدة -> الولايات المتحدة.
#  0. ة and ى only ever end a word: المجموعةالتقدمية -> المجموعة التقدمية.
#  2. Two known names joined by "و": العراقوسوريا -> العراق وسوريا.

# What may follow a word-internal "ال" inside one real word (فعال + suffix).
_SUFFIXES = {
    "", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي", "ية", "يه", "يا", "يات", "يين",
    "يون", "ين", "ون", "ان", "ات", "اته", "اتها", "اتهم", "اتنا", "اتك", "اتكم", "ة", "تها", "ته",
    "تهم", "تين", "تان", "يتها", "يته", "يتهم", "ياتها", "ياتهم", "ا", "اً", "ى",
}
# Names that turn up glued together in news copy; extend as the feeds show new ones.
_NAMES = {
    "الولايات", "المتحدة", "العراق", "سوريا", "سورية", "تركيا", "إيران", "ايران", "روسيا", "مصر",
    "ليبيا", "اليمن", "لبنان", "الأردن", "فلسطين", "إسرائيل", "اسرائيل", "السعودية", "الكويت", "قطر",
    "البحرين", "الإمارات", "عمان", "تونس", "الجزائر", "المغرب", "السودان", "أمريكا", "أميركا",
    "فرنسا", "ألمانيا", "بريطانيا", "الصين", "اليابان", "كندا", "واشنطن", "موسكو", "بغداد", "دمشق",
    "القاهرة", "طهران", "أنقرة", "باريس", "لندن", "برلين", "بيروت", "الرياض", "الموصل", "الرقة",
    "حلب", "أوروبا", "الغرب", "الشرق", "داعش", "الحكومة", "الجيش", "المعارضة", "النظام",
}
_TOKEN = re.compile(f"[{LETTERS}]+")  # tatweel included
# A site's tags left in its text: «#جامعة_الدول_العربية» is «جامعة الدول العربية», the # a link's mark
# and each _ a space (Al Arabiya, in 1,393 of its 3,230 articles of ANT's months; a Latin tag,
# «#DeleteFacebook», is left as written)
_TAG_MARK = re.compile(f"#(?=[{LETTERS}])")
_TAG_JOIN = re.compile(f"(?<=[{LETTERS}])_+(?=[{LETTERS}0-9])|(?<=[0-9])_+(?=[{LETTERS}])")
_AFTER_FINAL_LETTER = re.compile(f"[ةى](?=[{LETTERS}])")


def _split_article_inside(token: str) -> str | None:
    """Rule 1: split before a word-internal definite article."""
    start = 1
    while True:
        at = token.find("ال", start)
        if at < 0:
            return None
        head, tail = token[:at], token[at:]
        tail_stem = tail[2:]
        if (
            (len(strip_clitics(head)) >= 3 or head in PREPOSITIONS)
            # a head ending in ب ل ك ف و may be a word or a word plus the tail's clitic
            and not head.endswith(("ب", "ل", "ك", "ف", "و"))
            and len(tail_stem) >= 3
            and tail_stem not in _SUFFIXES
            # ال before a long vowel is mostly a foreign name (كاليفورنيا), before ه a
            # pronoun suffix (ماقاله)
            and (not tail_stem.startswith(("ا", "و", "ي", "ه")) or tail in _NAMES)
        ):
            return head + " " + (_split_token(tail) or tail)
        start = at + 1


def _split_after_final_letter(token: str) -> str | None:
    """Rule 0: ة and ى end a word, so a letter after them starts the next one."""
    match = _AFTER_FINAL_LETTER.search(token)
    if not match:
        return None
    head, tail = token[:match.end()], token[match.end():]
    return (_split_token(head) or head) + " " + (_split_token(tail) or tail)


def _split_names_with_and(token: str) -> str | None:
    """Rule 2: ``<name>و<name>`` -> ``<name> و<name>``."""
    for name in _NAMES:
        if token.startswith(name) and token[len(name):len(name) + 1] == "و":
            rest = token[len(name) + 1:]
            if rest in _NAMES:
                return f"{name} و{rest}"
    return None


@lru_cache(maxsize=1 << 16)
def _split_token(token: str) -> str | None:
    """The token with its lost spaces put back, or None; remembered per token (news repeats its words:
    ``unglue`` asks for every word of every unit)."""
    if token in _NAMES:
        return None
    return (
        _split_after_final_letter(token)
        or (len(token) >= 7 and (_split_names_with_and(token) or _split_article_inside(token)))
        or None
    )


def unglue(text: str) -> str:
    """Put back the spaces lost between words, for the translator's input only: run-together words
    mended, and an Arabic tag read as its words (``_TAG_MARK``)."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        return _split_token(token) or token

    if "#" in text or "_" in text:
        text = _TAG_JOIN.sub(" ", _TAG_MARK.sub("", text))
    return _TOKEN.sub(replace, text)
