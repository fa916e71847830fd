"""The guards on the model's known failures, in both backends, on the tiny random model (issue 23.3):
an output cap relative to the source (opus-mt runs on to its 512 positions on noise), the 512-token
input limit honoured by cutting a unit into pieces (listed in the JSON), and a search that repeats
no 3 tokens (``no_repeat_ngram_size``) for the repetition repair, the same in both backends and
kept apart from the plain n-best in the cache.  Beam 2, a few sentences, one thread."""

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("ctranslate2")

from helpers import TEXTS, ScriptedTranslator  # noqa: E402

from summarize.briefs import json as json_format  # noqa: E402
from summarize.briefs.marks import Provenance  # noqa: E402
from summarize.checks.repair import NO_REPEAT, repair_loops  # noqa: E402
from summarize.checks.repetition import tokens  # noqa: E402
from summarize.document import Article, Section, Sentence, Text  # noqa: E402
from summarize.numbers.verify import REPAIR_HYPOTHESES, verify_articles  # noqa: E402
from summarize.translate import Hypothesis, base, convert, nbest, nbest_request, nbest_size  # noqa: E402
from summarize.translate.cache import CachedTranslator, TranslationCache  # noqa: E402
from summarize.translate.ctranslate2 import CTranslate2Translator  # noqa: E402
from summarize.translate.stage import PIECE_TOKENS, translate_articles  # noqa: E402
from summarize.translate.transformers import MarianTranslator  # noqa: E402

pytestmark = pytest.mark.usefixtures("torch_one_thread")

SENTENCES = [t for t in TEXTS if t][:5]
# noise: one word said over and over, on which the tiny model (like opus-mt) runs on and on
NOISE = " ".join(["الوزير"] * 40)
PROVENANCE = Provenance(model="tiny", backend="b", beam=2, device="cpu", summary="auto", version="test")


@pytest.fixture(scope="module")
def marian(tiny_model_dir):
    return MarianTranslator.load(model=str(tiny_model_dir), beam=2, batch_size=4)


@pytest.fixture(scope="module")
def ct2(tiny_model_dir, tmp_path_factory):
    """CTranslate2 on a float32 conversion: the same numbers as transformers, so the same output."""
    folder = convert.convert(tiny_model_dir, tmp_path_factory.mktemp("ct2") / "tiny-f32", "float32")
    return CTranslate2Translator.load(model=str(folder), beam=2, batch_size=4, threads=1)


def texts(hypotheses: list[list[Hypothesis]]) -> list[list[str]]:
    return [[h.text for h in hyps] for hyps in hypotheses]


def repeats_three_words(text: str) -> bool:
    words = tokens(text)
    grams = list(zip(words, words[1:], words[2:]))
    return len(set(grams)) < len(grams)


# -- the no-repeat search ---------------------------------------------------------------------


def test_both_backends_give_the_same_no_repeat_search(marian, ct2):
    ours, theirs = ct2.hypotheses(SENTENCES, 2, no_repeat_ngram_size=NO_REPEAT), \
        marian.hypotheses(SENTENCES, 2, no_repeat_ngram_size=NO_REPEAT)
    assert texts(ours) == texts(theirs)
    assert [h.score for x in ours for h in x] == pytest.approx([h.score for x in theirs for h in x], abs=2e-3)
    # the plain search is untouched by it: both backends still agree, and the translation is its first beam
    plain = marian.translate(SENTENCES)
    assert ct2.translate(SENTENCES) == plain == [h[0].text for h in marian.hypotheses(SENTENCES, 2)]


def test_the_no_repeat_search_stops_the_loop_the_plain_one_makes(marian):
    """The tiny model loops on ``ارتفعت أسعار النفط`` (one word, eight times); with no 3-token repeat
    the loop stops at its third word."""
    looping = SENTENCES[1]
    [plain], [guarded] = marian.hypotheses([looping], 2), marian.hypotheses([looping], 2, no_repeat_ngram_size=3)
    assert repeats_three_words(plain[0].text)
    assert not any(repeats_three_words(h.text) for h in guarded) and guarded[0].text != plain[0].text


def test_a_negative_size_is_refused(marian):
    with pytest.raises(ValueError, match="no_repeat_ngram_size"):
        marian.hypotheses(SENTENCES[:1], 2, no_repeat_ngram_size=-1)


# -- the output cap -----------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_the_output_cap_holds_on_noise(backend, request, monkeypatch):
    """On noise the tiny model runs to the cap (2 x source tokens + 10); without the cap it runs on."""
    translator = request.getfixturevalue(backend)
    cap = base.output_cap(512, translator.count_tokens(NOISE))
    assert cap == 2 * translator.count_tokens(NOISE) + 10 < 510
    [capped] = translator.translate([NOISE])
    assert cap - 2 <= len(capped.split()) <= cap  # each word at least one token: never past the cap
    monkeypatch.setattr(base, "output_cap", lambda positions, source: positions - 2)
    [uncapped] = translator.translate([NOISE])
    assert len(uncapped.split()) > cap  # the guard is what stopped it


def test_both_backends_cap_noise_alike(marian, ct2):
    assert marian.translate([NOISE, *SENTENCES]) == ct2.translate([NOISE, *SENTENCES])


# -- the input limit ------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_an_overlong_sentence_is_cut_into_pieces_the_json_lists(backend, request):
    """A sentence over translate.stage.PIECE_TOKENS source tokens (here over the model's 512) reaches
    the model in pieces cut at clauses, never truncated; the JSON brief lists them."""
    translator = request.getfixturevalue(backend)
    clause = "قال الوزير إن الاجتماع سيناقش الخطوات المقبلة"
    long_ar = "، ".join([clause] * 60) + "."
    assert translator.count_tokens(long_ar) > base.MODEL_MAX_TOKENS
    with pytest.raises(ValueError, match="never truncates"):
        translator.translate([long_ar])
    sentence = Sentence(id="s1", ar=long_ar)
    article = Article(stem="t", source=Path("t.txt"), title=Text("ارتفعت أسعار النفط"),
                      sections=[Section(None, [sentence])])
    translate_articles([article], translator, progress=False)
    assert len(sentence.pieces) >= 2 and " ".join(sentence.pieces) == " ".join(long_ar.split())
    assert all(translator.count_tokens(p) <= PIECE_TOKENS for p in sentence.pieces)
    assert len(sentence.translations) == len(sentence.pieces)
    [s1] = json_format.brief_json(article, PROVENANCE)["sections"][0]["sentences"]
    assert s1["pieces"] == sentence.pieces


# -- the cache -------------------------------------------------------------------------------------


def test_request_kinds_of_the_no_repeat_search():
    assert nbest(8, 3) == "nbest:8/no-repeat:3" and nbest(8, 0) == nbest(8) == "nbest:8"
    assert [nbest_request(k) for k in ("nbest:8", "nbest:8/no-repeat:3", "best", "nbest:8/no-repeat:0",
                                       "nbest:8/no-repeat:x")] == [(8, 0), (8, 3), None, None, None]
    assert nbest_size("nbest:8/no-repeat:3") is None  # readers of plain n-best lists (the review) skip it


def test_the_cache_keeps_the_no_repeat_search_apart(marian, tmp_path):
    """The plain n-best and the no-repeat n-best of one text are two entries; each is answered from
    the cache the second time, and a cached plain list is never given for a no-repeat request."""
    path = tmp_path / "c.sqlite3"
    loads = []

    def cached() -> CachedTranslator:
        def load():
            loads.append(1)
            return marian
        return CachedTranslator(TranslationCache(path), load, marian.count_tokens, identity="tiny",
                                name="tiny", backend="transformers", beam=2, device="cpu")

    looping = [SENTENCES[1]]
    plain = cached().hypotheses(looping, 2)
    guarded = cached().hypotheses(looping, 2, no_repeat_ngram_size=3)
    assert texts(plain) != texts(guarded) and len(loads) == 2  # the second was not the first's entry
    warm = cached()
    assert warm.hypotheses(looping, 2) == plain and warm.hypotheses(looping, 2, no_repeat_ngram_size=3) == guarded
    assert not warm.loaded
    stats = TranslationCache(path).stats()
    assert list(stats["kinds"]) == ["nbest:2", "nbest:2/no-repeat:3"]


# -- the repetition repair on the tiny model ----------------------------------------------------


@pytest.mark.parametrize("backend", ["marian", "ct2"])
def test_a_looping_unit_is_repaired_or_stays_flagged(backend, request):
    """The tiny model's English loops and is Arabic: no hypothesis is acceptable, so the first
    translation stays, with no repair; both backends ask for the plain and the no-repeat n-best."""
    from summarize.checks import run

    translator = request.getfixturevalue(backend)
    asked = []

    class Recording(ScriptedTranslator):
        def translate(self, texts):
            return translator.translate(texts)

        def hypotheses(self, texts, n, no_repeat_ngram_size=0):
            asked.append((n, no_repeat_ngram_size))
            return translator.hypotheses(texts, n, no_repeat_ngram_size=no_repeat_ngram_size)

    sentence = Sentence(id="s1", ar=SENTENCES[1], pieces=[SENTENCES[1]])
    article = Article(stem="t", source=Path("t.txt"), title=Text(SENTENCES[0], pieces=[SENTENCES[0]]),
                      sections=[Section(None, [sentence])])
    for unit in article.units:
        unit.translations = translator.translate(unit.pieces)
    first = sentence.en
    verify_articles([article], translator)
    repair_loops([article], Recording())
    assert asked == [(REPAIR_HYPOTHESES, 0), (REPAIR_HYPOTHESES, NO_REPEAT)]
    if sentence.repairs:  # repaired: by an acceptable English that does not loop
        assert sentence.repairs[0].method in ("repetition", "no-repeat") and sentence.repairs[0].first == first
        assert not run(sentence.ar, sentence.en, only=("repetition", "untranslated", "length"))
    else:
        assert sentence.en == first and [f.check for f in run(sentence.ar, first, only=("repetition",))]
    assert json.loads(json_format.dumps(json_format.brief_json(article, PROVENANCE)))  # renders either way
