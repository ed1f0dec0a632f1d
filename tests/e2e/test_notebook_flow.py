"""The notebook's whole flow, through the sync and async clients, against the emulator over loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from press_blocks.demo._notebook_flow import NotebookFlow, write_artifact_dir
from press_blocks.emulator import Emulator, RunningEmulator

pytestmark = pytest.mark.e2e


def test_notebook_flow_runs_unchanged(
    emulator: Emulator, server: RunningEmulator, client_factory: Callable[..., Any], tmp_path: Path
) -> None:
    client = client_factory(server.base_url)
    steps: list[str] = []

    def link_to_app(deployment_id: str) -> None:
        emulator.add_app_deployment(
            {
                "id": "app-1",
                "kind": "app",
                "latestRevision": {
                    "revision": 1,
                    "status": "deployed",
                    "blocks": [
                        {"deploymentId": deployment_id, "platformId": "p-1", "kind": "workflow", "name": "wf"},
                        {"deploymentId": "other", "kind": "service", "name": "api", "status": "deploying"},
                    ],
                },
            },
            children=[deployment_id],
        )

    flow = NotebookFlow(client, write_artifact_dir(tmp_path / "ctx"), lambda step, _: steps.append(step), link_to_app)
    results = flow.run()

    assert len(steps) == 27
    deployment_id = results["create_deployment"]["id"]
    assert results["get_parameters"] == {
        "agg_type": "AVG",
        "email_notifications": True,
        "num_iterations": 50,
        "file_names": ["input.csv", "output.csv"],
    }
    assert results["patch_parameters"]["agg_type"] == "MAX"
    assert results["create_deployment_revision (release 2.0.0)"] == {"id": deployment_id, "revision": 2}
    assert results["describe_deployment_revision"]["revision"] == 2
    assert results["redeploy"]["revision"] == 3
    assert results["describe_spec_release"]["version"] == "2.0.0"
    assert results["get_related_block_details"] == [
        {"id": deployment_id, "resource_id": "p-1", "kind": "workflow", "name": "wf", "status": "deployed"},
        {"id": "other", "resource_id": None, "kind": "service", "name": "api", "status": "deploying"},
    ]
    assert all(results[f"delete_spec ({label})"] == {} for label in ("private workflow", "shared service"))
    # The artifact went up: the release describes one, and nothing the .dockerignore excludes.
    assert results["describe_spec_release"]["artifact"]["id"]
    # Every request the flow made reached the emulator (validated against the document there).
    assert len(server.requests) >= 27
    assert all(record.status is not None and record.status < 400 for record in server.requests)


def test_demo_command_runs_the_flow_against_the_built_in_emulator() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID"}}
    result = subprocess.run(
        [sys.executable, "-m", "press_blocks.cli", "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Emulator listening on http://127.0.0.1:" in result.stdout
    assert "27. delete_spec (shared service)" in result.stdout
    assert "completed" in result.stdout
