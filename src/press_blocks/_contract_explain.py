"""Turning jsonschema errors into one readable problem per failing field: where, what was expected, what came.

Shared by the emulator's 400s, ``press-blocks verify`` and the library's on-demand response
validation. It reads error objects only (``jsonschema`` need not be importable to import it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_ERRORS", "Problem", "explain", "field_path", "limit_lines", "problems", "show"]

MAX_ERRORS = 5
_MAX_SHOWN = 60
_PLAIN_TYPES = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "string": "a string",
    "array": "a list",
    "object": "an object",
}
# Failures that mean "this branch of a union is not the one meant" rather than "the value
# meant for this branch is wrong": a wrong JSON type or scalar shape of the value itself, or a
# wrong tag (a one-value enum such as a step's `type` or a spec's `kind`) one level down.
_SHAPE_KEYWORDS = frozenset({"type", "pattern", "enum", "const", "format", "minLength", "maxLength"})
#: The keyword the strict compilation adds to name an object's known properties.
KNOWN_PROPERTIES = "x-known-properties"

Resolve = Callable[[Any], Any]


@dataclass(frozen=True)
class Problem:
    """One failing field: its path in the value, the schema keyword that failed, and why in words."""

    path: tuple[str | int, ...]
    keyword: str
    text: str
    value: Any = None

    def line(self, where: str = "") -> str:
        """Return ``field.path: why`` with the field under ``where``."""
        return f"{field_path(where, self.path)}: {self.text}"


def show(value: Any) -> str:
    """A short JSON rendering of a value for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def field_path(where: str, path: Iterable[Any]) -> str:
    """Render a path as ``where.a[0].b``, or ``(the whole value)`` when both are empty."""
    text = where
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(the whole value)"


def limit_lines(lines: list[str]) -> list[str]:
    """Drop repeated lines and keep the first few, saying how many more there were."""
    unique = list(dict.fromkeys(lines))
    if len(unique) <= MAX_ERRORS:
        return unique
    return [*unique[:MAX_ERRORS], f"… and {len(unique) - MAX_ERRORS} more"]


def problems(errors: Iterable[Any], resolve: Resolve) -> list[Problem]:
    """Return one :class:`Problem` per failing field of ``errors`` (jsonschema errors), unions explained."""
    explainer = _Explainer(resolve)
    found: dict[tuple[tuple[str | int, ...], str], Problem] = {}
    for err in errors:
        for problem in explainer.render(err):
            found.setdefault((problem.path, problem.text), problem)
    return list(found.values())


def explain(errors: Iterable[Any], resolve: Resolve, *, where: str = "") -> list[str]:
    """Render jsonschema errors as ``field.path: what was expected, got what`` lines (at most a few)."""
    return limit_lines([p.line(where) for p in problems(errors, resolve)])


def _path(err: Any, *extra: str | int) -> tuple[str | int, ...]:
    return (*err.absolute_path, *extra)


class _Explainer:
    """Renders jsonschema errors, one problem per failing field.

    Unions (``anyOf``/``oneOf``) are explained through the branch the value was meant for:
    the one its ``discriminator`` names, else the one that got furthest; when no branch fits
    the value's shape at all, the problem lists what each branch would have taken.
    """

    def __init__(self, resolve: Resolve) -> None:
        self._resolve = resolve

    def render(self, err: Any) -> list[Problem]:
        keyword = err.validator
        if keyword in ("anyOf", "oneOf"):
            chosen = self._discriminated(err)
            if chosen is not None:
                return chosen
            if err.context:
                return self._union(err)
        if keyword == "required":
            missing = next((n for n in err.validator_value if err.message.startswith(repr(n))), None)
            if missing is not None:
                return [Problem(_path(err, missing), "required", "is required but missing")]
        if keyword == KNOWN_PROPERTIES:
            return [Problem(_path(err), keyword, "is not named by the document", err.instance)]
        if keyword in ("type", "enum", "pattern"):
            expected = self.expected(err.schema)
            return [Problem(_path(err), keyword, f"expected {expected}, got {show(err.instance)}", err.instance)]
        if keyword == "additionalProperties":
            return [Problem(_path(err), keyword, err.message)]
        if keyword == "minLength" and err.validator_value == 1:
            return [Problem(_path(err), keyword, "must not be empty", err.instance)]
        message = err.message if len(err.message) <= 2 * _MAX_SHOWN else err.message[: 2 * _MAX_SHOWN - 1] + "…"
        return [Problem(_path(err), keyword, message, err.instance)]

    def expected(self, schema: Any) -> str:
        """Say in words what ``schema`` accepts (``an integer or "@param:<name>"``)."""
        schema = self._resolve(schema)
        if not isinstance(schema, dict):
            return "a valid value"
        if "x-expected" in schema:
            return str(schema["x-expected"])
        for union in ("anyOf", "oneOf"):
            if union in schema:
                return " or ".join(dict.fromkeys(self.expected(s) for s in schema[union]))
        if "enum" in schema:
            values = [show(v) for v in schema["enum"]]
            return values[0] if len(values) == 1 else "one of " + ", ".join(values)
        kind = schema.get("type")
        if kind == "array":
            item = self._resolve(schema.get("items", {}))
            if isinstance(item, dict) and item.get("type") in _PLAIN_TYPES:
                return f"a list of {item['type']}s"
        if kind == "string" and "pattern" in schema:
            return f"a string matching {schema['pattern']}"
        text = _PLAIN_TYPES.get(str(kind), "a valid value")
        if kind in ("integer", "number") and "minimum" in schema:
            text += f" of at least {schema['minimum']}"
        return text

    def _union(self, err: Any) -> list[Problem]:
        depth = len(err.absolute_path)
        branches: dict[int, list[Any]] = {}
        for sub in err.context:
            branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        fitting = [i for i, subs in branches.items() if not any(self._misfit(sub, depth) for sub in subs)]
        if fitting:
            # The branch that got furthest into the value, then the one with fewest complaints.
            best = min(
                fitting,
                key=lambda i: (-max(len(s.absolute_path) for s in branches[i]), len(branches[i]), i),
            )
            return [problem for sub in branches[best] for problem in self.render(sub)]
        tagged = self._common_tag(branches, depth)
        if tagged is not None:
            key, values = tagged
            got = err.instance.get(key) if isinstance(err.instance, dict) else None
            if got is None:
                return [Problem(_path(err, key), "required", f"is required but missing (one of {_listed(values)})")]
            return [Problem(_path(err, key), "enum", f"expected one of {_listed(values)}, got {show(got)}", got)]
        expected = self.expected(err.schema)
        return [Problem(_path(err), "type", f"expected {expected}, got {show(err.instance)}", err.instance)]

    def _discriminated(self, err: Any) -> list[Problem] | None:
        discriminator = err.schema.get("discriminator") if isinstance(err.schema, dict) else None
        if not discriminator or not isinstance(err.instance, dict):
            return None
        name = discriminator["propertyName"]
        mapping: dict[str, str] = discriminator.get("mapping", {})
        tag = err.instance.get(name)
        target = mapping.get(tag) if isinstance(tag, str) else None
        if target is None:
            if tag is None:
                return [Problem(_path(err, name), "required", f"is required but missing (one of {_listed(mapping)})")]
            return [Problem(_path(err, name), "enum", f"expected one of {_listed(mapping)}, got {show(tag)}", tag)]
        for index, branch in enumerate(err.schema[err.validator]):
            # A compiled schema has its references inlined; `x-ref` keeps the name it had.
            if isinstance(branch, dict) and target in (branch.get("$ref"), branch.get("x-ref")):
                subs = [s for s in err.context if int(s.relative_schema_path[0]) == index]
                return [problem for sub in subs for problem in self.render(sub)]
        return None

    @staticmethod
    def _common_tag(branches: Mapping[int, list[Any]], depth: int) -> tuple[str, list[Any]] | None:
        """If every branch is told apart by a one-value enum on the same key (a step's ``type``), name it."""
        keys: set[str] = set()
        values: list[Any] = []
        for subs in branches.values():
            tags = [
                s
                for s in subs
                if s.validator == "enum" and len(s.absolute_path) == depth + 1 and len(s.validator_value) == 1
            ]
            required = [s for s in subs if s.validator == "required" and len(s.absolute_path) == depth]
            if not tags and not required:
                return None
            for tag in tags:
                keys.add(str(tag.absolute_path[-1]))
                values.extend(tag.validator_value)
        if len(keys) != 1 or not values:
            return None
        return keys.pop(), list(dict.fromkeys(values))

    @staticmethod
    def _misfit(sub: Any, depth: int) -> bool:
        below = len(sub.absolute_path) - depth
        if below == 0:
            return sub.validator in _SHAPE_KEYWORDS
        if below == 1 and sub.validator in ("enum", "const"):
            values = sub.validator_value if sub.validator == "enum" else [sub.validator_value]
            return len(values) == 1
        return False


def _listed(values: Iterable[Any]) -> str:
    return ", ".join(map(show, values))
