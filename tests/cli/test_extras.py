"""What the command line does without its optional extras, and what its process does not import."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli._run import Cli

pytestmark = [pytest.mark.timeout(120)]


def run_without(modules: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``press-blocks ARGS`` in a process where ``modules`` cannot be imported, as if not installed."""
    blocked = [f"sys.modules[{name!r}] = None" for name in modules]
    code = "; ".join(["import sys", *blocked, f"from press_blocks.cli import main; sys.exit(main({list(args)!r}))"])
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PEAK_AUTH_TOKEN": "x"},
        check=False,
    )


@pytest.mark.parametrize("args", [["emulator", "--help"], ["emulator"], ["demo"]])
def test_without_the_emulator_extra_one_line_says_what_to_install(args: list[str]) -> None:
    result = run_without(["starlette", "uvicorn", "openapi_schema_validator"], *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"press-blocks: press-blocks {args[0]} needs the 'emulator' extra: pip install 'press-blocks[emulator]'"
    )


def test_debug_before_emulator_still_reaches_the_emulator() -> None:
    result = run_without([], "--debug", "emulator", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: press-blocks emulator")


def test_without_the_cli_extra_request_files_and_completion_say_what_to_install(tmp_path: object) -> None:
    result = run_without(["jinja2"], "specs", "create", __file__)
    assert (result.returncode, result.stderr.strip()) == (
        2,
        "press-blocks: request files need the 'cli' extra (Jinja2): pip install 'press-blocks[cli]'",
    )
    result = run_without(["shtab"], "completion", "bash")
    assert (result.returncode, result.stderr.strip()) == (
        2,
        "press-blocks: completion needs the 'cli' extra: pip install 'press-blocks[cli]'",
    )
    # Commands without a request file do not need it.
    assert run_without(["jinja2", "shtab"], "specs", "list", "--help").returncode == 0


@pytest.mark.e2e
def test_the_command_does_not_load_httpx_s_own_command_line(cli: Cli) -> None:
    # httpx imports click, rich and pygments for its CLI whenever all three are installed (as in
    # the dev environment); press-blocks never uses it, so its process skips them.
    if any(importlib.util.find_spec(name) is None for name in ("click", "rich", "pygments")):
        pytest.skip("click, rich and pygments are not all installed, so httpx would not load them anyway")
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "press_blocks.cli", "specs", "describe", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        env=cli.env(),
        check=False,
    )
    assert proc.returncode == 4
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "httpx" in imported
    assert not imported & {"click", "rich", "pygments"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO to make the library warn")
def test_the_process_prints_a_library_warning_once_on_one_line(tmp_path: Path) -> None:
    # The library both warns and logs at WARNING; without a log handler Python's last-resort
    # handler would print the record too, and the warning would come in its file:line format.
    (tmp_path / "main.py").write_text("print(1)\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    proc = subprocess.run(
        [sys.executable, "-m", "press_blocks.cli", "preview", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "PRESS_BLOCKS_LOG"},
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stderr == (
        "press-blocks: warning: Skipped pipe: it is a fifo, not a regular file. "
        "Exclude it in the ignore file to silence this.\n"
    )
