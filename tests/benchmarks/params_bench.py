#!/usr/bin/env python3
"""Benchmark loading a fallback parameters file: the real code path against PyYAML alone.

Usage: python tests/benchmarks/params_bench.py [--kb 1024] [--runs 5] [--smoke]

Writes a YAML file of run parameters of about ``--kb`` KiB (nested mappings and lists, like a
real fallback file, only more of it) and reports the median time of ``load_parameters_file``
(what ``get_parameters(fallback_params_file=...)`` runs), of ``yaml.load`` with the C loader on
the same text (the floor: the parse alone) and of ``yaml.safe_load`` (the pure-Python loader
used before). Targets: a 1 MiB file in under 2 s, and within 1.25x of the floor. A miss is
printed, not fatal: the machine is shared, so the ratio matters more than the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from press_blocks.parameters import load_parameters_file  # noqa: E402 - after the path set-up

TIME_TARGET = 2.0  # seconds for 1 MiB
RATIO_TARGET = 1.25


def parameters_text(kilobytes: int) -> str:
    lines: list[str] = []
    size, i = 0, 0
    while size < kilobytes * 1024:
        line = (
            f"param_{i}:\n  name: value {i}\n  enabled: {'true' if i % 2 else 'false'}\n"
            f"  weights: [{i % 7}, {i % 5}.5, {i % 3}]\n  tags: {{team: t{i % 11}, tier: {i % 4}}}\n"
        )
        lines.append(line)
        size, i = size + len(line), i + 1
    return "".join(lines)


def median_time(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="a 32 KiB file, one run")
    args = parser.parse_args()
    kilobytes, runs = (32, 1) if args.smoke else (args.kb, args.runs)
    text = parameters_text(kilobytes)
    loader = getattr(yaml, "CSafeLoader", None)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "params.yaml"
        path.write_text(text, encoding="utf-8")
        expected = yaml.safe_load(text)
        if load_parameters_file(path) != expected:
            print("FAIL: load_parameters_file disagrees with yaml.safe_load")
            return 1
        ours = median_time(lambda: load_parameters_file(path), runs)
        floor = median_time(lambda: yaml.load(text, Loader=loader or yaml.SafeLoader), runs)
        pure = median_time(lambda: yaml.safe_load(text), max(1, runs // 2))
    scaled = ours * 1024 / kilobytes
    print(f"file: {len(text) / 2**20:.2f} MiB, {len(expected):,} parameters, libyaml: {'yes' if loader else 'no'}")
    print(f"{'load_parameters_file':<24}{ours:8.3f} s   ({scaled:.2f} s per MiB)")
    print(f"{'floor: yaml C loader':<24}{floor:8.3f} s   ratio {ours / floor:.2f}x")
    print(f"{'before: yaml.safe_load':<24}{pure:8.3f} s   {pure / ours:.1f}x slower than now")
    print(f"target per MiB < {TIME_TARGET:.0f} s: {'met' if scaled < TIME_TARGET else 'MISSED'}")
    print(f"target ratio <= {RATIO_TARGET}x: {'met' if ours / floor <= RATIO_TARGET else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
