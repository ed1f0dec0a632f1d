"""A call that meets a closed connection pool raises a typed error (issue 22), not httpx's bare RuntimeError.

Closing a session while 8 threads call through it let ``RuntimeError: Cannot send a request, as
the client has been closed`` escape now and then (2 of 480 calls in one run). The first tests
make the race certain (the sender is taken, then closed); the last one runs the threads.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from press_blocks import AsyncBlock, Block, Session
from press_blocks.errors import APIConnectionError, ClientClosedError, PressBlocksError

pytestmark = [pytest.mark.timeout(60)]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"id": "s"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_sync_call_on_a_closed_pool(base_url: str) -> None:
    session = Session("closed-token", base_url=base_url)
    sender = session.sender()
    Block(session).describe_spec("s")
    session.close()  # what another thread's close does while this one holds the sender
    from press_blocks._requests import describe_spec_call

    with pytest.raises(ClientClosedError, match="connection pool is closed") as caught:
        sender.execute(describe_spec_call("s"))
    assert isinstance(caught.value, APIConnectionError)
    assert isinstance(caught.value, RuntimeError)


def test_an_async_call_on_a_closed_pool(base_url: str) -> None:
    from press_blocks._requests import describe_spec_call

    async def scenario() -> None:
        session = Session("closed-token", base_url=base_url)
        sender = session.async_sender()
        await AsyncBlock(session).describe_spec("s")
        await session.aclose()
        with pytest.raises(ClientClosedError):
            await sender.execute(describe_spec_call("s"))

    asyncio.run(scenario())


def test_closing_while_eight_threads_call_raises_only_typed_errors(base_url: str) -> None:
    escaped: list[BaseException] = []
    for _ in range(4):  # bounded: each round is 32 calls on loopback
        session = Session("closed-token", base_url=base_url, max_retries=0)
        client = Block(session)
        start = threading.Barrier(9, timeout=10)

        def caller(client: Block = client, start: threading.Barrier = start) -> None:
            start.wait()
            for _ in range(4):
                try:
                    client.describe_spec("s")
                except PressBlocksError:
                    pass  # typed: ClientClosedError, or a connection error as the pool closes
                except BaseException as exc:  # the bug: httpx's RuntimeError got through
                    escaped.append(exc)

        threads = [threading.Thread(target=caller) for _ in range(8)]
        for thread in threads:
            thread.start()
        start.wait()
        session.close()
        for thread in threads:
            thread.join(30)
        assert not any(thread.is_alive() for thread in threads)
        session.close()
    assert escaped == []
