"""Reading and cleaning, on lines taken from the sample articles."""

from pathlib import Path

import pytest

from summarize.clean import clean, unglue
from summarize.document import Article
from summarize.reader import ArticleError, decode, read_article

ARTICLE = "وقال ماكورك إن التحالف الدولي الذي شن 14 ألف غارة خلال سنتين \"يحقق نجاحات على الأرض\".\r\n"


@pytest.mark.parametrize("encoding, data, expected", [
    ("utf-8", ARTICLE.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", ARTICLE.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16 LE with BOM", ARTICLE.encode("utf-16"), "utf-16"),
    ("utf-16 BE with BOM", b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16"),
    ("windows-1256", ARTICLE.encode("cp1256"), "windows-1256"),
])
def test_decode(encoding, data, expected):
    text, found = decode(data)
    assert found == expected
    assert text == ARTICLE


def test_decode_utf16_that_lost_its_bom():
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode(ARTICLE.encode(encoding)) == (ARTICLE, "utf-16 (no BOM)")


def test_decode_refuses_junk_that_windows_1256_would_accept():
    import random

    rng = random.Random(0)
    junk = bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL: only the code page test can tell
    with pytest.raises(UnicodeDecodeError):
        decode(junk)


def test_html_page_is_reduced_to_its_article_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>خبر</title><script>var x = 1;</script></head><body>"
            "<nav>الرئيسية</nav><h1>أميركا تجتمع بالتحالف الدولي</h1><p>بعد عامين من بدء غاراتها.</p>"
            "<p>وقال ماكورك إن التحالف &quot;يحقق نجاحات&quot;.</p><footer>حقوق النشر</footer></body></html>")
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert article.encoding == "utf-8, html"
    assert article.raw == ("أميركا تجتمع بالتحالف الدولي\n\nبعد عامين من بدء غاراتها.\n\n"
                           'وقال ماكورك إن التحالف "يحقق نجاحات".')


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(ARTICLE.encode("utf-8") * 100)
    with pytest.raises(ArticleError, match="over the 1,000-byte limit.*--max-bytes"):
        read_article(path, max_bytes=1000)


def test_broken_link_is_named(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="gone.txt.*broken link"):
        read_article(link)


def test_read_article_normalizes_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    article = read_article(path)
    assert "\r" not in article.raw
    assert article.encoding == "windows-1256"


@pytest.mark.parametrize("what, data, message", [
    ("empty", b"", "empty"),
    ("whitespace only", b"  \n\n ", "empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not readable"),
    ("English by mistake", b"The coalition met in Washington.", "no Arabic"),
])
def test_read_article_refuses_bad_files_with_the_name(tmp_path, what, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


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
])
def test_unglue_never_splits_a_real_word(word):
    assert unglue(word) == word


def test_unglue_in_context_keeps_punctuation():
    assert unglue("في الولاياتالمتحدةوتركيا.") == "في الولايات المتحدة وتركيا."
