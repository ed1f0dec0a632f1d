"""Loading the OpenAPI document and validating values against its schemas, for the contract tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_PATH = ROOT / "openapi" / "press-blocks.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def load_document(path: Path = DOCUMENT_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        document: dict[str, Any] = yaml.safe_load(fh)
    return document


def resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref`` pointers until a non-reference node is reached."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_errors(document: dict[str, Any], schema: dict[str, Any], value: Any) -> list[str]:
    """Return the validation errors of ``value`` against ``schema`` (refs resolved in ``document``)."""
    root = dict(schema)
    root["components"] = document["components"]
    validator = OAS30Validator(root)
    return [
        f"{'/'.join(map(str, err.absolute_path)) or '<root>'}: {err.message}" for err in validator.iter_errors(value)
    ]


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def json_parts(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Map each multipart property that carries JSON to the schema (``x-json-schema``) it must match."""
    props = resolve(document, schema).get("properties", {})
    return {
        name: {"$ref": prop["x-json-schema"]}
        for name, prop in props.items()
        if isinstance(prop, dict) and "x-json-schema" in prop
    }


def example_cases(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """Yield ``(label, schema, value)`` for every example in the document.

    Covers named examples in ``components/examples`` (checked against ``x-schema``), and
    every ``example``/``examples`` of a media type; JSON-bearing multipart parts are
    decoded and checked against their ``x-json-schema`` too.
    """
    for name, example in document["components"].get("examples", {}).items():
        yield f"components/examples/{name}", {"$ref": example["x-schema"]}, example["value"]
    for path, method, op in operations(document):
        media: list[tuple[str, dict[str, Any]]] = []
        if "requestBody" in op:
            for ctype, m in resolve(document, op["requestBody"])["content"].items():
                media.append((f"{method.upper()} {path} request {ctype}", m))
        for status, response in op.get("responses", {}).items():
            for ctype, m in resolve(document, response).get("content", {}).items():
                media.append((f"{method.upper()} {path} {status} {ctype}", m))
        for label, m in media:
            values = []
            if "example" in m:
                values.append(("example", m["example"]))
            for ex_name, ex in m.get("examples", {}).items():
                values.append((ex_name, resolve(document, ex)["value"]))
            for ex_label, value in values:
                yield f"{label} [{ex_label}]", m["schema"], value
                if isinstance(value, dict):
                    for part, part_schema in json_parts(document, m["schema"]).items():
                        if part in value:
                            yield f"{label} [{ex_label}] part {part}", part_schema, json.loads(value[part])


def error_paths(document: dict[str, Any], schema: dict[str, Any], value: Any) -> set[str]:
    """Return the paths (``a/b/0``) of every failing field, looking inside ``anyOf``/``oneOf`` failures too."""
    root = dict(schema)
    root["components"] = document["components"]
    paths: set[str] = set()
    pending = list(OAS30Validator(root).iter_errors(value))
    while pending:
        err = pending.pop()
        paths.add("/".join(map(str, err.absolute_path)))
        pending.extend(err.context or ())
    return paths
