"""The pytest plugin speaks pytest (issue 23): a marker typo names the marker and its keywords, a missing
fixture file lists each place once, and the fixture's ``.transport`` also reads as ``Emulator.transport()``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from press_blocks.emulator import InProcessEmulator
from tests.emulator._payloads import AUTH

pytestmark = pytest.mark.timeout(120)


def test_the_fixtures_transports_are_attributes_and_callable(press_emulator: InProcessEmulator) -> None:
    assert press_emulator.transport() is press_emulator.transport
    assert press_emulator.async_transport() is press_emulator.async_transport
    with httpx.Client(transport=press_emulator.transport(), base_url=press_emulator.base_url, headers=AUTH) as http:
        assert http.get("/v1/blocks/specs/").json()["specCount"] == 0


def test_a_marker_typo_and_a_missing_fixture_file_say_what_is_wrong(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (project / "test_user.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.press_emulator(trasition='describes:2')\n"
        "def test_typo(press_emulator):\n"
        "    pass\n\n"
        "@pytest.mark.press_emulator(fixture='nowhere.yaml')\n"
        "def test_missing(press_emulator):\n"
        "    pass\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rE", str(project / "test_user.py")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = proc.stdout
    assert "2 error" in out, out + proc.stderr
    assert "@pytest.mark.press_emulator(trasition=...): unknown keyword 'trasition'" in out, out
    assert "the marker takes: fixture, transition, faults" in out
    assert "TypeError" not in out
    # The test sits in the rootdir: the one place is listed once.
    line = next(line for line in out.splitlines() if "fixture='nowhere.yaml'" in line and "tried" in line)
    assert line.count(str(project / "nowhere.yaml")) == 1, line
