"""Revision lifecycle over real HTTP: deploying, then deployed (at once, after N describes, after T seconds)."""

from __future__ import annotations

import time

import httpx
import pytest

from press_blocks.emulator import Emulator, RunningEmulator, Transition
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


def test_an_older_revision_finishing_late_is_superseded() -> None:
    emulator = Emulator(transition="seconds:3600")
    with httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": "t"}
    ) as client:
        dep = create_deployment(client, create_spec(client))
        emulator.set_transition("immediate")
        client.post(f"/v1/blocks/deployments/{dep}/revisions", json={})
        assert statuses(client, dep) == ["superseded", "deployed"]
