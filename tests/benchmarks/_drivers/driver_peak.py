"""peak-sdk 1.29.0 driver (run by ``.venv-peak``'s python): ``calls``, ``pages`` and ``artifact``.

peak-sdk is patched by :mod:`_peak_patch` right after it is imported (see there for exactly what).
"""

from __future__ import annotations

import os
from typing import Any

from _common import arguments, base_url, check_pages, clock, expect, load_body, report, spec_id

TASKS = ("calls", "pages", "artifact")


def client() -> Any:
    import _peak_patch
    from peak.press import blocks

    _peak_patch.install(base_url(), os.environ.get("BENCH_PEAK_TELEMETRY", "off"))
    return blocks.get_client()


def calls(n: int) -> dict[str, Any]:
    block = client()
    wanted = spec_id()
    block.describe_spec(wanted)  # warm-up, as for the other clients
    started = clock()
    for _ in range(n):
        spec = block.describe_spec(wanted)
    elapsed = clock() - started
    expect(spec.get("id") == wanted, "describe_spec returned another spec")
    return {"seconds": elapsed, "calls": n, "calls_per_s": n / elapsed}


def pages(n: int, page_size: int) -> dict[str, Any]:
    block = client()
    block.describe_spec(spec_id())  # warm-up
    started = clock()
    items = list(block.list_specs(page_size=page_size))
    elapsed = clock() - started
    check_pages(items, n)
    return {"seconds": elapsed, "items": len(items)}


def artifact(tree: str, body_path: str) -> dict[str, Any]:
    result = client().create_spec(body=load_body(body_path), artifact={"path": tree})
    expect(result.get("id") == "spec-created", f"create_spec returned {result!r}")
    return {"id": result["id"]}


def main() -> None:
    args = arguments(TASKS)
    if args.task == "calls":
        result = calls(args.n)
    elif args.task == "pages":
        result = pages(args.n, args.page_size)
    else:
        result = artifact(args.tree, args.body)
    report(args.out, **result)


if __name__ == "__main__":
    main()
