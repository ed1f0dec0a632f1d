"""The OpenAPI document as the emulator uses it: routing by its paths, and request and response validation.

The document is the one ``codegen.sh`` compiles, shipped inside this package; nothing here
restates what it says. Routes, boolean query parameters, JSON-bearing multipart parts
(``x-json-schema``), the auth header and every schema check come from it. Schemas are checked
by the compiled validators of :mod:`press_blocks._contract_validation` (each compiled once),
the mechanism ``press-blocks verify`` and the library's response validation share.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from press_blocks._contract_explain import explain, limit_lines
from press_blocks._contract_validation import METHODS, CompiledContract, document_text, escape, load_document
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._multipart import Part
from press_blocks.emulator._wire import Body

__all__ = ["Contract", "Operation", "ValidatedRequest", "contract", "document_text"]

#: How much of an undecodable body a 400 repeats.
_MAX_SHOWN = 60


@dataclass(frozen=True)
class Operation:
    """One operation of the document, with what the emulator needs to know about it."""

    operation_id: str
    method: str
    path: str
    body_types: tuple[str, ...]
    boolean_query: frozenset[str]
    string_query: frozenset[str] = frozenset()
    json_parts: Mapping[str, str] = field(default_factory=dict)
    flag_parts: frozenset[str] = frozenset()
    binary_parts: frozenset[str] = frozenset()
    parameters: tuple[_Param, ...] = ()
    body: _Body | None = None


@dataclass(frozen=True)
class _Body:
    """An operation's request body: whether it is required, and its schema per media type."""

    required: bool
    schemas: Mapping[str, str]
    binary_parts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Param:
    """A path or query parameter, the JSON types its string values are cast to, and its schema."""

    name: str
    location: str
    type: str
    item_type: str = "string"
    schema: str = ""
    required: bool = False

    def cast(self, values: Sequence[str]) -> Any:
        """Return the typed value of raw strings (a list for arrays); raise ``ValueError`` naming a bad one."""
        if self.type == "array":
            return [_cast(self.item_type, v) for v in values]
        return _cast(self.type, values[0])


def _cast(json_type: str, value: str) -> Any:
    try:
        if json_type == "integer":
            return int(value)
        if json_type == "number":
            return float(value)
    except ValueError:
        raise ValueError(f"Failed to cast value to {json_type} type: {value}") from None
    if json_type == "boolean":
        if value.lower() not in ("true", "false"):
            raise ValueError(f"Failed to cast value to boolean type: {value}")
        return value.lower() == "true"
    return value


def _query_names(parameters: Iterable[_Param], json_type: str) -> frozenset[str]:
    """The names of the query parameters of one JSON type (normalised per request, so known once)."""
    return frozenset(p.name for p in parameters if p.location == "query" and p.type == json_type)


@dataclass(frozen=True)
class _Route:
    path: str
    pattern: re.Pattern[str]
    operations: Mapping[str, Operation]


@dataclass
class ValidatedRequest:
    """A request that passed validation: its typed path and query parameters."""

    path: dict[str, Any]
    query: dict[str, Any]


class Contract:
    """The loaded document: routes, the auth header, and request, response and schema validation."""

    def __init__(self, document: Mapping[str, Any], text: str = "") -> None:
        self.text = text
        self.document: dict[str, Any] = dict(document)
        self.compiled = CompiledContract(self.document)
        self.auth_header = self._auth_header()
        self.operations: dict[str, Operation] = {}
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
            base = f"#/paths/{escape(path)}"
            for method in METHODS:
                if method not in item:
                    continue
                op = item[method]
                parameters = self._params(
                    [
                        *((f"{base}/parameters/{i}", p) for i, p in enumerate(shared_params)),
                        *((f"{base}/{method}/parameters/{i}", p) for i, p in enumerate(op.get("parameters", []))),
                    ]
                )
                operation = Operation(
                    operation_id=op["operationId"],
                    method=method,
                    path=path,
                    body_types=self._body_types(op),
                    boolean_query=_query_names(parameters, "boolean"),
                    string_query=_query_names(parameters, "string"),
                    json_parts=self._json_parts(op),
                    flag_parts=self._flag_parts(op),
                    binary_parts=frozenset(
                        name for name, prop in self._form_properties(op).items() if prop.get("format") == "binary"
                    ),
                    parameters=parameters,
                    body=self._body(f"{base}/{method}", op),
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
        return self.compiled.resolve(node)

    def pointer(self, ref: str) -> Any:
        """Return the document node a local JSON pointer (``#/a/b``) names."""
        return self.compiled.pointer(ref)

    def _auth_header(self) -> str:
        for scheme in self.document.get("components", {}).get("securitySchemes", {}).values():
            if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                return str(scheme["name"])
        return "Authorization"

    def _body_types(self, op: Mapping[str, Any]) -> tuple[str, ...]:
        if "requestBody" not in op:
            return ()
        return tuple(self.resolve(op["requestBody"]).get("content", {}))

    def _params(self, params: Iterable[tuple[str, Any]]) -> tuple[_Param, ...]:
        result = []
        for where, ref_or_param in params:
            pointer = ref_or_param.get("$ref", where)
            param = self.resolve(ref_or_param)
            schema = self.resolve(param.get("schema", {}))
            item_type = self.resolve(schema.get("items", {})).get("type", "string")
            result.append(
                _Param(
                    param["name"],
                    param["in"],
                    schema.get("type", "string"),
                    item_type,
                    schema=f"{pointer}/schema",
                    required=bool(param.get("required")),
                )
            )
        return tuple(result)

    def _body(self, pointer: str, op: Mapping[str, Any]) -> _Body | None:
        if "requestBody" not in op:
            return None
        pointer = op["requestBody"].get("$ref", f"{pointer}/requestBody")
        body = self.resolve(op["requestBody"])
        schemas = {
            media.lower(): f"{pointer}/content/{escape(media)}/schema"
            for media, entry in body.get("content", {}).items()
            if "schema" in entry
        }
        binary = frozenset(n for n, p in self._form_properties(op).items() if p.get("format") == "binary")
        return _Body(required=bool(body.get("required")), schemas=schemas, binary_parts=binary)

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

    def schema_errors(self, ref: str, value: Any, *, where: str = "") -> list[str]:
        """Return readable errors of ``value`` against the schema ``ref`` names (empty when valid).

        Each names the failing field, as a dotted path under ``where``, and says why.
        """
        errors = self.compiled.errors(ref, value)
        return explain(errors, self.resolve, where=where) if errors else []

    def validate_request(
        self,
        *,
        operation: Operation,
        path_params: Mapping[str, str],
        query: Sequence[tuple[str, str]],
        body: Body | None,
        content_type: str,
        form: Mapping[str, Part] | None = None,
    ) -> ValidatedRequest:
        """Validate a (normalised) request against the document; raise a 400 naming what is wrong.

        ``form`` holds the parsed parts of a multipart body. Returns the typed path and query
        parameters.
        """
        errors: list[str] = []
        typed = ValidatedRequest(path={}, query={})
        for param in operation.parameters:
            if param.location == "path":
                raw = [path_params[param.name]] if param.name in path_params else []
            elif param.location == "query":
                raw = [v for k, v in query if k == param.name]
            else:
                continue
            if not raw:
                if param.required:
                    errors.append(f"Missing required {param.location} parameter: {param.name}")
                continue
            try:
                value = param.cast(raw)
            except ValueError as exc:
                errors.append(f"{param.location.capitalize()} parameter error: {param.name}: {exc}")
                continue
            found = self.compiled.errors(param.schema, value)
            if found:
                errors.append(f"{param.location} parameter {param.name!r}: " + "; ".join(explain(found, self.resolve)))
                continue
            (typed.path if param.location == "path" else typed.query)[param.name] = value
        if operation.body is not None:
            errors.extend(self._body_errors(operation.body, body, content_type, form))
        if errors:
            raise ApiError(400, "; ".join(errors))
        return typed

    def _body_errors(
        self, spec: _Body, body: Body | None, content_type: str, form: Mapping[str, Part] | None
    ) -> list[str]:
        if not body and form is None:
            return ["Missing required request body"] if spec.required else []
        media = content_type.split(";", 1)[0].strip().lower()
        pointer = spec.schemas.get(media)
        if pointer is None:
            return [
                "Request body validation error: Content for the following mimetype not found: "
                f"{media}. Valid mimetypes: {list(spec.schemas)}"
            ]
        value: Any
        if form is not None:
            value = {}
            for name, part in form.items():
                if name in spec.binary_parts:
                    value[name] = ""  # any bytes are a binary part's value; its size is checked elsewhere
                    continue
                try:
                    value[name] = str(part.content, "utf-8")
                except UnicodeDecodeError:
                    return [f"Request body validation error: form part {name!r} is not UTF-8 text"]
        else:
            try:
                value = json.loads(body or b"")
            except (ValueError, RecursionError):
                shown = (body or b"").decode("utf-8", "replace")
                shown = shown if len(shown) <= _MAX_SHOWN else shown[: _MAX_SHOWN - 1] + "…"
                return [f"Request body validation error: Failed to deserialize value with {media} mimetype: {shown}"]
        found = self.compiled.errors(pointer, value)
        if found:
            return ["Request body validation error: " + "; ".join(explain(found, self.resolve))]
        return []

    def response_errors(
        self, *, operation: Operation, status_code: int, headers: Mapping[str, str], data: bytes
    ) -> list[str]:
        """Return why a response of ``operation`` does not match the document (empty when it does)."""
        lowered = {k.lower(): v for k, v in headers.items()}
        differences = self.compiled.response_differences(
            operation.operation_id,
            status_code,
            lowered.get("content-type", ""),
            body=data if data else None,
            headers=lowered,
        )
        return limit_lines([d.message for d in differences])


@functools.cache
def contract() -> Contract:
    """Return the process-wide :class:`Contract` of the shipped document (loaded once)."""
    return Contract(load_document(), document_text())
