#!/usr/bin/env python3
"""Benchmark loading a fallback parameters file: the real code path against PyYAML's parser alone.

Usage: python tests/benchmarks/params_bench.py [--kb 1024] [--runs 5] [--smoke]

Writes a YAML file of run parameters of about ``--kb`` KiB (nested mappings and lists, like a
real fallback file, only more of it) and reports the median time of ``load_parameters_file``
(what ``get_parameters(fallback_params_file=...)`` runs) and, on the same text, of the floor: pulling
the C parser's events and nothing else, which any loader built on PyYAML must do. For comparison it
also times ``yaml.load`` with the C loader (what the file was read with before), the same path
without libyaml (PyYAML's pure-Python parser under ``press_blocks._yaml``) and ``yaml.safe_load``.
Targets: a 1 MiB file in under 2 s, and within 1.5x of the floor. A miss is printed, not fatal:
the machine is shared, so the ratio matters more than the seconds.
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

from press_blocks import _yaml  # noqa: E402 - after the path set-up
from press_blocks.parameters import load_parameters_file  # noqa: E402

TIME_TARGET = 2.0  # seconds for 1 MiB
RATIO_TARGET = 1.5


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


def parse_only(text: str, loader: type) -> None:
    """Pull every event from the parser, the least any loader built on it does."""
    parser = loader(text)
    get_event = parser.get_event
    while not isinstance(get_event(), yaml.StreamEndEvent):
        pass


def without_libyaml(function: Callable[[], object]) -> Callable[[], object]:
    """``function`` run as on a PyYAML built without libyaml: the pure-Python safe loader underneath."""

    def run() -> object:
        original = _yaml.reference_loader
        _yaml.reference_loader = lambda: yaml.SafeLoader
        try:
            return function()
        finally:
            _yaml.reference_loader = original

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="a 32 KiB file, one run")
    args = parser.parse_args()
    kilobytes, runs = (32, 1) if args.smoke else (args.kb, args.runs)
    text = parameters_text(kilobytes)
    libyaml = getattr(yaml, "__with_libyaml__", False)
    loader = yaml.CSafeLoader if libyaml else yaml.SafeLoader
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "params.yaml"
        path.write_text(text, encoding="utf-8")
        expected = yaml.safe_load(text)
        if load_parameters_file(path) != expected or without_libyaml(lambda: load_parameters_file(path))() != expected:
            print("FAIL: load_parameters_file disagrees with yaml.safe_load")
            return 1
        ours = median_time(lambda: load_parameters_file(path), runs)
        floor = median_time(lambda: parse_only(text, loader), runs)
        c_loader = median_time(lambda: yaml.load(text, Loader=loader), runs)
        few = max(1, runs // 2)
        ours_pure = median_time(without_libyaml(lambda: load_parameters_file(path)), few)
        pure = median_time(lambda: yaml.safe_load(text), few)
    scaled = ours * 1024 / kilobytes
    print(f"file: {len(text) / 2**20:.2f} MiB, {len(expected):,} parameters, libyaml: {'yes' if libyaml else 'no'}")
    print(f"{'load_parameters_file':<34}{ours:8.3f} s   ({scaled:.2f} s per MiB)")
    print(f"{'floor: the parser events alone':<34}{floor:8.3f} s   ratio {ours / floor:.2f}x")
    print(f"{'before: yaml.load, ' + loader.__name__:<34}{c_loader:8.3f} s   {c_loader / ours:.1f}x slower than now")
    print(
        f"{'load_parameters_file, no libyaml':<34}{ours_pure:8.3f} s   ({ours_pure * 1024 / kilobytes:.2f} s per MiB)"
    )
    print(f"{'yaml.safe_load (pure Python)':<34}{pure:8.3f} s   {pure / ours_pure:.1f}x slower than it")
    print(f"target per MiB < {TIME_TARGET:.0f} s: {'met' if scaled < TIME_TARGET else 'MISSED'}")
    print(f"target ratio <= {RATIO_TARGET}x: {'met' if ours / floor <= RATIO_TARGET else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
