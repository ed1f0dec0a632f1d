"""The in-process transports: sync over a background event loop, async directly; timeouts and clean shutdown."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

from press_blocks.emulator import Emulator, FaultRule, InProcessEmulator
from tests.emulator._contract_check import assert_conforms, assert_conforms_async
from tests.emulator._payloads import AUTH, create_deployment, create_spec

pytestmark = pytest.mark.timeout(60)


def test_the_sync_transport_runs_the_whole_api(press_emulator: InProcessEmulator) -> None:
    with httpx.Client(
        transport=press_emulator.transport,
        base_url=press_emulator.base_url,
        headers=AUTH,
        event_hooks={"response": [assert_conforms]},
    ) as client:
        spec_id = create_spec(client)
        dep = create_deployment(client, spec_id)
        assert client.get(f"/v1/blocks/deployments/{dep}").json()["spec"]["id"] == spec_id
        assert client.get("/v1/nothing").status_code == 404
        assert client.get("/_emulator/health").json() == {"status": "ok"}
    assert press_emulator.requests.count(operation_id="createSpec") == 1


def test_the_async_transport_runs_the_whole_api(press_emulator: InProcessEmulator) -> None:
    async def scenario() -> None:
        async with httpx.AsyncClient(
            transport=press_emulator.async_transport,
            base_url=press_emulator.base_url,
            headers=AUTH,
            event_hooks={"response": [assert_conforms_async]},
        ) as client:
            results = await asyncio.gather(*(client.get("/v1/blocks/specs/") for _ in range(10)))
            assert {r.status_code for r in results} == {200}
            created = await client.post("/v1/blocks/deployments/", json={"metadata": {}})
            assert created.status_code == 400

    asyncio.run(scenario())
    assert len(press_emulator.requests) == 11


def test_the_sync_transport_is_thread_safe_and_shares_state_with_the_python_api() -> None:
    emulator = Emulator()
    transport = emulator.transport()
    with httpx.Client(transport=transport, base_url=emulator.base_url, headers=AUTH) as client:
        spec_id = create_spec(client)
        errors: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(10):
                    assert client.get(f"/v1/blocks/specs/{spec_id}").status_code == 200
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert not errors
        assert emulator.requests.count(operation_id="describeSpec") == 40
    # Closing the client stopped the loop thread; the transport refuses further use.
    with pytest.raises(RuntimeError, match="closed"):
        transport.handle_request(httpx.Request("GET", "http://x/v1/blocks/specs/"))


def test_read_timeouts_apply_in_process() -> None:
    emulator = Emulator(faults=[FaultRule(kind="latency", latency=5)])
    started = time.monotonic()
    with (
        httpx.Client(
            transport=emulator.transport(), base_url=emulator.base_url, headers=AUTH, timeout=httpx.Timeout(5, read=0.2)
        ) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        client.get("/v1/blocks/specs/")
    assert time.monotonic() - started < 4, "the timeout fired and close() did not wait for the latency"

    async def scenario() -> None:
        async with httpx.AsyncClient(
            transport=emulator.async_transport(),
            base_url=emulator.base_url,
            headers=AUTH,
            timeout=httpx.Timeout(5, read=0.2),
        ) as client:
            with pytest.raises(httpx.ReadTimeout):
                await client.get("/v1/blocks/specs/")

    asyncio.run(scenario())


def test_a_forgotten_transport_does_not_keep_threads_alive() -> None:
    before = set(threading.enumerate())
    emulator = Emulator()
    client = httpx.Client(transport=emulator.transport(), base_url=emulator.base_url, headers=AUTH)
    assert client.get("/v1/blocks/specs/").status_code == 200
    loop_threads = [t for t in threading.enumerate() if t.name == "press-emulator-transport" and t not in before]
    assert loop_threads
    assert all(t.daemon for t in loop_threads), "a daemon thread never blocks interpreter exit"
    client.close()
    for thread in loop_threads:
        thread.join(5)
        assert not thread.is_alive()
