"""Run parameters and related blocks: which deployment to ask, and the fallback files.

A running block finds its deployment in ``PRESS_DEPLOYMENT_ID``; during development there is
none, and a local YAML (or JSON) file stands in for the API's answer. Every way such a file
can be wrong raises a :class:`~press_blocks.errors.ParameterFileError` that is also the
builtin type the official client raised (``TypeError``, ``FileNotFoundError``, ``ValueError``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from press_blocks import _constants
from press_blocks.errors import (
    EmptyFallbackFileError,
    FallbackFileNotFoundError,
    FallbackValueError,
    InvalidFallbackFileError,
    MissingFallbackError,
)

__all__ = [
    "DEPLOYMENT_ID_VARIABLE",
    "MAX_FALLBACK_FILE_SIZE",
    "RELATED_BLOCK_KEYS",
    "load_parameters_file",
    "load_related_blocks_file",
    "related_blocks_from_app",
    "resolve_deployment_id",
]

DEPLOYMENT_ID_VARIABLE: Final = _constants.DEPLOYMENT_ID_VARIABLE
RELATED_BLOCK_KEYS = ("id", "resource_id", "kind", "name", "status")
MAX_FALLBACK_FILE_SIZE: Final = _constants.MAX_FALLBACK_FILE_SIZE
"""Fallback files larger than this many bytes are refused before they are read.

A 1 MiB file loads in about 0.4 s with libyaml, 7 s without (``tests/benchmarks/params_bench.py``).
"""


def resolve_deployment_id(deployment_id: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """Return the deployment to ask: ``PRESS_DEPLOYMENT_ID`` when set and non-empty, else the argument.

    The variable wins, as documented for the official client: the platform sets it inside a
    running block, where it is the truth.
    """
    env = os.environ if environ is None else environ
    from_env = env.get(DEPLOYMENT_ID_VARIABLE, "").strip()
    if from_env:
        return from_env
    return deployment_id or None


def _read(path: str | os.PathLike[str] | None, what: str, argument: str) -> tuple[Path, Any]:
    if path is None:
        raise MissingFallbackError(
            f"No deployment id and no {what} file: pass deployment_id=..., set {DEPLOYMENT_ID_VARIABLE}, "
            f"or pass {argument}=<path to a YAML file>."
        )
    import yaml  # deferred: only fallback files need it

    from press_blocks import _yaml

    file = Path(path)
    name = f"{what.capitalize()} file {str(file)!r}"
    if not file.is_file():
        raise FallbackFileNotFoundError(f"{name} does not exist or is not a file.")
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise InvalidFallbackFileError(f"{name} cannot be read: {exc}.") from exc
    if size > MAX_FALLBACK_FILE_SIZE:
        raise InvalidFallbackFileError(
            f"{name} is {size:,} bytes, over the limit of {MAX_FALLBACK_FILE_SIZE:,} bytes for a fallback file."
            " It should hold what the deployment would answer: a few parameters or related blocks."
        )
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidFallbackFileError(f"{name} cannot be read: {exc}.") from exc
    if not text.strip():
        raise EmptyFallbackFileError(f"{name} is empty.")
    nested = f"{name} is nested too deeply to load; flatten it (real run parameters are a few levels deep)."
    try:
        data = _yaml.safe_load(text)
    except RecursionError:
        raise InvalidFallbackFileError(nested) from None
    except MemoryError:
        raise InvalidFallbackFileError(f"{name} is too large to load in memory.") from None
    except yaml.YAMLError as exc:
        # libyaml stops deep nesting itself, with this problem text.
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            raise InvalidFallbackFileError(nested) from None
        raise InvalidFallbackFileError(f"{name} is not valid YAML or JSON: {exc}".rstrip(".") + ".") from exc
    except (ValueError, OverflowError) as exc:
        # PyYAML's constructors let these through: 2020-13-45, an integer of 5,000 digits.
        raise FallbackValueError(f"{name} holds a value that cannot be read: {exc}".rstrip(".") + ".") from exc
    if data is None:
        raise EmptyFallbackFileError(f"{name} holds no data (only comments?).")
    try:
        _yaml.check_bounds(data, max_added=_constants.MAX_YAML_ALIAS_EXPANSION)
    except _yaml.YAMLLimitError:
        raise InvalidFallbackFileError(
            f"{name} uses aliases (*name) that expand it by over {_constants.MAX_YAML_ALIAS_EXPANSION:,} values, "
            "or refer to themselves; write the values out."
        ) from None
    return file, data


def load_parameters_file(path: str | os.PathLike[str] | None) -> dict[str, Any]:
    """Return the run parameters in a fallback file: a mapping of parameter names to values."""
    file, data = _read(path, "fallback parameters", "fallback_params_file")
    if not isinstance(data, Mapping):
        raise InvalidFallbackFileError(
            f"Fallback parameters file {str(file)!r} must hold a mapping of parameter names to values, "
            f"not a {type(data).__name__}."
        )
    bad = [key for key in data if not isinstance(key, str)]
    if bad:
        raise InvalidFallbackFileError(f"Fallback parameters file {str(file)!r} has non-string names: {bad}.")
    return dict(data)


def load_related_blocks_file(path: str | os.PathLike[str] | None) -> list[dict[str, Any]]:
    """Return the related blocks in a fallback file: a list of mappings with the related-block keys."""
    file, data = _read(path, "fallback details", "fallback_details_file")
    if not isinstance(data, list):
        raise InvalidFallbackFileError(
            f"Fallback details file {str(file)!r} must hold a list of blocks "
            f"(mappings with {', '.join(RELATED_BLOCK_KEYS)}), not a {type(data).__name__}."
        )
    blocks: list[dict[str, Any]] = []
    for index, item in enumerate(data):
        if not isinstance(item, Mapping):
            raise InvalidFallbackFileError(
                f"Fallback details file {str(file)!r}: item {index} must be a mapping, not a {type(item).__name__}."
            )
        unknown = sorted(set(item) - set(RELATED_BLOCK_KEYS), key=str)
        if unknown:
            raise InvalidFallbackFileError(
                f"Fallback details file {str(file)!r}: item {index} has unknown key(s) {unknown}; "
                f"allowed keys are {', '.join(RELATED_BLOCK_KEYS)}."
            )
        if not item.get("id"):
            raise InvalidFallbackFileError(f"Fallback details file {str(file)!r}: item {index} has no 'id'.")
        blocks.append({key: item.get(key) for key in RELATED_BLOCK_KEYS})
    return blocks


def related_blocks_from_app(app_deployment: Any) -> list[dict[str, Any]]:
    """Map an app deployment's ``latestRevision.blocks`` to related-block dicts (missing fields are None)."""
    revision = app_deployment.get("latestRevision") if isinstance(app_deployment, Mapping) else None
    blocks = revision.get("blocks") if isinstance(revision, Mapping) else None
    if not isinstance(blocks, list):
        return []
    return [
        {
            "id": block.get("deploymentId"),
            "resource_id": block.get("platformId"),
            "kind": block.get("kind"),
            "name": block.get("name"),
            "status": block.get("status"),
        }
        for block in blocks
        if isinstance(block, Mapping)
    ]
