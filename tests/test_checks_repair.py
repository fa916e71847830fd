"""The number repair never loses content (issue 23): an n-best hypothesis replaces the model's first
translation only if it passes the length, untranslated and repetition checks and keeps at least
half its length.  Before, 40 EASC sentences were "repaired" with an empty or near-empty beam
(no numbers left, so none wrong)."""

import json
from pathlib import Path

import pytest

from summarize.document import Article, Section, Sentence, Text
from summarize.numbers.verify import verify_articles
from summarize.translate import Hypothesis

# corpus/004 s4: the first translation drops the 40
AR = ("وعلى مدى يومين، سيستقبل وزير الخارجية جون كيري ووزير الدفاع أشتون كارتر نحو 40 من نظرائهما، "
      "بينهم الوزيران الفرنسيان جان مارك إيرولت وجان إيف لودريان.")
GOOD = ("Over two days, Secretary of State John Kerry and Defense Secretary Ashton Carter will host about 40 "
        "of their counterparts, including the French ministers Jean-Marc Ayrault and Jean-Yves Le Drian.")
FIRST = GOOD.replace("about 40 of their counterparts", "their counterparts")
EMPTY, CUT = "", "Over two days."
ARABIC_LEFT = "Over two days, Secretary of State John Kerry will host about 40 من نظرائهما بينهم الوزيران الفرنسيان."
LOOP = "Over two days about 40 about 40 about 40 about 40 about 40 about 40 about 40 about 40 about 40 of them."


# no number in the Arabic: the first translation adds one, so an empty beam "verifies"
AR_NO_NUMBER = "وقال كيري إن المحادثات مع الحلفاء في واشنطن ستستمر خلال الأيام المقبلة."
FIRST_EXTRA = "Kerry said the talks with the allies in Washington would continue over the next 14 days."
GOOD_NO_NUMBER = "Kerry said the talks with the allies in Washington would continue in the coming days."


class Beams:
    """A translator whose first translation is ``first`` and whose n-best is ``beams``."""

    name = backend = device = identity = "beams"
    beam, batch_size = 4, 8

    def __init__(self, first: str, beams: list[str]):
        self.first, self.beams = first, beams

    def translate(self, texts):
        return [self.first for _ in texts]

    def hypotheses(self, texts, n):
        return [[Hypothesis(t, -float(i)) for i, t in enumerate(self.beams[:n])] for _ in texts]

    def count_tokens(self, text):
        return len(text.split()) + 1


def briefed(translator, ar: str = AR) -> Sentence:
    sentence = Sentence(id="s1", ar=ar, pieces=[ar])
    article = Article(stem="t", source=Path("t.txt"), title=Text("عنوان", pieces=["عنوان"]),
                      sections=[Section(None, [sentence])])
    for unit in article.units:
        unit.translations = translator.translate(unit.pieces)
    verify_articles([article], translator)
    return sentence


@pytest.mark.parametrize("beams, repaired", [
    ([FIRST, EMPTY, GOOD], GOOD),         # the empty beam has no wrong number, and is passed over
    ([FIRST, CUT, GOOD], GOOD),           # so is the cut one
    ([FIRST, ARABIC_LEFT, LOOP, GOOD], GOOD),
    ([FIRST, EMPTY, CUT, LOOP], None),    # nothing acceptable: the first stays, flagged
])
def test_repair_keeps_content(beams, repaired):
    s = briefed(Beams(FIRST, beams))
    if repaired is None:
        assert s.en == FIRST and not s.repairs and s.flagged
        assert [n.ar for n in s.numbers if n.status == "missing"] == ["40"]
    else:
        assert s.en == repaired and s.repairs[0].rank == beams.index(repaired) + 1
        assert not s.flagged


@pytest.mark.parametrize("beams", [[EMPTY], ["Kerry said."], [" ? "], [FIRST_EXTRA, "?", "Kerry"]])
def test_no_repair_leaves_a_sentence_under_half_its_first_translation(beams):
    s = briefed(Beams(FIRST_EXTRA, beams), AR_NO_NUMBER)
    assert s.en == FIRST_EXTRA and not s.repairs and s.flagged  # the extra 14 stays flagged


def test_a_full_beam_without_the_extra_number_repairs():
    s = briefed(Beams(FIRST_EXTRA, [FIRST_EXTRA, EMPTY, "Kerry said.", GOOD_NO_NUMBER]), AR_NO_NUMBER)
    assert s.en == GOOD_NO_NUMBER and s.repairs[0].rank == 4 and not s.flagged


# -- the repetition repair (summarize.checks.repair): a looping English, whatever its numbers ---------

# the first translation loops but has the 40 right
FIRST_LOOP = GOOD.replace("of their counterparts,", "of their counterparts of their counterparts of their counterparts,")
GOOD_REWORDED = GOOD.replace("will host", "are to host")
LOOP_NO_40 = FIRST_LOOP.replace("about 40 ", "")


class Loops:
    """A translator whose first translation is ``first``; its plain n-best is ``beams``, its
    no-repeat n-best ``guarded``; it records each request as (n, no_repeat_ngram_size)."""

    name = backend = device = identity = "loops"
    beam, batch_size = 4, 8

    def __init__(self, first: str, beams: list[str], guarded: list[str]):
        self.first, self.beams, self.guarded = first, beams, guarded
        self.asked: list[tuple[int, int]] = []

    def translate(self, texts):
        return [self.first for _ in texts]

    def hypotheses(self, texts, n, no_repeat_ngram_size=0):
        self.asked.append((n, no_repeat_ngram_size))
        options = self.guarded if no_repeat_ngram_size else self.beams
        return [[Hypothesis(t, -float(i)) for i, t in enumerate(options[:n])] for _ in texts]

    def count_tokens(self, text):
        return len(text.split()) + 1


def loop_briefed(translator, ar: str = AR) -> Article:
    from summarize.checks.repair import repair_loops

    sentence = Sentence(id="s1", ar=ar, pieces=[ar])
    article = Article(stem="t", source=Path("t.txt"), title=Text("عنوان", pieces=["عنوان"]),
                      sections=[Section(None, [sentence])])
    for unit in article.units:
        unit.translations = translator.translate(unit.pieces) if unit is sentence else ["Title"]
    verify_articles([article], translator)
    repair_loops([article], translator)
    return article


@pytest.mark.parametrize("beams, guarded, repaired, method, rank", [
    # the next beam that does not loop, before any re-decode
    ([FIRST_LOOP, LOOP_NO_40, GOOD], [GOOD_REWORDED], GOOD, "repetition", 3),
    # every beam loops, is cut, or loses the 40: the no-repeat search's first acceptable one
    ([FIRST_LOOP, EMPTY, CUT, LOOP_NO_40, GOOD.replace("about 40 ", "")], [CUT, GOOD_REWORDED], GOOD_REWORDED,
     "no-repeat", 2),
    # nothing acceptable anywhere: the first stays, flagged by the repetition check
    ([FIRST_LOOP, EMPTY, LOOP], [CUT, ARABIC_LEFT, GOOD.replace("about 40 ", "")], None, None, None),
])
def test_a_looping_english_is_repaired_only_by_an_acceptable_one(beams, guarded, repaired, method, rank):
    from summarize.checks import run

    translator = Loops(FIRST_LOOP, beams, guarded)
    article = loop_briefed(translator)
    [s] = article.sentences
    if repaired is None:
        assert s.en == FIRST_LOOP and not s.repairs
        assert [f.check for f in run(s.ar, s.en, only=("repetition",))] == ["repetition"]
    else:
        assert s.en == repaired and [(r.method, r.rank, r.first) for r in s.repairs] == [(method, rank, FIRST_LOOP)]
        assert not run(s.ar, s.en, only=("repetition", "untranslated", "length"))
    assert {n.status for n in s.numbers} == {"verified"}  # two days and 40, right in the first and the repair
    assert article.number_counts.repaired == 0  # a loop repair repairs no number


def test_the_re_decode_is_asked_only_for_what_the_n_best_did_not_repair():
    translator = Loops(FIRST_LOOP, [FIRST_LOOP, GOOD], [GOOD_REWORDED])
    loop_briefed(translator)
    assert translator.asked == [(8, 0)]  # numbers verified: the loop repair's n-best only, no re-decode
    translator = Loops(FIRST_LOOP, [FIRST_LOOP], [GOOD_REWORDED])
    loop_briefed(translator)
    assert translator.asked == [(8, 0), (8, 3)]


def test_a_unit_that_does_not_loop_is_never_re_decoded():
    translator = Loops(GOOD, [GOOD], [GOOD_REWORDED])
    [s] = loop_briefed(translator).sentences
    assert translator.asked == [] and s.en == GOOD and not s.repairs


def test_a_looping_english_with_a_wrong_number_may_be_repaired_by_one_with_it_right():
    """The number repair refuses a looping hypothesis and the loop repair one with more number
    problems; a hypothesis that fixes both is a repair, its 40 marked repaired."""
    first = LOOP_NO_40
    translator = Loops(first, [first, FIRST_LOOP, LOOP_NO_40], [GOOD])
    [s] = loop_briefed(translator).sentences
    assert s.en == GOOD and [r.method for r in s.repairs] == ["no-repeat"]
    assert {n.ar: n.status for n in s.numbers}["40"] == "repaired"


def test_a_loop_repair_is_shown_as_one_in_every_format():
    from summarize.briefs import html as pages
    from summarize.briefs import json as json_format
    from summarize.briefs import markdown
    from summarize.briefs.marks import Provenance

    made_by = Provenance(model="m", backend="b", beam=4, device="cpu", summary="auto", version="test")
    article = loop_briefed(Loops(FIRST_LOOP, [FIRST_LOOP], [GOOD_REWORDED]))
    md = markdown.render_brief(article, made_by)
    assert "↻ loop repaired: by decoding again without repeating any 3 tokens (its best)" in md
    assert "numbers repaired" not in md
    page = pages.render_brief_html(article, made_by)
    assert "↻ loop repaired:" in page and 'aria-label="loop repaired"' in page
    [s1] = json_format.brief_json(article, made_by)["sections"][0]["sentences"]
    assert s1["repairs"] == [{"piece": 0, "first": FIRST_LOOP, "method": "no-repeat", "rank": 1}]
    back = json_format.from_json(json.loads(json_format.dumps(json_format.brief_json(article, made_by))))
    assert back.sentences[0].repairs == article.sentences[0].repairs


def test_a_run_of_punctuation_is_no_content():
    """The tiny model's 'repairs' of 003 s14 and 004 s19 were ``ll`` and 70 Arabic question marks: as
    long as the first translation in characters, with no number to get wrong and no word to loop, but
    none of its words. Neither repair takes it."""
    noise = "ll" + "؟" * 70
    s = briefed(Beams(FIRST_EXTRA, [FIRST_EXTRA, noise, GOOD_NO_NUMBER]), AR_NO_NUMBER)
    assert s.en == GOOD_NO_NUMBER and s.repairs[0].rank == 3
    looping = GOOD_NO_NUMBER.replace("the allies", "the allies the allies the allies")
    [s] = loop_briefed(Loops(looping, [looping, noise], [noise, GOOD_NO_NUMBER]), AR_NO_NUMBER).sentences
    assert s.en == GOOD_NO_NUMBER and [(r.method, r.rank) for r in s.repairs] == [("no-repeat", 2)]


def test_a_long_loop_does_not_raise_the_bar_for_its_repair():
    """Half the first translation's length is the bar; a loop's repeats are no content, so a first
    English that loops on for three times the sentence still lets the good beam through."""
    long_loop = GOOD.replace("of their counterparts,", "of their counterparts" + " of their counterparts" * 30 + ",")
    assert len(GOOD) < len(long_loop) / 2
    translator = Loops(long_loop, [long_loop, GOOD], [GOOD_REWORDED])
    article = loop_briefed(translator)
    [s] = article.sentences
    assert s.en == GOOD and [(r.method, r.rank) for r in s.repairs] == [("repetition", 2)]
