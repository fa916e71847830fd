"""What every torture case uses: the expectation counter, the work setup, and ways to run the real
command (always under a time limit: a run that hangs is killed and reported, never waited for)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = sorted((ROOT / "corpus").glob("*.txt"))
FAILURES: list[str] = []
LIMIT = 300  # seconds any one run may take


def expect(ok: bool, what: str) -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        FAILURES.append(what)


@dataclass
class Setup:
    """The work folder, the tiny model and the environment every run gets."""

    work: Path
    model: Path
    env: dict = field(default_factory=dict)
    common: list[str] = field(default_factory=list)

    def corpus(self, name: str, count: int = 2) -> Path:
        """A fresh corpus of the first ``count`` good articles."""
        folder = self.work / name
        folder.mkdir(parents=True)
        for path in GOOD[:count]:
            shutil.copy(path, folder / path.name)
        return folder


def command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "summarize", *args]


def run(args: list[str], env: dict, timeout: float = LIMIT, prefix: list[str] = (), **kw) -> subprocess.CompletedProcess:
    """``summarize ARGS``; one that runs past ``timeout`` is killed and comes back with exit 124."""
    try:
        return subprocess.run([*prefix, *command(args)], env=env, capture_output=True, text=True, cwd=ROOT,
                              timeout=timeout, **kw)
    except subprocess.TimeoutExpired as error:
        out = error.stdout.decode(errors="replace") if isinstance(error.stdout, bytes) else (error.stdout or "")
        err = error.stderr.decode(errors="replace") if isinstance(error.stderr, bytes) else (error.stderr or "")
        return subprocess.CompletedProcess(error.cmd, 124, out, f"{err}\n(hung: killed after {timeout:.0f}s)")


def shell(script: str, env: dict, timeout: float = LIMIT) -> subprocess.CompletedProcess:
    """A bash script (for redirections such as ``2>&-``), under the time limit."""
    try:
        return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, cwd=ROOT,
                              timeout=timeout)
    except subprocess.TimeoutExpired as error:
        return subprocess.CompletedProcess(error.cmd, 124, "", f"(hung: killed after {timeout:.0f}s)")


def spawn(args: list[str], env: dict, **kw) -> subprocess.Popen:
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(command(args), env=env, cwd=ROOT, text=True, **kw)


def finish(process: subprocess.Popen, timeout: float = LIMIT) -> tuple[str, str]:
    """Wait for ``process`` under the time limit (killed past it); its stdout and stderr."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        return out or "", f"{err or ''}\n(hung: killed after {timeout:.0f}s)"


def wait_until(condition, timeout: float = 120, every: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(nothing)"


def clean_exit(done, codes=(0, 1)) -> bool:
    """An expected exit code and no traceback anywhere."""
    return done.returncode in codes and "Traceback" not in (done.stderr or "") + (done.stdout or "")


def check_outputs(out: Path) -> tuple[int, list[str]]:
    """Count complete briefs; list partial or corrupt files."""
    if not out.exists():
        return 0, []
    bad = [p.name for p in out.glob("*.tmp")] + [p.name for p in out.glob(".*.tmp")]
    briefs = 0
    for path in out.glob("*.json"):
        try:
            json.loads(path.read_text(encoding="utf-8"))
            briefs += path.name != "daily-brief.json"
        except (ValueError, UnicodeDecodeError):
            bad.append(path.name)
    return briefs, bad


def copy_of(out: Path, name: str) -> tuple[str, float] | None:
    """The brief that lists ``name`` as a copy of its article, and how alike the two texts are."""
    for path in sorted(out.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for copy in data.get("copies", []) if isinstance(data, dict) else []:
            if copy.get("file") == name:
                return path.stem, float(copy.get("similarity") or 0)
    return None


def unaccounted(out: Path, names: list[str]) -> list[str]:
    """Of the corpus files ``names``, those with neither a brief of their own in ``out`` nor a place
    as a copy (similarity >= 0.99) in another's: a copy of an article is briefed once (issue 21)."""
    missing = []
    for name in names:
        if (out / f"{Path(name).stem}.json").exists():
            continue
        copy = copy_of(out, name)
        if copy is None or copy[1] < 0.99:
            missing.append(name)
    return missing


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def cache_rows(path: Path) -> int:
    try:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
    except sqlite3.Error:
        return 0


def without_root_file_access() -> list[str]:
    """A command prefix under which root obeys file modes (so mode 000 means unreadable), if possible."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        return []
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def obeys_modes() -> bool:
    """Whether file modes bind the runs here (not root, or root without its file access)."""
    return os.geteuid() != 0 or bool(without_root_file_access())


def mount_tmpfs(folder: Path, size: int, read_only: bool = False) -> str | None:
    """Mount a tmpfs of ``size`` bytes on ``folder``; None, or why it could not be done."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and read_only:
            done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True,
                                  timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    return None if done.returncode == 0 else (done.stderr.strip() or "mount failed")


def unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True, timeout=30)
