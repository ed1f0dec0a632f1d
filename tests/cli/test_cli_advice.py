"""Advice in the user's language: the library's errors say which argument to pass; the command line's
lines say which environment variable or option to set, and those variables work."""

from __future__ import annotations

import httpx
import pytest

from press_blocks import Session, get_client
from press_blocks._cli._errors import error_line
from press_blocks.errors import APITimeoutError, InvalidArgumentError, ResponseTooLargeError

ENV = ("PRESS_BLOCKS_TIMEOUT", "PRESS_BLOCKS_DEADLINE", "PRESS_BLOCKS_MAX_RESPONSE_BYTES")


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def client_answering(handler: object) -> object:
    http = httpx.Client(transport=httpx.MockTransport(handler))  # type: ignore[arg-type]
    return get_client(Session("a-token", base_url="http://127.0.0.1:9", http_client=http, max_retries=0))


def test_the_deadline_and_wait_lines_name_the_variable_and_the_option() -> None:
    # Real messages of the library, built as it builds them; each of the table's Python advice is in one.
    from press_blocks._calls import deadline_exceeded
    from press_blocks.errors import WaitTimeoutError

    request = httpx.Request("GET", "http://127.0.0.1:9/v1/blocks/specs/s")
    deadline = deadline_exceeded(5, request)
    waited = WaitTimeoutError("d1", None, "deploying", 600.0, 600.0)
    assert "(set deadline=... on the Session or with_options)" in str(deadline)
    assert "Wait longer with timeout=..." in str(waited)
    assert "PRESS_BLOCKS_DEADLINE=SECONDS" in error_line(deadline)
    assert "--wait-timeout SECONDS" in error_line(waited)
    assert "=..." not in error_line(deadline) + error_line(waited)


def test_a_timeout_line_names_the_variable_not_the_argument() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(APITimeoutError) as caught:
        client_answering(handler).describe_spec("s")  # type: ignore[attr-defined]
    assert "(set timeout=...)" in str(caught.value)  # Python advice in Python
    line = error_line(caught.value)
    assert "PRESS_BLOCKS_TIMEOUT=SECONDS" in line
    assert "timeout=..." not in line


def test_a_response_too_large_line_names_the_variable_and_the_variable_sets_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRESS_BLOCKS_MAX_RESPONSE_BYTES", "100")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "s", "padding": "x" * 500})

    with pytest.raises(ResponseTooLargeError) as caught:
        client_answering(handler).describe_spec("s")  # type: ignore[attr-defined]
    assert "larger than 100 bytes" in str(caught.value)
    line = error_line(caught.value)
    assert "raise PRESS_BLOCKS_MAX_RESPONSE_BYTES" in line
    assert "max_response_bytes" not in line


def test_the_timeout_and_deadline_variables_set_the_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESS_BLOCKS_TIMEOUT", "2.5")
    monkeypatch.setenv("PRESS_BLOCKS_DEADLINE", "7")
    settings = Session("a-token", base_url="http://127.0.0.1:9").settings
    assert settings.timeout.read == 2.5
    assert settings.deadline == 7.0
    # An argument still wins over the environment.
    assert Session("a-token", base_url="http://127.0.0.1:9", deadline=3).settings.deadline == 3.0


@pytest.mark.parametrize(
    ("name", "value"),
    [("PRESS_BLOCKS_TIMEOUT", "soon"), ("PRESS_BLOCKS_DEADLINE", "-1"), ("PRESS_BLOCKS_MAX_RESPONSE_BYTES", "1.5")],
)
def test_a_bad_variable_is_a_typed_error_naming_it(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidArgumentError, match=f"the {name} environment variable must be"):
        Session("a-token", base_url="http://127.0.0.1:9")
