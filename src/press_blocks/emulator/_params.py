"""Build and run parameters: checking definitions, resolving values against them, masking hidden ones.

The emulator checks only what it can know. A parameter's ``conditions`` (when it applies,
by the values of others) are stored and described but not evaluated, so a conditional
parameter left without a value is not refused as missing: the service may find it does not
apply. ``"@param:<name>"`` references in a config must name a parameter of the release.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from press_blocks.emulator._errors import ApiError

__all__ = [
    "MASK",
    "check_definitions",
    "check_param_references",
    "describe_values",
    "resolve_values",
]

MASK = "*****"
KINDS = ("build", "run")
_PARAM_REF = re.compile(r"@param:([A-Za-z0-9_.\-]+)")
_WHOLE_REF = re.compile(r"@param:(.+)", re.DOTALL)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _matches(ptype: str, value: Any) -> bool:
    """Return whether ``value`` has the shape parameter type ``ptype`` asks for."""
    element = ptype.removesuffix("_array")
    if element != ptype:
        return isinstance(value, list) and all(_matches(element, item) for item in value)
    if ptype == "boolean":
        return isinstance(value, bool)
    if ptype == "string":
        return isinstance(value, str)
    if ptype == "number":
        return _is_number(value)
    if ptype == "object":
        return isinstance(value, dict)
    return False


def _in_options(definition: Mapping[str, Any], value: Any) -> bool:
    options = definition.get("options")
    if not options:
        return True
    allowed = [opt.get("value") for opt in options if isinstance(opt, dict)]
    # For array types each element must be one of the options.
    if isinstance(value, list) and str(definition.get("type", "")).endswith("_array"):
        return all(item in allowed for item in value)
    return value in allowed


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_definitions(parameters: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Check a release's parameter definitions; return them as ``{build: [...], run: [...]}`` (422 if inconsistent)."""
    result: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        definitions = list(parameters.get(kind) or [])
        seen: set[str] = set()
        for definition in definitions:
            name = definition["name"]
            if name in seen:
                raise ApiError(422, f"{kind} parameter {name!r} is defined twice")
            seen.add(name)
            ptype = definition["type"]
            for option in definition.get("options") or []:
                option_value = option.get("value")
                element_type = ptype.removesuffix("_array")
                if option_value is not None and not _matches(element_type, option_value):
                    raise ApiError(422, f"an option of {kind} parameter {name!r} is not a {element_type}")
            default = definition.get("defaultValue")
            if default is not None:
                if not _matches(ptype, default):
                    raise ApiError(422, f"the default value of {kind} parameter {name!r} is not a {ptype}")
                if not _in_options(definition, default):
                    raise ApiError(422, f"the default value of {kind} parameter {name!r} is not one of its options")
        result[kind] = [dict(d) for d in definitions]
    return result


def _strings(node: Any, path: str = "config") -> Iterator[tuple[str, str]]:
    """Yield ``(field path, string)`` for every string in ``node``, keys included."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key, path)
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _strings(item, f"{path}[{index}]")


def _undefined_reference(text: str, defined: set[str]) -> str | None:
    """Return the name of a ``"@param:"`` reference in ``text`` that ``defined`` lacks, if any.

    A string that is wholly a reference may name any parameter (``"@param:my name"``); inside
    a longer string a name is letters, digits, ``_``, ``.`` and ``-``. Either reading that
    names defined parameters is accepted, as the service's own reading is not known.
    """
    whole = _WHOLE_REF.fullmatch(text)
    if whole is not None and whole.group(1) in defined:
        return None
    names: list[str] = _PARAM_REF.findall(text)
    missing = [name for name in names if name not in defined]
    if missing:
        return missing[0]
    return whole.group(1) if whole is not None and not names else None


def check_param_references(config: Any, definitions: Mapping[str, list[dict[str, Any]]]) -> None:
    """Raise a 422 naming the field if a ``"@param:<name>"`` in ``config`` names a parameter the release lacks."""
    defined = {d["name"] for kind in KINDS for d in definitions.get(kind, [])}
    for field, text in _strings(config):
        name = _undefined_reference(text, defined)
        if name is not None:
            known = ", ".join(sorted(defined)) or "none"
            raise ApiError(
                422,
                f"{field}: references '@param:{name}', which is not a build or run parameter of the release"
                f" (defined: {known})",
            )


def resolve_values(
    kind: str,
    definitions: list[dict[str, Any]],
    given: Mapping[str, Any],
) -> dict[str, Any]:
    """Check ``given`` values against the definitions, fill defaults in, and return every defined parameter's value.

    Unknown names, wrong types, values outside the options and required parameters left
    without a value are 422s. A ``null`` value counts as not given.
    """
    by_name = {d["name"]: d for d in definitions}
    for name in given:
        if name not in by_name:
            raise ApiError(422, f"{kind} parameter {name!r} is not defined by the release")
    values: dict[str, Any] = {}
    for definition in definitions:
        name = definition["name"]
        value = given.get(name)
        if value is None:
            value = definition.get("defaultValue")
        if value is None:
            # A conditional parameter may not apply; its conditions are not evaluated here.
            if definition.get("required") and not definition.get("conditions"):
                raise ApiError(422, f"{kind} parameter {name!r} is required")
            values[name] = None
            continue
        ptype = definition["type"]
        # An answer names a hidden parameter's value no more than a describe shows it.
        shown = f"its (hidden) {type(value).__name__}" if definition.get("hideValue") else _describe(value)
        if not _matches(ptype, value):
            raise ApiError(422, f"{kind} parameter {name!r} must be a {ptype}, not {shown}")
        if not _in_options(definition, value):
            raise ApiError(422, f"{kind} parameter {name!r}: {shown} is not one of its options")
        values[name] = value
    return values


def describe_values(
    definitions: list[dict[str, Any]], values: Mapping[str, Any], *, mask: bool
) -> list[dict[str, Any]]:
    """Return ``[{name, value, type, hideValue?}]`` for a deployment; hidden values masked when ``mask``."""
    items = []
    for definition in definitions:
        name = definition["name"]
        hidden = bool(definition.get("hideValue"))
        item: dict[str, Any] = {"name": name, "value": values.get(name), "type": definition["type"]}
        if hidden:
            item["hideValue"] = True
            if mask and item["value"] is not None:
                item["value"] = MASK
        items.append(item)
    return items
