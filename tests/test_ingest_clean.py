"""Cleaning, on lines taken from the sample articles (reading and decoding: test_ingest_reader.py)."""

from pathlib import Path

import pytest

from summarize.document import Article
from summarize.ingest.clean import clean, unglue


def cleaned(raw: str) -> Article:
    return clean(Article(stem="x", source=Path("x.txt"), raw=raw))


@pytest.mark.parametrize("what, raw, text, removed", [
    ("stray & at a line end (001)",
     "ووجه وزير الخارجية الدعوات لنظرائه.&\n\nخطوط عريضة&\n\nوتضع الخطة الخطوط العريضة.\n&",
     "ووجه وزير الخارجية الدعوات لنظرائه.\n\nخطوط عريضة\n\nوتضع الخطة الخطوط العريضة.", []),
    ("publishing stamp and Latin photo credits (004)",
     "أميركا تجتمع بالتحالف الدولي\n\nتم النشر: تم التحديث:\nFOREIGN MINISTER JOHN KERRY AND ASHTON CARTER\n"
     "KENA BETANCUR via Getty Images\n\nبعد عامين من بدء غاراتها.",
     "أميركا تجتمع بالتحالف الدولي\n\nبعد عامين من بدء غاراتها.",
     ["تم النشر: تم التحديث:", "FOREIGN MINISTER JOHN KERRY AND ASHTON CARTER", "KENA BETANCUR via Getty Images"]),
    ("the read-also tail and everything after it (003)",
     "وقال الجيش الأمريكي إنه ليس هناك جدول زمني محدد للانسحاب.\nإقرأ أيضاً:\nواشنطن تعلق معاهدة نزع الصواريخ النووية المتوسطة مع روسيا",
     "وقال الجيش الأمريكي إنه ليس هناك جدول زمني محدد للانسحاب.",
     ["إقرأ أيضاً:", "واشنطن تعلق معاهدة نزع الصواريخ النووية المتوسطة مع روسيا"]),
    ("HTML entities are decoded, not dropped",
     "قال الوزير &quot;نعم&quot; للاتفاق.", 'قال الوزير "نعم" للاتفاق.', []),
])
def test_clean(what, raw, text, removed):
    article = cleaned(raw)
    assert article.text == text
    assert article.removed == removed


def test_dateline_line_is_kept_aside_not_as_headline():
    article = cleaned("أخبار الآن | دبي – الإمارات العربية المتحدة\nانطلق اجتماع للتحالف الدولي ضد داعش في واشنطن.")
    assert article.dateline == "أخبار الآن | دبي – الإمارات العربية المتحدة"
    assert article.text == "انطلق اجتماع للتحالف الدولي ضد داعش في واشنطن."


def test_cleaning_keeps_the_articles_own_words():
    raw = "ويتعلّق الخلاف بين الولاياتالمتحدةوتركيا بالقوات التي يجب أن تقود الهجوم النهائي على الرقة."
    assert cleaned(raw).text == raw  # glued words are mended only for the translator


@pytest.mark.parametrize("glued, mended", [
    ("الولاياتالمتحدة", "الولايات المتحدة"),            # 000, 002
    ("العراقوسوريا", "العراق وسوريا"),                  # 002
    ("سورياوالعراق", "سوريا والعراق"),                  # 002
    ("الولاياتالمتحدةوتركيا", "الولايات المتحدة وتركيا"),  # 000
    ("مجلسالأمن", "مجلس الأمن"),
    ("المجموعةالتقدمية", "المجموعة التقدمية"),          # ة ends a word
    ("علىالثقافة", "على الثقافة"),                      # ى ends a word
])
def test_unglue_mends_run_together_words(glued, mended):
    assert unglue(glued) == mended


@pytest.mark.parametrize("word", [
    # real words with ال, و or a long vowel inside: never split
    "الولايات", "العالمية", "البالغين", "الغالبية", "المكالمات", "الوالدين", "الاحتفالات",
    "احتفالاتهم", "استقلالية", "الكتالونية", "كاليفورنيا", "الاستقرار", "والعراق", "بالتحالف",
    "الإسلامية", "الدبلوماسية", "مالالا", "أعمالهم", "المتحدة", "للاتفاق",
    "للتحالفات",  # لل is ل + ال: only two letters (تح) stand before the inner ال
])
def test_unglue_never_splits_a_real_word(word):
    assert unglue(word) == word


def test_unglue_in_context_keeps_punctuation():
    assert unglue("في الولاياتالمتحدةوتركيا.") == "في الولايات المتحدة وتركيا."
