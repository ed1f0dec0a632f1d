"""The OpenAPI document as the emulator uses it: routing by its paths, and openapi-core validation.

The document is the one ``codegen.sh`` compiles, shipped inside this package; nothing here
restates what it says. Routes, boolean query parameters, JSON-bearing multipart parts
(``x-json-schema``), the auth header and every schema check come from it.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from jsonschema_path import SchemaPath
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.schemas import oas30_write_schema_validators_factory
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue
from openapi_core.validation.schemas.validators import SchemaValidator
from werkzeug.datastructures import Headers, ImmutableMultiDict

from press_blocks.emulator._errors import ApiError

__all__ = ["Contract", "Operation", "ValidatedRequest", "contract", "document_text"]

_PACKAGE = "press_blocks.emulator"
_DOCUMENT = "press-blocks.yaml"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def document_text() -> str:
    """Return the OpenAPI document shipped in the package, verbatim."""
    return importlib.resources.files(_PACKAGE).joinpath(_DOCUMENT).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Operation:
    """One operation of the document, with what the emulator needs to know about it."""

    operation_id: str
    method: str
    path: str
    body_types: tuple[str, ...]
    boolean_query: frozenset[str]
    json_parts: Mapping[str, str] = field(default_factory=dict)
    flag_parts: frozenset[str] = frozenset()
    binary_parts: frozenset[str] = frozenset()
    parameters: tuple[_Param, ...] = ()


@dataclass(frozen=True)
class _Param:
    """A path or query parameter and the JSON types its string values are cast to."""

    name: str
    location: str
    type: str
    item_type: str = "string"

    def cast(self, values: Sequence[str]) -> Any:
        """Return the typed value of already validated raw strings (a list for arrays)."""
        if self.type == "array":
            return [_cast(self.item_type, v) for v in values]
        return _cast(self.type, values[0])


def _cast(json_type: str, value: str) -> Any:
    if json_type == "integer":
        return int(value)
    if json_type == "number":
        return float(value)
    if json_type == "boolean":
        return value.lower() == "true"
    return value


@dataclass(frozen=True)
class _Route:
    path: str
    pattern: re.Pattern[str]
    operations: Mapping[str, Operation]


@dataclass
class ValidatedRequest:
    """A request that passed openapi-core validation: its typed path and query parameters."""

    path: dict[str, Any]
    query: dict[str, Any]


class _CoreRequest:
    """The request protocol openapi-core validates (host, path, method, parameters, body)."""

    def __init__(
        self,
        *,
        host_url: str,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes | None,
        content_type: str,
        path_params: Mapping[str, str] | None = None,
    ) -> None:
        self.host_url = host_url
        self.method = method.lower()
        self.path = path
        self.body = body
        self.content_type = content_type
        # Path values come from the emulator's router: openapi-core's own template match
        # loses some characters (a segment that is only a newline comes out empty).
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(query)),
            header=Headers(list(headers.items())),
            cookie=ImmutableMultiDict(),
            path=dict(path_params or {}),
        )


class _CoreResponse:
    """The response protocol openapi-core validates (status, content type, headers, data)."""

    def __init__(self, *, status_code: int, headers: Mapping[str, str], data: bytes) -> None:
        self.status_code = status_code
        self.headers = Headers(list(headers.items()))
        self.content_type = self.headers.get("content-type", "")
        self.data = data


class Contract:
    """The loaded document: routes, the auth header, and request, response and schema validation."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.document: dict[str, Any] = yaml.safe_load(text)
        self.openapi = OpenAPI.from_dict(self.document)
        # openapi-core matches the request's host against `servers`; the emulator answers
        # on any host, so requests are presented to it as if sent to the first server.
        self.server_url: str = self.document["servers"][0]["url"]
        self.auth_header = self._auth_header()
        self.operations: dict[str, Operation] = {}
        self._validators: dict[str, SchemaValidator] = {}
        self._routes = list(self._build_routes())

    # --- routing -----------------------------------------------------------------------

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]]:
        """Return the operation for ``method path`` and its raw path parameters, or raise 404/405."""
        for route in self._routes:
            found = route.pattern.fullmatch(path)
            if found is None:
                continue
            operation = route.operations.get(method.lower())
            if operation is None:
                allowed = ", ".join(sorted(m.upper() for m in route.operations))
                raise ApiError(405, f"{method.upper()} is not allowed on {route.path}", headers={"Allow": allowed})
            return operation, found.groupdict()
        raise ApiError(404, f"No route for {method.upper()} {path}")

    def _build_routes(self) -> Iterator[_Route]:
        for path, item in self.document["paths"].items():
            operations: dict[str, Operation] = {}
            shared_params = item.get("parameters", [])
            for method in _METHODS:
                if method not in item:
                    continue
                op = item[method]
                operation = Operation(
                    operation_id=op["operationId"],
                    method=method,
                    path=path,
                    body_types=self._body_types(op),
                    boolean_query=self._boolean_query([*shared_params, *op.get("parameters", [])]),
                    json_parts=self._json_parts(op),
                    flag_parts=self._flag_parts(op),
                    binary_parts=frozenset(
                        name for name, prop in self._form_properties(op).items() if prop.get("format") == "binary"
                    ),
                    parameters=self._params([*shared_params, *op.get("parameters", [])]),
                )
                operations[method] = operation
                self.operations[operation.operation_id] = operation
            # Path templates become exact regexes: trailing slashes matter, a segment never spans "/".
            regex = "".join(
                f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part)
                for part in re.split(r"(\{[^}]+\})", path)
            )
            yield _Route(path=path, pattern=re.compile(regex), operations=operations)

    # --- document look-ups --------------------------------------------------------------

    def resolve(self, node: Any) -> Any:
        """Follow local ``$ref`` pointers until a non-reference node is reached."""
        while isinstance(node, dict) and "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    def pointer(self, ref: str) -> Any:
        """Return the document node a local JSON pointer (``#/a/b``) names."""
        target: Any = self.document
        for part in ref.removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target

    def _auth_header(self) -> str:
        for scheme in self.document.get("components", {}).get("securitySchemes", {}).values():
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                return str(scheme["name"])
        return "Authorization"

    def _body_types(self, op: Mapping[str, Any]) -> tuple[str, ...]:
        if "requestBody" not in op:
            return ()
        return tuple(self.resolve(op["requestBody"]).get("content", {}))

    def _boolean_query(self, params: Iterable[Any]) -> frozenset[str]:
        names = set()
        for ref_or_param in params:
            param = self.resolve(ref_or_param)
            if param.get("in") == "query" and self.resolve(param.get("schema", {})).get("type") == "boolean":
                names.add(param["name"])
        return frozenset(names)

    def _params(self, params: Iterable[Any]) -> tuple[_Param, ...]:
        result = []
        for ref_or_param in params:
            param = self.resolve(ref_or_param)
            schema = self.resolve(param.get("schema", {}))
            item_type = self.resolve(schema.get("items", {})).get("type", "string")
            result.append(_Param(param["name"], param["in"], schema.get("type", "string"), item_type))
        return tuple(result)

    def _form_properties(self, op: Mapping[str, Any]) -> dict[str, Any]:
        if "requestBody" not in op:
            return {}
        content = self.resolve(op["requestBody"]).get("content", {})
        form = content.get("multipart/form-data")
        if form is None:
            return {}
        props: dict[str, Any] = self.resolve(form.get("schema", {})).get("properties", {})
        return {name: self.resolve(prop) for name, prop in props.items()}

    def _json_parts(self, op: Mapping[str, Any]) -> dict[str, str]:
        return {
            name: prop["x-json-schema"] for name, prop in self._form_properties(op).items() if "x-json-schema" in prop
        }

    def _flag_parts(self, op: Mapping[str, Any]) -> frozenset[str]:
        return frozenset(
            name
            for name, prop in self._form_properties(op).items()
            if sorted(prop.get("enum", [])) == ["false", "true"]
        )

    def request_schema_pointer(self, operation_id: str, content_type: str = "application/json") -> str:
        """Return the ``$ref`` of an operation's request body schema for ``content_type``."""
        op = self.operations[operation_id]
        item = self.document["paths"][op.path][op.method]
        schema = self.resolve(item["requestBody"])["content"][content_type]["schema"]
        return str(schema["$ref"])

    def response_schema_pointer(self, operation_id: str, status: str = "200") -> str:
        """Return the ``$ref`` of an operation's JSON response schema for ``status``."""
        op = self.operations[operation_id]
        response = self.resolve(self.document["paths"][op.path][op.method]["responses"][status])
        return str(response["content"]["application/json"]["schema"]["$ref"])

    def config_schemas(self) -> dict[str, str]:
        """Map each spec kind to the ``$ref`` of its config schema, read from the ``spec`` part's ``oneOf``."""
        body = self.resolve(self.pointer(self.operations["createSpec"].json_parts["spec"]))
        by_kind: dict[str, str] = {}
        for variant in body.get("oneOf", []):
            props = self.resolve(variant).get("properties", {})
            for kind in props.get("kind", {}).get("enum", []):
                by_kind[str(kind)] = str(props["config"]["$ref"])
        return by_kind

    # --- validation ----------------------------------------------------------------------

    def schema_validator(self, ref: str) -> SchemaValidator:
        """Return an openapi-core validator for the schema a local ``$ref`` names (made once per ref)."""
        validator = self._validators.get(ref)
        if validator is None:
            spec: SchemaPath = self.openapi.spec
            path = spec
            for part in ref.removeprefix("#/").split("/"):
                path = path / part
            validator = oas30_write_schema_validators_factory.create(spec, path)
            self._validators[ref] = validator
        return validator

    def schema_errors(self, ref: str, value: Any, *, where: str = "") -> list[str]:
        """Return readable errors of ``value`` against the schema ``ref`` names (empty when valid).

        Each names the failing field, as a dotted path under ``where``, and says why.
        """
        try:
            self.schema_validator(ref).validate(value)
        except InvalidSchemaValue as exc:
            return self.explain(exc.schema_errors, where=where)
        return []

    def explain(self, errors: Iterable[Any], *, where: str = "") -> list[str]:
        """Render jsonschema errors as ``field.path: what was expected, got what`` lines."""
        return _limit([line for err in errors for line in _Explainer(self.resolve, where).render(err)])

    def validate_request(
        self,
        *,
        operation: Operation,
        method: str,
        path: str,
        path_params: Mapping[str, str],
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes | None,
        content_type: str,
    ) -> ValidatedRequest:
        """Validate a (normalised) request with openapi-core; raise a 400 naming what is wrong.

        Returns the typed path and query parameters (validation alone is much faster than
        openapi-core's unmarshalling; values that passed it cast safely).
        """
        request = _CoreRequest(
            host_url=self.server_url,
            method=method,
            path=_stand_in_path(operation.path),
            query=query,
            headers=headers,
            body=body,
            content_type=content_type,
            path_params=path_params,
        )
        errors = list(self.openapi.iter_request_errors(request))
        if errors:
            raise ApiError(400, "; ".join(_error_text(err, self.explain) for err in errors))
        typed = ValidatedRequest(path={}, query={})
        for param in operation.parameters:
            if param.location == "path":
                typed.path[param.name] = param.cast([path_params[param.name]])
            elif param.location == "query":
                values = [v for k, v in query if k == param.name]
                if values:
                    typed.query[param.name] = param.cast(values)
        return typed

    def response_errors(
        self,
        *,
        operation: Operation,
        status_code: int,
        headers: Mapping[str, str],
        data: bytes,
    ) -> list[str]:
        """Return why a response of ``operation`` does not match the document (empty when it does)."""
        request = _CoreRequest(
            host_url=self.server_url,
            method=operation.method,
            path=_stand_in_path(operation.path),
            query=(),
            headers={},
            body=None,
            content_type="",
        )
        response = _CoreResponse(status_code=status_code, headers=headers, data=data)
        return [_error_text(err, self.explain) for err in self.openapi.iter_response_errors(request, response)]


def _stand_in_path(template: str) -> str:
    """Return a concrete path of ``template`` that openapi-core maps back to it.

    The emulator has already routed the request; openapi-core's own matching of odd path
    values (newlines, say) can land on another operation, so it is shown a plain one.
    """
    return re.sub(r"\{[^}]+\}", "x", template)


_MAX_ERRORS = 5
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


def _limit(lines: list[str]) -> list[str]:
    unique = list(dict.fromkeys(lines))
    if len(unique) <= _MAX_ERRORS:
        return unique
    return [*unique[:_MAX_ERRORS], f"… and {len(unique) - _MAX_ERRORS} more"]


def _show(value: Any) -> str:
    """A short JSON rendering of a value for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _field(where: str, path: Iterable[Any]) -> str:
    text = where
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(the whole value)"


class _Explainer:
    """Turns jsonschema errors into one line per failing field: where, what was expected, what came.

    Unions (``anyOf``/``oneOf``) are explained through the branch the value was meant for:
    the one its ``discriminator`` names, else the one that got furthest; when no branch fits
    the value's shape at all, the line lists what each branch would have taken.
    """

    def __init__(self, resolve: Any, where: str) -> None:
        self._resolve = resolve
        self._where = where

    def render(self, err: Any) -> list[str]:
        field = _field(self._where, err.absolute_path)
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
                return [f"{_field(self._where, [*err.absolute_path, missing])}: is required but missing"]
        if keyword == "type":
            return [f"{field}: expected {self.expected(err.schema)}, got {_show(err.instance)}"]
        if keyword == "enum":
            return [f"{field}: expected {self.expected(err.schema)}, got {_show(err.instance)}"]
        if keyword == "pattern":
            return [f"{field}: expected {self.expected(err.schema)}, got {_show(err.instance)}"]
        if keyword == "additionalProperties":
            return [f"{field}: {err.message}"]
        if keyword == "minLength" and err.validator_value == 1:
            return [f"{field}: must not be empty"]
        message = err.message if len(err.message) <= 2 * _MAX_SHOWN else err.message[: 2 * _MAX_SHOWN - 1] + "…"
        return [f"{field}: {message}"]

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
            values = [_show(v) for v in schema["enum"]]
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

    def _union(self, err: Any) -> list[str]:
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
            return [line for sub in branches[best] for line in self.render(sub)]
        tagged = self._common_tag(branches, depth)
        if tagged is not None:
            key, values = tagged
            field = _field(self._where, [*err.absolute_path, key])
            got = err.instance.get(key) if isinstance(err.instance, dict) else None
            if got is None:
                return [f"{field}: is required but missing (one of {', '.join(map(_show, values))})"]
            return [f"{field}: expected one of {', '.join(map(_show, values))}, got {_show(got)}"]
        field = _field(self._where, err.absolute_path)
        return [f"{field}: expected {self.expected(err.schema)}, got {_show(err.instance)}"]

    def _discriminated(self, err: Any) -> list[str] | None:
        discriminator = err.schema.get("discriminator") if isinstance(err.schema, dict) else None
        if not discriminator or not isinstance(err.instance, dict):
            return None
        name = discriminator["propertyName"]
        mapping: dict[str, str] = discriminator.get("mapping", {})
        tag = err.instance.get(name)
        target = mapping.get(tag) if isinstance(tag, str) else None
        if target is None:
            field = _field(self._where, [*err.absolute_path, name])
            if tag is None:
                return [f"{field}: is required but missing (one of {', '.join(map(_show, mapping))})"]
            return [f"{field}: expected one of {', '.join(map(_show, mapping))}, got {_show(tag)}"]
        for index, branch in enumerate(err.schema[err.validator]):
            if isinstance(branch, dict) and branch.get("$ref") == target:
                subs = [s for s in err.context if int(s.relative_schema_path[0]) == index]
                return [line for sub in subs for line in self.render(sub)]
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


def _safe_str(err: BaseException) -> str:
    # Some openapi-core errors decode the raw body in __str__, which fails on non-UTF-8 bytes.
    try:
        return str(err)
    except (UnicodeError, ValueError):
        return f"{type(err).__name__}: the request body is not UTF-8 text"


def _error_text(err: BaseException, explain: Callable[[Iterable[Any]], list[str]]) -> str:
    """Render an openapi-core error with the schema errors behind it, for an error ``detail``."""
    text = _safe_str(err)
    cause = err.__cause__
    schema_errors = getattr(cause, "schema_errors", None) or getattr(err, "schema_errors", None)
    if schema_errors:
        # The outer message repeats the whole value; name the part instead, then what is wrong.
        name, location = getattr(err, "name", None), getattr(err, "location", None)
        head = f"{location} parameter {name!r}" if name and location else text.split(":", 1)[0]
        return f"{head}: " + "; ".join(explain(schema_errors))
    cause_text = _safe_str(cause) if cause is not None else ""
    if cause_text and cause_text not in text:
        return f"{text}: {cause_text}"
    return text


@functools.cache
def contract() -> Contract:
    """Return the process-wide :class:`Contract` of the shipped document (loaded once)."""
    return Contract(document_text())
