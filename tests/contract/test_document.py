"""The OpenAPI document is valid, and every example in it matches its schema."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.contract._document import example_cases, load_document, operations, resolve, schema_errors

DOCUMENT = load_document()
CASES = list(example_cases(DOCUMENT))


def test_document_is_valid_openapi_3_0_3() -> None:
    assert DOCUMENT["openapi"] == "3.0.3"
    validate(DOCUMENT)


def test_document_has_every_seed_operation() -> None:
    found = {(method, path) for path, method, _ in operations(DOCUMENT)}
    expected = {
        ("get", "/v1/blocks/specs/"),
        ("post", "/v1/blocks/specs/"),
        ("get", "/v1/blocks/specs/{specId}"),
        ("patch", "/v1/blocks/specs/{specId}"),
        ("delete", "/v1/blocks/specs/{specId}"),
        ("get", "/v1/blocks/specs/{specId}/releases"),
        ("post", "/v1/blocks/specs/{specId}/releases"),
        ("get", "/v1/blocks/specs/{specId}/releases/{release}"),
        ("get", "/v1/blocks/deployments/"),
        ("post", "/v1/blocks/deployments/"),
        ("get", "/v1/blocks/deployments/{deploymentId}"),
        ("patch", "/v1/blocks/deployments/{deploymentId}"),
        ("delete", "/v1/blocks/deployments/{deploymentId}"),
        ("post", "/v1/blocks/deployments/{deploymentId}/redeploy"),
        ("get", "/v1/blocks/deployments/{deploymentId}/revisions"),
        ("post", "/v1/blocks/deployments/{deploymentId}/revisions"),
        ("get", "/v1/blocks/deployments/{deploymentId}/revisions/{revision}"),
        ("get", "/v1/deployments/{deploymentId}/parameters/run"),
        ("patch", "/v1/deployments/{deploymentId}/parameters/run"),
        ("get", "/v1/apps/deployments/{deploymentId}"),
    }
    assert found == expected


def test_operation_ids_are_unique_and_tagged() -> None:
    ids = [op["operationId"] for _, _, op in operations(DOCUMENT)]
    assert len(ids) == len(set(ids))
    tags = {t["name"] for t in DOCUMENT["tags"]}
    assert tags == {"Block Specs", "Block Deployments", "Deployment Parameters", "App Deployments"}
    for _, _, op in operations(DOCUMENT):
        assert op["tags"]
        assert set(op["tags"]) <= tags


def test_list_parameters_are_repeated_keys() -> None:
    for path, method, op in operations(DOCUMENT):
        params = [resolve(DOCUMENT, p) for p in op.get("parameters", [])]
        for param in params:
            if param["schema"].get("type") == "array":
                assert param.get("style", "form") == "form", (method, path, param["name"])
                assert param.get("explode", True) is True, (method, path, param["name"])


def test_the_seed_payloads_are_all_present() -> None:
    names = set(DOCUMENT["components"]["examples"])
    for required in (
        "workflowPrivateSpecBody",
        "workflowSharedSpecBody",
        "servicePrivateSpecBody",
        "serviceSharedSpecBody",
        "parameterDefinitions",
        "workflowReleaseBody",
        "serviceReleaseBody",
        "updateSpecMetadataBody",
        "createDeploymentBody",
        "updateDeploymentMetadataBody",
        "patchParametersBody",
        "createRevisionBody",
        "listSpecsResponse",
        "describeSpecResponse",
        "describeReleaseResponse",
        "listReleasesResponse",
        "listDeploymentsResponse",
        "describeDeploymentResponse",
        "describeRevisionResponse",
        "listRevisionsResponse",
    ):
        assert required in names


@pytest.mark.parametrize(("label", "schema", "value"), CASES, ids=[c[0] for c in CASES])
def test_example_matches_its_schema(label: str, schema: dict[str, Any], value: Any) -> None:
    assert schema_errors(DOCUMENT, schema, value) == []


def _seed(name: str) -> tuple[dict[str, Any], Any]:
    example = DOCUMENT["components"]["examples"][name]
    return {"$ref": example["x-schema"]}, copy.deepcopy(example["value"])


@pytest.mark.parametrize(
    ("name", "breakage"),
    [
        ("workflowPrivateSpecBody", lambda v: v.update(kind="batch")),
        ("workflowPrivateSpecBody", lambda v: v["metadata"].pop("name")),
        ("serviceSharedSpecBody", lambda v: v["config"].update(serviceType="desktop")),
        ("parameterDefinitions", lambda v: v["run"][0].update(type="date")),
        ("parameterDefinitions", lambda v: v["run"][1].pop("required")),
        ("createDeploymentBody", lambda v: v["spec"].pop("id")),
        ("updateSpecMetadataBody", lambda v: v.update(scope="everyone")),
        ("listSpecsResponse", lambda v: v.pop("pageCount")),
        ("workflowSharedSpecBody", lambda v: v["config"]["watchers"][1]["webhook"].pop("url")),
    ],
)
def test_a_broken_seed_payload_is_rejected(name: str, breakage: Any) -> None:
    schema, value = _seed(name)
    assert schema_errors(DOCUMENT, schema, value) == []
    breakage(value)
    assert schema_errors(DOCUMENT, schema, value) != []


def test_response_enums_are_open() -> None:
    # A newer service may send a kind or status this document does not know yet.
    schema, value = _seed("listSpecsResponse")
    value["specs"][0]["kind"] = "pipeline"
    value["specs"][0]["scope"] = "organisation"
    value["specs"][0]["brandNewField"] = {"x": 1}
    assert schema_errors(DOCUMENT, schema, value) == []
