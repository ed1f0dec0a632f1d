"""The contract benchmark's smoke mode runs in the default test run, so it cannot rot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = (
    "emulator describe_spec/s in process, request + response validation",
    "emulator describe_spec/s in process, request validation only",
    "library describe_spec over loopback, µs per call, response validation warn vs off",
)


@pytest.mark.benchmark
@pytest.mark.timeout(180)
def test_smoke_run_prints_every_row() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.contract_bench", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    table = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS:
        assert len([line for line in table if line.startswith(f"| {row} |")]) == 1, proc.stdout
