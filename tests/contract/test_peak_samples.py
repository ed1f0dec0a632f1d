"""Every request file peak-sdk 1.29 documents for ``peak blocks`` matches the document; broken copies do not.

The files are read from the peak-sdk virtualenv the suite builds (see :mod:`tests._peak_samples`).
Each is checked as the client sends it: JSON bodies against the operation's body schema,
spec files as the multipart form (with its JSON parts against their ``x-json-schema``), and a
release's config against the config schema of its spec's kind, as the service does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests._peak_samples import DELETE, KIND_OF, OPERATION_OF, SAMPLE_FILES, Sample, broken, load_sample, samples_dir
from tests._peak_sdk import PeakSdkUnavailable
from tests.contract._document import error_paths, json_parts, load_document, operations, resolve, schema_errors

pytestmark = pytest.mark.timeout(480)

DOCUMENT = load_document()
OPERATIONS = {op["operationId"]: op for _, _, op in operations(DOCUMENT)}
FORM_TEXT = ("scope",)
FORM_JSON = ("featured", "autoRunOnDeploy", "tenants", "parameters")

# One breakage per file, each of a value the document must refuse: (where, new value, failing field).
BREAKAGES: dict[str, tuple[tuple[str | int, ...], Any, str]] = {
    "specs/workflow/create_block_spec.yaml": (
        ("body", "config", "steps", "step1", "resources", "instanceTypeId"),
        "abc",
        "config/steps/step1/resources/instanceTypeId",
    ),
    "specs/service/api/create_block_spec.yaml": (
        ("body", "config", "resources", "instanceTypeId"),
        2.5,
        "config/resources/instanceTypeId",
    ),
    "specs/service/webapp/create_block_spec.yaml": (
        ("body", "config", "sessionStickiness"),
        "yes",
        "config/sessionStickiness",
    ),
    "specs/workflow/create_block_spec_release.yaml": (
        ("body", "config", "watchers", 1, "events", "runtimeExceeded"),
        "ten",
        "config/watchers/1/events/runtimeExceeded",
    ),
    "specs/service/api/create_block_spec_release.yaml": (
        ("body", "config", "minInstances"),
        "one",
        "minInstances",
    ),
    "specs/service/webapp/create_block_spec_release.yaml": (
        ("parameters", "run", 5, "conditions", 0, "conditionType"),
        "XOR",
        "run/5/conditions/0/conditionType",
    ),
    "specs/update_block_spec_metadata.yaml": (("body", "metadata", "status"), "gone", "metadata/status"),
    "deployments/create_block_deployment.yaml": (("body", "spec", "id"), DELETE, "spec"),
    "deployments/create_block_deployment_revision.yaml": (("body", "revision", "notes"), 5, "revision/notes"),
    "deployments/patch_block_parameters.yaml": (("body",), ["MAX"], ""),
    "deployments/update_block_deployment_metadata.yaml": (("body", "tags"), "CLI", "tags"),
}


@pytest.fixture(scope="module")
def sample_root() -> Path:
    try:
        return samples_dir()
    except PeakSdkUnavailable as exc:
        pytest.fail(f"cannot make the peak-sdk 1.29.0 virtualenv: {exc}", pytrace=False)


def _config_schema_of(kind: str) -> dict[str, Any]:
    """The config schema of a spec kind, read from the spec body's discriminator (as the emulator does)."""
    body = DOCUMENT["components"]["schemas"]["SpecCreateBody"]
    variant = resolve(DOCUMENT, {"$ref": body["discriminator"]["mapping"][kind]})
    config: dict[str, Any] = variant["properties"]["config"]
    return config


def checks(sample: Sample) -> list[tuple[str, dict[str, Any], Any]]:
    """``(label, schema, value)`` for everything of ``sample`` that goes on the wire."""
    request = sample.request
    op = OPERATIONS[sample.operation]
    content = resolve(DOCUMENT, op["requestBody"])["content"]
    if "application/json" in content:
        return [("body", content["application/json"]["schema"], request["body"])]
    form_schema = content["multipart/form-data"]["schema"]
    form = {"spec": json.dumps(request["body"])}
    form.update({key: str(request[key]) for key in FORM_TEXT if key in request})
    form.update({key: json.dumps(request[key]) for key in FORM_JSON if key in request})
    result: list[tuple[str, dict[str, Any], Any]] = [("form", form_schema, form)]
    result += [
        (f"part {part}", schema, json.loads(form[part]))
        for part, schema in json_parts(DOCUMENT, form_schema).items()
        if part in form
    ]
    if sample.operation == "createSpecRelease":
        kind = KIND_OF[sample.folder]
        result.append((f"config of a {kind} spec", _config_schema_of(kind), request["body"]["config"]))
    return result


def test_the_documented_files_are_all_here(sample_root: Path) -> None:
    found = {str(path.relative_to(sample_root)) for path in sample_root.rglob("*.yaml")}
    assert found == set(SAMPLE_FILES)
    assert {Path(name).stem for name in SAMPLE_FILES} == set(OPERATION_OF)
    assert set(BREAKAGES) == set(SAMPLE_FILES)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_matches_the_document(sample_root: Path, name: str) -> None:
    sample = load_sample(name)
    for label, schema, value in checks(sample):
        assert schema_errors(DOCUMENT, schema, value) == [], f"{name}: {label}"


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_broken_sample_is_refused_at_the_field(sample_root: Path, name: str) -> None:
    where, value, field = BREAKAGES[name]
    sample = broken(load_sample(name), where, value)
    failing: set[str] = set()
    for _, schema, part in checks(sample):
        failing |= error_paths(DOCUMENT, schema, part)
    assert field in failing, f"{name}: expected a failure at {field!r}, got {sorted(failing)}"


def test_param_references_are_accepted_only_where_written_as_such() -> None:
    config = {"serviceType": "api", "resources": {"instanceTypeId": "@param:size"}, "minInstances": "@param:n"}
    schema = _config_schema_of("service")
    assert schema_errors(DOCUMENT, schema, config) == []
    config["resources"]["instanceTypeId"] = "param:size"
    assert "resources/instanceTypeId" in error_paths(DOCUMENT, schema, config)
