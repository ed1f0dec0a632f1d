"""Every request file peak-sdk 1.29.0 documents for ``peak blocks``, unchanged, through ``press-blocks``."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests._peak_sdk import PeakSdkUnavailable, peak_sdk_python
from tests.cli._run import Cli

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(600),
]

SAMPLE_SPEC_ID = "0bddb4c6-40c5-45c3-b477-fceb2c051609"  # what the deployment samples deploy
SPEC_KINDS = ["workflow", "service/api", "service/webapp"]


@pytest.fixture(scope="module")
def samples() -> Path:
    try:
        python = peak_sdk_python()
    except PeakSdkUnavailable as exc:
        pytest.fail(f"peak-sdk 1.29.0 is needed for its sample files: {exc}")
    package = subprocess.run(
        [str(python), "-c", "import os, peak; print(os.path.dirname(peak.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    return Path(package) / "sample_yaml" / "press" / "blocks"


@pytest.fixture
def build_context(cli: Cli) -> Cli:
    # The spec samples upload `artifact: {path: ".", ignore_files: [.gitignore, .dockerignore]}`.
    (cli.cwd / "Dockerfile").write_text("FROM python:3.11-slim\nCOPY . /app\n", encoding="utf-8")
    (cli.cwd / "main.py").write_text("print('hello')\n", encoding="utf-8")
    (cli.cwd / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    (cli.cwd / ".dockerignore").write_text(".git\n", encoding="utf-8")
    return cli


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("kind", SPEC_KINDS)
def test_spec_create_and_create_release(samples: Path, build_context: Cli, kind: str) -> None:
    cli = build_context
    spec_id = cli.ok("specs", "create", str(samples / "specs" / kind / "create_block_spec.yaml")).json()["id"]
    release = cli.ok(
        "specs", "create-release", spec_id, str(samples / "specs" / kind / "create_block_spec_release.yaml")
    )
    assert release.json()["release"]["version"] == "2.0.0"


def test_spec_update_metadata(samples: Path, build_context: Cli) -> None:
    cli = build_context
    spec_id = cli.ok("specs", "create", str(samples / "specs" / "workflow" / "create_block_spec.yaml")).json()["id"]
    updated = cli.ok("specs", "update-metadata", spec_id, str(samples / "specs" / "update_block_spec_metadata.yaml"))
    assert updated.json()["metadata"]["name"] == "updated-workflow-block"


def seed_sample_spec(cli: Cli, samples: Path) -> None:
    """Seed the workflow sample spec, with its 2.0.0 release, under the id the deployment samples name."""
    create = load(samples / "specs" / "workflow" / "create_block_spec.yaml")
    release = load(samples / "specs" / "workflow" / "create_block_spec_release.yaml")
    cli.server.seed(
        {
            "specs": [
                {
                    "id": SAMPLE_SPEC_ID,
                    "spec": create["body"],
                    "parameters": create["parameters"],
                    "artifact": True,
                    "releases": [{"spec": release["body"], "parameters": release["parameters"]}],
                }
            ]
        }
    )


def test_deployment_files(samples: Path, cli: Cli) -> None:
    seed_sample_spec(cli, samples)
    folder = samples / "deployments"
    deployment_id = cli.ok("deployments", "create", str(folder / "create_block_deployment.yaml")).json()["id"]
    revised = cli.ok(
        "deployments", "create-revision", deployment_id, str(folder / "create_block_deployment_revision.yaml")
    )
    assert revised.json()["revision"] == 2
    patched = cli.ok("deployments", "patch-parameters", deployment_id, str(folder / "patch_block_parameters.yaml"))
    assert patched.json()["agg_type"] == "MAX"
    updated = cli.ok(
        "deployments", "update-metadata", deployment_id, str(folder / "update_block_deployment_metadata.yaml")
    )
    assert updated.json()["metadata"]["name"] == "update-block-deployment"
