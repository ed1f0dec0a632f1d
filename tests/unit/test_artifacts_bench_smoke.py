"""The artifact benchmark script runs end to end on a small tree and prints its table."""

from __future__ import annotations

import hashlib
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


#: The digest of what ``../shared/tools/mktree.py DIR 1`` writes, recorded from that script.
MKTREE_1MB_DIGEST = "682deeefb5ad07806cabb2fb40471e04e3a7a2ea35ccae041fdc4a390ea02ba0"


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_builtin_tree_matches_mktree(tmp_path: Path) -> None:
    """The fallback generator writes exactly what ../shared/tools/mktree.py writes.

    Against the digest recorded from that script, and against the script itself when it is
    beside the checkout (it is not part of the repository).
    """
    from tests.benchmarks.artifacts_bench import MKTREE, builtin_tree

    builtin_tree(tmp_path / "ours", 1)
    assert _digest(tmp_path / "ours") == MKTREE_1MB_DIGEST
    if MKTREE.is_file():
        subprocess.run([sys.executable, str(MKTREE), str(tmp_path / "theirs"), "1"], check=True, capture_output=True)
        assert _digest(tmp_path / "theirs") == MKTREE_1MB_DIGEST
