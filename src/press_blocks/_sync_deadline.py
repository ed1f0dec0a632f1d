"""The sync client's deadline: no attempt outlives it, whoever built the ``httpx.Client``.

httpx's timeouts bound each single read or write, so a server that trickles its headers one
byte at a time never trips them. The async transport cancels an attempt when its deadline
passes; a sync call cannot be cancelled from outside, so:

- the ``httpx.Client`` press-blocks builds for itself gets a network backend whose streams
  shrink each operation's timeout to the time left (:func:`deadline_scope` says how long
  that is, per thread);
- a client handed in by the user keeps its own backend, untouched: its ``send`` runs on a
  worker thread (:func:`send_on_worker`), and the caller stops waiting for the headers at the
  deadline. The abandoned request finishes on the worker, which then closes its response.
  After the headers the body is read by the caller, with the deadline checked between chunks.
"""

from __future__ import annotations

import contextvars
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

import httpcore
import httpx

from press_blocks import _constants

__all__ = ["deadline_scope", "deadline_transport", "send_on_worker"]

_state = threading.local()


class deadline_scope:
    """Within the block, this thread's socket operations end by ``time.monotonic()`` = ``at``."""

    __slots__ = ("_at", "_previous")

    def __init__(self, at: float) -> None:
        self._at = at
        self._previous: float | None = None

    def __enter__(self) -> None:
        self._previous = getattr(_state, "at", None)
        _state.at = self._at

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        _state.at = self._previous


def _bounded(timeout: float | None) -> float | None:
    at: float | None = getattr(_state, "at", None)
    if at is None:
        return timeout
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("the attempt's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> _Stream:
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._backend.connect_tcp(host, port, _bounded(timeout), local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._backend.connect_unix_socket(path, _bounded(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_transport(verify: Any = True) -> httpx.HTTPTransport:
    """An ``httpx.HTTPTransport`` (httpx's default limits) whose connections honour :class:`deadline_scope`."""
    ssl_context = httpx.create_ssl_context(verify=verify)
    transport = httpx.HTTPTransport(verify=ssl_context)
    # httpx builds its connection pool without a way to pass a backend; this one differs only there.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl_context,
        max_connections=_constants.MAX_CONNECTIONS,
        max_keepalive_connections=_constants.MAX_KEEPALIVE_CONNECTIONS,
        keepalive_expiry=_constants.KEEPALIVE_EXPIRY,
        network_backend=_Backend(),
    )
    return transport


# --- a user's client: waiting for its headers on a worker thread ------------------------------


class _Handoff:
    """One ``send`` run on a worker; the caller takes its outcome, or abandons it at the deadline."""

    __slots__ = ("abandoned", "done", "error", "finished", "lock", "response")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.finished = False
        self.abandoned = False
        self.response: httpx.Response | None = None
        self.error: BaseException | None = None

    def run(self, send: Callable[[], httpx.Response]) -> None:
        response: httpx.Response | None = None
        error: BaseException | None = None
        try:
            response = send()
        except BaseException as exc:  # handed to the caller, who raises it in its own thread
            error = exc
        with self.lock:
            self.finished = True
            self.response, self.error = response, error
            abandoned = self.abandoned
        self.done.set()
        if abandoned and response is not None:
            response.close()  # nobody will read it: give the connection back

    def abandon(self) -> bool:
        """Stop waiting, unless the outcome is already in; True when it was abandoned."""
        with self.lock:
            if not self.finished:
                self.abandoned = True
            return self.abandoned


class _Workers:
    """Daemon threads that run handoffs: one free thread per handoff, idle ones kept up to a bound.

    Daemon threads, so a request still stuck on a hostile server never holds up the
    interpreter's exit (``concurrent.futures`` joins its threads at exit).
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget every thread: after a fork, the parent's do not exist in the child."""
        self._lock = threading.Lock()
        self._idle = 0
        self._jobs: queue.SimpleQueue[tuple[_Handoff, Callable[[], httpx.Response]]] = queue.SimpleQueue()

    def submit(self, handoff: _Handoff, send: Callable[[], httpx.Response]) -> None:
        # An idle thread is claimed here, before the job is queued, so no job waits behind a
        # thread that is stuck on another server.
        with self._lock:
            start = self._idle == 0
            if not start:
                self._idle -= 1
        if start:
            threading.Thread(target=self._work, name="press-blocks-send", daemon=True).start()
        self._jobs.put((handoff, send))

    def _work(self) -> None:
        while True:
            handoff, send = self._jobs.get()
            handoff.run(send)
            del handoff, send  # keep no response alive while idle
            with self._lock:
                if self._idle >= _constants.IDLE_SEND_THREADS:
                    return
                self._idle += 1


_workers = _Workers()
os.register_at_fork(after_in_child=_workers.reset)


def send_on_worker(client: httpx.Client, request: httpx.Request, at: float) -> httpx.Response:
    """``client.send(request, stream=True)`` on a worker thread; ``TimeoutError`` when ``at`` passes first.

    Context variables travel with the request (tracing, logging context), as they would on
    the caller's thread.
    """
    context = contextvars.copy_context()
    handoff = _Handoff()
    _workers.submit(handoff, lambda: context.run(client.send, request, stream=True, follow_redirects=False))
    try:
        handoff.done.wait(min(max(0.0, at - time.monotonic()), threading.TIMEOUT_MAX))
    finally:
        # Also on an interrupt while waiting: the worker closes what arrives later.
        abandoned = handoff.abandon()
    if abandoned:
        raise TimeoutError("the attempt's deadline passed before the response headers arrived")
    if handoff.error is not None:
        raise handoff.error
    assert handoff.response is not None
    return handoff.response
