"""Converting a model for CTranslate2 (summarize.translate.convert): runs started together on a new
model convert it once, and a conversion stopped part way leaves no temporary folder behind.

Moved from test_signals.py (now test_runtime_guard.py), which tests the guard.
"""

import signal
import threading
from pathlib import Path

import pytest

from summarize.runtime import guard
from summarize.translate.convert import convert, find_or_convert


def test_runs_converting_one_model_at_once_convert_it_once(tiny_model_dir, tmp_path, capfd):
    pytest.importorskip("ctranslate2")

    models = tmp_path / "models"
    leftover = models / f".{tiny_model_dir.name}-ct2-int8.abcd1234"  # what a killed conversion leaves
    leftover.mkdir(parents=True)
    found, errors = [], []

    def one_run():
        try:
            found.append(find_or_convert(str(tiny_model_dir), "int8", models, offline=True))
        except Exception as error:  # noqa: BLE001 - the test reports whatever a thread met
            errors.append(error)

    threads = [threading.Thread(target=one_run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors and len(found) == 3 and len(set(found)) == 1
    assert sorted(p.name for p in models.iterdir()) == [f"{tiny_model_dir.name}-ct2-int8"]
    assert capfd.readouterr().err.count("Converting ") == 1


def test_a_stopped_conversion_removes_its_temporary_folder(tiny_model_dir, tmp_path, monkeypatch):
    pytest.importorskip("ctranslate2")
    from ctranslate2.converters import TransformersConverter

    def stopped(self, output_dir, **options):
        Path(output_dir).mkdir(parents=True)
        (Path(output_dir) / "model.bin").write_bytes(b"half written")
        raise guard.Stopped(signal.SIGTERM)

    monkeypatch.setattr(TransformersConverter, "convert", stopped)
    with pytest.raises(guard.Stopped):
        convert(tiny_model_dir, tmp_path / "models" / "tiny-ct2-int8")
    assert list((tmp_path / "models").iterdir()) == []
