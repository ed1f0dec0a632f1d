"""The exit code and the one stderr line for every kind of exception, in-process."""

from __future__ import annotations

import pytest

from press_blocks import _constants, errors
from press_blocks._cli._errors import ApplyRefused, ExitCode, UsageError, WaitFailed, error_line, exit_code_for


def status(cls: type[errors.APIStatusError], code: int) -> errors.APIStatusError:
    return cls(status_code=code, method="GET", url="http://h/v1/x", request_id="req-9", body={"detail": "why"})


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (UsageError("bad"), ExitCode.USAGE),
        (errors.InvalidArgumentError("bad"), ExitCode.USAGE),
        (errors.InvalidStageError("bad"), ExitCode.USAGE),
        (errors.ArtifactPathError("bad"), ExitCode.USAGE),
        (errors.FallbackFileNotFoundError("bad"), ExitCode.USAGE),
        (errors.MissingCredentialsError("no token"), ExitCode.AUTH),
        (status(errors.UnauthorizedException, 401), ExitCode.AUTH),
        (status(errors.ForbiddenException, 403), ExitCode.AUTH),
        (status(errors.NotFoundException, 404), ExitCode.NOT_FOUND),
        (status(errors.ConflictException, 409), ExitCode.CONFLICT),
        (ApplyRefused("older"), ExitCode.CONFLICT),
        (status(errors.BadRequestException, 400), ExitCode.API),
        (status(errors.UnprocessableEntityException, 422), ExitCode.API),
        (status(errors.TooManyRequestsException, 429), ExitCode.API),
        (status(errors.InternalServerErrorException, 503), ExitCode.API),
        (errors.ResponseDecodeError("not JSON"), ExitCode.API),
        (errors.PaginationError("no pageCount", key="pageCount"), ExitCode.API),
        (errors.APIConnectionError("refused"), ExitCode.CONNECTION),
        (errors.APITimeoutError("read timed out"), ExitCode.CONNECTION),
        (WaitFailed("ended failed"), ExitCode.WAIT_FAILED),
        (errors.DeploymentFailedError("d", 2, "rollback_complete", {}), ExitCode.WAIT_FAILED),
        (errors.WaitTimeoutError("d", None, "deploying", 9.0, 8.0), ExitCode.WAIT_FAILED),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED),
        (RuntimeError("bug"), ExitCode.INTERNAL),
    ],
)
def test_each_exception_has_its_exit_code(exc: BaseException, code: ExitCode) -> None:
    assert exit_code_for(exc) is code
    line = error_line(exc)
    assert line.startswith("press-blocks: ")
    assert "\n" not in line


def test_the_line_carries_class_status_message_and_request_id() -> None:
    line = error_line(status(errors.NotFoundException, 404))
    assert line == "press-blocks: NotFoundException: 404 Not Found — why (GET /v1/x, request req-9)"
    timeout = errors.APITimeoutError("read timed out\nafter 60s", request_id="req-1")
    assert error_line(timeout) == "press-blocks: APITimeoutError: read timed out after 60s (request req-1)"
    assert error_line(RuntimeError("bug")).endswith(
        "(an unexpected error in press-blocks: rerun with --debug for the traceback)"
    )


def test_a_token_from_the_environment_never_gets_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEAK_AUTH_TOKEN", "tok-abcdef-123")
    monkeypatch.setenv("API_KEY", "key-zyxw")
    line = error_line(RuntimeError("header tok-abcdef-123 and key-zyxw"))
    assert "tok-abcdef-123" not in line
    assert "key-zyxw" not in line
    assert "header *** and ***" in line


def test_the_scrubbed_variables_are_those_the_library_reads_the_token_from(monkeypatch: pytest.MonkeyPatch) -> None:
    # One list: a token variable the library learns to read is scrubbed without touching the CLI.
    monkeypatch.setattr(_constants, "TOKEN_VARIABLES", (*_constants.TOKEN_VARIABLES, "PEAK_OTHER_TOKEN"))
    monkeypatch.setenv("PEAK_OTHER_TOKEN", "other-secret-77")
    assert error_line(RuntimeError("sent other-secret-77")).startswith("press-blocks: RuntimeError: sent ***")
