"""The emulator's schema errors name the failing field and say why, whatever union the field sits in."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from press_blocks.emulator._contract import contract
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._params import check_param_references

SPEC = "#/components/schemas/SpecCreateBody"
RELEASE = "#/components/schemas/ReleaseCreateBody"
DEFINITIONS = "#/components/schemas/ParameterDefinitionsInput"

WORKFLOW: dict[str, Any] = {
    "version": 1,
    "kind": "workflow",
    "metadata": {"name": "wf", "summary": "A workflow."},
    "release": {"version": "1.0.0"},
    "config": {
        "steps": {
            "build": {"type": "standard", "command": "python main.py", "resources": {"instanceTypeId": 21}},
            "notify": {"type": "http", "method": "post", "url": "https://example.com"},
            "dump": {"type": "export", "schema": "s", "table": "t", "sortBy": "c"},
        },
        "watchers": [{"user": "@param:who", "events": {"runtimeExceeded": "@param:minutes"}}],
    },
}


def errors(ref: str, value: Any, **kwargs: Any) -> list[str]:
    return contract().schema_errors(ref, value, **kwargs)


def changed(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    body = copy.deepcopy(WORKFLOW)
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return body


def test_a_valid_body_has_no_errors() -> None:
    assert errors(SPEC, WORKFLOW) == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("config", "steps", "build", "resources", "instanceTypeId"),
            "abc",
            'config.steps.build.resources.instanceTypeId: expected an integer or "@param:<name>", got "abc"',
        ),
        (
            ("config", "watchers", 0, "events", "runtimeExceeded"),
            "@parm:minutes",
            'config.watchers[0].events.runtimeExceeded: expected a number or "@param:<name>", got "@parm:minutes"',
        ),
        (
            ("config", "steps", "notify", "method"),
            "fetch",
            'config.steps.notify.method: expected one of "get", "post", "put", "patch", "delete", got "fetch"',
        ),
        (
            ("config", "steps", "dump", "type"),
            "exprt",
            'config.steps.dump.type: expected one of "standard", "http", "sql", "export", got "exprt"',
        ),
        (("config", "steps", "dump", "table"), None, "config.steps.dump.table: is required but missing"),
        (("config", "steps", "build", "command"), None, "config.steps.build.command: is required but missing"),
        (("kind",), "batch", 'kind: expected one of "workflow", "service", got "batch"'),
        (("kind",), None, 'kind: is required but missing (one of "workflow", "service")'),
        (("metadata", "name"), "", "metadata.name: must not be empty"),
    ],
)
def test_the_error_names_the_field_and_why(path: tuple[str | int, ...], value: Any, message: str) -> None:
    assert errors(SPEC, changed(path, value)) == [message]


def test_a_release_config_is_explained_through_the_branch_it_was_meant_for() -> None:
    # ReleaseCreateBody.config is anyOf a workflow or a service config: the workflow branch
    # got furthest, so its error is the one reported, not "serviceType is required".
    body = {"release": {"version": "2.0.0"}, "config": changed(("config", "steps", "build", "type"), None)["config"]}
    body["config"]["steps"]["build"]["stepTimeout"] = True
    assert errors(RELEASE, body) == ['config.steps.build.stepTimeout: expected a number or "@param:<name>", got true']


def test_where_prefixes_the_field() -> None:
    config = {"serviceType": "api", "minInstances": "one"}
    assert errors("#/components/schemas/ServiceConfig", config, where="config") == [
        'config.minInstances: expected an integer of at least 0 or "@param:<name>", got "one"'
    ]


def test_nested_conditions_are_checked() -> None:
    definitions = {
        "run": [
            {
                "name": "mode",
                "type": "string",
                "required": True,
                "conditions": [{"conditionType": "XOR", "conditions": [{"dependsOn": "a", "operator": "equals"}]}],
            }
        ]
    }
    assert errors(DEFINITIONS, definitions) == [
        'run[0].conditions[0].conditionType: expected one of "AND", "OR", got "XOR"'
    ]


def test_messages_are_short_and_do_not_repeat_the_body() -> None:
    body = copy.deepcopy(WORKFLOW)
    body["metadata"]["description"] = "x" * 5000
    for name in ("a", "b", "c", "d", "e", "f", "g"):
        body["config"]["steps"][name] = {"type": "standard", "command": "x", "stepTimeout": "long"}
    lines = errors(SPEC, body)
    assert len(lines) == 6
    assert lines[-1] == "… and 2 more"
    assert all(len(line) < 200 for line in lines)
    assert "xxxxxxxxxx" not in "".join(lines)


@pytest.mark.parametrize(
    ("text", "undefined"),
    [
        ("@param:host", None),
        ("@param:host/path", None),  # a reference followed by text
        ("https://@param:host:8080", None),
        ("@param:my name", None),  # a whole-string reference may name any parameter
        ("@param:instance_type", "instance_type"),
        ("@param:host and @param:port", "port"),
        ("no reference here", None),
    ],
)
def test_param_references_must_name_a_parameter(text: str, undefined: str | None) -> None:
    definitions = {"build": [{"name": "host", "type": "string"}], "run": [{"name": "my name", "type": "string"}]}
    config = {"resources": {"instanceTypeId": text}}
    if undefined is None:
        check_param_references(config, definitions)
        return
    with pytest.raises(ApiError) as caught:
        check_param_references(config, definitions)
    assert caught.value.status == 422
    assert caught.value.detail.startswith(f"config.resources.instanceTypeId: references '@param:{undefined}'")
