"""Fixtures for end-to-end tests: the emulator over loopback and clients pointed at it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from press_blocks import AsyncBlock, Block, RetryPolicy, Session
from press_blocks.emulator import Emulator, RunningEmulator

TOKEN = "e2e-token"


@pytest.fixture
def emulator() -> Emulator:
    return Emulator()


@pytest.fixture
def server(emulator: Emulator) -> Iterator[RunningEmulator]:
    with emulator.serve(host="127.0.0.1", port=0) as running:
        yield running


class SyncOverAsync:
    """Calls an AsyncBlock from sync code (a loop in a helper thread), so one flow drives both clients."""

    def __init__(self, client: AsyncBlock) -> None:
        self._client = client
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def _wait(self, awaitable: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(_awaited(awaitable), self._loop).result(timeout=60)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._client, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if hasattr(result, "__anext__"):
                return self._iterate(result)
            return self._wait(result)

        return call

    def _iterate(self, iterator: AsyncIterator[Any]) -> Iterator[Any]:
        while True:
            try:
                yield self._wait(iterator.__anext__())
            except StopAsyncIteration:
                return

    def close(self) -> None:
        self._wait(self._client.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


async def _awaited(awaitable: Any) -> Any:
    return await awaitable


def make_session(base_url: str, **options: Any) -> Session:
    options.setdefault("retry_policy", RetryPolicy(initial_delay=0.05, max_delay=0.2))
    return Session(auth_token=TOKEN, base_url=base_url, **options)


@pytest.fixture(params=["sync", "async"])
def client_factory(request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Build a sync Block, or an AsyncBlock behind a sync facade, on a fresh session."""
    made: list[Any] = []

    def factory(base_url: str, **options: Any) -> Any:
        session = make_session(base_url, **options)
        client: Any = Block(session) if request.param == "sync" else SyncOverAsync(AsyncBlock(session))
        made.append((client, session))
        return client

    yield factory
    for client, session in made:
        client.close()
        session.close()
