"""One way to drive a sync Block or an AsyncBlock against the in-process emulator, so a test body serves both."""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import AsyncIterator, Iterable
from types import TracebackType
from typing import Any, Self

import httpx

from press_blocks import AsyncBlock, Block, RetryPolicy, Session
from press_blocks.emulator import InProcessEmulator

TOKEN = "drive-token-7f3c2a"

WORKFLOW = {
    "version": "1",
    "kind": "workflow",
    "metadata": {"name": "observed", "summary": "A spec for observation tests."},
    "release": {"version": "1.0.0", "notes": "first"},
    "config": {"steps": {"s": {"type": "standard", "imageDetails": {"id": 1, "versionId": 1}, "command": "run"}}},
}


class Driver:
    """``client`` is a Block or an AsyncBlock; ``run(x)`` returns ``x``, or awaits it on a loop in a helper thread."""

    def __init__(self, mode: str, emulator: InProcessEmulator, *, transport: Any = None, **session: Any) -> None:
        self.mode = mode
        session.setdefault("retry_policy", RetryPolicy(initial_delay=0.01, max_delay=0.05))
        if mode == "sync":
            http = httpx.Client(transport=transport or emulator.transport)
            self.session = Session(TOKEN, base_url=emulator.base_url, http_client=http, **session)
            self.client: Any = Block(self.session)
            self._closers: list[Any] = [http.close]
            return
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        ahttp = httpx.AsyncClient(transport=transport or emulator.async_transport)
        self.session = Session(TOKEN, base_url=emulator.base_url, async_http_client=ahttp, **session)
        self.client = AsyncBlock(self.session)
        self._closers = [ahttp.aclose]

    def run(self, value: Any) -> Any:
        """The value itself, or what it resolves to when it is awaitable (on the driver's loop)."""
        if not inspect.isawaitable(value):
            return value
        return asyncio.run_coroutine_threadsafe(_awaited(value), self._loop).result(timeout=60)

    def items(self, iterator: Iterable[Any] | AsyncIterator[Any]) -> list[Any]:
        """Every item of a sync or async iterator."""
        if isinstance(iterator, AsyncIterator):
            return list(self.run(_collect(iterator)))
        return list(iterator)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for close in self._closers:
            self.run(close())
        if self.mode == "sync":
            self.session.close()
        else:
            self.run(self.session.aclose())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()


async def _awaited(awaitable: Any) -> Any:
    return await awaitable


async def _collect(iterator: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in iterator]


def make_spec(driver: Driver, name: str = "observed") -> str:
    body = {**WORKFLOW, "metadata": {**WORKFLOW["metadata"], "name": name}}  # type: ignore[dict-item]
    spec_id: str = driver.run(driver.client.create_spec(body))["id"]
    return spec_id


def deploy(driver: Driver, name: str = "observed-deployment") -> str:
    """Create a spec and a deployment of it; return the deployment's id."""
    spec_id = make_spec(driver)
    body = {"metadata": {"name": name, "summary": "observed"}, "revision": {"notes": "first"}, "spec": {"id": spec_id}}
    deployment_id: str = driver.run(driver.client.create_deployment(body))["id"]
    return deployment_id
