"""Output formats, and --wait through the library's waiter: in-process, and end to end for its exit codes.

Failures, warnings and superseded revisions come from the emulator's transitions
(``describes:1->failed``); a scripted API answers only what the emulator never reaches.
"""

from __future__ import annotations

import io
import time
from typing import Any

import httpx
import pytest
import yaml

from press_blocks import Block, DeploymentFailedError, Session, WaitTimeoutError, get_client
from press_blocks._cli._errors import ExitCode, WaitFailed, error_line, exit_code_for
from press_blocks._cli._output import TABLES, format_result, write
from press_blocks._cli._wait import wait_until_settled
from press_blocks.emulator import InProcessEmulator
from press_blocks.emulator._lifecycle import OUTCOMES
from tests.cli._run import Cli
from tests.cli.test_commands import create_spec, generate
from tests.e2e._drive import Driver, deploy

# Every outcome the emulator can end a revision in that a wait reports as a failure.
FAILURES = [outcome for outcome in OUTCOMES if outcome not in ("deployed", "warning")]

PAGE = {
    "deployments": [
        {
            "id": "d-1",
            "kind": "workflow",
            "metadata": {"title": "A  long\ttitle", "status": "deployed", "tags": [{"name": "a"}, {"name": "b"}]},
            "latestRevision": {"revision": 2, "status": "deployed"},
        },
        {"id": "d-22", "kind": "service", "metadata": {"title": "B"}},
    ],
    "deploymentCount": 12,
    "pageNumber": 2,
    "pageCount": 6,
}


def test_table_has_peaks_columns_title_total_and_caption() -> None:
    lines = format_result(PAGE, "table", TABLES["deployments list"]).splitlines()
    assert lines[0] == "Block Deployments (Total = 12)"
    assert lines[1].startswith("ID  ")
    assert [c.strip() for c in lines[1].split("  ") if c.strip()] == [
        "ID",
        "Kind",
        "Title",
        "Status",
        "Latest Revision",
        "Latest Revision Status",
        "Tags",
    ]
    assert lines[3].split() == ["d-1", "workflow", "A", "long", "title", "deployed", "2", "deployed", "a,", "b"]
    assert lines[4].split() == ["d-22", "service", "B"]
    assert lines[-1] == "Page 2 of 6"
    assert format_result({"deployments": []}, "table", TABLES["deployments list"]).splitlines() == [
        "Block Deployments",
        "No data to display.",
    ]
    # The notebook's revisions page names its list "deployments".
    revisions = {"deployments": [{"id": "r", "revision": 1, "status": "deployed"}], "revisionCount": 1}
    assert "r" in format_result(revisions, "table", TABLES["deployments list-revisions"]).splitlines()[3]


def test_json_and_yaml_keep_order_and_unicode() -> None:
    data = {"z": "é", "a": [1, {"b": None}]}
    assert format_result(data, "json") == '{\n  "z": "é",\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}\n'
    text = format_result(data, "yaml")
    assert text.startswith("z: é\n")
    assert yaml.safe_load(text) == data
    assert format_result([{"id": 1}], "table", None) == '[\n  {\n    "id": 1\n  }\n]\n'


class Scripted:
    """A Press API answering describes from a script of statuses, through the real client (httpx.MockTransport)."""

    def __init__(self, statuses: list[str], **extra: Any) -> None:
        self.statuses = statuses
        self.extra = extra
        self.paths: list[str] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        parts = request.url.path.strip("/").split("/")  # v1 blocks deployments ID [revisions N]
        if len(parts) == 6:
            return httpx.Response(200, json={"id": parts[3], "revision": int(parts[5]), "status": status, **self.extra})
        latest = {"revision": 1, "status": status, **self.extra}
        return httpx.Response(200, json={"id": parts[3], "metadata": {"status": status}, "latestRevision": latest})

    def client(self) -> Block:
        http = httpx.Client(transport=httpx.MockTransport(self.handler))
        return get_client(Session("t0ken-for-waits", base_url="http://press.test", http_client=http, max_retries=0))


FAST = {"timeout": 5.0, "poll_interval": 0.01}


def test_wait_uses_the_library_waiter_and_returns_when_deployed(capsys: pytest.CaptureFixture[str]) -> None:
    api = Scripted(["deploying"] * 3 + ["deployed"])
    with api.client() as client:
        result = wait_until_settled(client, "d", 3, **FAST)
    assert (result["revision"], result["status"]) == (3, "deployed")
    assert api.paths == ["/v1/blocks/deployments/d/revisions/3"] * 4
    assert capsys.readouterr().err == "press-blocks: deployment d revision 3 is deployed\n"


def test_wait_without_a_revision_follows_the_deployment(capsys: pytest.CaptureFixture[str]) -> None:
    api = Scripted(["deploying", "deployed"])
    with api.client() as client:
        assert wait_until_settled(client, "d", **FAST)["metadata"] == {"status": "deployed"}
    assert api.paths == ["/v1/blocks/deployments/d"] * 2
    assert capsys.readouterr().err == "press-blocks: deployment d revision 1 is deployed\n"


@pytest.mark.parametrize("status", FAILURES)
def test_wait_fails_with_the_status_on_every_failure_status(press_emulator: InProcessEmulator, status: str) -> None:
    with Driver("sync", press_emulator) as driver:
        deployment_id = deploy(driver)
        press_emulator.set_transition(f"describes:1->{status}")
        driver.client.create_deployment_revision(deployment_id, {"revision": {"notes": "second"}})
        with pytest.raises(WaitFailed) as failed:
            wait_until_settled(driver.client, deployment_id, 2, **FAST)
    assert exit_code_for(failed.value) == ExitCode.WAIT_FAILED == 8
    assert error_line(failed.value) == (
        f"press-blocks: DeploymentFailedError: Revision 2 of deployment {deployment_id} did not deploy: "
        f"its status is {status!r}. Resource errors: this resource ended in {status} "
        f"(emulated by the transition describes:1->{status})."
    )


def test_a_deletion_failure_ends_the_wait_too() -> None:
    """delete_failed: the emulator deletes at once, so a scripted API answers it."""
    api = Scripted(["deploying", "delete_failed"], resources=[{"errors": [{"message": "image pull failed"}]}])
    with api.client() as client, pytest.raises(WaitFailed) as failed:
        wait_until_settled(client, "d", 2, **FAST)
    assert exit_code_for(failed.value) == ExitCode.WAIT_FAILED
    assert error_line(failed.value) == (
        "press-blocks: DeploymentFailedError: Revision 2 of deployment d did not deploy: its status is "
        "'delete_failed'. Resource errors: image pull failed."
    )


def test_wait_gives_up_at_the_timeout_naming_the_last_status() -> None:
    api = Scripted(["redeploying"])
    started = time.monotonic()
    with api.client() as client, pytest.raises(WaitFailed) as failed:
        wait_until_settled(client, "d", 2, timeout=0.3, poll_interval=0.01)
    assert 0.3 <= time.monotonic() - started < 5
    assert str(failed.value) == "deployment d revision 2 is still redeploying after 0.3s (--wait-timeout)"
    assert failed.value.code == ExitCode.WAIT_FAILED


def test_a_warning_deployment_or_a_superseded_revision_is_settled_and_said_on_one_line(
    press_emulator: InProcessEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    press_emulator.set_transition("describes:1->warning")
    with Driver("sync", press_emulator) as driver:
        deployment_id = deploy(driver)
        assert wait_until_settled(driver.client, deployment_id, **FAST)["metadata"]["status"] == "warning"
        err = capsys.readouterr().err
        assert err.startswith(f"press-blocks: warning: deployment {deployment_id} settled with status 'warning'")
        assert err.count("\n") == 1  # one line: not Python's warning format as well
        # Revision 2 still deploying when revision 3 deploys: superseded.
        press_emulator.set_transition("describes:50")
        driver.client.create_deployment_revision(deployment_id, {"revision": {"notes": "second"}})
        press_emulator.set_transition("immediate")
        driver.client.create_deployment_revision(deployment_id, {"revision": {"notes": "third"}})
        wait_until_settled(driver.client, deployment_id, 2, **FAST)
    assert capsys.readouterr().err == (
        f"press-blocks: deployment {deployment_id} revision 2 was superseded by a newer revision\n"
    )


@pytest.mark.e2e
@pytest.mark.timeout(120)
def test_create_wait_exits_8_when_the_deployment_fails_and_0_with_a_warning(cli: Cli) -> None:
    spec_id = create_spec(cli)
    generate(cli, "deployments create", "deployment.yaml", **{"0bddb4c6-40c5-45c3-b477-fceb2c051609": spec_id})
    wait = ("--wait", "--wait-interval", "0.05", "--wait-timeout", "30")

    cli.server.set_transition("describes:1->failed")
    failed = cli("deployments", "create", "deployment.yaml", *wait)
    assert failed.code == ExitCode.WAIT_FAILED == 8, failed.err
    deployment_id = failed.json()["id"]  # what the create answered is printed before the wait
    assert failed.err.splitlines() == [
        f"press-blocks: DeploymentFailedError: Deployment {deployment_id} did not deploy: its status is 'failed'. "
        "Resource errors: this resource ended in failed (emulated by the transition describes:1->failed)."
    ]

    # Under a warning outcome the deployment runs: the wait says so and the exit code is 0.
    cli.server.set_transition("describes:1->warning")
    generate(
        cli,
        "deployments create",
        "other.yaml",
        **{"0bddb4c6-40c5-45c3-b477-fceb2c051609": spec_id, "name: new-deployment": "name: other-deployment"},
    )
    running = cli("deployments", "create", "other.yaml", *wait)
    assert running.code == 0, running.err
    other_id = running.json()["id"]
    (line,) = running.err.splitlines()
    assert line.startswith(f"press-blocks: warning: deployment {other_id} settled with status 'warning' after ")


def test_wait_errors_from_the_library_exit_8_too() -> None:
    timeout = WaitTimeoutError("d", None, "deploying", 3.0, 2.0)
    assert exit_code_for(timeout) == exit_code_for(DeploymentFailedError("d", 1, "failed", {})) == 8


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_paging_uses_the_pager_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    paged: list[str] = []
    monkeypatch.setattr("pydoc.pager", paged.append)
    plain = io.StringIO()
    write("text\n", paging=True, out=plain)
    assert (plain.getvalue(), paged) == ("text\n", [])
    terminal = Terminal()
    write("text\n", paging=True, out=terminal)
    assert (terminal.getvalue(), paged) == ("", ["text\n"])
    write("more\n", paging=False, out=terminal)
    assert terminal.getvalue() == "more\n"
