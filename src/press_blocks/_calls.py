"""A call, and everything about sending one that the sync and async senders share.

A :class:`Call` is a generated endpoint module (its ``build_request`` makes the request
without sending it) with the arguments to build it from. :class:`SenderCore` turns a
call into an ``httpx.Request`` for one attempt — our headers, a fresh request id, the
token, the timeout — and turns what came back into JSON or a typed error. The two
senders (``_async/sender.py`` and the ``_sync`` copy generated from it) only send,
read and wait.

Nothing here changes the ``httpx`` client it is given: every setting travels on the
request, and redirects are never followed, so the token only goes to the base URL's origin.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx
from press_blocks_api.operations import OPERATIONS

from press_blocks import _constants
from press_blocks._config import Settings, redacted_url, upload_timeout_for
from press_blocks._retry import Outcome, RetryKind, RetryPolicy
from press_blocks.errors import (
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    InvalidArgumentError,
    ResponseDecodeError,
    ResponseTooLargeError,
    status_error_class,
)

if TYPE_CHECKING:
    from press_blocks_api.types import EndpointRequest

__all__ = [
    "BodyReader",
    "Call",
    "DeadlineExceeded",
    "SenderCore",
    "async_attempt_deadline",
    "async_client_options",
    "async_send_headers",
    "attempt_deadline",
    "client_options",
    "operation_call",
    "past_deadline",
    "send_headers",
    "tls_options",
]

logger = logging.getLogger("press_blocks")

#: Each operation's answer shape, by endpoint module (its full name: one lookup per answer).
ANSWERS: Mapping[str, str] = {operation.module: operation.answer for operation in OPERATIONS.values()}


@dataclass(frozen=True)
class Call:
    """One API call: a generated endpoint module and how to build its arguments.

    ``arguments`` is called once per attempt, so a multipart upload gets a fresh,
    fully readable body every time it is sent.
    """

    endpoint: ModuleType
    arguments: Callable[[], dict[str, Any]]
    upload: bool = False

    @property
    def method(self) -> str:
        """The HTTP method, as the document declares it."""
        method: str = self.endpoint.METHOD
        return method

    @property
    def retry(self) -> RetryKind:
        """How safe the call is to retry: a POST creates something, so only when nothing was sent."""
        return RetryKind.UNSAFE if self.endpoint.METHOD == "POST" else RetryKind.IDEMPOTENT

    @property
    def operation(self) -> str:
        """The endpoint module's name, as logs show it."""
        return self.endpoint.__name__.rsplit(".", 1)[-1]

    def build(self) -> EndpointRequest:
        """Build the request of one attempt, without sending it."""
        request: EndpointRequest = self.endpoint.build_request(**self.arguments())
        return request


def operation_call(operation: object, arguments: Mapping[str, Any]) -> Call:
    """Return the call of any generated operation module, retried as its method allows."""
    build = getattr(operation, "build_request", None)
    method = getattr(operation, "METHOD", None)
    if not isinstance(operation, ModuleType) or not callable(build) or not isinstance(method, str):
        raise InvalidArgumentError(
            "operation must be a generated endpoint module, such as "
            f"press_blocks_api.api.block_specs.describe_spec; not {operation!r}."
        )
    fixed = dict(arguments)
    return Call(operation, lambda: dict(fixed))


def async_client_options(settings: Settings) -> dict[str, Any]:
    """The options of an ``httpx.AsyncClient`` of our own: the session's timeout, our fixed headers, TLS."""
    headers = {"User-Agent": _constants.USER_AGENT, "Accept": _constants.ACCEPT}
    return {"timeout": settings.timeout, "headers": headers, **tls_options(settings.base_url)}


def client_options(settings: Settings) -> dict[str, Any]:
    """The same for an ``httpx.Client``, whose transport also honours the attempt's deadline."""
    from press_blocks._sync_deadline import deadline_transport

    options = async_client_options(settings)
    options["transport"] = deadline_transport(options.pop("verify", True))
    return options


def tls_options(base_url: str) -> dict[str, Any]:
    """Skip loading the CA bundle for a plain-HTTP base URL: it is most of a client's build time, and unused.

    Requests only go to the base URL and redirects are not followed, so an ``http://`` client
    makes no TLS connection; the context it gets trusts no CA, so one would fail, not go unchecked.
    """
    if httpx.URL(base_url).scheme != "http":
        return {}
    import ssl

    return {"verify": ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)}


class DeadlineExceeded(httpx.TimeoutException):
    """One attempt took longer than its deadline in all (a timeout: retried as a read timeout is)."""


def attempt_deadline(at: float) -> contextlib.AbstractContextManager[None]:
    """The sync sender's deadline scope: socket operations of a client we built end by ``at``."""
    from press_blocks._sync_deadline import deadline_scope

    return deadline_scope(at)


def async_attempt_deadline(at: float) -> contextlib.AbstractAsyncContextManager[object]:
    """Cancel what runs inside at ``time.monotonic()`` = ``at`` (raises ``TimeoutError`` there)."""
    import asyncio

    return asyncio.timeout(at - time.monotonic())


def send_headers(client: httpx.Client, request: httpx.Request, at: float, *, own_client: bool) -> httpx.Response:
    """Send ``request`` and return once its headers are in, or raise ``TimeoutError`` at ``at``.

    The body is left to stream. A client of our own ends its socket operations at the
    deadline by itself; a user's is waited for on another thread (see ``_sync_deadline``).
    """
    if own_client:
        return client.send(request, stream=True, follow_redirects=False)
    from press_blocks._sync_deadline import send_on_worker

    return send_on_worker(client, request, at)


async def async_send_headers(
    client: httpx.AsyncClient, request: httpx.Request, at: float, *, own_client: bool
) -> httpx.Response:
    """The same for an ``httpx.AsyncClient``: the attempt's deadline scope cancels it, whoever built the client.

    ``own_client`` changes nothing here; it is taken so that the sender's one call line, written
    once in ``_async/sender.py``, becomes the sync call by unasync's renaming alone.
    """
    return await client.send(request, stream=True, follow_redirects=False)


class BodyReader:
    """Collects a response body chunk by chunk (decompressed), refusing more than ``limit`` bytes.

    It also stops a body that is still arriving when the attempt's deadline (``time.monotonic``)
    has passed: a server trickling bytes cannot hold a call past it.
    """

    def __init__(self, response: httpx.Response, limit: int, deadline_at: float, deadline: float) -> None:
        self.response = response
        self.limit = limit
        self.deadline_at = deadline_at
        self.deadline = deadline
        self.size = 0
        self.chunks: list[bytes] = []
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise self._too_large(int(declared))

    def add(self, chunk: bytes) -> None:
        """Keep one chunk, or raise when the body grows past the limit."""
        self.size += len(chunk)
        if time.monotonic() > self.deadline_at:
            raise deadline_exceeded(self.deadline, self.response.request)
        if self.size > self.limit:
            self.chunks.clear()
            raise self._too_large(self.size)
        self.chunks.append(chunk)

    def body(self) -> bytes:
        """The whole body; the response reads as if ``read()`` had been called."""
        body = self.chunks[0] if len(self.chunks) == 1 else b"".join(self.chunks)
        self.chunks.clear()
        # What httpx.Response.read() stores: error handlers can still use .content/.json().
        self.response._content = body
        return body

    def _too_large(self, size: int) -> ResponseTooLargeError:
        method, url, request_id = describe(self.response.request)
        return ResponseTooLargeError(
            f"The {self.response.status_code} response to {method} {self.response.url.raw_path.decode()} is larger "
            f"than {self.limit:,} bytes (at least {size:,}; request {request_id}); raise max_response_bytes if "
            "it is expected.",
            method=method,
            url=url,
            request_id=request_id,
            limit=self.limit,
        )


def past_deadline(outcome: Outcome, request: httpx.Request, deadline_at: float, deadline: float) -> Outcome:
    """``outcome``, with a timeout that ended at the deadline reported as the deadline."""
    if isinstance(outcome.error, httpx.TimeoutException) and time.monotonic() >= deadline_at:
        return Outcome(error=deadline_exceeded(deadline, request))
    return outcome


def deadline_exceeded(deadline: float, request: httpx.Request) -> DeadlineExceeded:
    """The timeout error of an attempt that outlived its deadline."""
    return DeadlineExceeded(
        f"the attempt took longer than its {deadline:g} s deadline (set deadline=... on the Session or with_options)",
        request=request,
    )


def describe(request: httpx.Request) -> tuple[str, str, str | None]:
    """The method, URL and request id of ``request``, as errors carry them."""
    return request.method, redacted_url(str(request.url)), request.headers.get(_constants.REQUEST_ID_HEADER)


class SenderCore:
    """What both senders do around sending: build each attempt's request, and read the outcome."""

    http_client: httpx.Client | httpx.AsyncClient
    owns_client: bool

    def __init__(self, settings: Settings, policy: RetryPolicy | None) -> None:
        self.settings = settings
        self.policy = (policy or RetryPolicy()).with_max_retries(settings.max_retries)
        self.max_response_bytes = settings.max_response_bytes
        self._base_url = settings.base_url
        # Read once: a session that does not validate pays one attribute test per call.
        self._validate_responses = settings.validate_responses != "off"
        if self._validate_responses:
            from press_blocks._response_validation import require

            require()

    def retry_policy(self, max_retries: int | None) -> RetryPolicy:
        """The policy of one call: the session's, with another retry count when given."""
        return self.policy if max_retries is None else self.policy.with_max_retries(max_retries)

    def timeout_for(self, call: Call, timeout: httpx.Timeout | None) -> httpx.Timeout:
        """The timeout of one call: the session's, or the client's override; uploads write for longer."""
        if timeout is None:
            return self.settings.upload_timeout if call.upload else self.settings.timeout
        return upload_timeout_for(timeout) if call.upload else timeout

    def deadline_for(self, call: Call, deadline: float | None) -> float:
        """The deadline of each attempt of one call: the client's override, else the session's."""
        if deadline is None:
            return self.settings.upload_deadline if call.upload else self.settings.deadline
        return max(deadline, self.settings.upload_deadline) if call.upload else deadline

    def prepare(
        self, call: Call, timeout: httpx.Timeout | None, extra_headers: Mapping[str, str] | None = None
    ) -> httpx.Request:
        """Build the ``httpx.Request`` of one attempt: the endpoint's request with our headers and timeout.

        ``extra_headers`` (from ``with_options(headers=...)``) replace any header but ``Authorization``.
        """
        spec = call.build()
        headers: dict[str, Any] = dict(spec.headers) if spec.headers else {}
        headers["Authorization"] = self.settings.token.reveal()
        if not self.owns_client:
            # A client of our own has these as its defaults; a user's gets them on each request.
            headers["User-Agent"] = _constants.USER_AGENT
            headers["Accept"] = _constants.ACCEPT
        headers[_constants.REQUEST_ID_HEADER] = _request_id()
        if extra_headers:
            replaced = {k.lower() for k in extra_headers} - {"authorization"}
            headers = {k: v for k, v in headers.items() if k.lower() not in replaced}
            headers.update((k, v) for k, v in extra_headers.items() if k.lower() in replaced)
        # The path is the generated one (it always starts with "/"), so the URL, and with it the
        # token, stays on the base URL's origin.
        return self.http_client.build_request(
            spec.method,
            self._base_url + spec.url,
            params=spec.params,
            headers=headers,
            cookies=spec.cookies,
            json=spec.json,
            data=spec.data,
            files=spec.files,
            content=spec.content,
            timeout=self.timeout_for(call, timeout),
        )

    def finish(self, call: Call, request: httpx.Request, outcome: Outcome) -> Any:
        """Return the JSON of a successful response, or raise the typed error for the outcome."""
        if outcome.error is not None:
            raise self.connection_error(request, outcome.error) from outcome.error
        response = outcome.response
        assert response is not None
        body = outcome.body
        if 200 <= response.status_code < 300:
            if not body.strip():
                return {}
            try:
                result = json.loads(body)
            except ValueError as exc:
                kind = self.settings.token.mask(response.headers.get("content-type", "no content type"))
                raise undecodable(response, f"is not JSON ({kind}, {len(body)} bytes)") from exc
            except RecursionError as exc:
                raise undecodable(response, "is JSON nested too deeply to decode") from exc
            # The shape the document gives the operation's answer (codegen/operations.py reads it).
            answer = ANSWERS.get(call.endpoint.__name__)
            if answer is not None and not isinstance(result, list if answer == "array" else dict):
                expected = "array" if answer == "array" else "object"
                raise undecodable(
                    response, f"is a JSON {_json_kind(result)}, not the {expected} {call.operation} returns"
                )
            if self._validate_responses:
                self._check_response(call, request, response, data=result)
            return result
        if self._validate_responses:
            self._check_response(call, request, response, body=body)
        method, url, request_id = describe(request)
        error_class = status_error_class(response.status_code)
        raise error_class(
            status_code=response.status_code,
            method=method,
            url=url,
            request_id=request_id,
            # The server's text goes into the message: a body that echoes the token must not carry it there.
            body=self.settings.token.mask_data(_error_body(response, body)),
            response=response,
        )

    def _check_response(
        self,
        call: Call,
        request: httpx.Request,
        response: httpx.Response,
        *,
        data: Any = None,
        body: bytes | None = None,
    ) -> None:
        """Warn or raise, as the session says, when the response differs from the OpenAPI document."""
        from press_blocks._response_validation import check_response

        method, url, request_id = describe(request)
        check_response(
            self.settings.validate_responses,
            call.operation,
            response.status_code,
            response.headers.get("content-type", ""),
            data=data,
            body=body,
            method=method,
            url=url,
            request_id=request_id,
        )

    def connection_error(self, request: httpx.Request, error: Exception) -> APIConnectionError:
        """The package error for a request that got no HTTP answer."""
        method, url, request_id = describe(request)
        where = (
            f"{method} {request.url.raw_path.decode()}, request {request_id}; "
            f"base URL {redacted_url(self._base_url)}, stage {self.settings.stage}"
        )
        reason = self.settings.token.mask(str(error)) or type(error).__name__
        timeout_reason = _timeout_reason(request, error)
        if timeout_reason is not None and timeout_reason != reason:
            reason = f"{timeout_reason}: {reason}"
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(
                f"Request timed out: {reason} ({where})", method=method, url=url, request_id=request_id
            )
        return APIConnectionError(
            f"Connection failed: {reason} ({where})", method=method, url=url, request_id=request_id
        )

    def closed_error(self, request: httpx.Request) -> ClientClosedError:
        """The error of a call that met a closed connection pool (httpx's bare ``RuntimeError``)."""
        method, url, request_id = describe(request)
        return ClientClosedError(
            f"The connection pool is closed, so {method} {request.url.raw_path.decode()} was not sent (request "
            f"{request_id}): the session or client was closed while calls were still running, on another "
            "thread. Close it only once its calls have returned.",
            method=method,
            url=url,
            request_id=request_id,
        )

    def log_retry(self, call: Call, attempt: int, outcome: Outcome, delay: float) -> None:
        """Say at INFO level why a call is tried again (never with the token)."""
        if outcome.error is not None:
            reason = type(outcome.error).__name__
        else:
            assert outcome.response is not None
            reason = f"status {outcome.response.status_code}"
        logger.info(
            "retrying %s %s after %s (attempt %d), waiting %.2fs",
            call.method,
            call.operation,
            reason,
            attempt + 1,
            delay,
        )


def _request_id() -> str:
    """A random (version 4) UUID as text: what ``str(uuid.uuid4())`` gives, in a third of its time."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def undecodable(response: httpx.Response, problem: str) -> ResponseDecodeError:
    """The error for a 2xx whose body is not the JSON it should be."""
    method, url, request_id = describe(response.request)
    return ResponseDecodeError(
        f"{response.status_code} response {problem} ({method} {response.url.raw_path.decode()}, request {request_id})",
        method=method,
        url=url,
        request_id=request_id,
        response=response,
    )


def _error_body(response: httpx.Response, body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return response.text


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value), "number")


_TIMEOUT_PHASES: dict[type[Exception], tuple[str, str]] = {
    httpx.ConnectTimeout: ("connect", "connecting"),
    httpx.ReadTimeout: ("read", "waiting for data"),
    httpx.WriteTimeout: ("write", "sending data"),
    httpx.PoolTimeout: ("pool", "waiting for a free connection"),
}


def _timeout_reason(request: httpx.Request, error: Exception) -> str | None:
    """Which timeout expired, with its setting: a deadline, or one of httpx's per-operation timeouts."""
    if isinstance(error, DeadlineExceeded):
        return str(error)
    phase = _TIMEOUT_PHASES.get(type(error))
    if phase is None:
        return None
    key, doing = phase
    seconds = request.extensions.get("timeout", {}).get(key)
    limit = f"{seconds:g} s" if isinstance(seconds, int | float) else "its"
    return f"{limit} {key} timeout expired while {doing} (set timeout=...)"
