#!/usr/bin/env python3
"""Benchmark planning a spec with a large artifact tree against building that artifact alone.

Usage: python tests/benchmarks/deploy_bench.py [--files 5000] [--runs 3] [--smoke]

Writes a tree of ``--files`` source-like files, applies a spec of it once to the in-process
emulator, then reports the median time of ``press_blocks.deploy.plan`` of that unchanged spec
(what ``press-blocks plan`` runs: the artifact's fingerprint plus the reads) and of the floor,
``build_artifact`` of the same tree (what any apply that uploads it must do), and their ratio.
It also counts how many times ``apply`` of a fresh plan packs the artifact (the target: once).
Targets: plan <= 1.2x the build; one pack. A miss is printed, not fatal (the machine is shared).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

import httpx  # noqa: E402 - after the path set-up

from press_blocks import Block, Session, artifacts, deploy  # noqa: E402
from press_blocks.emulator import Emulator  # noqa: E402

RATIO_TARGET = 1.2


def make_tree(root: Path, files: int) -> None:
    rng = random.Random(5000)
    words = [f"w{rng.getrandbits(20):x}" for _ in range(2000)]
    for index in range(files):
        folder = root / f"pkg{index % 50}"
        folder.mkdir(parents=True, exist_ok=True)
        text = " ".join(rng.choice(words) for _ in range(rng.randint(50, 400)))
        (folder / f"m{index}.py").write_text(text + "\n", encoding="utf-8")


def spec(tree: Path, version: str) -> dict[str, Any]:
    return {
        "body": {
            "version": "1",
            "kind": "workflow",
            "metadata": {"name": "bench", "summary": "A benchmark."},
            "release": {"version": version},
            "config": {
                "steps": {"s": {"type": "standard", "imageDetails": {"id": 1, "versionId": 1}, "command": "run"}}
            },
        },
        "artifact": {"path": str(tree)},
    }


def median_time(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="200 files, one run")
    args = parser.parse_args(argv)
    files, runs = (200, 1) if args.smoke else (args.files, args.runs)
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        make_tree(tree, files)
        emulator = Emulator()
        emulator.max_artifact_bytes = 2**31 - 1
        http = httpx.Client(transport=emulator.transport(), base_url=emulator.base_url)
        with Block(Session(auth_token="bench-token", base_url=emulator.base_url, http_client=http)) as client:
            deploy.apply(client, [spec(tree, "1.0.0")])

            def build() -> None:
                artifacts.build_artifact(tree, max_size=None, progress=None).close()

            def plan() -> None:
                assert not deploy.plan(client, [spec(tree, "1.0.0")]).changes

            build()  # warm the page cache for both
            floor = median_time(build, runs)
            planned = median_time(plan, runs)

            packs = 0
            real = artifacts.build_artifact

            def counted(*a: Any, **k: Any) -> artifacts.Artifact:
                nonlocal packs
                packs += 1
                return real(*a, **k)

            artifacts.build_artifact = counted  # type: ignore[assignment]
            try:
                fresh = deploy.plan(client, [spec(tree, "1.1.0")])
                deploy.apply(client, fresh)
            finally:
                artifacts.build_artifact = real  # type: ignore[assignment]
    ratio = planned / floor
    print(f"tree: {files} files")
    print(f"build_artifact (floor)        {floor:8.3f} s")
    print(f"plan of the unchanged spec    {planned:8.3f} s")
    met = "met" if ratio <= RATIO_TARGET else "MISSED"
    print(f"ratio plan / build            {ratio:8.2f}x (target <= {RATIO_TARGET}x: {met})")
    print(f"packs in plan + apply         {packs:8d}   (target 1: {'met' if packs == 1 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
