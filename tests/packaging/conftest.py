"""Build the wheel and the sdist once per run, and install each into its own clean venv."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 300
INSTALL_TIMEOUT = 400


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


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    # --no-isolation: the build backend comes from the dev extra, so no download per run. With no
    # --sdist/--wheel flag, build makes the sdist and then the wheel *from the unpacked sdist*,
    # so a file missing from the sdist breaks the wheel too.
    out = tmp_path_factory.mktemp("dist")
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


@pytest.fixture(scope="session")
def installed(dists: Dists, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{"wheel": python, "sdist": python}: each artifact installed with its emulator extra."""
    base = tmp_path_factory.mktemp("venvs")
    jobs = {"wheel": dists.wheel, "sdist": dists.sdist}
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            kind: pool.submit(make_venv, base / kind, f"press-blocks[emulator] @ {path.as_uri()}")
            for kind, path in jobs.items()
        }
        return {kind: future.result() for kind, future in futures.items()}
