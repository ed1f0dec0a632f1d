"""Rendering records as the API's JSON (the document's response schemas), and list ordering and paging."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from press_blocks.emulator._constants import DEFAULT_PAGE_SIZE
from press_blocks.emulator._params import describe_values
from press_blocks.emulator._records import (
    AppDeploymentRecord,
    DeploymentRecord,
    ReleaseRecord,
    RevisionRecord,
    SpecRecord,
)

__all__ = [
    "app_deployment_view",
    "deployment_status",
    "deployment_view",
    "ordered",
    "page",
    "release_view",
    "revision_view",
    "spec_view",
]

T = TypeVar("T")


def _stamped(metadata: Mapping[str, Any], record: SpecRecord | DeploymentRecord, status: str) -> dict[str, Any]:
    return {
        **metadata,
        "status": status,
        "createdAt": record.created.text,
        "createdBy": record.created_by,
        "updatedAt": record.updated.text,
        "updatedBy": record.updated_by,
    }


def _definitions(definitions: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "build": list(definitions.get("build", [])),
        "run": list(definitions.get("run", [])),
        "groups": {"build": [], "run": []},
    }


def release_view(release: ReleaseRecord, *, full: bool) -> dict[str, Any]:
    """Return a release as ``ReleaseSummary`` (lists) or ``Release`` (describe)."""
    view: dict[str, Any] = {
        "id": release.id,
        "version": release.version,
        "notes": release.notes,
        "autoRunOnDeploy": release.auto_run_on_deploy,
        "createdAt": release.created.text,
        "createdBy": release.created_by,
    }
    if full:
        view["config"] = release.config
        view["parameters"] = _definitions(release.parameters)
        if release.artifact is not None:
            view["artifact"] = dict(release.artifact)
    return view


def spec_view(spec: SpecRecord, *, full: bool) -> dict[str, Any]:
    """Return a spec as ``SpecSummary`` (lists) or ``Spec`` (describe, with the latest release's parameters)."""
    view: dict[str, Any] = {
        "id": spec.id,
        "kind": spec.kind,
        "featured": spec.featured,
        "scope": spec.scope,
        "tenants": list(spec.tenants),
        "metadata": _stamped(spec.metadata, spec, spec.status),
        "latestRelease": release_view(spec.latest, full=full),
    }
    if full:
        view["parameters"] = _definitions(spec.latest.parameters)
    return view


def deployment_status(deployment: DeploymentRecord) -> str:
    """Return the deployment's status, which follows its latest revision.

    ``redeploying`` while a redeploy's revision deploys; ``warning`` when the latest revision
    deployed under a ``->warning`` transition.
    """
    latest = deployment.latest
    if latest.status == "deploying" and latest.redeploy:
        return "redeploying"
    if latest.status == "deployed":
        return latest.transition.deployment_status
    return latest.status


def revision_view(
    revision: RevisionRecord, deployment: DeploymentRecord, spec: SpecRecord, *, full: bool
) -> dict[str, Any]:
    """Return a revision as ``RevisionSummary`` or ``Revision`` (resources, spec release, masked parameters)."""
    view: dict[str, Any] = {
        "id": revision.id,
        "revision": revision.number,
        "notes": revision.notes,
        "status": revision.status,
        "createdAt": revision.created.text,
        "createdBy": revision.created_by,
    }
    if full:
        release = spec.release(revision.release_version)
        definitions = release.parameters if release is not None else {}
        view["resources"] = [
            {
                "id": revision.resource_id,
                "kind": deployment.kind,
                "name": deployment.metadata.get("name", ""),
                "status": revision.status,
                "version": revision.release_version,
                "versionId": str(revision.number),
                "errors": [dict(error) for error in revision.errors],
            }
        ]
        view["spec"] = {"id": spec.id, "release": {"version": revision.release_version}}
        view["parameters"] = {
            "build": describe_values(definitions.get("build", []), revision.build_values, mask=True),
            "run": describe_values(definitions.get("run", []), revision.run_values, mask=True),
        }
    return view


def deployment_view(deployment: DeploymentRecord, spec: SpecRecord, *, full: bool) -> dict[str, Any]:
    """Return a deployment as ``DeploymentSummary`` or ``Deployment`` (hidden parameter values masked)."""
    latest = deployment.latest
    view: dict[str, Any] = {
        "id": deployment.id,
        "kind": deployment.kind,
        "metadata": _stamped(deployment.metadata, deployment, deployment_status(deployment)),
        "latestRevision": revision_view(latest, deployment, spec, full=full),
        "spec": {
            "id": spec.id,
            "release": {"currentVersion": latest.release_version, "latestVersion": spec.latest.version},
        },
    }
    if full:
        release = spec.release(latest.release_version)
        definitions = release.parameters if release is not None else {}
        view["parameters"] = {
            "build": describe_values(definitions.get("build", []), deployment.build_values, mask=True),
            "run": describe_values(definitions.get("run", []), deployment.run_values, mask=True),
        }
        view["parent"] = {"id": deployment.parent_id} if deployment.parent_id else None
    return view


def app_deployment_view(app: AppDeploymentRecord, deployments: Mapping[str, DeploymentRecord]) -> dict[str, Any]:
    """Return an app deployment as seeded; blocks naming a live block deployment take its missing fields."""
    document = app.document
    revision = dict(document.get("latestRevision") or {})
    blocks = []
    for block in revision.get("blocks") or []:
        item = {"platformId": None, **block}
        live = deployments.get(str(block.get("deploymentId")))
        if live is not None:
            item.setdefault("kind", live.kind)
            item.setdefault("name", live.metadata.get("name", ""))
            item.setdefault("status", deployment_status(live))
        blocks.append(item)
    revision.setdefault("id", app.revision_id)
    revision.setdefault("revision", 1)
    revision.setdefault("status", "deployed")
    revision["blocks"] = blocks
    metadata = {"createdAt": app.created.text, "createdBy": app.created_by, **(document.get("metadata") or {})}
    return {
        **document,
        "id": app.id,
        "kind": document.get("kind", "app"),
        "metadata": metadata,
        "latestRevision": revision,
    }


def ordered(records: Sequence[T], sort: Sequence[str] | None, keys: Mapping[str, Callable[[T], Any]]) -> list[T]:
    """Sort by ``field[:asc|desc]`` keys (first key most significant); newest first when no key is given.

    The list starts newest first (``keys["createdAt"]``), so equal keys keep that order.
    """
    result = sorted(records, key=keys["createdAt"], reverse=True)
    for item in reversed(list(sort or [])):
        name, _, direction = item.partition(":")
        key = keys.get(name)
        if key is not None:
            result.sort(key=key, reverse=direction == "desc")
    return result


def page(items: Sequence[Any], query: Mapping[str, Any], items_key: str, count_key: str) -> dict[str, Any]:
    """Return one page of ``items`` in the API's list envelope (``pageCount`` is 0 when there are none)."""
    size = int(query.get("pageSize") or DEFAULT_PAGE_SIZE)
    number = int(query.get("pageNumber") or 1)
    start = (number - 1) * size
    return {
        items_key: list(items[start : start + size]),
        count_key: len(items),
        "pageCount": math.ceil(len(items) / size),
        "pageNumber": number,
        "pageSize": size,
    }
