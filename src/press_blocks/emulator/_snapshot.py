"""A fixture from recorded answers: every spec, release, deployment, revision and app deployment seen.

The recorder keeps what the tenant answered; a fixture says what a client sent (see
:mod:`press_blocks.emulator._fixtures`). This module turns the one into the other: each
object in the last state it was seen in (a describe and a list item merged, the later
winning), with its releases or revisions in order. Deletions seen are not applied: the
fixture holds what the recording saw. What a fixture cannot say (times, users, statuses the
emulator sets itself, release and revision ids) the emulator makes up, as it does for any
fixture; the fidelity score counts answers that match once those are set aside.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from press_blocks._semver import SemVer
from press_blocks.emulator._contract import contract

__all__ = ["Seen", "fixture_from_exchanges"]

_METADATA_INPUT = ("name", "title", "summary", "description", "descriptionContentType", "imageUrl", "tags")
_DEFINITION_INPUT = (
    "name",
    "type",
    "required",
    "defaultValue",
    "title",
    "description",
    "hideValue",
    "options",
    "conditions",
)
_SCOPES = ("private", "public", "shared")


class Seen:
    """The objects of a recording, in the order first seen, each merged across the answers that showed it.

    Fed one exchange at a time (:meth:`take`), it gives the fixture of what it has taken so far
    (:meth:`fixture`) at any point, without reading the earlier exchanges again.
    """

    def __init__(self, *, apply_deletes: bool = False) -> None:
        self.apply_deletes = apply_deletes
        self.specs: dict[str, dict[str, Any]] = {}
        self.releases: dict[str, dict[str, dict[str, Any]]] = {}
        self.deployments: dict[str, dict[str, Any]] = {}
        self.revisions: dict[str, dict[int, dict[str, Any]]] = {}
        self.apps: dict[str, dict[str, Any]] = {}

    def spec(self, spec: Any) -> None:
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            return
        self.specs[spec["id"]] = {**self.specs.get(spec["id"], {}), **spec}
        self.release(spec["id"], spec.get("latestRelease"))

    def release(self, spec_id: str, release: Any) -> None:
        if not isinstance(release, dict) or not isinstance(release.get("version"), str):
            return
        known = self.releases.setdefault(spec_id, {})
        known[release["version"]] = {**known.get(release["version"], {}), **release}

    def deployment(self, deployment: Any) -> None:
        if not isinstance(deployment, dict) or not isinstance(deployment.get("id"), str):
            return
        self.deployments[deployment["id"]] = {**self.deployments.get(deployment["id"], {}), **deployment}
        self.revision(deployment["id"], deployment.get("latestRevision"))

    def revision(self, deployment_id: str, revision: Any) -> None:
        if not isinstance(revision, dict) or not isinstance(revision.get("revision"), int):
            return
        known = self.revisions.setdefault(deployment_id, {})
        known[revision["revision"]] = {**known.get(revision["revision"], {}), **revision}

    def take(self, exchange: Any) -> None:
        """Take in one recorded exchange: a successful answer's objects, or (with ``apply_deletes``) a delete."""
        if not 200 <= exchange.status < 300:
            return
        try:
            _, path_params = contract().match(exchange.method, exchange.path)
        except Exception:  # a path the document does not route: nothing to learn from it
            return
        if exchange.method == "DELETE":
            if self.apply_deletes:
                self.delete(exchange.operation, path_params)
        elif exchange.body is not None:
            self.add(exchange.operation, path_params, exchange.body)

    def fixture(self) -> dict[str, Any]:
        """Return the fixture of everything taken so far (empty lists left out); ``self`` is left as it was."""
        specs = [entry for spec_id in self.specs if (entry := _spec_entry(self, spec_id)) is not None]
        spec_versions = {e["id"]: {e["spec"]["release"]["version"], *_later_versions(e)} for e in specs}
        deployments = [
            entry
            for dep_id in self.deployments
            if (entry := _deployment_entry(self, dep_id, spec_versions)) is not None
        ]
        kept = {e["id"] for e in deployments}
        apps = [_app_entry(app, kept) for app in self.apps.values()]
        fixture: dict[str, Any] = {}
        for key, value in (("specs", specs), ("deployments", deployments), ("appDeployments", apps)):
            if value:
                fixture[key] = value
        return fixture

    def delete(self, operation: str, path_params: Mapping[str, str]) -> None:
        """Forget a spec or deployment a successful delete removed."""
        if operation == "deleteSpec":
            self.specs.pop(path_params.get("specId", ""), None)
            self.releases.pop(path_params.get("specId", ""), None)
        elif operation == "deleteDeployment":
            self.deployments.pop(path_params.get("deploymentId", ""), None)
            self.revisions.pop(path_params.get("deploymentId", ""), None)

    def add(self, operation: str, path_params: Mapping[str, str], body: Any) -> None:
        """Take in one successful answer of ``operation``."""
        items = body if isinstance(body, dict) else {}
        if operation == "describeSpec":
            self.spec(body)
        elif operation == "listSpecs":
            for spec in _items(items, "specs"):
                self.spec(spec)
        elif operation == "describeSpecRelease":
            self.release(path_params.get("specId", ""), body)
        elif operation == "listSpecReleases":
            for release in _items(items, "releases"):
                self.release(path_params.get("specId", ""), release)
        elif operation == "describeDeployment":
            self.deployment(body)
        elif operation == "listDeployments":
            for deployment in _items(items, "deployments"):
                self.deployment(deployment)
        elif operation == "describeDeploymentRevision":
            self.revision(path_params.get("deploymentId", ""), body)
        elif operation == "listDeploymentRevisions":
            for revision in _items(items, "revisions"):
                self.revision(path_params.get("deploymentId", ""), revision)
        elif operation == "describeAppDeployment" and isinstance(items.get("id"), str):
            self.apps[items["id"]] = items


def fixture_from_exchanges(exchanges: Iterable[Any], *, apply_deletes: bool = False) -> dict[str, Any]:
    """Return the fixture of everything a recording's successful answers showed (empty lists left out).

    With ``apply_deletes``, a spec or deployment a recorded delete removed is left out (the
    state at the recording's end); by default the fixture keeps everything seen.
    """
    seen = Seen(apply_deletes=apply_deletes)
    for exchange in exchanges:
        seen.take(exchange)
    return seen.fixture()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(page: Mapping[str, Any], key: str) -> list[Any]:
    items = page.get(key)
    return items if isinstance(items, list) else []


def _later_versions(entry: Mapping[str, Any]) -> set[str]:
    return {r["spec"]["release"]["version"] for r in entry.get("releases", [])}


def _metadata(metadata: Any) -> dict[str, Any]:
    metadata = metadata if isinstance(metadata, dict) else {}
    kept = {k: metadata[k] for k in _METADATA_INPUT if metadata.get(k) is not None}
    kept.setdefault("name", "unnamed")
    kept.setdefault("summary", "")
    return kept


def _definitions(parameters: Any) -> dict[str, Any] | None:
    if not isinstance(parameters, dict):
        return None
    result = {}
    for kind in ("build", "run"):
        items = parameters.get(kind)
        if isinstance(items, list) and items:
            result[kind] = [{k: d[k] for k in _DEFINITION_INPUT if k in d} for d in items if isinstance(d, dict)]
    return result or None


def _release_key(version: str) -> tuple[int, Any]:
    # Releases in their version order; a version that is not semantic sorts after, in the order seen.
    return (0, SemVer(version)) if SemVer.valid(version) else (1, 0)


def _spec_entry(seen: Seen, spec_id: str) -> dict[str, Any] | None:
    spec = seen.specs[spec_id]
    releases = [r for r in seen.releases.get(spec_id, {}).values() if isinstance(r.get("config"), dict)]
    if not releases or not isinstance(spec.get("kind"), str):
        return None  # a spec is created with its first release's config: without one, it cannot be seeded
    releases.sort(key=functools.cmp_to_key(_compare_releases))
    first, later = releases[0], releases[1:]
    body: dict[str, Any] = {
        "version": "1",
        "kind": spec["kind"],
        "metadata": _metadata(spec.get("metadata")),
        "release": _release_input(first),
        "config": first["config"],
    }
    entry: dict[str, Any] = {"id": spec_id, "spec": body}
    if isinstance(spec.get("featured"), bool):
        entry["featured"] = spec["featured"]
    if spec.get("scope") in _SCOPES:
        entry["scope"] = spec["scope"]
    if isinstance(spec.get("tenants"), list) and spec["tenants"]:
        entry["tenants"] = [t for t in spec["tenants"] if isinstance(t, str)]
    entry.update(_release_parts(first))
    if later:
        entry["releases"] = [
            {"spec": {"release": _release_input(r), "config": r["config"]}, **_release_parts(r)} for r in later
        ]
    return entry


def _compare_releases(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    left, right = _release_key(a["version"]), _release_key(b["version"])
    if left[0] != right[0]:
        return left[0] - right[0]
    if left[0] == 1 or left[1] == right[1]:
        return 0
    return -1 if left[1] < right[1] else 1


def _release_input(release: Mapping[str, Any]) -> dict[str, Any]:
    result = {"version": release["version"]}
    if isinstance(release.get("notes"), str):
        result["notes"] = release["notes"]
    return result


def _release_parts(release: Mapping[str, Any]) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    definitions = _definitions(release.get("parameters"))
    if definitions is not None:
        parts["parameters"] = definitions
    if isinstance(release.get("autoRunOnDeploy"), bool):
        parts["autoRunOnDeploy"] = release["autoRunOnDeploy"]
    if release.get("artifact"):
        parts["artifact"] = True
    return parts


def _values(parameters: Any) -> dict[str, Any] | None:
    if not isinstance(parameters, dict):
        return None
    result = {}
    for kind in ("build", "run"):
        items = parameters.get(kind)
        if isinstance(items, list) and items:
            result[kind] = {p["name"]: p.get("value") for p in items if isinstance(p, dict) and "name" in p}
    return result or None


def _revision_version(revision: Mapping[str, Any]) -> str | None:
    spec = _mapping(revision.get("spec"))
    version = _mapping(spec.get("release")).get("version")
    return version if isinstance(version, str) else None


def _deployment_entry(seen: Seen, deployment_id: str, spec_versions: Mapping[str, set[str]]) -> dict[str, Any] | None:
    deployment = seen.deployments[deployment_id]
    spec_id = _mapping(deployment.get("spec")).get("id")
    revisions = seen.revisions.get(deployment_id, {})
    if not isinstance(spec_id, str) or spec_id not in spec_versions or not revisions:
        return None  # a deployment needs its spec in the fixture, and a revision to start from
    # Every number up to the last seen: one not seen takes the next seen one's release and values.
    numbers = sorted(revisions)
    filled: list[dict[str, Any]] = []
    for number in range(1, numbers[-1] + 1):
        source = revisions.get(number) or revisions[next(n for n in numbers if n > number)]
        filled.append(source)
    versions = [_revision_version(r) for r in filled]
    if any(v is not None and v not in spec_versions[spec_id] for v in versions):
        return None  # a revision names a release the fixture does not hold
    first = filled[0]
    entry: dict[str, Any] = {
        "id": deployment_id,
        "metadata": _metadata(deployment.get("metadata")),
        "revision": {"notes": first.get("notes") if isinstance(first.get("notes"), str) else ""},
        "spec": {"id": spec_id, **({"release": {"version": versions[0]}} if versions[0] else {})},
    }
    values = _values(first.get("parameters"))
    if values is not None:
        entry["parameters"] = values
    later = []
    for revision, version in zip(filled[1:], versions[1:], strict=True):
        body: dict[str, Any] = {}
        if version:
            body["release"] = {"version": version}
        if isinstance(revision.get("notes"), str):
            body["revision"] = {"notes": revision["notes"]}
        values = _values(revision.get("parameters"))
        if values is not None:
            body["parameters"] = values
        later.append(body)
    if later:
        entry["revisions"] = later
    parent = deployment.get("parent")
    if isinstance(parent, dict) and isinstance(parent.get("id"), str):
        entry["parent"] = {"id": parent["id"]}
    return entry


def _app_entry(app: Mapping[str, Any], deployments: set[str]) -> dict[str, Any]:
    blocks = _mapping(app.get("latestRevision")).get("blocks")
    blocks = blocks if isinstance(blocks, list) else []
    children = [b["deploymentId"] for b in blocks if isinstance(b, dict) and b.get("deploymentId") in deployments]
    return {**app, "children": children}
