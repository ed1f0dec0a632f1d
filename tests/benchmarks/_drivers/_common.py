"""What every driver shares: its arguments, its clock and how it reports."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

clock = time.perf_counter


def arguments(tasks: tuple[str, ...]) -> argparse.Namespace:
    """Parse ``TASK --out FILE`` and the task's sizes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=tasks)
    parser.add_argument("--out", required=True)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--page-size", type=int, default=25)
    parser.add_argument("--prefetch", type=int, default=0)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--singles", type=int, default=5)
    parser.add_argument("--block", type=int, default=25, help="calls per turn when two clients take turns")
    parser.add_argument(
        "--first",
        action="store_true",
        help="calls: time from the client's construction, the first call (lazy imports, connection) included",
    )
    parser.add_argument("--rounds", type=int, default=3, help="turns each when two clients take turns")
    parser.add_argument("--tree", default="")
    parser.add_argument("--body", default="", help="a JSON file holding the create_spec body")
    return parser.parse_args()


def spec_id() -> str:
    """The spec every describe_spec asks for."""
    return os.environ["BENCH_SPEC_ID"]


def base_url() -> str:
    """The benchmark server's URL."""
    return os.environ["PRESS_BASE_URL"]


def token() -> str:
    """The token sent with every request."""
    return os.environ["PEAK_AUTH_TOKEN"]


def load_body(path: str) -> dict[str, Any]:
    """The create_spec body the runner wrote."""
    with open(path, encoding="utf-8") as handle:
        body: dict[str, Any] = json.load(handle)
        return body


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (VmHWM), in MiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def expect(condition: bool, message: str) -> None:
    """Stop with exit status 3 (a correctness failure) when ``condition`` is false."""
    if not condition:
        print(f"CHECK FAILED: {message}", file=sys.stderr)
        sys.exit(3)


def check_pages(items: list[dict[str, Any]], count: int) -> None:
    """Every spec of the listing, once, in order."""
    ids = [item.get("id") for item in items]
    expect(ids == [f"spec-{i:05d}" for i in range(count)], f"listing returned {len(ids)} specs, not 0..{count - 1}")


def median(values: list[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


def report(out: str, **result: Any) -> None:
    """Write the task's result, with the peak RSS, to ``out``."""
    result["vmhwm_mib"] = peak_rss_mib()
    result["python"] = sys.version.split()[0]
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
