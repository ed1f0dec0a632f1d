"""Shared fixtures of the emulator tests: a loopback server per test and clients that check every response."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from press_blocks.emulator import RunningEmulator
from tests.emulator._contract_check import assert_conforms
from tests.emulator._payloads import AUTH


def checked_client(base_url: str, **kwargs: object) -> httpx.Client:
    """An httpx client with a token, bounded timeouts, and every response checked against the document."""
    return httpx.Client(
        base_url=base_url,
        headers=AUTH,
        timeout=httpx.Timeout(10.0),
        event_hooks={"response": [assert_conforms]},
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def server(press_emulator_server: RunningEmulator) -> RunningEmulator:
    """A fresh emulator on 127.0.0.1 (the project's own pytest fixture)."""
    return press_emulator_server


@pytest.fixture
def client(server: RunningEmulator) -> Iterator[httpx.Client]:
    """A client of ``server`` over real HTTP; every response it sees must match the document."""
    with checked_client(server.base_url) as http:
        yield http
