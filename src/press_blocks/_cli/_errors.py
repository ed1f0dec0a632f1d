"""What the command line exits with, and the one stderr line it prints for each failure."""

from __future__ import annotations

import contextlib
import enum
import os
import re
from collections.abc import Iterator

from press_blocks import _constants

__all__ = [
    "ApplyRefused",
    "CommandError",
    "ExitCode",
    "UsageError",
    "WaitFailed",
    "error_line",
    "exit_code_for",
    "needs_emulator_extra",
    "printable",
    "scrub",
]


class ExitCode(enum.IntEnum):
    """The documented exit codes of ``press-blocks``, one per kind of failure."""

    OK = 0
    INTERNAL = 1  # a bug in press-blocks: rerun with --debug and report it
    USAGE = 2  # bad options, or a request file / params file / artifact that cannot be used
    AUTH = 3  # no token, 401 or 403
    NOT_FOUND = 4  # 404
    CONFLICT = 5  # 409, or `apply` refusing a version that would overwrite a different release
    API = 6  # any other error answer (400, 413, 422, 429, 5xx) or an answer that cannot be read
    CONNECTION = 7  # no answer: connection failed, broke or timed out
    WAIT_FAILED = 8  # --wait: the deployment ended in a failed state, or --wait-timeout passed
    DRIFT = 9  # verify: the service's answers and the OpenAPI document disagree
    PLAN_STALE = 10  # `apply PLANFILE`: what the saved plan read has changed on the service since
    CHANGES = 2  # `plan --detailed-exitcode`: the plan has changes (a usage error also exits 2, with no plan)
    INTERRUPTED = 130


class CommandError(Exception):
    """A failure found by the command line itself; ``code`` is its exit code."""

    code = ExitCode.USAGE


class UsageError(CommandError):
    """Bad options or input files; nothing was sent."""


class WaitFailed(CommandError):
    """``--wait`` did not see the deployment reach ``deployed``."""

    code = ExitCode.WAIT_FAILED


class ApplyRefused(CommandError):
    """``apply`` will not change what the file names, because that would lose or hide a change."""

    code = ExitCode.CONFLICT


def exit_code_for(exc: BaseException) -> ExitCode:
    """Return the exit code for an exception raised while running a command."""
    from press_blocks import errors

    if isinstance(exc, CommandError):
        return exc.code
    if isinstance(exc, errors.WaitError):
        return ExitCode.WAIT_FAILED
    if isinstance(exc, errors.MissingCredentialsError | errors.UnauthorizedException | errors.ForbiddenException):
        return ExitCode.AUTH
    if isinstance(exc, errors.NotFoundException):
        return ExitCode.NOT_FOUND
    if isinstance(exc, errors.ConflictException):
        return ExitCode.CONFLICT
    if isinstance(exc, errors.DeployRefusedError):
        return ExitCode.CONFLICT
    if isinstance(exc, errors.PlanStaleError):
        return ExitCode.PLAN_STALE
    if isinstance(exc, errors.APIConnectionError):
        return ExitCode.CONNECTION
    if isinstance(exc, errors.APIError):
        return ExitCode.API
    if isinstance(exc, errors.PressBlocksError):
        # Configuration, invalid arguments, artifacts and fallback files: all the user's input.
        return ExitCode.USAGE
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    return ExitCode.INTERNAL


# The library's advice is Python (an argument to pass); on the command line the same setting is an
# environment variable or an option. Each pair: the library's words, the command line's.
_CLI_ADVICE = (
    ("(set timeout=...)", "(set PRESS_BLOCKS_TIMEOUT=SECONDS)"),
    ("(set deadline=... on the Session or with_options)", "(set PRESS_BLOCKS_DEADLINE=SECONDS)"),
    ("raise max_response_bytes if it is expected", "raise PRESS_BLOCKS_MAX_RESPONSE_BYTES if it is expected"),
    (
        "Wait longer with timeout=..., or look at it with describe_deployment.",
        "Wait longer with --wait-timeout SECONDS, or look at it with 'press-blocks deployments describe'.",
    ),
)


def cli_advice(text: str) -> str:
    """``text`` with the library's Python advice replaced by the command line's."""
    for python, command_line in _CLI_ADVICE:
        text = text.replace(python, command_line)
    return text


def error_line(exc: BaseException) -> str:
    """Return the one line printed on stderr: the class, status, message and request id, never a token."""
    from press_blocks import errors

    if isinstance(exc, CommandError):
        text = str(exc)
    elif isinstance(exc, KeyboardInterrupt):
        text = "interrupted"
    else:
        text = f"{type(exc).__name__}: {exc}"
        # Status messages already carry the status and request id; other API errors may not.
        if (
            isinstance(exc, errors.APIError)
            and not isinstance(exc, errors.APIStatusError)
            and exc.request_id
            and exc.request_id not in text
        ):
            text += f" (request {exc.request_id})"
        if exit_code_for(exc) is ExitCode.INTERNAL:
            text += " (an unexpected error in press-blocks: rerun with --debug for the traceback)"
    return "press-blocks: " + scrub(printable(cli_advice(" ".join(text.split()))))


# C0 and C1 control characters, DEL, and the bidirectional overrides that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters (ESC sequences from a server) shown escaped, as ``\\x1b``."""
    return _CONTROL.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), text)


def scrub(text: str) -> str:
    """Replace any API token from the environment found in ``text`` with ``***``."""
    # Scrubbed from every error line, whatever the message (the library already keeps tokens out).
    for name in _constants.TOKEN_VARIABLES:
        token = os.environ.get(name, "").strip()
        if len(token) >= 4:
            text = text.replace(token, "***")
    return text


@contextlib.contextmanager
def needs_emulator_extra(command: str) -> Iterator[None]:
    """Turn the emulator package's missing-extra ImportError into a one-line usage error."""
    try:
        yield
    except ImportError as exc:
        if "'emulator' extra" not in str(exc):
            raise
        raise UsageError(
            f"press-blocks {command} needs the 'emulator' extra: pip install 'press-blocks[emulator]'"
        ) from None
