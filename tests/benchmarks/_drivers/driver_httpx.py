"""The baseline: bare httpx making the same GETs, ``calls`` (httpx.Client) and ``fanout`` (httpx.AsyncClient)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from _common import arguments, base_url, clock, expect, median, report, spec_id, token

TASKS = ("calls", "fanout")


def calls(n: int) -> dict[str, Any]:
    wanted = spec_id()
    path = f"/v1/blocks/specs/{wanted}"
    headers = {"Authorization": token()}
    with httpx.Client(base_url=base_url()) as client:
        client.get(path, headers=headers).json()  # warm-up
        started = clock()
        for _ in range(n):
            spec = client.get(path, headers=headers).json()
        elapsed = clock() - started
    expect(spec.get("id") == wanted, "GET returned another spec")
    return {"seconds": elapsed, "calls": n, "calls_per_s": n / elapsed}


def fanout(n: int, concurrency: int, singles: int) -> dict[str, Any]:
    wanted = spec_id()
    path = f"/v1/blocks/specs/{wanted}"
    headers = {"Authorization": token()}

    async def run() -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=base_url()) as client:
            (await client.get(path, headers=headers)).json()  # warm-up
            one = []
            for _ in range(singles):
                started = clock()
                (await client.get(path, headers=headers)).json()
                one.append(clock() - started)
            gate = asyncio.Semaphore(concurrency)

            async def call() -> dict[str, Any]:
                async with gate:
                    spec: dict[str, Any] = (await client.get(path, headers=headers)).json()
                    return spec

            started = clock()
            results = await asyncio.gather(*(call() for _ in range(n)))
            elapsed = clock() - started
        expect(all(r.get("id") == wanted for r in results) and len(results) == n, "fan-out results are wrong")
        return {"seconds": elapsed, "one_call": median(one), "calls": n, "concurrency": concurrency}

    return asyncio.run(run())


def main() -> None:
    args = arguments(TASKS)
    result = calls(args.n) if args.task == "calls" else fanout(args.n, args.concurrency, args.singles)
    report(args.out, **result)


if __name__ == "__main__":
    main()
