#!/usr/bin/env python3
"""Benchmark artifact packaging: wall time, peak memory, reproducibility, parallel speed-up.

Usage: python tests/benchmarks/artifacts_bench.py [--mb 40] [--runs 3] [--smoke]

Generates a synthetic build context (``shared/tools/mktree.py`` beside the repository when it
exists, else a built-in generator of the same shape), lifts the size limit, and packages it
with all cores and with one (``workers=1``), each run in a fresh subprocess so that the max
RSS it reports belongs to that run alone. Reports the median wall time, the tracemalloc peak
(a separate traced run per mode, since tracing slows allocation), the max RSS growth during
the build, the sha256 of every run (they must all match) and the speed-up, as a table.

Targets (for a 2-core machine and the 40 MB tree): parallel >= 1.6x sequential, peak memory
under 40 MB. A miss is printed, not fatal. Exit status is non-zero only when the runs
disagree on the sha256 or a run crashes. ``--smoke`` uses a ~2 MB tree and one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
MKTREE = REPO.parent / "shared" / "tools" / "mktree.py"

SPEEDUP_TARGET = 1.6
MEMORY_TARGET = 40_000_000  # bytes: "under 40 MB"


# --- the tree ------------------------------------------------------------------------


def make_tree(root: Path, megabytes: float, *, builtin: bool) -> str:
    """Write the synthetic tree; return which generator made it."""
    if MKTREE.is_file() and not builtin:
        subprocess.run([sys.executable, str(MKTREE), str(root), str(megabytes)], check=True, capture_output=True)
        return "mktree.py"
    builtin_tree(root, megabytes)
    return "built-in generator"


def builtin_tree(root: Path, megabytes: float) -> None:
    """Write a tree the way ../shared/tools/mktree.py does, for machines without that file."""
    # The same recipe as ../shared/tools/mktree.py: 70 % compressible source-like text, 20 %
    # random binaries, 10 % *.log files and a 5 MiB ignored_data/ that .dockerignore excludes.
    rng = random.Random(42)
    words = [f"w{rng.getrandbits(20):x}" for _ in range(4000)]
    budget = int(megabytes * 2**20)
    root.mkdir(parents=True, exist_ok=True)
    (root / ".dockerignore").write_text("*.log\nignored_data/\n**/__pycache__\n")
    written = index = 0
    while written < budget:
        folder = root / f"pkg{index % 37}" / f"sub{index % 11}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = index % 10
        if kind < 7:
            size = rng.randint(2_000, 40_000)
            data = (" ".join(rng.choice(words) for _ in range(size // 6)) + "\n").encode()
            name = f"m{index}.py"
        elif kind < 9:
            data = rng.randbytes(rng.randint(10_000, 200_000))
            name = f"b{index}.bin"
        else:
            data = b"log line\n" * 2000
            name = f"x{index}.log"
        (folder / name).write_bytes(data)
        written += len(data)
        index += 1
    (root / "ignored_data").mkdir(exist_ok=True)
    (root / "ignored_data" / "big.bin").write_bytes(rng.randbytes(5 * 2**20))


# --- one measured run (in its own process) -------------------------------------------


def _proc_status(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_peak_rss() -> bool:
    # Linux: writing 5 to clear_refs resets VmHWM, so the peak measured is this build's own.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _ru_maxrss() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child(tree: str, workers: int, trace: bool) -> None:
    sys.path.insert(0, str(SRC))
    from press_blocks.artifacts import build_artifact

    if trace:
        tracemalloc.start()
    before = _proc_status("VmRSS")
    exact = before is not None and _reset_peak_rss()
    if not exact:
        before = _ru_maxrss()
    started = time.perf_counter()
    artifact = build_artifact(tree, max_size=None, workers=workers)
    wall = time.perf_counter() - started
    peak = _proc_status("VmHWM") if exact else _ru_maxrss()
    traced = tracemalloc.get_traced_memory()[1] if trace else None
    report = {
        "wall": wall,
        "rss_delta": max(0, (peak or 0) - (before or 0)),
        "rss_exact": exact,
        "traced_peak": traced,
        "sha256": artifact.sha256,
        "size": artifact.size,
        "files": artifact.file_count,
        "uncompressed": artifact.uncompressed_size,
    }
    artifact.close()
    print(json.dumps(report))


def run_child(tree: Path, workers: int, *, trace: bool = False) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, __file__, "--child", str(tree), "--workers", str(workers)]
    if trace:
        command.append("--trace")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"benchmark run crashed (workers={workers}, exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the report ----------------------------------------------------------------------


def mib(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=None, help="tree size in MB (default 40, 2 with --smoke)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per mode (default 3, 1 with --smoke)")
    parser.add_argument("--smoke", action="store_true", help="a quick run on a ~2 MB tree")
    parser.add_argument("--builtin-tree", action="store_true", help="use the built-in generator, not mktree.py")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers, args.trace)
        return 0

    megabytes = args.mb if args.mb is not None else (2.0 if args.smoke else 40.0)
    runs = args.runs if args.runs is not None else (1 if args.smoke else 3)
    cpus = cpu_count()
    modes = {"parallel": cpus, "sequential": 1}
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="press-blocks-bench-") as scratch:
        tree = Path(scratch) / "tree"
        generator = make_tree(tree, megabytes, builtin=args.builtin_tree)
        timed: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
        for run in range(runs):
            # Alternate which mode goes first, so neither always gets the warmer cache.
            order = list(modes) if run % 2 == 0 else list(reversed(modes))
            for mode in order:
                timed[mode].append(run_child(tree, modes[mode]))
        traced = {mode: run_child(tree, workers, trace=True) for mode, workers in modes.items()}

    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    first = timed["parallel"][0]
    shas = {r["sha256"] for results in timed.values() for r in results} | {r["sha256"] for r in traced.values()}
    rows = []
    for mode, results in timed.items():
        wall = statistics.median(r["wall"] for r in results)
        best = min(r["wall"] for r in results)
        rss = max(r["rss_delta"] for r in results)  # the worst run: a peak is a maximum
        rate = first["uncompressed"] / 2**20 / wall
        rows.append((mode, modes[mode], wall, best, rate, traced[mode]["traced_peak"], rss))
    speedup = rows[1][2] / rows[0][2]
    best_speedup = rows[1][3] / rows[0][3]
    peak_rss = max(row[6] for row in rows)
    peak_traced = max(row[5] for row in rows)

    print("Artifact packaging benchmark")
    print(
        f"tree: {megabytes:g} MB requested ({generator}); {first['files']:,} files, {mib(first['uncompressed'])}"
        f" included; zip {mib(first['size'])}"
    )
    print(
        f"machine: {cpus} CPUs, Python {sys.version.split()[0]}, zlib {zlib.ZLIB_RUNTIME_VERSION};"
        f" median of {runs} run{'s' if runs > 1 else ''} per mode, each in a fresh process"
    )
    if load_before is not None and load_after is not None:
        print(
            f"load average: {load_before:.2f} before, {load_after:.2f} after"
            " (other processes on the CPUs slow the parallel runs most; compare the best column)"
        )
    print()
    header = f"{'mode':<11} {'workers':>7} {'wall s':>8} {'best s':>8} {'MiB/s':>7}"
    print(f"{header} {'tracemalloc peak':>17} {'max RSS delta':>14}")
    for mode, workers, wall, best, rate, traced_peak, rss in rows:
        line = f"{mode:<11} {workers:>7} {wall:>8.3f} {best:>8.3f} {rate:>7.1f}"
        print(f"{line} {mib(traced_peak):>17} {mib(rss):>14}")
    print()
    print(f"sha256 parallel   : {timed['parallel'][0]['sha256']}")
    print(f"sha256 sequential : {timed['sequential'][0]['sha256']}")
    same = len(shas) == 1
    print(f"identical across all {sum(map(len, timed.values())) + len(traced)} runs: {'yes' if same else 'NO'}")
    if not first["rss_exact"]:
        print("note: no /proc peak reset here; the RSS delta is the growth of ru_maxrss, a lower bound")
    print()
    print(f"{'target':<44} {'measured':>10}  result")
    speed_target = f"parallel >= {SPEEDUP_TARGET}x sequential ({cpus} CPUs)"
    print(f"{speed_target:<44} {speedup:>9.2f}x  {verdict(speedup >= SPEEDUP_TARGET)}")
    print(f"{'  (best run against best run, for reference)':<44} {best_speedup:>9.2f}x")
    print(f"{'peak memory < 40 MB (max RSS delta)':<44} {mib(peak_rss):>10}  {verdict(peak_rss < MEMORY_TARGET)}")
    print(
        f"{'peak memory < 40 MB (tracemalloc peak)':<44} {mib(peak_traced):>10}  {verdict(peak_traced < MEMORY_TARGET)}"
    )
    print(f"{'same sha256 in every run':<44} {len(shas):>7} sha  {verdict(same)}")
    if args.smoke:
        print("(smoke run: the speed and memory targets are meant for the 40 MB tree; only the sha256 check counts)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
