"""The benchmark suite's smoke mode runs in the default test run, so the suite cannot rot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Every metric row the table must have (the start of its first cell).
ROWS = (
    "import: fresh `python -c '<import>'`",
    "import: modules added",
    "import: heavy modules loaded",
    "cold start: import + client + 1 describe_spec",
    "cold start vs bare httpx.Client, httpx's CLI deps",
    "cold start: the same as CPU time",
    "cold start vs bare httpx.Client, with the dev venv's click",
    "cold start: peak RSS",
    "per call: 20 sequential describe_spec",
    "per call: time per call vs bare httpx.Client",
    "per call: client CPU per call",
    "per call: the same, peak-sdk with its telemetry patched out",
    "per call: TCP connections",
    "per call: 21 sequential describe_spec, each client in its own process",
    "per call: 61 sequential describe_spec, each client in its own process",
    "artifact: create_spec with a 1 MB tree",
    "artifact: peak RSS of that process",
    "artifact: peak RSS above the bare floor",
    "artifact: the same, httpx's CLI deps hidden",
    "artifact: distinct zip sha256",
    "artifact: zip uploaded",
    "pagination: 50 specs, 25/page, 20 ms/request, sequential",
    "pagination: the same with prefetch=8",
    "fan-out: 20 async describe_spec, 5 in flight, 20 ms server, vs bare httpx.AsyncClient, the two taking turns",
    "fan-out: the same as a multiple of one call",
    "fan-out: one call on a warm connection",
)


@pytest.mark.benchmark
@pytest.mark.timeout(660)
def test_smoke_run_prints_every_row(tmp_path: Path) -> None:
    """``--smoke`` exits 0 (no crash, no wrong result) and prints the whole table.

    The first run also builds .venv-peak from PyPI, hence the long timeout.
    """
    report = tmp_path / "report.md"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.run",
            "--smoke",
            "--report",
            str(report),
            "--json",
            str(tmp_path / "r.json"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    table = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| metric | press-blocks | peak-sdk | baseline | ratio | target | PASS/MISS |"), output
    for row in ROWS:
        matching = [line for line in table if line.startswith(f"| {row}")]
        assert len(matching) == 1, f"no row {row!r} in:\n{proc.stdout}"
        assert "FAIL" not in matching[0], matching[0]
    assert report.read_text(encoding="utf-8").strip() == proc.stdout.strip()
