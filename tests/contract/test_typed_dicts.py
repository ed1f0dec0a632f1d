"""The TypedDict generator (codegen/typed_dicts.py) and the types it wrote into generated/."""

from __future__ import annotations

import importlib.util
import sys
import typing
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "openapi" / "press-blocks.yaml"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_typed_dicts_generator", ROOT / "codegen" / "typed_dicts.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _render(schemas: dict[str, object], tmp_path: Path) -> ModuleType:
    source = _generator().render({"components": {"schemas": schemas}})
    path = tmp_path / "rendered_typed_dicts.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("rendered_typed_dicts", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_object_schema_becomes_typeddict_with_not_required_keys(tmp_path: Path) -> None:
    module = _render(
        {
            "Thing": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "count": {"type": "integer"}},
            }
        },
        tmp_path,
    )
    assert typing.is_typeddict(module.Thing)
    assert module.Thing.__required_keys__ == frozenset({"id"})
    assert module.Thing.__optional_keys__ == frozenset({"count"})
    hints = typing.get_type_hints(module.Thing)
    assert hints == {"id": str, "count": int}


def test_closed_enum_is_a_literal_and_open_enum_is_str(tmp_path: Path) -> None:
    module = _render(
        {
            "Colour": {"type": "string", "enum": ["red", "blue"]},
            "OpenColour": {"anyOf": [{"$ref": "#/components/schemas/Colour"}, {"type": "string"}]},
            "Paint": {
                "type": "object",
                "properties": {
                    "asked": {"$ref": "#/components/schemas/Colour"},
                    "seen": {"$ref": "#/components/schemas/OpenColour"},
                    "inline": {"anyOf": [{"type": "string", "enum": ["x"]}, {"type": "string"}]},
                },
            },
        },
        tmp_path,
    )
    assert typing.get_args(module.Colour) == ("red", "blue")
    assert module.OpenColour is str
    hints = typing.get_type_hints(module.Paint)
    assert typing.get_args(hints["asked"]) == ("red", "blue")
    assert hints["seen"] is str
    assert hints["inline"] is str


def test_inline_objects_are_named_after_their_place_and_nullable_is_optional(tmp_path: Path) -> None:
    module = _render(
        {
            "Deployment": {
                "type": "object",
                "properties": {
                    "parent": {"type": "object", "nullable": True, "properties": {"id": {"type": "string"}}},
                    "tags": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "number"}}}},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "extra": {"type": "object"},
                },
            }
        },
        tmp_path,
    )
    assert typing.is_typeddict(module.DeploymentParent)
    assert typing.is_typeddict(module.DeploymentTagsItem)
    hints = typing.get_type_hints(module.Deployment)
    assert hints["parent"] == module.DeploymentParent | None
    assert hints["tags"] == list[module.DeploymentTagsItem]
    assert hints["labels"] == dict[str, str]
    assert hints["extra"] == dict[str, typing.Any]


def test_multipart_forms_are_left_out(tmp_path: Path) -> None:
    module = _render(
        {"Form": {"type": "object", "properties": {"artifact": {"type": "string", "format": "binary"}}}}, tmp_path
    )
    assert not hasattr(module, "Form")


def test_generated_module_has_a_typeddict_for_every_json_object_schema() -> None:
    from press_blocks_api import typed_dicts

    schemas = yaml.safe_load(DOCUMENT.read_text())["components"]["schemas"]
    for name, schema in schemas.items():
        properties = schema.get("properties", {})
        if any(p.get("format") == "binary" for p in properties.values()):
            assert not hasattr(typed_dicts, name)
            continue
        assert name in typed_dicts.__all__, name
        if schema.get("type") == "object" and properties:
            cls = getattr(typed_dicts, name)
            assert typing.is_typeddict(cls), name
            assert set(cls.__required_keys__) == set(schema.get("required", [])), name
            assert set(cls.__annotations__) == set(properties), name


@pytest.mark.parametrize("name", ["Spec", "Release", "Deployment", "Revision", "IdResponse", "ValidationResult"])
def test_response_types_resolve_at_runtime(name: str) -> None:
    from press_blocks_api import typed_dicts

    # get_type_hints evaluates every (lazy) annotation: a dangling name would raise here.
    assert typing.get_type_hints(getattr(typed_dicts, name))


def test_a_reference_to_a_nullable_object_schema_admits_none(tmp_path: Path) -> None:
    """In OpenAPI 3.0.3 ``nullable`` beside a ``$ref`` is ignored: the target schema says whether null is allowed."""
    module = _render(
        {
            "Deployment": {
                "type": "object",
                "properties": {
                    "parent": {"$ref": "#/components/schemas/Parent"},
                    "owner": {"$ref": "#/components/schemas/Owner"},
                },
            },
            "Parent": {"type": "object", "nullable": True, "properties": {"id": {"type": "string"}}},
            "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        },
        tmp_path,
    )
    hints = typing.get_type_hints(module.Deployment)
    assert hints["parent"] == module.Parent | None
    assert hints["owner"] == module.Owner


def test_deployment_parent_is_none_able_as_the_contract_and_the_emulator_say() -> None:
    from press_blocks_api import typed_dicts

    from press_blocks import types

    schemas = yaml.safe_load(DOCUMENT.read_text())["components"]["schemas"]
    assert schemas["DeploymentParent"]["nullable"] is True
    assert typing.get_type_hints(types.Deployment)["parent"] == typed_dicts.DeploymentParent | None
