"""Turning the seed-style arguments of each method into a call of the generated package.

One builder per API operation. They check and convert what users pass (plain dicts,
strings, booleans) into the generated functions' arguments, and say how safe the call is to
retry. The sync and async clients share them, so argument handling exists once.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from press_blocks_api import models  # lazy: each model loads on first use
from press_blocks_api.api.app_deployments import describe_app_deployment
from press_blocks_api.api.block_deployments import (
    create_deployment,
    create_deployment_revision,
    delete_deployment,
    describe_deployment,
    describe_deployment_revision,
    list_deployment_revisions,
    list_deployments,
    redeploy,
    update_deployment_metadata,
)
from press_blocks_api.api.block_specs import (
    create_spec,
    create_spec_release,
    delete_spec,
    describe_spec,
    describe_spec_release,
    list_spec_releases,
    list_specs,
    update_spec_metadata,
)
from press_blocks_api.api.deployment_parameters import get_parameters, patch_parameters
from press_blocks_api.types import UNSET, File, Unset

from press_blocks import _constants
from press_blocks._calls import Call
from press_blocks.errors import InvalidArgumentError

if TYPE_CHECKING:
    from press_blocks.artifacts import Artifact, ProgressCallback

__all__ = [
    "create_deployment_call",
    "create_deployment_revision_call",
    "create_spec_call",
    "create_spec_release_call",
    "delete_deployment_call",
    "delete_spec_call",
    "describe_app_deployment_call",
    "describe_deployment_call",
    "describe_deployment_revision_call",
    "describe_spec_call",
    "describe_spec_release_call",
    "get_parameters_call",
    "list_deployment_revisions_call",
    "list_deployments_call",
    "list_spec_releases_call",
    "list_specs_call",
    "patch_parameters_call",
    "redeploy_call",
    "update_deployment_metadata_call",
    "update_spec_metadata_call",
]

E = TypeVar("E", bound=enum.Enum)


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=_Model)


# --- argument checks ---------------------------------------------------------------------


def _identifier(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(f"{name} must be a non-empty string, not {value!r}.")
    if value in {".", ".."}:
        # Percent-encoding keeps "/" and "?" inside the path segment, but a dot segment would be
        # collapsed by URL normalisation and the request would reach another operation.
        raise InvalidArgumentError(f"{name} cannot be {value!r}: it is not an id.")
    return value


def _plain_json(value: object, name: str) -> None:
    """Refuse what JSON cannot carry faithfully, naming where it sits: ``body['a'][0]``."""
    stack: list[tuple[object, str, int]] = [(value, name, 0)]
    while stack:
        item, path, depth = stack.pop()
        if depth > _constants.MAX_JSON_DEPTH:
            raise InvalidArgumentError(f"{path} is nested more than {_constants.MAX_JSON_DEPTH} levels deep.")
        if item is None or isinstance(item, str | bool | int):
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                raise InvalidArgumentError(f"{path} is {item!r}, which JSON cannot carry; send a number or None.")
            continue
        if isinstance(item, Mapping):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise InvalidArgumentError(f"{path} has the key {key!r}; JSON object keys are strings.")
                stack.append((child, f"{path}[{key!r}]", depth + 1))
            continue
        if isinstance(item, list | tuple):
            stack.extend((child, f"{path}[{index}]", depth + 1) for index, child in enumerate(item))
            continue
        raise InvalidArgumentError(
            f"{path} is a {type(item).__name__}, which JSON cannot carry; use str, int, float, bool, None, "
            "dict or list (e.g. a date as an ISO string)."
        )


def _optional_int(value: object, name: str) -> int | Unset:
    if value is None:
        return UNSET
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(f"{name} must be a whole number >= 1, not {value!r}.")
    return value


def _optional_str(value: object, name: str) -> str | Unset:
    if value is None:
        return UNSET
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a string, not {type(value).__name__}.")
    return value


def _optional_bool(value: object, name: str) -> bool | Unset:
    if value is None:
        return UNSET
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{name} must be True or False, not {value!r}.")
    return value


def _strings(value: object, name: str) -> list[str] | Unset:
    # A lone string is the common slip for a one-item list; accept it rather than split it.
    if value is None:
        return UNSET
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Sequence) or not all(isinstance(v, str) for v in items):
        raise InvalidArgumentError(f"{name} must be a list of strings, not {value!r}.")
    return list(items) if items else UNSET


def _enums(enum_of: Callable[[], type[E]], value: object, name: str) -> list[E] | Unset:
    # The enum is fetched only when a value is given: its model module loads on first use.
    strings = _strings(value, name)
    if isinstance(strings, Unset):
        return UNSET
    enum_type = enum_of()
    valid = [member.value for member in enum_type]
    bad = [s for s in strings if s not in valid]
    if bad:
        raise InvalidArgumentError(f"{name} has unknown value(s) {bad}; valid values are: {', '.join(valid)}.")
    return [enum_type(s) for s in strings]


def _enum(enum_of: Callable[[], type[E]], value: object, name: str) -> E | Unset:
    if value is None:
        return UNSET
    enum_type = enum_of()
    valid = [member.value for member in enum_type]
    if value not in valid:
        raise InvalidArgumentError(f"{name} must be one of: {', '.join(valid)}; not {value!r}.")
    return enum_type(value)


def _model(model: Callable[[Mapping[str, Any]], M], value: object, name: str) -> M:
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(f"{name} must be a dict, not {type(value).__name__}.")
    _plain_json(value, name)
    try:
        return model(value)
    except KeyError as exc:
        raise InvalidArgumentError(f"{name} is missing the required key {exc.args[0]!r}.") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise InvalidArgumentError(f"{name} does not match the API's schema: {exc}.") from exc


def _json_part(value: object, name: str) -> str | Unset:
    if value is None:
        return UNSET
    _plain_json(value, name)
    try:
        return json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidArgumentError(f"{name} must be JSON-serialisable: {exc}.") from exc


def _flag(value: object, name: str) -> models.FormFlag | Unset:
    flag = _optional_bool(value, name)
    if isinstance(flag, Unset):
        return UNSET
    return models.FormFlag.TRUE if flag else models.FormFlag.FALSE


def _validate_query(validate: object) -> bool | Unset:
    # Only `validate=true` is ever sent, as the service documents it.
    return True if _optional_bool(validate, "validate") is True else UNSET


def _revision(value: object) -> int:
    if isinstance(value, bool):
        raise InvalidArgumentError(f"revision must be a revision number such as 1 or '1', not {value!r}.")
    try:
        number = int(value) if isinstance(value, int | str) else 0
    except ValueError:
        number = 0
    if number < 1:
        raise InvalidArgumentError(f"revision must be a revision number such as 1 or '1', not {value!r}.")
    return number


def _artifact_file(artifact: Artifact | None, progress: ProgressCallback | None) -> File | Unset:
    if artifact is None:
        return UNSET
    # A new reader per attempt: a retried upload re-sends the whole zip from its first byte.
    return File(payload=artifact.open_reader(progress), file_name="artifact.zip", mime_type="application/zip")


def _fixed(**arguments: Any) -> Callable[[], dict[str, Any]]:
    return lambda: dict(arguments)


# --- block specs -------------------------------------------------------------------------


def list_specs_call(
    status: object,
    featured: object,
    name: object,
    title: object,
    sort: object,
    scope: object,
    page_size: object,
    page_number: object,
) -> Call:
    """Build ``GET /v1/blocks/specs/`` for one page."""
    arguments = _fixed(
        status=_enums(lambda: models.SpecStatus, status, "status"),
        featured=_optional_bool(featured, "featured"),
        name=_optional_str(name, "name"),
        title=_optional_str(title, "title"),
        sort=_strings(sort, "sort"),
        scope=_enums(lambda: models.Scope, scope, "scope"),
        page_size=_optional_int(page_size, "page_size"),
        page_number=_optional_int(page_number, "page_number"),
    )
    return Call(list_specs, arguments)


def create_spec_call(
    body: object,
    artifact: Artifact | None,
    featured: object,
    scope: object,
    tenants: object,
    parameters: object,
    auto_run_on_deploy: object,
    validate: object,
    progress: ProgressCallback | None = None,
) -> Call:
    """Build the multipart ``POST /v1/blocks/specs/``."""
    if not isinstance(body, Mapping):
        raise InvalidArgumentError(f"body must be a dict, not {type(body).__name__}.")
    spec = _json_part(body, "body")
    assert isinstance(spec, str)
    tenant_list = _strings(tenants, "tenants")
    featured_flag = _flag(featured, "featured")
    auto_run = _flag(auto_run_on_deploy, "auto_run_on_deploy")
    scope_value = _enum(lambda: models.Scope, scope, "scope")
    tenants_part = UNSET if isinstance(tenant_list, Unset) else json.dumps(tenant_list)
    parameters_part = _json_part(_parameter_definitions(parameters), "parameters")
    query = _validate_query(validate)

    def arguments() -> dict[str, Any]:
        form = models.CreateSpecForm(
            spec=spec,
            artifact=_artifact_file(artifact, progress),
            featured=featured_flag,
            scope=scope_value,
            tenants=tenants_part,
            parameters=parameters_part,
            auto_run_on_deploy=auto_run,
        )
        return {"body": form, "validate": query}

    return Call(create_spec, arguments, upload=artifact is not None)


def _parameter_definitions(parameters: object) -> object:
    if parameters is None or parameters == {}:
        return None
    if not isinstance(parameters, Mapping):
        raise InvalidArgumentError("parameters must be a dict with optional 'build' and 'run' lists.")
    unknown = set(parameters) - {"build", "run"}
    if unknown:
        raise InvalidArgumentError(f"parameters has unknown key(s) {sorted(unknown)}; expected 'build' and/or 'run'.")
    return dict(parameters)


def describe_spec_call(spec_id: object) -> Call:
    """Build ``GET /v1/blocks/specs/{specId}``."""
    return Call(describe_spec, _fixed(spec_id=_identifier(spec_id, "spec_id")))


def update_spec_metadata_call(spec_id: object, body: object) -> Call:
    """Build ``PATCH /v1/blocks/specs/{specId}`` (a set-style update, safe to retry)."""
    arguments = _fixed(
        spec_id=_identifier(spec_id, "spec_id"), body=_model(models.UpdateSpecMetadataBody.from_dict, body, "body")
    )
    return Call(update_spec_metadata, arguments)


def delete_spec_call(spec_id: object) -> Call:
    """Build ``DELETE /v1/blocks/specs/{specId}``."""
    return Call(delete_spec, _fixed(spec_id=_identifier(spec_id, "spec_id")))


def create_spec_release_call(
    spec_id: object,
    body: object,
    artifact: Artifact | None,
    parameters: object,
    auto_run_on_deploy: object,
    validate: object,
    progress: ProgressCallback | None = None,
) -> Call:
    """Build the multipart ``POST /v1/blocks/specs/{specId}/releases``."""
    identifier = _identifier(spec_id, "spec_id")
    if not isinstance(body, Mapping):
        raise InvalidArgumentError(f"body must be a dict, not {type(body).__name__}.")
    spec = _json_part(body, "body")
    assert isinstance(spec, str)
    parameters_part = _json_part(_parameter_definitions(parameters), "parameters")
    auto_run = _flag(auto_run_on_deploy, "auto_run_on_deploy")
    query = _validate_query(validate)

    def arguments() -> dict[str, Any]:
        form = models.CreateSpecReleaseForm(
            spec=spec,
            artifact=_artifact_file(artifact, progress),
            parameters=parameters_part,
            auto_run_on_deploy=auto_run,
        )
        return {"spec_id": identifier, "body": form, "validate": query}

    return Call(create_spec_release, arguments, upload=artifact is not None)


def list_spec_releases_call(spec_id: object, sort: object, page_size: object, page_number: object) -> Call:
    """Build ``GET /v1/blocks/specs/{specId}/releases`` for one page."""
    arguments = _fixed(
        spec_id=_identifier(spec_id, "spec_id"),
        sort=_strings(sort, "sort"),
        page_size=_optional_int(page_size, "page_size"),
        page_number=_optional_int(page_number, "page_number"),
    )
    return Call(list_spec_releases, arguments)


def describe_spec_release_call(spec_id: object, version: object) -> Call:
    """Build ``GET /v1/blocks/specs/{specId}/releases/{release}``."""
    arguments = _fixed(spec_id=_identifier(spec_id, "spec_id"), release=_identifier(version, "version"))
    return Call(describe_spec_release, arguments)


# --- block deployments -------------------------------------------------------------------


def create_deployment_call(body: object) -> Call:
    """Build ``POST /v1/blocks/deployments/``."""
    arguments = _fixed(body=_model(models.CreateDeploymentBody.from_dict, body, "body"))
    return Call(create_deployment, arguments)


def list_deployments_call(
    status: object, name: object, title: object, sort: object, page_size: object, page_number: object
) -> Call:
    """Build ``GET /v1/blocks/deployments/`` for one page."""
    arguments = _fixed(
        status=_enums(lambda: models.DeploymentStatus, status, "status"),
        name=_optional_str(name, "name"),
        title=_optional_str(title, "title"),
        sort=_strings(sort, "sort"),
        page_size=_optional_int(page_size, "page_size"),
        page_number=_optional_int(page_number, "page_number"),
    )
    return Call(list_deployments, arguments)


def describe_deployment_call(deployment_id: object) -> Call:
    """Build ``GET /v1/blocks/deployments/{deploymentId}``."""
    return Call(describe_deployment, _fixed(deployment_id=_identifier(deployment_id, "deployment_id")))


def update_deployment_metadata_call(deployment_id: object, body: object) -> Call:
    """Build ``PATCH /v1/blocks/deployments/{deploymentId}`` (set-style, safe to retry)."""
    arguments = _fixed(
        deployment_id=_identifier(deployment_id, "deployment_id"),
        body=_model(models.UpdateDeploymentMetadataBody.from_dict, body, "body"),
    )
    return Call(update_deployment_metadata, arguments)


def redeploy_call(deployment_id: object) -> Call:
    """Build ``POST /v1/blocks/deployments/{deploymentId}/redeploy``."""
    arguments = _fixed(deployment_id=_identifier(deployment_id, "deployment_id"))
    return Call(redeploy, arguments)


def delete_deployment_call(deployment_id: object) -> Call:
    """Build ``DELETE /v1/blocks/deployments/{deploymentId}``."""
    return Call(delete_deployment, _fixed(deployment_id=_identifier(deployment_id, "deployment_id")))


def create_deployment_revision_call(deployment_id: object, body: object) -> Call:
    """Build ``POST /v1/blocks/deployments/{deploymentId}/revisions``."""
    arguments = _fixed(
        deployment_id=_identifier(deployment_id, "deployment_id"),
        body=_model(models.CreateRevisionBody.from_dict, body, "body"),
    )
    return Call(create_deployment_revision, arguments)


def describe_deployment_revision_call(deployment_id: object, revision: object) -> Call:
    """Build ``GET /v1/blocks/deployments/{deploymentId}/revisions/{revision}``."""
    arguments = _fixed(deployment_id=_identifier(deployment_id, "deployment_id"), revision=_revision(revision))
    return Call(describe_deployment_revision, arguments)


def list_deployment_revisions_call(
    deployment_id: object, sort: object, status: object, page_size: object, page_number: object
) -> Call:
    """Build ``GET /v1/blocks/deployments/{deploymentId}/revisions`` for one page."""
    arguments = _fixed(
        deployment_id=_identifier(deployment_id, "deployment_id"),
        sort=_strings(sort, "sort"),
        status=_enums(lambda: models.RevisionStatus, status, "status"),
        page_size=_optional_int(page_size, "page_size"),
        page_number=_optional_int(page_number, "page_number"),
    )
    return Call(list_deployment_revisions, arguments)


# --- parameters and apps -------------------------------------------------------------------


def get_parameters_call(deployment_id: str) -> Call:
    """Build ``GET /v1/deployments/{deploymentId}/parameters/run``."""
    return Call(get_parameters, _fixed(deployment_id=_identifier(deployment_id, "deployment_id")))


def patch_parameters_call(deployment_id: object, body: object) -> Call:
    """Build ``PATCH /v1/deployments/{deploymentId}/parameters/run`` (a merge of given values)."""
    arguments = _fixed(
        deployment_id=_identifier(deployment_id, "deployment_id"),
        body=_model(models.RunParameters.from_dict, body, "body"),
    )
    return Call(patch_parameters, arguments)


def describe_app_deployment_call(deployment_id: str) -> Call:
    """Build ``GET /v1/apps/deployments/{deploymentId}``."""
    return Call(describe_app_deployment, _fixed(deployment_id=_identifier(deployment_id, "deployment_id")))
