"""Where a client's settings come from: arguments first, then the environment, then defaults.

Nothing here touches the network. The token is wrapped in :class:`Secret` so that it never
shows up in a repr, a log line or an exception message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from press_blocks import _constants
from press_blocks.errors import ConfigurationError, InvalidArgumentError, InvalidStageError, MissingCredentialsError

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_UPLOAD_TIMEOUT",
    "Secret",
    "Settings",
    "is_retry_count",
    "redacted_url",
    "resolve_settings",
    "upload_timeout_for",
]

#: Connect within 10 s, then allow 60 s for each read or write.
DEFAULT_TIMEOUT = httpx.Timeout(_constants.READ_WRITE_TIMEOUT, connect=_constants.CONNECT_TIMEOUT)
#: Artifact uploads stream up to 10 MiB and the service unpacks them before answering.
DEFAULT_UPLOAD_TIMEOUT = httpx.Timeout(_constants.UPLOAD_WRITE_TIMEOUT, connect=_constants.CONNECT_TIMEOUT)


class Secret:
    """A string that does not reveal itself in ``repr`` or ``str``."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the secret value, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def mask(self, text: str) -> str:
        """``text`` with every occurrence of the secret replaced by ``***`` (for server text copied into messages)."""
        if len(self._value) < _constants.MIN_MASKED_SECRET_LENGTH or self._value not in text:
            return text
        return text.replace(self._value, _constants.MASKED_TOKEN)

    def mask_data(self, value: Any) -> Any:
        """``value`` (decoded JSON) with the secret masked in every string, keys included; unchanged when absent."""
        if isinstance(value, str):
            return self.mask(value)
        if not isinstance(value, dict | list) or len(self._value) < _constants.MIN_MASKED_SECRET_LENGTH:
            return value
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            return value
        # The secret as it appears inside a JSON string (a quote or backslash in it is escaped there).
        escaped = json.dumps(self._value, ensure_ascii=False)[1:-1]
        if escaped not in text:
            return value
        try:
            return json.loads(text.replace(escaped, _constants.MASKED_TOKEN))
        except (ValueError, RecursionError):
            # The secret also matched outside a string (a token of digits inside a number): keep text only.
            return self.mask(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Settings:
    """A client's resolved settings: where to send requests, with which token, how patiently."""

    token: Secret = field(repr=False)
    stage: str
    base_url: str
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    upload_timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_UPLOAD_TIMEOUT)
    max_retries: int = _constants.MAX_RETRIES
    #: Seconds one attempt may take in all (connect, send, wait, read), however the bytes trickle.
    deadline: float = _constants.DEADLINE
    upload_deadline: float = _constants.UPLOAD_DEADLINE
    max_response_bytes: int = _constants.MAX_RESPONSE_BYTES
    #: ``off``, ``warn`` or ``raise``: what a response that differs from the document does.
    validate_responses: str = _constants.VALIDATE_RESPONSES


_N = TypeVar("_N", int, float)


def _env(environ: Mapping[str, str], *names: str) -> str | None:
    # An empty variable counts as unset: `export API_KEY=` must not mean "the empty token".
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def resolve_token(auth_token: str | None, environ: Mapping[str, str]) -> Secret:
    """Return the token from the argument, else ``PEAK_AUTH_TOKEN``, else ``API_KEY``."""
    token = auth_token if auth_token else _env(environ, *_constants.TOKEN_VARIABLES)
    if not token:
        raise MissingCredentialsError(
            "No API token: pass auth_token=... or set the PEAK_AUTH_TOKEN (or API_KEY) environment variable."
        )
    if not token.isascii() or any(ord(c) < 0x20 or ord(c) == 0x7F for c in token):
        # Never echo the token: the message is all a log or a traceback would show of it.
        raise ConfigurationError(
            "The API token contains a line break, NUL, control or non-ASCII character, which cannot go in an "
            "HTTP header; check how it was copied (the token is not shown here)."
        )
    return Secret(token)


def resolve_stage(stage: str | None, environ: Mapping[str, str]) -> str:
    """Return the stage from the argument, else ``PEAK__STAGE``, else ``STAGE``, else ``prod``."""
    source = "the stage argument"
    chosen = stage
    if not chosen:
        # Which variable it came from: the user may not know PEAK__STAGE or STAGE is set at all.
        source, chosen = next(
            (
                (f"the {name} environment variable", environ[name].strip())
                for name in _constants.STAGE_VARIABLES
                if environ.get(name, "").strip()
            ),
            ("the default", _constants.DEFAULT_STAGE),
        )
    if chosen not in _constants.STAGE_HOSTS:
        valid = ", ".join(_constants.STAGE_HOSTS)
        raise InvalidStageError(f"Unknown stage {chosen!r} (from {source}); valid stages are: {valid}.")
    return chosen


def resolve_base_url(base_url: str | None, stage: str, environ: Mapping[str, str]) -> str:
    """Return the API's base URL: the argument, else ``PRESS_BASE_URL``, else the stage's host."""
    chosen = base_url or _env(environ, _constants.BASE_URL_VARIABLE) or _constants.STAGE_HOSTS[stage]
    problem = f"Invalid base URL {chosen!r}: expected an http(s) URL such as https://press.peak.ai."
    try:
        url = httpx.URL(chosen)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(problem) from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(problem)
    if url.userinfo:
        # httpx would send them as Basic auth in place of the token, and every printed URL would show them.
        where = "PRESS_BASE_URL" if not base_url else "base_url"
        shown = str(url.copy_with(username="***", password="***" if url.password else None))
        raise ConfigurationError(
            f"The base URL {shown} holds a user name or password ({where}); press-blocks authenticates with the API "
            "token alone. Remove the credentials from the URL and give the token as the token."
        )
    return chosen.rstrip("/")


def is_retry_count(value: object) -> bool:
    """Whether ``value`` is a usable ``max_retries``: a whole number >= 0 (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def resolve_settings(
    auth_token: str | None = None,
    stage: str | None = None,
    *,
    base_url: str | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
    deadline: float | None = None,
    max_response_bytes: int | None = None,
    validate_responses: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve every setting of a session from its arguments and the environment."""
    env = os.environ if environ is None else environ
    resolved_stage = resolve_stage(stage, env)
    # An argument wins; else the environment, so that the command line (no such options) can set them too.
    if timeout is None:
        timeout = _env_number(env, _constants.TIMEOUT_VARIABLE, float)
    if deadline is None:
        deadline = _env_number(env, _constants.DEADLINE_VARIABLE, float)
    if max_response_bytes is None:
        max_response_bytes = _env_number(env, _constants.MAX_RESPONSE_BYTES_VARIABLE, int)
    if max_retries is not None and not is_retry_count(max_retries):
        raise InvalidArgumentError(f"max_retries must be a whole number >= 0, not {max_retries!r}.")
    request_timeout = DEFAULT_TIMEOUT if timeout is None else checked_timeout(timeout)
    # An explicit session timeout also bounds uploads, unless it is shorter than the upload default.
    upload_timeout = DEFAULT_UPLOAD_TIMEOUT if timeout is None else upload_timeout_for(request_timeout)
    return Settings(
        token=resolve_token(auth_token, env),
        stage=resolved_stage,
        base_url=resolve_base_url(base_url, resolved_stage, env),
        timeout=request_timeout,
        upload_timeout=upload_timeout,
        max_retries=_constants.MAX_RETRIES if max_retries is None else max_retries,
        deadline=_constants.DEADLINE if deadline is None else checked_seconds(deadline, "deadline"),
        # An explicit deadline also bounds uploads, unless it is shorter than the upload default.
        upload_deadline=_constants.UPLOAD_DEADLINE
        if deadline is None
        else max(checked_seconds(deadline, "deadline"), _constants.UPLOAD_DEADLINE),
        max_response_bytes=_constants.MAX_RESPONSE_BYTES
        if max_response_bytes is None
        else checked_size(max_response_bytes, "max_response_bytes"),
        validate_responses=resolve_validate_responses(validate_responses, env),
    )


def _env_number(environ: Mapping[str, str], name: str, kind: type[_N]) -> _N | None:
    """The number in environment variable ``name`` (unset: ``None``), or InvalidArgumentError naming it."""
    text = _env(environ, name)
    if text is None:
        return None
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not value > 0 or value == float("inf"):
        unit = "a whole number of bytes >= 1" if kind is int else "a number of seconds > 0"
        raise InvalidArgumentError(f"the {name} environment variable must be {unit}, not {text!r}.")
    return value


def resolve_validate_responses(mode: str | None, environ: Mapping[str, str]) -> str:
    """The response validation mode: the argument, else the environment variable, else ``off``."""
    from_env = mode is None
    chosen = _env(environ, _constants.VALIDATE_RESPONSES_VARIABLE) if from_env else mode
    if chosen is None:
        return _constants.VALIDATE_RESPONSES
    if not isinstance(chosen, str) or chosen.strip().lower() not in _constants.VALIDATE_RESPONSES_MODES:
        variable = _constants.VALIDATE_RESPONSES_VARIABLE
        where = f"the {variable} environment variable" if from_env else "validate_responses"
        modes = ", ".join(repr(m) for m in _constants.VALIDATE_RESPONSES_MODES)
        raise InvalidArgumentError(f"{where} must be one of {modes}, not {chosen!r}.")
    return chosen.strip().lower()


def checked_seconds(value: object, name: str) -> float:
    """``value`` as a number of seconds > 0, or InvalidArgumentError."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf"):
        raise InvalidArgumentError(f"{name} must be a number of seconds > 0, not {value!r}.")
    return float(value)


def checked_size(value: object, name: str) -> int:
    """``value`` as a number of bytes >= 1, or InvalidArgumentError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(f"{name} must be a whole number of bytes >= 1, not {value!r}.")
    return value


def checked_timeout(value: object) -> httpx.Timeout:
    """``value`` (seconds or an ``httpx.Timeout``) as an ``httpx.Timeout``, or InvalidArgumentError."""
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(checked_seconds(value, "timeout"))


def upload_timeout_for(timeout: httpx.Timeout) -> httpx.Timeout:
    """Return ``timeout`` with at least the default upload write timeout, for sending artifacts."""
    write = max(timeout.write or 0.0, DEFAULT_UPLOAD_TIMEOUT.write or 0.0)
    return httpx.Timeout(connect=timeout.connect, read=timeout.read, write=write, pool=timeout.pool)


def redacted_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages, reprs and logs."""
    parsed = httpx.URL(url)
    if not parsed.password:
        return url
    return str(parsed.copy_with(password="***"))
