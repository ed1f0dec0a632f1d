"""Cached, git-ignored venvs (``.venv-<name>`` at the repository root) built once and reused.

Used for what must be tested the way a user meets it: ``./scripts/docs`` and ``./scripts/demo``
in venvs holding only what those scripts install, and the other CPythons the project supports.
A venv is rebuilt from nothing when ``pyproject.toml`` (or the script that made it) changes (a
stamp holds their hash), so a package dropped from an extra cannot linger in it. Building starts in a daemon thread when
collection shows a test will need it (:func:`start`), so it overlaps the suites that run first;
:func:`result` waits for it.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
BUILD_TIMEOUT = 600
_STAMP = ".press-blocks-pyproject-sha256"


def user_env(**extra: str) -> dict[str, str]:
    """The caller's environment without what would leak the dev venv or the checkout into a child."""
    drop = ("PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE", "PRESS_", "PEAK_", "API_KEY", "STAGE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(extra)
    return env


def run(cmd: list[str], *, env: dict[str, str], timeout: float, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` and return it finished; a non-zero exit raises with the end of its output."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return proc


def cached_venv(name: str, build: Callable[[Path], None], *, inputs: tuple[Path, ...] = ()) -> Path:
    """``.venv-<name>``, built by ``build(path)`` unless it was built from today's pyproject.toml and ``inputs``."""
    venv = ROOT / f".venv-{name}"
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in (PYPROJECT, *inputs))).hexdigest()
    lock = Path(tempfile.gettempdir()) / f"press-blocks-{hashlib.sha256(str(venv).encode()).hexdigest()[:12]}.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # parallel runs of the suite in one checkout build it once
        stamp = venv / _STAMP
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        build(venv)
        stamp.write_text(digest, encoding="utf-8")
    return venv


class _Job:
    def __init__(self, name: str, work: Callable[[], object]) -> None:
        self.future: Future[object] = Future()
        threading.Thread(target=self._run, args=(work,), name=f"cached-venv-{name}", daemon=True).start()

    def _run(self, work: Callable[[], object]) -> None:
        try:
            self.future.set_result(work())
        except BaseException as exc:
            self.future.set_exception(exc)


_jobs: dict[str, _Job] = {}
_jobs_lock = threading.Lock()


def start(name: str, work: Callable[[], object]) -> None:
    """Start ``work`` in the background under ``name`` (once per run)."""
    with _jobs_lock:
        if name not in _jobs:
            _jobs[name] = _Job(name, work)


def result(name: str, work: Callable[[], object], *, timeout: float = BUILD_TIMEOUT + 300) -> object:
    """What ``work`` returned, started now unless collection already started it."""
    start(name, work)
    return _jobs[name].future.result(timeout=timeout)


@functools.cache
def script_venv(name: str, install: tuple[str, ...]) -> Path:
    """``.venv-<name>`` made by running ``install`` (a repository script) with PRESS_BLOCKS_VENV set to it."""

    def build(venv: Path) -> None:
        run(list(install), env=user_env(PRESS_BLOCKS_VENV=str(venv)), timeout=BUILD_TIMEOUT)

    # The script and the install function it sources decide what goes in: a change rebuilds.
    return cached_venv(name, build, inputs=(ROOT / install[0], ROOT / "scripts" / "_venv.sh"))
