"""The OpenAPI document compiled once into validators: the one mechanism that checks the contract.

The emulator (requests and responses), ``press-blocks verify`` and the library's on-demand
response validation all validate through :class:`CompiledContract`. Each schema is compiled
once, when first used: its ``$ref`` pointers are inlined (only a reference back into itself,
such as a parameter condition's nested conditions, stays a reference, resolved through a
registry holding the document) and a jsonschema validator with the OpenAPI 3.0 keywords
(``openapi-schema-validator``) is built for it and kept.

``strict`` compilation reads the document as a judge of a live service: a property the
document does not name is a difference even where an object allows others, and an open enum
(``anyOf`` the known values or any string) accepts only the known values.

Needs ``jsonschema`` and ``openapi-schema-validator`` (the ``emulator`` or ``contract``
extra); :func:`require_validation` says what to install when they are missing.
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from press_blocks._contract_explain import KNOWN_PROPERTIES, Problem, field_path, problems, show
from press_blocks._schema_check import Check, Unsupported, compile_check

__all__ = [
    "KINDS",
    "METHODS",
    "CompiledContract",
    "Difference",
    "compiled_contract",
    "document_text",
    "escape",
    "json_path",
    "load_document",
    "redacted_sample",
    "require_validation",
    "snake_case",
]

_PACKAGE = "press_blocks.emulator"
_DOCUMENT = "press-blocks.yaml"
#: The base URI the document is registered under, for the references compilation keeps.
_BASE = "urn:press-blocks:openapi"
#: The keys of a path item that name operations, in the order operations are read.
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_NEEDED = ("jsonschema", "openapi_schema_validator")
# Keys whose values are data or prose, never schemas to compile.
_OPAQUE = frozenset(
    {"example", "examples", "enum", "required", "discriminator", "description", "default", "x-expected"}
)
_MAX_SAMPLE = 40

#: What each kind of difference means, for reports (``press-blocks verify``, warnings).
KINDS: Mapping[str, str] = {
    "unknown-property": "a property the document does not name",
    "missing-required": "a required property is missing",
    "unknown-value": "a value outside the document's known values",
    "wrong-type": "a value of another type",
    "unknown-status": "a status code the document does not list",
    "unknown-content-type": "a content type the document does not list",
    "not-json": "a body that is not JSON",
    "invalid": "a value the document's schema refuses",
}
_KIND_OF_KEYWORD = {
    KNOWN_PROPERTIES: "unknown-property",
    "additionalProperties": "unknown-property",
    "required": "missing-required",
    "enum": "unknown-value",
    "type": "wrong-type",
}


def require_validation(feature: str) -> None:
    """Raise an ``ImportError`` naming what to install when the validation packages are missing."""
    missing = [name for name in _NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise ImportError(
            f"{feature} needs {', '.join(missing)}; install the 'contract' extra: pip install 'press-blocks[contract]'"
        )


def document_text() -> str:
    """Return the OpenAPI document shipped in the package, verbatim."""
    return importlib.resources.files(_PACKAGE).joinpath(_DOCUMENT).read_text(encoding="utf-8")


@functools.cache
def load_document() -> dict[str, Any]:
    """Return the shipped document, parsed once per process (treat it as read-only)."""
    from press_blocks._yaml import safe_load

    document: dict[str, Any] = safe_load(document_text())
    return document


def snake_case(operation_id: str) -> str:
    """Return the generated module name of an operation id (``describeSpec`` → ``describe_spec``)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation_id).lstrip("_")


def escape(part: str) -> str:
    """Escape one JSON pointer segment."""
    return part.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Difference:
    """Where a response and the document disagree: the operation, a JSON path, the kind and why."""

    operation_id: str
    path: str
    kind: str
    message: str
    sample: str = ""
    status: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the difference as JSON-ready data."""
        return {
            "operation": self.operation_id,
            "status": self.status,
            "path": self.path,
            "kind": self.kind,
            "message": self.message,
            "sample": self.sample,
        }


def json_path(path: tuple[str | int, ...]) -> str:
    """Render a value path as a JSON path (``$.items[0].status``)."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if _plain(part) else f"[{json.dumps(part)}]")
    return text


def _plain(name: str) -> bool:
    return bool(name) and name.replace("_", "a").replace("-", "a").isalnum() and not name[0].isdigit()


def redacted_sample(value: Any, *, kind: str) -> str:
    """A sample of a differing value that shows no secret: strings only where they name a status or kind.

    An unknown enum value is shown (it is what the report is about, and enums hold statuses
    and kinds, never secrets); any other string shows only its length, objects their keys.
    """
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    if isinstance(value, str):
        if kind == "unknown-value" and len(value) <= _MAX_SAMPLE:
            return json.dumps(value)
        return f"<a string of {len(value)} characters>"
    if isinstance(value, Mapping):
        keys = ", ".join(sorted(str(k) for k in value)[:8])
        return f"<an object with keys: {keys}>" if keys else "<an empty object>"
    if isinstance(value, list):
        return f"<a list of {len(value)} items>"
    return f"<a {type(value).__name__}>"


@dataclass(frozen=True)
class _Response:
    """What the document says one status of one operation answers: content types and headers."""

    content: Mapping[str, str]  # media type → the pointer of its schema ("" when it has none)
    headers: Mapping[str, tuple[bool, str]]  # lower-case name → (required, schema pointer)


class CompiledContract:
    """The document with each schema compiled once; validates values, requests' parts and responses."""

    def __init__(self, document: Mapping[str, Any], *, strict: bool = False) -> None:
        from jsonschema.validators import extend
        from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator
        from referencing import Registry
        from referencing.jsonschema import DRAFT4

        self.document = document
        self.strict = strict
        extra = {
            KNOWN_PROPERTIES: _known_properties,
            "anyOf": _discriminated(OAS30ReadValidator.VALIDATORS["anyOf"]),
            "oneOf": _discriminated(OAS30ReadValidator.VALIDATORS["oneOf"]),
        }
        self._classes = {
            "read": extend(OAS30ReadValidator, extra),
            "write": extend(OAS30WriteValidator, extra),
        }
        standalone = {
            "components": {
                "schemas": {
                    name: self._compile(schema, inline=False, stack=(), in_all_of=False)
                    for name, schema in document.get("components", {}).get("schemas", {}).items()
                }
            }
        }
        self._registry = Registry().with_resource(_BASE, DRAFT4.create_resource(standalone))
        self._validators: dict[tuple[str, str], Any] = {}
        self._checks: dict[tuple[str, str], Check | None] = {}
        self._responses: dict[tuple[str, str], _Response | None] = {}
        self.operations: dict[str, tuple[str, str]] = {}  # operationId → (method, path template)
        for path, item in document.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    self.operations[str(item[method]["operationId"])] = (method, path)
        self.by_module = {snake_case(op): op for op in self.operations}

    # --- look-ups -------------------------------------------------------------------------

    def pointer(self, ref: str) -> Any:
        """Return the document node a local JSON pointer (``#/a/b``) names."""
        return _walk(self.document, ref)

    def resolve(self, node: Any) -> Any:
        """Follow ``$ref`` pointers until a non-reference node is reached."""
        while isinstance(node, dict) and "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    # --- compilation ----------------------------------------------------------------------

    def validator(self, pointer: str, *, mode: str = "write") -> Any:
        """Return the validator of the schema at ``pointer`` (compiled on first use, then kept).

        ``mode`` is ``"write"`` for what clients send, ``"read"`` for what the service answers.
        """
        key = (pointer, mode)
        found = self._validators.get(key)
        if found is None:
            schema = self._compile({"$ref": pointer}, inline=True, stack=(), in_all_of=False)
            cls = self._classes[mode]
            found = cls(schema, registry=self._registry, format_checker=cls.FORMAT_CHECKER)
            self._validators[key] = found
            self._checks[key] = self._fast_check(found)
        return found

    def _fast_check(self, validator: Any) -> Check | None:
        checker = validator.format_checker
        registry_schema = self._registry.contents(_BASE)
        try:
            return compile_check(
                validator.schema,
                resolve=functools.partial(_walk, registry_schema),
                format_ok=checker.conforms,
                known_keyword=KNOWN_PROPERTIES,
            )
        except Unsupported:
            return None

    def _compile(self, node: Any, *, inline: bool, stack: tuple[str, ...], in_all_of: bool) -> Any:
        if isinstance(node, list):
            return [self._compile(v, inline=inline, stack=stack, in_all_of=in_all_of) for v in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = str(node["$ref"]).removeprefix(_BASE)
            if not inline or ref in stack:
                return {"$ref": _BASE + ref}
            compiled = self._compile(self.pointer(ref), inline=True, stack=(*stack, ref), in_all_of=in_all_of)
            # The name survives inlining: the explainer matches discriminator mappings with it.
            return {**compiled, "x-ref": ref} if isinstance(compiled, dict) else compiled
        if self.strict:
            known = self._known_branch(node)
            if known is not None:
                return self._compile(known, inline=inline, stack=stack, in_all_of=in_all_of)
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _OPAQUE or key.startswith("x-"):
                out[key] = value
            elif key == "properties":
                out[key] = {n: self._compile(v, inline=inline, stack=stack, in_all_of=False) for n, v in value.items()}
            elif key == "allOf":
                out[key] = self._compile(value, inline=inline, stack=stack, in_all_of=True)
            else:
                out[key] = self._compile(value, inline=inline, stack=stack, in_all_of=False)
        if self.strict and not in_all_of and not isinstance(node.get("additionalProperties"), dict):
            names = self._property_names(node, depth=0)
            if names is not None:
                out[KNOWN_PROPERTIES] = names
        return out

    def _known_branch(self, node: Mapping[str, Any]) -> Any:
        """For an open enum (``anyOf`` known values or any string), return the known values' branch."""
        branches = node.get("anyOf")
        if not isinstance(branches, list) or len(branches) != 2:
            return None
        resolved = [self.resolve(b) for b in branches]
        plain = [i for i, b in enumerate(resolved) if isinstance(b, dict) and b.get("type") == "string" and _bare(b)]
        known = [i for i, b in enumerate(resolved) if isinstance(b, dict) and "enum" in b]
        if len(plain) == 1 and len(known) == 1:
            return branches[known[0]]
        return None

    def _property_names(self, node: Any, *, depth: int) -> frozenset[str] | None:
        """The properties an object schema names, with those of its ``allOf`` parts (None: it names none)."""
        node = self.resolve(node)
        if not isinstance(node, dict) or depth > 8:
            return None
        names: set[str] = set(node.get("properties", {}))
        named = "properties" in node
        for key in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(key, []):
                more = self._property_names(branch, depth=depth + 1)
                if more is not None:
                    names |= more
                    named = named or key == "allOf"
        return frozenset(names) if named else None

    # --- values ---------------------------------------------------------------------------

    def errors(self, pointer: str, value: Any, *, mode: str = "write") -> list[Any]:
        """Return the jsonschema errors of ``value`` against the schema at ``pointer`` (empty when valid)."""
        validator = self.validator(pointer, mode=mode)
        check = self._checks[(pointer, mode)]
        if check is not None and check(value):
            return []
        return list(validator.iter_errors(value))

    def problems(self, pointer: str, value: Any, *, mode: str = "write") -> list[Problem]:
        """Return one :class:`Problem` per failing field of ``value`` (empty when valid)."""
        errors = self.errors(pointer, value, mode=mode)
        return problems(errors, self.resolve) if errors else []

    # --- responses ------------------------------------------------------------------------

    def response_differences(
        self,
        operation_id: str,
        status: int,
        content_type: str,
        *,
        data: Any = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> list[Difference]:
        """Return how a response of ``operation_id`` differs from the document (empty when it matches).

        Give the body as ``body`` (bytes, decoded here when JSON) or, already decoded, as ``data``.
        """
        response = self._response(operation_id, status)
        if response is None:
            return [self._difference(operation_id, status, (), "unknown-status", f"status {status} is not listed")]
        found: list[Difference] = []
        if headers is not None:
            found += self._header_differences(operation_id, status, response, headers)
        media = content_type.split(";", 1)[0].strip().lower()
        if not response.content:
            return found
        if media not in response.content:
            listed = ", ".join(response.content)
            text = f"content type {media or '(none)'!r} is not listed ({listed})"
            return [*found, self._difference(operation_id, status, (), "unknown-content-type", text)]
        pointer = response.content[media]
        if not pointer:
            return found
        if body is not None:
            try:
                data = json.loads(body)
            except (ValueError, RecursionError):
                return [*found, self._difference(operation_id, status, (), "not-json", "the body is not JSON")]
        for problem in self.problems(pointer, data, mode="read"):
            kind = _KIND_OF_KEYWORD.get(problem.keyword, "invalid")
            sample = "" if kind == "missing-required" else redacted_sample(problem.value, kind=kind)
            found.append(self._difference(operation_id, status, problem.path, kind, _redacted(problem, sample), sample))
        return found

    def _header_differences(
        self, operation_id: str, status: int, response: _Response, headers: Mapping[str, str]
    ) -> Iterator[Difference]:
        lowered = {k.lower(): v for k, v in headers.items()}
        for name, (required, pointer) in response.headers.items():
            value = lowered.get(name)
            if value is None:
                if required:
                    yield self._difference(operation_id, status, (), "missing-required", f"header {name}: is missing")
                continue
            schema = self.resolve(self.pointer(pointer)) if pointer else {}
            typed: Any = value
            if schema.get("type") in ("integer", "number"):
                try:
                    typed = int(value) if schema["type"] == "integer" else float(value)
                except ValueError:
                    yield self._difference(
                        operation_id, status, (), "wrong-type", f"header {name}: expected {schema['type']}"
                    )
                    continue
            for problem in self.problems(pointer, typed, mode="read") if pointer else []:
                yield self._difference(operation_id, status, (), "invalid", f"header {name}: {problem.text}")

    def _difference(
        self,
        operation_id: str,
        status: int,
        path: tuple[str | int, ...],
        kind: str,
        message: str,
        sample: str = "",
    ) -> Difference:
        return Difference(operation_id, json_path(path), kind, message, sample, status)

    def _response(self, operation_id: str, status: int) -> _Response | None:
        """The document's response of ``operation_id`` for ``status`` (exact, ``5XX``-style, then ``default``)."""
        key = (operation_id, str(status))
        if key in self._responses:
            return self._responses[key]
        method, path = self.operations[operation_id]
        base = f"#/paths/{escape(path)}/{method}/responses"
        responses = self.pointer(base)
        found: _Response | None = None
        for name in (str(status), f"{str(status)[0]}XX", "default"):
            if name in responses:
                pointer = f"{base}/{escape(name)}"
                node = responses[name]
                while "$ref" in node:
                    pointer = node["$ref"]
                    node = self.pointer(pointer)
                content = {
                    media.lower(): (f"{pointer}/content/{escape(media)}/schema" if "schema" in entry else "")
                    for media, entry in node.get("content", {}).items()
                }
                headers: dict[str, tuple[bool, str]] = {}
                for header, entry in node.get("headers", {}).items():
                    spec = self.resolve(entry)
                    ref = entry.get("$ref", f"{pointer}/headers/{escape(header)}")
                    headers[header.lower()] = (bool(spec.get("required")), f"{ref}/schema" if "schema" in spec else "")
                found = _Response(content, headers)
                break
        self._responses[key] = found
        return found


def _walk(root: Any, ref: str) -> Any:
    """Return the node of ``root`` a local JSON pointer (``#/a/b``, or one under the base URI) names."""
    target = root
    for part in ref.removeprefix(_BASE).removeprefix("#/").split("/"):
        if part:
            key = part.replace("~1", "/").replace("~0", "~")
            target = target[int(key)] if isinstance(target, list) else target[key]
    return target


def _redacted(problem: Problem, sample: str) -> str:
    """The problem's line with the value it quotes replaced by its redacted sample (a response may hold secrets)."""
    if problem.keyword in ("required", KNOWN_PROPERTIES):
        return problem.line()
    # Only a line the explainer wrote ends with the value it quotes; a jsonschema message may
    # hold the value anywhere (and the value may itself say ", got "), so it is never split.
    quoted = f", got {show(problem.value)}"
    if problem.text.endswith(quoted):
        return f"{field_path('', problem.path)}: {problem.text.removesuffix(quoted)}, got {sample}"
    where = field_path("", problem.path)
    return f"{where}: does not match the document's {problem.keyword!r} rule (the value: {sample})"


def _bare(schema: Mapping[str, Any]) -> bool:
    """Whether a schema says nothing but its type (and prose)."""
    return set(schema) <= {"type", "description"}


def _known_properties(validator: Any, known: frozenset[str], instance: Any, schema: Any) -> Iterator[Any]:
    """The strict keyword: every property of an object must be one the document names."""
    if not isinstance(instance, dict):
        return
    from jsonschema.exceptions import ValidationError

    for name in instance:
        if name not in known:
            yield ValidationError(f"{name!r} is not named by the document", path=[name], instance=instance[name])


def _discriminated(keyword: Any) -> Any:
    """Wrap a union keyword so a ``discriminator`` picks its branch among the inlined ones.

    openapi-schema-validator follows the mapping's ``$ref``; the compiled branches carry the
    name they had (``x-ref``), so the branch is found without resolving anything, and the
    value is checked against it alone, as the OpenAPI rules say.
    """

    def check(validator: Any, branches: Any, instance: Any, schema: Any) -> Iterator[Any]:
        discriminator = schema.get("discriminator")
        if discriminator is None:
            yield from keyword(validator, branches, instance, schema)
            return
        from jsonschema.exceptions import ValidationError

        name = discriminator["propertyName"]
        if not validator.is_type(instance, "object"):
            yield ValidationError(f"{instance!r} is not of type 'object'", context=[])
            return
        tag = instance.get(name)
        if not tag:
            yield ValidationError(f"{instance!r} does not contain discriminating property {name!r}", context=[])
            return
        target = discriminator.get("mapping", {}).get(tag) or f"#/components/schemas/{tag}"
        branch = next((b for b in branches if isinstance(b, dict) and b.get("x-ref") == target), None)
        if branch is None and any(isinstance(b, dict) and "$ref" in b for b in branches):
            yield from keyword(validator, branches, instance, schema)  # not inlined: the references resolve
            return
        if branch is None:
            yield ValidationError(f"{tag!r} names no branch ({target!r} could not be resolved)", context=[])
            return
        yield from validator.descend(instance, branch)

    return check


@functools.cache
def compiled_contract(*, strict: bool = False) -> CompiledContract:
    """Return the process-wide compiled contract of the shipped document (built once per mode)."""
    return CompiledContract(load_document(), strict=strict)
