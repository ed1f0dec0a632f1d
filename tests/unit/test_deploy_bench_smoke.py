"""The deploy benchmark runs end to end on a small tree and prints its figures."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tests" / "benchmarks" / "deploy_bench.py"


@pytest.mark.benchmark
@pytest.mark.timeout(120)
def test_deploy_benchmark_smoke_run_reports_ratio_and_one_pack() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke"], env=env, capture_output=True, text=True, timeout=100, check=False
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"ratio plan / build +\d+\.\d+x", done.stdout), done.stdout
    assert re.search(r"packs in plan \+ apply +1 ", done.stdout), done.stdout
