"""Benchmark press-blocks against peak-sdk 1.29.0 and bare httpx: ``python -m tests.benchmarks.run``.

One run starts one benchmark server (its own process) and measures every client against it
in fresh child processes — press-blocks and bare httpx with this interpreter (``.venv``),
peak-sdk with ``.venv-peak`` (made on first use by ``tests/_peak_sdk.py``) — repeating each
measurement, interleaved across clients, and prints a Markdown table of medians, min–max
spreads and ratios against the targets of issues 7 and 10. The ratios to bare httpx per call
and in a fan-out come from press-blocks and httpx taking turns in one process
(``_drivers/driver_paired.py``), where a shared machine's slow spells move both sides alike.

``--smoke`` runs tiny sizes once: it checks that everything still works (exit 1 on a crash or
a wrong result, never on a missed target). ``--only NAME ...`` picks benchmarks from: import,
cold, calls, artifact, pages, fanout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tests._peak_sdk import PEAK_SDK_REQUIREMENT, peak_sdk_python
from tests.benchmarks import _fixtures
from tests.benchmarks._charts import write_charts
from tests.benchmarks._process import Finished, run_process
from tests.benchmarks._server import ServerProcess
from tests.benchmarks.artifacts_bench import MKTREE, builtin_tree

ROOT = Path(__file__).resolve().parents[2]
DRIVERS = Path(__file__).resolve().parent / "_drivers"
STATE = ROOT / ".bench"  # git-ignored: byte-code cache and the last results
BENCHMARKS = ("import", "cold", "calls", "artifact", "pages", "fanout")
OURS, PEAK, BASE = "press-blocks", "peak-sdk", "baseline"
PLAIN = "press-blocks, httpx CLI hidden"
PEAK_OTHER = "peak-sdk, other telemetry setting"
TOKEN = "bench-token"
# Imported by `import press_blocks` only when it is needed: the HTTP stack, the generated
# package, asyncio and thread pools, YAML, zipping.
HEAVY = (
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "ssl",
    "asyncio",
    "concurrent.futures",
    "press_blocks_api",
    "attrs",
    "yaml",
    "zlib",
    "email.parser",
    "http.client",
    "tqdm",
)


class CheckFailed(Exception):
    """A client produced a wrong result (as opposed to missing a target)."""


@dataclass(frozen=True)
class Sizes:
    """How much work each benchmark does, and how often it is repeated."""

    repeat: int
    warmup: bool
    calls: int
    specs: int
    page_size: int
    delay_ms: float
    prefetch: int
    tree_mb: float
    fanout: int
    concurrency: int
    singles: int
    block: int
    fanout_rounds: int
    timeout: float


FULL = Sizes(
    repeat=5,
    warmup=True,
    calls=1000,
    specs=1000,
    page_size=25,
    delay_ms=20,
    prefetch=8,
    tree_mb=12,
    fanout=200,
    concurrency=20,
    singles=5,
    block=25,
    fanout_rounds=5,
    timeout=300,
)
SMOKE = Sizes(
    repeat=1,
    warmup=False,
    calls=20,
    specs=50,
    page_size=25,
    delay_ms=20,
    prefetch=8,
    tree_mb=1,
    fanout=20,
    concurrency=5,
    singles=3,
    block=5,
    fanout_rounds=1,
    timeout=120,
)


@dataclass
class Row:
    """One line of the table."""

    metric: str
    ours: str = "—"
    peak: str = "—"
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    verdict: str = ""


@dataclass
class Report:
    """Everything one run found."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


# --- formatting ------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float], scale: float = 1.0, digits: int = 3, unit: str = "") -> str:
    """``median (min–max)`` of ``values`` times ``scale``."""
    if not values:
        return "—"
    mid = f"{median(values) * scale:.{digits}f}{unit}"
    if len(values) == 1:
        return mid
    return f"{mid} ({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})"


def verdict(value: float, limit: float, *, at_most: bool) -> str:
    ok = value <= limit if at_most else value >= limit
    return "PASS" if ok else "MISS"


# --- the run ---------------------------------------------------------------------------------


class Bench:
    """One run: the server, the interpreters, the scratch directory and the sizes."""

    def __init__(
        self, server: ServerProcess, peak_python: str, workdir: Path, sizes: Sizes, telemetry: str, report: Report
    ) -> None:
        self.server = server
        self.python = {OURS: sys.executable, PEAK: peak_python, BASE: sys.executable}
        self.workdir = workdir
        self.sizes = sizes
        self.telemetry = telemetry
        self.report = report
        self.ours_path: list[str] = []  # prepended to PYTHONPATH for press-blocks runs (a candidate change)
        self.venv_path: list[str] = []  # ... for every .venv run, press-blocks and baseline
        self._count = 0
        self.body_path = workdir / "create-spec-body.json"
        self.body_path.write_text(json.dumps(_fixtures.create_spec_body()), encoding="utf-8")

    def env(self, client: str = OURS) -> dict[str, str]:
        """A clean environment for a child: no PYTHON* settings but a shared byte-code cache."""
        dropped = {"VIRTUAL_ENV", "PEAK__STAGE", "STAGE", "API_KEY", "PRESS_DEPLOYMENT_ID"}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k not in dropped}
        path = [*(self.ours_path if client == OURS else []), *(self.venv_path if client != PEAK else [])]
        if path:
            env["PYTHONPATH"] = os.pathsep.join(path)
        env.update(
            PYTHONPYCACHEPREFIX=str(STATE / "pycache"),
            PRESS_BASE_URL=self.server.url,
            PEAK_AUTH_TOKEN=TOKEN,
            BENCH_SPEC_ID=_fixtures.SPEC_ID,
            BENCH_PEAK_TELEMETRY=self.telemetry,
        )
        return env

    def spawn(
        self, client: str, argv: list[str], extra_env: dict[str, str] | None = None
    ) -> tuple[Finished, dict[str, Any]]:
        """Run one child for ``client`` after resetting the server's counters; return it and the server's stats."""
        self.server.control("reset")
        env = {**self.env(client), **(extra_env or {})}
        finished = run_process([self.python[client], *argv], env=env, cwd=self.workdir, timeout=self.sizes.timeout)
        stats = self.server.control("stats")
        if finished.returncode != 0:
            tail = "\n".join(finished.stderr.strip().splitlines()[-12:])
            kind = CheckFailed if finished.returncode == 3 else RuntimeError
            raise kind(f"{client}: {' '.join(argv[:2])} exited {finished.returncode}\n{tail}")
        return finished, stats

    def driver(
        self,
        client: str,
        script: str,
        task: str,
        *options: object,
        hide_cli: bool = False,
        extra_env: dict[str, str] | None = None,
    ) -> tuple[Finished, dict[str, Any]]:
        """Run a driver task; the result it wrote is added to the stats under ``result``."""
        self._count += 1
        out = self.workdir / f"result-{self._count}.json"
        argv = [str(DRIVERS / script), task, "--out", str(out), *map(str, options)]
        finished, stats = self.spawn(client, without_httpx_cli(argv) if hide_cli else argv, extra_env)
        stats["result"] = json.loads(out.read_text(encoding="utf-8"))
        return finished, stats

    def rounds(self, warmup: bool | None = None) -> range:
        """Repeat indexes; -1 is a discarded warm-up round when warm-ups are on."""
        first = -1 if (self.sizes.warmup if warmup is None else warmup) else 0
        return range(first, self.sizes.repeat)

    # --- benchmarks ---------------------------------------------------------------------------

    def bench_import(self) -> None:
        statements = {OURS: "import press_blocks", PEAK: "from peak.press import blocks", BASE: "import httpx"}
        walls: dict[str, list[float]] = {c: [] for c in statements}
        rss: dict[str, list[float]] = {c: [] for c in statements}
        added: dict[str, int] = {}
        heavy: dict[str, list[str]] = {}
        startup: dict[str, list[float]] = {OURS: [], PEAK: []}
        for index in self.rounds():
            for client, statement in statements.items():
                code = (
                    "import sys\n_before = set(sys.modules)\n"
                    f"{statement}\n"
                    "_new = set(sys.modules) - _before\n"
                    f"sys.stdout.write(' '.join([str(len(_new))] + sorted(_new & set({HEAVY!r}))))\n"
                )
                finished, _ = self.spawn(client, ["-c", code])
                if index < 0:
                    continue
                walls[client].append(finished.wall)
                rss[client].append(finished.rss_mib)
                count, *loaded = finished.stdout.split()
                added[client] = int(count)
                heavy[client] = loaded
            for client, walls_of_pass in startup.items():
                finished, _ = self.spawn(client, ["-c", "pass"])
                if index >= 0:
                    walls_of_pass.append(finished.wall)
        ratio = median(walls[OURS]) / median(walls[PEAK])
        rows = self.report.rows
        rows.append(
            Row(
                "import: fresh `python -c '<import>'`, whole process (s)",
                spread(walls[OURS]),
                spread(walls[PEAK]),
                f"{spread(walls[BASE])} `import httpx`",
                f"{ratio:.2f}",
                "≤ 0.25",
                verdict(ratio, 0.25, at_most=True),
            )
        )
        rows.append(
            Row(
                "import: modules added",
                f"+{added[OURS]}",
                f"+{added[PEAK]}",
                f"+{added[BASE]}",
                f"{added[OURS] / added[PEAK]:.2f}",
            )
        )
        lazy = not heavy[OURS]
        rows.append(
            Row(
                "import: heavy modules loaded by the import",
                ", ".join(heavy[OURS]) or "none",
                ", ".join(heavy[PEAK]) or "none",
                ", ".join(heavy[BASE]) or "none",
                target="none (lazy until first use)",
                verdict="PASS" if lazy else "MISS",
            )
        )
        self.report.notes.append(
            f"Interpreter start alone (`python -c pass`): {spread(startup[OURS])} s in .venv, "
            f"{spread(startup[PEAK])} s in .venv-peak; it is included in every whole-process time."
        )
        self.report.raw["import"] = {"wall": walls, "rss_mib": rss, "modules_added": added, "heavy": heavy}

    def bench_cold(self) -> None:
        scripts = {OURS: "cold_ours.py", PEAK: "cold_peak.py", BASE: "cold_httpx.py"}
        walls: dict[str, list[float]] = {c: [] for c in scripts}
        rss: dict[str, list[float]] = {c: [] for c in scripts}
        plain: dict[str, list[float]] = {OURS: [], BASE: []}  # httpx's CLI imports blocked
        plain_cpu: dict[str, list[float]] = {OURS: [], BASE: []}
        for index in self.rounds():
            runs = [(client, [str(DRIVERS / script)], walls) for client, script in scripts.items()]
            runs += [(c, without_httpx_cli([str(DRIVERS / scripts[c])]), plain) for c in plain]
            for client, argv, into in runs:
                finished, stats = self.spawn(client, argv)
                if stats["requests"].get("describe_spec") != 1:
                    raise CheckFailed(f"{client} cold start sent {stats['requests']}, not one describe_spec")
                if index >= 0:
                    into[client].append(finished.wall)
                    if into is walls:
                        rss[client].append(finished.rss_mib)
                    else:
                        plain_cpu[client].append(finished.cpu)
        ratio = median(walls[OURS]) / median(walls[PEAK])
        base_ratio = median(walls[BASE]) / median(walls[PEAK])
        self.report.rows.append(
            Row(
                "cold start: import + client + 1 describe_spec (http://), whole process (s)",
                spread(walls[OURS]),
                spread(walls[PEAK]),
                f"{spread(walls[BASE])} httpx.Client ({base_ratio:.2f}x)",
                f"{ratio:.2f}",
                "≤ 0.33",
                verdict(ratio, 1 / 3, at_most=True),
            )
        )
        versus_httpx = median(plain[OURS]) / median(plain[BASE])
        self.report.rows.append(
            Row(
                "cold start vs bare httpx.Client, httpx's CLI deps (click, rich, pygments) hidden as in a "
                "plain `pip install .` (s)",
                spread(plain[OURS]),
                spread(walls[PEAK]),
                f"{spread(plain[BASE])} httpx.Client",
                f"{versus_httpx:.2f}",
                "≤ 1.15",
                verdict(versus_httpx, 1.15, at_most=True),
            )
        )
        cpu_ratio = median(plain_cpu[OURS]) / median(plain_cpu[BASE])
        self.report.rows.append(
            Row(
                "cold start: the same as CPU time, user + system (s; steadier than wall time on a busy machine)",
                spread(plain_cpu[OURS]),
                baseline=f"{spread(plain_cpu[BASE])} httpx.Client",
                ratio=f"{cpu_ratio:.2f}",
                target="(info)",
            )
        )
        self.report.rows.append(
            Row(
                "cold start vs bare httpx.Client, with the dev venv's click installed (s)",
                spread(walls[OURS]),
                spread(walls[PEAK]),
                f"{spread(walls[BASE])} httpx.Client",
                f"{median(walls[OURS]) / median(walls[BASE]):.2f}",
                "(info)",
            )
        )
        self.report.rows.append(
            Row(
                "cold start: peak RSS (MiB)",
                spread(rss[OURS], digits=1),
                spread(rss[PEAK], digits=1),
                spread(rss[BASE], digits=1),
                f"{median(rss[OURS]) / median(rss[PEAK]):.2f}",
            )
        )
        self.report.raw["cold"] = {
            "wall": walls,
            "rss_mib": rss,
            "wall_without_httpx_cli": plain,
            "cpu_without_httpx_cli": plain_cpu,
        }

    def bench_calls(self) -> None:
        n = self.sizes.calls
        self.server.control("config", delay_ms=0)
        # peak-sdk once more with the other telemetry setting, for the information row.
        other = "local" if self.telemetry == "off" else "off"
        runs: list[tuple[str, str, str, dict[str, str] | None]] = [
            (OURS, OURS, "driver_ours.py", None),
            (PEAK, PEAK, "driver_peak.py", None),
        ]
        runs.append((PEAK_OTHER, PEAK, "driver_peak.py", {"BENCH_PEAK_TELEMETRY": other}))
        rates: dict[str, list[float]] = {key: [] for key, *_ in runs}
        connections: dict[str, list[int]] = {key: [] for key, *_ in runs}
        paired: list[dict[str, float]] = []
        block = self.sizes.block
        for index in self.rounds(warmup=False):
            for key, client, script, extra in runs:
                _, stats = self.driver(client, script, "calls", "--n", n, extra_env=extra)
                if stats["requests"].get("describe_spec") != n + 1:
                    raise CheckFailed(f"{key} sent {stats['requests']} for {n + 1} describe_spec calls")
                if index >= 0:
                    rates[key].append(stats["result"]["calls_per_s"])
                    connections[key].append(stats["api_connections"])
            # press-blocks and bare httpx taking turns in one process: the ratio the target is about.
            _, stats = self.driver(OURS, "driver_paired.py", "calls", "--n", n, "--block", block)
            expected = 2 * (n // block + 1) * block
            if stats["requests"].get("describe_spec") != expected:
                raise CheckFailed(f"the paired run sent {stats['requests']}, expected {expected} describe_spec")
            if index >= 0:
                paired.append(stats["result"])
        # The target is against peak-sdk as users run it: telemetry on, its POSTs reaching a server.
        on_key, off_key = (PEAK, PEAK_OTHER) if self.telemetry == "local" else (PEAK_OTHER, PEAK)
        ratio = median(rates[OURS]) / median(rates[on_key])
        ratios = [p["ratio"] for p in paired]
        versus_httpx = median(ratios)
        bare_rates = [1e6 / p["bare_us"] for p in paired]
        rows = self.report.rows
        rows.append(
            Row(
                f"per call: {n:,} sequential describe_spec, no server delay, vs peak-sdk as users run it "
                "(telemetry on, its POSTs sent to the benchmark server) (calls/s)",
                spread(rates[OURS], digits=0),
                f"{spread(rates[on_key], digits=0)}; {median(connections[on_key]):.0f} connections",
                f"{spread(bare_rates, digits=0)} httpx.Client",
                f"{ratio:.2f}",
                "≥ 3.0",
                verdict(ratio, 3.0, at_most=False),
            )
        )
        rows.append(
            Row(
                f"per call: time per call vs bare httpx.Client, the two taking turns ({block} calls each) "
                "in one process; ratio: median of the pairs' ratios (µs)",
                spread([p["ours_us"] for p in paired], digits=0),
                spread([1e6 / r for r in rates[on_key]], digits=0),
                spread([p["bare_us"] for p in paired], digits=0),
                f"{versus_httpx:.2f} ({min(ratios):.2f}–{max(ratios):.2f})",
                "≤ 1.10",
                verdict(versus_httpx, 1.1, at_most=True),
            )
        )
        cpu_ratios = [p["cpu_ratio"] for p in paired]
        rows.append(
            Row(
                "per call: client CPU per call, user + system, vs bare httpx.Client, the same turns "
                "(µs; the server's time excluded)",
                spread([p["ours_cpu_us"] for p in paired], digits=0),
                baseline=spread([p["bare_cpu_us"] for p in paired], digits=0),
                ratio=f"{median(cpu_ratios):.2f} ({min(cpu_ratios):.2f}–{max(cpu_ratios):.2f})",
                target="(info)",
            )
        )
        rows.append(
            Row(
                "per call: the same, peak-sdk with its telemetry patched out (calls/s)",
                spread(rates[OURS], digits=0),
                f"{spread(rates[off_key], digits=0)}; {median(connections[off_key]):.0f} connections",
                ratio=f"{median(rates[OURS]) / median(rates[off_key]):.2f}",
                target="(info)",
            )
        )
        worst = max(connections[OURS])
        rows.append(
            Row(
                f"per call: TCP connections for {n + 1:,} calls",
                f"{worst}",
                f"{median(connections[PEAK]):.0f}",
                target="1 (ours)",
                verdict="PASS" if worst == 1 else "MISS",
            )
        )
        separate = self.separate_processes()
        self.report.raw["calls"] = {
            "calls_per_s": {**rates, BASE: bare_rates},
            "connections": connections,
            "paired": paired,
            "separate_processes_us": separate,
        }

    def separate_processes(self) -> dict[str, dict[str, list[float]]]:
        """Per call, each client in its own process, the processes alternating; the first call included.

        Each process times from building its client to the last of n + 1 describe_spec calls, so
        press-blocks' first call carries its lazy imports (httpx's come with its Client). The
        paired row above measures the steady state; this one what a short script sees.
        """
        found: dict[str, dict[str, list[float]]] = {}
        for n in (self.sizes.calls, 3 * self.sizes.calls):
            per_call: dict[str, list[float]] = {OURS: [], BASE: []}
            for index in self.rounds(warmup=False):
                for client, script in ((OURS, "driver_ours.py"), (BASE, "driver_httpx.py")):
                    _, stats = self.driver(client, script, "calls", "--n", n, "--first")
                    if stats["requests"].get("describe_spec") != n + 1:
                        raise CheckFailed(f"{client} sent {stats['requests']} for {n + 1} describe_spec calls")
                    if index >= 0:
                        result = stats["result"]
                        per_call[client].append(result["seconds"] / result["calls"] * 1e6)
            ratios = [ours / bare for ours, bare in zip(per_call[OURS], per_call[BASE], strict=True)]
            ratio = median(per_call[OURS]) / median(per_call[BASE])
            self.report.rows.append(
                Row(
                    f"per call: {n + 1:,} sequential describe_spec, each client in its own process (processes "
                    "alternating), timed from building the client, first call included; ratio: of the medians (µs)",
                    spread(per_call[OURS], digits=0),
                    baseline=spread(per_call[BASE], digits=0),
                    ratio=f"{ratio:.2f} ({min(ratios):.2f}–{max(ratios):.2f} per pair)",
                    target="≤ 1.10",
                    verdict=verdict(ratio, 1.1, at_most=True),
                )
            )
            found[str(n)] = per_call
        return found

    def bench_artifact(self) -> None:
        tree = self.workdir / "tree"
        made_by = make_tree(tree, self.sizes.tree_mb)
        walls: dict[str, list[float]] = {OURS: [], PEAK: [], BASE: [], PLAIN: []}
        rss: dict[str, list[float]] = {OURS: [], PEAK: [], BASE: [], PLAIN: []}
        uploads: dict[str, list[dict[str, Any]]] = {OURS: [], PEAK: []}
        self.server.control("config", delay_ms=0)
        repeats = list(self.rounds())
        if len([i for i in repeats if i >= 0]) < 2:
            repeats.append(len(repeats))  # the sha256 check needs two runs of ours at least
        for index in repeats:
            plan = ((OURS, OURS, "driver_ours.py"), (PEAK, PEAK, "driver_peak.py"), (PLAIN, OURS, ""))
            for key, client, script in plan:
                if client == PEAK and index >= self.sizes.repeat:
                    continue
                options = ("--tree", tree, "--body", self.body_path)
                if key == PLAIN:
                    if not 0 <= index < self.sizes.repeat:
                        continue
                    finished, stats = self.driver(OURS, "driver_ours.py", "artifact", *options, hide_cli=True)
                else:
                    finished, stats = self.driver(client, script, "artifact", *options)
                records = stats["uploads"]
                if len(records) != 1 or "sha256" not in records[0] or not records[0].get("zip_ok"):
                    raise CheckFailed(f"{key} upload was not one valid zip: {records}")
                uploads[client].append(records[0])
                if index >= 0:
                    walls[key].append(finished.wall)
                    rss[key].append(finished.rss_mib)
            if 0 <= index < self.sizes.repeat:
                options = ("--tree", tree, "--body", self.body_path)
                finished, _ = self.driver(BASE, "driver_httpx.py", "artifact", *options, hide_cli=True)
                walls[BASE].append(finished.wall)
                rss[BASE].append(finished.rss_mib)
        ours_hashes = {u["sha256"] for u in uploads[OURS]}
        peak_hashes = {u["sha256"] for u in uploads[PEAK]}
        ratio = median(walls[OURS]) / median(walls[PEAK])
        memory = median(rss[OURS]) / median(rss[PEAK])
        first = {c: uploads[c][-1] for c in uploads}
        rows = self.report.rows
        label = f"{self.sizes.tree_mb:g} MB tree"
        rows.append(
            Row(
                f"artifact: create_spec with a {label}, whole process (s)",
                spread(walls[OURS]),
                spread(walls[PEAK]),
                ratio=f"{ratio:.2f}",
                target="≤ 0.50 (≥ 2x faster)",
                verdict=verdict(ratio, 0.5, at_most=True),
            )
        )
        rows.append(
            Row(
                "artifact: peak RSS of that process (MiB)",
                spread(rss[OURS], digits=1),
                spread(rss[PEAK], digits=1),
                f"{spread(rss[BASE], digits=1)} bare floor",
                f"{memory:.2f}",
                "≤ 0.60",
                verdict(memory, 0.6, at_most=True),
            )
        )
        above_floor = median(rss[PLAIN]) - median(rss[BASE])
        rows.append(
            Row(
                "artifact: peak RSS above the bare floor (`import httpx` + zipfile + upload), both with "
                "httpx's CLI deps hidden (MiB)",
                f"{spread(rss[PLAIN], digits=1)} (+{above_floor:.1f})",
                baseline=f"{spread(rss[BASE], digits=1)}; {spread(walls[BASE])} s",
                ratio=f"+{above_floor:.1f} MiB",
                target="≤ +6 MiB",
                verdict=verdict(above_floor, 6.0, at_most=True),
            )
        )
        rows.append(
            Row(
                "artifact: the same, httpx's CLI deps hidden as in a plain install (s; MiB)",
                f"{spread(walls[PLAIN])}; {spread(rss[PLAIN], digits=1)}",
                f"{spread(walls[PEAK])}; {spread(rss[PEAK], digits=1)}",
                ratio=f"{median(walls[PLAIN]) / median(walls[PEAK]):.2f}; {median(rss[PLAIN]) / median(rss[PEAK]):.2f}",
                target="(info)",
            )
        )
        identical = len(ours_hashes) == 1
        rows.append(
            Row(
                "artifact: distinct zip sha256 over runs",
                f"{len(ours_hashes)} of {len(uploads[OURS])}",
                f"{len(peak_hashes)} of {len(uploads[PEAK])}",
                target="1 (ours: byte-identical)",
                verdict="PASS" if identical else "FAIL",
            )
        )
        rows.append(
            Row(
                "artifact: zip uploaded (MiB; files)",
                f"{first[OURS]['size'] / 2**20:.2f}; {first[OURS]['files']}",
                f"{first[PEAK]['size'] / 2**20:.2f}; {first[PEAK]['files']}",
            )
        )
        self.report.notes.append(
            f"Artifact tree: {made_by}. Our zip's sha256: {sorted(ours_hashes)[0][:16]}…; peak-sdk's: "
            + ", ".join(h[:12] + "…" for h in sorted(peak_hashes))
            + "."
        )
        if not identical:
            self.report.failures.append(f"press-blocks zips differ across runs: {sorted(ours_hashes)}")
        self.report.raw["artifact"] = {"wall": walls, "rss_mib": rss, "uploads": uploads}

    def bench_pages(self) -> None:
        sizes = self.sizes
        self.server.control("config", delay_ms=sizes.delay_ms, specs=sizes.specs)
        pages = -(-sizes.specs // sizes.page_size)
        runs: dict[str, list[float]] = {"sequential": [], "prefetch": [], PEAK: []}
        connections: dict[str, list[int]] = {k: [] for k in runs}
        common = ("--n", sizes.specs, "--page-size", sizes.page_size)
        for index in self.rounds(warmup=False):
            for key, client, script, extra in (
                ("sequential", OURS, "driver_ours.py", ("--prefetch", 0)),
                ("prefetch", OURS, "driver_ours.py", ("--prefetch", sizes.prefetch)),
                (PEAK, PEAK, "driver_peak.py", ()),
            ):
                _, stats = self.driver(client, script, "pages", *common, *extra)
                if stats["requests"].get("list_specs") != pages:
                    raise CheckFailed(f"{key}: {stats['requests']} for {pages} pages")
                if index >= 0:
                    runs[key].append(stats["result"]["seconds"])
                    connections[key].append(stats["api_connections"])
        self.server.control("config", delay_ms=0)
        ratio = median(runs["prefetch"]) / median(runs["sequential"])
        what = f"{sizes.specs:,} specs, {sizes.page_size}/page, {sizes.delay_ms:g} ms/request"
        self.report.rows.append(
            Row(
                f"pagination: {what}, sequential (s)",
                spread(runs["sequential"]),
                spread(runs[PEAK]),
                ratio=f"{median(runs['sequential']) / median(runs[PEAK]):.2f}",
            )
        )
        self.report.rows.append(
            Row(
                f"pagination: the same with prefetch={sizes.prefetch} (s)",
                spread(runs["prefetch"]),
                baseline=f"{spread(runs['sequential'])} ours sequential",
                ratio=f"{ratio:.2f}",
                target="≤ 0.25 (ideal 0.15)",
                verdict=verdict(ratio, 0.25, at_most=True),
            )
        )
        self.report.notes.append(
            "Pagination TCP connections (median): "
            + ", ".join(f"{k} {median(v):.0f}" for k, v in connections.items())
            + f" for {pages} pages plus one warm-up call."
        )
        self.report.raw["pages"] = {"seconds": runs, "connections": connections}

    def bench_fanout(self) -> None:
        sizes = self.sizes
        self.server.control("config", delay_ms=sizes.delay_ms)
        options = ("--n", sizes.fanout, "--concurrency", sizes.concurrency, "--singles", sizes.singles)
        paired: list[dict[str, float]] = []
        for index in self.rounds(warmup=False):
            # press-blocks and bare httpx.AsyncClient taking turns in one process, a fan-out each.
            _, stats = self.driver(OURS, "driver_paired.py", "fanout", *options, "--rounds", sizes.fanout_rounds)
            expected = 2 * (sizes.fanout * sizes.fanout_rounds + sizes.singles + 1)
            if stats["requests"].get("describe_spec") != expected:
                raise CheckFailed(f"the fan-out sent {stats['requests']}, expected {expected} describe_spec")
            if index >= 0:
                paired.append(stats["result"])
        self.server.control("config", delay_ms=0)
        ratios = [p["ratio"] for p in paired]
        ratio = median(ratios)
        total = {OURS: [p["ours_seconds"] for p in paired], BASE: [p["bare_seconds"] for p in paired]}
        one = {OURS: [p["ours_one_call"] for p in paired], BASE: [p["bare_one_call"] for p in paired]}
        waves = sizes.fanout / sizes.concurrency
        self.report.rows.append(
            Row(
                f"fan-out: {sizes.fanout} async describe_spec, {sizes.concurrency} in flight, "
                f"{sizes.delay_ms:g} ms server, vs bare httpx.AsyncClient, the two taking turns "
                f"({sizes.fanout_rounds} fan-out{'s' if sizes.fanout_rounds != 1 else ''} each) in one process; "
                "ratio: median of the pairs' ratios (s)",
                spread(total[OURS]),
                "— (no async client)",
                f"{spread(total[BASE])} httpx.AsyncClient",
                f"{ratio:.2f} ({min(ratios):.2f}–{max(ratios):.2f})",
                "≤ 1.10",
                verdict(ratio, 1.1, at_most=True),
            )
        )
        self.report.rows.append(
            Row(
                f"fan-out: the same as a multiple of one call (ideal {waves:g}x; depends on the CPU)",
                f"{median(total[OURS]) / median(one[OURS]):.1f}x",
                baseline=f"{median(total[BASE]) / median(one[BASE]):.1f}x",
                target="(info)",
            )
        )
        self.report.rows.append(
            Row(
                "fan-out: one call on a warm connection (ms)",
                spread(one[OURS], scale=1000, digits=1),
                baseline=spread(one[BASE], scale=1000, digits=1),
            )
        )
        self.report.raw["fanout"] = {"seconds": total, "one_call": one, "paired": paired}


def without_httpx_cli(argv: list[str]) -> list[str]:
    """``argv`` (a script and its arguments) run as if click were not installed.

    ``import httpx`` imports its command line (click, rich, pygments) whenever click is
    installed, as it is in .venv through the dev extras; a plain ``pip install press-blocks``
    has none of them. Blocking ``click`` makes that import fail fast, as it does there.
    """
    script = argv[0]
    code = (
        "import runpy, sys\n"
        "sys.modules['click'] = None\n"
        f"sys.argv = {argv!r}\n"
        f"sys.path[0] = {str(Path(script).parent)!r}\n"
        f"runpy.run_path({script!r}, run_name='__main__')\n"
    )
    return ["-c", code]


# --- the build context -----------------------------------------------------------------------


def make_tree(root: Path, megabytes: float) -> str:
    """Write the synthetic build context with ``../shared/tools/mktree.py``, or its built-in equivalent."""
    if MKTREE.is_file():
        subprocess.run(
            [sys.executable, str(MKTREE), str(root), f"{megabytes:g}"], check=True, capture_output=True, timeout=300
        )
        return f"`{MKTREE.relative_to(ROOT.parent)} DIR {megabytes:g}` ({_tree_size(root)})"
    builtin_tree(root, megabytes)
    return f"the built-in equivalent of mktree.py, {megabytes:g} MB ({_tree_size(root)})"


def _tree_size(root: Path) -> str:
    files = [p for p in root.rglob("*") if p.is_file()]
    return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 2**20:.1f} MiB on disk with the ignored ones"


# --- the machine and the versions --------------------------------------------------------------


PLAIN_VENV = ROOT / ".venv-plain"  # git-ignored (.venv-*/)


def plain_install_python() -> str:
    """The python of ``.venv-plain``: this checkout installed as users get it, ``pip install .`` (no extras).

    Rebuilt from scratch when an extra's package is found in it (the dev extras' click, rich and
    pygments change what ``import httpx`` loads); otherwise the package is reinstalled with its
    dependencies kept, so it always measures the current code.
    """
    python = PLAIN_VENV / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if python.exists() and _has_any(str(python), EXTRAS_PACKAGES):
        shutil.rmtree(PLAIN_VENV)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PLAIN_VENV)], check=True, timeout=300)
    else:
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(ROOT)], check=True, timeout=600)
    subprocess.run([*pip, str(ROOT)], check=True, timeout=600)
    return str(python)


#: Import names of the packages only an extra (or the dev tools) brings.
EXTRAS_PACKAGES = ("jinja2", "shtab", "tqdm", "starlette", "uvicorn", "click", "rich")


def _has_any(python: str, modules: Sequence[str]) -> bool:
    code = f"import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) for m in {list(modules)!r}))"
    return subprocess.run([python, "-c", code], check=False, timeout=60).returncode != 0


def machine(ours_python: str, peak_python: str) -> list[str]:
    """Lines describing where and with what the run happened."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 2**20:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    ours = _versions(ours_python, ("press-blocks", "httpx", "httpcore", "h11", "anyio", "sniffio"))
    where = Path(ours_python).parent.parent.name
    peak = _versions(peak_python, ("peak-sdk", "requests", "urllib3", "rich"))
    return [
        f"Machine: {cpus} CPUs (nproc), {model}{memory}; {platform.system()} {platform.release()}.",
        f"Python {platform.python_version()} ({where}: {ours}); .venv-peak: {peak}.",
    ]


def _versions(python: str, names: Sequence[str]) -> str:
    code = (
        "import importlib.metadata as m\n"
        f"for n in {list(names)!r}:\n"
        "    try: print(n, m.version(n))\n"
        "    except m.PackageNotFoundError: print(n, 'absent')\n"
    )
    try:
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    except (subprocess.SubprocessError, OSError) as exc:
        return f"unknown ({exc})"
    return ", ".join(" ".join(line.split()) for line in out.splitlines())


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def warm_up(bench: Bench) -> None:
    """Fill the byte-code cache and the page cache for every interpreter before anything is timed."""
    ours = "import press_blocks._sync.block, press_blocks._async.block, press_blocks.artifacts, httpx, argparse, json"
    peak = "from peak.press import blocks; import argparse, json, statistics, _peak_patch"
    bench.spawn(OURS, ["-c", ours])
    bench.spawn(OURS, ["-c", f"import sys; sys.path.insert(0, {str(DRIVERS)!r}); import _common"])
    bench.spawn(PEAK, ["-c", f"import sys; sys.path.insert(0, {str(DRIVERS)!r}); {peak}; import _common"])


# --- output ------------------------------------------------------------------------------------


HEADER = ("metric", "press-blocks", "peak-sdk", "baseline", "ratio", "target", "PASS/MISS")


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    for row in rows:
        cells = (row.metric, row.ours, row.peak, row.baseline, row.ratio, row.target, row.verdict)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def render(report: Report, header: list[str]) -> str:
    parts = [*header, "", table(report.rows)]
    if report.notes:
        parts += ["", *(f"- {note}" for note in report.notes)]
    if report.failures:
        parts += ["", "FAILURES:", *(f"- {failure}" for failure in report.failures)]
    return "\n".join(parts)


# --- entry point -------------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.run", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, once: checks that nothing is broken")
    parser.add_argument("--repeat", type=int, help="fresh processes per measurement (default 5; smoke 1)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME", help=f"any of {', '.join(BENCHMARKS)}")
    parser.add_argument(
        "--peak-telemetry",
        choices=("off", "local"),
        default="off",
        help="off: peak-sdk's tenant-metadata GET and telemetry POST are patched out (default); "
        "local: both go to the benchmark server",
    )
    parser.add_argument(
        "--ours-pythonpath",
        action="append",
        default=[],
        metavar="DIR",
        help="put DIR first on sys.path of press-blocks runs: benchmark a modified copy without touching the checkout",
    )
    parser.add_argument(
        "--venv-pythonpath",
        action="append",
        default=[],
        metavar="DIR",
        help="put DIR on sys.path of every .venv run (press-blocks and baseline), e.g. to try an extra package",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="run press-blocks and the bare-httpx baselines from .venv-plain, this checkout installed with a "
        "plain `pip install .` (no extras), instead of the dev .venv",
    )
    parser.add_argument("--json", type=Path, default=None, help="where to write the raw results (default .bench/)")
    parser.add_argument("--report", type=Path, default=None, help="also write the printed report to this file")
    parser.add_argument("--charts", type=Path, default=None, help="where to draw the SVG charts (default: by the JSON)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks; 0 unless a client crashed or gave a wrong result."""
    args = parse(argv)
    sizes = SMOKE if args.smoke else FULL
    if args.repeat is not None:
        if args.repeat < 1:
            raise SystemExit("--repeat must be at least 1")
        sizes = Sizes(**{**asdict(sizes), "repeat": args.repeat})
    selected = [name for name in BENCHMARKS if not args.only or name in args.only]
    started = time.perf_counter()
    print(f"Preparing {PEAK_SDK_REQUIREMENT} in .venv-peak (made once, then cached)...", file=sys.stderr, flush=True)
    peak_python = str(peak_sdk_python(timeout=540))
    STATE.mkdir(exist_ok=True)
    load_before = _load()
    report = Report()
    with tempfile.TemporaryDirectory(prefix="press-blocks-bench-") as scratch, ServerProcess() as server:
        bench = Bench(server, peak_python, Path(scratch), sizes, args.peak_telemetry, report)
        if args.plain:
            print("Installing this checkout into .venv-plain (pip install .)...", file=sys.stderr, flush=True)
            plain_python = plain_install_python()
            bench.python[OURS] = bench.python[BASE] = plain_python
        bench.ours_path = [str(Path(p).resolve()) for p in args.ours_pythonpath]
        bench.venv_path = [str(Path(p).resolve()) for p in args.venv_pythonpath]
        steps: dict[str, Callable[[], None]] = {
            "import": bench.bench_import,
            "cold": bench.bench_cold,
            "calls": bench.bench_calls,
            "artifact": bench.bench_artifact,
            "pages": bench.bench_pages,
            "fanout": bench.bench_fanout,
        }
        try:
            warm_up(bench)
        except Exception as exc:
            report.failures.append(f"warm-up: {type(exc).__name__}: {exc}")
            selected = []
        for name in selected:
            print(f"[{time.perf_counter() - started:6.1f}s] {name}...", file=sys.stderr, flush=True)
            try:
                steps[name]()
            except CheckFailed as exc:
                report.failures.append(f"{name}: wrong result: {exc}")
            except Exception as exc:
                report.failures.append(f"{name}: {type(exc).__name__}: {exc}")
                traceback.print_exc(file=sys.stderr)
    elapsed = time.perf_counter() - started
    mode = "smoke" if args.smoke else "full"
    header = [
        f"press-blocks benchmark ({mode}; {sizes.repeat} fresh process(es) per measurement, median (min–max); "
        f"peak-sdk telemetry: {args.peak_telemetry}; {elapsed:.0f} s; load average before {load_before}, "
        f"after {_load()}).",
        *(
            ["press-blocks and the bare-httpx baselines run from .venv-plain (`pip install .`: no extras)."]
            if args.plain
            else []
        ),
        *(f"press-blocks runs with PYTHONPATH starting {p}." for p in args.ours_pythonpath),
        *(f"Every .venv run with {p} on PYTHONPATH." for p in args.venv_pythonpath),
        *machine(bench.python[OURS], peak_python),
    ]
    text = render(report, header)
    print(text, flush=True)
    if args.report is not None:
        args.report.write_text(text + "\n", encoding="utf-8")
    target = args.json or STATE / f"results-{mode}.json"
    raw = {"header": header, "rows": [asdict(r) for r in report.rows], "notes": report.notes, **report.raw}
    raw["failures"] = report.failures
    target.write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    write_charts(raw, args.charts or target.parent / f"charts-{mode}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
