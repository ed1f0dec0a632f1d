"""Every request file peak-sdk 1.29 documents for ``peak blocks`` goes through the client into the emulator.

The files (see :mod:`tests._peak_samples`) are sent as the ``peak`` command line would send
them, each key of a file becoming the argument of the same name, with two substitutions a
user makes too: the artifact path points at a real build context, and the deployment names
the id the workflow spec got. A broken copy of each is refused, naming the failing field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from press_blocks.demo._notebook_flow import write_artifact_dir
from press_blocks.emulator import Emulator, RunningEmulator
from press_blocks.errors import APIStatusError
from tests._peak_samples import ARGUMENT_OF, SAMPLE_FILES, Sample, broken, load_sample, samples_dir
from tests._peak_sdk import PeakSdkUnavailable

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(480)]

WORKFLOW = "specs/workflow"

# One breakage per file, of a value the service refuses: (where, new value, status, message part).
BREAKAGES: dict[str, tuple[tuple[str | int, ...], Any, int, str]] = {
    "specs/workflow/create_block_spec.yaml": (
        ("body", "config", "steps", "step1", "resources", "instanceTypeId"),
        "abc",
        400,
        'config.steps.step1.resources.instanceTypeId: expected an integer or "@param:<name>", got "abc"',
    ),
    "specs/service/api/create_block_spec.yaml": (
        ("body", "config", "resources", "instanceTypeId"),
        "@param:instance_type",
        422,
        "config.resources.instanceTypeId: references '@param:instance_type', which is not a build or run parameter",
    ),
    "specs/service/webapp/create_block_spec.yaml": (
        ("body", "config", "sessionStickiness"),
        "yes",
        400,
        'config.sessionStickiness: expected a boolean or "@param:<name>", got "yes"',
    ),
    "specs/workflow/create_block_spec_release.yaml": (
        ("body", "config", "watchers", 1, "events", "runtimeExceeded"),
        "ten",
        400,
        'config.watchers[1].events.runtimeExceeded: expected a number or "@param:<name>", got "ten"',
    ),
    "specs/service/api/create_block_spec_release.yaml": (
        ("body", "config", "minInstances"),
        "one",
        400,
        'config.minInstances: expected an integer of at least 0 or "@param:<name>", got "one"',
    ),
    "specs/service/webapp/create_block_spec_release.yaml": (
        ("parameters", "run", 5, "conditions", 0, "conditionType"),
        "XOR",
        400,
        'run[5].conditions[0].conditionType: expected one of "AND", "OR", got "XOR"',
    ),
    "specs/update_block_spec_metadata.yaml": (
        ("body", "metadata", "name"),
        "",
        400,
        "metadata.name: must not be empty",
    ),
    "deployments/create_block_deployment.yaml": (
        ("body", "spec", "release", "version"),
        1,
        400,
        "spec.release.version: expected a string, got 1",
    ),
    "deployments/create_block_deployment_revision.yaml": (
        ("body", "parameters", "run", "num_iterations"),
        "many",
        422,
        "run parameter 'num_iterations' must be a number",
    ),
    "deployments/patch_block_parameters.yaml": (
        ("body", "agg_type"),
        5,
        422,
        "run parameter 'agg_type' must be a string",
    ),
    "deployments/update_block_deployment_metadata.yaml": (("body", "name"), "", 400, "name: must not be empty"),
}


@pytest.fixture(scope="module", autouse=True)
def _samples_available() -> None:
    try:
        samples_dir()
    except PeakSdkUnavailable as exc:
        pytest.fail(f"cannot make the peak-sdk 1.29.0 virtualenv: {exc}", pytrace=False)


@pytest.fixture
def context(tmp_path: Path) -> Path:
    """A build context with the two ignore files the spec files name."""
    root = write_artifact_dir(tmp_path / "block")
    (root / ".gitignore").write_text("*.log\n")
    return root


class SampleRunner:
    """Sends request files through a client as the ``peak`` command line would, remembering created ids."""

    def __init__(self, client: Any, context: Path) -> None:
        self.client = client
        self.context = context
        self.spec_ids: dict[str, str] = {}
        self.deployment_id = ""

    def arguments(self, sample: Sample) -> dict[str, Any]:
        args = {ARGUMENT_OF[key]: value for key, value in sample.request.items()}
        if "artifact" in args:
            args["artifact"] = {**args["artifact"], "path": str(self.context)}
        return args

    def send(self, sample: Sample) -> Any:
        args = self.arguments(sample)
        client = self.client
        match sample.operation:
            case "createSpec":
                result = client.create_spec(**args)
                self.spec_ids[sample.folder] = result["id"]
                return result
            case "createSpecRelease":
                return client.create_spec_release(self.spec_ids[sample.folder], **args)
            case "updateSpecMetadata":
                # The file renames a workflow spec ("updated-workflow-block").
                return client.update_spec_metadata(self.spec_ids[WORKFLOW], **args)
            case "createDeployment":
                # The file deploys the workflow spec: its build and run parameters are that spec's.
                body = args["body"]
                body["spec"]["id"] = self.spec_ids[WORKFLOW]
                result = client.create_deployment(body)
                self.deployment_id = result["id"]
                return result
            case "createDeploymentRevision":
                return client.create_deployment_revision(self.deployment_id, **args)
            case "patchParameters":
                return client.patch_parameters(self.deployment_id, **args)
            case "updateDeploymentMetadata":
                return client.update_deployment_metadata(self.deployment_id, **args)
        raise AssertionError(f"{sample.name}: no client method for {sample.operation}")

    def run_all_before(self, name: str) -> None:
        """Send every file that comes before ``name`` in the documented order (what it depends on)."""
        for earlier in SAMPLE_FILES[: SAMPLE_FILES.index(name)]:
            self.send(load_sample(earlier))


@pytest.fixture
def runner(server: RunningEmulator, client_factory: Callable[..., Any], context: Path) -> SampleRunner:
    return SampleRunner(client_factory(server.base_url), context)


def test_every_documented_file_goes_through_the_client(emulator: Emulator, runner: SampleRunner) -> None:
    results = {name: runner.send(load_sample(name)) for name in SAMPLE_FILES}

    records = emulator.requests.records()
    assert [r.status for r in records] == [201] * 6 + [200, 201, 201, 200, 200], [(r.path, r.status) for r in records]
    assert {r.operation_id for r in records} == {load_sample(n).operation for n in SAMPLE_FILES}
    client = runner.client
    # What the files asked for was stored: conditional parameters, "@param:" references, step types.
    release = client.describe_spec_release(runner.spec_ids[WORKFLOW], "2.0.0")
    conditional = {p["name"]: p for p in release["parameters"]["run"]}["aggregation_method"]
    assert conditional["conditions"][0]["conditionType"] == "AND"
    assert "defaultValue" not in conditional or conditional["defaultValue"] is None
    steps = release["config"]["steps"]
    assert [steps[s]["type"] for s in ("step1", "step2", "step3", "step5")] == ["standard", "http", "sql", "export"]
    assert steps["step1"]["image"]["useCache"] == "@param:use_cache"
    api = client.describe_spec(runner.spec_ids["specs/service/api"])
    assert api["latestRelease"]["config"]["resources"]["instanceTypeId"] == "@param:instance_type_id"
    assert results["deployments/create_block_deployment_revision.yaml"]["revision"] == 2
    assert client.get_parameters(runner.deployment_id)["agg_type"] == "MAX"
    assert client.describe_spec(runner.spec_ids[WORKFLOW])["metadata"]["name"] == "updated-workflow-block"
    assert client.describe_deployment(runner.deployment_id)["metadata"]["name"] == "update-block-deployment"


@pytest.mark.parametrize("name", [n for n in SAMPLE_FILES if n.endswith("/create_block_spec.yaml")])
def test_spec_files_validate_without_creating(emulator: Emulator, runner: SampleRunner, name: str) -> None:
    args = runner.arguments(load_sample(name))
    assert runner.client.create_spec(**args, validate=True) == {"success": True, "message": "The spec is valid."}
    assert runner.client.list_specs(return_iterator=False)["specs"] == []


@pytest.mark.parametrize("name", [n for n in SAMPLE_FILES if n.endswith("/create_block_spec_release.yaml")])
def test_release_files_validate_without_creating(emulator: Emulator, runner: SampleRunner, name: str) -> None:
    spec = load_sample(name.replace("_release.yaml", ".yaml"))
    runner.send(spec)
    spec_id = runner.spec_ids[spec.folder]
    args = runner.arguments(load_sample(name))
    answer = runner.client.create_spec_release(spec_id, **args, validate=True)
    assert answer == {"success": True, "message": "The release is valid."}
    assert [r["version"] for r in runner.client.list_spec_releases(spec_id)] == ["1.0.0"]


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_a_broken_copy_is_refused_naming_the_field(emulator: Emulator, runner: SampleRunner, name: str) -> None:
    runner.run_all_before(name)
    where, value, status, message = BREAKAGES[name]
    with pytest.raises(APIStatusError) as caught:
        runner.send(broken(load_sample(name), where, value))
    assert caught.value.status_code == status
    detail = caught.value.detail or ""
    assert message in detail, detail
    # The message names the field; it does not repeat the request body.
    assert len(detail) < 400, detail


def test_the_breakages_cover_every_file() -> None:
    assert set(BREAKAGES) == set(SAMPLE_FILES)
