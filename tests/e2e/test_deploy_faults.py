"""``press_blocks.deploy`` under races and faults, against the emulator served on loopback.

Two applies at once create each resource once (a 409 or 422 is re-read and converged on); a
failure half way leaves a state that a re-run completes, with no duplicate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from press_blocks import APIConnectionError, Block, InternalServerErrorException, RetryPolicy, Session
from press_blocks import deploy as deploy_module
from press_blocks.emulator import FaultRule, RunningEmulator
from tests.e2e.test_deploy import KEY, deployment_request, spec_request

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]


def _client(server: RunningEmulator) -> Block:
    policy = RetryPolicy(initial_delay=0.05, max_delay=0.2)
    return Block(Session(auth_token="t0ken-faults", base_url=server.base_url, retry_policy=policy))


@pytest.fixture
def artifact(tmp_path: Path) -> Path:
    directory = tmp_path / "block"
    directory.mkdir()
    (directory / "main.py").write_text("print('one')\n", encoding="utf-8")
    return directory


def _counts(server: RunningEmulator) -> tuple[int, int]:
    with _client(server) as client:
        specs = client.list_specs(return_iterator=False)["specCount"]
        deployments = client.list_deployments(return_iterator=False)["deploymentCount"]
    return specs, deployments


def _race(server: RunningEmulator, run: Callable[[Block], Any], racers: int = 2) -> list[Any]:
    outcomes: list[Any] = [None] * racers
    start = threading.Barrier(racers)

    def worker(index: int) -> None:
        with _client(server) as client:
            start.wait(timeout=10)
            try:
                outcomes[index] = run(client)
            except Exception as exc:  # the test reports what each racer got
                outcomes[index] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("racers", [2, 3])
def test_racing_applies_leave_one_spec_and_one_deployment(server: RunningEmulator, artifact: Path, racers: int) -> None:
    # Each list is answered 1 s after the state was read ("after"): every racer that starts in that
    # window sees nothing and creates; the losers get a 409.
    for operation in ("listSpecs", "listDeployments"):
        server.faults.add(FaultRule(kind="latency", operation_id=operation, latency=1.0, times=racers, when="after"))
    source = [spec_request(artifact), deployment_request()]
    outcomes = _race(server, lambda client: deploy_module.apply(client, source, key=KEY), racers)
    assert all(isinstance(o, deploy_module.ApplyResult) for o in outcomes), outcomes
    assert _counts(server) == (1, 1)
    # At least two racers created at once (a third may start after the 1 s window on a loaded machine).
    assert server.requests.count(operation_id="createSpec") >= 2
    assert server.requests.count(operation_id="createDeployment") >= 2
    ids = {tuple(r["id"] for r in o.to_dict()["resources"]) for o in outcomes}
    assert len(ids) == 1
    with _client(server) as client:
        assert not deploy_module.plan(client, source, key=KEY).changes


def test_two_racing_releases_publish_it_once(server: RunningEmulator, artifact: Path) -> None:
    with _client(server) as client:
        deploy_module.apply(client, [spec_request(artifact)], key=KEY)
    server.faults.add(FaultRule(kind="latency", operation_id="describeSpec", latency=1.0, times=2, when="after"))
    source = [spec_request(artifact, "1.1.0")]
    outcomes = _race(server, lambda client: deploy_module.apply(client, source, key=KEY))
    assert all(isinstance(o, deploy_module.ApplyResult) for o in outcomes), outcomes
    assert sorted(o.to_dict()["resources"][0]["actions"][0] for o in outcomes) == ["released", "unchanged"]
    assert server.requests.count(operation_id="createSpecRelease") == 2  # the loser's got a 422
    with _client(server) as client:
        releases = client.list_spec_releases(outcomes[0].resources[0]["id"], return_iterator=False)
    assert releases["releaseCount"] == 2


def test_a_500_after_the_spec_was_created_is_completed_by_a_rerun(server: RunningEmulator, artifact: Path) -> None:
    server.faults.add(FaultRule(kind="status", status=500, operation_id="createSpec", when="after", times=1))
    source = [spec_request(artifact), deployment_request()]
    with _client(server) as client:
        with pytest.raises(InternalServerErrorException):
            deploy_module.apply(client, source, key=KEY)
        assert _counts(server) == (1, 0)
        rerun = deploy_module.apply(client, source, key=KEY).to_dict()
    assert [r["actions"] for r in rerun["resources"]] == [["unchanged"], ["created"]]
    assert _counts(server) == (1, 1)


def test_a_connection_lost_after_a_release_is_completed_by_a_rerun(server: RunningEmulator, artifact: Path) -> None:
    source = [spec_request(artifact), deployment_request()]
    with _client(server) as client:
        deploy_module.apply(client, source, key=KEY)
        server.faults.add(FaultRule(kind="drop", operation_id="createSpecRelease", when="after", times=1))
        bumped = [spec_request(artifact, "1.1.0"), deployment_request("1.1.0")]
        with pytest.raises(APIConnectionError):
            deploy_module.apply(client, bumped, key=KEY)
        rerun = deploy_module.apply(client, bumped, key=KEY).to_dict()
        assert [r["actions"] for r in rerun["resources"]] == [["unchanged"], ["revised"]]
        assert not deploy_module.plan(client, bumped, key=KEY).changes
        releases = client.list_spec_releases(rerun["resources"][0]["id"], return_iterator=False)
    assert releases["releaseCount"] == 2
    assert _counts(server) == (1, 1)


def test_build_metadata_does_not_order_versions(server: RunningEmulator, artifact: Path) -> None:
    with _client(server) as client:
        deploy_module.apply(client, [spec_request(artifact, "1.0.0+b1")], key=KEY)
        with pytest.raises(deploy_module.DeployRefusedError) as refused:
            deploy_module.plan(client, [spec_request(artifact, "1.0.0+b2")], key=KEY)
        assert "1.0.0+b2 has the same precedence as the latest release 1.0.0+b1" in str(refused.value)
        # The same text is the same release: unchanged, not a 404.
        assert not deploy_module.plan(client, [spec_request(artifact, "1.0.0+b1")], key=KEY).changes
