"""Deploy as code through ``AsyncBlock``: ``aplan`` reads and compares, ``aapply`` makes the service match.

The one hand-written source of both drivers: ``scripts/unasync.py`` writes ``_sync/deploy.py``
(``plan``/``apply`` over ``Block``) from it. The rules (documents, fingerprints, the plan model)
are in ``press_blocks._deploy``; this module only reads and writes through the client's public
methods.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from press_blocks import _constants, _requests
from press_blocks._deploy import (
    HIDDEN,
    PAST,
    ApplyResult,
    Document,
    NotCompared,
    Plan,
    ResourcePlan,
    Source,
    artifact_fingerprint,
    compare_version,
    contains,
    deploy_key,
    documents_from,
    hidden_names,
    hidden_values,
    key_id,
    parameters_mac,
    parse_marker,
    refuse,
    sequence_of,
    with_marker,
)
from press_blocks.errors import (
    ConflictException,
    DeployRefusedError,
    InvalidArgumentError,
    PlanStaleError,
    UnprocessableEntityException,
)

if TYPE_CHECKING:
    from press_blocks._async.block import AsyncBlock

__all__ = ["aapply", "aplan"]


async def aplan(
    client: AsyncBlock,
    source: Source,
    *,
    variables: Mapping[str, Any] | None = None,
    key: str | bytes | None = None,
) -> Plan:
    """Read what the service has for every resource ``source`` declares and return what apply would change.

    ``source`` is request files (Jinja-rendered with ``variables``, as the command line does;
    needs the ``cli`` extra), directories of them, or the same requests as mappings. ``key`` (or
    ``$PRESS_BLOCKS_DEPLOY_KEY``) keys the fingerprint of hidden parameter values. Raises
    DeployRefusedError for a change only a new release could carry; sends no write.
    """
    documents = _load(source, variables or {})
    return await _plan_documents(client, documents, deploy_key(key), {})


async def aapply(
    client: AsyncBlock,
    plan_or_source: Plan | Source,
    *,
    variables: Mapping[str, Any] | None = None,
    key: str | bytes | None = None,
    wait: bool = False,
    timeout: float = _constants.DEPLOY_WAIT_TIMEOUT,
    poll_interval: float = _constants.WAIT_POLL_INTERVAL,
) -> ApplyResult:
    """Make the service match a plan (or a source, planned first) and return what was done.

    Given a :class:`Plan`, the resources are read again first and PlanStaleError is raised when
    anything the plan read has changed since. A ``409`` from a racing apply is re-read and
    converged on. ``wait`` waits for every deployment created or revised, ``timeout`` seconds in all.
    """
    secret = deploy_key(key)
    if isinstance(plan_or_source, Plan):
        saved = plan_or_source
        if saved.key_id is not None and (secret is None or key_id(secret) != saved.key_id):
            raise PlanStaleError(
                "the plan was made with a deploy key and apply was given another (or none): "
                "apply it with the same PRESS_BLOCKS_DEPLOY_KEY, or plan again"
            )
        artifacts = saved.artifacts if saved.fresh else {}
        the_plan = await _plan_documents(client, saved.documents, secret, dict(artifacts))
        stale = [
            f"{old.kind} {old.name!r}"
            for old, new in zip(saved.resources, the_plan.resources, strict=True)
            if old.to_dict() != new.to_dict()
        ]
        if stale:
            raise PlanStaleError(
                f"what the plan read has changed since it was made ({', '.join(stale)}): plan again and review it"
            )
    else:
        the_plan = await _plan_documents(client, _load(plan_or_source, variables or {}), secret, {})
    result = ApplyResult(the_plan)
    specs: dict[tuple[str, str], str] = {}  # (kind, name) -> id
    touched: list[str] = []
    for resource, document in zip(the_plan.resources, the_plan.documents, strict=True):
        if resource.kind == "spec":
            done = await _apply_spec(client, resource, document, the_plan.artifacts)
            specs[(str(document.body.get("kind")), resource.name)] = str(resource.id)
        else:
            done = await _apply_deployment(client, resource, document, secret, specs)
            if {"create", "revise"} & set(done):
                touched.append(str(resource.id))
        entry: dict[str, Any] = {"kind": resource.kind, "name": resource.name, "id": resource.id}
        entry["actions"] = [PAST[action] for action in done] or ["unchanged"]
        if resource.not_compared:
            # Never a bare "unchanged" for what could not be compared.
            entry["notCompared"] = [item.field for item in resource.not_compared]
        result.resources.append(entry)
    if wait and touched:
        deadline = time.monotonic() + timeout
        for deployment_id in touched:
            left = max(deadline - time.monotonic(), 0.001)
            await client.wait_for_deployment(deployment_id, timeout=left, poll_interval=poll_interval, progress=False)
    return result


# --- reading the source ----------------------------------------------------------------------


def _load(source: Source, variables: Mapping[str, Any]) -> list[Document]:
    pairs: list[tuple[Mapping[str, Any], str]] = []
    for number, item in enumerate(sequence_of(source), 1):
        if isinstance(item, Mapping):
            pairs.append((item, f"mapping #{number}"))
            continue
        if not isinstance(item, str | os.PathLike):
            raise InvalidArgumentError(
                f"a deploy source is a request file, a directory or a mapping, not {type(item).__name__}"
            )
        path = Path(item)
        if not path.is_dir():
            files = [path]
        else:
            files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            if not files:
                raise InvalidArgumentError(f"{os.fspath(path)} holds no .yaml or .yml request file")
        for file in files:
            pairs.extend(_read_file(os.fspath(file), variables))
    return documents_from(pairs)


def _read_file(path: str, variables: Mapping[str, Any]) -> list[tuple[dict[str, Any], str]]:
    from press_blocks._cli._errors import CommandError

    try:
        from press_blocks._cli._files import read_request_documents

        return read_request_documents(path, variables)
    except CommandError as exc:
        # The command line's reading errors, as the library's typed error.
        raise InvalidArgumentError(str(exc)) from None


# --- planning --------------------------------------------------------------------------------


async def _plan_documents(
    client: AsyncBlock, documents: list[Document], secret: bytes | None, artifacts: dict[str, tuple[str, int]]
) -> Plan:
    resources: list[ResourcePlan] = []
    specs: dict[tuple[str, str], tuple[ResourcePlan, Document]] = {}
    for document in documents:
        if document.kind == "spec":
            resource = await _plan_spec(client, document, artifacts)
            specs[(str(document.body.get("kind")), document.name)] = (resource, document)
        else:
            resource = await _plan_deployment(client, document, secret, specs)
        resources.append(resource)
    planned = Plan(resources, documents, artifacts, key_id(secret) if secret else None, fresh=True)
    _check_writes(planned)
    return planned


def _version_of(document: Document) -> str:
    return str((document.body.get("release") or {}).get("version"))


async def _find_spec(client: AsyncBlock, name: str, kind: str | None) -> Mapping[str, Any] | None:
    # The service's name filter matches prefixes: keep the exact name (and kind, when known).
    async for item in client.list_specs(name=name):
        if (item.get("metadata") or {}).get("name") == name and (kind is None or item.get("kind") == kind):
            return item
    return None


async def _fingerprint(document: Document, artifacts: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    artifact = document.arguments.get("artifact")
    if not artifact:
        return None
    cache_key = json.dumps(artifact, sort_keys=True, default=str)
    if cache_key not in artifacts:
        # Hashing reads every file: off the event loop, as packing is.
        artifacts[cache_key] = await asyncio.to_thread(artifact_fingerprint, artifact)
    return artifacts[cache_key]


def _artifact_value(digest: str | None, files: str | int | None) -> dict[str, Any] | None:
    if digest is None:
        return None
    return {"digest": digest, "files": int(files) if files is not None else None}


async def _plan_spec(client: AsyncBlock, document: Document, artifacts: dict[str, tuple[str, int]]) -> ResourcePlan:
    body, arguments = document.body, document.arguments
    version = _version_of(document)
    resource = ResourcePlan("spec", document.name, document.origin)
    fingerprint = await _fingerprint(document, artifacts)
    if fingerprint is not None:
        resource.fingerprints = {"artifact": fingerprint[0], "files": str(fingerprint[1])}
    found = await _find_spec(client, document.name, str(body.get("kind")))
    if found is None:
        _created_fields(resource, body.get("metadata") or {})
        for key in ("scope", "featured", "tenants"):
            if key in arguments:
                resource.change(key, None, arguments[key], "create")
        resource.change("release.version", None, version, "create")
        if fingerprint is not None:
            resource.change("artifact", None, _artifact_value(*fingerprint), "create")
        return resource
    resource.id = str(found["id"])
    spec: Mapping[str, Any] = await client.describe_spec(resource.id)
    latest: Mapping[str, Any] = spec.get("latestRelease") or {}
    metadata: Mapping[str, Any] = spec.get("metadata") or {}
    latest_version = str(latest.get("version") or "")
    resource.observed = {
        "latestRelease": latest_version,
        "releaseNotes": latest.get("notes"),
        "updatedAt": metadata.get("updatedAt"),
    }
    for key, value in (body.get("metadata") or {}).items():
        if key != "name" and not contains(metadata.get(key), value):
            resource.change(f"metadata.{key}", metadata.get(key), value, "update")
    for key in ("featured", "scope", "tenants"):
        if key in arguments and not contains(spec.get(key), arguments[key]):
            resource.change(key, spec.get(key), arguments[key], "update")
    ordering = compare_version(version, latest_version) if latest_version else 1
    notes, stored = parse_marker(latest.get("notes"))
    if ordering > 0:
        resource.change("release.version", latest_version or None, version, "release")
        if fingerprint is not None:
            old = _artifact_value((stored or {}).get("artifact"), (stored or {}).get("files"))
            resource.change("artifact", old, _artifact_value(*fingerprint), "release")
        return resource
    if ordering < 0:
        raise DeployRefusedError(
            f"spec {document.name!r} ({resource.id}) is at {latest_version}; the file's version {version} is older: "
            "bump release.version in the file to publish it",
            fields=("release.version",),
        )
    # The same version: only a new release could carry a difference in what the release holds.
    differing = []
    wanted_release = {
        "config": body.get("config") or {},
        "parameters": arguments.get("parameters"),
        "autoRunOnDeploy": arguments.get("auto_run_on_deploy"),
    }
    for key, value in wanted_release.items():
        if value is not None and not contains(latest.get(key), value):
            differing.append(key)
    wanted_notes = (body.get("release") or {}).get("notes")
    if wanted_notes is not None and wanted_notes != notes:
        differing.append("release.notes")
    if fingerprint is not None:
        if stored is None or "artifact" not in stored:
            resource.not_compared.append(
                NotCompared(
                    "artifact",
                    f"release {version} has no artifact fingerprint (it was not made by apply)",
                    "apply leaves it as it is: bump release.version to publish this artifact",
                )
            )
        elif (stored["artifact"], stored.get("files")) != (fingerprint[0], str(fingerprint[1])):
            was = f"{stored['artifact']} ({stored.get('files')} files)"
            differing.append(f"artifact ({was} -> {fingerprint[0]} ({fingerprint[1]} files))")
    if differing:
        raise refuse(f"spec {document.name!r} ({resource.id})", differing, version)
    return resource


async def _plan_deployment(
    client: AsyncBlock,
    document: Document,
    secret: bytes | None,
    specs: Mapping[tuple[str, str], tuple[ResourcePlan, Document]],
) -> ResourcePlan:
    body = document.body
    resource = ResourcePlan("deployment", document.name, document.origin)
    reference: Mapping[str, Any] = body["spec"]
    wanted = str((reference.get("release") or {}).get("version") or "latest")
    spec_id: str | None = str(reference["id"]) if reference.get("id") else None
    definitions: Any = None
    in_run = None
    kind: str | None = None  # the spec's kind, when known without reading it
    if spec_id is None:
        spec_name, spec_kind = str(reference["name"]), reference.get("kind")
        matches = [v for (k, n), v in specs.items() if n == spec_name and (spec_kind is None or k == spec_kind)]
        if len(matches) > 1:
            raise InvalidArgumentError(f"{document.origin}: body.spec.name {spec_name!r} names two specs: add its kind")
        if matches:
            in_run = matches[0]
            spec_id = in_run[0].id
            kind = str(in_run[1].body.get("kind"))
        else:
            found = await _find_spec(client, spec_name, str(spec_kind) if spec_kind else None)
            if found is None:
                raise InvalidArgumentError(
                    f"{document.origin}: no spec is named {spec_name!r}; add its spec to the files applied"
                )
            spec_id = str(found["id"])
            kind = found.get("kind")
        resource.spec = {"name": spec_name, "id": spec_id}
    else:
        resource.spec = {"id": spec_id}
    if in_run is not None:
        spec_document = in_run[1]
        if wanted == "latest":
            wanted = _version_of(spec_document)
        definitions = spec_document.arguments.get("parameters")
    resource.spec["version"] = wanted
    parameters: Mapping[str, Any] = body.get("parameters") or {}
    found = await _find_deployment(client, document.name, spec_id, kind) if spec_id else None
    if found is None:
        _created_fields(resource, body.get("metadata") or {})
        resource.change("spec.release.version", None, wanted, "create")
        if parameters:
            # Which values are hidden is in the release's definitions: read them to mask those.
            if definitions is None and spec_id is not None:
                definitions = await _definitions(client, spec_id, wanted)
            hidden = hidden_names(definitions)
            for section, items in parameters.items():
                for name, value in (items or {}).items():
                    shown = HIDDEN if name in hidden.get(section, set()) else value
                    resource.change(f"parameters.{section}.{name}", None, shown, "create")
            values = hidden_values(parameters, hidden)
            if secret is not None and values:
                resource.fingerprints = {"params": parameters_mac(secret, values)}
        return resource
    resource.id = str(found["id"])
    if str((found.get("spec") or {}).get("id", "")) != spec_id:
        raise DeployRefusedError(
            f"deployment {document.name!r} ({resource.id}) deploys spec {(found.get('spec') or {}).get('id')}, "
            f"not {spec_id}; a deployment cannot change its spec",
            fields=("spec.id",),
        )
    deployment: Mapping[str, Any] = await client.describe_deployment(resource.id)
    metadata: Mapping[str, Any] = deployment.get("metadata") or {}
    revision: Mapping[str, Any] = deployment.get("latestRevision") or {}
    resource.observed = {"revision": revision.get("revision"), "updatedAt": metadata.get("updatedAt")}
    for key, value in (body.get("metadata") or {}).items():
        if key != "name" and not contains(metadata.get(key), value):
            resource.change(f"metadata.{key}", metadata.get(key), value, "update")
    releases: Mapping[str, Any] = (deployment.get("spec") or {}).get("release") or {}
    deployed = str(
        releases.get("currentVersion") or ((revision.get("spec") or {}).get("release") or {}).get("version") or ""
    )
    if wanted == "latest":
        wanted = str(releases.get("latestVersion") or deployed)
        resource.spec["version"] = wanted
    if wanted != deployed:
        resource.change("spec.release.version", deployed, wanted, "revise")
    current: Mapping[str, Any] = deployment.get("parameters") or revision.get("parameters") or {}
    hidden = hidden_names(current)
    if parameters and wanted != deployed:
        # A parameter the new release adds is not in the current values: its definition says if it is hidden.
        if definitions is None and spec_id is not None:
            definitions = await _definitions(client, spec_id, wanted)
        for section, names in hidden_names(definitions).items():
            hidden[section] |= names
    for section, values in parameters.items():
        have = {
            str(item.get("name")): item.get("value") for item in current.get(section) or [] if isinstance(item, Mapping)
        }
        for name, value in (values or {}).items():
            if name in hidden.get(section, set()):
                continue
            if name not in have or have[name] != value:
                resource.change(f"parameters.{section}.{name}", have.get(name), value, "revise")
    values = hidden_values(parameters, hidden)
    if values:
        _compare_hidden(resource, values, revision, secret)
    return resource


def _compare_hidden(
    resource: ResourcePlan, values: dict[str, dict[str, Any]], revision: Mapping[str, Any], secret: bytes | None
) -> None:
    """Compare hidden values through the keyed fingerprint in the latest revision's notes."""
    names = ", ".join(f"parameters.{section}.{name}" for section, items in values.items() for name in items)
    stored = (parse_marker(revision.get("notes"))[1] or {}).get("params")
    if secret is None:
        resource.not_compared.append(
            NotCompared(
                names,
                "hidden values cannot be read back, and no deploy key is set (PRESS_BLOCKS_DEPLOY_KEY)",
                "apply leaves them as they are unless another change makes a revision",
            )
        )
        return
    mac = parameters_mac(secret, values)
    resource.fingerprints["params"] = mac
    if stored == mac:
        return
    if stored is None or stored.split(":")[1:2] != [key_id(secret)]:
        reason = (
            "the latest revision has no fingerprint of them (made without apply or without a key)"
            if stored is None
            else "the latest revision's fingerprint was made with another deploy key"
        )
        resource.not_compared.append(
            NotCompared(names, reason, "apply makes a revision that sends them again and records their fingerprint")
        )
        if "revise" not in resource.actions:
            resource.actions.append("revise")
        return
    for section, items in values.items():
        for name in items:
            resource.change(f"parameters.{section}.{name}", HIDDEN, HIDDEN, "revise")


def _created_fields(resource: ResourcePlan, metadata: Mapping[str, Any]) -> None:
    for key, value in metadata.items():
        if key != "name":
            resource.change(f"metadata.{key}", None, value, "create")


async def _definitions(client: AsyncBlock, spec_id: str, version: str) -> Any:
    if version == "latest":
        spec: Mapping[str, Any] = await client.describe_spec(spec_id)
        return spec.get("parameters") or (spec.get("latestRelease") or {}).get("parameters")
    release: Mapping[str, Any] = await client.describe_spec_release(spec_id, version)
    return release.get("parameters")


async def _find_deployment(client: AsyncBlock, name: str, spec_id: str, kind: str | None) -> Mapping[str, Any] | None:
    """The deployment named exactly ``name`` of spec ``spec_id``, else another of that name and kind (refused later).

    ``kind`` is the spec's kind when the caller knows it; otherwise the spec is read for it.
    """
    found = []
    async for item in client.list_deployments(name=name):
        if (item.get("metadata") or {}).get("name") == name:
            found.append(item)
    same = [d for d in found if str((d.get("spec") or {}).get("id", "")) == spec_id]
    if same or not found:
        return same[0] if same else None
    if kind is None:
        kind = (await client.describe_spec(spec_id)).get("kind")
    return next((d for d in found if d.get("kind") == kind), None)


# --- applying --------------------------------------------------------------------------------


async def _apply_spec(
    client: AsyncBlock, resource: ResourcePlan, document: Document, artifacts: dict[str, tuple[str, int]]
) -> list[str]:
    if not resource.actions:
        return []
    arguments = dict(document.arguments)
    body = dict(document.body)
    release = dict(body.get("release") or {})
    if resource.fingerprints:
        release["notes"] = with_marker(release.get("notes"), resource.fingerprints)
    body["release"] = release
    done = []
    if "create" in resource.actions:
        try:
            created = await client.create_spec(**{**arguments, "body": body}, progress=False)
        except ConflictException:
            # Another apply created it first: read it again and converge.
            return await _converge_spec(client, resource, document, artifacts, "create")
        resource.id = str(created["id"])
        return ["create"]
    assert resource.id is not None, "a spec that is not created has an id"
    if "release" in resource.actions:
        release_arguments = {key: arguments[key] for key in _RELEASE_ARGUMENTS if key in arguments}
        release_body = {"release": release, "config": body.get("config") or {}}
        try:
            await client.create_spec_release(resource.id, body=release_body, progress=False, **release_arguments)
        except (ConflictException, UnprocessableEntityException):
            # A racing apply may have published this very release: converge if so.
            return await _converge_spec(client, resource, document, artifacts, "release")
        done.append("release")
    if "update" in resource.actions:
        update: dict[str, Any] = {"metadata": dict(body.get("metadata") or {})}
        for key in ("featured", "scope", "tenants"):
            if key in arguments:
                update[key] = arguments[key]
        await client.update_spec_metadata(resource.id, update)
        done.append("update")
    return done


_RELEASE_ARGUMENTS = ("artifact", "parameters", "auto_run_on_deploy")


async def _converge_spec(
    client: AsyncBlock,
    resource: ResourcePlan,
    document: Document,
    artifacts: dict[str, tuple[str, int]],
    failed: str,
) -> list[str]:
    """After a racing write failed, plan the spec again (its artifact hashed once per run); do what is left, once."""
    fresh = await _plan_spec(client, document, artifacts)
    resource.id = fresh.id
    if failed in fresh.actions:
        raise PlanStaleError(f"spec {document.name!r}: another change reached the service during apply; plan again")
    return await _apply_spec(client, fresh, document, artifacts)


async def _apply_deployment(
    client: AsyncBlock,
    resource: ResourcePlan,
    document: Document,
    secret: bytes | None,
    specs: Mapping[tuple[str, str], str],
) -> list[str]:
    if not resource.actions:
        return []
    body, revision_body = _deployment_bodies(resource, document, _spec_id(resource, document, specs))
    if "create" in resource.actions:
        try:
            created = await client.create_deployment(body)
        except ConflictException:
            fresh = await _plan_deployment(client, document, secret, {})
            resource.id = fresh.id
            if fresh.actions:
                raise
            return []
        resource.id = str(created["id"])
        return ["create"]
    assert resource.id is not None, "a deployment that is not created has an id"
    done = []
    if "revise" in resource.actions:
        await client.create_deployment_revision(resource.id, revision_body)
        done.append("revise")
    if "update" in resource.actions:
        await client.update_deployment_metadata(resource.id, dict(body.get("metadata") or {}))
        done.append("update")
    return done


def _spec_id(resource: ResourcePlan, document: Document, specs: Mapping[tuple[str, str], str]) -> str | None:
    """The id of the spec a deployment runs: its file's, the plan's, or the spec this run created."""
    reference = document.body["spec"]
    if reference.get("id"):
        return str(reference["id"])
    kind = reference.get("kind")
    found = resource.spec.get("id") or next(
        (i for (k, n), i in specs.items() if n == reference["name"] and (kind is None or k == kind)), None
    )
    return None if found is None else str(found)


def _deployment_bodies(
    resource: ResourcePlan, document: Document, spec_id: str | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The bodies apply sends for a deployment: the create body and the new revision's body."""
    body = dict(document.body)
    reference: dict[str, Any] = {"id": spec_id}
    if resource.spec["version"] != "latest":
        reference["release"] = {"version": resource.spec["version"]}
    # else: a new deployment of a spec outside the run; leaving the release out deploys its latest.
    body["spec"] = reference
    revision = dict(body.get("revision") or {})
    if resource.fingerprints:
        revision["notes"] = with_marker(revision.get("notes"), resource.fingerprints)
    revision.setdefault("notes", "Deployed by press-blocks apply")
    body["revision"] = revision
    revision_body: dict[str, Any] = {"release": {"version": resource.spec["version"]}, "revision": revision}
    if "parameters" in body:
        revision_body["parameters"] = body["parameters"]
    return body, revision_body


#: The spec id a deployment's body carries in :func:`_check_writes` when the run has yet to create the spec.
_PLANNED = "spec-created-by-this-apply"


def _check_writes(plan: Plan) -> None:
    """Build every write the plan's deployments need, as apply will, so that bad input fails before any write."""
    for resource, document in zip(plan.resources, plan.documents, strict=True):
        if resource.kind != "deployment" or not resource.actions:
            continue
        body, revision_body = _deployment_bodies(resource, document, _spec_id(resource, document, {}) or _PLANNED)
        try:
            if "create" in resource.actions:
                _requests.create_deployment_call(body)
            if "revise" in resource.actions:
                _requests.create_deployment_revision_call(resource.id or _PLANNED, revision_body)
            if "update" in resource.actions:
                _requests.update_deployment_metadata_call(resource.id or _PLANNED, dict(body.get("metadata") or {}))
        except InvalidArgumentError as exc:
            raise InvalidArgumentError(f"deployment {resource.name!r} ({resource.origin}): {exc}") from None
