"""The baseline: bare httpx doing the same work.

``calls`` (httpx.Client) and ``fanout`` (httpx.AsyncClient) make the same GETs; ``artifact``
is the memory floor of an upload: ``import httpx``, zip every file of the tree with
``zipfile`` into a temporary file, and POST it as the same multipart ``create_spec``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from _common import arguments, base_url, clock, expect, load_body, median, report, spec_id, token

TASKS = ("calls", "fanout", "artifact")


def calls(n: int, first: bool = False) -> dict[str, Any]:
    wanted = spec_id()
    path = f"/v1/blocks/specs/{wanted}"
    headers = {"Authorization": token()}
    started = clock()
    with httpx.Client(base_url=base_url()) as client:
        client.get(path, headers=headers).json()  # the first call: the connection
        if not first:
            started = clock()
        cpu_started = time.process_time()
        for _ in range(n):
            spec = client.get(path, headers=headers).json()
        elapsed = clock() - started
        cpu = time.process_time() - cpu_started
    expect(spec.get("id") == wanted, "GET returned another spec")
    timed = n + 1 if first else n
    return {"seconds": elapsed, "calls": timed, "calls_per_s": timed / elapsed, "cpu_per_call": cpu / n}


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


def artifact(tree: str, body_path: str) -> dict[str, Any]:
    import json
    import os
    import tempfile
    import zipfile

    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            for folder, _, names in os.walk(tree):
                for name in sorted(names):
                    path = os.path.join(folder, name)
                    archive.write(path, os.path.relpath(path, tree))
        spool.seek(0)
        files = {
            "spec": (None, json.dumps(load_body(body_path)).encode(), "text/plain"),
            "artifact": ("artifact.zip", spool, "application/zip"),
        }
        with httpx.Client(base_url=base_url(), timeout=300) as client:
            result = client.post("/v1/blocks/specs/", files=files, headers={"Authorization": token()}).json()
    expect(result.get("id") == "spec-created", f"upload returned {result!r}")
    return {"id": result["id"]}


def main() -> None:
    args = arguments(TASKS)
    if args.task == "calls":
        result = calls(args.n, args.first)
    elif args.task == "fanout":
        result = fanout(args.n, args.concurrency, args.singles)
    else:
        result = artifact(args.tree, args.body)
    report(args.out, **result)


if __name__ == "__main__":
    main()
