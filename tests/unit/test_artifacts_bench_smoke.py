"""The artifact benchmark script runs end to end on a small tree and prints its table."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tests" / "benchmarks" / "artifacts_bench.py"


@pytest.mark.benchmark
@pytest.mark.timeout(150)
def test_benchmark_smoke_run_reports_the_table() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    report = done.stdout
    header = next(line for line in report.splitlines() if line.startswith("mode "))
    assert header.split() == [
        *["mode", "workers", "wall", "s", "best", "s", "MiB/s", "tracemalloc", "peak", "max", "RSS", "delta"]
    ]
    rows = [line.split() for line in report.splitlines() if re.match(r"(parallel|sequential) +\d+ ", line)]
    assert [row[0] for row in rows] == ["parallel", "sequential"]
    assert rows[1][1] == "1"  # the sequential baseline has one worker
    assert "same sha256 in every run" in report
    assert "identical across all 4 runs: yes" in report
