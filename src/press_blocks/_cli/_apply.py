"""``press-blocks apply FILE``: make the service match a spec or deployment file, changing only what differs.

For a spec file (the ``specs create`` shape): create the spec when no spec of that kind has
that name; publish a release when the file's version is newer than the latest; do nothing
when it is the latest version with the same content; refuse an older version, or the same
version with different content. For a deployment file (the ``deployments create`` shape):
create it when no deployment has that name; add a revision when the release or parameters
differ; otherwise do nothing. Reads come first, then at most one write.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from press_blocks._cli._commands import emit, open_client
from press_blocks._cli._errors import ApplyRefused, ExitCode, UsageError
from press_blocks._cli._files import SHAPES, RequestFile, read_request_file

if TYPE_CHECKING:
    from press_blocks import Block, DryRun

__all__ = ["Plan", "plan_deployment", "plan_spec", "run_apply"]


@dataclass
class Plan:
    """What ``apply`` will do: ``action`` (create, release, revise or unchanged) and the write that does it."""

    action: str
    kind: str
    details: dict[str, Any] = field(default_factory=dict)
    write: Callable[[Block], Mapping[str, Any]] | None = None

    _DONE: ClassVar[dict[str, str]] = {
        "create": "created",
        "release": "released",
        "revise": "revised",
        "unchanged": "unchanged",
    }

    def report(self, *, done: bool, result: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Return what is printed: the action (past tense once done), the kind, the ids and versions."""
        report: dict[str, Any] = {"action": self._DONE[self.action] if done else self.action, "kind": self.kind}
        report.update(self.details)
        if result:
            report.update({key: value for key, value in result.items() if key not in ("action", "kind")})
        if not done:
            report["dryRun"] = True
        return report


def run_apply(args: argparse.Namespace) -> int:
    """Plan and carry out ``apply`` for ``args.file``; return the exit code.

    ``--dry-run`` does the reads (so it needs a token) and reports the action it would take,
    with the library's dry run of the one write that action sends under ``request``.
    """
    request = read_request_file(
        args.file, SHAPES["specs create"], params_file=args.params_file, params=args.params, command="apply"
    )
    deployment = "spec" in request.body
    if deployment:
        extra = sorted(set(request.arguments) - {"body"})
        if extra:
            raise UsageError(f"{args.file}: a deployment file holds only 'body', not {', '.join(extra)}")
    with open_client(args, dry_run=False) as client:
        plan = plan_deployment(client, request) if deployment else plan_spec(client, request)
        if plan.write is None:
            emit(args, plan.report(done=True))
            return ExitCode.OK
        if args.dry_run:
            report = plan.report(done=False)
            report["request"] = _dry_run_of(plan.write, client).to_dict()
            emit(args, report)
            return ExitCode.OK
        result = plan.write(client)
        emit(args, plan.report(done=True, result=result))
        if deployment and args.wait:
            from press_blocks._cli._wait import wait_until_settled

            wait_until_settled(
                client,
                str(result["id"]),
                result.get("revision"),
                timeout=args.wait_timeout,
                poll_interval=args.wait_interval,
            )
    return ExitCode.OK


def _dry_run_of(write: Callable[[Block], Mapping[str, Any]], client: Block) -> DryRun:
    from press_blocks import DryRun

    dry: Any = write(client.with_options(dry_run=True))
    assert isinstance(dry, DryRun), "a dry-run client returns a DryRun"
    return dry


def plan_spec(client: Block, request: RequestFile) -> Plan:
    """Decide what a spec file needs: create, release, unchanged, or refuse (:class:`ApplyRefused`)."""
    from press_blocks._semver import SemVer

    body = request.body
    name, kind = _required(body, request.path, "metadata.name", "kind")
    version = str(_required(body, request.path, "release.version")[0])
    details: dict[str, Any] = {"name": name, "version": version}
    found = _exact(client.list_specs(name=name), name, kind=kind)
    if found is None:
        return Plan("create", "spec", details, lambda c: c.create_spec(**request.arguments))
    spec_id = str(found["id"])
    details["id"] = spec_id
    latest = str((_json(client.describe_spec(spec_id)).get("latestRelease") or {}).get("version") or "")
    details["latestVersion"] = latest
    try:
        ordering = _compare(SemVer(version), SemVer(latest)) if latest else 1
    except ValueError as exc:
        raise UsageError(f"{request.path}: {exc}") from None
    if ordering > 0:
        release_arguments = {key: value for key, value in request.arguments.items() if key not in _SPEC_ONLY}
        release_arguments["body"] = {"release": body["release"], "config": body.get("config", {})}
        return Plan("release", "spec", details, lambda c: c.create_spec_release(spec_id, **release_arguments))
    if ordering < 0:
        raise ApplyRefused(
            f"spec {name!r} ({spec_id}) is at {latest}; the file's version {version} is older. "
            "Bump release.version in the file to publish it"
        )
    release = _json(client.describe_spec_release(spec_id, version))
    different = _differences(
        {"config": body.get("config", {}), "parameters": request.arguments.get("parameters")},
        {"config": release.get("config"), "parameters": release.get("parameters")},
    )
    if different:
        raise ApplyRefused(
            f"spec {name!r} ({spec_id}) already has release {version} with different {', '.join(different)}. "
            "Bump release.version in the file to publish the change"
        )
    return Plan("unchanged", "spec", details)


def plan_deployment(client: Block, request: RequestFile) -> Plan:
    """Decide what a deployment file needs: create, revise, or unchanged."""
    body = request.body
    (name,) = _required(body, request.path, "metadata.name")
    spec_id = str(_required(body, request.path, "spec.id")[0])
    details: dict[str, Any] = {"name": name}
    found = _deployment_named(client, name, spec_id)
    if found is None:
        return Plan("create", "deployment", details, lambda c: c.create_deployment(body))
    deployment_id = str(found["id"])
    details["id"] = deployment_id
    current_spec = str((found.get("spec") or {}).get("id", ""))
    if current_spec != spec_id:
        raise ApplyRefused(
            f"deployment {name!r} ({deployment_id}) deploys spec {current_spec}, not {spec_id}; "
            "a deployment cannot change its spec"
        )
    deployment = _json(client.describe_deployment(deployment_id))
    number = (deployment.get("latestRevision") or {}).get("revision")
    revision = _json(client.describe_deployment_revision(deployment_id, number)) if number is not None else {}
    deployed_version = str(((revision.get("spec") or {}).get("release") or {}).get("version", ""))
    wanted = ((body.get("spec") or {}).get("release") or {}).get("version")
    if wanted is None:
        wanted = (_json(client.describe_spec(spec_id)).get("latestRelease") or {}).get("version")
    details.update({"revision": number, "version": str(wanted)})
    different = [] if str(wanted) == deployed_version else ["release"]
    different += _parameter_differences(body.get("parameters") or {}, revision.get("parameters") or {})
    if not different:
        return Plan("unchanged", "deployment", details)
    details["changed"] = different
    revision_body: dict[str, Any] = {"release": {"version": str(wanted)}}
    for key in ("parameters", "revision"):
        if key in body:
            revision_body[key] = body[key]
    return Plan("revise", "deployment", details, lambda c: c.create_deployment_revision(deployment_id, revision_body))


_SPEC_ONLY = ("featured", "scope", "tenants")


def _required(body: dict[str, Any], path: str, *dotted: str) -> list[Any]:
    values = []
    for name in dotted:
        value: Any = body
        for key in name.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value in (None, ""):
            raise UsageError(f"{path}: apply needs body.{name}")
        values.append(value)
    return values


def _exact(items: Iterable[Mapping[str, Any]], name: str, kind: str) -> Mapping[str, Any] | None:
    """Return the listed item of ``kind`` named exactly ``name`` (the service's filter matches prefixes)."""
    return next((i for i in _named(items, name) if i.get("kind") == kind), None)


def _named(items: Iterable[Mapping[str, Any]], name: str) -> list[Mapping[str, Any]]:
    return [item for item in items if (item.get("metadata") or {}).get("name") == name]


def _deployment_named(client: Block, name: str, spec_id: str) -> Mapping[str, Any] | None:
    """Return the deployment the file names: same name, and the kind of the file's spec (names are per kind)."""
    found = _named(client.list_deployments(name=name), name)
    same_spec = [d for d in found if str((d.get("spec") or {}).get("id", "")) == spec_id]
    if same_spec or not found:
        return same_spec[0] if same_spec else None
    kind = client.describe_spec(spec_id).get("kind")
    return next((d for d in found if d.get("kind") == kind), None)


def _json(answer: Mapping[str, Any]) -> dict[str, Any]:
    """The service's answer as generic JSON: apply compares what it reads, whatever the schema says."""
    return dict(answer)


def _compare(left: Any, right: Any) -> int:
    return int(left > right) - int(left < right)


def _differences(wanted: dict[str, Any], current: dict[str, Any]) -> list[str]:
    return [key for key, value in wanted.items() if value is not None and not _contains(current.get(key), value)]


def _contains(current: Any, wanted: Any) -> bool:
    """Whether ``current`` holds everything ``wanted`` says (the service may add defaults of its own)."""
    if isinstance(wanted, dict):
        return isinstance(current, dict) and all(_contains(current.get(k), v) for k, v in wanted.items())
    if isinstance(wanted, list):
        return (
            isinstance(current, list)
            and len(current) == len(wanted)
            and all(_contains(c, w) for c, w in zip(current, wanted, strict=True))
        )
    return bool(current == wanted)


def _parameter_differences(wanted: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Compare ``{section: {name: value}}`` from the file with the revision's ``{section: [{name, value}]}``.

    The API masks the values of hidden parameters (``hideValue``), so those cannot be compared.
    """
    changed = []
    for section, values in wanted.items():
        listed = current.get(section) or []
        items = listed if isinstance(listed, list) else [{"name": k, "value": v} for k, v in dict(listed).items()]
        hidden = {p.get("name") for p in items if isinstance(p, dict) and p.get("hideValue")}
        have = {p.get("name"): p.get("value") for p in items if isinstance(p, dict)}
        if any(key not in hidden and have.get(key, _MISSING) != value for key, value in (values or {}).items()):
            changed.append(f"parameters.{section}")
    return changed


_MISSING = object()
