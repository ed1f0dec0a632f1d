"""press-blocks driver: ``calls``, ``pages``, ``artifact`` and ``fanout``."""

from __future__ import annotations

import asyncio
import importlib.util
import time
from typing import Any

from _common import arguments, check_pages, clock, expect, load_body, median, report, spec_id

TASKS = ("calls", "pages", "artifact", "fanout")


def calls(n: int, first: bool = False) -> dict[str, Any]:
    from press_blocks import get_client

    wanted = spec_id()
    started = clock()
    with get_client() as client:
        client.describe_spec(wanted)  # the first call: the client's lazy imports and the connection
        if not first:
            started = clock()
        cpu_started = time.process_time()
        for _ in range(n):
            spec = client.describe_spec(wanted)
        elapsed = clock() - started
        cpu = time.process_time() - cpu_started
    expect(spec.get("id") == wanted, "describe_spec returned another spec")
    timed = n + 1 if first else n
    return {"seconds": elapsed, "calls": timed, "calls_per_s": timed / elapsed, "cpu_per_call": cpu / n}


def pages(n: int, page_size: int, prefetch: int) -> dict[str, Any]:
    from press_blocks import get_client

    with get_client() as client:
        client.describe_spec(spec_id())  # warm-up
        started = clock()
        items = list(client.list_specs(page_size=page_size, prefetch=prefetch))
        elapsed = clock() - started
    check_pages(items, n)
    return {"seconds": elapsed, "items": len(items), "prefetch": prefetch}


def artifact(tree: str, body_path: str) -> dict[str, Any]:
    from press_blocks import get_client

    with get_client() as client:
        result = client.create_spec(body=load_body(body_path), artifact={"path": tree})
    expect(result.get("id") == "spec-created", f"create_spec returned {result!r}")
    return {"id": result["id"]}


def fanout(n: int, concurrency: int, singles: int) -> dict[str, Any]:
    from press_blocks import get_async_client

    wanted = spec_id()

    async def run() -> dict[str, Any]:
        async with get_async_client() as client:
            await client.describe_spec(wanted)  # warm-up
            one = []
            for _ in range(singles):
                started = clock()
                await client.describe_spec(wanted)
                one.append(clock() - started)
            gate = asyncio.Semaphore(concurrency)

            async def call() -> dict[str, Any]:
                async with gate:
                    spec: dict[str, Any] = await client.describe_spec(wanted)
                    return spec

            started = clock()
            results = await asyncio.gather(*(call() for _ in range(n)))
            elapsed = clock() - started
        expect(all(r.get("id") == wanted for r in results) and len(results) == n, "fan-out results are wrong")
        return {"seconds": elapsed, "one_call": median(one), "calls": n, "concurrency": concurrency}

    result = asyncio.run(run())
    result["sniffio_installed"] = importlib.util.find_spec("sniffio") is not None
    return result


def main() -> None:
    args = arguments(TASKS)
    if args.task == "calls":
        result = calls(args.n, args.first)
    elif args.task == "pages":
        result = pages(args.n, args.page_size, args.prefetch)
    elif args.task == "artifact":
        result = artifact(args.tree, args.body)
    else:
        result = fanout(args.n, args.concurrency, args.singles)
    report(args.out, **result)


if __name__ == "__main__":
    main()
