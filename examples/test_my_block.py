"""Test your code against the emulator, with press-blocks' pytest fixtures.

Run it with ``pytest examples/test_my_block.py`` (needs ``pip install 'press-blocks[emulator]'``).
``press_emulator`` is a fresh in-process emulator per test; the marker configures it.
"""

import time
from collections.abc import Iterator

import httpx
import pytest

from press_blocks import Block, NotFoundException, Session

SPEC = {
    "version": "1",
    "kind": "workflow",
    "metadata": {"name": "my-block", "summary": "Aggregates the day's input files."},
    "release": {"version": "1.0.0", "notes": "The first release."},
    "config": {"steps": {"aggregate": {"type": "standard", "imageRef": "main", "command": "python main.py"}}},
}


# --- your code: deploy a spec's latest release, wait until it is deployed ---
def deploy_latest(client: Block, spec_id: str, name: str, *, poll_every: float = 0.0, attempts: int = 20) -> str:
    version = client.describe_spec(spec_id)["latestRelease"]["version"]
    deployment_id = client.create_deployment(
        body={
            "metadata": {"name": name, "summary": f"{name}, deployed by our release job."},
            "revision": {"notes": f"Deploy {version}."},
            "spec": {"id": spec_id, "release": {"version": version}},
        }
    )["id"]
    for _ in range(attempts):
        if client.describe_deployment(deployment_id)["latestRevision"]["status"] == "deployed":
            return deployment_id
        time.sleep(poll_every)
    raise TimeoutError(f"{deployment_id} is not deployed after {attempts} looks")


# --- its tests -------------------------------------------------------------
@pytest.fixture
def client(press_emulator) -> Iterator[Block]:
    with httpx.Client(transport=press_emulator.transport, base_url=press_emulator.base_url) as http:
        session = Session(auth_token="test-token", base_url=press_emulator.base_url, http_client=http)
        with Block(session) as client:
            yield client


# describes:2 -> the first two describes say "deploying", the third "deployed".
@pytest.mark.press_emulator(transition="describes:2")
def test_deploy_latest_waits_until_deployed(press_emulator, client: Block) -> None:
    spec_id = press_emulator.seed({"specs": [{"spec": SPEC}]})["specs"][0]

    deployment_id = deploy_latest(client, spec_id, "my-block-daily")

    assert client.describe_deployment(deployment_id)["metadata"]["status"] == "deployed"
    assert press_emulator.requests.count(operation_id="createDeployment") == 1
    # 3 looks + the assert
    assert press_emulator.requests.count(operation_id="describeDeployment") == 4


@pytest.mark.press_emulator(transition="describes:100")
def test_deploy_latest_gives_up_after_its_attempts(press_emulator, client: Block) -> None:
    spec_id = press_emulator.seed({"specs": [{"spec": SPEC}]})["specs"][0]

    with pytest.raises(TimeoutError, match="not deployed after 3 looks"):
        deploy_latest(client, spec_id, "my-block-daily", attempts=3)


def test_deploy_latest_reports_an_unknown_spec(client: Block) -> None:
    with pytest.raises(NotFoundException) as caught:
        deploy_latest(client, "0bddb4c6-40c5-45c3-b477-fceb2c051609", "my-block-daily")
    assert caught.value.status_code == 404
