"""In-process httpx transports over the emulator's ASGI app: one for ``httpx.AsyncClient``, one for ``httpx.Client``.

httpx has no synchronous ASGI transport, so the sync one runs the app on an asyncio event loop
in a background daemon thread and hands each request over to it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
import weakref
from typing import Any, Self

import anyio
import httpx

from press_blocks.emulator._wire import ConnectionDropped

__all__ = ["AsyncEmulatorTransport", "EmulatorTransport"]

# The address the app sees as its client, and the host the in-process transports answer for.
_CLIENT = ("127.0.0.1", 50000)
_CLOSE_TIMEOUT = 10.0


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout") or {}
    value = timeout.get("read")
    return float(value) if value is not None else None


class AsyncEmulatorTransport(httpx.AsyncBaseTransport):
    """An ``httpx.AsyncClient`` transport that calls the emulator's ASGI app in-process.

    A dropped or truncated connection (a fault) raises ``httpx.RemoteProtocolError``; the
    client's read timeout is honoured (``httpx.ReadTimeout``), so latency faults can be tested.
    """

    def __call__(self) -> Self:
        """This transport: the ``press_emulator`` fixture's attribute also reads as ``Emulator``'s method does."""
        return self

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app, client=_CLIENT)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = _read_timeout(request)
        try:
            with anyio.fail_after(timeout):
                response = await self._inner.handle_async_request(request)
        except TimeoutError:
            raise httpx.ReadTimeout("the emulator did not answer within the read timeout", request=request) from None
        except ConnectionDropped as exc:
            raise httpx.RemoteProtocolError(str(exc), request=request) from None
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class _LoopThread:
    """An asyncio event loop running in a daemon thread (so a forgotten ``close()`` never blocks exit)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="press-emulator-transport", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def stop(self, timeout: float) -> None:
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout)
        if self.thread.is_alive():
            raise RuntimeError("the emulator transport's event loop did not stop in time")
        self.loop.close()


def _stop_quietly(loop_thread: _LoopThread) -> None:
    with contextlib.suppress(RuntimeError):
        loop_thread.stop(_CLOSE_TIMEOUT)


class EmulatorTransport(httpx.BaseTransport):
    """An ``httpx.Client`` transport that calls the emulator's ASGI app on a background event loop.

    The loop's daemon thread starts with the first request and stops on ``close()`` (which
    ``httpx.Client.close()`` calls) within a bounded time, or when the transport is collected.
    """

    def __call__(self) -> Self:
        """This transport: the ``press_emulator`` fixture's attribute also reads as ``Emulator``'s method does."""
        return self

    def __init__(self, app: Any) -> None:
        self._async = AsyncEmulatorTransport(app)
        self._lock = threading.Lock()
        self._loop: _LoopThread | None = None
        self._finalizer: weakref.finalize[[_LoopThread], EmulatorTransport] | None = None
        self._closed = False

    def _loop_thread(self) -> _LoopThread:
        with self._lock:
            if self._closed:
                raise RuntimeError("the emulator transport is closed")
            if self._loop is None:
                self._loop = _LoopThread()
                self._finalizer = weakref.finalize(self, _stop_quietly, self._loop)
            return self._loop

    async def _call(self, request: httpx.Request) -> httpx.Response:
        response = await self._async.handle_async_request(request)
        content = await response.aread()
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            content=content,
            extensions=response.extensions,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # The body is read here, in the caller's thread: a sync stream cannot be read from the loop.
        body = request.read()
        forwarded = httpx.Request(
            request.method, request.url, headers=request.headers, content=body, extensions=request.extensions
        )
        loop = self._loop_thread().loop
        future = asyncio.run_coroutine_threadsafe(self._call(forwarded), loop)
        timeout = _read_timeout(request)
        try:
            # The async side enforces the read timeout; this bound only guards against a stuck loop.
            return future.result(timeout=None if timeout is None else timeout + 5.0)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise httpx.ReadTimeout("the emulator did not answer within the read timeout", request=request) from None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            loop, self._loop = self._loop, None
            if self._finalizer is not None:
                self._finalizer.detach()
        if loop is not None:
            loop.stop(_CLOSE_TIMEOUT)
