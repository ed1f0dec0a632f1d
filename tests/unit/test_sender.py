"""The transport: headers, query and path encoding, timeouts, error mapping, decoding, forward compatibility, retries.

Every test runs a real Block / AsyncBlock over ``httpx.MockTransport``; retries never sleep
(the transport's ``_sleep`` is replaced by a recorder). Most tests run on both the sync and
the async transport, which must behave the same.
"""

from __future__ import annotations

import asyncio
import email.utils
import inspect
import json
import logging
import pickle
import platform
import random
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from press_blocks import AsyncBlock, Block, Session, __version__
from press_blocks._config import DEFAULT_TIMEOUT, DEFAULT_UPLOAD_TIMEOUT
from press_blocks._retry import Outcome, RetryKind, RetryPolicy
from press_blocks.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    BadRequestException,
    ConflictException,
    ForbiddenException,
    InternalServerErrorException,
    InvalidArgumentError,
    NotFoundException,
    PayloadTooLargeException,
    PressBlocksError,
    ResponseDecodeError,
    TooManyRequestsException,
    UnauthorizedException,
    UnexpectedStatusException,
    UnprocessableEntityException,
)
from tests.unit._cases import POST_CALLS
from tests.unit.test_requests import boundary_of, parse_multipart

TOKEN = "tok-SENTINEL-5b2e09d4c1"
BASE = "https://press.example.test"
MODES = ["sync", "async"]
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")

DEPLOYMENT_BODY = {
    "metadata": {"name": "new-deployment", "summary": "Creating new deployment."},
    "revision": {"notes": "first"},
    "spec": {"id": "spec-1", "release": {"version": "1.0.0"}},
}
SPEC_BODY = {
    "version": "1",
    "kind": "service",
    "metadata": {"name": "svc", "summary": "A service."},
    "release": {"version": "1.0.0", "notes": "First"},
    "config": {"serviceType": "api", "imageDetails": {"id": 1, "versionId": 1}},
}
RELEASE_BODY = {"release": {"version": "2.0.0", "notes": "Second"}, "config": {"serviceType": "api"}}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# --- helpers -------------------------------------------------------------------------------

Step = Callable[[httpx.Request], httpx.Response]


def respond(status: int = 200, **kwargs: Any) -> Step:
    """A step answering with a fresh response each time."""
    if not kwargs:
        kwargs = {"json": {"id": "x"}}
    return lambda request: httpx.Response(status, **kwargs)


def fail(error: type[httpx.TransportError], message: str = "boom") -> Step:
    """A step raising a fresh transport error each time."""

    def step(request: httpx.Request) -> httpx.Response:
        raise error(message)

    return step


def sequence(*steps: Step) -> Step:
    """Answer with the steps in order; the last one repeats."""
    calls = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        step = steps[min(calls[0], len(steps) - 1)]
        calls[0] += 1
        return step(request)

    return handler


class Harness:
    """A Block (sync) or AsyncBlock (async) over a MockTransport that records requests and retry sleeps."""

    def __init__(
        self,
        mode: str,
        handler: Step,
        *,
        token: str = TOKEN,
        max_retries: int | None = 3,
        policy: RetryPolicy | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        self.mode = mode
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

        def record(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        transport = httpx.MockTransport(record)
        options: dict[str, Any] = {
            "base_url": BASE,
            "max_retries": max_retries,
            "retry_policy": policy or RetryPolicy(initial_delay=0.0),
            "timeout": timeout,
        }
        self.client: Block | AsyncBlock
        if mode == "sync":
            self.session = Session(token, http_client=httpx.Client(transport=transport), **options)
            self.session.sender()._sleep = self.sleeps.append
            self.client = Block(self.session)
        else:
            self.session = Session(token, async_http_client=httpx.AsyncClient(transport=transport), **options)

            async def sleep(delay: float) -> None:
                self.sleeps.append(delay)

            self.session.async_sender()._sleep = sleep
            self.client = AsyncBlock(self.session)

    def call(self, method: str, *args: Any, client: Block | AsyncBlock | None = None, **kwargs: Any) -> Any:
        result = getattr(client or self.client, method)(*args, **kwargs)
        if inspect.isawaitable(result):
            return asyncio.run(_await(result))
        return result

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


async def _await(awaitable: Any) -> Any:
    return await awaitable


def _settle(result: Any) -> Any:
    """The result of a sync call, or of an async one run to completion."""
    return asyncio.run(_await(result)) if inspect.isawaitable(result) else result


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# --- headers -------------------------------------------------------------------------------


class TestHeaders:
    @pytest.mark.parametrize("token", ["plain-token-123", "Bearer eyJhbGciOi.x.y", "PAT:abc"])
    def test_authorization_is_the_token_verbatim(self, mode: str, token: str) -> None:
        h = Harness(mode, respond(), token=token)
        h.call("describe_spec", "s")
        assert h.last.headers["Authorization"] == token

    def test_user_agent_names_only_the_package(self, mode: str) -> None:
        h = Harness(mode, respond())
        h.call("describe_spec", "s")
        assert h.last.headers["User-Agent"] == f"press-blocks/{__version__}"

    def test_a_fresh_request_id_per_attempt(self, mode: str) -> None:
        h = Harness(mode, sequence(respond(503, json={}), respond(503, json={}), respond()))
        h.call("describe_spec", "s")
        ids = [r.headers["x-peak-requestId"] for r in h.requests]
        assert len(ids) == 3
        assert len(set(ids)) == 3
        assert all(uuid.UUID(value).version == 4 for value in ids)
        assert all(uuid.UUID(value).variant == uuid.RFC_4122 for value in ids)
        assert all(str(uuid.UUID(value)) == value for value in ids)

    def test_nothing_about_the_machine_is_sent(self, mode: str) -> None:
        h = Harness(mode, respond())
        h.call("describe_spec", "s")
        names = {name.lower() for name in h.last.headers}
        assert names <= {
            "host",
            "accept",
            "accept-encoding",
            "connection",
            "user-agent",
            "authorization",
            "x-peak-requestid",
        }, names
        values = " ".join(h.last.headers.values())
        for leak in {socket.gethostname(), platform.platform(), platform.python_version()}:
            assert leak not in values

    def test_two_sessions_sharing_one_http_client_send_their_own_tokens(self) -> None:
        """The hooks read the token of the call in progress, not of whichever session came first."""
        seen: list[str] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request.headers["Authorization"])
            return httpx.Response(200, json={})

        shared = httpx.Client(transport=httpx.MockTransport(handler))
        first = Block(Session("token-one", base_url=BASE, http_client=shared))
        second = Block(Session("token-two", base_url=BASE, http_client=shared))
        first.describe_spec("s")
        second.describe_spec("s")
        first.describe_spec("s")
        assert seen == ["token-one", "token-two", "token-one"]

    def test_a_users_own_request_on_a_shared_client_is_left_alone(self) -> None:
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(200, json={})

        shared = httpx.Client(transport=httpx.MockTransport(handler))
        Block(Session(TOKEN, base_url=BASE, http_client=shared)).describe_spec("s")
        shared.get("https://elsewhere.example/ping")
        assert seen[0].headers["Authorization"] == TOKEN
        assert "Authorization" not in seen[1].headers
        assert "x-peak-requestId" not in seen[1].headers


class TestTheUsersHttpClient:
    """A client handed in is used as it is: nothing set on it, nothing replaced, the token kept at home."""

    @staticmethod
    def _snapshot(client: httpx.Client | httpx.AsyncClient) -> dict[str, Any]:
        return {
            "vars": {k: v for k, v in vars(client).items() if k not in {"_state", "_transport", "_mounts"}},
            "hooks": {k: list(v) for k, v in client.event_hooks.items()},
            "base_url": str(client.base_url),
            "headers": dict(client.headers),
            "build_request": client.build_request,
        }

    @pytest.mark.parametrize("kind", ["sync", "async"])
    def test_nothing_on_the_client_changes(self, kind: str) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"id": "s"})

        if kind == "sync":
            client: httpx.Client | httpx.AsyncClient = httpx.Client(transport=httpx.MockTransport(handler))
        else:
            client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        before = self._snapshot(client)
        session = Session(
            TOKEN,
            base_url=BASE,
            http_client=client if kind == "sync" else None,
            async_http_client=client if kind == "async" else None,
        )
        if kind == "sync":
            Block(session).describe_spec("s")
        else:
            asyncio.run(_await(AsyncBlock(session).describe_spec("s")))
        after = self._snapshot(client)
        assert after == before
        assert not hasattr(client, "_press_blocks_hooked")

    @pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
    @pytest.mark.parametrize(
        "target",
        ["https://evil.example.test/steal", "http://press.example.test/v1/x", "https://press.example.test:8443/v1/x"],
    )
    def test_a_redirect_is_never_followed_even_by_a_client_that_follows_them(
        self, mode: str, status: int, target: str
    ) -> None:
        """The token and the body go to the base URL's origin only (another scheme, host or port is another origin)."""
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            if request.url.host == "press.example.test" and request.url.port is None and request.url.scheme == "https":
                return httpx.Response(status, headers={"Location": target})
            return httpx.Response(200, json={"stolen": True})

        transport = httpx.MockTransport(handler)
        if mode == "sync":
            session = Session(
                TOKEN,
                base_url=BASE,
                max_retries=0,
                http_client=httpx.Client(transport=transport, follow_redirects=True),
            )
            client: Block | AsyncBlock = Block(session)
        else:
            session = Session(
                TOKEN,
                base_url=BASE,
                max_retries=0,
                async_http_client=httpx.AsyncClient(transport=transport, follow_redirects=True),
            )
            client = AsyncBlock(session)
        with pytest.raises(APIStatusError) as caught:
            _settle(client.create_deployment(DEPLOYMENT_BODY))
        assert caught.value.status_code == status
        assert [str(r.url) for r in seen] == [f"{BASE}/v1/blocks/deployments/"]


class TestAnyGeneratedOperation:
    """Session.call / acall send any generated endpoint module with the session's token, retries and errors."""

    def test_one_line_call(self, mode: str) -> None:
        from press_blocks_api.api.block_specs import describe_spec

        h = Harness(mode, sequence(respond(503, json={}), respond(200, json={"id": "s/1"})))
        if mode == "sync":
            result = h.session.call(describe_spec, spec_id="s/1")
        else:
            result = asyncio.run(_await(h.session.acall(describe_spec, spec_id="s/1")))
        assert result == {"id": "s/1"}
        assert len(h.requests) == 2  # retried like any GET
        assert h.last.url.raw_path == b"/v1/blocks/specs/s%2F1"
        assert h.last.headers["Authorization"] == TOKEN

    def test_a_post_is_not_retried_once_sent_and_errors_are_typed(self, mode: str) -> None:
        from press_blocks_api.api.block_deployments import redeploy

        h = Harness(mode, respond(404, json={"message": "no such deployment"}))
        send = h.session.call if mode == "sync" else h.session.acall
        with pytest.raises(NotFoundException):
            _settle(send(redeploy, deployment_id="d"))
        assert len(h.requests) == 1

    @pytest.mark.parametrize("operation", [None, "describe_spec", json])
    def test_only_generated_operations(self, operation: Any) -> None:
        h = Harness("sync", respond())
        with pytest.raises(InvalidArgumentError, match="generated endpoint module"):
            h.session.call(operation)
        assert h.requests == []


# --- request shape ----------------------------------------------------------------------------


class TestRequestShape:
    @pytest.mark.parametrize(
        ("method", "args", "verb"),
        [
            ("describe_spec", ("s",), "GET"),
            ("describe_deployment", ("d",), "GET"),
            ("delete_spec", ("s",), "DELETE"),
            ("delete_deployment", ("d",), "DELETE"),
        ],
    )
    def test_get_and_delete_carry_no_body_and_no_content_type(
        self, mode: str, method: str, args: tuple[str, ...], verb: str
    ) -> None:
        h = Harness(mode, respond())
        h.call(method, *args)
        assert h.last.method == verb
        assert h.last.content == b""
        assert "content-type" not in h.last.headers
        assert h.last.headers.get("content-length", "0") == "0"

    def test_json_bodies_are_json(self, mode: str) -> None:
        h = Harness(mode, respond(201))
        h.call("create_deployment", DEPLOYMENT_BODY)
        assert h.last.headers["content-type"] == "application/json"
        assert json.loads(h.last.content) == DEPLOYMENT_BODY

    @pytest.mark.parametrize(("value", "wire"), [(True, "true"), (False, "false")])
    def test_query_booleans_are_lower_case(self, mode: str, value: bool, wire: str) -> None:
        h = Harness(mode, respond(json={"specs": [], "pageCount": 0}))
        h.call("list_specs", featured=value, return_iterator=False)
        assert h.last.url.params.get_list("featured") == [wire]

    def test_list_parameters_are_repeated_keys(self, mode: str) -> None:
        h = Harness(mode, respond(json={"specs": [], "pageCount": 0}))
        h.call(
            "list_specs",
            status=["available", "archived"],
            sort=["createdAt:desc", "name"],
            scope=["private", "shared"],
            return_iterator=False,
        )
        params = h.last.url.params
        assert params.get_list("status") == ["available", "archived"]
        assert params.get_list("sort") == ["createdAt:desc", "name"]
        assert params.get_list("scope") == ["private", "shared"]
        assert b"status=available&status=archived" in h.last.url.query

    def test_unset_query_parameters_are_omitted(self, mode: str) -> None:
        h = Harness(mode, respond(json={"specs": [], "pageCount": 0}))
        h.call("list_specs", return_iterator=False)
        assert h.last.url.query == b""

    @pytest.mark.parametrize(
        ("identifier", "raw_path"),
        [
            ("a/b c", b"/v1/blocks/deployments/a%2Fb%20c"),
            ("../x?y=1", b"/v1/blocks/deployments/..%2Fx%3Fy%3D1"),
            ("100%", b"/v1/blocks/deployments/100%25"),
            ("#frag", b"/v1/blocks/deployments/%23frag"),
        ],
    )
    def test_path_parameters_are_percent_encoded(self, mode: str, identifier: str, raw_path: bytes) -> None:
        """Nothing in an id can climb out of its path segment or spill into the query."""
        h = Harness(mode, respond())
        h.call("describe_deployment", identifier)
        assert h.last.url.raw_path == raw_path
        assert h.last.url.query == b""

    def test_base_url_with_a_path_prefix_is_kept(self) -> None:
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(200, json={})

        client = httpx.Client(transport=httpx.MockTransport(handler))
        Block(Session(TOKEN, base_url="https://proxy.example/press/", http_client=client)).describe_spec("s")
        assert str(seen[0].url) == "https://proxy.example/press/v1/blocks/specs/s"


# --- timeouts ----------------------------------------------------------------------------------


def _artifact_dir(tmp_path: Path) -> Path:
    root = tmp_path / "block"
    root.mkdir()
    (root / "main.py").write_text("print('hello')\n")
    (root / "Dockerfile").write_text("FROM python:3.11-slim\n")
    return root


class TestTimeouts:
    def test_default_timeout(self, mode: str) -> None:
        h = Harness(mode, respond())
        h.call("describe_spec", "s")
        assert h.last.extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()
        assert h.last.extensions["timeout"]["connect"] == 10.0
        assert h.last.extensions["timeout"]["read"] == 60.0

    def test_with_options_timeout_reaches_the_request(self, mode: str) -> None:
        h = Harness(mode, respond())
        h.call("describe_spec", "s", client=h.client.with_options(timeout=2.5))
        assert h.last.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
        h.call("describe_spec", "s", client=h.client.with_options(timeout=httpx.Timeout(7.0, connect=1.5)))
        assert h.last.extensions["timeout"] == httpx.Timeout(7.0, connect=1.5).as_dict()
        h.call("describe_spec", "s")  # the original client keeps its default
        assert h.last.extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()

    def test_session_timeout_reaches_the_request(self, mode: str) -> None:
        h = Harness(mode, respond(), timeout=4.0)
        h.call("describe_spec", "s")
        assert h.last.extensions["timeout"] == httpx.Timeout(4.0).as_dict()

    def test_uploads_get_the_longer_timeout(self, mode: str, tmp_path: Path) -> None:
        h = Harness(mode, respond(201))
        h.call("create_spec", SPEC_BODY, artifact={"path": str(_artifact_dir(tmp_path))}, progress=False)
        timeout = h.last.extensions["timeout"]
        assert timeout == DEFAULT_UPLOAD_TIMEOUT.as_dict()
        assert timeout["write"] > DEFAULT_TIMEOUT.write

    def test_a_multipart_call_without_artifact_uses_the_normal_timeout(self, mode: str) -> None:
        h = Harness(mode, respond(201))
        h.call("create_spec", SPEC_BODY)
        assert h.last.extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()

    def test_session_timeout_keeps_a_long_upload_write(self, mode: str, tmp_path: Path) -> None:
        h = Harness(mode, respond(201), timeout=5.0)
        h.call("create_spec", SPEC_BODY, artifact={"path": str(_artifact_dir(tmp_path))}, progress=False)
        timeout = h.last.extensions["timeout"]
        assert timeout["read"] == 5.0
        assert timeout["write"] == DEFAULT_UPLOAD_TIMEOUT.write


# --- error mapping -------------------------------------------------------------------------------

STATUS_CLASSES = [
    (400, BadRequestException),
    (401, UnauthorizedException),
    (403, ForbiddenException),
    (404, NotFoundException),
    (409, ConflictException),
    (413, PayloadTooLargeException),
    (422, UnprocessableEntityException),
    (429, TooManyRequestsException),
    (500, InternalServerErrorException),
    (502, InternalServerErrorException),
    (503, InternalServerErrorException),
    (418, UnexpectedStatusException),
    (499, UnexpectedStatusException),
]


class TestErrorMapping:
    @pytest.mark.parametrize(("status", "error_class"), STATUS_CLASSES)
    def test_status_maps_to_its_class_with_attributes(
        self, mode: str, status: int, error_class: type[APIStatusError]
    ) -> None:
        body = {"statusCode": status, "message": "Oops", "detail": "Something specific"}
        h = Harness(mode, respond(status, json=body), max_retries=0)
        with pytest.raises(error_class) as info:
            h.call("describe_deployment", "abc")
        error = info.value
        assert type(error) is error_class
        assert isinstance(error, APIStatusError)
        assert not isinstance(error, httpx.HTTPError)
        assert error.status_code == status
        assert error.method == "GET"
        assert error.url == f"{BASE}/v1/blocks/deployments/abc"
        assert error.request_id == h.last.headers["x-peak-requestId"]
        assert error.body == body
        assert error.detail == "Something specific"
        assert error.response is not None
        assert error.response.status_code == status
        assert len(h.requests) == 1

    def test_message_names_status_detail_method_path_and_request_id(self, mode: str) -> None:
        h = Harness(
            mode, respond(404, json={"statusCode": 404, "message": "Not Found", "detail": "Deployment not found"})
        )
        with pytest.raises(NotFoundException) as info:
            h.call("describe_deployment", "abc")
        request_id = h.last.headers["x-peak-requestId"]
        assert str(info.value) == (
            f"404 Not Found — Deployment not found (GET /v1/blocks/deployments/abc, request {request_id})"
        )

    def test_unknown_status_has_a_generic_phrase(self, mode: str) -> None:
        h = Harness(mode, respond(499, json={"detail": "client closed"}))
        with pytest.raises(UnexpectedStatusException) as info:
            h.call("describe_spec", "s")
        assert str(info.value).startswith("499 Error — client closed (GET /v1/blocks/specs/s")

    def test_html_error_body_keeps_its_text(self, mode: str) -> None:
        html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        h = Harness(mode, respond(502, text=html, headers={"content-type": "text/html"}), max_retries=0)
        with pytest.raises(InternalServerErrorException) as info:
            h.call("describe_spec", "s")
        assert info.value.body == html
        assert info.value.status_code == 502
        assert "502 Bad Gateway" in str(info.value)

    def test_empty_error_body(self, mode: str) -> None:
        h = Harness(mode, respond(403, content=b""))
        with pytest.raises(ForbiddenException) as info:
            h.call("describe_spec", "s")
        assert info.value.body == ""
        assert info.value.detail is None
        assert str(info.value).startswith("403 Forbidden (GET /v1/blocks/specs/s, request ")

    def test_status_errors_survive_pickling(self, mode: str) -> None:
        h = Harness(mode, respond(409, json={"detail": "name taken"}))
        with pytest.raises(ConflictException) as info:
            h.call("create_deployment", DEPLOYMENT_BODY)
        copy = pickle.loads(pickle.dumps(info.value))
        assert type(copy) is ConflictException
        assert (copy.status_code, copy.body, copy.request_id, str(copy)) == (
            409,
            {"detail": "name taken"},
            info.value.request_id,
            str(info.value),
        )


# --- successful bodies ----------------------------------------------------------------------------


class TestDecoding:
    def test_json_is_returned(self, mode: str) -> None:
        body = {"id": "s", "kind": "workflow", "metadata": {"name": "n"}}
        h = Harness(mode, respond(json=body))
        assert h.call("describe_spec", "s") == body

    @pytest.mark.parametrize(
        ("status", "content"),
        [(204, b""), (200, b""), (200, b"  \n"), (201, b"")],
    )
    def test_empty_success_is_an_empty_dict(self, mode: str, status: int, content: bytes) -> None:
        h = Harness(mode, respond(status, content=content))
        assert h.call("delete_spec", "s") == {}

    @pytest.mark.parametrize(
        ("content", "content_type"),
        [(b"<html>oops</html>", "text/html"), (b"{not json", "application/json"), (b"\xff\xfe", "text/plain")],
    )
    def test_undecodable_success_raises_response_decode_error(
        self, mode: str, content: bytes, content_type: str
    ) -> None:
        h = Harness(mode, respond(200, content=content, headers={"content-type": content_type}))
        with pytest.raises(ResponseDecodeError) as info:
            h.call("describe_spec", "s")
        error = info.value
        assert error.method == "GET"
        assert error.url == f"{BASE}/v1/blocks/specs/s"
        assert error.request_id == h.last.headers["x-peak-requestId"]
        assert error.response is not None
        assert error.response.content == content
        assert "not JSON" in str(error)
        assert len(h.requests) == 1

    def test_broken_content_encoding_is_a_decode_error_not_an_httpx_error(self, mode: str) -> None:
        """A proxy that mislabels a body as gzip must not leak a raw httpx.DecodingError."""
        # A streamed body, as a real transport delivers it: httpx decodes it after the response hooks ran.
        broken = respond(200, stream=httpx.ByteStream(b"definitely not gzip"), headers={"content-encoding": "gzip"})
        h = Harness(mode, broken)
        with pytest.raises(ResponseDecodeError) as info:
            h.call("describe_spec", "s")
        assert not isinstance(info.value, httpx.HTTPError)
        assert len(h.requests) == 1


class TestForwardCompatibility:
    """Answers the document does not describe are returned whole, never a parser crash."""

    @pytest.mark.parametrize(
        ("method", "args", "answer"),
        [
            pytest.param(
                "describe_deployment",
                ("d",),
                {"id": "d", "kind": "pipeline", "latestRevision": {"id": "r", "revision": 1, "status": "hibernating"}},
                id="unknown-enum-values",
            ),
            pytest.param(
                "describe_spec",
                ("s",),
                {"id": "s", "kind": "workflow", "brandNew": {"nested": [1, 2]}, "metadata": {"colour": "red"}},
                id="unknown-fields",
            ),
            pytest.param("describe_spec", ("s",), {"kind": "workflow"}, id="missing-required-id"),
            pytest.param(
                "describe_deployment_revision",
                ("d", 1),
                {"id": 5, "revision": "one", "resources": "none", "parameters": []},
                id="wrong-types",
            ),
            pytest.param("redeploy", ("d",), {"deploymentId": "d"}, id="missing-required-fields"),
            pytest.param(
                "describe_deployment",
                ("d",),
                {"id": "d", "kind": "service", "parent": "not-an-object", "spec": 12},
                id="wrong-nested-types",
            ),
        ],
    )
    def test_returned_whole(self, mode: str, method: str, args: tuple[Any, ...], answer: dict[str, Any]) -> None:
        h = Harness(mode, respond(201 if method == "redeploy" else 200, json=answer))
        assert h.call(method, *args) == answer

    def test_list_page_with_unknown_statuses_and_fields(self, mode: str) -> None:
        page = {
            "deployments": [{"id": "d", "kind": "pipeline", "latestRevision": {"status": "hibernating"}}],
            "pageCount": 1,
            "pageNumber": 1,
            "pageSize": 25,
            "cursor": "opaque",
        }
        h = Harness(mode, respond(json=page))
        assert h.call("list_deployments", return_iterator=False) == page


# --- retries ------------------------------------------------------------------------------------

IDEMPOTENT_CALLS = [
    pytest.param("describe_spec", ("s",), "GET", id="GET"),
    pytest.param("delete_deployment", ("d",), "DELETE", id="DELETE"),
    pytest.param("patch_parameters", ("d", {"agg_type": "MAX"}), "PATCH", id="PATCH"),
    pytest.param("update_spec_metadata", ("s", {"featured": True}), "PATCH", id="PATCH-spec"),
]


class TestIdempotentRetries:
    @pytest.mark.parametrize(("method", "args", "verb"), IDEMPOTENT_CALLS)
    @pytest.mark.parametrize("status", [429, 502, 503, 504])
    def test_retryable_statuses_are_retried(
        self, mode: str, method: str, args: tuple[Any, ...], verb: str, status: int
    ) -> None:
        h = Harness(mode, sequence(respond(status, json={}), respond(status, json={}), respond(json={"ok": True})))
        assert h.call(method, *args) == {"ok": True}
        assert [r.method for r in h.requests] == [verb] * 3
        assert len(h.sleeps) == 2

    @pytest.mark.parametrize(
        "error", [httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.ConnectTimeout]
    )
    def test_transport_errors_are_retried(self, mode: str, error: type[httpx.TransportError]) -> None:
        h = Harness(mode, sequence(fail(error), respond(json={"ok": True})))
        assert h.call("describe_spec", "s") == {"ok": True}
        assert len(h.requests) == 2

    def test_500_is_not_retried(self, mode: str) -> None:
        h = Harness(mode, respond(500, json={"detail": "bug"}))
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s")
        assert len(h.requests) == 1
        assert h.sleeps == []

    @pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422])
    def test_client_errors_are_not_retried(self, mode: str, status: int) -> None:
        h = Harness(mode, respond(status, json={"detail": "no"}))
        with pytest.raises(APIStatusError):
            h.call("describe_spec", "s")
        assert len(h.requests) == 1

    @pytest.mark.parametrize(
        ("status", "error_class"), [(503, InternalServerErrorException), (429, TooManyRequestsException)]
    )
    def test_exhausted_status_retries_raise_the_typed_error(
        self, mode: str, status: int, error_class: type[APIStatusError]
    ) -> None:
        h = Harness(mode, respond(status, json={"detail": "busy"}), max_retries=2)
        with pytest.raises(error_class) as info:
            h.call("describe_spec", "s")
        assert len(h.requests) == 3
        assert info.value.status_code == status
        assert info.value.request_id == h.requests[-1].headers["x-peak-requestId"]

    @pytest.mark.parametrize(
        ("error", "expected"),
        [
            (httpx.ConnectError, APIConnectionError),
            (httpx.RemoteProtocolError, APIConnectionError),
            (httpx.ReadTimeout, APITimeoutError),
            (httpx.ConnectTimeout, APITimeoutError),
        ],
    )
    def test_exhausted_transport_retries_raise_the_package_error(
        self, mode: str, error: type[httpx.TransportError], expected: type[APIConnectionError]
    ) -> None:
        h = Harness(mode, fail(error, "no route"), max_retries=2)
        with pytest.raises(expected) as info:
            h.call("describe_spec", "s")
        raised = info.value
        assert type(raised) is expected
        assert not isinstance(raised, httpx.HTTPError)
        assert isinstance(raised.__cause__, error)
        assert len(h.requests) == 3
        assert raised.method == "GET"
        assert raised.url == f"{BASE}/v1/blocks/specs/s"
        assert raised.request_id == h.requests[-1].headers["x-peak-requestId"]
        assert "no route" in str(raised)


class TestPostRetries:
    @pytest.mark.parametrize(("method", "args"), POST_CALLS)
    @pytest.mark.parametrize(
        "step",
        [
            pytest.param(respond(502, json={}), id="502"),
            pytest.param(respond(502, json={}, headers={"Retry-After": "0"}), id="502+Retry-After"),
            pytest.param(respond(500, json={}), id="500"),
            pytest.param(respond(504, json={}), id="504"),
            pytest.param(respond(503, json={}), id="503-no-Retry-After"),
            pytest.param(respond(429, json={}), id="429-no-Retry-After"),
            pytest.param(fail(httpx.ReadTimeout), id="ReadTimeout"),
            pytest.param(fail(httpx.RemoteProtocolError), id="RemoteProtocolError"),
            pytest.param(fail(httpx.WriteError), id="WriteError"),
        ],
    )
    def test_post_is_sent_once_when_the_service_may_have_acted(
        self, mode: str, method: str, args: tuple[Any, ...], step: Step
    ) -> None:
        h = Harness(mode, sequence(step, respond(201)))
        with pytest.raises(PressBlocksError):
            h.call(method, *args)
        assert len(h.requests) == 1
        assert h.requests[0].method == "POST"

    @pytest.mark.parametrize(("method", "args"), POST_CALLS)
    def test_post_is_retried_after_a_connect_error(self, mode: str, method: str, args: tuple[Any, ...]) -> None:
        h = Harness(mode, sequence(fail(httpx.ConnectError), respond(201, json={"id": "new"})))
        assert h.call(method, *args) == {"id": "new"}
        assert len(h.requests) == 2

    def test_post_connect_errors_exhaust_into_api_connection_error(self, mode: str) -> None:
        h = Harness(mode, fail(httpx.ConnectError), max_retries=2)
        with pytest.raises(APIConnectionError):
            h.call("create_deployment", DEPLOYMENT_BODY)
        assert len(h.requests) == 3

    @pytest.mark.parametrize("status", [429, 503])
    def test_post_is_retried_on_429_or_503_with_retry_after(self, mode: str, status: int) -> None:
        h = Harness(mode, sequence(respond(status, json={}, headers={"Retry-After": "2"}), respond(201)))
        assert h.call("create_deployment", DEPLOYMENT_BODY) == {"id": "x"}
        assert len(h.requests) == 2
        assert h.sleeps == [2.0]
        assert h.requests[0].content == h.requests[1].content


class TestRetryAfter:
    def test_seconds_are_honoured(self, mode: str) -> None:
        h = Harness(mode, sequence(respond(503, json={}, headers={"Retry-After": "7"}), respond()))
        h.call("describe_spec", "s")
        assert h.sleeps == [7.0]

    def test_http_date_is_honoured(self, mode: str) -> None:
        when = datetime.now(UTC) + timedelta(seconds=30)
        header = email.utils.format_datetime(when, usegmt=True)
        h = Harness(mode, sequence(respond(429, json={}, headers={"Retry-After": header}), respond()))
        h.call("describe_spec", "s")
        assert len(h.sleeps) == 1
        assert 27.0 <= h.sleeps[0] <= 30.5

    def test_http_date_in_the_past_means_no_wait(self, mode: str) -> None:
        header = email.utils.format_datetime(datetime.now(UTC) - timedelta(hours=1), usegmt=True)
        h = Harness(mode, sequence(respond(503, json={}, headers={"Retry-After": header}), respond()))
        h.call("describe_spec", "s")
        assert h.sleeps == [0.0]

    def test_retry_after_ms_is_honoured_and_preferred(self, mode: str) -> None:
        headers = {"retry-after-ms": "250", "Retry-After": "9"}
        h = Harness(mode, sequence(respond(503, json={}, headers=headers), respond()))
        h.call("describe_spec", "s")
        assert h.sleeps == [0.25]

    def test_unparseable_retry_after_falls_back_to_backoff(self, mode: str) -> None:
        policy = RetryPolicy(initial_delay=1.0, max_delay=1.0, rng=random.Random(3))
        h = Harness(mode, sequence(respond(503, json={}, headers={"Retry-After": "soon"}), respond()), policy=policy)
        h.call("describe_spec", "s")
        assert len(h.sleeps) == 1
        assert 0.0 <= h.sleeps[0] <= 1.0

    def test_retry_after_over_the_cap_ends_the_retries(self, mode: str) -> None:
        h = Harness(
            mode, sequence(respond(429, json={"detail": "slow down"}, headers={"Retry-After": "61"}), respond())
        )
        with pytest.raises(TooManyRequestsException):
            h.call("describe_spec", "s")
        assert len(h.requests) == 1
        assert h.sleeps == []

    def test_the_cap_is_configurable(self, mode: str) -> None:
        policy = RetryPolicy(initial_delay=0.0, max_retry_after=120.0)
        h = Harness(mode, sequence(respond(429, json={}, headers={"Retry-After": "61"}), respond()), policy=policy)
        h.call("describe_spec", "s")
        assert h.sleeps == [61.0]

    def test_over_the_cap_on_post_is_not_retried_either(self, mode: str) -> None:
        h = Harness(mode, sequence(respond(503, json={}, headers={"Retry-After": "3600"}), respond(201)))
        with pytest.raises(InternalServerErrorException):
            h.call("create_deployment", DEPLOYMENT_BODY)
        assert len(h.requests) == 1


class TestBackoff:
    def test_full_jitter_with_a_seeded_rng(self, mode: str) -> None:
        policy = RetryPolicy(initial_delay=1.0, max_delay=3.0, rng=random.Random(1234))
        h = Harness(mode, respond(503, json={}), max_retries=4, policy=policy)
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s")
        reference = random.Random(1234)
        expected = [reference.uniform(0.0, min(3.0, 1.0 * 2**n)) for n in range(4)]
        assert h.sleeps == pytest.approx(expected)
        for n, delay in enumerate(h.sleeps):
            assert 0.0 <= delay <= min(3.0, 2**n)

    def test_delays_are_jittered_and_bounded(self) -> None:
        """Over many draws, a delay spans its whole window [0, min(max_delay, initial * 2**attempt)]."""
        policy = RetryPolicy(max_retries=10, initial_delay=0.5, max_delay=8.0, rng=random.Random(99))
        outcome = Outcome(response=httpx.Response(503, request=httpx.Request("GET", BASE)))
        for attempt in range(8):
            cap = min(8.0, 0.5 * 2**attempt)
            draws = [policy.delay(RetryKind.IDEMPOTENT, attempt, outcome) for _ in range(200)]
            assert all(d is not None and 0.0 <= d <= cap for d in draws)
            values = [d for d in draws if d is not None]
            assert min(values) < 0.2 * cap
            assert max(values) > 0.8 * cap

    def test_policy_stops_after_max_retries(self) -> None:
        policy = RetryPolicy(max_retries=2, initial_delay=0.0)
        outcome = Outcome(response=httpx.Response(503, request=httpx.Request("GET", BASE)))
        assert policy.delay(RetryKind.IDEMPOTENT, 0, outcome) is not None
        assert policy.delay(RetryKind.IDEMPOTENT, 1, outcome) is not None
        assert policy.delay(RetryKind.IDEMPOTENT, 2, outcome) is None

    def test_max_retries_zero_disables_retries(self, mode: str) -> None:
        h = Harness(mode, respond(503, json={}), max_retries=0)
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s")
        assert len(h.requests) == 1
        assert h.sleeps == []

    def test_with_options_max_retries(self, mode: str) -> None:
        h = Harness(mode, respond(503, json={}), max_retries=3)
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s", client=h.client.with_options(max_retries=0))
        assert len(h.requests) == 1
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s", client=h.client.with_options(max_retries=5))
        assert len(h.requests) == 1 + 6

    def test_retries_log_at_info_without_the_token(self, mode: str, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.DEBUG, logger="press_blocks")
        h = Harness(mode, sequence(respond(503, json={}), fail(httpx.ConnectError), respond()))
        h.call("describe_spec", "s")
        retries = [r for r in caplog.records if r.name == "press_blocks" and "retry" in r.getMessage().lower()]
        assert len(retries) == 2
        assert all(r.levelno == logging.INFO for r in retries)
        assert "503" in retries[0].getMessage()
        assert "ConnectError" in retries[1].getMessage()
        assert TOKEN not in caplog.text
        for record in caplog.records:
            assert TOKEN not in record.getMessage()

    def test_a_retried_upload_resends_the_whole_body(self, mode: str, tmp_path: Path) -> None:
        """After a 503 + Retry-After the second attempt carries the same parts, byte for byte."""
        root = _artifact_dir(tmp_path)
        (root / "data.bin").write_bytes(random.Random(5).randbytes(200_000))
        h = Harness(mode, sequence(respond(503, json={}, headers={"Retry-After": "0"}), respond(201)))
        result = h.call(
            "create_spec", SPEC_BODY, artifact={"path": str(root)}, featured=True, scope="private", progress=False
        )
        assert result == {"id": "x"}
        assert len(h.requests) == 2
        first, second = h.requests
        bodies = [first.content, second.content]
        for request, body in zip(h.requests, bodies, strict=True):
            assert int(request.headers["content-length"]) == len(body)
        parts = [parse_multipart(body, r.headers["content-type"]) for r, body in zip(h.requests, bodies, strict=True)]
        assert parts[0] == parts[1]
        artifact = next(p for p in parts[1] if p.name == "artifact")
        assert len(artifact.content) > 100_000  # the whole zip, not a drained stream
        # Apart from the boundary, which may be fresh per attempt, the bytes are identical.
        normalised = [
            body.replace(b"--" + boundary_of(r.headers["content-type"]), b"--BOUNDARY")
            for r, body in zip(h.requests, bodies, strict=True)
        ]
        assert normalised[0] == normalised[1]


class TestPolicyAndTimeoutEdges:
    """Settings that meet in the transport: a policy's own retry count, upload timeouts, hopeless errors."""

    def test_a_retry_policy_brings_its_own_max_retries(self, mode: str) -> None:
        h = Harness(mode, respond(503), max_retries=None, policy=RetryPolicy(max_retries=1, initial_delay=0.0))
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s")
        assert len(h.requests) == 2

    def test_an_explicit_max_retries_wins_over_the_policy(self, mode: str) -> None:
        h = Harness(mode, respond(503), max_retries=0, policy=RetryPolicy(max_retries=5, initial_delay=0.0))
        with pytest.raises(InternalServerErrorException):
            h.call("describe_spec", "s")
        assert len(h.requests) == 1

    def test_with_options_timeout_keeps_the_long_upload_write_timeout(self, mode: str, tmp_path: Path) -> None:
        h = Harness(mode, respond(201, json={"id": "x"}))
        quick = h.client.with_options(timeout=5.0)
        h.call(
            "create_spec",
            {"kind": "workflow"},
            artifact={"path": str(_artifact_dir(tmp_path))},
            progress=False,
            client=quick,
        )
        upload = h.requests[-1].extensions["timeout"]
        assert upload["read"] == 5.0
        assert upload["write"] >= 300.0
        h.call("describe_spec", "s", client=quick)
        assert h.requests[-1].extensions["timeout"]["write"] == 5.0

    @pytest.mark.parametrize("error", [httpx.UnsupportedProtocol, httpx.LocalProtocolError])
    def test_errors_a_retry_cannot_fix_are_not_retried(self, mode: str, error: type[httpx.TransportError]) -> None:
        h = Harness(mode, fail(error))
        with pytest.raises(APIConnectionError):
            h.call("describe_spec", "s")
        assert len(h.requests) == 1
