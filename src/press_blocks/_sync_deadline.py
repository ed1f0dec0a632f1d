"""The sync client's deadline below httpx: every socket operation waits at most until the attempt's end.

httpx's timeouts bound each single read or write, so a server that trickles its headers one
byte at a time never trips them. The async transport cancels an attempt when its deadline
passes; a sync call cannot be cancelled from outside, so the ``httpx.Client`` press-blocks
builds for itself gets a network backend whose streams shrink each operation's timeout to
the time left (:func:`deadline_scope` says how long that is, per thread). A client handed in
by the user keeps its own backend; there the deadline is checked between body chunks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import httpcore
import httpx

from press_blocks import _constants

__all__ = ["deadline_scope", "deadline_transport"]

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
