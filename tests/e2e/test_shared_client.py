"""One Block, one connection pool, shared by many threads over loopback (connection reuse itself is
measured by the benchmark server, which counts TCP connections)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from press_blocks import Block
from press_blocks.emulator import RunningEmulator
from tests.e2e.conftest import make_session

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

SPEC = {
    "version": "1",
    "kind": "service",
    "metadata": {"name": "shared", "summary": "one of many"},
    "release": {"version": "1.0.0", "notes": "first"},
    "config": {"serviceType": "api", "imageDetails": {"id": 1, "versionId": 1}},
}


def test_a_block_is_safe_to_share_across_threads(server: RunningEmulator) -> None:
    threads, per_thread = 8, 12
    with Block(make_session(server.base_url)) as client:

        def work(worker: int) -> list[str]:
            created = []
            for n in range(per_thread):
                body = {**SPEC, "metadata": {**SPEC["metadata"], "name": f"shared-{worker}-{n}"}}
                spec_id = client.create_spec(body)["id"]
                assert client.describe_spec(spec_id)["metadata"]["name"] == f"shared-{worker}-{n}"
                created.append(spec_id)
            return created

        with ThreadPoolExecutor(threads) as pool:
            ids = [spec_id for batch in pool.map(work, range(threads)) for spec_id in batch]

        assert len(set(ids)) == threads * per_thread
        listed = {spec["id"] for spec in client.list_specs(page_size=10)}
        assert listed == set(ids)
        # Each request carried its own request id, even with threads interleaving on one pool.
        request_ids = [r.headers.get("x-peak-requestid") for r in server.requests]
        assert len(request_ids) >= threads * per_thread * 2
        assert None not in request_ids
        assert len(set(request_ids)) == len(request_ids)
