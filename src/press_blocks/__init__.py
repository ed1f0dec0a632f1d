"""press-blocks: a Python client for the Peak Press Blocks API.

``from press_blocks import get_client`` is the drop-in replacement for
``from peak.press.blocks import get_client``. Importing the package is cheap: the HTTP stack
and the generated package load on first use of a client.
"""

from __future__ import annotations

import importlib
import os
import types as _types
from typing import TYPE_CHECKING, Any

from press_blocks import _constants
from press_blocks._version import __version__
from press_blocks.errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    ArtifactError,
    ArtifactPathError,
    ArtifactTooLargeError,
    ArtifactWarning,
    BadRequestException,
    ClientClosedError,
    ConfigurationError,
    ConflictException,
    ContractDriftError,
    ContractDriftWarning,
    DeployError,
    DeploymentFailedError,
    DeploymentWarning,
    DeployRefusedError,
    EmptyFallbackFileError,
    FallbackFileNotFoundError,
    FallbackValueError,
    ForbiddenException,
    IgnoreFileError,
    InternalServerErrorException,
    InvalidArgumentError,
    InvalidFallbackFileError,
    InvalidStageError,
    MissingCredentialsError,
    MissingFallbackError,
    NotFoundException,
    PaginationError,
    ParameterFileError,
    PayloadTooLargeException,
    PlanStaleError,
    PressBlocksError,
    ResponseDecodeError,
    ResponseTooLargeError,
    SecretFilesWarning,
    TooManyRequestsException,
    UnauthorizedException,
    UnexpectedStatusException,
    UnprocessableEntityException,
    UnreadableFileError,
    UnsafeSymlinkError,
    WaitError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from press_blocks._async.block import AsyncBlock, get_async_client
    from press_blocks._dry_run import ArtifactManifest, DryRun, DryRunPart
    from press_blocks._raw import AsyncPages, Pages, RawResponse
    from press_blocks._retry import RetryPolicy
    from press_blocks._session import Session
    from press_blocks._sync.block import Block, get_client
    from press_blocks.artifacts import Artifact, ArtifactPreview, build_artifact, preview_artifact

# Loaded on first access: these pull in httpx and the generated package.
_LAZY = {
    "Artifact": "press_blocks.artifacts",
    "ArtifactManifest": "press_blocks._dry_run",
    "ArtifactPreview": "press_blocks.artifacts",
    "AsyncBlock": "press_blocks._async.block",
    "AsyncPages": "press_blocks._raw",
    "Block": "press_blocks._sync.block",
    "DryRun": "press_blocks._dry_run",
    "DryRunPart": "press_blocks._dry_run",
    "Pages": "press_blocks._raw",
    "RawResponse": "press_blocks._raw",
    "RetryPolicy": "press_blocks._retry",
    "Session": "press_blocks._session",
    "build_artifact": "press_blocks.artifacts",
    "get_async_client": "press_blocks._async.block",
    "get_client": "press_blocks._sync.block",
    "preview_artifact": "press_blocks.artifacts",
}


def _public(value: Any) -> Any:
    # As httpx does: reprs, tracebacks and help() name press_blocks.Block, not the private or
    # generated module it is defined in (_sync/block.py is written from _async/block.py).
    if isinstance(value, type | _types.FunctionType):
        value.__module__ = __name__
    return value


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'press_blocks' has no attribute {name!r}")
    value = _public(getattr(importlib.import_module(module), name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "Artifact",
    "ArtifactError",
    "ArtifactManifest",
    "ArtifactPathError",
    "ArtifactPreview",
    "ArtifactTooLargeError",
    "ArtifactWarning",
    "AsyncBlock",
    "AsyncPages",
    "BadRequestException",
    "Block",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictException",
    "ContractDriftError",
    "ContractDriftWarning",
    "DeployError",
    "DeployRefusedError",
    "DeploymentFailedError",
    "DeploymentWarning",
    "DryRun",
    "DryRunPart",
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
    "Pages",
    "PaginationError",
    "ParameterFileError",
    "PayloadTooLargeException",
    "PlanStaleError",
    "PressBlocksError",
    "RawResponse",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "SecretFilesWarning",
    "Session",
    "TooManyRequestsException",
    "UnauthorizedException",
    "UnexpectedStatusException",
    "UnprocessableEntityException",
    "UnreadableFileError",
    "UnsafeSymlinkError",
    "WaitError",
    "WaitTimeoutError",
    "__version__",
    "build_artifact",
    "get_async_client",
    "get_client",
    "preview_artifact",
]


for _name in __all__:
    if _name not in _LAZY and not _name.startswith("__"):
        _public(globals()[_name])
del _name

# PRESS_BLOCKS_LOG=debug|info shows the client's log on stderr, with no code (as OPENAI_LOG does).
# The logging package is only imported for it when the variable is set: a plain import stays light.
if os.environ.get(_constants.LOG_VARIABLE):
    from press_blocks import _logging

    _logging.setup_from_environment()
