"""A schema compiled into plain Python closures that answer one question fast: is this value valid?

jsonschema walks a schema keyword by keyword, building a validator object for every
property it descends into; a ``describe_spec`` answer costs it about 300 µs. The closures made
here cost a few microseconds for the same answer. They only say *whether* a value is valid:
when one says no, the caller asks jsonschema for the errors, which stay authoritative.

A closure may be stricter than jsonschema (the caller then finds no errors and takes the
value), never looser. A schema using a keyword not handled here raises :class:`Unsupported`,
and the caller uses jsonschema alone for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Check", "Unsupported", "compile_check"]

Check = Callable[[Any], bool]
FormatCheck = Callable[[Any, str], bool]
Resolve = Callable[[str], Any]

# Keywords that never make a value invalid (prose, examples, markers of this project).
_INERT = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "externalDocs", "xml", "discriminator"}
)
_TYPES: Mapping[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
}


class Unsupported(Exception):
    """The schema uses a keyword the fast check does not implement."""


def compile_check(schema: Any, *, resolve: Resolve, format_ok: FormatCheck, known_keyword: str) -> Check:
    """Compile ``schema`` (references inlined, except cycles ``resolve`` follows) into a validity check."""
    return _Compiler(resolve, format_ok, known_keyword).compile(schema)


class _Compiler:
    def __init__(self, resolve: Resolve, format_ok: FormatCheck, known_keyword: str) -> None:
        self._resolve = resolve
        self._format_ok = format_ok
        self._known_keyword = known_keyword
        self._refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return _always
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema that is not an object: {schema!r}")
        if "$ref" in schema:
            return self._ref(str(schema["$ref"]))
        nullable = bool(schema.get("nullable", False))
        checked = [
            key
            for key in schema
            if not (key in _INERT or key == "nullable" or (key.startswith("x-") and key != self._known_keyword))
        ]
        keyed: list[tuple[str, Check]] = []
        if schema.get("type") == "object" and "patternProperties" not in schema:
            # One pass over the object's keys does what five keywords would do one after another.
            grouped = {"type", "properties", "required", "additionalProperties", self._known_keyword}
            keyed.append(("type", self._object(schema)))
            checked = [key for key in checked if key not in grouped]
        keyed += [(key, self._keyword(key, schema[key], schema)) for key in checked]
        every = tuple(check for _, check in keyed)
        if nullable:
            # `nullable` lets null through the type check only: every other keyword still judges it.
            on_null = _all_of(tuple(check for key, check in keyed if key != "type"))
            not_null = _all_of(every)
            return lambda v: on_null(v) if v is None else not_null(v)
        return _all_of(every)

    def _object(self, schema: Mapping[str, Any]) -> Check:
        props = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))
        extra_schema = schema.get("additionalProperties", True)
        extra: Check | None = None
        if extra_schema is False:
            extra = _never
        elif extra_schema is not True and extra_schema != {}:
            extra = self.compile(extra_schema)
        known = schema.get(self._known_keyword)
        known_names = frozenset(known) if known is not None else None

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return False
            for name in required:
                if name not in v:
                    return False
            for name, value in v.items():
                inner = props.get(name)
                if inner is not None:
                    if not inner(value):
                        return False
                    continue
                if known_names is not None and name not in known_names:
                    return False
                if extra is not None and not extra(value):
                    return False
            return True

        return check

    def _ref(self, ref: str) -> Check:
        found = self._refs.get(ref)
        if found is None:
            cell: list[Check] = []
            # A cycle refers to itself: the lambda reads the check once it is compiled.
            self._refs[ref] = lambda v: cell[0](v)  # noqa: PLW0108
            cell.append(self.compile(self._resolve(ref)))
            found = self._refs[ref]
        return found

    def _keyword(self, key: str, value: Any, schema: Mapping[str, Any]) -> Check:
        if key == "type":
            if value not in _TYPES:
                raise Unsupported(f"type {value!r}")
            return _TYPES[value]
        if key == "enum":
            return _enum(value)
        if key == "properties":
            props = tuple((name, self.compile(sub)) for name, sub in value.items())

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for name, check in props:
                        if name in v and not check(v[name]):
                            return False
                return True

            return properties
        if key == "required":
            names = tuple(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if key == "additionalProperties":
            if value is True or value == {}:
                return _always
            named = frozenset(schema.get("properties", {}))
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            if value is False:
                return lambda v: not isinstance(v, dict) or all(k in named for k in v)
            extra = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in named)
        if key == self._known_keyword:
            known = frozenset(value)
            return lambda v: not isinstance(v, dict) or known.issuperset(v)
        if key == "items":
            item = self.compile(value)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for x in v:
                        if not item(x):
                            return False
                return True

            return items
        if key in ("minLength", "maxLength"):
            size = int(value)
            if key == "minLength":
                return lambda v: not isinstance(v, str) or len(v) >= size
            return lambda v: not isinstance(v, str) or len(v) <= size
        if key in ("minItems", "maxItems"):
            count = int(value)
            if key == "minItems":
                return lambda v: not isinstance(v, list) or len(v) >= count
            return lambda v: not isinstance(v, list) or len(v) <= count
        if key in ("minimum", "maximum"):
            return _bound(key, value, bool(schema.get("exclusiveMinimum" if key == "minimum" else "exclusiveMaximum")))
        if key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            return _always  # read with minimum/maximum (the OpenAPI 3.0 form)
        if key == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if key == "format":
            fmt = str(value)
            format_ok = self._format_ok
            return lambda v: format_ok(v, fmt)
        if key == "allOf":
            return _all_of(tuple(self.compile(s) for s in value))
        if key in ("anyOf", "oneOf"):
            return self._union(key, value, schema)
        if key == "not":
            inner = self.compile(value)
            return lambda v: not inner(v)
        if key in ("readOnly", "writeOnly", "uniqueItems") and value is False:
            return _always
        raise Unsupported(key)

    def _union(self, key: str, branches: list[Any], schema: Mapping[str, Any]) -> Check:
        compiled = tuple(self.compile(b) for b in branches)
        discriminator = schema.get("discriminator")
        if discriminator is not None:
            name = discriminator["propertyName"]
            mapping = discriminator.get("mapping", {})
            by_ref = {b.get("x-ref"): c for b, c in zip(branches, compiled, strict=True) if isinstance(b, dict)}

            def discriminated(v: Any) -> bool:
                if not isinstance(v, dict) or not v.get(name):
                    return False
                tag = v[name]
                check = by_ref.get(mapping.get(tag) or f"#/components/schemas/{tag}") if isinstance(tag, str) else None
                return check is not None and check(v)

            return discriminated
        if key == "anyOf":
            return lambda v: any(c(v) for c in compiled)
        return lambda v: sum(1 for c in compiled if c(v)) == 1


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _all_of(checks: tuple[Check, ...]) -> Check:
    """One check that passes when every one of ``checks`` does."""
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def every(v: Any) -> bool:
        # A plain loop: all() over a generator costs a third more on this hot path.
        for check in checks:  # noqa: SIM110
            if not check(v):
                return False
        return True

    return every


def _enum(values: list[Any]) -> Check:
    if all(isinstance(v, str) for v in values):
        strings = frozenset(values)
        return lambda v: isinstance(v, str) and v in strings
    if any(isinstance(v, list | dict) for v in values):
        raise Unsupported("an enum of lists or objects")
    known = tuple(values)
    return lambda v: any(_same(v, x) for x in known)


def _same(a: Any, b: Any) -> bool:
    """JSON equality of scalars: true is not 1, and 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def _bound(key: str, limit: Any, exclusive: bool) -> Check:
    def number(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    if key == "minimum":
        if exclusive:
            return lambda v: not number(v) or v > limit
        return lambda v: not number(v) or v >= limit
    if exclusive:
        return lambda v: not number(v) or v < limit
    return lambda v: not number(v) or v <= limit
