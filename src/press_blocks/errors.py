"""Every exception press-blocks raises, under one base class.

::

    PressBlocksError
    ├── ConfigurationError              bad token, stage or base URL
    │   ├── MissingCredentialsError
    │   └── InvalidStageError           (also a ValueError)
    ├── InvalidArgumentError            an argument that cannot be sent (also a ValueError and TypeError)
    ├── APIError                        anything about talking to the API
    │   ├── APIConnectionError          the request got no HTTP answer
    │   │   ├── APITimeoutError
    │   │   └── ClientClosedError       the connection pool was closed (also a RuntimeError)
    │   ├── ResponseDecodeError         a 2xx whose body is not the JSON it should be
    │   ├── ResponseTooLargeError       a body over ``max_response_bytes``, decompressed
    │   ├── PaginationError             a page without its list or ``pageCount``
    │   ├── ContractDriftError          a response differs from the OpenAPI document (``validate_responses="raise"``)
    │   └── APIStatusError              the server answered with an error status
    │       ├── BadRequestException             400
    │       ├── UnauthorizedException           401
    │       ├── ForbiddenException              403
    │       ├── NotFoundException               404
    │       ├── ConflictException               409
    │       ├── PayloadTooLargeException        413
    │       ├── UnprocessableEntityException    422
    │       ├── TooManyRequestsException        429
    │       ├── InternalServerErrorException    500 and every other 5xx
    │       └── UnexpectedStatusException       any other status
    ├── ArtifactError                   building the artifact zip
    │   ├── ArtifactPathError           (also a ValueError)
    │   ├── IgnoreFileError             (also a ValueError)
    │   ├── UnsafeSymlinkError          outside the root, dangling, or a loop
    │   ├── UnreadableFileError         (also an OSError)
    │   └── ArtifactTooLargeError       carries ``limit``, ``size_reached``, ``largest_files``
    ├── ParameterFileError              fallback parameter / related-block files
    │   ├── MissingFallbackError        (also a TypeError)
    │   ├── FallbackFileNotFoundError   (also a FileNotFoundError)
    │   ├── EmptyFallbackFileError      (also a ValueError)
    │   └── InvalidFallbackFileError    (also a TypeError)
    │       └── FallbackValueError      a value YAML cannot build (also a ValueError)
    ├── WaitError                       wait_for_deployment / wait_for_revision
    │   ├── DeploymentFailedError       a failure status; carries the description and resource errors
    │   └── WaitTimeoutError            the deadline passed (also a TimeoutError)
    └── DeployError                     press_blocks.deploy will not carry out a plan
        ├── DeployRefusedError          a change the service only takes as a new release; carries ``fields``
        └── PlanStaleError              the service changed since the plan read it: plan again

The HTTP exception names are the ones ``peak.press.blocks`` users already catch; the
builtin second bases keep ``except TypeError`` style code written for the seed working.

Warning classes sit beside the tree: ``ArtifactWarning`` (a ``UserWarning``), issued
when packaging skips something, such as a socket or a fifo, instead of failing; its
subclass ``SecretFilesWarning``, issued when files that look secret are about to be uploaded;
``DeploymentWarning``, issued when a wait ends on the ``warning`` status; and
``ContractDriftWarning``, issued when a response differs from the OpenAPI document
(``validate_responses="warn"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "ArtifactError",
    "ArtifactPathError",
    "ArtifactTooLargeError",
    "ArtifactWarning",
    "BadRequestException",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictException",
    "ContractDriftError",
    "ContractDriftWarning",
    "DeployError",
    "DeployRefusedError",
    "DeploymentFailedError",
    "DeploymentWarning",
    "EmptyFallbackFileError",
    "FallbackFileNotFoundError",
    "FallbackValueError",
    "ForbiddenException",
    "IgnoreFileError",
    "InternalServerErrorException",
    "InvalidArgumentError",
    "InvalidFallbackFileError",
    "InvalidStageError",
    "MissingCredentialsError",
    "MissingFallbackError",
    "NotFoundException",
    "PaginationError",
    "ParameterFileError",
    "PayloadTooLargeException",
    "PlanStaleError",
    "PressBlocksError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "SecretFilesWarning",
    "TooManyRequestsException",
    "UnauthorizedException",
    "UnexpectedStatusException",
    "UnprocessableEntityException",
    "UnreadableFileError",
    "UnsafeSymlinkError",
    "WaitError",
    "WaitTimeoutError",
    "status_error_class",
]


class PressBlocksError(Exception):
    """The base of every exception raised by press-blocks."""


# --- configuration -----------------------------------------------------------------


class ConfigurationError(PressBlocksError):
    """The client cannot be configured as asked (token, stage, base URL, options)."""


class MissingCredentialsError(ConfigurationError):
    """No API token was given and none is set in the environment."""


class InvalidStageError(ConfigurationError, ValueError):
    """The stage is not one of the known Peak stages."""


class InvalidArgumentError(PressBlocksError, ValueError, TypeError):
    """An argument has the wrong type or a value the API does not accept; nothing was sent."""


# --- HTTP ----------------------------------------------------------------------------


class APIError(PressBlocksError):
    """A request to the Press API failed; ``method`` and ``url`` say which."""

    def __init__(self, message: str, *, method: str = "", url: str = "", request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.request_id = request_id


class APIConnectionError(APIError):
    """The request got no HTTP answer: the connection failed or broke."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""


def _drift_message(operation: str, differences: Sequence[Any], shown: int) -> str:
    lines = [f"{d.path}: {d.message.split(': ', 1)[-1]}" for d in differences[:shown]]
    if len(differences) > shown:
        lines.append(f"… and {len(differences) - shown} more")
    return f"the response to {operation} differs from the OpenAPI document: " + "; ".join(lines)


class ContractDriftError(APIError):
    """A response differs from the OpenAPI document (raised when ``validate_responses="raise"``).

    ``operation`` is the operation id, ``differences`` what differed, each with its JSON
    ``path``, ``kind`` and ``message``; the response's values appear only redacted.
    """

    def __init__(
        self,
        operation: str,
        differences: Sequence[Any],
        *,
        shown: int = 5,
        method: str = "",
        url: str = "",
        request_id: str | None = None,
    ) -> None:
        super().__init__(_drift_message(operation, differences, shown), method=method, url=url, request_id=request_id)
        self.operation = operation
        self.differences = list(differences)


class ContractDriftWarning(UserWarning):
    """A response differs from the OpenAPI document (issued when ``validate_responses="warn"``).

    Carries ``operation`` and ``differences`` as :class:`ContractDriftError` does.
    """

    def __init__(self, operation: str, differences: Sequence[Any], *, shown: int = 5) -> None:
        super().__init__(_drift_message(operation, differences, shown))
        self.operation = operation
        self.differences = list(differences)


class ClientClosedError(APIConnectionError, RuntimeError):
    """The call met a closed connection pool (the session was closed while it ran, on another thread); nothing was sent.

    Also a ``RuntimeError``, which httpx raised for this before.
    """


class ResponseDecodeError(APIError):
    """A successful status came with a body that is not the JSON it should be."""

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        url: str = "",
        request_id: str | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url, request_id=request_id)
        self.response = response


class ResponseTooLargeError(APIError):
    """A response body, once decompressed, is larger than the limit (``limit`` bytes); reading stopped there."""

    def __init__(
        self, message: str, *, limit: int, method: str = "", url: str = "", request_id: str | None = None
    ) -> None:
        super().__init__(message, method=method, url=url, request_id=request_id)
        self.limit = limit


class PaginationError(APIError):
    """A list page lacks the key that pagination needs (its item list or ``pageCount``)."""

    def __init__(self, message: str, *, key: str, method: str = "", url: str = "") -> None:
        super().__init__(message, method=method, url=url)
        self.key = key


class APIStatusError(APIError):
    """The API answered with a non-2xx status.

    Carries ``status_code``, ``method``, ``url``, ``request_id``, the parsed ``body``
    (JSON when it decodes, else text) and the ``response`` itself. ``str(exc)`` is the message;
    ``exc.args[0]`` is what ``peak.press.blocks`` puts there: the body (so
    ``exc.args[0]["message"]`` works as it did), or for a 413 with a JSON object peak's sentence
    around its ``detail``.
    """

    status_code: int = 0

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        url: str,
        request_id: str | None,
        body: Any,
        response: httpx.Response | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.response = response
        super().__init__(
            _status_message(status_code, method, url, request_id, body),
            method=method,
            url=url,
            request_id=request_id,
        )
        # peak-sdk raises its HTTP errors with the parsed body as the one argument; code written for
        # it reads e.args[0]["message"]. The message stays what str() shows.
        self.args = (_peak_payload(status_code, body),)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors do not pickle by default; errors cross process
        # boundaries in test runners and worker pools.
        state = {
            "status_code": self.status_code,
            "method": self.method,
            "url": self.url,
            "request_id": self.request_id,
            "body": self.body,
        }
        return (_rebuild_status_error, (type(self), state))

    @property
    def detail(self) -> str | None:
        """The server's own explanation, when its body carries one."""
        return _detail_of(self.body)


def _rebuild_status_error(cls: type[APIStatusError], state: dict[str, Any]) -> APIStatusError:
    return cls(**state)


class BadRequestException(APIStatusError):
    """400: the given parameters are invalid."""


class UnauthorizedException(APIStatusError):
    """401: the credentials are missing or invalid."""


class ForbiddenException(APIStatusError):
    """403: the credentials do not allow this operation."""


class NotFoundException(APIStatusError):
    """404: the spec, release, deployment or revision does not exist."""


class ConflictException(APIStatusError):
    """409: a name is taken or the resource is in a conflicting state."""


class PayloadTooLargeException(APIStatusError):
    """413: the artifact is over the API's size limit."""


class UnprocessableEntityException(APIStatusError):
    """422: the request is well formed but semantically wrong."""


class TooManyRequestsException(APIStatusError):
    """429: rate limited; retries were exhausted or disabled."""


class InternalServerErrorException(APIStatusError):
    """5xx: the server failed; retries (where allowed) were exhausted."""


class UnexpectedStatusException(APIStatusError):
    """A status the API does not document for this call."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    413: PayloadTooLargeException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """Return the exception class for an HTTP error status."""
    if status_code in _STATUS_CLASSES:
        return _STATUS_CLASSES[status_code]
    if 500 <= status_code <= 599:
        return InternalServerErrorException
    return UnexpectedStatusException


def _peak_payload(status_code: int, body: Any) -> Any:
    """What peak-sdk 1.29 passes as ``args[0]``: the body (JSON, else text); a 413 object becomes its sentence."""
    if status_code == 413 and isinstance(body, dict):
        detail = body.get("detail", "")
        return (
            f"{detail}. Please use '--dry-run' with your command to preview the file tree and optimize the file "
            "contents."
        )
    return body


def _detail_of(body: Any) -> str | None:
    if isinstance(body, dict):
        for key in ("detail", "message", "error"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
        return None
    if isinstance(body, str) and body.strip():
        text = " ".join(body.split())
        return text if len(text) <= 200 else text[:199] + "…"
    return None


def _status_message(status_code: int, method: str, url: str, request_id: str | None, body: Any) -> str:
    try:
        phrase = HTTPStatus(status_code).phrase
    except ValueError:
        phrase = "Error"
    head = f"{status_code} {phrase}"
    detail = _detail_of(body)
    if detail:
        head += f" — {detail}"
    where = " ".join(part for part in (method, _path_of(url)) if part)
    if request_id:
        where += f", request {request_id}"
    return f"{head} ({where})" if where else head


def _path_of(url: str) -> str:
    # Messages name the path, not the host: shorter, and the same on every stage.
    scheme_sep = url.find("://")
    if scheme_sep == -1:
        return url
    slash = url.find("/", scheme_sep + 3)
    return url[slash:] if slash != -1 else "/"


# --- artifacts -----------------------------------------------------------------------


class ArtifactError(PressBlocksError):
    """The artifact directory cannot be packaged; ``path`` names the file or directory at fault, when one is."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class ArtifactPathError(ArtifactError, ValueError):
    """The artifact path is missing or is not a directory, or the artifact mapping has the wrong shape."""


class IgnoreFileError(ArtifactError, ValueError):
    """An ignore file is missing, outside the artifact root, or holds a malformed pattern (``line`` says where)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message, path=path)
        self.line = line


class UnsafeSymlinkError(ArtifactError):
    """A symlink points outside the artifact root, dangles, or links form a loop.

    ``path`` is the link (relative to the root), ``target`` what it points to, and ``reason``
    one of ``"outside"``, ``"dangling"`` or ``"loop"``.
    """

    def __init__(self, message: str, *, path: str | None = None, target: str | None = None, reason: str = "") -> None:
        super().__init__(message, path=path)
        self.target = target
        self.reason = reason


class UnreadableFileError(ArtifactError, OSError):
    """A file or directory that should be packaged cannot be read."""


class ArtifactTooLargeError(ArtifactError):
    """The compressed artifact crossed the size limit.

    ``limit`` and ``size_reached`` are in bytes; ``size_reached`` is how far packaging got
    before it stopped, so the finished zip would have been at least that large.
    ``largest_files`` lists the biggest included files as ``(path, size)``, largest first.
    """

    def __init__(self, limit: int, size_reached: int, largest_files: Sequence[tuple[str, int]] = ()) -> None:
        self.limit = limit
        self.size_reached = size_reached
        self.largest_files = tuple(largest_files)
        message = (
            f"The artifact is too large: the compressed zip reached {_format_bytes(size_reached)} "
            f"({size_reached:,} bytes), over the limit of {_format_bytes(limit)} ({limit:,} bytes), "
            "so packaging stopped."
        )
        if self.largest_files:
            listed = ", ".join(f"{name} ({_format_bytes(size)})" for name, size in self.largest_files)
            message += f" Largest included files: {listed}."
        message += (
            " Exclude what the image does not need in the ignore file (.dockerignore by default);"
            " preview_artifact() lists what would be uploaded."
        )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.limit, self.size_reached, self.largest_files))


class ArtifactWarning(UserWarning):
    """Packaging skipped something (a socket, fifo or device file) instead of failing."""


class SecretFilesWarning(ArtifactWarning):
    """Files that look secret (``.env``, ``.git/``, keys, credentials) are about to be uploaded in a build context."""


def _format_bytes(size: int) -> str:
    """Render a byte count for people, in binary units (``512 B``, ``1.5 KiB``, ``64.0 MiB``)."""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            break
    return f"{value:.1f} {unit}"


# --- parameter files ---------------------------------------------------------------


class ParameterFileError(PressBlocksError):
    """A fallback parameters or related-blocks file cannot be used."""


class MissingFallbackError(ParameterFileError, TypeError):
    """No deployment id and no fallback file were given."""


class FallbackFileNotFoundError(ParameterFileError, FileNotFoundError):
    """The fallback file does not exist or is not a regular file."""


class EmptyFallbackFileError(ParameterFileError, ValueError):
    """The fallback file is empty."""


class InvalidFallbackFileError(ParameterFileError, TypeError):
    """The fallback file is not valid YAML/JSON, or has the wrong shape."""


class FallbackValueError(InvalidFallbackFileError, ValueError):
    """A value in the fallback file cannot be built (an impossible date, an integer too long to convert).

    Also a ``ValueError``, as PyYAML raised for these before.
    """


# --- waiting for deployments ---------------------------------------------------------


class WaitError(PressBlocksError):
    """A wait for a deployment or revision ended without it being deployed."""

    def __init__(self, message: str, *, deployment_id: str, revision: int | None, status: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.deployment_id = deployment_id
        self.revision = revision
        self.status = status


def _subject(deployment_id: str, revision: int | None) -> str:
    if revision is None:
        return f"Deployment {deployment_id}"
    return f"Revision {revision} of deployment {deployment_id}"


class DeploymentFailedError(WaitError):
    """The deployment (or revision) reached a failure status such as ``failed`` or ``rollback_complete``.

    ``status`` is that status, ``description`` what the last describe returned,
    ``platform_resources`` the revision's resources (``resources``, or ``platformResources``
    where the service sends it) and ``resource_errors`` every error they carry
    (``resourceErrors`` where the service sends it).
    """

    def __init__(self, deployment_id: str, revision: int | None, status: str, description: dict[str, Any]) -> None:
        self.description = description
        revision_view = description if revision is not None else description.get("latestRevision")
        resources = description.get("platformResources")
        if resources is None and isinstance(revision_view, dict):
            resources = revision_view.get("resources")
        self.platform_resources: list[Any] = list(resources) if isinstance(resources, list) else []
        errors = description.get("resourceErrors")
        if not isinstance(errors, list):
            errors = [
                error
                for resource in self.platform_resources
                if isinstance(resource, dict) and isinstance(resource.get("errors"), list)
                for error in resource["errors"]
            ]
        self.resource_errors: list[Any] = list(errors)
        message = f"{_subject(deployment_id, revision)} did not deploy: its status is {status!r}."
        reasons = [str(e.get("message")) for e in self.resource_errors if isinstance(e, dict) and e.get("message")]
        if reasons:
            shown = "; ".join(reasons[:3]) + (f" (and {len(reasons) - 3} more)" if len(reasons) > 3 else "")
            message += f" Resource errors: {shown}."
        super().__init__(message, deployment_id=deployment_id, revision=revision, status=status)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.deployment_id, self.revision, self.status, self.description))


class WaitTimeoutError(WaitError, TimeoutError):
    """The deadline passed before the deployment settled; ``status`` is the last one seen, ``elapsed`` in seconds."""

    def __init__(
        self, deployment_id: str, revision: int | None, status: str | None, elapsed: float, timeout: float
    ) -> None:
        self.elapsed = elapsed
        self.timeout = timeout
        seen = f"its last status was {status!r}" if status is not None else "no describe succeeded"
        message = (
            f"{_subject(deployment_id, revision)} had not settled after {elapsed:.1f}s (timeout {timeout:g}s); "
            f"{seen}. Wait longer with timeout=..., or look at it with describe_deployment."
        )
        super().__init__(message, deployment_id=deployment_id, revision=revision, status=status)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.deployment_id, self.revision, self.status, self.elapsed, self.timeout))


class DeploymentWarning(UserWarning):
    """A wait ended on the ``warning`` status: the deployment runs, but the service reports a problem."""


class DeployError(PressBlocksError):
    """``press_blocks.deploy`` will not carry out a plan: base of the two refusals below."""


class DeployRefusedError(DeployError):
    """The documents ask for a change the service only takes as a new release (or would lose one).

    ``fields`` names the fields that differ; the message says what to bump.
    """

    def __init__(self, message: str, *, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.fields = fields

    def __reduce__(self) -> tuple[Any, ...]:
        return (_refused, (str(self), self.fields))


def _refused(message: str, fields: tuple[str, ...]) -> DeployRefusedError:
    return DeployRefusedError(message, fields=fields)


class PlanStaleError(DeployError):
    """What a saved plan read has changed on the service (or in the artifact) since: plan again."""
