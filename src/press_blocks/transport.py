"""Sending calls through the generated package: timeouts, retries, request ids and error mapping.

Every request goes through a generated ``*_detailed`` function with an ``httpx`` client this
module builds (or the one a user hands in). The generated code builds the URL, query and
body; this module decides what happens around it:

* :class:`RetryPolicy` is plain code — which failures are retried, how long to wait — and
  :func:`finish` turns the final response into JSON or a typed error. The sync
  :class:`Transport` and the async :class:`AsyncTransport` are two thin loops around them.
* httpx event hooks, active only inside a call, add the headers (token, user agent, a fresh
  ``x-peak-requestId`` per attempt), apply the call's timeout, and capture the raw
  ``httpx.Response``. Working from that response, rather than the generated parser's result,
  keeps the client forward compatible: an answer the document does not describe is still
  returned whole, and an undecodable one becomes a typed error instead of a parser crash.
"""

from __future__ import annotations

import contextvars
import email.utils
import enum
import json
import logging
import random
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Protocol, cast

import httpx

from press_blocks._version import __version__
from press_blocks.config import Settings, upload_timeout_for
from press_blocks.errors import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    ResponseDecodeError,
    status_error_class,
)

__all__ = [
    "USER_AGENT",
    "AsyncTransport",
    "Call",
    "Outcome",
    "RetryKind",
    "RetryPolicy",
    "Transport",
    "finish",
]

logger = logging.getLogger("press_blocks")

USER_AGENT = f"press-blocks/{__version__}"
REQUEST_ID_HEADER = "x-peak-requestId"
_HOOKED = "_press_blocks_hooked"


class RetryKind(enum.Enum):
    """How safe a call is to repeat."""

    #: GET, PUT, DELETE and set-style PATCH: repeating them cannot change the outcome.
    IDEMPOTENT = "idempotent"
    #: POST: the service may have acted even when no answer came back.
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Call:
    """One API call: the generated endpoint module and how to build its arguments.

    ``arguments`` is called once per attempt, so a multipart upload gets a fresh,
    fully readable body every time it is sent.
    """

    endpoint: ModuleType
    method: str
    arguments: Callable[[], dict[str, Any]]
    retry: RetryKind = RetryKind.IDEMPOTENT
    upload: bool = False


@dataclass(frozen=True)
class Outcome:
    """What one attempt produced: an HTTP response, or the transport error that replaced it."""

    response: httpx.Response | None = None
    error: httpx.TransportError | None = None

    @property
    def request_sent(self) -> bool:
        """Whether the request may have reached the service (anything but a connect failure)."""
        return not isinstance(self.error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


# Errors that say the request itself cannot work; sending it again changes nothing.
_HOPELESS = (httpx.UnsupportedProtocol, httpx.LocalProtocolError)
_IDEMPOTENT_RETRY_STATUSES = frozenset({429, 502, 503, 504})
_UNSAFE_RETRY_STATUSES = frozenset({429, 503})  # and only with Retry-After


@dataclass(frozen=True)
class RetryPolicy:
    """When to try a call again and how long to wait first.

    Exponential backoff with full jitter (a uniform wait between 0 and
    ``initial_delay * 2**attempt``, capped at ``max_delay``); a ``Retry-After`` from the
    service is honoured when it is at most ``max_retry_after`` seconds, and a longer one
    ends the retries so the caller sees the error instead of a silent long sleep.
    """

    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, kind: RetryKind, attempt: int, outcome: Outcome) -> float | None:
        """Return how long to wait before retrying after ``attempt`` (0-based), or None to stop."""
        if attempt >= self.max_retries:
            return None
        retry_after = _retry_after(outcome.response) if outcome.response is not None else None
        if outcome.error is not None:
            if isinstance(outcome.error, _HOPELESS):
                return None
            retryable = kind is RetryKind.IDEMPOTENT or not outcome.request_sent
        else:
            assert outcome.response is not None
            status = outcome.response.status_code
            if kind is RetryKind.IDEMPOTENT:
                retryable = status in _IDEMPOTENT_RETRY_STATUSES
            else:
                retryable = status in _UNSAFE_RETRY_STATUSES and retry_after is not None
        if not retryable:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        return self.rng.uniform(0.0, min(self.max_delay, self.initial_delay * 2**attempt))

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """Return a copy allowing ``max_retries`` retries."""
        return RetryPolicy(max_retries, self.initial_delay, self.max_delay, self.max_retry_after, self.rng)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


# --- turning the final outcome into a result -------------------------------------------


def finish(call: Call, outcome: Outcome) -> Any:
    """Return the JSON of a successful response, or raise the typed error for the outcome."""
    if outcome.error is not None:
        raise _connection_error(call, outcome.error) from outcome.error
    response = outcome.response
    assert response is not None
    if 200 <= response.status_code < 300:
        if not response.content.strip():
            return {}
        try:
            return json.loads(response.content)
        except ValueError as exc:
            kind = response.headers.get("content-type", "no content type")
            raise _undecodable(response, f"is not JSON ({kind}, {len(response.content)} bytes)") from exc
    method, url, request_id = _describe(response)
    error_class = status_error_class(response.status_code)
    raise error_class(
        status_code=response.status_code,
        method=method,
        url=url,
        request_id=request_id,
        body=_body_of(response),
        response=response,
    )


def _undecodable(response: httpx.Response, problem: str) -> ResponseDecodeError:
    method, url, request_id = _describe(response)
    return ResponseDecodeError(
        f"{response.status_code} response {problem} ({method} {response.url.raw_path.decode()}, request {request_id})",
        method=method,
        url=url,
        request_id=request_id,
        response=response,
    )


def _describe(response: httpx.Response) -> tuple[str, str, str | None]:
    request = response.request
    return request.method, str(request.url), request.headers.get(REQUEST_ID_HEADER)


def _body_of(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _connection_error(call: Call, error: httpx.TransportError) -> APIConnectionError:
    try:
        request = error.request
        method, url = request.method, str(request.url)
        request_id = request.headers.get(REQUEST_ID_HEADER)
        where = f"{method} {request.url.raw_path.decode()}, request {request_id}"
    except RuntimeError:  # an error raised before any request was built carries none
        method, url, request_id = call.method, "", None
        where = call.method
    reason = str(error) or type(error).__name__
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"Request timed out: {reason} ({where})", method=method, url=url, request_id=request_id)
    return APIConnectionError(f"Connection failed: {reason} ({where})", method=method, url=url, request_id=request_id)


# --- what the httpx hooks see during a call ----------------------------------------------


@dataclass
class _CallScope:
    headers: Mapping[str, str]
    timeout: httpx.Timeout
    responses: list[httpx.Response] = field(default_factory=list)


_SCOPE: contextvars.ContextVar[_CallScope | None] = contextvars.ContextVar("press_blocks_call", default=None)


def _on_request(request: httpx.Request) -> None:
    scope = _SCOPE.get()
    if scope is None:  # a user's own request on a client they shared with us: leave it alone
        return
    request.headers.update(scope.headers)
    request.headers[REQUEST_ID_HEADER] = str(uuid.uuid4())
    request.extensions = {**request.extensions, "timeout": scope.timeout.as_dict()}


def _on_response(response: httpx.Response) -> None:
    scope = _SCOPE.get()
    if scope is not None:
        scope.responses.append(response)


async def _on_request_async(request: httpx.Request) -> None:
    _on_request(request)


async def _on_response_async(response: httpx.Response) -> None:
    _on_response(response)


_FIXED_BOUNDARY = "multipart/form-data; boundary=+++"


def _fresh_boundary(headers: Any) -> Any:
    # The generated code always asks httpx for the boundary "+++", and a zip stores small
    # files verbatim, so "\r\n--+++" can occur in the artifact and cut the body short.
    if headers is None:
        return headers
    fixed = httpx.Headers(headers)
    if fixed.get("content-type") == _FIXED_BOUNDARY:
        fixed["content-type"] = f"multipart/form-data; boundary={secrets.token_hex(16)}"
    return fixed


def _install_hooks(client: httpx.Client | httpx.AsyncClient, base_url: str) -> None:
    if getattr(client, _HOOKED, False):
        return
    build_request = client.build_request

    def build_with_fresh_boundary(*args: Any, **kwargs: Any) -> httpx.Request:
        kwargs["headers"] = _fresh_boundary(kwargs.get("headers"))
        return build_request(*args, **kwargs)

    # httpx encodes multipart bodies in build_request, with the boundary the headers name.
    setattr(client, "build_request", build_with_fresh_boundary)  # noqa: B010
    if not str(client.base_url).strip("/"):
        client.base_url = httpx.URL(base_url)
    hooks = client.event_hooks
    if isinstance(client, httpx.AsyncClient):
        hooks.setdefault("request", []).append(_on_request_async)
        hooks.setdefault("response", []).append(_on_response_async)
    else:
        hooks.setdefault("request", []).append(_on_request)
        hooks.setdefault("response", []).append(_on_response)
    client.event_hooks = hooks
    setattr(client, _HOOKED, True)


def _tls_options(base_url: str) -> dict[str, Any]:
    """Skip loading the CA bundle for a plain-HTTP base URL: it is most of a client's build time, and unused.

    Requests only go to the base URL and redirects are not followed, so an ``http://`` client
    makes no TLS connection; the context it gets trusts no CA, so one would fail, not go unchecked.
    """
    if httpx.URL(base_url).scheme != "http":
        return {}
    import ssl

    return {"verify": ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)}


class _GeneratedClient(Protocol):
    def set_httpx_client(self, client: httpx.Client) -> Any: ...
    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Any: ...


def _generated_client(base_url: str) -> _GeneratedClient:
    from press_blocks_api import Client

    return cast(_GeneratedClient, Client(base_url=base_url))


class _Base:
    def __init__(self, settings: Settings, policy: RetryPolicy | None) -> None:
        self.settings = settings
        self.policy = (policy or RetryPolicy()).with_max_retries(settings.max_retries)
        self._headers = {
            "Authorization": settings.token.reveal(),
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }

    def _scope(self, call: Call, timeout: httpx.Timeout | None) -> _CallScope:
        if timeout is None:
            chosen = self.settings.upload_timeout if call.upload else self.settings.timeout
        else:
            chosen = upload_timeout_for(timeout) if call.upload else timeout
        return _CallScope(headers=self._headers, timeout=chosen)

    def _policy(self, max_retries: int | None) -> RetryPolicy:
        return self.policy if max_retries is None else self.policy.with_max_retries(max_retries)

    @staticmethod
    def _outcome(scope: _CallScope, error: BaseException | None) -> Outcome:
        if isinstance(error, httpx.TransportError):
            return Outcome(error=error)
        if isinstance(error, httpx.DecodingError) and scope.responses:
            # The body could not be un-gzipped (a mislabelled proxy answer): not JSON, not retryable.
            raise _undecodable(scope.responses[-1], f"body cannot be decoded: {error}") from error
        if not scope.responses:
            if error is not None:
                raise error
            raise ConfigurationError("The HTTP client sent no request; is it an httpx client press-blocks can hook?")
        # The generated parser may reject what the document does not describe; the raw
        # response it was given is all this layer needs.
        return Outcome(response=scope.responses[-1])

    @staticmethod
    def _log_retry(call: Call, attempt: int, outcome: Outcome, delay: float) -> None:
        if outcome.error is not None:
            reason = type(outcome.error).__name__
        else:
            assert outcome.response is not None
            reason = f"status {outcome.response.status_code}"
        logger.debug(
            "retrying %s %s after %s (attempt %d), waiting %.2fs",
            call.method,
            call.endpoint.__name__.rsplit(".", 1)[-1],
            reason,
            attempt + 1,
            delay,
        )


class Transport(_Base):
    """Runs calls synchronously over one ``httpx.Client`` (kept alive, shared across threads)."""

    def __init__(
        self, settings: Settings, *, http_client: httpx.Client | None = None, policy: RetryPolicy | None = None
    ) -> None:
        super().__init__(settings, policy)
        self._owns_client = http_client is None
        self.http_client = http_client or httpx.Client(
            base_url=settings.base_url, timeout=settings.timeout, **_tls_options(settings.base_url)
        )
        _install_hooks(self.http_client, settings.base_url)
        self._generated = _generated_client(settings.base_url)
        self._generated.set_httpx_client(self.http_client)
        self._sleep: Callable[[float], None] = time.sleep

    def execute(self, call: Call, *, timeout: httpx.Timeout | None = None, max_retries: int | None = None) -> Any:
        """Send ``call`` with retries as the policy allows; return its JSON or raise a typed error."""
        policy = self._policy(max_retries)
        attempt = 0
        while True:
            outcome = self._attempt(call, timeout)
            delay = policy.delay(call.retry, attempt, outcome)
            if delay is None:
                return finish(call, outcome)
            self._log_retry(call, attempt, outcome, delay)
            if outcome.response is not None:
                outcome.response.close()
            self._sleep(delay)
            attempt += 1

    def _attempt(self, call: Call, timeout: httpx.Timeout | None) -> Outcome:
        scope = self._scope(call, timeout)
        token = _SCOPE.set(scope)
        try:
            call.endpoint.sync_detailed(client=self._generated, **call.arguments())
        except Exception as exc:  # sorted into transport errors and parser failures by _outcome
            return self._outcome(scope, exc)
        finally:
            _SCOPE.reset(token)
        return self._outcome(scope, None)

    def close(self) -> None:
        """Close the connection pool, if this transport created it."""
        if self._owns_client:
            self.http_client.close()


class AsyncTransport(_Base):
    """Runs calls on asyncio over one ``httpx.AsyncClient``, with the same policy as :class:`Transport`."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.AsyncClient | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(settings, policy)
        self._owns_client = http_client is None
        self.http_client = http_client or httpx.AsyncClient(
            base_url=settings.base_url, timeout=settings.timeout, **_tls_options(settings.base_url)
        )
        _install_hooks(self.http_client, settings.base_url)
        self._generated = _generated_client(settings.base_url)
        self._generated.set_async_httpx_client(self.http_client)
        import asyncio  # only the async client needs it; sync users skip its import cost

        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def execute(self, call: Call, *, timeout: httpx.Timeout | None = None, max_retries: int | None = None) -> Any:
        """Send ``call`` with retries as the policy allows; return its JSON or raise a typed error."""
        policy = self._policy(max_retries)
        attempt = 0
        while True:
            outcome = await self._attempt(call, timeout)
            delay = policy.delay(call.retry, attempt, outcome)
            if delay is None:
                return finish(call, outcome)
            self._log_retry(call, attempt, outcome, delay)
            if outcome.response is not None:
                await outcome.response.aclose()
            await self._sleep(delay)
            attempt += 1

    async def _attempt(self, call: Call, timeout: httpx.Timeout | None) -> Outcome:
        scope = self._scope(call, timeout)
        token = _SCOPE.set(scope)
        try:
            await call.endpoint.asyncio_detailed(client=self._generated, **call.arguments())
        except Exception as exc:  # sorted into transport errors and parser failures by _outcome
            return self._outcome(scope, exc)
        finally:
            _SCOPE.reset(token)
        return self._outcome(scope, None)

    async def aclose(self) -> None:
        """Close the connection pool, if this transport created it."""
        if self._owns_client:
            await self.http_client.aclose()
