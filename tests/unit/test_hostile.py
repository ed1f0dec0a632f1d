"""Hostile servers and careless inputs (issue 12): ids, deadlines, huge or odd answers, secrets, unsendable bodies.

Each test here failed on the client before the hardening: it either sent the request, hung,
ran out of memory, leaked the secret, or raised a raw Python or httpx error.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime
import gzip
import inspect
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from press_blocks_api.operations import OPERATIONS

from press_blocks import AsyncBlock, Block, Session, _constants, _sync_deadline
from press_blocks.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    InvalidArgumentError,
    MissingFallbackError,
    ResponseDecodeError,
    ResponseTooLargeError,
)
from tests.unit._cases import BODY_CALLS, ID_CALLS

TOKEN = "tok-SENTINEL-93ac51"
BASE = "https://press.example.test"
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")
DEPLOYMENT_BODY = {"metadata": {"name": "n"}, "spec": {"id": "s", "release": {"version": "1"}}}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def settle(result: Any) -> Any:
    if inspect.isawaitable(result):

        async def wait() -> Any:
            return await result

        return asyncio.run(wait())
    if inspect.isasyncgen(result):

        async def drain() -> list[Any]:
            return [item async for item in result]

        return asyncio.run(drain())
    if isinstance(result, Iterator):
        return list(result)
    return result


class Recorder:
    def __init__(
        self, mode: str = "sync", answer: Callable[[httpx.Request], httpx.Response] | None = None, **options: Any
    ) -> None:
        self.requests: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            if answer is not None:
                return answer(request)
            # An answer of the shape the document gives the operation (the transport checks it).
            array = any(
                re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", o.path), request.url.raw_path.decode().split("?")[0])
                and o.method == request.method
                and o.answer == "array"
                for o in OPERATIONS.values()
            )
            body: Any = [] if array else {"id": "x", "parent": None}
            return httpx.Response(201 if request.method == "POST" else 200, json=body)

        options = {"base_url": BASE, "max_retries": 0, **options}
        if mode == "sync":
            session = Session(TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options)
            self.client: Block | AsyncBlock = Block(session)
        else:
            client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
            self.client = AsyncBlock(Session(TOKEN, async_http_client=client, **options))
        self.session = session if mode == "sync" else self.client.session

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return settle(getattr(self.client, method)(*args, **kwargs))


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# --- ids that would leave their path -------------------------------------------------------------

HOSTILE_IDS = ["a/b", "a?b=1", "a#b", "100%", "../x", "a/..", "..x", "...", "a b", "ünï", "a\r\nb", "a\nX-Evil: 1"]
NOT_IDS = ["", " ", ".", ".."]


class TestIds:
    @pytest.mark.parametrize(("method", "arguments", "template"), ID_CALLS)
    @pytest.mark.parametrize("identifier", HOSTILE_IDS)
    def test_the_request_line_stays_under_the_operations_path(
        self, method: str, arguments: Callable[[str], Any], template: str, identifier: str
    ) -> None:
        recorder = Recorder()
        args, kwargs = arguments(identifier)
        recorder.call(method, *args, **kwargs)
        path = recorder.requests[0].url.raw_path.split(b"?", 1)[0].decode("ascii")
        pattern = re.escape(template).replace(r"\{\}", "[^/?#]+")
        assert re.fullmatch(pattern, path), (path, template)
        assert "\r" not in str(recorder.requests[0].url)
        assert set(recorder.requests[0].url.params) <= {"validate"}

    @pytest.mark.parametrize(("method", "arguments", "template"), ID_CALLS)
    @pytest.mark.parametrize("identifier", NOT_IDS)
    def test_empty_and_dot_ids_are_refused_before_sending(
        self, mode: str, method: str, arguments: Callable[[str], Any], template: str, identifier: str
    ) -> None:
        recorder = Recorder(mode)
        args, kwargs = arguments(identifier)
        # An empty deployment id means "none" to the two fallback methods, as in the seed: they read the file.
        expected = MissingFallbackError if method.startswith("get_") and not identifier else InvalidArgumentError
        with pytest.raises(expected):
            recorder.call(method, *args, **kwargs)
        assert recorder.requests == []

    @pytest.mark.parametrize("identifier", [".", ".."])
    @pytest.mark.parametrize("method", ["get_parameters", "get_related_block_details"])
    def test_a_dot_deployment_id_from_the_environment_is_refused(
        self, monkeypatch: pytest.MonkeyPatch, identifier: str, method: str
    ) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", identifier)
        recorder = Recorder()
        with pytest.raises(InvalidArgumentError):
            recorder.call(method)
        assert recorder.requests == []


# --- a deadline for the whole attempt ----------------------------------------------------------------


class Trickler:
    """A loopback HTTP server that sends its answer one byte at a time, ``gap`` seconds apart."""

    def __init__(self, *, headers_too: bool, gap: float = 0.05) -> None:
        self.gap = gap
        self.headers_too = headers_too
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        body = b'{"id": "' + b"x" * 10_000 + b'"}'
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        try:
            connection.recv(65536)
            if not self.headers_too:
                connection.sendall(head)
                head = b""
            for byte in head + body:
                if self.stop.is_set():
                    break
                connection.sendall(bytes([byte]))
                time.sleep(self.gap)
        except OSError:
            pass
        finally:
            connection.close()

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


def _send_threads() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "press-blocks-send")


class TestDeadline:
    @pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
    def test_a_trickling_server_cannot_hold_a_call(self, mode: str, headers_too: bool) -> None:
        server = Trickler(headers_too=headers_too)
        try:
            session = Session(TOKEN, base_url=server.url, max_retries=0, timeout=5, deadline=0.6)
            client = Block(session) if mode == "sync" else AsyncBlock(session)
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match=r"0\.6 s deadline") as caught:
                settle(client.describe_spec("s"))
            assert time.monotonic() - started < 3.0
            assert "deadline=" in str(caught.value)
            if mode == "sync":
                session.close()
        finally:
            server.close()

    @pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
    def test_a_users_client_gets_the_deadline_too(self, mode: str, headers_too: bool) -> None:
        server = Trickler(headers_too=headers_too)
        try:
            if mode == "sync":
                session = Session(TOKEN, base_url=server.url, max_retries=0, deadline=0.5, http_client=httpx.Client())
                client: Block | AsyncBlock = Block(session)
            else:
                session = Session(
                    TOKEN, base_url=server.url, max_retries=0, deadline=0.5, async_http_client=httpx.AsyncClient()
                )
                client = AsyncBlock(session)
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match=r"0\.5 s deadline"):
                settle(client.describe_spec("s"))
            assert time.monotonic() - started < 3.0
        finally:
            server.close()

    def test_a_users_sync_client_sends_with_the_callers_context(self) -> None:
        # The send runs on a worker thread; tracing and logging context must still reach it.
        current: contextvars.ContextVar[str] = contextvars.ContextVar("current", default="unset")
        seen: list[str] = []

        def answer(request: httpx.Request) -> httpx.Response:
            seen.append(current.get())
            return httpx.Response(200, json={"id": "x"})

        recorder = Recorder("sync", answer)
        current.set("the caller's")
        recorder.call("describe_spec", "s")
        assert seen == ["the caller's"]

    def test_a_users_client_takes_a_deadline_of_any_length(self, mode: str) -> None:
        # threading waits refuse timeouts past threading.TIMEOUT_MAX (about 292 years).
        recorder = Recorder(mode, deadline=1e12)
        assert recorder.call("describe_spec", "s") == {"id": "x", "parent": None}

    def test_a_users_sync_client_keeps_a_bounded_number_of_idle_threads(self) -> None:
        gate = threading.Barrier(12, timeout=10)

        def answer(request: httpx.Request) -> httpx.Response:
            gate.wait()  # twelve sends in flight at once: twelve worker threads
            return httpx.Response(200, json={"id": "x"})

        recorder = Recorder("sync", answer)
        callers = [threading.Thread(target=recorder.call, args=("describe_spec", "s")) for _ in range(11)]
        for caller in callers:
            caller.start()
        gate.wait()  # this test's thread is the twelfth party: all sends are running now
        for caller in callers:
            caller.join(10)
        assert len(recorder.requests) == 11
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _send_threads() > _constants.IDLE_SEND_THREADS:
            time.sleep(0.01)
        assert 0 < _send_threads() <= _constants.IDLE_SEND_THREADS

    def test_an_abandoned_send_closes_its_response_when_it_arrives(self) -> None:
        closed = threading.Event()
        release = threading.Event()

        class Answer(httpx.Response):
            def close(self) -> None:
                closed.set()
                super().close()

        def send() -> httpx.Response:
            release.wait(5)
            return Answer(200)

        handoff = _sync_deadline._Handoff()
        worker = threading.Thread(target=handoff.run, args=(send,))
        worker.start()
        assert handoff.abandon() is True  # the caller's deadline passed first
        release.set()
        worker.join(5)
        assert closed.is_set()

    def test_a_stuck_send_does_not_hold_up_the_interpreters_exit(self, tmp_path: Path) -> None:
        server = Trickler(headers_too=True, gap=0.5)
        script = tmp_path / "stuck.py"
        script.write_text(
            "import httpx\n"
            "from press_blocks import Block, Session\n"
            "from press_blocks.errors import APITimeoutError\n"
            f"session = Session('t', base_url={server.url!r}, max_retries=0, deadline=0.3,\n"
            "                  http_client=httpx.Client())\n"
            "try:\n"
            "    Block(session).describe_spec('s')\n"
            "except APITimeoutError:\n"
            "    print('timed out')\n",
            encoding="utf-8",
        )
        try:
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, str(script)], check=False, capture_output=True, text=True, timeout=20
            )
            assert done.stdout.strip() == "timed out", done.stderr
            assert time.monotonic() - started < 10  # the headers alone would take 35 s
        finally:
            server.close()

    def test_per_call_deadline_with_options(self) -> None:
        server = Trickler(headers_too=False)
        try:
            client = Block(Session(TOKEN, base_url=server.url, max_retries=0, timeout=5))
            with pytest.raises(APITimeoutError, match=r"0\.4 s deadline"):
                client.with_options(deadline=0.4).describe_spec("s")
            client.close()
        finally:
            server.close()

    def test_a_read_timeout_says_which_timeout(self, mode: str) -> None:
        def answer(request: httpx.Request) -> httpx.Response:
            raise httpx.ReadTimeout("timed out", request=request)

        recorder = Recorder(mode, answer, timeout=7)
        with pytest.raises(APITimeoutError, match="7 s read timeout"):
            recorder.call("describe_spec", "s")

    def test_the_default_deadline_is_documented_and_applied(self) -> None:
        session = Session(TOKEN, base_url=BASE)
        assert session.settings.deadline == 300.0
        assert session.settings.upload_deadline == 1800.0


# --- bounded memory on answers ---------------------------------------------------------------------------


class TestResponseSize:
    def test_a_body_over_the_cap_is_a_typed_error(self, mode: str) -> None:
        big = b'{"id": "' + b"x" * 5000 + b'"}'
        recorder = Recorder(mode, lambda r: httpx.Response(200, content=big), max_response_bytes=1000)
        with pytest.raises(ResponseTooLargeError, match="larger than 1,000 bytes") as caught:
            recorder.call("describe_spec", "s")
        assert caught.value.limit == 1000

    def test_decompression_counts(self, mode: str) -> None:
        bomb = gzip.compress(b"[" + b"0," * 500_000 + b"0]")
        assert len(bomb) < 10_000

        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})

        recorder = Recorder(mode, answer, max_response_bytes=100_000)
        with pytest.raises(ResponseTooLargeError):
            recorder.call("describe_spec", "s")

    def test_an_endless_body_is_not_read_to_its_end(self) -> None:
        produced = [0]

        def endless() -> Iterator[bytes]:
            while True:
                produced[0] += 1
                assert produced[0] < 10_000, "read on and on"
                yield b"x" * 1024

        recorder = Recorder("sync", lambda r: httpx.Response(200, content=endless()), max_response_bytes=64 * 1024)
        with pytest.raises(ResponseTooLargeError):
            recorder.call("describe_spec", "s")
        assert produced[0] <= 66

    def test_memory_stays_within_about_twice_the_cap(self) -> None:
        import tracemalloc

        cap = 8 * 2**20
        chunk = b"x" * 2**20

        def endless() -> Iterator[bytes]:
            for _ in range(64):  # 64 MiB offered, 8 MiB allowed
                yield chunk

        recorder = Recorder("sync", lambda r: httpx.Response(200, content=endless()), max_response_bytes=cap)
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError):
                recorder.call("describe_spec", "s")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 2 * cap + 2 * 2**20, f"peak {peak / 2**20:.1f} MiB for a cap of 8 MiB"

    def test_an_error_status_body_over_the_cap_too(self) -> None:
        recorder = Recorder("sync", lambda r: httpx.Response(500, content=b"e" * 5000), max_response_bytes=1000)
        with pytest.raises(ResponseTooLargeError):
            recorder.call("describe_spec", "s")

    def test_the_default_cap(self) -> None:
        assert Session(TOKEN, base_url=BASE).settings.max_response_bytes == 64 * 2**20

    @pytest.mark.parametrize("value", [0, -1, "5", 1.5, True])
    def test_a_bad_cap_is_refused(self, value: object) -> None:
        with pytest.raises(InvalidArgumentError, match="max_response_bytes"):
            Session(TOKEN, base_url=BASE, max_response_bytes=value)  # type: ignore[arg-type]


# --- answers of the wrong shape ---------------------------------------------------------------------------


class TestWrongShapes:
    @pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"42", b"null", b"true"])
    def test_a_2xx_that_is_not_an_object(self, mode: str, body: bytes) -> None:
        recorder = Recorder(mode, lambda r: httpx.Response(200, content=body))
        with pytest.raises(ResponseDecodeError, match="not the object describe_spec returns"):
            recorder.call("describe_spec", "s")

    def test_deeply_nested_json_in_a_2xx(self, mode: str) -> None:
        deep = b"[" * 200_000 + b"]" * 200_000
        recorder = Recorder(mode, lambda r: httpx.Response(200, content=deep))
        with pytest.raises(ResponseDecodeError, match="nested too deeply"):
            recorder.call("describe_spec", "s")

    def test_deeply_nested_json_in_an_error_body(self, mode: str) -> None:
        deep = b"[" * 200_000 + b"]" * 200_000
        recorder = Recorder(mode, lambda r: httpx.Response(400, content=deep))
        with pytest.raises(APIStatusError) as caught:
            recorder.call("describe_spec", "s")
        assert isinstance(caught.value.body, str)


# --- secrets ------------------------------------------------------------------------------------------------


class TestSecrets:
    @pytest.mark.parametrize("token", ["abc\r\ndef", "abc\ndef", "abc\x00def", "abcé", "abc\tdef", "tök"])
    def test_a_token_that_cannot_be_a_header_is_refused_without_showing_it(self, token: str) -> None:
        with pytest.raises(ConfigurationError) as caught:
            Session(token, base_url=BASE)
        assert token not in str(caught.value)
        assert token not in repr(caught.value.args)

    def test_the_token_is_never_plain_in_an_objects_repr_or_vars(self, mode: str) -> None:
        recorder = Recorder(mode)
        recorder.call("describe_spec", "s")
        sender = recorder.session.sender() if mode == "sync" else recorder.session.async_sender()
        for thing in (recorder.session, recorder.client, sender, recorder.session.settings):
            assert TOKEN not in repr(thing)
            assert TOKEN not in repr(vars(thing) if hasattr(thing, "__dict__") else thing)

    def test_a_password_in_the_base_url_is_refused_without_showing_it(self) -> None:
        # httpx would send it as Basic auth and every printed URL would show it (see test_echoed_secrets).
        with pytest.raises(ConfigurationError, match="user name or password") as caught:
            Session(TOKEN, base_url="https://user:hunter2@press.example.test")
        assert "hunter2" not in str(caught.value)


class TestConnectionErrors:
    def test_they_name_the_base_url_and_the_stage(self, mode: str) -> None:
        def answer(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("Name or service not known", request=request)

        recorder = Recorder(mode, answer, stage="beta")
        with pytest.raises(APIConnectionError, match=r"base URL https://press\.example\.test, stage beta"):
            recorder.call("describe_spec", "s")


# --- bodies that cannot be sent -----------------------------------------------------------------------------

UNSENDABLE: list[Any] = [
    pytest.param(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), "datetime", id="datetime"),
    pytest.param({1, 2}, "set", id="set"),
    pytest.param(b"raw", "bytes", id="bytes"),
    pytest.param(float("nan"), "nan", id="NaN"),
    pytest.param(float("inf"), "inf", id="Infinity"),
    pytest.param(object(), "object", id="object"),
]


class TestUnsendableBodies:
    @pytest.mark.parametrize(("method", "arguments"), BODY_CALLS)
    @pytest.mark.parametrize(("value", "word"), UNSENDABLE)
    def test_refused_naming_the_path_and_nothing_is_sent(
        self, mode: str, method: str, arguments: Callable[[Any], Any], value: Any, word: str
    ) -> None:
        recorder = Recorder(mode)
        bad = {"metadata": {"name": "n", "tags": [{"name": value}]}}
        args, kwargs = arguments(bad)
        with pytest.raises(InvalidArgumentError) as caught:
            recorder.call(method, *args, **kwargs)
        message = str(caught.value)
        assert "['metadata']['tags'][0]['name']" in message, message
        assert word in message
        assert recorder.requests == []


class TestBadOptions:
    @pytest.mark.parametrize(
        "options",
        [
            {"timeout": -1},
            {"timeout": "5"},
            {"timeout": 0},
            {"max_retries": "3"},
            {"max_retries": -1},
            {"deadline": "1"},
        ],
    )
    def test_session_options(self, options: dict[str, Any]) -> None:
        with pytest.raises(InvalidArgumentError):
            Session(TOKEN, base_url=BASE, **options)

    @pytest.mark.parametrize("options", [{"timeout": -1}, {"timeout": "5"}, {"max_retries": "3"}, {"deadline": -2}])
    def test_with_options(self, mode: str, options: dict[str, Any]) -> None:
        with pytest.raises(InvalidArgumentError):
            Recorder(mode).client.with_options(**options)
