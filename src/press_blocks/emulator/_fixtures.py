"""Seeding the emulator from a fixture (a mapping, or a YAML/JSON file) of specs, deployments and app deployments.

A fixture says what a client would have sent, checked against the same schemas::

    specs:                       # each: the parts of createSpec, plus optional id and releases
      - id: 0bddb4c6-40c5-45c3-b477-fceb2c051609
        spec: {...}              # SpecCreateBody
        featured: true
        scope: private           # private | public | shared
        tenants: [tenant1]
        parameters: {run: [...]} # ParameterDefinitionsInput
        autoRunOnDeploy: true
        artifact: true           # record an uploaded artifact
        releases:                # later releases, oldest first: the parts of createSpecRelease
          - {spec: {...}, parameters: {...}, autoRunOnDeploy: false, artifact: true}
    deployments:                 # each: a CreateDeploymentBody, plus optional id, parent, revisions
      - id: e04e308d-98dc-4443-bb02-c4ef990a3fdc
        metadata: {...}
        revision: {notes: First}
        spec: {id: 0bddb4c6-40c5-45c3-b477-fceb2c051609, release: {version: 1.0.0}}
        parent: {id: a3e77006-86f3-4829-8c43-f21ad462dbbd}
        revisions: [{...}]       # CreateRevisionBody, in order
    appDeployments:              # each: an AppDeployment as describeAppDeployment returns it (id optional)
      - id: a3e77006-86f3-4829-8c43-f21ad462dbbd
        kind: app
        latestRevision:
          status: deployed
          blocks: [{deploymentId: e04e..., platformId: "6789", kind: workflow, name: x, status: deployed}]
        children: [e04e...]      # block deployments whose parent becomes this app
                                 # (default: every existing deployment its blocks name)

Seeding is all or nothing: a fixture that fails leaves the state as it was.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from press_blocks.emulator._contract import Contract
from press_blocks.emulator._errors import ApiError, SeedError
from press_blocks.emulator._state import Store
from press_blocks.emulator._wire import load_yaml

__all__ = ["load_fixture", "seed_fixture"]

_TOP_KEYS = frozenset({"specs", "deployments", "appDeployments"})
_SPEC_KEYS = frozenset(
    {"id", "spec", "featured", "scope", "tenants", "parameters", "autoRunOnDeploy", "artifact", "releases"}
)
_RELEASE_KEYS = frozenset({"spec", "parameters", "autoRunOnDeploy", "artifact"})


def load_fixture(source: Mapping[str, Any] | str | os.PathLike[str]) -> dict[str, Any]:
    """Return a fixture as a mapping: given one, or read from a YAML or JSON file."""
    if isinstance(source, Mapping):
        return dict(source)
    path = Path(source)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), f"fixture {path}")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"cannot read fixture {path}: {exc}") from None
    except ValueError as exc:
        raise SeedError(str(exc)) from None
    if not isinstance(data, dict):
        raise SeedError(f"fixture {path} must hold a mapping with specs, deployments and/or appDeployments")
    return data


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SeedError(f"{where} must be a list")
    return value


def _entry(value: Any, where: str, keys: frozenset[str] | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SeedError(f"{where} must be a mapping")
    if keys is not None:
        unknown = set(value) - keys
        if unknown:
            raise SeedError(f"{where} has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    return value


class _Seeder:
    def __init__(self, store: Store, contract: Contract) -> None:
        self.store = store
        self.contract = contract
        self.spec_form = contract.operations["createSpec"]
        self.release_form = contract.operations["createSpecRelease"]

    def check(self, ref: str, value: Any, where: str) -> None:
        errors = self.contract.schema_errors(ref, value)
        if errors:
            raise SeedError(f"{where} does not match {ref.rsplit('/', 1)[-1]}: " + "; ".join(errors))

    def check_form(self, operation_id: str, entry: Mapping[str, Any], where: str) -> None:
        """Check an entry as the multipart form it stands for: plain parts as strings, JSON parts decoded."""
        operation = self.contract.operations[operation_id]
        form: dict[str, Any] = {}
        for name, value in entry.items():
            if name in operation.json_parts:
                form[name] = json.dumps(value)
                self.check(operation.json_parts[name], value, f"{where}.{name}")
            elif name in operation.flag_parts:
                if not isinstance(value, bool):
                    raise SeedError(f"{where}.{name} must be true or false")
                form[name] = "true" if value else "false"
            elif name in operation.binary_parts:
                if not isinstance(value, bool):
                    raise SeedError(f"{where}.{name} must be true or false (whether an artifact was uploaded)")
            else:
                form[name] = value
        self.check(self.contract.request_schema_pointer(operation_id, "multipart/form-data"), form, where)

    def spec(self, index: int, raw: Any) -> str:
        where = f"specs[{index}]"
        entry = _entry(raw, where, _SPEC_KEYS)
        releases = _list(entry.get("releases"), f"{where}.releases")
        spec_id = entry.get("id")
        if spec_id is not None and not isinstance(spec_id, str):
            raise SeedError(f"{where}.id must be a string")
        self.check_form("createSpec", {k: v for k, v in entry.items() if k not in ("id", "releases")}, where)
        created = self.store.create_spec(
            entry["spec"],
            featured=entry.get("featured"),
            scope=entry.get("scope"),
            tenants=entry.get("tenants"),
            parameters=entry.get("parameters"),
            auto_run=entry.get("autoRunOnDeploy"),
            artifact=bool(entry.get("artifact")),
            spec_id=spec_id,
        )
        assert created is not None
        for r_index, raw_release in enumerate(releases):
            r_where = f"{where}.releases[{r_index}]"
            release = _entry(raw_release, r_where, _RELEASE_KEYS)
            self.check_form("createSpecRelease", release, r_where)
            self.store.create_spec_release(
                created,
                release["spec"],
                parameters=release.get("parameters"),
                auto_run=release.get("autoRunOnDeploy"),
                artifact=bool(release.get("artifact")),
            )
        return created

    def deployment(self, index: int, raw: Any) -> str:
        where = f"deployments[{index}]"
        entry = dict(_entry(raw, where))
        deployment_id = entry.pop("id", None)
        parent = entry.pop("parent", None)
        revisions = _list(entry.pop("revisions", None), f"{where}.revisions")
        if deployment_id is not None and not isinstance(deployment_id, str):
            raise SeedError(f"{where}.id must be a string")
        self.check(self.contract.request_schema_pointer("createDeployment"), entry, where)
        created = self.store.create_deployment(entry, deployment_id=deployment_id)
        for r_index, revision in enumerate(revisions):
            r_where = f"{where}.revisions[{r_index}]"
            self.check(self.contract.request_schema_pointer("createDeploymentRevision"), revision, r_where)
            self.store.create_deployment_revision(created, revision)
        if parent is not None:
            if not isinstance(parent, dict) or not isinstance(parent.get("id"), str):
                raise SeedError(f"{where}.parent must be a mapping with a string id")
            self.store.set_parent(created, parent["id"])
        return created

    def app(self, index: int, raw: Any) -> str:
        where = f"appDeployments[{index}]"
        entry = dict(_entry(raw, where))
        children = entry.pop("children", None)
        if children is not None and (not isinstance(children, list) or not all(isinstance(c, str) for c in children)):
            raise SeedError(f"{where}.children must be a list of deployment ids")
        if entry.get("id") is not None and not isinstance(entry["id"], str):
            raise SeedError(f"{where}.id must be a string")
        # The id is made when not given; the rest must already be an AppDeployment.
        self.check(
            self.contract.response_schema_pointer("describeAppDeployment"),
            {**entry, "id": entry.get("id") or "to-be-assigned"},
            where,
        )
        return self.store.add_app(entry, children=children)


def seed_fixture(store: Store, contract: Contract, fixture: Mapping[str, Any]) -> dict[str, list[str]]:
    """Add a fixture's specs, deployments and app deployments; return their ids. All or nothing."""
    unknown = set(fixture) - _TOP_KEYS
    if unknown:
        raise SeedError(f"unknown fixture keys: {', '.join(sorted(map(str, unknown)))}")
    seeder = _Seeder(store, contract)
    with store.lock:
        saved = copy.deepcopy((store.specs, store.deployments, store.apps))
        try:
            return {
                "specs": [seeder.spec(i, e) for i, e in enumerate(_list(fixture.get("specs"), "specs"))],
                "deployments": [
                    seeder.deployment(i, e) for i, e in enumerate(_list(fixture.get("deployments"), "deployments"))
                ],
                "appDeployments": [
                    seeder.app(i, e) for i, e in enumerate(_list(fixture.get("appDeployments"), "appDeployments"))
                ],
            }
        except ApiError as exc:
            store.specs, store.deployments, store.apps = saved
            raise SeedError(f"the fixture breaks the API's rules ({exc.status}): {exc.detail}") from None
        except BaseException:
            store.specs, store.deployments, store.apps = saved
            raise
