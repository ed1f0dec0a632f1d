"""Recording a tenant (another emulator on 127.0.0.1) into a fixture, and the fidelity score of a replay."""

from __future__ import annotations

import io
import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from press_blocks import Block, Session
from press_blocks.demo._notebook_flow import NotebookFlow, write_artifact_dir
from press_blocks.emulator import Emulator
from press_blocks.emulator._cli import cli_main
from press_blocks.emulator._fidelity import comparable, fidelity, read_recording
from press_blocks.emulator._recorder import recording_path

TOKEN = "recorder-test-token-3b9e"


def _start(tenant_url: str, fixture: Path, *extra: str) -> tuple[threading.Thread, threading.Event, io.StringIO, str]:
    out = io.StringIO()
    stop = threading.Event()
    argv = ["--record-from", tenant_url, "--record-to", str(fixture), "--port", "0", *extra]
    thread = threading.Thread(target=cli_main, args=(argv,), kwargs={"stdout": out, "stop": stop}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = re.search(r"through (http://127\.0\.0\.1:\d+)", out.getvalue())
        if found:
            return thread, stop, out, found.group(1)
        time.sleep(0.05)
    stop.set()
    raise AssertionError(f"the recorder did not start: {out.getvalue()!r}")


@pytest.fixture
def tenant() -> Iterator[tuple[Emulator, str]]:
    emulator = Emulator()
    with emulator.serve() as server:
        yield emulator, server.base_url


def test_the_demo_flow_recorded_lets_the_fixture_answer_as_the_tenant_did(
    tenant: tuple[Emulator, str], tmp_path: Path
) -> None:
    emulator, tenant_url = tenant
    fixture = tmp_path / "tenant.yaml"
    thread, stop, out, recorder_url = _start(tenant_url, fixture, "--record-writes")
    seen: dict[str, Any] = {}
    try:
        session = Session(TOKEN, base_url=recorder_url)
        with Block(session) as client:
            flow: NotebookFlow

            def link_to_app(deployment_id: str) -> None:
                emulator.add_app_deployment(
                    {
                        "id": str(uuid.uuid4()),
                        "kind": "app",
                        "latestRevision": {
                            "revision": 1,
                            "status": "deployed",
                            "blocks": [{"deploymentId": deployment_id, "kind": "workflow", "name": "x"}],
                        },
                    },
                    children=[deployment_id],
                )
                # What the recorded service answers, through the recorder, before the flow deletes it all.
                spec_ids = [r["id"] for name, r in flow.results.items() if name.startswith("create_spec")]
                seen["specs"] = {spec_id: client.describe_spec(spec_id) for spec_id in spec_ids}
                seen["deployments"] = client.list_deployments(return_iterator=False)

            flow = NotebookFlow(
                client, write_artifact_dir(tmp_path / "context"), lambda *_: None, link_to_app=link_to_app
            )
            flow.run()
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert "Recorded" in out.getvalue()
    for written in (fixture, recording_path(fixture)):
        assert TOKEN not in written.read_text(encoding="utf-8")

    copy = Emulator(fixture=fixture)
    with Block(
        Session("anything", http_client=httpx.Client(transport=copy.transport()), base_url=copy.base_url)
    ) as offline:
        assert len(seen["specs"]) == 4
        for spec_id, answer in seen["specs"].items():
            assert comparable(offline.describe_spec(spec_id)) == comparable(answer)
        listed = offline.list_deployments(return_iterator=False)
        assert comparable(listed) == comparable(seen["deployments"])
        assert listed["deployments"], "the recorded deployment is there"

    # The numbers docs/emulator.md publishes: every answer but the one after patch_parameters.
    report = fidelity(read_recording(recording_path(fixture)))
    scores = report.operations
    assert scores["describeSpec"].matched == scores["describeSpec"].answers, report.text()
    assert scores["listDeployments"].matched == scores["listDeployments"].answers, report.text()
    assert (report.matched, report.answers) == (29, 30), report.text()
    assert scores["describeDeployment"].mismatches[0].endswith("$.parameters.run[0].value"), report.text()


def test_read_only_by_default_writes_never_reach_the_tenant(tenant: tuple[Emulator, str], tmp_path: Path) -> None:
    emulator, tenant_url = tenant
    fixture = tmp_path / "tenant.yaml"
    thread, stop, _, recorder_url = _start(tenant_url, fixture)
    try:
        with httpx.Client(base_url=recorder_url, headers={"Authorization": TOKEN}) as client:
            refused = client.post("/v1/blocks/deployments/", json={})
            listed = client.get("/v1/blocks/specs/")
    finally:
        stop.set()
        thread.join(30)
    assert refused.status_code == 403
    assert "--record-writes" in refused.json()["detail"]
    assert listed.status_code == 200
    assert [r.method for r in emulator.requests] == ["GET"]
    recording = json.loads(recording_path(fixture).read_text(encoding="utf-8"))
    assert [e["operation"] for e in recording["exchanges"]] == ["listSpecs"]


def test_fidelity_from_the_command_line(tenant: tuple[Emulator, str], tmp_path: Path) -> None:
    emulator, tenant_url = tenant
    with httpx.Client(transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": "t"}) as c:
        from tests.emulator._payloads import create_spec

        spec_id = create_spec(c)
    fixture = tmp_path / "tenant.yaml"
    thread, stop, _, recorder_url = _start(tenant_url, fixture)
    try:
        with httpx.Client(base_url=recorder_url, headers={"Authorization": TOKEN}) as client:
            assert client.get(f"/v1/blocks/specs/{spec_id}").status_code == 200
            assert client.get("/v1/blocks/specs/").status_code == 200
    finally:
        stop.set()
        thread.join(30)
    out = io.StringIO()
    assert cli_main(["--fidelity", str(recording_path(fixture)), "--fixture", str(fixture)], stdout=out) == 0
    text = out.getvalue()
    assert re.search(r"describeSpec\s+1 / 1", text), text
    assert re.search(r"total\s+2 / 2 \(100%\)", text), text


def test_redaction_masks_tokens_and_hidden_values() -> None:
    from press_blocks.emulator._recorder import redact

    body = {
        "parameters": {
            "run": [
                {"name": "password", "value": "s3cret", "hideValue": True},
                {"name": "region", "value": "eu-west-1", "hideValue": False},
            ]
        },
        "definitions": [{"name": "password", "defaultValue": "d3fault", "hideValue": True}],
        "echo": "Bearer-token-xyz",
    }
    masked = redact(body, {"Bearer-token-xyz"})
    text = json.dumps(masked)
    for secret in ("s3cret", "d3fault", "Bearer-token-xyz"):
        assert secret not in text
    assert masked["parameters"]["run"][1]["value"] == "eu-west-1"


def test_a_state_that_cannot_be_seeded_counts_as_misses_with_the_reason() -> None:
    from press_blocks.emulator._recorder import Exchange

    spec = {"id": "s1", "kind": "service", "latestRelease": {"id": "r1", "version": "1.0.0", "config": {}}}
    report = fidelity([Exchange("describeSpec", "GET", "/v1/blocks/specs/s1", [], 200, spec)])
    score = report.operations["describeSpec"]
    assert (score.matched, score.answers) == (0, 1)
    assert "could not be seeded" in score.mismatches[0]


def test_a_body_over_the_limit_is_refused_before_it_is_held(tenant: tuple[Emulator, str], tmp_path: Path) -> None:
    # The recorder reads bodies as the emulator does: capped (the artifact limit and 1 MiB), chunk by chunk.
    emulator, tenant_url = tenant
    thread, stop, _, recorder_url = _start(tenant_url, tmp_path / "tenant.yaml", "--record-writes")
    try:
        with httpx.Client(base_url=recorder_url, headers={"Authorization": TOKEN}, timeout=30) as client:
            too_big = client.post(
                "/v1/blocks/specs/", content=iter([b"x" * 2**20] * 12), headers={"content-type": "text/plain"}
            )
    finally:
        stop.set()
        thread.join(30)
    assert too_big.status_code == 413, too_big.text
    assert "at most" in too_big.json()["detail"]
    assert [r.method for r in emulator.requests] == []
