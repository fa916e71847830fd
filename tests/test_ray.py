"""``--ray``: the sample corpus translated on a local Ray cluster gives a local run's briefs, byte for byte.

The cluster is started here, once for the module (two CPUs, no dashboard, a
small object store).  Without ray installed the module is skipped, saying so;
``SUMMARIZE_RAY_TESTS=required`` (CI) makes that a failure instead.
"""

import json
import os
import sqlite3
from pathlib import Path

import pytest
from helpers import CORPUS, TEXTS

from summarize.cli import main
from summarize.checks.repair import NO_REPEAT
from summarize.numbers.verify import REPAIR_HYPOTHESES
from summarize.translate import ModelError, factory, load_translator, models, nbest

REQUIRED = os.environ.get("SUMMARIZE_RAY_TESTS") == "required"
BRIEF_SUFFIXES = {".md", ".html", ".json"}
# Ray Data's own settings object warns about its renamed fields whenever it is copied
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray[.]data[.]context")


@pytest.fixture(scope="module")
def ray_cluster():
    try:
        import ray
        import ray.data  # noqa: F401  (the extra's other half)
    except ImportError as error:
        if REQUIRED:
            pytest.fail(f"SUMMARIZE_RAY_TESTS=required but ray[data] is not importable: {error}")
        pytest.skip(f"ray[data] is not installed ({error}); pip install -e '.[test]' brings it")
    ray.init(address="local", num_cpus=2, include_dashboard=False, object_store_memory=100 * 2**20,
             log_to_driver=False, logging_level="warning")
    yield ray
    ray.shutdown()


def brief_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in BRIEF_SUFFIXES}


def cache_rows(path: Path) -> dict[tuple[str, str, str], str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT namespace, kind, source, target FROM translations")
        return {(namespace, kind, source): target for namespace, kind, source, target in rows}


def same_answer(kind: str, ours: str, theirs: str) -> bool:
    """A translation exactly; an n-best list's texts exactly, its scores to float32's precision
    (their last digits depend on the CPU threads torch uses, which differ between runs)."""
    if kind == "best":
        return ours == theirs
    ours, theirs = json.loads(ours), json.loads(theirs)
    return [t for t, _ in ours] == [t for t, _ in theirs] and all(
        s == pytest.approx(r, rel=1e-5, abs=1e-6) for (_, s), (_, r) in zip(ours, theirs))


def run(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    code = main([str(CORPUS), "--model", str(tmp_path / "model"), "--out", str(out), "--beam", "2",
                 "--batch-size", "8", "--backend", "transformers", "--date", "2026-01-15", "--quiet",
                 "--cache", str(tmp_path / f"{name}.sqlite3"), *extra])
    assert code == 0
    return out


def test_the_corpus_on_ray_gives_the_local_briefs_and_cache(ray_cluster, tiny_model_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    (tmp_path / "model").symlink_to(tiny_model_dir)  # the same folder name in both runs' provenance
    opened = []
    real = factory.open_translator
    monkeypatch.setattr(factory, "open_translator", lambda **kw: opened.append(real(**kw)) or opened[-1])

    local = run(tmp_path, "local")
    remote = run(tmp_path, "ray", "--ray")  # the cluster this module started: joined, not restarted

    from summarize.translate.distributed import DistributedTranslator

    on_ray = opened[-1].translator
    assert isinstance(on_ray, DistributedTranslator) and type(opened[0].translator) is not DistributedTranslator
    # the translation, then the n-best re-decoding (the random model fails every number check)
    assert on_ray.jobs >= 2
    files = brief_files(local)
    assert len(files) == 6 * 3 and "daily-brief.json" in files  # 5 articles and the day: md, html, json
    assert brief_files(remote) == files
    # the same keys and the same answers: a local run and a Ray run share one cache
    rows, on_ray_rows = cache_rows(tmp_path / "local.sqlite3"), cache_rows(tmp_path / "ray.sqlite3")
    # the translation, the number repair's n-best, the loop repair's no-repeat n-best (checks.repair)
    assert {kind for _, kind, _ in rows} == {"best", nbest(REPAIR_HYPOTHESES), nbest(REPAIR_HYPOTHESES, NO_REPEAT)}
    assert on_ray_rows.keys() == rows.keys()
    assert all(same_answer(key[1], on_ray_rows[key], target) for key, target in rows.items())


@pytest.fixture
def remote_translator(ray_cluster, tiny_model_dir):
    from summarize.translate.distributed import DistributedTranslator

    def make(digest: str | None = None) -> DistributedTranslator:
        return DistributedTranslator(
            folder=tiny_model_dir, digest=digest or models.folder_digest(tiny_model_dir), identity="test",
            count_tokens=len, name="tiny", backend="transformers", device="cpu", beam=2, batch_size=3,
            cpus_per_actor=1,  # two actors on the two CPUs: batches answered by either, put back in order
        )
    return make


def test_translations_and_hypotheses_come_back_in_order(remote_translator, tiny_model_dir, torch_one_thread):
    remote = remote_translator()
    assert remote.actors == 2 and remote.batch_size == 3 * 2 * 8
    texts = TEXTS * 3 + [text + " وقال" for text in TEXTS]
    local = load_translator("transformers", model=str(tiny_model_dir), device="cpu", beam=2, batch_size=3)
    assert remote.translate(texts) == local.translate(texts)
    assert remote.hypotheses(texts, 3) == local.hypotheses(texts, 3)  # one thread each: the same floats too
    assert remote.jobs == 2 and remote.translate([]) == [] and remote.jobs == 2


def test_a_worker_with_another_copy_of_the_model_is_refused(remote_translator):
    with pytest.raises(ModelError, match="every node needs the same model folder"):
        remote_translator(digest="0" * 64).translate(TEXTS[:2])


def test_a_worker_that_cannot_load_the_model_stops_the_job_with_its_reason(ray_cluster, tmp_path):
    from summarize.translate.distributed import DistributedTranslator

    remote = DistributedTranslator(folder=tmp_path / "not-on-this-node", digest="0" * 64, identity="test",
                                   count_tokens=len, name="tiny", backend="transformers", device="cpu", beam=2,
                                   batch_size=3)
    with pytest.raises(ModelError, match="a Ray worker could not load the model: Could not load") as error:
        remote.translate(TEXTS[:2])
    assert "not-on-this-node: not found" in str(error.value) and "Traceback" not in str(error.value)


def test_ray_needs_a_model_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SUMMARIZE_MODELS", str(tmp_path / "no-models"))
    out = tmp_path / "briefs"
    assert main([str(CORPUS), "--out", str(out), "--model", "Helsinki-NLP/opus-mt-ar-en", "--ray"]) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and "--ray loads" in err and "every node" in err
    assert not out.exists()
