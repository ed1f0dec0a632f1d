"""The Session: a token, a stage or base URL, and the connection pools they are used over."""

from __future__ import annotations

import threading
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self

from press_blocks._config import Settings, redacted_url, resolve_settings
from press_blocks.errors import ConfigurationError

if TYPE_CHECKING:
    import httpx

    from press_blocks._async.sender import AsyncSender
    from press_blocks._retry import RetryPolicy
    from press_blocks._sync.sender import Sender

__all__ = ["Session"]


class Session:
    """Credentials and connection settings shared by clients; owns one connection pool per kind (sync, async).

    Args:
        auth_token: The API token, sent verbatim in ``Authorization``. Defaults to
            ``PEAK_AUTH_TOKEN``, then ``API_KEY`` (empty values count as unset).
        stage: ``prod`` (default), ``dev``/``latest``, ``test``, ``beta`` or ``parvati``.
            Defaults to ``PEAK__STAGE``, then ``STAGE``.
        base_url: Overrides the stage's host (also ``PRESS_BASE_URL``): for the emulator,
            proxies and tests.
        timeout: Seconds, or an ``httpx.Timeout``, for each request (default: connect 10 s,
            read/write 60 s; uploads get at least a 300 s write timeout).
        max_retries: Retries after a retryable failure (default 3; 0 disables).
        http_client: An ``httpx.Client`` to use instead of building one (for proxies, custom
            transports, mTLS). press-blocks uses it as it is: it sets nothing on it, sends each
            request with its own headers, timeout and absolute URL, follows no redirect with
            it, and never closes it.
        async_http_client: The same, for the async client.
        retry_policy: Backoff settings (see :class:`~press_blocks.RetryPolicy`).
        deadline: Seconds one attempt may take in all — connecting, sending, waiting and reading
            — however slowly the server trickles bytes (default 300 s; uploads at least 1800 s).
            ``timeout`` bounds each single read or write; this bounds their sum.
        max_response_bytes: The largest response body read, after decompression (default
            64 MiB); a larger one raises ``ResponseTooLargeError``.
        validate_responses: ``"off"`` (default), ``"warn"`` or ``"raise"``: check every
            response against the OpenAPI document and issue a
            :class:`~press_blocks.ContractDriftWarning`, or raise a
            :class:`~press_blocks.ContractDriftError`, naming the operation, the JSON path and
            what differed. Defaults to ``PRESS_BLOCKS_VALIDATE_RESPONSES``. Needs the
            ``contract`` extra (``jsonschema``); costs nothing when off.
        dry_run: Send nothing: every call, of every client on this session, returns a
            :class:`~press_blocks.DryRun` describing the request it would have sent.

    Raises:
        MissingCredentialsError: No token in the arguments or the environment.
        InvalidStageError: The stage is unknown.
        ConfigurationError: The base URL or the token cannot be used (a token with a line
            break, NUL or non-ASCII character is refused; the message never shows it).
        InvalidArgumentError: ``timeout``, ``max_retries``, ``deadline`` or
            ``max_response_bytes`` has the wrong type or value, or ``validate_responses`` is not
            a known mode.

    Building a session does no network I/O; connections open on the first call.
    """

    def __init__(
        self,
        auth_token: str | None = None,
        stage: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
        retry_policy: RetryPolicy | None = None,
        deadline: float | None = None,
        max_response_bytes: int | None = None,
        dry_run: bool = False,
        validate_responses: str | None = None,
    ) -> None:
        if max_retries is None and retry_policy is not None:
            max_retries = retry_policy.max_retries
        self.settings: Settings = resolve_settings(
            auth_token,
            stage,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            validate_responses=validate_responses,
        )
        _check_client(http_client, "http_client", "Client")
        _check_client(async_http_client, "async_http_client", "AsyncClient")
        self._http_client = http_client
        self._async_http_client = async_http_client
        self._retry_policy = retry_policy
        if not isinstance(dry_run, bool):
            raise ConfigurationError(f"dry_run must be True or False, not {dry_run!r}.")
        self.dry_run = dry_run
        self._sender: Sender | None = None
        self._async_sender: AsyncSender | None = None
        self._lock = threading.Lock()

    @property
    def stage(self) -> str:
        """The stage this session talks to."""
        return self.settings.stage

    @property
    def base_url(self) -> str:
        """The base URL every request goes to."""
        return self.settings.base_url

    def sender(self) -> Sender:
        """Return the sync sender, creating its connection pool on first use."""
        with self._lock:
            if self._sender is None:
                from press_blocks._sync.sender import Sender

                self._sender = Sender(self.settings, http_client=self._http_client, policy=self._retry_policy)
            return self._sender

    def async_sender(self) -> AsyncSender:
        """Return the async sender, creating its connection pool on first use."""
        with self._lock:
            if self._async_sender is None:
                from press_blocks._async.sender import AsyncSender

                self._async_sender = AsyncSender(
                    self.settings, http_client=self._async_http_client, policy=self._retry_policy
                )
            return self._async_sender

    def call(self, operation: ModuleType, /, **arguments: Any) -> Any:
        """Send any generated operation through this session; return its JSON or raise a typed error.

        ``operation`` is an endpoint module of the generated package, such as
        ``press_blocks_api.api.block_specs.describe_spec``; ``arguments`` are its
        ``build_request`` arguments. Token, timeouts, retries (POST only when nothing was sent)
        and errors are those of every other call. With ``dry_run``, returns the :class:`~press_blocks.DryRun`.
        """
        from press_blocks._calls import operation_call

        call = operation_call(operation, arguments)
        if self.dry_run:
            from press_blocks._dry_run import dry_run_of

            return dry_run_of(self.sender(), call)
        return self.sender().execute(call)

    async def acall(self, operation: ModuleType, /, **arguments: Any) -> Any:
        """The async form of :meth:`call`."""
        from press_blocks._calls import operation_call

        call = operation_call(operation, arguments)
        if self.dry_run:
            from press_blocks._dry_run import dry_run_of

            return dry_run_of(self.async_sender(), call)
        return await self.async_sender().execute(call)

    def close(self) -> None:
        """Close the sync connection pool (the async one closes with :meth:`aclose`)."""
        with self._lock:
            sender, self._sender = self._sender, None
        if sender is not None:
            sender.close()

    async def aclose(self) -> None:
        """Close both connection pools."""
        self.close()
        with self._lock:
            sender, self._async_sender = self._async_sender, None
        if sender is not None:
            await sender.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        dry = ", dry_run=True" if self.dry_run else ""
        return f"Session(stage={self.stage!r}, base_url={redacted_url(self.base_url)!r}{dry})"


def _check_client(client: object, argument: str, kind: str) -> None:
    if client is None:
        return
    import httpx

    if not isinstance(client, getattr(httpx, kind)):
        raise ConfigurationError(f"{argument} must be an httpx.{kind}, not {type(client).__name__}.")
