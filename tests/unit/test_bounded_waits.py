"""Bounded waits (issue 22): every describe of a wait gets at most the time the wait has left.

Before, each describe ran with the client's full retries, read timeout and deadline: with
``timeout=2`` and a server that accepts connections but never answers, a wait took 7-8.5 s
(minutes with the defaults). Now it ends within ``WAIT_LAST_DESCRIBE`` of its timeout.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from press_blocks import AsyncBlock, Block, Session, _constants
from press_blocks.errors import WaitTimeoutError

pytestmark = [pytest.mark.timeout(60)]

TOKEN = "wait-bound-token"
WAIT = 1.5


class Silent:
    """A loopback server that accepts every connection, reads the request and never answers."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(0.1)
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.held.append(connection)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for connection in self.held:
            connection.close()
        self.listener.close()


@pytest.fixture
def silent() -> Iterator[Silent]:
    server = Silent()
    yield server
    server.close()


def _session(url: str, client: str) -> Session:
    # The client's defaults: 3 retries, a 60 s read timeout, a 300 s deadline per attempt.
    if client == "theirs-sync":
        return Session(TOKEN, base_url=url, http_client=httpx.Client())
    if client == "theirs-async":
        return Session(TOKEN, base_url=url, async_http_client=httpx.AsyncClient())
    return Session(TOKEN, base_url=url)


@pytest.mark.parametrize(
    ("kind", "client"), [("sync", "ours"), ("sync", "theirs-sync"), ("async", "ours"), ("async", "theirs-async")]
)
def test_a_wait_on_a_server_that_never_answers_ends_near_its_timeout(silent: Silent, kind: str, client: str) -> None:
    session = _session(silent.url, client)
    started = time.monotonic()
    if kind == "sync":
        with pytest.raises(WaitTimeoutError) as caught:
            Block(session).wait_for_deployment("d", timeout=WAIT, progress=False)
    else:
        with pytest.raises(WaitTimeoutError) as caught:
            asyncio.run(AsyncBlock(session).wait_for_deployment("d", timeout=WAIT, progress=False))
    elapsed = time.monotonic() - started
    assert elapsed < WAIT + _constants.WAIT_LAST_DESCRIBE + 1.0, elapsed
    assert caught.value.status is None


def test_the_describe_deadline_is_what_the_wait_has_left() -> None:
    from press_blocks._retry import RetryPolicy
    from press_blocks._waiting import Waiter

    waiter = Waiter("d", None, policy=RetryPolicy(), timeout=10, poll_interval=1, max_poll_interval=2, progress=False)
    assert 9 < waiter.describe_deadline(300.0) <= 10
    assert waiter.describe_deadline(3.0) == 3.0
    waiter.started -= 100
    assert waiter.describe_deadline(300.0) == _constants.WAIT_LAST_DESCRIBE


def test_the_command_line_page_names_the_statuses_a_wait_rides_out() -> None:
    # docs/cli.md once said --wait rode out every 5xx; a 500 ends it (exit 6), as the library decides.
    text = " ".join((Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8").split())
    statuses = "/".join(str(code) for code in sorted(_constants.IDEMPOTENT_RETRY_STATUSES))
    assert f"riding out {statuses} answers" in text
    assert "riding out 429/5xx" not in text


def test_a_500_ends_a_wait_at_once_and_exits_6_on_the_command_line() -> None:
    # What docs/cli.md now says: 502-504 are ridden out, a 500 is the service failing.
    from press_blocks._cli._errors import ExitCode, exit_code_for
    from press_blocks.errors import InternalServerErrorException

    calls: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(500, json={"message": "boom"})

    session = Session(
        TOKEN, base_url="http://waits.test", http_client=httpx.Client(transport=httpx.MockTransport(answer))
    )
    with pytest.raises(InternalServerErrorException) as caught:
        Block(session).wait_for_deployment("d", timeout=5, poll_interval=0.01, progress=False)
    assert calls == [1]
    assert exit_code_for(caught.value) is ExitCode.API
