"""Recording a tenant: a loopback proxy that forwards every request to the tenant and keeps what it answered.

``press-blocks emulator --record-from URL --record-to FILE`` serves :class:`RecorderApp` on
127.0.0.1. Each request is forwarded, headers and all, to the tenant; its answer is returned
unchanged and kept (operation, path, query, status and JSON body; never a header, so never the
token). Read-only by default: any method but GET and HEAD is answered 403 without reaching the
tenant, unless writes were allowed; after a write that succeeded the recorder reads the object
it changed back (one GET describe), so the recording holds its new state.

On stop the recording is written to ``FILE`` as a fixture the emulator starts from
(:func:`~press_blocks.emulator._snapshot.fixture_from_exchanges`) and, beside it, the exchanges
themselves (``FILE`` with ``.recording.json``), for the fidelity score. Both are redacted: the
token, and every parameter value whose definition hides it, become ``***``.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

import anyio.to_thread
import httpx

from press_blocks._constants import MASKED_TOKEN
from press_blocks.emulator._constants import BODY_OVERHEAD_BYTES, DEFAULT_MAX_ARTIFACT_BYTES
from press_blocks.emulator._contract import Contract
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._wire import (
    Answer,
    ConnectionDropped,
    Receive,
    Scope,
    Send,
    read_body,
    send_answer,
    serve_lifespan,
)

__all__ = ["Exchange", "RecorderApp", "recording_path"]

_READS = frozenset({"GET", "HEAD"})
# Not forwarded: they describe one connection, or a body httpx has already decoded.
_HOP_HEADERS = frozenset(
    {"host", "connection", "keep-alive", "transfer-encoding", "content-length", "te", "upgrade", "accept-encoding"}
)
_ANSWER_DROPPED = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"})
#: After a write that succeeded, the describe that reads back what it changed: operation → (describe, id source).
_READ_BACK = {
    "createSpec": ("describeSpec", "id"),
    "updateSpecMetadata": ("describeSpec", "specId"),
    "createSpecRelease": ("describeSpec", "specId"),
    "createDeployment": ("describeDeployment", "id"),
    "updateDeploymentMetadata": ("describeDeployment", "deploymentId"),
    "createDeploymentRevision": ("describeDeployment", "deploymentId"),
    "redeploy": ("describeDeployment", "deploymentId"),
    "patchParameters": ("describeDeployment", "deploymentId"),
}
_FORWARD_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


def recording_path(fixture: str | Path) -> Path:
    """The exchanges' file written beside a recorded fixture (``tenant.yaml`` → ``tenant.recording.json``)."""
    path = Path(fixture)
    return path.with_name(path.stem + ".recording.json")


@dataclass
class Exchange:
    """One recorded request and its answer (redacted when written)."""

    operation: str
    method: str
    path: str
    query: list[tuple[str, str]]
    status: int
    body: Any = None
    read_back: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the exchange as JSON-ready data."""
        return {
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "query": [list(pair) for pair in self.query],
            "status": self.status,
            "body": self.body,
            "readBack": self.read_back,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Exchange:
        """Read an exchange written by :meth:`as_dict`."""
        return cls(
            operation=str(data["operation"]),
            method=str(data["method"]),
            path=str(data["path"]),
            query=[(str(k), str(v)) for k, v in data.get("query", [])],
            status=int(data["status"]),
            body=data.get("body"),
            read_back=bool(data.get("readBack", False)),
        )


@dataclass
class RecorderApp:
    """The ASGI proxy: forwards to ``tenant``, returns its answers, and records the exchanges."""

    contract: Contract
    tenant: str
    allow_writes: bool = False
    exchanges: list[Exchange] = field(default_factory=list, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _tokens: set[str] = field(default_factory=set, init=False, repr=False)
    _client: httpx.Client | None = field(default=None, init=False, repr=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise RuntimeError(f"the recorder serves HTTP only, not {scope['type']}")
        # As the emulator reads a body: capped, so a huge upload is refused rather than held.
        limit = DEFAULT_MAX_ARTIFACT_BYTES + BODY_OVERHEAD_BYTES
        too_large = ApiError(413, f"the recorder forwards bodies of at most {limit:,} bytes")
        try:
            body = await read_body(receive, limit, too_large)
        except ApiError as exc:
            await send_answer(send, Answer.error(exc))
            return
        except ConnectionDropped:
            return  # the client went away while sending: nothing to forward, no one to answer
        # httpx sends bytes; a body read in pieces is a bytearray (the emulator's reader avoids that copy).
        await send_answer(send, await self._forward(scope, bytes(body)))

    async def _forward(self, scope: Scope, body: bytes) -> Answer:
        method: str = scope["method"].upper()
        path: str = scope["path"]
        raw_query: str = scope.get("query_string", b"").decode("latin-1")
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope.get("headers", [])
            if k.decode("latin-1").lower() not in _HOP_HEADERS
        ]
        token = next((v for k, v in headers if k.lower() == self.contract.auth_header.lower()), "").strip()
        if token:
            with self._lock:
                self._tokens.update({token, token.partition(" ")[2]} - {""})
        if method not in _READS and not self.allow_writes:
            return Answer.error(
                ApiError(
                    403,
                    f"the recorder is read-only: {method} {path} was not forwarded; "
                    "start it with --record-writes to forward writes to the tenant",
                )
            )
        url = self.tenant.rstrip("/") + path + (f"?{raw_query}" if raw_query else "")
        try:
            response = await self._send(method, url, headers, body)
        except httpx.HTTPError as exc:
            return Answer.error(ApiError(502, f"the tenant could not be reached: {type(exc).__name__}"))
        operation, path_params = self._operation(method, path)
        query = parse_qsl(raw_query, keep_blank_values=True)
        if operation is not None:
            data = _json(response)
            self._record(Exchange(operation, method, path, query, response.status_code, data))
            if method not in _READS and response.is_success:
                await self._read_back(operation, path_params, data, headers)
        answer = Answer(response.status_code, headers=_kept(response.headers))
        answer.data = b"" if response.status_code == 204 else response.content
        return answer

    async def _send(self, method: str, url: str, headers: list[tuple[str, str]], body: bytes | None) -> httpx.Response:
        """Send one request to the tenant on the pooled client (keep-alive), off the event loop."""
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(timeout=_FORWARD_TIMEOUT, follow_redirects=False)
            client = self._client
        return await anyio.to_thread.run_sync(
            functools.partial(client.request, method, url, headers=headers, content=body or None)
        )

    def close(self) -> None:
        """Close the connections to the tenant."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    async def _read_back(
        self,
        operation: str,
        path_params: Mapping[str, str],
        answer: Any,
        headers: Iterable[tuple[str, str]],
    ) -> None:
        """GET the object a write changed, and record the answer (marked as a read-back)."""
        plan = _READ_BACK.get(operation)
        if plan is None:
            return
        describe, source = plan
        object_id = answer.get("id") if source == "id" and isinstance(answer, dict) else path_params.get(source)
        if not isinstance(object_id, str) or not object_id:
            return
        _, template = self.contract.compiled.operations[describe]
        name = template.rsplit("{", 1)[1].rstrip("}")
        path = template.replace("{" + name + "}", quote(object_id, safe=""))
        kept = [(k, v) for k, v in headers if k.lower() not in ("content-type",)]
        try:
            response = await self._send("GET", self.tenant.rstrip("/") + path, kept, None)
        except httpx.HTTPError:
            return
        self._record(Exchange(describe, "GET", path, [], response.status_code, _json(response), read_back=True))

    def _operation(self, method: str, path: str) -> tuple[str | None, dict[str, str]]:
        try:
            operation, params = self.contract.match(method, path)
        except ApiError:
            return None, {}
        return operation.operation_id, params

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    # --- what is written --------------------------------------------------------------------

    def redacted_exchanges(self) -> list[Exchange]:
        """The exchanges with the tokens seen and hidden parameter values replaced by ``***``."""
        with self._lock:
            exchanges = list(self.exchanges)
            tokens = set(self._tokens)
        return [
            Exchange(e.operation, e.method, e.path, e.query, e.status, redact(e.body, tokens), e.read_back)
            for e in exchanges
        ]

    def save(self, fixture_path: str | Path) -> tuple[Path, Path]:
        """Write the fixture and the exchanges beside it; return both paths."""
        import yaml

        from press_blocks.emulator._snapshot import fixture_from_exchanges

        exchanges = self.redacted_exchanges()
        fixture = fixture_from_exchanges(exchanges)
        target = Path(fixture_path)
        target.write_text(yaml.safe_dump(fixture, sort_keys=False, allow_unicode=True), encoding="utf-8")
        recording = recording_path(target)
        recording.write_text(
            json.dumps({"tenant": self.tenant, "exchanges": [e.as_dict() for e in exchanges]}, indent=1),
            encoding="utf-8",
        )
        return target, recording


def _kept(headers: httpx.Headers) -> dict[str, str]:
    """The tenant's answer headers that still hold for the bytes returned (a single value per name)."""
    kept: dict[str, str] = {}
    for name, value in headers.multi_items():
        if name.lower() not in _ANSWER_DROPPED:
            kept[name] = f"{kept[name]}, {value}" if name in kept else value
    return kept


def _json(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def redact(value: Any, tokens: set[str]) -> Any:
    """Return ``value`` with the tokens and every hidden parameter value (``hideValue: true``) masked."""
    if isinstance(value, str):
        return MASKED_TOKEN if value in tokens else value
    if isinstance(value, list):
        return [redact(v, tokens) for v in value]
    if isinstance(value, dict):
        hidden = value.get("hideValue") is True
        return {
            k: MASKED_TOKEN if hidden and k in ("value", "defaultValue") and v is not None else redact(v, tokens)
            for k, v in value.items()
        }
    return value
