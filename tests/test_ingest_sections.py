"""Titles, sections and sentences of the five sample articles."""


import pytest
from helpers import CORPUS, sectioned

from summarize.pipeline import prepare_article

STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def articles():
    return {p.stem[:3]: prepare_article(p) for p in sorted(CORPUS.glob("*.txt"))}


def test_the_sample_corpus_is_the_five_shared_articles():
    assert len(STEMS) == 5


@pytest.mark.parametrize("stem", [s[:3] for s in STEMS])
def test_sentences_are_the_cleaned_text_in_order_each_once(articles, stem):
    article = articles[stem]
    parts = [article.title.ar] if article.title_from_headline else []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading.ar)
        parts += [s.ar for s in section.sentences]
    assert " ".join(parts).split() == article.text.split()
    ids = [s.id for s in article.sentences]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("stem", [s[:3] for s in STEMS])
def test_no_sentence_ends_at_a_comma(articles, stem):
    for s in articles[stem].sentences:
        assert not s.ar.endswith(("،", ",")), s.ar


def test_004_headline_and_subheadings(articles):
    article = articles["004"]
    assert article.title_from_headline
    assert article.title.ar.startswith("أميركا تجتمع بالتحالف الدولي")
    headings = [s.heading.ar for s in article.sections if s.heading]
    assert headings == ["الجهاديون لا يزالون قادرون على توجيه ضربات", "مليارا دولار من أجل العراق"]
    texts = [s.ar for s in article.sentences]
    assert not any(h in texts for h in headings)
    assert article.sentences[0].ar.startswith("بعد عامين من بدء غاراتها")


def test_001_subheadings(articles):
    article = articles["001"]
    assert [s.heading.ar for s in article.sections if s.heading] == ["خطوط عريضة", "الادارات السياسية"]
    assert not article.title_from_headline  # its first line is a paragraph, not a headline
    assert article.title.ar.startswith("تستعد العاصمة الأميركية واشنطن")  # dateline "إيلاف من لندن:" dropped


@pytest.mark.parametrize("stem", ["000", "002"])
def test_one_paragraph_articles_get_sections_of_a_few_sentences(articles, stem):
    sizes = [len(s.sentences) for s in articles[stem].sections]
    assert len(sizes) >= 3
    assert all(2 <= n <= 7 for n in sizes), sizes


def test_003_dateline_and_read_also(articles):
    article = articles["003"]
    assert article.dateline == "أخبار الآن | دبي – الإمارات العربية المتحدة"
    assert "إقرأ أيضاً:" in article.removed
    assert not any("معاهدة نزع الصواريخ" in s.ar for s in article.sentences)
    assert article.title.ar == "انطلق اجتماع للتحالف الدولي ضد داعش في واشنطن"


def sections_of(text: str):
    return sectioned(text).sections


LEAD = "أعلنت الشركة عن بيع حصة في شركة فرنسية تعمل في مجال إمدادات المياه."
# Runs of short unpunctuated lines, as ANT ships them: a list of facts (AL-economy-232-20180313),
# verse (AL-culture-17-20180214), a column's last word and its source (AL-sport-252-20180225),
# related headlines inside the text (BB-culture-103-20180407).  Each line is text: before, every
# line but the last of a run became the heading of an empty section and vanished from the brief.
SHORT_LINE_RUNS = [
    ["تقليص الحصة في روزنفت من 9.75% إلى 4.7%", "خفض الحصة في بنك كريديه سويس إلى 4.94%",
     "بيع أسهم في تيفاني للمجوهرات بقيمة 417 مليون دولار", "بيع 4.6% من فيوليا الفرنسية بـ640 مليون دولار"],
    ["سقطتُ لحينٍ في الفراش لزمته", "أضمّ إلى قلبي جناح مهيضِ", "وما مرَضٌ بي غير حبّي وإنما",
     "أُدلّس منكم عاشقاً بمريضِ!"],
    ["الزمن مساحة نسبية.. قد يسبقنا وقد نسبقه", "*نقلاً عن الاتحاد الإماراتية"],
    ["السجن للممثل الهندي سلمان خان لصيد ظبي نادر", "نجم السينما الهندية سلمان خان يحاكم بتهمة القتل",
     "محكمة هندية ترفض توجيه تهمة القتل العمد للممثل سلمان خان",
     "وبرأت المحكمة أربعة ممثلين آخرين كانوا معه في القضية، بعد التأكد من أنهم شاركوا في تصوير الفيلم فقط."],
]


@pytest.mark.parametrize("run", SHORT_LINE_RUNS, ids=["facts", "verse", "column-end", "related"])
@pytest.mark.parametrize("place", ["end", "middle"])
def test_a_run_of_short_lines_is_text_every_line_kept(run, place):
    lines = [LEAD, *run] + ([LEAD.replace("فرنسية", "ألمانية")] if place == "middle" else [])
    sections = sections_of("\n".join(lines))
    assert not any(s.heading for s in sections)
    sentences = " ".join(x.ar for s in sections for x in s.sentences)
    for line in lines:
        assert line in sentences


def test_a_short_line_alone_between_paragraphs_is_still_a_heading():
    sections = sections_of("\n".join([LEAD, "مليارا دولار من أجل العراق", LEAD.replace("فرنسية", "ألمانية")]))
    assert [s.heading.ar for s in sections if s.heading] == ["مليارا دولار من أجل العراق"]
