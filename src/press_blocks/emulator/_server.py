"""Serving the emulator over loopback with uvicorn in a background thread."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import uvicorn

from press_blocks.emulator._wire import ABORT_EXTENSION, Receive, Scope, Send

__all__ = ["ServerThread"]


class _Abortable:
    """ASGI middleware that lets the app cut its connection, for drop and truncate faults.

    ASGI has no way to close a connection without answering; uvicorn's ``send`` is a method
    of its per-request cycle, which holds the transport. Marking the cycle disconnected
    first stops uvicorn from answering 500 on the app's behalf.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            cycle = getattr(send, "__self__", None)
            transport = getattr(cycle, "transport", None)
            if cycle is not None and transport is not None:

                def abort() -> None:
                    cycle.disconnected = True
                    transport.close()

                scope = {**scope, "extensions": {**(scope.get("extensions") or {}), ABORT_EXTENSION: abort}}
        await self.app(scope, receive, send)


class ServerThread:
    """uvicorn serving an ASGI app on a loopback socket from a daemon thread; start and stop are bounded."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning") -> None:
        # Binding here, before the thread starts, makes port=0 resolve to a real port at once.
        self._socket = _listening_socket(host, port)
        bound = self._socket.getsockname()
        self.host: str = host
        self.port: int = int(bound[1])
        config = uvicorn.Config(
            _Abortable(app),
            http="h11",
            lifespan="off",
            log_level=log_level,
            access_log=False,
            # In-flight requests (a latency fault, say) get a second, then are cancelled.
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name=f"press-emulator-{self.port}", daemon=True)
        self._error: BaseException | None = None

    @property
    def base_url(self) -> str:
        """The server's base URL, e.g. ``http://127.0.0.1:54321``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as exc:  # reported by start()
            self._error = exc

    def start(self, timeout: float = 10.0) -> None:
        """Start serving and return once the server accepts connections; raise if it does not within ``timeout``."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError(f"the emulator server failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the emulator server did not start within {timeout} s")
            time.sleep(0.01)
        while True:
            try:
                with socket.create_connection((self.host, self.port), timeout=1.0):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the emulator server does not accept connections on {self.base_url}") from None
                time.sleep(0.01)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving and wait (at most ``timeout`` seconds) for the thread to end."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        with contextlib.suppress(OSError):
            self._socket.close()
        if self._thread.is_alive():
            # A stuck request: ask uvicorn to stop without waiting for it.
            self._server.force_exit = True
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise RuntimeError("the emulator server did not stop in time")


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # An explicit IPPROTO_TCP is inherited by accepted sockets, which is what makes asyncio
    # turn Nagle off on them; with proto 0, every keep-alive response waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock
