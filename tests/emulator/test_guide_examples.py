"""The emulator page's in-process example runs as it stands, pasted into a file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(120)

PAGE = Path(__file__).resolve().parents[2] / "docs" / "emulator.md"


def _examples() -> list[str]:
    """The python blocks of the section 'Three ways to run it'."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("## Three ways to run it") : text.index("## The inspector page")]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_in_process_example_runs_as_written(tmp_path: Path) -> None:
    in_process = next(block for block in _examples() if "async_transport" in block)
    assert "\nasync with" not in in_process, "a top-level async with cannot be run"
    script = tmp_path / "in_process.py"
    script.write_text(in_process, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PEAK", "PRESS_", "API_KEY", "STAGE"))}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=90, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "0"]
