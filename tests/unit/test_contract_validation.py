"""The compiled contract: the fast check never passes what jsonschema refuses; strict mode finds drift."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from press_blocks._contract_validation import CompiledContract, compiled_contract, escape, load_document

DOCUMENT = load_document()


def media_examples() -> Iterator[tuple[str, str, Any]]:
    """Every (schema pointer, read/write, example) the document's request and response media carry."""
    for path, item in DOCUMENT["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            base = f"#/paths/{escape(path)}/{method}"
            for status, response in op["responses"].items():
                pointer = f"{base}/responses/{escape(status)}"
                if "$ref" in response:
                    pointer = response["$ref"]
                resolved = CompiledContract(DOCUMENT).resolve(response)
                for media, entry in resolved.get("content", {}).items():
                    yield from _examples(f"{pointer}/content/{escape(media)}/schema", "read", entry)
            body = op.get("requestBody", {})
            for media, entry in body.get("content", {}).items():
                if media == "application/json":
                    yield from _examples(f"{base}/requestBody/content/{escape(media)}/schema", "write", entry)


def _examples(pointer: str, mode: str, entry: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    if "example" in entry:
        yield pointer, mode, entry["example"]
    for example in entry.get("examples", {}).values():
        resolved = CompiledContract(DOCUMENT).resolve(example)
        if "value" in resolved:
            yield pointer, mode, resolved["value"]


def mutations(value: Any, depth: int = 0) -> Iterator[Any]:
    """The value with one thing changed: a key dropped, a value of another type, an extra key."""
    if not isinstance(value, dict) or depth > 2:
        return
    yield {**value, "zzUnknown": 1}
    for key, inner in value.items():
        yield {k: v for k, v in value.items() if k != key}
        for other in (12345, "text", None, [], True, {"a": 1}):
            yield {**value, key: other}
        for changed in mutations(inner, depth + 1):
            yield {**value, key: changed}
        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
            for changed in mutations(inner[0], depth + 1):
                yield {**value, key: [changed, *inner[1:]]}


CASES = list(media_examples())


def test_the_document_has_examples_to_check() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_the_fast_check_never_passes_what_jsonschema_refuses(strict: bool) -> None:
    contract = CompiledContract(DOCUMENT, strict=strict)
    checked = refused = 0
    for pointer, mode, example in CASES:
        validator = contract.validator(pointer, mode=mode)
        check = contract._checks[(pointer, mode)]
        assert check is not None, f"no fast check for {pointer}"
        for value in [example, *mutations(copy.deepcopy(example))]:
            slow = list(validator.iter_errors(value))
            fast = check(value)
            checked += 1
            refused += bool(slow)
            assert not (fast and slow), f"{pointer}: the fast check passed {value!r}, jsonschema refused it: {slow}"
            if not strict:
                assert fast == (not slow), f"{pointer}: the fast check is stricter than the document on {value!r}"
    assert checked > 1000
    assert refused > checked // 4  # the mutations do break things


def test_examples_match_the_lenient_document() -> None:
    contract = compiled_contract()
    for pointer, mode, example in CASES:
        assert contract.errors(pointer, example, mode=mode) == [], pointer


DESCRIBED = {
    "id": "s1",
    "kind": "workflow",
    "featured": False,
    "scope": "private",
    "metadata": {"name": "n", "status": "available", "createdAt": "2024-01-01T00:00:00Z"},
}


def test_strict_mode_reports_each_kind_of_drift_with_its_path() -> None:
    strict = compiled_contract(strict=True)
    lenient = compiled_contract()
    body = copy.deepcopy(DESCRIBED)
    body["surprise"] = {"secret": "hunter2"}  # not named by the document
    body["scope"] = "galactic"  # OpenScope: a string passes leniently, not strictly
    body["featured"] = "yes"  # a changed type
    del body["kind"]  # a required property missing
    found = {(d.path, d.kind) for d in strict.response_differences("describeSpec", 200, "application/json", data=body)}
    assert ("$.surprise", "unknown-property") in found
    assert ("$.scope", "unknown-value") in found
    assert ("$.featured", "wrong-type") in found
    assert ("$.kind", "missing-required") in found
    loose = {(d.path, d.kind) for d in lenient.response_differences("describeSpec", 200, "application/json", data=body)}
    assert ("$.scope", "unknown-value") not in loose


def test_unknown_status_and_content_type_are_differences() -> None:
    contract = compiled_contract(strict=True)
    [status] = contract.response_differences("describeSpec", 418, "application/json", data={})
    assert status.kind == "unknown-status"
    [media] = contract.response_differences("describeSpec", 200, "text/html", body=b"<html>")
    assert media.kind == "unknown-content-type"
    [broken] = contract.response_differences("describeSpec", 200, "application/json", body=b"{not json")
    assert broken.kind == "not-json"


def test_samples_never_show_other_strings() -> None:
    contract = compiled_contract(strict=True)
    body = {**DESCRIBED, "token": "tok-very-secret", "featured": "tok-very-secret"}
    differences = contract.response_differences("describeSpec", 200, "application/json", data=body)
    assert differences
    assert all("tok-very-secret" not in d.sample and "tok-very-secret" not in d.message for d in differences)


SCHEMAS = [
    {"nullable": True, "allOf": [{"type": "object"}]},
    {"nullable": True, "anyOf": [{"type": "string"}, {"type": "integer"}]},
    {"nullable": True, "enum": ["a"]},
    {"nullable": True, "type": "string", "format": "date-time"},
    {"type": "object", "nullable": True, "properties": {"a": {"type": "integer"}}, "required": ["a"]},
    {"type": "integer", "minimum": 1, "maximum": 3},
    {"type": "number", "minimum": 0, "exclusiveMinimum": True},
    {"enum": [1, True, "1"]},
    {"type": "array", "items": {"type": "string", "pattern": "^a"}, "minItems": 1},
    {"oneOf": [{"type": "string"}, {"type": "string", "minLength": 2}]},
    {"type": "object", "additionalProperties": False, "properties": {"a": {}}},
    {"type": "object", "additionalProperties": {"type": "boolean"}},
    {"not": {"type": "string"}},
]
VALUES = [
    None,
    "",
    "a",
    "ab",
    "2020-01-01T00:00:00Z",
    0,
    1,
    2,
    5,
    1.0,
    0.5,
    True,
    False,
    [],
    ["a"],
    ["b"],
    {},
    {"a": 1},
]


@pytest.mark.parametrize("schema", SCHEMAS, ids=[str(i) for i in range(len(SCHEMAS))])
def test_the_fast_check_agrees_with_jsonschema_on_small_schemas(schema: dict[str, Any]) -> None:
    from openapi_schema_validator import OAS30ReadValidator

    from press_blocks._schema_check import compile_check

    slow = OAS30ReadValidator(schema, format_checker=OAS30ReadValidator.FORMAT_CHECKER)
    check = compile_check(
        schema, resolve=lambda ref: {}, format_ok=OAS30ReadValidator.FORMAT_CHECKER.conforms, known_keyword="x-k"
    )
    for value in VALUES:
        refused = list(slow.iter_errors(value))
        assert not (check(value) and refused), f"the fast check passed {value!r}, jsonschema refused it: {refused}"
        assert check(value) == (not refused), f"the fast check is stricter than jsonschema on {value!r}"
