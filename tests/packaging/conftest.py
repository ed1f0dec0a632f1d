"""Build the wheel and the sdist once per run, and install each into its own clean venv.

The work (about a minute, mostly pip) starts in a background thread as soon as collection
shows a packaging test will run, so it overlaps the suites that run before this one; the
fixtures wait for it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BUILD_TIMEOUT = 300
INSTALL_TIMEOUT = 400
WAIT_TIMEOUT = BUILD_TIMEOUT + INSTALL_TIMEOUT + 120


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path

    def wheel_names(self) -> set[str]:
        with zipfile.ZipFile(self.wheel) as archive:
            return set(archive.namelist())

    def sdist_names(self) -> set[str]:
        with tarfile.open(self.sdist) as archive:
            prefix = self.sdist.name.removesuffix(".tar.gz") + "/"
            return {m.name.removeprefix(prefix) for m in archive.getmembers() if not m.isdir()}


def clean_env() -> dict[str, str]:
    """The caller's environment without anything that would put the checkout on the path."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE"))}


def run(cmd: list[str], *, timeout: float, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=clean_env(), check=False)
    assert proc.returncode == 0, (
        f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    )
    return proc


def build(out: Path) -> Dists:
    # --no-isolation: the build backend comes from the dev extra, so no download per run. With no
    # --sdist/--wheel flag, build makes the sdist and then the wheel *from the unpacked sdist*,
    # so a file missing from the sdist breaks the wheel too.
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)], timeout=BUILD_TIMEOUT)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dists(wheel=wheel, sdist=sdist)


def make_venv(where: Path, requirement: str) -> Path:
    """A new venv holding only `requirement` and its dependencies; returns its python."""
    run([sys.executable, "-m", "venv", "--without-pip", str(where)], timeout=60)
    python = where / "bin" / "python"
    # The dev venv's pip installs into the new venv (no ensurepip per venv); its cache is reused.
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", requirement],
        timeout=INSTALL_TIMEOUT,
    )
    return python


def build_and_install(base: Path) -> tuple[Dists, dict[str, Path]]:
    """Both distributions, and {"wheel": python, "sdist": python} with each installed (emulator extra)."""
    dists = build(base / "dist")
    jobs = {"wheel": dists.wheel, "sdist": dists.sdist}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            kind: pool.submit(make_venv, base / kind, f"press-blocks[emulator] @ {path.as_uri()}")
            for kind, path in jobs.items()
        }
        return dists, {kind: future.result() for kind, future in futures.items()}


class _Background:
    """The one build-and-install of this run, in a daemon thread (never blocks interpreter exit)."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="press-blocks-packaging-"))
        self.future: Future[tuple[Dists, dict[str, Path]]] = Future()
        threading.Thread(target=self._work, name="packaging-build", daemon=True).start()

    def _work(self) -> None:
        try:
            self.future.set_result(build_and_install(self.base))
        except BaseException as exc:
            self.future.set_exception(exc)

    def result(self) -> tuple[Dists, dict[str, Path]]:
        return self.future.result(timeout=WAIT_TIMEOUT)


@functools.cache
def _started() -> _Background:
    return _Background()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.option.collectonly and any(item.path.is_relative_to(HERE) for item in items):
        _started()


def pytest_sessionfinish() -> None:
    if _started.cache_info().currsize and _started().future.done():
        shutil.rmtree(_started().base, ignore_errors=True)


@pytest.fixture(scope="session")
def dists() -> Dists:
    return _started().result()[0]


@pytest.fixture(scope="session")
def installed() -> dict[str, Path]:
    """{"wheel": python, "sdist": python}: each artifact installed with its emulator extra."""
    return _started().result()[1]
