"""Revision lifecycle over real HTTP: deploying, then an outcome (at once, after N describes, after T seconds).

The outcome is ``deployed`` unless the transition names another (``describes:2->failed``).
"""

from __future__ import annotations

import time

import httpx
import pytest

from press_blocks.emulator import Emulator, RunningEmulator, Transition
from press_blocks.emulator._lifecycle import OUTCOMES
from tests.emulator._contract_check import document
from tests.emulator._payloads import create_deployment, create_spec

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

EMPTY_JSON = {"Content-Type": "application/json"}


def statuses(client: httpx.Client, deployment_id: str) -> list[str]:
    """The statuses of all revisions, oldest first (a list call: not a describe)."""
    revisions = client.get(f"/v1/blocks/deployments/{deployment_id}/revisions", params={"sort": "createdAt:asc"})
    return [r["status"] for r in revisions.json()["revisions"]]


def describe(client: httpx.Client, deployment_id: str) -> tuple[str, str]:
    body = client.get(f"/v1/blocks/deployments/{deployment_id}").json()
    return body["metadata"]["status"], body["latestRevision"]["status"]


def test_immediate_is_the_default(client: httpx.Client) -> None:
    dep = create_deployment(client, create_spec(client))
    assert statuses(client, dep) == ["deployed"]
    assert describe(client, dep) == ("deployed", "deployed")
    client.post(f"/v1/blocks/deployments/{dep}/revisions", json={})
    assert statuses(client, dep) == ["superseded", "deployed"]


@pytest.mark.press_emulator(transition="describes:2")
def test_describes_n_from_the_constructor(client: httpx.Client) -> None:
    dep = create_deployment(client, create_spec(client))
    assert statuses(client, dep) == ["deploying"]
    assert client.get("/v1/blocks/deployments/", params={"status": "deploying"}).json()["deploymentCount"] == 1
    assert describe(client, dep) == ("deploying", "deploying")
    assert client.get(f"/v1/blocks/deployments/{dep}/revisions/1").json()["status"] == "deploying"
    assert statuses(client, dep) == ["deploying"], "listing is not describing"
    assert describe(client, dep) == ("deployed", "deployed")

    revision = client.post(f"/v1/blocks/deployments/{dep}/revisions", json={}).json()["revision"]
    assert statuses(client, dep) == ["deployed", "deploying"]
    assert describe(client, dep) == ("deploying", "deploying")
    describe(client, dep)
    assert describe(client, dep) == ("deployed", "deployed")
    assert statuses(client, dep) == ["superseded", "deployed"]
    assert revision == 2

    # While a revision deploys, a redeploy is a conflict; once deployed, the redeploy shows as redeploying.
    client.post(f"/v1/blocks/deployments/{dep}/revisions", json={})
    conflict = client.post(f"/v1/blocks/deployments/{dep}/redeploy", content=b"{}", headers=EMPTY_JSON)
    assert conflict.status_code == 409
    for _ in range(3):
        describe(client, dep)
    redeploy = client.post(f"/v1/blocks/deployments/{dep}/redeploy", content=b"{}", headers=EMPTY_JSON)
    assert redeploy.status_code == 201
    assert describe(client, dep) == ("redeploying", "deploying")
    assert client.get("/v1/blocks/deployments/", params={"status": "redeploying"}).json()["deploymentCount"] == 1
    describe(client, dep)
    assert describe(client, dep) == ("deployed", "deployed")
    assert statuses(client, dep) == ["superseded", "superseded", "superseded", "deployed"]


def test_seconds_t_set_through_the_python_api(server: RunningEmulator, client: httpx.Client) -> None:
    server.set_transition("seconds:0.3")
    assert server.emulator.transition == Transition.after_seconds(0.3)
    dep = create_deployment(client, create_spec(client))
    started = time.monotonic()
    assert describe(client, dep) == ("deploying", "deploying")
    deadline = started + 10
    while statuses(client, dep) != ["deployed"]:
        assert time.monotonic() < deadline, "the revision never turned deployed"
        time.sleep(0.05)
    assert time.monotonic() - started >= 0.3
    assert describe(client, dep) == ("deployed", "deployed")


def test_the_transition_control_endpoint(server: RunningEmulator, client: httpx.Client) -> None:
    assert client.get("/_emulator/transition").json() == {"transition": "immediate"}
    assert client.put("/_emulator/transition", json={"transition": "describes:1"}).json() == {
        "transition": "describes:1"
    }
    assert server.emulator.transition == Transition.after_describes(1)
    dep = create_deployment(client, create_spec(client))
    assert describe(client, dep) == ("deploying", "deploying")
    assert describe(client, dep) == ("deployed", "deployed")
    bad = client.put("/_emulator/transition", json={"transition": "sometimes"})
    assert bad.status_code == 400
    assert "transition" in bad.json()["detail"]
    assert client.put("/_emulator/transition", json={"transition": "seconds:0.5->platform_resource_error"}).json() == {
        "transition": "seconds:0.5->platform_resource_error"
    }
    assert server.emulator.transition == Transition.after_seconds(0.5, outcome="platform_resource_error")
    bad = client.put("/_emulator/transition", json={"transition": "immediate->superseded"})
    assert bad.status_code == 400
    assert "rollback_failed" in bad.json()["detail"], "the outcomes are listed"
    # A revision keeps the transition in force when it was created.
    client.put("/_emulator/transition", json={"transition": "immediate"})
    assert statuses(client, dep) == ["deployed"]


def test_transitions_parse_and_print() -> None:
    assert Transition.parse("immediate") == Transition.immediate()
    assert Transition.parse("describes:3") == Transition.after_describes(3)
    assert Transition.parse("seconds:1.5") == Transition.after_seconds(1.5)
    assert str(Transition.parse("seconds:1.5")) == "seconds:1.5"
    assert str(Transition.after_describes(2)) == "describes:2"
    for bad in ("", "describes", "describes:x", "seconds:-1", "describes:1.5", "later:3", "immediate:1", "seconds:nan"):
        with pytest.raises(ValueError, match=r"transition|number|whole|>= 0"):
            Transition.parse(bad)
    assert Transition.after_describes(0).done(elapsed=0, describes=1)
    assert not Transition.after_describes(1).done(elapsed=100, describes=1)
    assert Transition.after_seconds(2).done(elapsed=2, describes=0)


def test_transitions_with_an_outcome_parse_and_print() -> None:
    assert Transition.parse("describes:2->failed") == Transition.after_describes(2, outcome="failed")
    assert Transition.parse("immediate->warning") == Transition.immediate(outcome="warning")
    assert Transition.parse(" seconds:1.5 -> rollback_complete ") == Transition.after_seconds(
        1.5, outcome="rollback_complete"
    )
    assert Transition.parse("describes:2->deployed") == Transition.after_describes(2), "deployed is the default"
    for text in ("describes:2->failed", "immediate->warning", "seconds:1.5->platform_resource_error", "immediate"):
        assert str(Transition.parse(text)) == text
        assert Transition.parse(str(Transition.parse(text))) == Transition.parse(text)
    assert str(Transition.after_describes(2, outcome="deployed")) == "describes:2"
    with pytest.raises(ValueError, match="outcome"):
        Transition("immediate", 0, "superseded")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad",
    [
        "describes:2->",
        "->failed",
        "describes:2->superseded",
        "immediate->deploying",
        "immediate->delete_failed",
        "immediate->failed->warning",
        "describes:x->failed",
        "immediate:1->failed",
    ],
)
def test_a_bad_transition_lists_every_form_and_outcome(bad: str) -> None:
    with pytest.raises(ValueError, match="bad transition") as caught:
        Transition.parse(bad)
    message = str(caught.value)
    assert f"bad transition {bad!r}" in message
    for form in ("immediate", "describes:N", "seconds:T", "->OUTCOME", "describes:2->failed", *OUTCOMES):
        assert form in message, message


def test_a_transition_cut_short_by_the_shell_says_to_quote_it() -> None:
    # `--transition describes:2->failed` unquoted: the shell redirects to a file named "failed".
    with pytest.raises(ValueError, match=r"quote it, e.g. --transition 'describes:2->failed'"):
        Transition.parse("describes:2-")


def test_every_outcome_is_a_settled_status_the_document_allows() -> None:
    schemas = document()["components"]["schemas"]
    deployment_statuses = set(schemas["DeploymentStatus"]["enum"])
    revision_statuses = set(schemas["RevisionStatus"]["enum"])
    # Every status a deployment can settle in once its revision is deployed (not a deletion, not in progress).
    assert set(OUTCOMES) == deployment_statuses - {"deploying", "redeploying", "deleting", "delete_failed"}
    assert OUTCOMES[0] == "deployed"
    for outcome in OUTCOMES:
        transition = Transition.immediate(outcome=outcome)
        assert transition.deployment_status == outcome
        assert transition.revision_status in revision_statuses
    # `warning` is a deployment's status only: the revision itself deployed.
    assert Transition.immediate(outcome="warning").revision_status == "deployed"


def resources(client: httpx.Client, deployment_id: str) -> list[dict[str, object]]:
    resources: list[dict[str, object]] = client.get(f"/v1/blocks/deployments/{deployment_id}").json()["latestRevision"][
        "resources"
    ]
    return resources


def count(client: httpx.Client, status: str) -> int:
    answer: int = client.get("/v1/blocks/deployments/", params={"status": status}).json()["deploymentCount"]
    return answer


@pytest.mark.press_emulator(transition="describes:1->failed")
def test_a_revision_ends_failed_and_a_redeploy_retries_it(server: RunningEmulator, client: httpx.Client) -> None:
    dep = create_deployment(client, create_spec(client))
    assert describe(client, dep) == ("deploying", "deploying")
    assert describe(client, dep) == ("failed", "failed")
    assert statuses(client, dep) == ["failed"]
    assert count(client, "failed") == 1
    revisions = client.get(f"/v1/blocks/deployments/{dep}/revisions", params={"status": "failed"}).json()
    assert revisions["revisionCount"] == 1
    (resource,) = resources(client, dep)
    assert resource["status"] == "failed"
    (error,) = resource["errors"]  # type: ignore[misc]
    assert error["code"] == 500
    assert "ended in failed" in error["message"]
    assert "describes:1->failed" in error["message"]
    assert error["createdAt"] >= client.get(f"/v1/blocks/deployments/{dep}").json()["latestRevision"]["createdAt"]

    # A failed revision is settled: a redeploy retries its release and parameters under today's transition.
    server.set_transition("describes:1")
    redeploy = client.post(f"/v1/blocks/deployments/{dep}/redeploy", content=b"{}", headers=EMPTY_JSON)
    assert redeploy.status_code == 201
    assert redeploy.json()["revision"] == 2
    assert describe(client, dep) == ("redeploying", "deploying")
    assert describe(client, dep) == ("deployed", "deployed")
    assert statuses(client, dep) == ["failed", "deployed"], "the failed revision stays in the history"
    assert resources(client, dep)[0]["errors"] == []


def test_a_failed_revision_leaves_the_deployed_one_running(server: RunningEmulator, client: httpx.Client) -> None:
    dep = create_deployment(client, create_spec(client))
    server.set_transition("immediate->rollback_complete")
    client.post(f"/v1/blocks/deployments/{dep}/revisions", json={})
    assert statuses(client, dep) == ["deployed", "rollback_complete"]
    assert describe(client, dep) == ("rollback_complete", "rollback_complete")
    assert client.get(f"/v1/blocks/deployments/{dep}/revisions/1").json()["status"] == "deployed"
    server.set_transition("immediate")
    client.post(f"/v1/blocks/deployments/{dep}/redeploy", content=b"{}", headers=EMPTY_JSON)
    assert statuses(client, dep) == ["superseded", "rollback_complete", "deployed"]
    assert describe(client, dep) == ("deployed", "deployed")


@pytest.mark.press_emulator(transition="describes:1->warning")
def test_warning_is_the_deployments_status_over_a_deployed_revision(
    server: RunningEmulator, client: httpx.Client
) -> None:
    dep = create_deployment(client, create_spec(client))
    assert describe(client, dep) == ("deploying", "deploying")
    assert describe(client, dep) == ("warning", "deployed")
    assert count(client, "warning") == 1
    assert client.get(f"/v1/blocks/deployments/{dep}/revisions/1").json()["status"] == "deployed"
    (resource,) = resources(client, dep)
    assert resource["status"] == "deployed"
    (error,) = resource["errors"]  # type: ignore[misc]
    assert "warning" in error["message"]
    # A newer revision that deploys cleanly supersedes it, and the deployment is deployed again.
    server.set_transition("immediate")
    client.post(f"/v1/blocks/deployments/{dep}/revisions", json={})
    assert statuses(client, dep) == ["superseded", "deployed"]
    assert describe(client, dep) == ("deployed", "deployed")


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_outcome_answers_as_the_document_says(outcome: str) -> None:
    # validate_responses is on: an answer outside the document would be a 500.
    emulator = Emulator(transition=f"immediate->{outcome}")
    with httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": "t"}
    ) as client:
        dep = create_deployment(client, create_spec(client))
        expected = Transition.immediate(outcome=outcome)  # type: ignore[arg-type]
        assert describe(client, dep) == (expected.deployment_status, expected.revision_status)
        assert count(client, expected.deployment_status) == 1
        listed = client.get(f"/v1/blocks/deployments/{dep}/revisions", params={"status": expected.revision_status})
        assert listed.json()["revisionCount"] == 1
        assert client.get(f"/v1/blocks/deployments/{dep}/revisions/1").status_code == 200
        assert client.get("/_emulator/snapshot").status_code == 200


def test_an_older_revision_finishing_late_is_superseded() -> None:
    emulator = Emulator(transition="seconds:3600")
    with httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": "t"}
    ) as client:
        dep = create_deployment(client, create_spec(client))
        emulator.set_transition("immediate")
        client.post(f"/v1/blocks/deployments/{dep}/revisions", json={})
        assert statuses(client, dep) == ["superseded", "deployed"]
