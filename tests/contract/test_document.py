"""The OpenAPI document is valid, and every example in it matches its schema."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.contract._document import example_cases, load_document, operations, resolve, schema_errors

DOCUMENT = load_document()
CASES = list(example_cases(DOCUMENT))


def test_document_is_valid_openapi_3_0_3() -> None:
    assert DOCUMENT["openapi"] == "3.0.3"
    validate(DOCUMENT)


def test_each_operation_is_one_method_on_one_path() -> None:
    pairs = [(method, path) for path, method, _ in operations(DOCUMENT)]
    assert pairs, "the document has no operation"
    assert len(pairs) == len(set(pairs))
    for path, _, operation in operations(DOCUMENT):
        item = DOCUMENT["paths"][path]
        declared = {
            resolve(DOCUMENT, p)["name"]
            for p in [*item.get("parameters", []), *operation.get("parameters", [])]
            if resolve(DOCUMENT, p)["in"] == "path"
        }
        assert declared == set(re.findall(r"\{([^}]+)\}", path)), (operation["operationId"], declared)


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


# --- the shape of the document (what the linters' rules do not cover) ------------------------

PARAM_WRAPPERS = {"ParamOrInteger", "ParamOrNumber", "ParamOrBoolean", "ParamOrStringList"}


def _inline_objects(node: Any, path: str) -> list[str]:
    """Paths of object schemas written inline below a component (``allOf`` parts excepted)."""
    found = []
    if isinstance(node, dict):
        if path.count("/") > 3 and (node.get("type") == "object" or "properties" in node):
            found.append(path)
        for key, value in node.items():
            if key != "allOf":
                found += _inline_objects(value, f"{path}/{key}")
            else:
                for index, part in enumerate(value):
                    found += [p for p in _inline_objects(part, f"{path}/allOf/{index}") if p.count("/") > 6]
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _inline_objects(value, f"{path}/{index}")
    return found


def test_every_object_is_a_named_component() -> None:
    # Nested inline objects make generators invent names (Spec1, Release3, ...).
    assert _inline_objects(DOCUMENT["components"]["schemas"], "#/components/schemas") == []
    for path, method, op in operations(DOCUMENT):
        assert _inline_objects(op, f"#/paths/{path}/{method}") == [], (method, path)


def test_every_operation_is_described() -> None:
    for path, method, op in operations(DOCUMENT):
        assert op.get("description", "").strip(), (method, path)


def test_every_json_response_has_an_example() -> None:
    for path, method, op in operations(DOCUMENT):
        for status, response in op["responses"].items():
            media = resolve(DOCUMENT, response).get("content", {}).get("application/json")
            if media is not None:
                assert "example" in media or media.get("examples"), (method, path, status)


def _typed_leaves(schema: Any, path: str, seen: set[str]) -> list[str]:
    """Paths of number/integer/boolean values under a config schema not wrapped to accept ``@param:``."""
    if isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in PARAM_WRAPPERS or name in seen:
            return []
        return _typed_leaves(resolve(DOCUMENT, schema), path, seen | {name})
    if not isinstance(schema, dict):
        return []
    if schema.get("type") in ("integer", "number", "boolean"):
        return [path]
    if any(resolve(DOCUMENT, part).get("pattern", "").startswith("^@param:") for part in schema.get("anyOf", [])):
        return []  # this value accepts a reference in place of its own type
    found = []
    for union in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(union, []):
            found += _typed_leaves(part, path, seen)
    for name, prop in schema.get("properties", {}).items():
        found += _typed_leaves(prop, f"{path}.{name}", seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            found += _typed_leaves(schema[key], f"{path}[]", seen)
    return found


@pytest.mark.parametrize("config", ["WorkflowConfig", "ServiceConfig"])
def test_every_typed_config_value_accepts_a_param_reference(config: str) -> None:
    # The service resolves "@param:<name>" in any config value, so a number, integer or
    # boolean field must also take one (anyOf the type and ParamRef).
    assert _typed_leaves({"$ref": f"#/components/schemas/{config}"}, "config", set()) == []
