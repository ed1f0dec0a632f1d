"""Every script in examples/ runs as written against the emulator on 127.0.0.1, so none can rot.

The scripts find the API the way a user's would: PRESS_BASE_URL and PEAK_AUTH_TOKEN.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from press_blocks.emulator import Emulator, RunningEmulator

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Every example and the test that runs it; test_every_example_is_run keeps this list complete.
RUN_BY = {
    "publish_spec.py": "test_publish_spec",
    "release_new_version.py": "test_release_new_version",
    "deploy_and_wait.py": "test_deploy_and_wait",
    "my-block/main.py": "test_read_run_parameters_with_the_fallback_file",
    "async_fan_out.py": "test_async_fan_out",
    "test_my_block.py": "test_the_pytest_example_passes",
    "deploy_block.py": "test_deploy_block",
}


@pytest.fixture(scope="module")
def server() -> Iterator[RunningEmulator]:
    with Emulator().serve(host="127.0.0.1", port=0) as running:
        yield running


def run_script(server: RunningEmulator, script: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run an example against ``server`` as a user would, and return the finished process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRESS_", "PEAK_", "API_KEY", "STAGE"))}
    env.update(PRESS_BASE_URL=server.base_url, PEAK_AUTH_TOKEN="example-token", **extra_env)
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        capture_output=True,
        text=True,
        env=env,
        cwd=EXAMPLES.parent,
        timeout=90,
        check=False,
    )


def run_example(server: RunningEmulator, script: str, **extra_env: str) -> str:
    proc = run_script(server, script, **extra_env)
    assert proc.returncode == 0, f"{script} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def api(server: RunningEmulator, path: str, **params: str) -> dict:
    response = httpx.get(server.base_url + path, params=params, headers={"Authorization": "t"}, timeout=10)
    response.raise_for_status()
    return response.json()


def spec_named(server: RunningEmulator, name: str) -> dict:
    """The spec as describeSpec gives it (lists leave parts out)."""
    (spec_id,) = [
        s["id"] for s in api(server, "/v1/blocks/specs/", name=name)["specs"] if s["metadata"]["name"] == name
    ]
    return api(server, f"/v1/blocks/specs/{spec_id}")


@pytest.fixture(scope="module")
def published(server: RunningEmulator) -> str:
    return run_example(server, "publish_spec.py")


@pytest.fixture(scope="module")
def deployed(server: RunningEmulator, published: str) -> tuple[str, str]:
    server.set_transition("describes:2")
    try:
        out = run_example(server, "deploy_and_wait.py")
    finally:
        server.set_transition("immediate")
    match = re.search(r"^deploying (\S+) from release", out, re.MULTILINE)
    assert match, out
    return match.group(1), out


def test_every_example_is_run() -> None:
    found = {p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*.py") if "__pycache__" not in p.parts}
    assert found == set(RUN_BY), "add the new example to RUN_BY and give it a test"
    assert set(RUN_BY.values()) <= set(globals())


def test_publish_spec(server: RunningEmulator, published: str) -> None:
    spec = spec_named(server, "my-block")
    assert published.splitlines() == ["validated: True", f"published my-block 1.0.0 as {spec['id']}"]
    assert server.requests.count(operation_id="createSpec") == 2, "one validation, one creation"
    release = api(server, f"/v1/blocks/specs/{spec['id']}/releases/1.0.0")
    assert release["artifact"]["id"], "the build context was uploaded"
    assert [p["name"] for p in spec["parameters"]["run"]] == ["agg_type", "num_iterations"]


def test_release_new_version(server: RunningEmulator, published: str) -> None:
    before = spec_named(server, "my-block")["latestRelease"]["version"]
    out = run_example(server, "release_new_version.py")
    after = spec_named(server, "my-block")
    major, minor, patch = before.split(".")
    assert after["latestRelease"]["version"] == f"{major}.{minor}.{int(patch) + 1}"
    assert out.splitlines()[0] == f"released {after['latestRelease']['version']} of {after['id']}"
    assert f"  {before}: " in out, "the list of releases shows the older one too"
    assert [p["name"] for p in after["latestRelease"]["parameters"]["run"]] == ["agg_type", "num_iterations"]


def test_deploy_and_wait(deployed: tuple[str, str]) -> None:
    _, out = deployed
    looks = re.findall(r"^  (\w+) after \d+\.\d s$", out, re.MULTILINE)
    assert looks == ["deploying", "deploying", "deployed"], out
    assert out.splitlines()[-2:] == [
        "revision 1 is deployed",
        "run parameters: {'agg_type': 'SUM', 'num_iterations': 100}",
    ]


def test_deploy_and_wait_reports_a_failed_deployment() -> None:
    with Emulator(transition="describes:1->rollback_complete").serve(host="127.0.0.1", port=0) as failing:
        run_example(failing, "publish_spec.py")
        proc = run_script(failing, "deploy_and_wait.py")
    assert proc.returncode == 1
    assert re.findall(r"^  (\w+) after", proc.stdout, re.MULTILINE) == ["deploying", "rollback_complete"]
    assert proc.stderr.startswith("the deployment ended as rollback_complete: [{"), proc.stderr
    assert "this resource ended in rollback_complete" in proc.stderr


def test_read_run_parameters_with_the_fallback_file(server: RunningEmulator, deployed: tuple[str, str]) -> None:
    assert run_example(server, "my-block/main.py") == "aggregating with AVG over 10 iterations\n"
    deployment_id, _ = deployed
    inside_press = run_example(server, "my-block/main.py", PRESS_DEPLOYMENT_ID=deployment_id)
    assert inside_press == "aggregating with SUM over 100 iterations\n"


def test_async_fan_out(server: RunningEmulator, deployed: tuple[str, str]) -> None:
    before = server.requests.count(operation_id="describeDeployment")
    out = run_example(server, "async_fan_out.py")
    count = int(re.search(r"^described (\d+) deployments$", out, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert count >= 1
    assert "my-block-daily: deployed" in out
    assert server.requests.count(operation_id="describeDeployment") - before == count


def test_the_pytest_example_passes(tmp_path: Path) -> None:
    # Only the emulator's plugin is loaded (by name rather than through its entry point, which
    # tests/emulator/test_plugin.py checks): autoloading every installed plugin costs ~8 s here.
    command = [sys.executable, "-m", "pytest", str(EXAMPLES / "test_my_block.py"), "-q", "-p", "no:cacheprovider"]
    command += ["-p", "press_blocks.emulator.pytest_plugin", "-W", "ignore::pytest.PytestConfigWarning"]
    proc = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        timeout=90,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"\b3 passed\b", proc.stdout), proc.stdout


def test_deploy_block(server: RunningEmulator) -> None:
    server.set_transition("describes:1")
    try:
        first = run_example(server, "deploy_block.py")
        again = run_example(server, "deploy_block.py")
    finally:
        server.set_transition("immediate")
    assert "Plan: 2 to create, 0 to release, 0 to revise, 0 to update, 0 unchanged" in first
    assert "deployment my-block-as-code-daily: created" in first
    assert first.rstrip().endswith("Plan: 0 to create, 0 to release, 0 to revise, 0 to update, 2 unchanged")
    assert again.rstrip().endswith("Plan: 0 to create, 0 to release, 0 to revise, 0 to update, 2 unchanged")
    spec = spec_named(server, "my-block-as-code")
    assert "[press-blocks fingerprint v1 artifact=sha256:" in spec["latestRelease"]["notes"]
