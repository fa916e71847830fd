"""The number repair never loses content (issue 23): an n-best hypothesis replaces the model's first
translation only if it passes the length, untranslated and repetition checks and keeps at least
half its length.  Before, 40 EASC sentences were "repaired" with an empty or near-empty beam
(no numbers left, so none wrong)."""

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
