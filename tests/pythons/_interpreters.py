"""The CPythons the project supports (its classifiers), where to find each here, and a cached venv for each.

Each venv (``.venv-py3.X``, git-ignored) holds an editable install of the checkout with the
``cli`` and ``emulator`` extras and the test runner from the ``dev`` extra, so source edits need
no reinstall; it is rebuilt when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

from tests._cached_venvs import BUILD_TIMEOUT, PYPROJECT, cached_venv, run, user_env

# What the other interpreters run: the wire contract (every operation's request, as the
# contract says) and the examples (the library, the emulator and the pytest plugin, end to end).
SUITE = ["tests/unit/test_wire_contract.py", "tests/examples"]
# Taken, with their pins, from the dev extra: the runner, and openapi-core, the wire-contract
# tests' independent check of each request (the emulator itself no longer needs it).
RUNNER = ("pytest", "pytest-timeout", "hypothesis", "openapi-core")


def supported() -> list[str]:
    """``["3.11", "3.12", ...]``: the versions pyproject.toml's classifiers declare."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    found = [
        m[1] for c in project["classifiers"] if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))
    ]
    return sorted(found, key=lambda v: tuple(map(int, v.split("."))))


def runner_requirements() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    dev = project["optional-dependencies"]["dev"]
    return [r for r in dev if re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0] in RUNNER]


def interpreter(version: str) -> Path | None:
    """A CPython ``version`` on this machine: pyenv's, or the system's ``python3.X``."""
    pyenv = sorted(
        (Path.home() / ".pyenv" / "versions").glob(f"{version}.*/bin/python{version}"),
        key=lambda p: tuple(int(n) for n in re.findall(r"\d+", p.parts[-3])),
    )
    if pyenv:
        return pyenv[-1]
    system = shutil.which(f"python{version}")
    return Path(system) if system else None


def current() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def venv_python(version: str) -> Path:
    """``.venv-py<version>``'s python, built once (about 20 s) from this checkout."""
    base = interpreter(version)
    assert base is not None, f"no CPython {version} on this machine (pyenv or python{version} on PATH)"

    def build(venv: Path) -> None:
        env = user_env()
        run([str(base), "-m", "venv", str(venv)], env=env, timeout=120)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        run([*pip, "-e", ".[cli,emulator]", *runner_requirements()], env=env, timeout=BUILD_TIMEOUT)

    # This file says what goes in (RUNNER): a change to it rebuilds, as a change to pyproject.toml does.
    return cached_venv(f"py{version}", build, inputs=(Path(__file__),)) / "bin" / "python"


def run_suite(version: str) -> str:
    """Run :data:`SUITE` under CPython ``version``; return pytest's summary line (a failure raises)."""
    python = venv_python(version)
    env = user_env()
    run(
        [str(python), "-c", "import press_blocks, press_blocks_api, press_blocks.emulator, press_blocks.cli"],
        env=env,
        timeout=60,
    )
    done = run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITE], env=env, timeout=600)
    return done.stdout.strip().splitlines()[-1]
