"""The emulator's state and the API's rules: what each operation does once its request is valid.

Every public method takes the store's lock, so requests from the server thread, the
in-process transports and the Python API see each operation whole. Inputs have already
passed the document's schemas; the checks here are the API's semantic rules (404, 409, 422).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from press_blocks._semver import SemVer
from press_blocks.emulator._constants import DEFAULT_USER
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._lifecycle import Transition
from press_blocks.emulator._params import check_definitions, check_param_references, resolve_values
from press_blocks.emulator._records import (
    AppDeploymentRecord,
    DeploymentRecord,
    ReleaseRecord,
    RevisionRecord,
    SpecRecord,
    Stamp,
)
from press_blocks.emulator._views import (
    app_deployment_view,
    deployment_status,
    deployment_view,
    ordered,
    page,
    release_view,
    revision_view,
    spec_view,
)

__all__ = ["Store"]

# The metadata fields the service owns; a request cannot set them.
_OWNED_METADATA = frozenset({"status", "createdAt", "createdBy", "updatedAt", "updatedBy"})


def _new_id() -> str:
    return str(uuid.uuid4())


def _user_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in metadata.items() if k not in _OWNED_METADATA}


def _text_key(field: str) -> Callable[[Any], str]:
    return lambda record: str(record.metadata.get(field) or "")


class Store:
    """In-memory specs, deployments and app deployments, and the operations on them."""

    def __init__(
        self,
        *,
        config_check: Callable[[str, Any], None],
        user: str = DEFAULT_USER,
        transition: Transition | None = None,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lock = threading.RLock()
        self.user = user
        self.transition = transition or Transition.immediate()
        self._config_check = config_check
        self._wall_clock = wall_clock
        self._monotonic = monotonic
        self._last_ms = 0
        self.specs: dict[str, SpecRecord] = {}
        self.deployments: dict[str, DeploymentRecord] = {}
        self.apps: dict[str, AppDeploymentRecord] = {}

    def reset(self) -> None:
        """Forget every spec, deployment and app deployment."""
        with self.lock:
            self.specs.clear()
            self.deployments.clear()
            self.apps.clear()

    def _stamp(self) -> Stamp:
        # Strictly increasing times make "newest first" a total, deterministic order.
        ms = max(int(self._wall_clock() * 1000), self._last_ms + 1)
        self._last_ms = ms
        moment = datetime.fromtimestamp(ms / 1000, tz=UTC)
        return Stamp(ms, moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z")

    # --- specs ------------------------------------------------------------------------

    def _spec(self, spec_id: str) -> SpecRecord:
        spec = self.specs.get(spec_id)
        if spec is None:
            raise ApiError(404, f"Spec {spec_id} not found")
        return spec

    def _check_spec_name(self, kind: str, name: str, *, exclude: str | None = None) -> None:
        for other in self.specs.values():
            if other.kind == kind and other.id != exclude and other.metadata.get("name") == name:
                raise ApiError(409, f"A {kind} spec named {name!r} already exists")

    def _new_release(
        self,
        spec: SpecRecord | None,
        kind: str,
        body: Mapping[str, Any],
        parameters: Mapping[str, Any] | None,
        auto_run: bool | None,
    ) -> ReleaseRecord:
        release = body["release"]
        version = str(release["version"])
        if not SemVer.valid(version):
            raise ApiError(422, f"Release version {version!r} is not a semantic version (MAJOR.MINOR.PATCH)")
        if spec is not None:
            latest = spec.latest.version
            if not SemVer(version) > SemVer(latest):
                raise ApiError(422, f"Release version {version} is not greater than the latest release {latest}")
        config = body["config"]
        self._config_check(kind, config)
        definitions = check_definitions(parameters or {})
        check_param_references(config, definitions)
        return ReleaseRecord(
            id=_new_id(),
            version=version,
            notes=str(release.get("notes", "")),
            config=config,
            parameters=definitions,
            auto_run_on_deploy=bool(auto_run),
            artifact=None,
            created=self._stamp(),
            created_by=self.user,
        )

    @staticmethod
    def _attach_artifact(spec: SpecRecord, release: ReleaseRecord) -> None:
        if spec.artifact_id is None:
            spec.artifact_id = _new_id()
        spec.artifact_versions += 1
        release.artifact = {"id": spec.artifact_id, "version": spec.artifact_versions}

    def create_spec(
        self,
        body: Mapping[str, Any],
        *,
        featured: bool | None = None,
        scope: str | None = None,
        tenants: Sequence[str] | None = None,
        parameters: Mapping[str, Any] | None = None,
        auto_run: bool | None = None,
        artifact: bool = False,
        validate_only: bool = False,
        spec_id: str | None = None,
    ) -> str | None:
        """Create a spec with its first release and return its id (``None`` when only validating)."""
        with self.lock:
            kind = str(body["kind"])
            metadata = _user_metadata(body["metadata"])
            self._check_spec_name(kind, str(metadata["name"]))
            if spec_id is not None and spec_id in self.specs:
                raise ApiError(409, f"A spec with id {spec_id} already exists")
            release = self._new_release(None, kind, body, parameters, auto_run)
            if validate_only:
                return None
            stamp = release.created
            spec = SpecRecord(
                id=spec_id or _new_id(),
                kind=kind,
                metadata=metadata,
                status="available",
                featured=bool(featured),
                scope=scope or "private",
                tenants=list(tenants or []),
                created=stamp,
                created_by=self.user,
                updated=stamp,
                updated_by=self.user,
                releases=[release],
            )
            if artifact:
                self._attach_artifact(spec, release)
            self.specs[spec.id] = spec
            return spec.id

    def list_specs(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """Return one page of specs, filtered and sorted as the query asks."""
        with self.lock:
            specs = [
                s
                for s in self.specs.values()
                if (not query.get("status") or s.status in query["status"])
                and (not query.get("scope") or s.scope in query["scope"])
                and (query.get("featured") is None or s.featured == query["featured"])
                and str(s.metadata.get("name", "")).startswith(query.get("name") or "")
                and str(s.metadata.get("title", "")).startswith(query.get("title") or "")
            ]
            keys: dict[str, Callable[[SpecRecord], Any]] = {
                "createdAt": lambda s: s.created.seq,
                "createdBy": lambda s: s.created_by,
                "name": _text_key("name"),
                "title": _text_key("title"),
            }
            views = [spec_view(s, full=False) for s in ordered(specs, query.get("sort"), keys)]
            return page(views, query, "specs", "specCount")

    def describe_spec(self, spec_id: str) -> dict[str, Any]:
        """Return a spec with its latest release and that release's parameter definitions."""
        with self.lock:
            return spec_view(self._spec(spec_id), full=True)

    def update_spec_metadata(self, spec_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Merge a metadata/discoverability update into a spec and return the spec."""
        with self.lock:
            spec = self._spec(spec_id)
            patch = dict(body.get("metadata") or {})
            status = patch.pop("status", None)
            patch = _user_metadata(patch)
            if "name" in patch:
                self._check_spec_name(spec.kind, str(patch["name"]), exclude=spec.id)
            spec.metadata = {**spec.metadata, **patch}
            if status is not None:
                spec.status = str(status)
            if "featured" in body:
                spec.featured = bool(body["featured"])
            if "scope" in body:
                spec.scope = str(body["scope"])
            if "tenants" in body:
                spec.tenants = list(body["tenants"])
            spec.updated = self._stamp()
            spec.updated_by = self.user
            return spec_view(spec, full=True)

    def delete_spec(self, spec_id: str) -> None:
        """Delete a spec and its releases; 409 while deployments of it exist."""
        with self.lock:
            spec = self._spec(spec_id)
            using = [d.id for d in self.deployments.values() if d.spec_id == spec.id]
            if using:
                raise ApiError(409, f"Spec {spec_id} still has {len(using)} deployment(s); delete them first")
            del self.specs[spec_id]

    def create_spec_release(
        self,
        spec_id: str,
        body: Mapping[str, Any],
        *,
        parameters: Mapping[str, Any] | None = None,
        auto_run: bool | None = None,
        artifact: bool = False,
        validate_only: bool = False,
    ) -> str | None:
        """Publish a release (a semantic version above the latest) and return its version (``None`` if validating)."""
        with self.lock:
            spec = self._spec(spec_id)
            release = self._new_release(spec, spec.kind, body, parameters, auto_run)
            if validate_only:
                return None
            if artifact:
                self._attach_artifact(spec, release)
            spec.releases.append(release)
            return release.version

    def list_spec_releases(self, spec_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
        """Return one page of a spec's releases, newest first unless sorted otherwise."""
        with self.lock:
            spec = self._spec(spec_id)
            keys: dict[str, Callable[[ReleaseRecord], Any]] = {
                "createdAt": lambda r: r.created.seq,
                "createdBy": lambda r: r.created_by,
            }
            views = [release_view(r, full=False) for r in ordered(spec.releases, query.get("sort"), keys)]
            return page(views, query, "releases", "releaseCount")

    def describe_spec_release(self, spec_id: str, version: str) -> dict[str, Any]:
        """Return one release of a spec, with its config, parameters and artifact."""
        with self.lock:
            release = self._spec(spec_id).release(version)
            if release is None:
                raise ApiError(404, f"Release {version} of spec {spec_id} not found")
            return release_view(release, full=True)

    # --- deployments -----------------------------------------------------------------------

    def _deployment(self, deployment_id: str, *, described: bool = False) -> DeploymentRecord:
        deployment = self.deployments.get(deployment_id)
        if deployment is None:
            raise ApiError(404, f"Deployment {deployment_id} not found")
        self._settle(deployment, described=described)
        return deployment

    def _settle(self, deployment: DeploymentRecord, *, described: bool = False) -> None:
        now = self._monotonic()
        for revision in deployment.revisions:
            if revision.status != "deploying":
                continue
            if described:
                revision.describes += 1
            if revision.transition.done(elapsed=now - revision.started_at, describes=revision.describes):
                self._finish(deployment, revision)

    def _finish(self, deployment: DeploymentRecord, revision: RevisionRecord) -> None:
        # The newest deployed revision is the live one; every older one is superseded. A revision
        # that did not deploy (failed, rollback...) replaces nothing: the one before keeps running.
        if any(r.number > revision.number and r.status == "deployed" for r in deployment.revisions):
            revision.status = "superseded"
            return
        transition = revision.transition
        if transition.revision_status == "deployed":
            for older in deployment.revisions:
                if older.number < revision.number and older.status in ("deployed", "deploying"):
                    older.status = "superseded"
        revision.status = transition.revision_status
        if transition.outcome != "deployed":
            what = "deployed with a warning" if transition.outcome == "warning" else f"ended in {transition.outcome}"
            message = f"this resource {what} (emulated by the transition {transition})"
            revision.errors = [{"code": 500, "message": message, "createdAt": self._stamp().text}]

    def _check_deployment_name(self, kind: str, name: str, *, exclude: str | None = None) -> None:
        for other in self.deployments.values():
            if other.kind == kind and other.id != exclude and other.metadata.get("name") == name:
                raise ApiError(409, f"A {kind} deployment named {name!r} already exists")

    @staticmethod
    def _release_for(spec: SpecRecord, requested: Mapping[str, Any] | None) -> ReleaseRecord:
        version = (requested or {}).get("version")
        if version is None:
            return spec.latest
        release = spec.release(str(version))
        if release is None:
            raise ApiError(422, f"Spec {spec.id} has no release {version}")
        return release

    def _add_revision(
        self,
        deployment: DeploymentRecord,
        release: ReleaseRecord,
        notes: str,
        *,
        build: dict[str, Any],
        run: dict[str, Any],
        redeploy: bool = False,
    ) -> RevisionRecord:
        revision = RevisionRecord(
            id=_new_id(),
            number=len(deployment.revisions) + 1,
            notes=notes,
            release_version=release.version,
            build_values=build,
            run_values=run,
            status="deploying",
            created=self._stamp(),
            created_by=self.user,
            transition=self.transition,
            started_at=self._monotonic(),
            resource_id=_new_id(),
            redeploy=redeploy,
        )
        deployment.revisions.append(revision)
        deployment.build_values = build
        deployment.run_values = run
        self._settle(deployment)
        return revision

    def create_deployment(self, body: Mapping[str, Any], *, deployment_id: str | None = None) -> str:
        """Deploy a release of a spec (the latest when none is given) and return the deployment's id."""
        with self.lock:
            spec_ref = body["spec"]
            spec = self._spec(str(spec_ref["id"]))
            release = self._release_for(spec, spec_ref.get("release"))
            metadata = _user_metadata(body["metadata"])
            self._check_deployment_name(spec.kind, str(metadata["name"]))
            if deployment_id is not None and deployment_id in self.deployments:
                raise ApiError(409, f"A deployment with id {deployment_id} already exists")
            given = body.get("parameters") or {}
            build = resolve_values("build", release.parameters.get("build", []), given.get("build") or {})
            run = resolve_values("run", release.parameters.get("run", []), given.get("run") or {})
            stamp = self._stamp()
            deployment = DeploymentRecord(
                id=deployment_id or _new_id(),
                kind=spec.kind,
                spec_id=spec.id,
                metadata=metadata,
                created=stamp,
                created_by=self.user,
                updated=stamp,
                updated_by=self.user,
                build_values=build,
                run_values=run,
            )
            self._add_revision(
                deployment, release, str((body.get("revision") or {}).get("notes", "")), build=build, run=run
            )
            self.deployments[deployment.id] = deployment
            return deployment.id

    def list_deployments(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """Return one page of deployments, filtered and sorted as the query asks."""
        with self.lock:
            for deployment in self.deployments.values():
                self._settle(deployment)
            deployments = [
                d
                for d in self.deployments.values()
                if (not query.get("status") or deployment_status(d) in query["status"])
                and str(d.metadata.get("name", "")).startswith(query.get("name") or "")
                and str(d.metadata.get("title", "")).startswith(query.get("title") or "")
            ]
            keys: dict[str, Callable[[DeploymentRecord], Any]] = {
                "createdAt": lambda d: d.created.seq,
                "createdBy": lambda d: d.created_by,
                "name": _text_key("name"),
                "title": _text_key("title"),
            }
            views = [
                deployment_view(d, self.specs[d.spec_id], full=False)
                for d in ordered(deployments, query.get("sort"), keys)
            ]
            return page(views, query, "deployments", "deploymentCount")

    def describe_deployment(self, deployment_id: str) -> dict[str, Any]:
        """Return a deployment with its latest revision; counts as a describe for ``describes:N`` transitions."""
        with self.lock:
            deployment = self._deployment(deployment_id, described=True)
            return deployment_view(deployment, self.specs[deployment.spec_id], full=True)

    def update_deployment_metadata(self, deployment_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Merge a metadata update into a deployment and return the deployment."""
        with self.lock:
            deployment = self._deployment(deployment_id)
            patch = _user_metadata(body)
            if "name" in patch:
                self._check_deployment_name(deployment.kind, str(patch["name"]), exclude=deployment.id)
            deployment.metadata = {**deployment.metadata, **patch}
            deployment.updated = self._stamp()
            deployment.updated_by = self.user
            return deployment_view(deployment, self.specs[deployment.spec_id], full=True)

    def delete_deployment(self, deployment_id: str) -> None:
        """Delete a deployment and its revisions."""
        with self.lock:
            self._deployment(deployment_id)
            del self.deployments[deployment_id]

    def create_deployment_revision(self, deployment_id: str, body: Mapping[str, Any]) -> int:
        """Publish a new revision from a release (the spec's latest when none is given); return its number.

        Parameters not given are carried over from the deployment where the release still
        defines them; defaults fill the rest.
        """
        with self.lock:
            deployment = self._deployment(deployment_id)
            spec = self.specs[deployment.spec_id]
            release = self._release_for(spec, body.get("release"))
            given = body.get("parameters")
            definitions = release.parameters
            if given is None:
                build_in = {k: v for k, v in deployment.build_values.items() if v is not None}
                run_in = {k: v for k, v in deployment.run_values.items() if v is not None}
                build_in = {k: v for k, v in build_in.items() if any(d["name"] == k for d in definitions["build"])}
                run_in = {k: v for k, v in run_in.items() if any(d["name"] == k for d in definitions["run"])}
            else:
                build_in, run_in = dict(given.get("build") or {}), dict(given.get("run") or {})
            build = resolve_values("build", definitions.get("build", []), build_in)
            run = resolve_values("run", definitions.get("run", []), run_in)
            notes = str((body.get("revision") or {}).get("notes", ""))
            return self._add_revision(deployment, release, notes, build=build, run=run).number

    def redeploy(self, deployment_id: str) -> dict[str, Any]:
        """Start a new revision from the current release and parameters; 409 while a revision is deploying."""
        with self.lock:
            deployment = self._deployment(deployment_id)
            latest = deployment.latest
            if latest.status == "deploying":
                raise ApiError(409, f"Revision {latest.number} of deployment {deployment_id} is still deploying")
            spec = self.specs[deployment.spec_id]
            release = spec.release(latest.release_version) or spec.latest
            revision = self._add_revision(
                deployment,
                release,
                f"Redeploy of revision {latest.number}",
                build=deployment.build_values,
                run=deployment.run_values,
                redeploy=True,
            )
            return {"deploymentId": deployment.id, "revision": revision.number, "revisionId": revision.id}

    def list_deployment_revisions(self, deployment_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
        """Return one page of a deployment's revisions, newest first unless sorted otherwise."""
        with self.lock:
            deployment = self._deployment(deployment_id)
            spec = self.specs[deployment.spec_id]
            revisions = [r for r in deployment.revisions if not query.get("status") or r.status in query["status"]]
            keys: dict[str, Callable[[RevisionRecord], Any]] = {
                "createdAt": lambda r: r.created.seq,
                "createdBy": lambda r: r.created_by,
            }
            views = [
                revision_view(r, deployment, spec, full=False) for r in ordered(revisions, query.get("sort"), keys)
            ]
            return page(views, query, "revisions", "revisionCount")

    def describe_deployment_revision(self, deployment_id: str, number: int) -> dict[str, Any]:
        """Return one revision; counts as a describe of its deployment."""
        with self.lock:
            deployment = self._deployment(deployment_id, described=True)
            revision = deployment.revision(number)
            if revision is None:
                raise ApiError(404, f"Revision {number} of deployment {deployment_id} not found")
            return revision_view(revision, deployment, self.specs[deployment.spec_id], full=True)

    def get_parameters(self, deployment_id: str) -> dict[str, Any]:
        """Return a deployment's run-parameter values, unmasked."""
        with self.lock:
            return dict(self._deployment(deployment_id).run_values)

    def patch_parameters(self, deployment_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Merge values into a deployment's run parameters, checked against its current release; return them all."""
        with self.lock:
            deployment = self._deployment(deployment_id)
            release = self.specs[deployment.spec_id].release(deployment.latest.release_version)
            definitions = release.parameters.get("run", []) if release is not None else []
            merged = {**{k: v for k, v in deployment.run_values.items() if v is not None}, **values}
            deployment.run_values = resolve_values("run", definitions, merged)
            deployment.updated = self._stamp()
            deployment.updated_by = self.user
            return dict(deployment.run_values)

    # --- app deployments ----------------------------------------------------------------------

    def describe_app_deployment(self, app_id: str) -> dict[str, Any]:
        """Return an app deployment with the blocks of its latest revision."""
        with self.lock:
            app = self.apps.get(app_id)
            if app is None:
                raise ApiError(404, f"App deployment {app_id} not found")
            for block in (app.document.get("latestRevision") or {}).get("blocks") or []:
                live = self.deployments.get(str(block.get("deploymentId")))
                if live is not None:
                    self._settle(live)
            return app_deployment_view(app, self.deployments)

    def add_app(self, document: Mapping[str, Any], *, children: Sequence[str] | None = None) -> str:
        """Add an app deployment (an ``AppDeployment`` as the API describes it) and return its id.

        ``children`` are block deployments whose ``parent`` becomes this app; ``None`` means
        every block deployment the app's blocks name. An unknown child is a 404.
        """
        with self.lock:
            blocks = (document.get("latestRevision") or {}).get("blocks") or []
            if children is None:
                children = [
                    str(b.get("deploymentId")) for b in blocks if str(b.get("deploymentId")) in self.deployments
                ]
            for child in children:
                if child not in self.deployments:
                    raise ApiError(404, f"Deployment {child} not found")
            app_id = str(document.get("id") or _new_id())
            if app_id in self.apps:
                raise ApiError(409, f"An app deployment with id {app_id} already exists")
            app = AppDeploymentRecord(
                id=app_id,
                document={k: v for k, v in document.items() if k != "id"},
                revision_id=_new_id(),
                created=self._stamp(),
                created_by=self.user,
            )
            self.apps[app.id] = app
            for child in children:
                self.deployments[child].parent_id = app.id
            return app.id

    def set_parent(self, deployment_id: str, parent_id: str | None) -> None:
        """Set (or clear) the ``parent`` of a block deployment."""
        with self.lock:
            self._deployment(deployment_id).parent_id = parent_id

    def snapshot(self) -> dict[str, Any]:
        """Return everything, newest first, as the API shows it (hidden values masked), for the inspector.

        Time-based transitions are settled; nothing here counts as a describe. Deploying
        revisions carry ``progress``: the transition they follow and the describes so far.
        """
        with self.lock:
            specs = []
            for spec in sorted(self.specs.values(), key=lambda s: s.created.seq, reverse=True):
                view = spec_view(spec, full=True)
                view["releases"] = [release_view(r, full=False) for r in reversed(spec.releases)]
                specs.append(view)
            deployments = []
            for deployment in sorted(self.deployments.values(), key=lambda d: d.created.seq, reverse=True):
                self._settle(deployment)
                spec = self.specs[deployment.spec_id]
                view = deployment_view(deployment, spec, full=True)
                revisions = []
                for revision in reversed(deployment.revisions):
                    item = revision_view(revision, deployment, spec, full=False)
                    item["releaseVersion"] = revision.release_version
                    if revision.errors:  # why a revision failed, rolled back or warns
                        item["errors"] = [dict(error) for error in revision.errors]
                    if revision.status == "deploying":
                        item["progress"] = {"transition": str(revision.transition), "describes": revision.describes}
                    revisions.append(item)
                view["revisions"] = revisions
                deployments.append(view)
            apps = [
                app_deployment_view(a, self.deployments)
                for a in sorted(self.apps.values(), key=lambda a: a.created.seq, reverse=True)
            ]
            return {"specs": specs, "deployments": deployments, "appDeployments": apps, "counts": self.counts()}

    def hidden_values(self) -> set[str]:
        """Return the text of every parameter value whose definition hides it (to mask it in the request log)."""
        with self.lock:
            hidden: set[str] = set()
            for deployment in self.deployments.values():
                spec = self.specs.get(deployment.spec_id)
                if spec is None:
                    continue
                for revision in deployment.revisions:
                    release = spec.release(revision.release_version)
                    definitions = release.parameters if release is not None else {}
                    for kind, values in (("build", revision.build_values), ("run", revision.run_values)):
                        names = {d["name"] for d in definitions.get(kind, []) if d.get("hideValue")}
                        hidden.update(str(v) for k, v in values.items() if k in names and isinstance(v, str))
                run = spec.release(deployment.latest.release_version)
                names = {d["name"] for d in (run.parameters.get("run", []) if run else []) if d.get("hideValue")}
                hidden.update(str(v) for k, v in deployment.run_values.items() if k in names and isinstance(v, str))
            return hidden

    def hidden_names(self) -> set[str]:
        """Return the name of every build or run parameter a release hides (to mask its values in the request log)."""
        with self.lock:
            return {
                definition["name"]
                for spec in self.specs.values()
                for release in spec.releases
                for definitions in release.parameters.values()
                for definition in definitions
                if definition.get("hideValue")
            }

    def counts(self) -> dict[str, int]:
        """Return how many specs, releases, deployments, revisions and app deployments there are."""
        with self.lock:
            return {
                "specs": len(self.specs),
                "releases": sum(len(s.releases) for s in self.specs.values()),
                "deployments": len(self.deployments),
                "revisions": sum(len(d.revisions) for d in self.deployments.values()),
                "appDeployments": len(self.apps),
            }
