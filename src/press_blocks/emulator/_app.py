"""The emulator's ASGI application: API routing, liberal normalisation, validation, faults, control endpoints.

Each API request goes through, in order: the request log; routing by the document's paths
(404/405); planned faults (latency, or a fault before the handler, which leaves state
alone); the ``Authorization`` check (401); normalisation of what the official client sends;
openapi-core validation (400); the operation's handler (404/409/413/422); response
validation against the document; faults planned for after the handler.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import anyio
import yaml
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from press_blocks.emulator._contract import Operation, ValidatedRequest
from press_blocks.emulator._errors import ApiError, SeedError, error_body
from press_blocks.emulator._faults import FaultRule, RequestRecord
from press_blocks.emulator._lifecycle import Transition
from press_blocks.emulator._multipart import Part, encode_multipart, parse_multipart

if TYPE_CHECKING:
    from press_blocks.emulator._emulator import Emulator

__all__ = ["ABORT_EXTENSION", "CONTROL_PREFIX", "ConnectionDropped", "build_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CONTROL_PREFIX = "/_emulator"
# A server that can cut a connection puts a zero-argument callable under this scope extension.
ABORT_EXTENSION = "press_blocks.emulator.abort"
_TRUNCATED_BODY = b'{"detail": "This body was cut short by an injected fault."}'

logger = logging.getLogger("press_blocks.emulator")


class ConnectionDropped(Exception):
    """Raised out of the app to make an in-process transport fail as a dropped connection would."""


def _json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _loads(data: bytes | str, what: str) -> Any:
    try:
        return json.loads(data, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"{what} is not valid JSON: {exc}") from None


class _Answer:
    """A response in the making: status, headers and body bytes."""

    def __init__(self, status: int, payload: Any = None, headers: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.headers: dict[str, str] = dict(headers or {})
        if status == 204 or payload is None:
            self.data = b""
        else:
            self.data = _json_bytes(payload)
            self.headers["content-type"] = "application/json"

    @classmethod
    def error(cls, error: ApiError) -> _Answer:
        return cls(error.status, error.body(), error.headers)


class _Api:
    """The handlers of the document's operations, by operationId, over the emulator's store."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.store = emulator.store
        self.contract = emulator.contract
        self.handlers: dict[str, Callable[[_Call], _Answer]] = {
            "listSpecs": lambda c: _Answer(200, self.store.list_specs(c.query)),
            "createSpec": self.create_spec,
            "describeSpec": lambda c: _Answer(200, self.store.describe_spec(c.path["specId"])),
            "updateSpecMetadata": lambda c: _Answer(200, self.store.update_spec(c.path["specId"], c.json())),
            "deleteSpec": lambda c: self._deleted(self.store.delete_spec, c.path["specId"]),
            "listSpecReleases": lambda c: _Answer(200, self.store.list_releases(c.path["specId"], c.query)),
            "createSpecRelease": self.create_release,
            "describeSpecRelease": lambda c: _Answer(
                200, self.store.describe_release(c.path["specId"], c.path["release"])
            ),
            "listDeployments": lambda c: _Answer(200, self.store.list_deployments(c.query)),
            "createDeployment": lambda c: _Answer(201, {"id": self.store.create_deployment(c.json())}),
            "describeDeployment": lambda c: _Answer(200, self.store.describe_deployment(c.path["deploymentId"])),
            "updateDeploymentMetadata": lambda c: _Answer(
                200, self.store.update_deployment(c.path["deploymentId"], c.json())
            ),
            "deleteDeployment": lambda c: self._deleted(self.store.delete_deployment, c.path["deploymentId"]),
            "redeploy": lambda c: _Answer(201, self.store.redeploy(c.path["deploymentId"])),
            "listDeploymentRevisions": lambda c: _Answer(
                200, self.store.list_revisions(c.path["deploymentId"], c.query)
            ),
            "createDeploymentRevision": self.create_revision,
            "describeDeploymentRevision": lambda c: _Answer(
                200, self.store.describe_revision(c.path["deploymentId"], int(c.path["revision"]))
            ),
            "getParameters": lambda c: _Answer(200, self.store.run_parameters(c.path["deploymentId"])),
            "patchParameters": lambda c: _Answer(
                200, self.store.patch_run_parameters(c.path["deploymentId"], c.json())
            ),
            "describeAppDeployment": lambda c: _Answer(200, self.store.describe_app(c.path["deploymentId"])),
        }
        missing = set(self.contract.operations) - set(self.handlers)
        if missing:
            # The document is the source of truth: an operation without a handler is a bug here.
            raise RuntimeError(f"the emulator has no handler for: {', '.join(sorted(missing))}")

    @staticmethod
    def _deleted(delete: Callable[[str], None], object_id: str) -> _Answer:
        delete(object_id)
        return _Answer(204)

    def _form(self, call: _Call) -> dict[str, Any]:
        """Decode the JSON-bearing parts (checked against their ``x-json-schema``) and the flags of a form."""
        values: dict[str, Any] = {}
        for name, part in call.parts.items():
            if name in call.operation.json_parts:
                value = _loads(part.text(), f"form part {name!r}")
                ref = call.operation.json_parts[name]
                errors = self.contract.schema_errors(ref, value)
                if errors:
                    raise ApiError(
                        400, f"form part {name!r} does not match {ref.rsplit('/', 1)[-1]}: " + "; ".join(errors)
                    )
                values[name] = value
            elif name in call.operation.flag_parts:
                values[name] = part.text() == "true"
            elif name not in call.operation.binary_parts:
                values[name] = part.text()
        for name in call.operation.binary_parts:
            if name in call.parts:
                _check_zip(name, call.parts[name].content)
                values[name] = True
        return values

    def create_spec(self, call: _Call) -> _Answer:
        form = self._form(call)
        validate_only = bool(call.query.get("validate"))
        spec_id = self.store.create_spec(
            form["spec"],
            featured=form.get("featured"),
            scope=form.get("scope"),
            tenants=form.get("tenants"),
            parameters=form.get("parameters"),
            auto_run=form.get("autoRunOnDeploy"),
            artifact=bool(form.get("artifact")),
            validate_only=validate_only,
        )
        if validate_only:
            return _Answer(200, {"success": True, "message": "The spec is valid."})
        return _Answer(201, {"id": spec_id})

    def create_release(self, call: _Call) -> _Answer:
        spec_id = call.path["specId"]
        form = self._form(call)
        validate_only = bool(call.query.get("validate"))
        version = self.store.create_release(
            spec_id,
            form["spec"],
            parameters=form.get("parameters"),
            auto_run=form.get("autoRunOnDeploy"),
            artifact=bool(form.get("artifact")),
            validate_only=validate_only,
        )
        if validate_only:
            return _Answer(200, {"success": True, "message": "The release is valid."})
        return _Answer(201, {"id": spec_id, "release": {"version": version}})

    def create_revision(self, call: _Call) -> _Answer:
        deployment_id = call.path["deploymentId"]
        number = self.store.create_revision(deployment_id, call.json())
        return _Answer(201, {"id": deployment_id, "revision": number})


def _check_zip(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ApiError(400, f"form part {name!r} is not a readable zip archive: {exc}") from None
    if bad is not None:
        raise ApiError(400, f"form part {name!r} is a damaged zip archive (first bad entry: {bad})")


class _Call:
    """A validated API call: its operation, typed parameters, and body (JSON or form parts)."""

    def __init__(
        self, operation: Operation, validated: ValidatedRequest, body: bytes, parts: Mapping[str, Part]
    ) -> None:
        self.operation = operation
        self.path = validated.path
        self.query = validated.query
        self.body = body
        self.parts = parts

    def json(self) -> Any:
        return _loads(self.body, "the request body")


class EmulatorApp:
    """The ASGI callable: the API under the document's paths, control endpoints under ``/_emulator``."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.contract = emulator.contract
        self.api = _Api(emulator)
        self.control = _control_app(emulator)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"the emulator serves HTTP only, not {scope['type']}")
        path: str = scope["path"]
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            await self.control(scope, receive, send)
            return
        await self._api_call(scope, receive, send)

    async def _api_call(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        body = await request.body()
        method: str = scope["method"].upper()
        path: str = scope["path"]
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        headers = {k.lower(): v for k, v in request.headers.items()}
        record = self.emulator.requests.add(
            method=method,
            path=path,
            query=query,
            headers=headers,
            body_size=len(body),
            auth_header=self.contract.auth_header,
        )
        try:
            operation, path_params = self.contract.match(method, path)
        except ApiError as exc:
            await self._send(send, _Answer.error(exc), record)
            return
        record.operation_id = operation.operation_id
        action = self.emulator.faults.plan(operation.operation_id, method, operation.path, path)
        record.fault = action.label
        if action.delay_before:
            await anyio.sleep(action.delay_before)
        terminal = action.terminal
        if terminal is not None and terminal.when == "before":
            await self._fault(terminal, scope, send, record, None)
            return
        answer = self._answer(operation, path_params, method, path, query, headers, body)
        if self.emulator.validate_responses:
            answer = self._checked(operation, method, path, answer)
        if action.delay_after:
            await anyio.sleep(action.delay_after)
        if terminal is not None:
            await self._fault(terminal, scope, send, record, answer)
            return
        await self._send(send, answer, record)

    def _answer(
        self,
        operation: Operation,
        path_params: Mapping[str, str],
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> _Answer:
        try:
            self._authenticate(headers)
            call = self._validated(operation, path_params, method, path, query, headers, body)
            return self.api.handlers[operation.operation_id](call)
        except ApiError as exc:
            return _Answer.error(exc)
        except Exception:  # an emulator bug must still answer as the API would: a 500 with the error body
            logger.exception("the emulator failed on %s %s", method, path)
            return _Answer.error(ApiError(500, "The emulator failed; see its log."))

    def _authenticate(self, headers: Mapping[str, str]) -> None:
        token = headers.get(self.contract.auth_header.lower(), "").strip()
        if not token:
            raise ApiError(401, f"Missing or empty {self.contract.auth_header} header")
        tokens = self.emulator.tokens
        if tokens is not None and token not in tokens:
            raise ApiError(401, "Invalid credentials")

    def _validated(
        self,
        operation: Operation,
        path_params: Mapping[str, str],
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> _Call:
        # Normalise what the official client sends before the document judges it:
        # `True`/`False` query booleans, bodies where none is defined (`{}`), "null" form
        # parts, and empty string filters (`name=`), which mean no filter.
        string_query = {p.name for p in operation.parameters if p.location == "query" and p.type == "string"}
        query = [
            (k, v.lower()) if k in operation.boolean_query and v.lower() in ("true", "false") else (k, v)
            for k, v in query
            # An empty string is a valid string; openapi-core refuses empty values (no allowEmptyValue).
            if v or k not in string_query
        ]
        content_type = headers.get("content-type", "")
        parts: dict[str, Part] = {}
        core_body: bytes | None = body
        if not operation.body_types:
            # The official client sends `{}` here; any body is ignored, as the document defines
            # none (and promises no 400 for some of these operations, e.g. deleteSpec).
            core_body, content_type = None, ""
        elif content_type.split(";")[0].strip().lower() == "multipart/form-data":
            kept = self._normalised_parts(operation, parse_multipart(body, content_type))
            parts = {p.name: p for p in kept}
            core_body, content_type = encode_multipart(kept)
        validated = self.contract.validate_request(
            operation=operation,
            method=method,
            path=path,
            path_params=path_params,
            query=query,
            headers=headers,
            body=core_body if core_body else None,
            content_type=content_type or "application/octet-stream",
        )
        return _Call(operation, validated, body, parts)

    def _normalised_parts(self, operation: Operation, parts: list[Part]) -> list[Part]:
        kept: list[Part] = []
        for part in parts:
            if part.filename is None and part.content == b"null":
                continue  # the official client's way of saying "not set"
            content = part.content
            if part.name in operation.flag_parts and content.lower() in (b"true", b"false"):
                content = content.lower()
            if part.name in operation.binary_parts and len(content) > self.emulator.max_artifact_bytes:
                limit = self.emulator.max_artifact_bytes
                raise ApiError(413, f"The artifact is {len(content)} bytes; the limit is {limit} bytes compressed")
            kept.append(Part(part.name, content, part.filename, part.content_type))
        return kept

    def _checked(self, operation: Operation, method: str, path: str, answer: _Answer) -> _Answer:
        errors = self.contract.response_errors(
            operation=operation, status_code=answer.status, headers=answer.headers, data=answer.data
        )
        if not errors:
            return answer
        logger.error("emulator response to %s %s does not match the document: %s", method, path, errors)
        return _Answer.error(ApiError(500, "The emulator's response does not match the document: " + "; ".join(errors)))

    async def _fault(
        self, rule: FaultRule, scope: Scope, send: Send, record: RequestRecord, answer: _Answer | None
    ) -> None:
        if rule.kind == "status":
            retry_after = rule.retry_after if rule.retry_after is not None else (1 if rule.status == 429 else None)
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            await self._send(send, _Answer.error(ApiError(rule.status, "Injected fault", headers=headers)), record)
            return
        abort: Callable[[], None] | None = (scope.get("extensions") or {}).get(ABORT_EXTENSION)
        if rule.kind == "truncate":
            data = answer.data if answer is not None and answer.data else _TRUNCATED_BODY
            status = answer.status if answer is not None and answer.data else 200
            record.status = status
            if abort is None:
                raise ConnectionDropped(f"the response to {scope['method']} {scope['path']} was truncated")
            # Promise more bytes than will come, send half, then hang up.
            raw = [(b"content-type", b"application/json"), (b"content-length", str(len(data) + 64).encode())]
            await send({"type": "http.response.start", "status": status, "headers": raw})
            await send({"type": "http.response.body", "body": data[: len(data) // 2], "more_body": True})
            abort()
            return
        # drop
        if abort is None:
            raise ConnectionDropped(f"the connection was dropped on {scope['method']} {scope['path']}")
        abort()

    @staticmethod
    async def _send(send: Send, answer: _Answer, record: RequestRecord | None) -> None:
        if record is not None:
            record.status = answer.status
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()]
        raw.append((b"content-length", str(len(answer.data)).encode()))
        await send({"type": "http.response.start", "status": answer.status, "headers": raw})
        await send({"type": "http.response.body", "body": answer.data, "more_body": False})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# --- control endpoints -------------------------------------------------------------------


def _control_app(emulator: Emulator) -> Starlette:
    """Return the Starlette app of the ``/_emulator`` control endpoints (no token needed)."""

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def reset(_: Request) -> Response:
        emulator.reset()
        return JSONResponse({"reset": True})

    async def seed(request: Request) -> Response:
        raw = await request.body()
        try:
            fixture = yaml.safe_load(raw.decode("utf-8")) if raw.strip() else None
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"the fixture is not valid YAML or JSON: {exc}") from None
        if not isinstance(fixture, dict):
            raise ApiError(400, "the fixture must be a mapping with specs, deployments and/or appDeployments")
        return JSONResponse(emulator.seed(fixture))

    async def openapi(_: Request) -> Response:
        return PlainTextResponse(emulator.contract.text, media_type="application/yaml")

    async def faults(request: Request) -> Response:
        if request.method == "PUT":
            data = await _json_object(request)
            rules_data = data.get("rules", [])
            if not isinstance(rules_data, list) or not all(isinstance(r, dict) for r in rules_data):
                raise ApiError(400, "'rules' must be a list of fault rule objects")
            seed_value = data.get("seed")
            if seed_value is not None and (not isinstance(seed_value, int) or isinstance(seed_value, bool)):
                raise ApiError(400, "'seed' must be an integer")
            try:
                rules = [FaultRule.from_dict(r) for r in rules_data]
            except (TypeError, ValueError) as exc:
                raise ApiError(400, f"bad fault rule: {exc}") from None
            emulator.faults.set(rules, seed=seed_value)
        elif request.method == "DELETE":
            emulator.faults.clear()
        return JSONResponse(emulator.faults.to_dict())

    async def requests(request: Request) -> Response:
        if request.method == "DELETE":
            emulator.requests.clear()
        records = [r.to_dict() for r in emulator.requests.records()]
        return JSONResponse({"count": len(records), "requests": records})

    async def transition(request: Request) -> Response:
        if request.method == "PUT":
            data = await _json_object(request)
            try:
                emulator.set_transition(Transition.parse(str(data.get("transition", ""))))
            except ValueError as exc:
                raise ApiError(400, str(exc)) from None
        return JSONResponse({"transition": str(emulator.transition)})

    async def state(_: Request) -> Response:
        return JSONResponse(emulator.store.counts())

    async def api_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    async def http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return JSONResponse(error_body(exc.status_code, exc.detail), status_code=exc.status_code, headers=exc.headers)

    async def seed_error(_: Request, exc: Exception) -> Response:
        return JSONResponse(error_body(400, str(exc)), status_code=400)

    p = CONTROL_PREFIX
    app = Starlette(
        routes=[
            Route(f"{p}/health", health, methods=["GET"]),
            Route(f"{p}/reset", reset, methods=["POST"]),
            Route(f"{p}/seed", seed, methods=["POST"]),
            Route(f"{p}/openapi.yaml", openapi, methods=["GET"]),
            Route(f"{p}/faults", faults, methods=["GET", "PUT", "DELETE"]),
            Route(f"{p}/requests", requests, methods=["GET", "DELETE"]),
            Route(f"{p}/transition", transition, methods=["GET", "PUT"]),
            Route(f"{p}/state", state, methods=["GET"]),
        ],
        exception_handlers={ApiError: api_error, HTTPException: http_error, SeedError: seed_error},
    )
    app.router.redirect_slashes = False
    return app


async def _json_object(request: Request) -> dict[str, Any]:
    data = _loads(await request.body(), "the request body")
    if not isinstance(data, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return data


def build_app(emulator: Emulator) -> EmulatorApp:
    """Return the ASGI application serving ``emulator``."""
    return EmulatorApp(emulator)
