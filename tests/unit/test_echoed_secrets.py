"""Secrets the server echoes (issue 22): the session's token never reaches a message, a log record or a DryRun.

A server (or a proxy in front of it) may repeat the request's ``Authorization`` in its answer;
a base URL may carry credentials; a template may write the token into a body. Each test here
failed before the masking: the token showed in ``str(exc)``, the waiter's log, ``str(DryRun)``.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

import httpx
import pytest

from press_blocks import Block, Session
from press_blocks._cli._main import main
from press_blocks.errors import (
    APIConnectionError,
    ConfigurationError,
    ConflictException,
    DeploymentFailedError,
    InternalServerErrorException,
    PayloadTooLargeException,
    ResponseDecodeError,
    UnauthorizedException,
)
from tests.unit.test_hostile import BASE, TOKEN, Recorder, settle

DEPLOYED = {"id": "d", "metadata": {"status": "deployed"}}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def no_token_in(*things: Any) -> None:
    for thing in things:
        assert TOKEN not in str(thing), thing
        assert TOKEN not in repr(thing), thing


class TestStatusErrors:
    @pytest.mark.parametrize(
        ("status", "content", "error_class"),
        [
            (401, {"message": f"token {TOKEN} is expired", "token": TOKEN}, UnauthorizedException),
            (500, f"<html>Bad gateway for Authorization: {TOKEN}</html>", InternalServerErrorException),
            (409, {f"key-{TOKEN}": [{"detail": f"held by {TOKEN}"}]}, ConflictException),
        ],
    )
    def test_a_body_that_repeats_the_token_is_masked_in_the_error(
        self, mode: str, status: int, content: Any, error_class: type[Exception]
    ) -> None:
        def answer(request: httpx.Request) -> httpx.Response:
            if isinstance(content, str):
                return httpx.Response(status, text=content)
            return httpx.Response(status, json=content)

        recorder = Recorder(mode, answer)
        with pytest.raises(error_class) as caught:
            recorder.call("describe_spec", "s")
        error = caught.value
        no_token_in(error, error.args, getattr(error, "body", None), getattr(error, "detail", None))
        # What the body said, apart from the token, is still there.
        assert "***" in repr(error.args)
        assert "token *** is expired" in str(error) or "for Authorization: ***" in str(error) or status == 409

    def test_a_content_type_that_repeats_the_token_is_masked(self, mode: str) -> None:
        recorder = Recorder(mode, lambda r: httpx.Response(200, text="<p/>", headers={"content-type": f"x/{TOKEN}"}))
        with pytest.raises(ResponseDecodeError) as caught:
            recorder.call("describe_spec", "s")
        no_token_in(caught.value)

    def test_a_connection_error_that_repeats_the_token_is_masked(self, mode: str) -> None:
        def answer(request: httpx.Request) -> httpx.Response:
            raise httpx.RemoteProtocolError(f"illegal header line: Authorization: {TOKEN}", request=request)

        recorder = Recorder(mode, answer)
        with pytest.raises(APIConnectionError) as caught:
            recorder.call("describe_spec", "s")
        no_token_in(caught.value)
        assert "illegal header line" in str(caught.value)

    def test_a_short_token_is_not_masked_everywhere(self) -> None:
        # Masking "ab" would garble every message; such a token is no secret worth the noise.
        client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404, json={"detail": "abc"})))
        with pytest.raises(Exception, match="abc"):
            Block(Session("ab", base_url=BASE, http_client=client)).describe_spec("s")


class TestWaits:
    def test_the_waiters_log_and_errors_never_carry_the_token(
        self, mode: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        answers = iter(
            [
                httpx.Response(503, json={"message": f"busy, your token {TOKEN}"}, headers={"retry-after": "0"}),
                httpx.Response(200, json={"id": "d", "metadata": {"status": f"deploying-{TOKEN}"}}),
                httpx.Response(
                    200,
                    json={
                        "id": "d",
                        "metadata": {"status": "failed"},
                        "latestRevision": {"resources": [{"errors": [{"message": f"bad token {TOKEN}"}]}]},
                    },
                ),
            ]
        )
        recorder = Recorder(mode, lambda r: next(answers))
        statuses: list[str] = []
        caplog.set_level(logging.DEBUG, logger="press_blocks")
        with pytest.raises(DeploymentFailedError) as caught:
            recorder.call(
                "wait_for_deployment",
                "d",
                timeout=5,
                poll_interval=0.01,
                progress=lambda status, elapsed: statuses.append(status),
            )
        no_token_in(caught.value, caught.value.description, caught.value.resource_errors, statuses)
        assert "bad token ***" in str(caught.value)
        assert any("describe failed" in record.getMessage() for record in caplog.records)
        for record in caplog.records:
            assert TOKEN not in record.getMessage()


class TestBaseUrlCredentials:
    @pytest.mark.parametrize("url", ["http://alice:pw-SECRET@host.test", "https://alice@host.test/api"])
    def test_credentials_in_the_base_url_are_refused_without_showing_them(self, url: str) -> None:
        with pytest.raises(ConfigurationError, match="user name or password") as caught:
            Session(TOKEN, base_url=url)
        assert "pw-SECRET" not in str(caught.value)
        assert "alice" not in str(caught.value)
        assert "base_url" in str(caught.value)

    def test_from_the_environment_too(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_BASE_URL", "http://alice:pw-SECRET@host.test")
        with pytest.raises(ConfigurationError, match="PRESS_BASE_URL") as caught:
            Session(TOKEN)
        assert "pw-SECRET" not in str(caught.value)

    def test_the_command_line_says_so_on_one_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("PRESS_BASE_URL", "http://alice:pw-SECRET@127.0.0.1:9")
        monkeypatch.setenv("PEAK_AUTH_TOKEN", TOKEN)
        assert main(["specs", "delete", "s", "--dry-run"]) == 2
        captured = capsys.readouterr()
        assert "pw-SECRET" not in captured.out + captured.err
        assert "user name or password" in captured.err


class TestDryRuns:
    def test_a_token_in_the_body_headers_or_url_is_masked(self, mode: str) -> None:
        recorder = Recorder(mode)
        client = recorder.client.with_options(dry_run=True, headers={"X-Echo": f"Bearer {TOKEN}"})
        dry_run = settle(client.patch_parameters("d", {"name": TOKEN, "note": f"s-{TOKEN}"}))
        no_token_in(dry_run, dry_run.to_dict())
        assert dry_run.to_dict()["json"] == {"name": "***", "note": "s-***"}
        assert dry_run.headers["X-Echo"] == "Bearer ***"
        assert not recorder.requests

    def test_the_command_lines_dry_run_masks_a_token_a_template_wrote(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("PEAK_AUTH_TOKEN", TOKEN)
        monkeypatch.setenv("PRESS_BASE_URL", "http://127.0.0.1:9")
        file = tmp_path / "patch.yaml"
        file.write_text("body:\n  token: '{{ os_env.PEAK_AUTH_TOKEN }}'\n", encoding="utf-8")
        for output in ([], ["-o", "json"], ["-o", "yaml"]):
            assert main(["deployments", "patch-parameters", "d", str(file), "--dry-run", *output]) == 0
            captured = capsys.readouterr()
            assert TOKEN not in captured.out + captured.err
            assert "***" in captured.out


class TestPeakArgs:
    """peak-sdk raised its HTTP errors with the parsed body as ``args[0]``; scripts index it."""

    def test_args_0_is_the_body_and_str_the_message(self, mode: str) -> None:
        body = {"message": "name taken", "statusCode": 409}
        recorder = Recorder(mode, lambda r: httpx.Response(409, json=body))
        with pytest.raises(ConflictException) as caught:
            recorder.call("describe_spec", "s")
        error = caught.value
        assert error.args[0]["message"] == "name taken"
        assert error.args == (body,)
        assert str(error).startswith("409 Conflict — name taken (GET /v1/blocks/specs/s")
        copy = pickle.loads(pickle.dumps(error))
        assert copy.args == (body,)
        assert str(copy) == str(error)

    def test_a_text_body_is_args_0_as_text(self, mode: str) -> None:
        recorder = Recorder(mode, lambda r: httpx.Response(500, text="<h1>oops</h1>"))
        with pytest.raises(InternalServerErrorException) as caught:
            recorder.call("describe_spec", "s")
        assert caught.value.args[0] == "<h1>oops</h1>"

    def test_a_413_is_peaks_sentence(self, mode: str) -> None:
        recorder = Recorder(mode, lambda r: httpx.Response(413, json={"detail": "too big"}))
        with pytest.raises(PayloadTooLargeException) as caught:
            recorder.call("describe_spec", "s")
        assert caught.value.args[0].startswith("too big. Please use '--dry-run'")
        assert "too big" in str(caught.value)
