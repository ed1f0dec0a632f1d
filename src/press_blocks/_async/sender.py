"""Sending calls over one ``httpx.AsyncClient``: one attempt at a time, with retries as the policy allows.

Building each attempt's request and reading its outcome is shared by the two senders
(:class:`~press_blocks._calls.SenderCore`); this module only sends, reads and waits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

from press_blocks._calls import (
    BodyReader,
    Call,
    SenderCore,
    async_attempt_deadline,
    async_client_options,
    async_send_headers,
    deadline_exceeded,
    past_deadline,
    undecodable,
)
from press_blocks._config import Settings
from press_blocks._logging import clock, log_attempt
from press_blocks._raw import ResponseObserver
from press_blocks._retry import Outcome, RetryPolicy

__all__ = ["AsyncSender"]


class AsyncSender(SenderCore):
    """Runs calls over one ``httpx.AsyncClient`` (kept alive, shared by every call of a session).

    A client handed in is used as it is, never changed, and never closed here.
    """

    http_client: httpx.AsyncClient

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.AsyncClient | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(settings, policy)
        self.owns_client = http_client is None
        self.http_client = http_client or httpx.AsyncClient(**async_client_options(settings))
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def execute(
        self,
        call: Call,
        *,
        timeout: httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: ResponseObserver | None = None,
    ) -> Any:
        """Send ``call`` with retries as the policy allows; return its JSON or raise a typed error.

        ``on_response`` is told of the response a successful call returns (for raw responses).
        """
        policy = self.retry_policy(max_retries)
        limit = self.deadline_for(call, deadline)
        attempt = 0
        while True:
            request = self.prepare(call, timeout, headers)
            started = clock()
            outcome = await self._attempt(request, limit)
            seconds = clock() - started
            log_attempt(call, request, outcome, attempt, seconds)
            delay = policy.delay(call.retry, attempt, outcome)
            if delay is None:
                result = self.finish(call, request, outcome)
                if on_response is not None and outcome.response is not None:
                    on_response(request, outcome.response, result, seconds)
                return result
            self.log_retry(call, attempt, outcome, delay)
            await self._sleep(delay)
            attempt += 1

    async def _attempt(self, request: httpx.Request, deadline: float) -> Outcome:
        deadline_at = time.monotonic() + deadline
        try:
            async with async_attempt_deadline(deadline_at):
                outcome = await self._exchange(request, deadline_at, deadline)
        except TimeoutError:
            return Outcome(error=deadline_exceeded(deadline, request))
        return past_deadline(outcome, request, deadline_at, deadline)

    async def _exchange(self, request: httpx.Request, deadline_at: float, deadline: float) -> Outcome:
        try:
            response = await async_send_headers(self.http_client, request, deadline_at, own_client=self.owns_client)
        except httpx.TransportError as exc:
            return Outcome(error=exc)
        except RuntimeError as exc:
            # httpx's "Cannot send a request, as the client has been closed": closed on another thread.
            if not self.http_client.is_closed:
                raise
            raise self.closed_error(request) from exc
        try:
            reader = BodyReader(response, self.max_response_bytes, deadline_at, deadline)
            async for chunk in response.aiter_bytes():
                reader.add(chunk)
            return Outcome(response=response, body=reader.body())
        except httpx.TransportError as exc:
            return Outcome(error=exc)
        except httpx.DecodingError as exc:
            # The body could not be un-gzipped (a mislabelled proxy answer): not JSON, not retryable.
            raise undecodable(response, f"body cannot be decoded: {exc}") from exc
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        """Close the connection pool, if this sender created it."""
        if self.owns_client:
            await self.http_client.aclose()
