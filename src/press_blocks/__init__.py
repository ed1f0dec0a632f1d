"""press-blocks: a Python client for the Peak Press Blocks API.

``from press_blocks import get_client`` is the drop-in replacement for
``from peak.press.blocks import get_client``. Importing the package is cheap: the HTTP stack
and the generated package load on first use of a client.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
    ConfigurationError,
    ConflictException,
    EmptyFallbackFileError,
    FallbackFileNotFoundError,
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
)

if TYPE_CHECKING:
    from press_blocks._async.block import AsyncBlock, get_async_client
    from press_blocks._retry import RetryPolicy
    from press_blocks._session import Session
    from press_blocks._sync.block import Block, get_client
    from press_blocks.artifacts import Artifact, ArtifactPreview, build_artifact, preview_artifact

# Loaded on first access: these pull in httpx and the generated package.
_LAZY = {
    "Artifact": "press_blocks.artifacts",
    "ArtifactPreview": "press_blocks.artifacts",
    "AsyncBlock": "press_blocks._async.block",
    "Block": "press_blocks._sync.block",
    "RetryPolicy": "press_blocks._retry",
    "Session": "press_blocks._session",
    "build_artifact": "press_blocks.artifacts",
    "get_async_client": "press_blocks._async.block",
    "get_client": "press_blocks._sync.block",
    "preview_artifact": "press_blocks.artifacts",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'press_blocks' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
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
    "ArtifactPathError",
    "ArtifactPreview",
    "ArtifactTooLargeError",
    "ArtifactWarning",
    "AsyncBlock",
    "BadRequestException",
    "Block",
    "ConfigurationError",
    "ConflictException",
    "EmptyFallbackFileError",
    "FallbackFileNotFoundError",
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
    "PressBlocksError",
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
    "__version__",
    "build_artifact",
    "get_async_client",
    "get_client",
    "preview_artifact",
]
