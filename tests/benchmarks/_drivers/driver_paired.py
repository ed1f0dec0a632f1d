"""press-blocks against bare httpx in one process, interleaved: ``calls`` and ``fanout``.

The two clients take turns — a block of calls each, the order alternating — so both see the
machine of the same moment. On a shared machine a slow spell lasts seconds and moves both
halves of a pair, where two separate processes a few seconds apart can differ by 30%; the
median of the pairs' ratios is then what press-blocks adds to a call. The bare side makes
the same GETs as ``driver_httpx.py``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from _common import arguments, base_url, clock, expect, median, report, spec_id, token

TASKS = ("calls", "fanout")


def _pairs(rounds: int, run: dict[str, Callable[[], None]]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Time ``rounds`` turns of each runner, alternating which goes first; wall and CPU seconds per turn."""
    walls: dict[str, list[float]] = {name: [] for name in run}
    cpus: dict[str, list[float]] = {name: [] for name in run}
    names = list(run)
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            cpu_started = time.process_time()
            started = clock()
            run[name]()
            walls[name].append(clock() - started)
            cpus[name].append(time.process_time() - cpu_started)
    return walls, cpus


def _ratio(values: dict[str, list[float]]) -> float:
    return median([ours / bare for ours, bare in zip(values["ours"], values["bare"], strict=True)])


def calls(n: int, block: int) -> dict[str, Any]:
    from press_blocks import get_client

    wanted = spec_id()
    path = f"/v1/blocks/specs/{wanted}"
    headers = {"Authorization": token()}
    seen: list[Any] = []
    with get_client() as ours, httpx.Client(base_url=base_url()) as bare:

        def run_ours() -> None:
            for _ in range(block):
                spec = ours.describe_spec(wanted)
            seen.append(spec.get("id"))

        def run_bare() -> None:
            for _ in range(block):
                spec = bare.get(path, headers=headers).json()
            seen.append(spec.get("id"))

        run = {"ours": run_ours, "bare": run_bare}
        _pairs(1, run)  # warm-up: lazy imports and both connections
        walls, cpus = _pairs(n // block, run)
    expect(seen and all(found == wanted for found in seen), "a client returned another spec")
    calls_made = block * len(walls["ours"])
    return {
        "calls": calls_made,
        "block": block,
        "ratio": _ratio(walls),
        "cpu_ratio": _ratio(cpus),
        "ours_us": sum(walls["ours"]) / calls_made * 1e6,
        "bare_us": sum(walls["bare"]) / calls_made * 1e6,
        "ours_cpu_us": sum(cpus["ours"]) / calls_made * 1e6,
        "bare_cpu_us": sum(cpus["bare"]) / calls_made * 1e6,
    }


async def _fan_out(call: Callable[[], Awaitable[Any]], n: int, concurrency: int) -> list[Any]:
    gate = asyncio.Semaphore(concurrency)

    async def one() -> Any:
        async with gate:
            return await call()

    return await asyncio.gather(*(one() for _ in range(n)))


def fanout(n: int, concurrency: int, singles: int, rounds: int) -> dict[str, Any]:
    from press_blocks import get_async_client

    wanted = spec_id()
    path = f"/v1/blocks/specs/{wanted}"
    headers = {"Authorization": token()}

    async def run() -> dict[str, Any]:
        async with get_async_client() as ours, httpx.AsyncClient(base_url=base_url()) as bare:

            async def call_ours() -> Any:
                return (await ours.describe_spec(wanted)).get("id")

            async def call_bare() -> Any:
                return (await bare.get(path, headers=headers)).json().get("id")

            calls = {"ours": call_ours, "bare": call_bare}
            one: dict[str, list[float]] = {name: [] for name in calls}
            for name, call in calls.items():
                await call()  # warm-up
                for _ in range(singles):
                    started = clock()
                    await call()
                    one[name].append(clock() - started)
            total: dict[str, list[float]] = {name: [] for name in calls}
            names = list(calls)
            for index in range(rounds):
                for name in names if index % 2 == 0 else reversed(names):
                    started = clock()
                    results = await _fan_out(calls[name], n, concurrency)
                    total[name].append(clock() - started)
                    expect(results == [wanted] * n, f"the {name} fan-out returned wrong results")
        return {
            "ratio": _ratio(total),
            "ours_seconds": median(total["ours"]),
            "bare_seconds": median(total["bare"]),
            "ours_one_call": median(one["ours"]),
            "bare_one_call": median(one["bare"]),
            "calls": n,
            "concurrency": concurrency,
            "rounds": rounds,
        }

    return asyncio.run(run())


def main() -> None:
    args = arguments(TASKS)
    if args.task == "calls":
        result = calls(args.n, args.block)
    else:
        result = fanout(args.n, args.concurrency, args.singles, args.rounds)
    report(args.out, **result)


if __name__ == "__main__":
    main()
