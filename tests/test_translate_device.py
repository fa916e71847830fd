"""The default device: one decision, read by the cache key and by the backend alike."""

import pytest

from summarize.translate import ModelError, device
from summarize.translate.cache import namespace
from summarize.translate.device import default_device


@pytest.fixture
def gpu_files(tmp_path, monkeypatch):
    """Stand-ins for the NVIDIA driver's device files; a test creates them to show a GPU."""
    files = (tmp_path / "nvidia0", tmp_path / "nvidiactl")
    monkeypatch.setattr(device, "NVIDIA_DEVICE_FILES", files)
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    return files


def test_no_driver_means_cpu(gpu_files):
    assert default_device() == "cpu"


@pytest.mark.parametrize("present", [0, 1])
def test_a_driver_device_file_means_cuda(gpu_files, present):
    gpu_files[present].touch()
    assert default_device() == "cuda"


@pytest.mark.parametrize("visible, expected", [
    ("0", "cuda"), ("1,0", "cuda"), ("GPU-8f3c2a10", "cuda"), ("MIG-4e1d", "cuda"),
    ("", "cpu"), ("-1", "cpu"), ("none", "cpu"), ("-1,0", "cpu"),
])
def test_cuda_visible_devices_is_read_as_cuda_reads_it(gpu_files, monkeypatch, visible, expected):
    gpu_files[0].touch()
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)
    assert default_device() == expected


def test_windows_looks_for_the_cuda_driver_library(gpu_files, tmp_path, monkeypatch):
    monkeypatch.setattr(device.sys, "platform", "win32")
    driver = tmp_path / "nvcuda.dll"
    monkeypatch.setattr(device, "WINDOWS_CUDA_DRIVER", driver)
    gpu_files[0].touch()  # no /dev on Windows: these files do not count there
    assert default_device() == "cpu"
    driver.touch()
    assert default_device() == "cuda"


def test_the_cache_key_and_the_backend_default_to_the_same_device(gpu_files, tiny_model_dir, tmp_path,
                                                                  monkeypatch):
    from summarize.translate.factory import open_translator

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    gpu_files[0].touch()
    cached = open_translator(model=str(tiny_model_dir), backend="transformers", device=None, beam=2,
                             batch_size=8, offline=True, cache_path=tmp_path / "c.sqlite3")
    assert cached.device == "cuda"
    assert cached.namespace == namespace(cached.identity, "transformers", 2, "cuda")
    try:
        used = cached.translator.device
    except ModelError as error:  # no usable GPU here: the backend tried the key's device, and says what to do
        assert "on device 'cuda'" in str(error) and "pass --device cpu" in str(error)
    else:
        assert used == "cuda"
