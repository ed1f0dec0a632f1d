"""Resilience against the emulator's fault modes, for the sync and async clients, over loopback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from press_blocks import (
    APIConnectionError,
    APITimeoutError,
    InternalServerErrorException,
    TooManyRequestsException,
)
from press_blocks.demo._notebook_flow import write_artifact_dir
from press_blocks.emulator import Emulator, FaultRule, RunningEmulator

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

WORKFLOW = {
    "version": "1",
    "kind": "workflow",
    "metadata": {"name": "faulty", "summary": "A spec for fault tests."},
    "release": {"version": "1.0.0", "notes": "first"},
    "config": {"steps": {"s": {"type": "standard", "imageDetails": {"id": 1, "versionId": 1}, "command": "run"}}},
}


def _spec(client: Any) -> str:
    spec_id: str = client.create_spec(dict(WORKFLOW))["id"]
    return spec_id


def _deployment_body(spec_id: str, name: str = "dep") -> dict[str, Any]:
    return {
        "metadata": {"name": name, "summary": "fault test"},
        "revision": {"notes": "first"},
        "spec": {"id": spec_id},
    }


def test_an_ambiguous_post_failure_is_not_retried(
    emulator: Emulator, server: RunningEmulator, client_factory: Callable[..., Any]
) -> None:
    client = client_factory(server.base_url)
    spec_id = _spec(client)
    # The service creates the deployment, then the connection drops before the answer.
    server.faults.add(FaultRule(kind="drop", operation_id="createDeployment", when="after", times=1))
    with pytest.raises(APIConnectionError) as caught:
        client.create_deployment(_deployment_body(spec_id))
    assert caught.value.method == "POST"
    assert server.requests.count(operation_id="createDeployment") == 1
    assert client.list_deployments(return_iterator=False)["deploymentCount"] == 1


def test_a_503_with_retry_after_is_honoured_even_for_post(
    server: RunningEmulator, client_factory: Callable[..., Any]
) -> None:
    client = client_factory(server.base_url)
    spec_id = _spec(client)
    server.faults.add(FaultRule(kind="status", status=503, retry_after=1, operation_id="createDeployment", times=1))
    started = time.monotonic()
    created = client.create_deployment(_deployment_body(spec_id))
    elapsed = time.monotonic() - started
    assert created["id"]
    assert elapsed >= 0.9, "the client did not wait for Retry-After"
    assert server.requests.count(operation_id="createDeployment") == 2
    assert client.list_deployments(return_iterator=False)["deploymentCount"] == 1


def test_a_hung_server_times_out(server: RunningEmulator, client_factory: Callable[..., Any]) -> None:
    client = client_factory(server.base_url, timeout=0.3, max_retries=1)
    spec_id = _spec(client)
    server.faults.add(FaultRule(kind="latency", latency=5.0, operation_id="describeSpec"))
    started = time.monotonic()
    with pytest.raises(APITimeoutError) as caught:
        client.describe_spec(spec_id)
    assert time.monotonic() - started < 3.0
    assert caught.value.method == "GET"
    assert spec_id in caught.value.url
    # A GET is safe to repeat: one retry, then the typed error.
    assert server.requests.count(operation_id="describeSpec") == 2


def test_a_multipart_retry_resends_the_whole_body(
    emulator: Emulator, server: RunningEmulator, client_factory: Callable[..., Any], tmp_path: Path
) -> None:
    client = client_factory(server.base_url)
    artifact_dir = write_artifact_dir(tmp_path / "ctx")
    server.faults.add(FaultRule(kind="status", status=503, retry_after=0, operation_id="createSpec", times=1))
    created = client.create_spec(dict(WORKFLOW), artifact={"path": str(artifact_dir)}, featured=True)
    attempts = [r for r in server.requests if r.operation_id == "createSpec"]
    assert [r.status for r in attempts] == [503, 201]
    assert attempts[0].body_size == attempts[1].body_size > 500
    described = client.describe_spec(created["id"])
    assert described["latestRelease"]["artifact"]["id"]


def test_exhausted_retries_raise_the_typed_error(server: RunningEmulator, client_factory: Callable[..., Any]) -> None:
    client = client_factory(server.base_url, max_retries=2)
    spec_id = _spec(client)
    server.faults.add(FaultRule(kind="status", status=503, retry_after=0, operation_id="describeSpec"))
    with pytest.raises(InternalServerErrorException) as caught:
        client.describe_spec(spec_id)
    assert caught.value.status_code == 503
    assert server.requests.count(operation_id="describeSpec") == 3
    server.faults.clear()
    server.faults.add(FaultRule(kind="status", status=429, retry_after=0, operation_id="listSpecs"))
    with pytest.raises(TooManyRequestsException):
        client.list_specs(return_iterator=False)
    assert server.requests.count(operation_id="listSpecs") == 3


@pytest.mark.parametrize("kind", ["drop", "truncate"])
def test_a_broken_get_is_retried_and_succeeds(
    server: RunningEmulator, client_factory: Callable[..., Any], kind: str
) -> None:
    client = client_factory(server.base_url)
    spec_id = _spec(client)
    server.faults.add(FaultRule(kind=kind, operation_id="describeSpec", times=1))  # type: ignore[arg-type]
    assert client.describe_spec(spec_id)["id"] == spec_id
    assert server.requests.count(operation_id="describeSpec") == 2


def test_a_truncated_post_answer_is_not_retried(server: RunningEmulator, client_factory: Callable[..., Any]) -> None:
    client = client_factory(server.base_url)
    spec_id = _spec(client)
    server.faults.add(FaultRule(kind="truncate", operation_id="redeploy", when="after", times=1))
    client.create_deployment(_deployment_body(spec_id))
    deployment = next(client.list_deployments())
    with pytest.raises(APIConnectionError):
        client.redeploy(deployment["id"])
    assert server.requests.count(operation_id="redeploy") == 1
    revisions = client.list_deployment_revisions(deployment["id"], return_iterator=False)
    assert revisions["revisionCount"] == 2  # the redeploy happened once, never twice
