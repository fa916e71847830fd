"""The hardware a translator runs on: the default device, and the CPU cores to use.

``default_device`` is the one place the default is decided.  Both backends
call it when ``--device`` is not given, and the factory calls it for the
translation cache's key, so the key always names the device the model
really runs on; and it decides without importing torch or ctranslate2, so a
run answered entirely from the cache stays fast.  It asks what both
libraries' own checks rest on: is there an NVIDIA driver with a GPU, and
does ``CUDA_VISIBLE_DEVICES`` leave one visible.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: what shows an NVIDIA driver with a GPU: its device files (Linux), its CUDA driver library (Windows)
NVIDIA_DEVICE_FILES = (Path("/dev/nvidia0"), Path("/dev/nvidiactl"))
WINDOWS_CUDA_DRIVER = Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32" / "nvcuda.dll"
#: added to a backend's "cannot use device" error when the device was this module's default
DEFAULT_DEVICE_HINT = " (the default where an NVIDIA GPU is visible; pass --device cpu to translate on the CPU)"


def default_device() -> str:
    """``cuda`` where an NVIDIA GPU is visible to this process, else ``cpu``.

    ``CUDA_VISIBLE_DEVICES`` is read as CUDA reads it: devices are listed until
    the first entry that is not an index or a ``GPU-``/``MIG-`` id, so ``""``,
    ``-1`` or ``none`` leave none.  Where the GPU is visible but the backend
    can't use it (torch built without CUDA), loading fails with a ModelError
    ending in ``DEFAULT_DEVICE_HINT``: running elsewhere than the key says
    would file CPU translations under the GPU's key.
    """
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        first = visible.split(",")[0].strip()
        if not (first.isdigit() or first.startswith(("GPU-", "MIG-"))):
            return "cpu"
    if sys.platform == "win32":
        return "cuda" if WINDOWS_CUDA_DRIVER.is_file() else "cpu"
    return "cuda" if any(path.exists() for path in NVIDIA_DEVICE_FILES) else "cpu"


def cpu_threads() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1
