"""The emulator's ASGI application: the API pipeline, with the control endpoints mounted under ``/_emulator``.

Each API request goes through, in order: the request log; routing by the document's paths
(404/405); planned faults (latency, or a fault before the handler, which leaves state
alone); the ``Authorization`` check (401); normalisation of what the official client sends;
validation against the document (400); the operation's handler (404/409/413/422); response
validation against the document; faults planned for after the handler.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
from starlette.datastructures import Headers

from press_blocks.emulator._api import Api, ApiRequest
from press_blocks.emulator._constants import BODY_OVERHEAD_BYTES, CONTROL_PREFIX
from press_blocks.emulator._contract import Contract, Operation
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._faults import FaultRule, Faults, RequestLog, RequestRecord
from press_blocks.emulator._multipart import Part, parse_multipart
from press_blocks.emulator._preview import Hidden, body_preview
from press_blocks.emulator._settings import Settings
from press_blocks.emulator._state import Store
from press_blocks.emulator._wire import (
    ABORT_EXTENSION,
    Answer,
    ASGIApp,
    Body,
    ConnectionDropped,
    Message,
    Receive,
    Scope,
    Send,
    check_nesting,
    declared_length,
    read_body,
    send_answer,
    serve_lifespan,
)

__all__ = ["EmulatorApp"]

_TRUNCATED_BODY = b'{"detail": "This body was cut short by an injected fault."}'

logger = logging.getLogger("press_blocks.emulator")


class EmulatorApp:
    """The ASGI callable: the API under the document's paths, control endpoints under ``/_emulator``."""

    def __init__(
        self,
        *,
        contract: Contract,
        api: Api,
        faults: Faults,
        requests: RequestLog,
        settings: Settings,
        store: Store,
        control: ASGIApp,
    ) -> None:
        self.contract = contract
        self.store = store
        self.api = api
        self.faults = faults
        self.requests = requests
        self.settings = settings
        self.control = control

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"the emulator serves HTTP only, not {scope['type']}")
        path: str = scope["path"]
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            await self.control(scope, receive, send)
            return
        await self._api_call(scope, receive, send)

    async def _api_call(self, scope: Scope, receive: Receive, send: Send) -> None:
        method: str = scope["method"].upper()
        path: str = scope["path"]
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        headers = {k.lower(): v for k, v in Headers(scope=scope).items()}
        declared = declared_length(headers)
        try:
            body, refusal = await self._body(receive, headers, declared)
        except ConnectionDropped:
            return  # the client went away mid-body: there is no one to answer
        record = self.requests.add(
            method=method,
            path=path,
            query=query,
            headers=headers,
            body_size=len(body) if declared is None or body else declared,
            auth_header=self.contract.auth_header,
        )
        response = _Recorder(send)
        started = time.perf_counter()
        try:
            await self._respond(record, scope, response.send, method, path, query, headers, body, refusal)
        finally:
            record.duration = time.perf_counter() - started
            # Previewed last, so that hidden values this very request set are masked too.
            secrets = self._secrets(headers)
            hidden = Hidden(self.store.hidden_names(), values_at_top=record.operation_id == "patchParameters")
            record.request_body = body_preview(body, headers.get("content-type", ""), secrets, hidden)
            record.response_body = body_preview(response.body, response.content_type, secrets, hidden)

    async def _body(
        self, receive: Receive, headers: Mapping[str, str], declared: int | None
    ) -> tuple[Body, ApiError | None]:
        """Read the body, unless the request is refused whatever it holds: then the refusal, and nothing read.

        Without a token the answer is a 401, and over the limit a 413, before a byte of the body
        is read, so that no upload costs more memory than the limit allows.
        """
        try:
            self._authenticate(headers)
        except ApiError:
            return b"", None  # the pipeline answers 401 before it looks at the body
        limit = self.settings.max_artifact_bytes + BODY_OVERHEAD_BYTES
        too_large = ApiError(
            413,
            f"The request body is over {limit:,} bytes: the artifact limit "
            f"({self.settings.max_artifact_bytes:,} bytes compressed) and {BODY_OVERHEAD_BYTES:,} bytes for the rest",
        )
        if declared is not None and declared > limit:
            return b"", too_large
        try:
            return await read_body(receive, limit, too_large, expected=declared), None
        except ApiError as exc:
            return b"", exc

    def _secrets(self, headers: Mapping[str, str]) -> set[str]:
        """What a body preview must never show: tokens (the request's own, every accepted one), hidden values."""
        secrets = set(self.settings.tokens or ()) | self.store.hidden_values()
        token = headers.get(self.contract.auth_header.lower(), "").strip()
        if token:
            secrets.update({token, token.partition(" ")[2]} - {""})
        return secrets

    async def _respond(
        self,
        record: RequestRecord,
        scope: Scope,
        send: Send,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: Body,
        refusal: ApiError | None = None,
    ) -> None:
        try:
            operation, path_params = self.contract.match(method, path)
        except ApiError as exc:
            await self._send(send, Answer.error(exc), record)
            return
        record.operation_id = operation.operation_id
        action = self.faults.plan(operation.operation_id, method, operation.path, path)
        record.fault = action.label
        if action.delay_before:
            await anyio.sleep(action.delay_before)
        terminal = action.terminal
        if terminal is not None and terminal.when == "before":
            await self._fault(terminal, scope, send, record, None)
            return
        answer = await self._answer(operation, path_params, method, path, query, headers, body, refusal)
        # A body too large for any operation is refused as a proxy in front of the API would,
        # whether or not the operation's document lists a 413.
        if self.settings.validate_responses and not (refusal is not None and answer.status == refusal.status):
            answer = self._checked(operation, method, path, answer)
        if action.delay_after:
            await anyio.sleep(action.delay_after)
        if terminal is not None:
            await self._fault(terminal, scope, send, record, answer)
            return
        await self._send(send, answer, record)

    async def _answer(
        self,
        operation: Operation,
        path_params: Mapping[str, str],
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body: Body,
        refusal: ApiError | None,
    ) -> Answer:
        try:
            self._authenticate(headers)
            if refusal is not None:
                raise refusal
            call = self._validated(operation, path_params, method, path, query, headers, body)
            if call.operation.binary_parts:
                # Unpacking an upload takes time; the event loop keeps answering meanwhile.
                await anyio.to_thread.run_sync(self.api.check_archives, call)
            return self.api.handlers[operation.operation_id](call)
        except ApiError as exc:
            return Answer.error(exc)
        except Exception:  # an emulator bug must still answer as the API would: a 500 with the error body
            logger.exception("the emulator failed on %s %s", method, path)
            return Answer.error(ApiError(500, "The emulator failed; see its log."))

    def _authenticate(self, headers: Mapping[str, str]) -> None:
        token = headers.get(self.contract.auth_header.lower(), "").strip()
        if not token:
            raise ApiError(401, f"Missing or empty {self.contract.auth_header} header")
        tokens = self.settings.tokens
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
        body: Body,
    ) -> ApiRequest:
        # Normalise what the official client sends before the document judges it:
        # `True`/`False` query booleans, bodies where none is defined (`{}`), "null" form
        # parts, and empty string filters (`name=`), which mean no filter.
        query = [
            (k, v.lower()) if k in operation.boolean_query and v.lower() in ("true", "false") else (k, v)
            for k, v in query
            # An empty string filter means no filter (the document declares no allowEmptyValue).
            if v or k not in operation.string_query
        ]
        content_type = headers.get("content-type", "")
        parts: dict[str, Part] | None = None
        checked_body: Body | None = body
        if not operation.body_types:
            # The official client sends `{}` here; any body is ignored, as the document defines
            # none (and promises no 400 for some of these operations, e.g. deleteSpec).
            checked_body, content_type = None, ""
        elif content_type.split(";")[0].strip().lower() == "multipart/form-data":
            kept = self._normalised_parts(operation, parse_multipart(body, content_type))
            parts = {p.name: p for p in kept}
        elif body:
            # Before the validator, which would recurse into it.
            check_nesting(body, "the request body")
        validated = self.contract.validate_request(
            operation=operation,
            path_params=path_params,
            query=query,
            body=checked_body if checked_body else None,
            content_type=content_type or "application/octet-stream",
            form=parts,
        )
        return ApiRequest(operation, validated, body, parts or {})

    def _normalised_parts(self, operation: Operation, parts: list[Part]) -> list[Part]:
        kept: list[Part] = []
        for part in parts:
            if part.filename is None and part.content == b"null":
                continue  # the official client's way of saying "not set"
            content = part.content
            if part.name in operation.flag_parts and bytes(content).lower() in (b"true", b"false"):
                content = bytes(content).lower()
            if part.name in operation.binary_parts and len(content) > self.settings.max_artifact_bytes:
                limit = self.settings.max_artifact_bytes
                raise ApiError(413, f"The artifact is {len(content)} bytes; the limit is {limit} bytes compressed")
            kept.append(Part(part.name, content, part.filename, part.content_type))
        return kept

    def _checked(self, operation: Operation, method: str, path: str, answer: Answer) -> Answer:
        errors = self.contract.response_errors(
            operation=operation, status_code=answer.status, headers=answer.headers, data=answer.data
        )
        if not errors:
            return answer
        logger.error("emulator response to %s %s does not match the document: %s", method, path, errors)
        return Answer.error(ApiError(500, "The emulator's response does not match the document: " + "; ".join(errors)))

    async def _fault(
        self, rule: FaultRule, scope: Scope, send: Send, record: RequestRecord, answer: Answer | None
    ) -> None:
        if rule.kind == "status":
            retry_after = rule.retry_after if rule.retry_after is not None else (1 if rule.status == 429 else None)
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            await self._send(send, Answer.error(ApiError(rule.status, "Injected fault", headers=headers)), record)
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
    async def _send(send: Send, answer: Answer, record: RequestRecord | None) -> None:
        if record is not None:
            record.status = answer.status
        await send_answer(send, answer)


class _Recorder:
    """Wraps an ASGI ``send`` and keeps what was sent of the response body, for the request log."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.content_type = ""
        self._chunks: list[bytes] = []

    @property
    def body(self) -> bytes:
        return b"".join(self._chunks)

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            for key, value in message.get("headers", []):
                if key.lower() == b"content-type":
                    self.content_type = value.decode("latin-1")
        elif message["type"] == "http.response.body":
            self._chunks.append(bytes(message.get("body", b"")))
        await self._send(message)
