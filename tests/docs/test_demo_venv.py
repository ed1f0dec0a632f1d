"""The venv ``./scripts/demo`` makes runs every command the docs show, request files and completion included.

The demo script installs its own extras into a fresh venv (``.venv-demo`` here, through
PRESS_BLOCKS_VENV); a request file needs Jinja2 (the ``cli`` extra), and the emulator its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests._cached_venvs import result, run, script_venv, user_env

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def demo_venv() -> Path:
    """``.venv-demo``: what ``./scripts/demo`` installs (its ``--help`` installs, then prints and exits)."""
    return script_venv("demo", ("scripts/demo", "--help"))


def test_request_file_commands_run_in_the_demo_venv(tmp_path: Path) -> None:
    venv = result("demo", demo_venv)
    assert isinstance(venv, Path)
    command = str(venv / "bin" / "press-blocks")
    env = user_env()
    sample = run([command, "specs", "create", "--generate"], env=env, timeout=60).stdout
    spec = tmp_path / "spec.yaml"
    spec.write_text(re.sub(r"version: 1\.0\.0", "version: '{{ version }}'", sample, count=1), encoding="utf-8")
    # As the command-line page shows it: a template value on the command line, and a dry run.
    dry = run(
        [command, "specs", "create", str(spec), "-p", "version=1.2.0", "--dry-run", "-o", "json"], env=env, timeout=60
    )
    assert '\\"version\\": \\"1.2.0\\"' in dry.stdout  # inside the multipart spec part's JSON
    assert "complete" in run([command, "completion", "bash"], env=env, timeout=60).stdout
    started = run(
        [str(venv / "bin" / "python"), "-c", "import press_blocks.emulator, starlette, uvicorn"], env=env, timeout=60
    )
    assert started.returncode == 0
