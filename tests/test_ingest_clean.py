"""Cleaning, on lines taken from the sample articles (reading and decoding: test_ingest_reader.py)."""

from pathlib import Path

import pytest

from summarize.document import Article
from summarize.ingest.clean import clean, unglue


def cleaned(raw: str, outlet: str | None = None) -> Article:
    return clean(Article(stem="x", source=Path("x.txt"), raw=raw, outlet=outlet))


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
    # an outlet's notice under every article, as ANT ships it (BB-middleEast-41-20180219,
    # AL-sport-252-20180225, FR-internationalNews-258-20180305)
    ("BBC's app notice",
     "وكانت عناصر الجيش السوري غادرت المناطق الكردية الشمالية في عام 2012.\n"
     "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
     "وكانت عناصر الجيش السوري غادرت المناطق الكردية الشمالية في عام 2012.",
     ["يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول."]),
    ("Al Arabiya's opinion disclaimer; the source of the column stays",
     "الزمن مساحة نسبية.. قد يسبقنا وقد نسبقه\n*نقلاً عن الاتحاد الإماراتية\n** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
     "الزمن مساحة نسبية.. قد يسبقنا وقد نسبقه\n*نقلاً عن الاتحاد الإماراتية",
     ["** جميع المقالات المنشورة تمثل رأي كتابها فقط."]),
    ("France 24's agency credit",
     "وفاز فيلم \"شكل الماء\" بجائزة أفضل فيلم.\nفرانس24/ أ ف ب", "وفاز فيلم \"شكل الماء\" بجائزة أفضل فيلم.",
     ["فرانس24/ أ ف ب"]),
    ("France 24 named in a sentence stays (made up: the credit's pattern must not take it)",
     "وقالت فرانس 24/ مراسلتنا إن الوضع هادئ.", "وقالت فرانس 24/ مراسلتنا إن الوضع هادئ.", []),
    # a link to another story inside the text (CN-middleEast-341-20180323, FR-internationalNews-*'s
    # «للمزيد -»); a sentence that opens with the verb stays (BB-technology-302-20180705)
    ("a link inside the text",
     "وقال مصدر مقرّب من القضية لـ CNN إن الرئيس السابق خضع لتحقيق سابق.\n"
     "اقرأ.. لجنة بريطانية: كاميرون ضخّم الأوضاع بليبيا وانحرف نحو إسقاط القذافي\n"
     "كما خضع ساركوزي تحت رقابة قضائية.\nللمزيد - روسيا: أبرز التحولات السياسية",
     "وقال مصدر مقرّب من القضية لـ CNN إن الرئيس السابق خضع لتحقيق سابق.\nكما خضع ساركوزي تحت رقابة قضائية.",
     ["اقرأ.. لجنة بريطانية: كاميرون ضخّم الأوضاع بليبيا وانحرف نحو إسقاط القذافي", "للمزيد - روسيا: أبرز التحولات السياسية"]),
    ("a video's own title on the first line stays",
     "شاهد.. بيل غيتس: على الأثرياء دفع ضرائب أعلى بكثير\nقال بيل غيتس إن على الأثرياء دفع ضرائب أعلى.",
     "شاهد.. بيل غيتس: على الأثرياء دفع ضرائب أعلى بكثير\nقال بيل غيتس إن على الأثرياء دفع ضرائب أعلى.", []),
    ("a sentence opening with the verb stays",
     "ونشرت الشركة الفيلم كاملا.\nشاهد آلاف الأشخاص فيلما نشرته الشركة الموزعة له في الولايات المتحدة كاملا على يوتيوب.",
     "ونشرت الشركة الفيلم كاملا.\nشاهد آلاف الأشخاص فيلما نشرته الشركة الموزعة له في الولايات المتحدة كاملا على يوتيوب.", []),
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


@pytest.mark.parametrize("tagged, read", [
    # Al Arabiya's tags, as ANT ships them (AL-internationalNews-771-20180403, AL-culture-141-20180307,
    # AL-internationalNews-197-20180225: a tag whose # was lost)
    ("طالب مجلس #جامعة_الدول_العربية بتحقيق دولي عاجل في الجرائم التي ارتكبتها #إسرائيل",
     "طالب مجلس جامعة الدول العربية بتحقيق دولي عاجل في الجرائم التي ارتكبتها إسرائيل"),
    ("وهو ما قام به نجله الفنان #أحمد_السعدني، حيث نشر", "وهو ما قام به نجله الفنان أحمد السعدني، حيث نشر"),
    ("بدعم من التحالف_العربي_لدعم_الشرعية في اليمن.", "بدعم من التحالف العربي لدعم الشرعية في اليمن."),
    ("و#السعودية", "والسعودية"),
    ("#عاصفة_الحزم_2", "عاصفة الحزم 2"),
    # a Latin tag and an underscore between figures are left as written (AL-technology-169-20180415)
    ('عنوانها "امسح حسابك" (#DeleteFacebook) شارك', 'عنوانها "امسح حسابك" (#DeleteFacebook) شارك'),
    ("2018_2019", "2018_2019"),
])
def test_unglue_reads_a_tag_as_its_words(tagged, read):
    assert unglue(tagged) == read


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


def test_the_translator_reads_tags_as_words_and_the_brief_keeps_them(tmp_path):
    """An article read as the product reads it: the model is asked for the tag's words, the Arabic
    beside the English stays as the outlet wrote it."""
    from helpers import ScriptedTranslator, briefed

    path = tmp_path / "tagged.txt"
    path.write_text("الجامعة العربية تطالب بتحقيق دولي\n\nطالب مجلس #جامعة_الدول_العربية بتحقيق دولي عاجل "
                    "في الجرائم التي ارتكبتها #إسرائيل بحق الفلسطينيين.\n", encoding="utf-8")
    translator = ScriptedTranslator()
    [article] = briefed([path], translator)
    asked = [text for call in translator.calls for text in call]
    assert any("جامعة الدول العربية" in text for text in asked)
    assert not any("#" in text or "_" in text for text in asked)
    assert any("#جامعة_الدول_العربية" in s.ar for s in article.sentences)


BEFORE = ("وفي حال تنفيذ هذا الاتفاق فإن القوات التركية ستجد نفسها تقاتل في عفرين ليس فقط المقاتلين الأكراد بل "
          "قوات الجيش السوري أيضاً بحسب محرر بي بي سي لشؤون الشرق الأوسط آلان جونسون.")
AFTER = "وكانت عناصر الجيش السوري غادرت المناطق الكردية الشمالية في عام 2012."
AFRIN = ["الأكراد في عفرين يدعون الحكومة السورية إلى مواجهة الهجوم التركي",
         "الآلاف يتظاهرون في عفرين ضد العملية العسكرية التركية"]


# BBC Arabic's related-stories box, left inside its text (BB-middleEast-41-20180219), and what stays:
# the same lines from another outlet, a box with no paragraph after it, a timeline
# (BB-internationalNews-275-20180402), a list of counts (BB-internationalNews-235-20180327).
@pytest.mark.parametrize("what, outlet, lines, dropped", [
    ("BBC's box between paragraphs", "BBC Arabic", [BEFORE, *AFRIN, AFTER], AFRIN),
    ("the box after a blank line", "BBC Arabic", [BEFORE, "", *AFRIN, "", AFTER], AFRIN),
    ("one headline is not a box", "BBC Arabic", [BEFORE, AFRIN[0], AFTER], []),
    ("another outlet's short lines stay (verse, lists)", "Al Arabiya", [BEFORE, *AFRIN, AFTER], []),
    ("nothing after it: the article's end", "BBC Arabic", [BEFORE, *AFRIN], []),
    ("a timeline", "BBC Arabic", [BEFORE, "1936: ولدت في بيزانا في ترانسكي", "1958: تزوجت من نيلسون مانديلا",
                                  "1969: سجنت لمدة 18 شهرا لنشاطاتها ضد الفصل العنصري", AFTER], []),
    ("a list of counts", "BBC Arabic", [BEFORE, "ألبانيا: 2", "مقدونيا: 1", "النرويج: 1", AFTER], []),
])
def test_a_related_stories_box_is_dropped_and_recorded(what, outlet, lines, dropped):
    article = cleaned("\n".join(lines), outlet)
    assert article.removed == dropped
    kept = [line for line in lines if line not in dropped]
    assert [line for line in article.text.split("\n") if line] == [line for line in kept if line]
    assert "\n\n\n" not in article.text
