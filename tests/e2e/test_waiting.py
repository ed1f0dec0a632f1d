"""wait_for_deployment / wait_for_revision against the emulator's describes:N and seconds:T transitions, sync and async.

Failures and warnings are the emulator's own outcomes (``describes:2->failed``), transient
failures its faults. A transport that rewrites describe answers is left for what the emulator
never sends: a deletion failure and the service's top-level ``resourceErrors``.
"""

from __future__ import annotations

import itertools
import json
import time
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from press_blocks import (
    DeploymentFailedError,
    DeploymentWarning,
    DryRun,
    InvalidArgumentError,
    NotFoundException,
    RetryPolicy,
    WaitTimeoutError,
)
from press_blocks.emulator import FaultRule, InProcessEmulator
from press_blocks.emulator._lifecycle import OUTCOMES
from tests.e2e._drive import Driver, deploy

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

FAST = {"poll_interval": 0.01, "max_poll_interval": 0.05, "progress": False}
# Every outcome the emulator can end a revision in that a wait reports as a failure.
FAILURES = [outcome for outcome in OUTCOMES if outcome not in ("deployed", "warning")]


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, press_emulator: InProcessEmulator) -> Iterator[Driver]:
    with Driver(request.param, press_emulator) as made:
        yield made


def test_waits_through_describes_n_and_returns_the_deployed_description(
    driver: Driver, press_emulator: InProcessEmulator
) -> None:
    press_emulator.set_transition("describes:3")
    deployment_id = deploy(driver)
    seen: list[tuple[str, float]] = []
    described = driver.run(
        driver.client.wait_for_deployment(
            deployment_id,
            timeout=10,
            progress=lambda s, e: seen.append((s, e)),
            **{k: v for k, v in FAST.items() if k != "progress"},
        )
    )
    assert described["id"] == deployment_id
    assert described["metadata"]["status"] == "deployed"
    assert [status for status, _ in seen] == ["deploying", "deploying", "deploying", "deployed"]
    assert all(b >= a >= 0 for (_, a), (_, b) in itertools.pairwise(seen))
    assert press_emulator.requests.count(operation_id="describeDeployment") == 4


def test_waits_through_seconds_t(driver: Driver, press_emulator: InProcessEmulator) -> None:
    press_emulator.set_transition("seconds:0.3")
    started = time.monotonic()  # before the revision's own clock starts, inside deploy()
    deployment_id = deploy(driver)
    described = driver.run(driver.client.wait_for_deployment(deployment_id, timeout=10, **FAST))
    assert described["latestRevision"]["status"] == "deployed"
    assert time.monotonic() - started >= 0.3
    assert press_emulator.requests.count(operation_id="describeDeployment") >= 2


def test_wait_for_revision(driver: Driver, press_emulator: InProcessEmulator) -> None:
    deployment_id = deploy(driver)
    press_emulator.set_transition("describes:2")
    revision = driver.run(driver.client.create_deployment_revision(deployment_id, {"revision": {"notes": "second"}}))
    described = driver.run(driver.client.wait_for_revision(deployment_id, revision["revision"], timeout=10, **FAST))
    assert described["revision"] == 2
    assert described["status"] == "deployed"
    assert press_emulator.requests.count(operation_id="describeDeploymentRevision") == 3


def test_a_superseded_revision_is_settled(driver: Driver, press_emulator: InProcessEmulator) -> None:
    press_emulator.set_transition("describes:50")
    deployment_id = deploy(driver)
    press_emulator.set_transition("immediate")
    driver.run(driver.client.create_deployment_revision(deployment_id, {"revision": {"notes": "second"}}))
    driver.run(driver.client.wait_for_revision(deployment_id, 2, timeout=10, **FAST))
    described = driver.run(driver.client.wait_for_revision(deployment_id, "1", timeout=10, **FAST))
    assert described["status"] == "superseded"


def test_the_deadline_raises_wait_timeout_with_the_last_status(
    driver: Driver, press_emulator: InProcessEmulator
) -> None:
    press_emulator.set_transition("describes:1000")
    deployment_id = deploy(driver)
    started = time.monotonic()
    with pytest.raises(WaitTimeoutError) as caught:
        driver.run(driver.client.wait_for_deployment(deployment_id, timeout=0.3, **FAST))
    waited = time.monotonic() - started
    assert 0.3 <= waited < 5
    error = caught.value
    assert isinstance(error, TimeoutError)
    assert error.status == "deploying"
    assert error.deployment_id == deployment_id
    assert 0.3 <= error.elapsed <= waited
    assert "deploying" in str(error)
    assert "0.3" in str(error)


def test_every_failure_the_client_knows_is_one_the_emulator_can_end_in_or_a_deletion() -> None:
    from press_blocks import _constants

    assert set(FAILURES) | {"delete_failed"} == _constants.DEPLOYMENT_FAILURE_STATUSES


@pytest.mark.parametrize("status", FAILURES)
def test_a_failure_status_raises_with_the_resources(
    driver: Driver, press_emulator: InProcessEmulator, status: str
) -> None:
    press_emulator.set_transition(f"describes:2->{status}")
    deployment_id = deploy(driver)
    seen: list[str] = []
    with pytest.raises(DeploymentFailedError) as caught:
        driver.run(
            driver.client.wait_for_deployment(
                deployment_id,
                timeout=10,
                progress=lambda s, _: seen.append(s),
                **{k: v for k, v in FAST.items() if k != "progress"},
            )
        )
    error = caught.value
    assert seen == ["deploying", "deploying", status]
    assert error.status == status
    assert (error.deployment_id, error.revision) == (deployment_id, None)
    assert error.description["id"] == deployment_id
    assert error.description["metadata"]["status"] == status
    (resource,) = error.platform_resources
    assert resource["status"] == status
    (reason,) = error.resource_errors
    assert reason["message"] == f"this resource ended in {status} (emulated by the transition describes:2->{status})"
    assert str(error) == (
        f"Deployment {deployment_id} did not deploy: its status is {status!r}. Resource errors: {reason['message']}."
    )
    assert press_emulator.requests.count(operation_id="describeDeployment") == 3


def test_a_failed_revision_raises_and_the_one_before_still_runs(
    driver: Driver, press_emulator: InProcessEmulator
) -> None:
    deployment_id = deploy(driver)
    press_emulator.set_transition("describes:1->rollback_complete")
    revision = driver.run(driver.client.create_deployment_revision(deployment_id, {"revision": {"notes": "bad"}}))
    with pytest.raises(DeploymentFailedError) as caught:
        driver.run(driver.client.wait_for_revision(deployment_id, revision["revision"], timeout=10, **FAST))
    assert (caught.value.revision, caught.value.status) == (2, "rollback_complete")
    assert caught.value.description["status"] == "rollback_complete"
    assert "rollback_complete" in caught.value.resource_errors[0]["message"]
    assert driver.run(driver.client.wait_for_revision(deployment_id, 1, timeout=10, **FAST))["status"] == "deployed"
    # Redeploying retries the failed revision's release; with the transition back to deployed, it deploys.
    press_emulator.set_transition("describes:1")
    driver.run(driver.client.redeploy(deployment_id))
    described = driver.run(driver.client.wait_for_deployment(deployment_id, timeout=10, **FAST))
    assert (described["metadata"]["status"], described["latestRevision"]["revision"]) == ("deployed", 3)


def test_a_deletion_failure_raises_with_the_services_resources(press_emulator: InProcessEmulator) -> None:
    """delete_failed: the emulator deletes at once, so a transport rewrites its answers."""
    press_emulator.set_transition("describes:1000")
    resources = [
        {
            "id": "r1",
            "kind": "workflow",
            "name": "load",
            "status": "delete_failed",
            "errors": [{"code": 500, "message": "OOM"}],
        }
    ]
    rewrite = FailAfter(press_emulator.transport, describes=2, status="delete_failed", resources=resources)
    with Driver("sync", press_emulator, transport=rewrite) as driver:
        deployment_id = deploy(driver)
        with pytest.raises(DeploymentFailedError) as caught:
            driver.run(driver.client.wait_for_deployment(deployment_id, timeout=10, **FAST))
    error = caught.value
    assert error.status == "delete_failed"
    assert error.platform_resources == resources
    assert error.resource_errors == [{"code": 500, "message": "OOM"}]
    assert "OOM" in str(error)
    assert rewrite.describes == 3


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_top_level_resource_errors_are_read_too(press_emulator: InProcessEmulator, mode: str) -> None:
    """The service may send ``resourceErrors`` beside the revision; the emulator does not, so a transport adds it."""
    press_emulator.set_transition("describes:1000")
    inner = press_emulator.transport if mode == "sync" else press_emulator.async_transport
    rewrite = FailAfter(inner, describes=0, status="rollback_complete", top_level_errors=[{"message": "bad image"}])
    with Driver(mode, press_emulator, transport=rewrite) as driver:
        deployment_id = deploy(driver)
        with pytest.raises(DeploymentFailedError) as caught:
            driver.run(driver.client.wait_for_revision(deployment_id, 1, timeout=10, **FAST))
    assert caught.value.revision == 1
    assert caught.value.status == "rollback_complete"
    assert caught.value.resource_errors == [{"message": "bad image"}]


def test_warning_is_returned_and_reported(driver: Driver, press_emulator: InProcessEmulator) -> None:
    press_emulator.set_transition("describes:1->warning")
    deployment_id = deploy(driver)
    with pytest.warns(DeploymentWarning, match=f"deployment {deployment_id} settled with status 'warning'"):
        described = driver.run(driver.client.wait_for_deployment(deployment_id, timeout=10, **FAST))
    assert described["metadata"]["status"] == "warning"
    assert described["latestRevision"]["status"] == "deployed"
    assert "warning" in described["latestRevision"]["resources"][0]["errors"][0]["message"]
    assert press_emulator.requests.count(operation_id="describeDeployment") == 2
    # The revision itself deployed (a revision has no warning status): its wait returns quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeploymentWarning)
        revision = driver.run(driver.client.wait_for_revision(deployment_id, 1, timeout=10, **FAST))
    assert revision["status"] == "deployed"


def test_transient_failures_are_ridden_out_even_without_retries(
    driver: Driver, press_emulator: InProcessEmulator
) -> None:
    """503s and a dropped connection on the describes: each poll fails once (max_retries=0), the wait goes on."""
    press_emulator.set_transition("describes:2")
    deployment_id = deploy(driver)
    press_emulator.faults.add(FaultRule(kind="status", status=503, operation_id="describeDeployment", times=2))
    press_emulator.faults.add(FaultRule(kind="drop", operation_id="describeDeployment", times=1))
    client = driver.client.with_options(max_retries=0)
    described = driver.run(client.wait_for_deployment(deployment_id, timeout=20, **FAST))
    assert described["metadata"]["status"] == "deployed"
    assert press_emulator.requests.count(operation_id="describeDeployment") == 6


def test_retry_after_sets_the_next_poll(driver: Driver, press_emulator: InProcessEmulator) -> None:
    press_emulator.set_transition("describes:1")
    deployment_id = deploy(driver)
    press_emulator.faults.add(
        FaultRule(kind="status", status=429, retry_after=1, operation_id="describeDeployment", times=1)
    )
    client = driver.client.with_options(max_retries=0)
    started = time.monotonic()
    driver.run(client.wait_for_deployment(deployment_id, timeout=20, **FAST))
    assert time.monotonic() - started >= 1.0  # polls alone would take ~0.02 s


def test_errors_that_are_not_transient_end_the_wait(driver: Driver) -> None:
    with pytest.raises(NotFoundException):
        driver.run(driver.client.wait_for_deployment("no-such-deployment", timeout=10, **FAST))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": -1}, "timeout"),
        ({"poll_interval": "1"}, "poll_interval"),
        ({"progress": 3}, "progress"),
    ],
)
def test_bad_wait_arguments(driver: Driver, options: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        driver.run(driver.client.wait_for_deployment("d", **{**FAST, **options}))


def test_the_polls_back_off_with_jitter_from_the_retry_policy() -> None:
    from press_blocks._waiting import Waiter

    policy = RetryPolicy()
    waiter = Waiter("d", None, policy=policy, timeout=1000, poll_interval=1, max_poll_interval=8, progress=False)
    delays = []
    for _ in range(6):
        waiter.settled({"metadata": {"status": "deploying"}})
        delays.append(waiter.next_delay())
    ceilings = [1, 2, 4, 8, 8, 8]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True)), delays
    assert len(set(delays)) == len(delays)  # jittered


def test_a_dry_run_wait_describes_the_first_poll(driver: Driver, press_emulator: InProcessEmulator) -> None:
    result = driver.run(driver.client.with_options(dry_run=True).wait_for_deployment("d-1", timeout=5, **FAST))
    assert isinstance(result, DryRun)
    assert result.url.endswith("/v1/blocks/deployments/d-1")
    assert result.then is not None
    assert len(press_emulator.requests) == 0


class FailAfter(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers describes as the emulator does, but after ``describes`` of them reports ``status`` instead."""

    def __init__(
        self,
        inner: Any,
        *,
        describes: int,
        status: str,
        resources: list[dict[str, Any]] | None = None,
        top_level_errors: list[dict[str, Any]] | None = None,
    ) -> None:
        self.inner = inner
        self.after = describes
        self.status = status
        self.resources = resources
        self.top_level_errors = top_level_errors
        self.describes = 0

    def _rewrite(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if request.method != "GET" or "/deployments/" not in request.url.path or response.status_code != 200:
            return response
        self.describes += 1
        if self.describes <= self.after:
            return response
        body = json.loads(response.content)
        revision = body if "/revisions/" in request.url.path else body["latestRevision"]
        revision["status"] = self.status
        if "metadata" in body:
            body["metadata"]["status"] = self.status
        if self.resources is not None:
            revision["resources"] = self.resources
        if self.top_level_errors is not None:
            body["resourceErrors"] = self.top_level_errors
        return httpx.Response(200, json=body, request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return self._rewrite(request, response)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        return self._rewrite(request, response)

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


def test_warnings_filter_does_not_hide_the_return(press_emulator: InProcessEmulator) -> None:
    """With warnings turned into errors, a 'warning' wait raises the DeploymentWarning (the caller asked for that)."""
    press_emulator.set_transition("immediate->warning")
    with Driver("sync", press_emulator) as driver, warnings.catch_warnings():
        deployment_id = deploy(driver)
        warnings.simplefilter("error", DeploymentWarning)
        with pytest.raises(DeploymentWarning):
            driver.run(driver.client.wait_for_deployment(deployment_id, timeout=10, **FAST))


def test_a_retry_after_on_a_successful_describe_paces_the_polls() -> None:
    from press_blocks._waiting import Waiter

    waiter = Waiter("d", None, policy=RetryPolicy(), timeout=100, poll_interval=1, max_poll_interval=8, progress=False)
    request = httpx.Request("GET", "https://press.example.test/v1/blocks/deployments/d")
    waiter.observe(request, httpx.Response(200, headers={"Retry-After": "7"}, request=request), {}, 0.01)
    waiter.settled({"metadata": {"status": "deploying"}})
    assert waiter.next_delay() == 7.0
    waiter.observe(request, httpx.Response(200, headers={"Retry-After": "600"}, request=request), {}, 0.01)
    assert waiter.next_delay() <= 8  # beyond max_retry_after: ignored, the backoff decides


def test_the_default_progress_is_a_spinner_when_watched(
    press_emulator: InProcessEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from press_blocks import _progress

    bars: list[FakeBar] = []

    def factory(**options: Any) -> FakeBar:
        bars.append(FakeBar(options))
        return bars[-1]

    monkeypatch.setattr(_progress, "_tqdm_if_watched", lambda: factory)
    press_emulator.set_transition("describes:1")
    with Driver("sync", press_emulator) as driver:
        deployment_id = deploy(driver)
        driver.client.wait_for_deployment(deployment_id, timeout=10, poll_interval=0.01, max_poll_interval=0.02)
        (bar,) = bars
        assert bar.options["total"] is None
        assert deployment_id in bar.options["desc"]
        assert bar.postfixes == ["deploying", "deployed"]
        assert bar.closed
        bars.clear()
        driver.client.wait_for_deployment(deployment_id, timeout=10, progress=False)
        assert bars == []


class FakeBar:
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.postfixes: list[str] = []
        self.closed = False

    def set_postfix_str(self, text: str) -> None:
        self.postfixes.append(text)

    def close(self) -> None:
        self.closed = True


def test_the_wait_errors_pickle_and_keep_their_fields() -> None:
    import pickle

    described = {"id": "d", "latestRevision": {"resources": [{"id": "r", "errors": [{"message": "OOM"}]}]}}
    failed = pickle.loads(pickle.dumps(DeploymentFailedError("d", None, "failed", described)))
    assert (failed.status, failed.resource_errors, str(failed)) == (
        "failed",
        [{"message": "OOM"}],
        "Deployment d did not deploy: its status is 'failed'. Resource errors: OOM.",
    )
    late = pickle.loads(pickle.dumps(WaitTimeoutError("d", 2, "deploying", 3.25, 3.0)))
    assert (late.revision, late.status, late.elapsed, late.timeout) == (2, "deploying", 3.25, 3.0)
    assert str(late).startswith("Revision 2 of deployment d had not settled after 3.2s")
