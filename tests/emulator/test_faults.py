"""Fault injection over real HTTP: latency, 429/5xx, dropped connections, truncated bodies; rate, seed, times, after."""

from __future__ import annotations

import time

import httpx
import pytest

from press_blocks.emulator import Emulator, FaultRule, RunningEmulator
from tests.emulator._payloads import create_spec, deployment_body, form, post_form, spec_body
from tests.emulator.conftest import checked_client

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]


def test_faults_are_off_by_default(server: RunningEmulator, client: httpx.Client) -> None:
    assert client.get("/_emulator/faults").json() == {"seed": 0, "rules": []}
    for _ in range(20):
        assert client.get("/v1/blocks/specs/").status_code == 200
    assert all(r.fault is None for r in server.requests.records())


def test_latency_on_one_operation(server: RunningEmulator, client: httpx.Client) -> None:
    server.faults.add(FaultRule(kind="latency", operation_id="listSpecs", latency=0.3))
    started = time.monotonic()
    assert client.get("/v1/blocks/specs/").status_code == 200
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    assert client.get("/v1/blocks/deployments/").status_code == 200
    assert time.monotonic() - started < 0.3
    assert [r.fault for r in server.requests.records()] == ["latency:0.3s", None]


def test_429_and_5xx_with_and_without_retry_after(server: RunningEmulator, client: httpx.Client) -> None:
    server.faults.set(
        [
            FaultRule(kind="status", status=429, operation_id="listSpecs", times=1),
            FaultRule(kind="status", status=503, retry_after=7, operation_id="listSpecs", times=1),
            FaultRule(kind="status", status=500, operation_id="listSpecs", times=1),
        ]
    )
    throttled = client.get("/v1/blocks/specs/")
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "1"
    assert throttled.json() == {"statusCode": 429, "message": "Too Many Requests", "detail": "Injected fault"}
    unavailable = client.get("/v1/blocks/specs/")
    assert unavailable.status_code == 503
    assert unavailable.headers["retry-after"] == "7"
    failed = client.get("/v1/blocks/specs/")
    assert failed.status_code == 500
    assert "retry-after" not in failed.headers
    assert client.get("/v1/blocks/specs/").status_code == 200, "every rule is spent"
    assert [r.fault for r in server.requests.records()] == ["status:429", "status:503", "status:500", None]


def test_a_dropped_connection_before_the_handler_changes_nothing(server: RunningEmulator, client: httpx.Client) -> None:
    spec_id = create_spec(client)
    server.faults.add(FaultRule(kind="drop", operation_id="createDeployment", times=1))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v1/blocks/deployments/", json=deployment_body(spec_id))
    assert client.get("/v1/blocks/deployments/").json()["deploymentCount"] == 0
    assert client.post("/v1/blocks/deployments/", json=deployment_body(spec_id)).status_code == 201
    assert client.get("/v1/blocks/deployments/").json()["deploymentCount"] == 1
    assert server.requests.count(operation_id="createDeployment") == 2


def test_a_drop_after_the_handler_leaves_the_write_done(server: RunningEmulator, client: httpx.Client) -> None:
    spec_id = create_spec(client)
    body = deployment_body(spec_id, name="ambiguous")
    server.faults.add(FaultRule(kind="drop", operation_id="createDeployment", when="after", times=1))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v1/blocks/deployments/", json=body)
    # The create happened; a blind retry is now a duplicate, which the API refuses.
    assert client.get("/v1/blocks/deployments/").json()["deploymentCount"] == 1
    assert client.post("/v1/blocks/deployments/", json=body).status_code == 409
    assert server.requests.records()[-3].fault == "drop@after"
    assert server.requests.records()[-3].status is None, "nothing was sent"


def test_a_5xx_after_the_handler(server: RunningEmulator, client: httpx.Client) -> None:
    server.faults.add(FaultRule(kind="status", status=502, method="POST", path="/v1/blocks/specs/", when="after"))
    spec = post_form(client, "/v1/blocks/specs/", form(spec_body()))
    assert spec.status_code == 502
    assert client.get("/v1/blocks/specs/").json()["specCount"] == 1


def test_truncated_bodies(server: RunningEmulator, client: httpx.Client) -> None:
    spec_id = create_spec(client)
    server.faults.set(
        [
            FaultRule(kind="truncate", path=f"/v1/blocks/specs/{spec_id}", times=1),
            FaultRule(kind="truncate", operation_id="describeSpec", when="after", times=1),
        ]
    )
    for _ in range(2):
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(f"/v1/blocks/specs/{spec_id}")
    with httpx.Client(base_url=server.base_url, headers={"Authorization": "t"}) as raw:
        server.faults.add(FaultRule(kind="truncate", operation_id="describeSpec", when="after", times=1))
        with raw.stream("GET", f"/v1/blocks/specs/{spec_id}") as streamed:
            assert streamed.status_code == 200
            declared = int(streamed.headers["content-length"])
            received: list[bytes] = []
            with pytest.raises(httpx.RemoteProtocolError):
                received.extend(streamed.iter_bytes())
            assert 0 < len(b"".join(received)) < declared
    assert client.get(f"/v1/blocks/specs/{spec_id}").status_code == 200


def test_rules_match_by_method_and_path_template(server: RunningEmulator, client: httpx.Client) -> None:
    server.faults.add(FaultRule(kind="status", status=503, method="GET", path="/v1/blocks/specs/{specId}"))
    assert client.get("/v1/blocks/specs/").status_code == 200
    assert client.get("/v1/blocks/specs/abc").status_code == 503
    assert client.delete("/v1/blocks/specs/abc").status_code == 404
    assert client.get("/v1/nothing").status_code == 404, "unknown routes are never faulted"


def pattern(seed: int, count: int = 40) -> list[int]:
    emulator = Emulator(faults=[FaultRule(kind="status", status=503, rate=0.3)], fault_seed=seed)
    with emulator.serve() as server, checked_client(server.base_url) as http:
        return [http.get("/v1/blocks/specs/").status_code for _ in range(count)]


def test_rate_based_faults_are_deterministic_for_a_seed() -> None:
    first, again, other = pattern(11), pattern(11), pattern(12)
    assert first == again
    assert first != other
    assert 3 <= first.count(503) <= 25
    assert set(first) == {200, 503}


def test_times_limits_hits_and_get_reports_them(server: RunningEmulator, client: httpx.Client) -> None:
    put = client.put(
        "/_emulator/faults",
        json={"seed": 5, "rules": [{"kind": "status", "status": 500, "operationId": "listDeployments", "times": 2}]},
    )
    assert put.status_code == 200
    assert [client.get("/v1/blocks/deployments/").status_code for _ in range(4)] == [500, 500, 200, 200]
    state = client.get("/_emulator/faults").json()
    assert state["seed"] == 5
    assert state["rules"][0]["hits"] == 2
    # Answered in the API's spelling, the one the request used.
    assert state["rules"][0]["operationId"] == "listDeployments"
    assert "operation_id" not in state["rules"][0]
    assert "retryAfter" in state["rules"][0]
    assert client.delete("/_emulator/faults").json()["rules"] == []
    assert server.faults.rules == []


@pytest.mark.parametrize(
    "body",
    [
        {"rules": [{"kind": "explode"}]},
        {"rules": [{"kind": "status", "status": 404}]},
        {"rules": [{"kind": "drop", "rate": 2}]},
        {"rules": [{"kind": "drop", "color": "red"}]},
        {"rules": [{"status": 500}]},
        {"rules": "all"},
        {"seed": "x", "rules": []},
        {"rules": [{"kind": "drop", "operationId": "listSpecs", "operation_id": "describeSpec"}]},
    ],
)
def test_bad_fault_configurations_are_400(client: httpx.Client, body: object) -> None:
    response = client.put("/_emulator/faults", json=body)
    assert response.status_code == 400
    assert response.json()["statusCode"] == 400


def test_in_process_drops_and_truncations_raise_remote_protocol_errors() -> None:
    emulator = Emulator(faults=[FaultRule(kind="drop", times=1), FaultRule(kind="truncate", times=1)])
    with httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": "t"}
    ) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="dropped"):
            client.get("/v1/blocks/specs/")
        with pytest.raises(httpx.RemoteProtocolError, match="truncated"):
            client.get("/v1/blocks/specs/")
        assert client.get("/v1/blocks/specs/").status_code == 200


def test_fault_rules_round_trip_through_their_json_form() -> None:
    rule = FaultRule(kind="status", status=503, operation_id="listSpecs", retry_after=2, times=1)
    data = rule.to_dict()
    assert data["operationId"] == "listSpecs"
    assert data["retryAfter"] == 2
    assert FaultRule.from_dict(data) == rule
    assert FaultRule.from_dict({"kind": "status", "status": 503, "operation_id": "listSpecs", "retry_after": 2}) == (
        FaultRule(kind="status", status=503, operation_id="listSpecs", retry_after=2)
    )
