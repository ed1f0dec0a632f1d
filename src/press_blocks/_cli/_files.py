"""Request files: the YAML shapes of ``peak blocks`` files, checked before anything is sent.

Each command accepts a fixed set of top-level keys (peak's names: ``body``, ``artifact``,
``parameters``, ``featured``, ``scope``, ``tenants``, ``autoRunOnDeploy``). Where peak silently
drops a key it does not know, this refuses the file and names the keys it accepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from press_blocks._cli._errors import UsageError
from press_blocks._cli._reading import load_yaml, load_yaml_documents, read_text_file
from press_blocks._cli._templates import load_params, parse_params, render_template

__all__ = ["SHAPES", "FileShape", "RequestFile", "read_request_file"]


@dataclass(frozen=True)
class FileShape:
    """The top-level keys a command's file may hold, and where ``-d``/``-n`` files go."""

    keys: tuple[str, ...]
    description_at: tuple[str, ...] | None = None
    notes_at: tuple[str, ...] | None = None


_SPEC_CREATE_KEYS = ("body", "artifact", "parameters", "featured", "scope", "tenants", "autoRunOnDeploy")
_RELEASE_KEYS = ("body", "artifact", "parameters", "autoRunOnDeploy")

SHAPES: Mapping[str, FileShape] = {
    "specs create": FileShape(_SPEC_CREATE_KEYS, ("body", "metadata", "description"), ("body", "release", "notes")),
    "specs update-metadata": FileShape(("body",), ("body", "metadata", "description")),
    "specs create-release": FileShape(_RELEASE_KEYS, None, ("body", "release", "notes")),
    "specs validate": FileShape(_SPEC_CREATE_KEYS, ("body", "metadata", "description"), ("body", "release", "notes")),
    "specs validate --spec-id": FileShape(_RELEASE_KEYS, None, ("body", "release", "notes")),
    "deployments create": FileShape(("body",), ("body", "metadata", "description"), ("body", "revision", "notes")),
    "deployments update-metadata": FileShape(("body",), ("body", "description")),
    "deployments create-revision": FileShape(("body",), None, ("body", "revision", "notes")),
    "deployments patch-parameters": FileShape(("body",)),
}


@dataclass
class RequestFile:
    """A rendered, checked request file: the keyword arguments of the client method, snake_case."""

    path: str
    arguments: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> dict[str, Any]:
        """The file's ``body`` mapping."""
        body: dict[str, Any] = self.arguments["body"]
        return body


def read_request_file(
    path: str,
    shape: FileShape,
    *,
    params_file: str | None = None,
    params: Sequence[str] | None = None,
    desc_file: str | None = None,
    notes_file: str | None = None,
    command: str = "",
) -> RequestFile:
    """Render ``path``, parse it, add the ``-d``/``-n`` files and check its keys against ``shape``."""
    variables = {**load_params(params_file), **parse_params(params)}
    text = render_template(path, variables)
    data = load_yaml(text, path, rendered=True)
    if data is None:
        raise UsageError(f"{path} is empty; it needs at least a 'body' mapping")
    if not isinstance(data, dict):
        raise UsageError(f"{path} must hold a mapping with a 'body' key, not a {type(data).__name__}")
    if desc_file:
        _put(data, shape.description_at, _markdown(desc_file), path)
    if notes_file:
        _put(data, shape.notes_at, _markdown(notes_file), path)
    data = _without_nulls(data)
    _check_keys(data, shape, path, command)
    if not isinstance(data.get("body"), dict):
        raise UsageError(f"{path} needs a 'body' mapping")
    return RequestFile(path, {_snake(key): value for key, value in data.items()})


def _check_keys(data: Mapping[str, Any], shape: FileShape, path: str, command: str) -> None:
    allowed = {_snake(key) for key in shape.keys}
    if "validate" in data:
        hint = "remove it" if command.startswith("specs validate") else "run 'press-blocks specs validate FILE' instead"
        raise UsageError(f"{path}: 'validate' is not a request-file key (it would only validate); {hint}")
    unknown = [str(key) for key in data if _snake(str(key)) not in allowed]
    if unknown:
        raise UsageError(
            f"{path}: unknown top-level key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"'{command}' accepts: {', '.join(shape.keys)}"
        )


def _markdown(path: str) -> str:
    if Path(path).suffix not in (".md", ".txt"):
        raise UsageError(f"{path}: -d/-n files must be .md or .txt")
    return read_text_file(path, "the -d/-n file")


def _put(data: dict[str, Any], where: tuple[str, ...] | None, value: str, path: str) -> None:
    if where is None:
        return
    target = data
    for key in where[:-1]:
        child = target.setdefault(key, {})
        if not isinstance(child, dict):
            raise UsageError(f"{path}: '{key}' must be a mapping")
        target = child
    target[where[-1]] = value


def _without_nulls(value: Any) -> Any:
    # As peak: a key whose value is null is left out (mappings only, not list items).
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def _snake(key: str) -> str:
    return _CAMEL.sub("_", key).lower()


def read_request_documents(path: str, variables: Mapping[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Render ``path`` and return each YAML document in it (``---``-separated) with its origin, nulls dropped.

    Deploy as code reads a whole block from one file: a spec and the deployments of it.
    """
    text = render_template(path, variables)
    loaded = [item for item in load_yaml_documents(text, path, rendered=True) if item is not None]
    if not loaded:
        raise UsageError(f"{path} is empty; it needs at least a 'body' mapping")
    documents = []
    for number, data in enumerate(loaded, 1):
        origin = path if len(loaded) == 1 else f"{path}#{number}"
        if not isinstance(data, dict):
            raise UsageError(f"{origin} must hold a mapping with a 'body' key, not a {type(data).__name__}")
        documents.append((_without_nulls(data), origin))
    return documents
