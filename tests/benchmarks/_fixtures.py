"""Payloads shared by the benchmark server and drivers, taken from the OpenAPI document's examples."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "openapi" / "press-blocks.yaml"
SPEC_ID = "0bddb4c6-40c5-45c3-b477-fceb2c051609"


@cache
def _examples() -> dict[str, Any]:
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    examples: dict[str, Any] = document["components"]["examples"]
    return examples


def example(name: str) -> Any:
    """Return a deep copy of the value of one of the document's examples."""
    return copy.deepcopy(_examples()[name]["value"])


def describe_spec_response(spec_id: str) -> dict[str, Any]:
    """The seed's describe_spec answer, with another id."""
    spec: dict[str, Any] = example("describeSpecResponse")
    spec["id"] = spec_id
    return spec


def list_spec_item(index: int) -> dict[str, Any]:
    """One spec of a list_specs page; ids are ``spec-00000``, ``spec-00001``, ... in listing order."""
    item: dict[str, Any] = copy.deepcopy(_examples()["listSpecsResponse"]["value"]["specs"][0])
    item["id"] = f"spec-{index:05d}"
    item["metadata"] = {**item.get("metadata", {}), "name": f"spec-{index:05d}"}
    return item


def create_spec_body() -> dict[str, Any]:
    """The notebook's private workflow spec (a valid ``SpecCreateBody``)."""
    body: dict[str, Any] = example("workflowPrivateSpecBody")
    return body
