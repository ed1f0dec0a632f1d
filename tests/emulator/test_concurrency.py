"""Many clients at once over loopback: no lost writes, unique ids, never a half-written object."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from press_blocks.emulator import RunningEmulator
from tests.emulator._payloads import create_deployment, create_spec, spec_body
from tests.emulator.conftest import checked_client

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

THREADS = 16
REQUESTS_PER_THREAD = 25


def test_concurrent_clients_lose_no_writes(server: RunningEmulator) -> None:
    start = threading.Barrier(THREADS, timeout=30)

    def worker(index: int) -> tuple[list[str], list[str]]:
        specs: list[str] = []
        deployments: list[str] = []
        # Every response this client sees is checked against the document by its event hook.
        with checked_client(server.base_url) as client:
            start.wait()
            for step in range(REQUESTS_PER_THREAD):
                kind = step % 5
                if kind == 0:
                    specs.append(create_spec(client, spec_body(name=f"spec-{index}-{step}")))
                elif kind == 1:
                    deployments.append(create_deployment(client, specs[-1], name=f"dep-{index}-{step}"))
                elif kind == 2:
                    listed = client.get("/v1/blocks/specs/", params={"pageSize": 1000}).json()
                    assert listed["specCount"] == len(listed["specs"])
                elif kind == 3:
                    listed = client.get("/v1/blocks/deployments/", params={"pageSize": 1000}).json()
                    assert listed["deploymentCount"] == len(listed["deployments"])
                else:
                    assert client.get(f"/v1/blocks/deployments/{deployments[-1]}").status_code == 200
        return specs, deployments

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS), timeout=100))

    created_specs = [s for specs, _ in results for s in specs]
    created_deployments = [d for _, deployments in results for d in deployments]
    per_thread = REQUESTS_PER_THREAD // 5
    assert len(created_specs) == len(set(created_specs)) == THREADS * per_thread
    assert len(created_deployments) == len(set(created_deployments)) == THREADS * per_thread
    with checked_client(server.base_url) as client:
        specs = client.get("/v1/blocks/specs/", params={"pageSize": 1000}).json()
        deployments = client.get("/v1/blocks/deployments/", params={"pageSize": 1000}).json()
        assert specs["specCount"] == THREADS * per_thread
        assert {s["id"] for s in specs["specs"]} == set(created_specs)
        assert {d["id"] for d in deployments["deployments"]} == set(created_deployments)
        sampled = created_deployments[::8]
        for deployment in sampled:
            assert client.get(f"/v1/blocks/deployments/{deployment}/revisions/1").status_code == 200
    assert server.requests.count() == THREADS * REQUESTS_PER_THREAD + 2 + len(sampled)
    assert {r.status for r in server.requests.records()} == {200, 201}
