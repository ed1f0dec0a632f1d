"""Deploy as code without I/O: desired-state documents, fingerprints, field comparisons and the plan model.

``press_blocks.deploy`` (the public module) plans and applies through the clients; everything
here is pure so that the async source and its generated sync copy share one set of rules.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from press_blocks import _constants
from press_blocks._semver import SemVer
from press_blocks.errors import DeployRefusedError, InvalidArgumentError, PressBlocksError

__all__ = [
    "ACTIONS",
    "ApplyResult",
    "Document",
    "FieldChange",
    "NotCompared",
    "Plan",
    "ResourcePlan",
    "Source",
    "artifact_fingerprint",
    "documents_from",
    "hidden_names",
    "parameters_mac",
    "parse_marker",
    "with_marker",
]

#: The actions a resource may need, in the order of the plan's summary line.
ACTIONS = ("create", "release", "revise", "update")

HIDDEN = "***"


# --- documents -------------------------------------------------------------------------------


@dataclass
class Document:
    """One desired resource: a request mapping in the ``specs create`` or ``deployments create`` shape."""

    kind: str  # "spec" or "deployment"
    # The client method's keyword arguments, snake_case (``body`` and the rest); parameter values
    # may be secret, so they stay out of the repr.
    arguments: dict[str, Any] = field(repr=False)
    origin: str  # where it came from, for messages: a file path (and document number) or "mapping #n"

    @property
    def body(self) -> dict[str, Any]:
        """The document's ``body`` mapping."""
        body: dict[str, Any] = self.arguments["body"]
        return body

    @property
    def name(self) -> str:
        """The resource's ``metadata.name``."""
        return str((self.body.get("metadata") or {}).get("name") or "")


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
_SPEC_KEYS = ("body", "artifact", "parameters", "featured", "scope", "tenants", "auto_run_on_deploy")


def documents_from(mappings: Iterable[tuple[Mapping[str, Any], str]]) -> list[Document]:
    """Check request mappings (``(mapping, origin)`` pairs) and return them as documents, specs first.

    Raises InvalidArgumentError naming the origin when a mapping is not a spec or deployment request.
    """
    documents = []
    for data, origin in mappings:
        if not isinstance(data, Mapping):
            raise InvalidArgumentError(
                f"{origin}: a request must be a mapping with a 'body', not {type(data).__name__}"
            )
        arguments = {_CAMEL.sub("_", str(key)).lower(): value for key, value in data.items()}
        body = arguments.get("body")
        if not isinstance(body, Mapping):
            raise InvalidArgumentError(f"{origin}: a request needs a 'body' mapping")
        arguments["body"] = dict(body)
        kind = "deployment" if "spec" in body else "spec"
        allowed = ("body",) if kind == "deployment" else _SPEC_KEYS
        unknown = sorted(set(arguments) - set(allowed))
        if unknown:
            raise InvalidArgumentError(
                f"{origin}: a {kind} request does not take {', '.join(unknown)}; it takes {', '.join(allowed)}"
            )
        document = Document(kind, arguments, origin)
        if not document.name:
            raise InvalidArgumentError(f"{origin}: deploying needs body.metadata.name")
        if kind == "spec":
            if not body.get("kind"):
                raise InvalidArgumentError(f"{origin}: deploying a spec needs body.kind (workflow or service)")
            version = str((body.get("release") or {}).get("version") or "")
            if not SemVer.valid(version):
                raise InvalidArgumentError(
                    f"{origin}: body.release.version must be a semantic version (MAJOR.MINOR.PATCH), not {version!r}"
                )
        else:
            spec = body.get("spec")
            if not isinstance(spec, Mapping) or not (spec.get("id") or spec.get("name")):
                raise InvalidArgumentError(f"{origin}: body.spec needs an 'id' or a 'name' (the spec to deploy)")
        documents.append(document)
    seen: dict[tuple[str, str, str], str] = {}
    for document in documents:
        identity = (document.kind, str(document.body.get("kind") or ""), document.name)
        if identity in seen:
            raise InvalidArgumentError(
                f"{document.origin}: {document.kind} {document.name!r} is also in {seen[identity]}"
            )
        seen[identity] = document.origin
    return sorted(documents, key=lambda d: d.kind != "spec")


# --- fingerprints ----------------------------------------------------------------------------

#: The fingerprint line apply adds at the end of a release's or revision's notes.
_MARKER = re.compile(r"(?:\n\n)?\[press-blocks fingerprint v1 ([^\]\n]*)\]\s*\Z")
_MARKER_FIELD = re.compile(r"([a-z]+)=(\S+)")


def parse_marker(notes: str | None) -> tuple[str, dict[str, str] | None]:
    """Split notes into the user's text and apply's fingerprint fields (None when there is no fingerprint)."""
    text = notes or ""
    found = _MARKER.search(text)
    if found is None:
        return text, None
    return text[: found.start()], dict(_MARKER_FIELD.findall(found[1]))


def with_marker(notes: str | None, fields: Mapping[str, str]) -> str:
    """Return the user's notes followed by the fingerprint line holding ``fields``."""
    line = "[press-blocks fingerprint v1 " + " ".join(f"{key}={value}" for key, value in fields.items()) + "]"
    return f"{notes}\n\n{line}" if notes else line


def artifact_fingerprint(artifact: Mapping[str, Any]) -> tuple[str, int]:
    """Return ``(sha256:HEX, file count)`` of what ``build_artifact`` would pack from an ``artifact`` mapping.

    The digest covers each selected file's name, executable bit and content, in name order; it
    reads the files once and compresses nothing, so it costs less than packing them.
    """
    from press_blocks._artifact_selection import select
    from press_blocks.artifacts import artifact_from_info

    path, ignore_files = artifact_from_info(artifact)
    selection = select(path, ignore_files)
    digest = hashlib.sha256()
    for item in sorted(selection.files, key=lambda f: f.name):
        content = hashlib.sha256()
        with open(item.source, "rb") as handle:
            while chunk := handle.read(1 << 20):
                content.update(chunk)
        digest.update(f"{item.name}\0{int(item.executable)}\0{content.hexdigest()}\n".encode())
    return "sha256:" + digest.hexdigest(), len(selection.files)


def deploy_key(key: str | bytes | None) -> bytes | None:
    """The fingerprint key: the argument, else ``$PRESS_BLOCKS_DEPLOY_KEY``, else None; refuses short keys."""
    if key is None:
        key = os.environ.get(_constants.DEPLOY_KEY_VARIABLE) or None
    if key is None:
        return None
    raw = key.encode() if isinstance(key, str) else bytes(key)
    if len(raw) < _constants.DEPLOY_KEY_MIN_LENGTH:
        raise InvalidArgumentError(
            f"the deploy key must be at least {_constants.DEPLOY_KEY_MIN_LENGTH} characters (a random secret, "
            "such as the output of `openssl rand -hex 32`), or guesses of the hidden values could be tested"
        )
    return raw


def key_id(key: bytes) -> str:
    """A short tag of the key, so a fingerprint made with another key is told apart from a change."""
    return hmac.new(key, b"press-blocks deploy key id", hashlib.sha256).hexdigest()[:8]


def parameters_mac(key: bytes, values: Mapping[str, Mapping[str, Any]]) -> str:
    """``hmac-sha256:KEYID:HEX`` over hidden values ``{section: {name: value}}``: keyed, so guesses cannot be tested."""
    canonical = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    mac = hmac.new(key, b"press-blocks hidden parameters\0" + canonical.encode(), hashlib.sha256).hexdigest()
    return f"hmac-sha256:{key_id(key)}:{mac[:32]}"


def hidden_names(definitions: Any) -> dict[str, set[str]]:
    """The hidden parameter names per section, from definitions or described values (``hideValue`` items)."""
    hidden: dict[str, set[str]] = {"build": set(), "run": set()}
    if not isinstance(definitions, Mapping):
        return hidden
    for section, names in hidden.items():
        for item in definitions.get(section) or []:
            if isinstance(item, Mapping) and item.get("hideValue"):
                names.add(str(item.get("name")))
    return hidden


def hidden_values(parameters: Mapping[str, Any], hidden: Mapping[str, set[str]]) -> dict[str, dict[str, Any]]:
    """The file's values of the hidden parameters, ``{section: {name: value}}``."""
    return {
        section: {name: value for name, value in dict(parameters.get(section) or {}).items() if name in names}
        for section, names in hidden.items()
        if names
    }


# --- comparing -------------------------------------------------------------------------------


def contains(current: Any, wanted: Any) -> bool:
    """Whether ``current`` holds everything ``wanted`` says (the service may add defaults of its own)."""
    if isinstance(wanted, Mapping):
        return isinstance(current, Mapping) and all(contains(current.get(k), v) for k, v in wanted.items())
    if isinstance(wanted, list):
        return (
            isinstance(current, list)
            and len(current) == len(wanted)
            and all(contains(c, w) for c, w in zip(current, wanted, strict=True))
        )
    return bool(current == wanted)


def compare_version(file_version: str, latest: str) -> int:
    """-1, 0 or 1: the file's version against the latest release by precedence; refuses equal precedence, other text."""
    left, right = SemVer(file_version), SemVer(latest)
    if left == right and file_version != latest:
        # semver.org 11: build metadata does not order versions, so the service takes no release
        # at 1.0.0+b2 after 1.0.0+b1 and has no release 1.0.0+b2 to compare with.
        raise DeployRefusedError(
            f"the file's version {file_version} has the same precedence as the latest release {latest} "
            "(build metadata does not order versions); bump MAJOR.MINOR.PATCH or a pre-release to publish it"
        )
    return int(left > right) - int(left < right)


PAST = {"create": "created", "release": "released", "revise": "revised", "update": "updated"}

Source = str | os.PathLike[str] | Mapping[str, Any] | Sequence[str | os.PathLike[str] | Mapping[str, Any]]
"""A source of desired state: a request file or directory, a request mapping, or a list of them."""


@dataclass
class ApplyResult:
    """What ``apply`` did: the plan it carried out, and per resource its id and the actions done."""

    plan: Plan
    resources: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON: per resource kind, name, id and what was done; the plan's summary."""
        return {"resources": list(self.resources), "summary": self.plan.summary(), "changes": self.plan.changes}


# --- the plan --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its dotted name, the value on the service and the value the file wants."""

    field: str
    old: Any
    new: Any
    action: str  # the action that carries it out

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON."""
        return {"field": self.field, "old": self.old, "new": self.new, "action": self.action}


@dataclass(frozen=True)
class NotCompared:
    """A field the plan could not compare, why, and what apply does about it."""

    field: str
    reason: str
    apply: str

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON."""
        return {"field": self.field, "reason": self.reason, "apply": self.apply}


@dataclass
class ResourcePlan:
    """What one resource needs: its actions (none when it matches) and the fields behind them."""

    kind: str
    name: str
    origin: str
    id: str | None = None
    actions: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    not_compared: list[NotCompared] = field(default_factory=list)
    observed: dict[str, Any] = field(default_factory=dict)  # what the plan read, to tell a stale saved plan
    spec: dict[str, Any] = field(default_factory=dict)  # a deployment's spec: id or name, and version
    fingerprints: dict[str, str] = field(default_factory=dict)  # what apply records with the write

    def change(self, name: str, old: Any, new: Any, action: str) -> None:
        """Record a differing field and the action it needs."""
        self.changes.append(FieldChange(name, old, new, action))
        if action not in self.actions:
            self.actions.append(action)

    @property
    def unchanged(self) -> bool:
        """Whether the resource needs nothing."""
        return not self.actions

    def to_dict(self) -> dict[str, Any]:
        """The resource's plan as JSON."""
        data: dict[str, Any] = {"kind": self.kind, "name": self.name, "id": self.id, "origin": self.origin}
        if self.spec:
            data["spec"] = dict(self.spec)
        data["actions"] = sorted(self.actions, key=ACTIONS.index)
        data["changes"] = [c.to_dict() for c in self.changes]
        data["notCompared"] = [n.to_dict() for n in self.not_compared]
        data["fingerprints"] = dict(self.fingerprints)
        data["observed"] = dict(self.observed)
        return data


@dataclass
class Plan:
    """What apply will do to make the service match the documents: one :class:`ResourcePlan` per resource."""

    resources: list[ResourcePlan]
    documents: list[Document] = field(default_factory=list, repr=False)
    artifacts: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)
    key_id: str | None = None
    #: Made in this process (its artifact fingerprints may be reused), not read from a saved file.
    fresh: bool = field(default=False, repr=False, compare=False)

    @property
    def changes(self) -> bool:
        """Whether apply would change anything."""
        return any(not r.unchanged for r in self.resources)

    def summary(self) -> dict[str, int]:
        """How many resources need each action, and how many are unchanged."""
        counts = {action: sum(action in r.actions for r in self.resources) for action in ACTIONS}
        counts["unchanged"] = sum(r.unchanged for r in self.resources)
        return counts

    def summary_line(self) -> str:
        """``Plan: 1 to create, 1 to release, 0 to revise, 0 to update, 2 unchanged``."""
        counts = self.summary()
        parts = [f"{counts[action]} to {action}" for action in ACTIONS]
        return f"Plan: {', '.join(parts)}, {counts['unchanged']} unchanged"

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON: the resources, the summary, and whether there are changes (no hidden value)."""
        return {
            "resources": [r.to_dict() for r in self.resources],
            "summary": self.summary(),
            "changes": self.changes,
            "keyId": self.key_id,
        }

    def render(self) -> str:
        """The plan as text, per resource and per field, ``old -> new``, ending with the summary line."""
        lines: list[str] = []
        for resource in self.resources:
            sign = "+" if "create" in resource.actions else ("~" if resource.actions else " ")
            what = ", ".join(sorted(resource.actions, key=ACTIONS.index)) or "unchanged"
            if resource.not_compared and not resource.actions:
                count = len(resource.not_compared)
                what = f"no change found, {count} field{'s' if count > 1 else ''} not compared"
            ident = f" ({resource.id})" if resource.id else ""
            lines.append(f"{sign} {resource.kind} {resource.name!r}{ident}: {what}")
            for change in resource.changes:
                if change.old is None and "create" in resource.actions:
                    lines.append(f"    + {change.field}: {_shown(change.new)}")
                else:
                    lines.append(f"    ~ {change.field}: {_shown(change.old)} -> {_shown(change.new)}")
            for item in resource.not_compared:
                lines.append(f"    ? {item.field}: cannot be compared ({item.reason}); {item.apply}")
        lines.append(self.summary_line())
        return "\n".join(lines)

    def to_file(self) -> dict[str, Any]:
        """What ``plan --out`` saves: the plan and the documents it was made from (which may hold secrets)."""
        return {
            "format": _PLAN_FORMAT,
            "plan": self.to_dict(),
            "documents": [{"kind": d.kind, "origin": d.origin, "request": d.arguments} for d in self.documents],
        }

    @classmethod
    def from_file(cls, data: Any, where: str) -> Plan:
        """Read what :meth:`to_file` wrote; refuses anything else with a clear error."""
        if not isinstance(data, Mapping) or data.get("format") != _PLAN_FORMAT:
            raise InvalidArgumentError(f"{where} is not a saved plan ({_PLAN_FORMAT}); make one with `plan --out FILE`")
        try:
            documents = [Document(str(d["kind"]), dict(d["request"]), str(d["origin"])) for d in data["documents"]]
            resources = [_resource_from(r) for r in data["plan"]["resources"]]
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise InvalidArgumentError(f"{where} is a damaged saved plan ({type(exc).__name__}: {exc})") from None
        # No artifact fingerprints: the files may have changed since, so apply hashes them again.
        return cls(resources, documents, {}, data["plan"].get("keyId"))


_PLAN_FORMAT = "press-blocks-plan/1"


def _resource_from(data: Mapping[str, Any]) -> ResourcePlan:
    resource = ResourcePlan(
        str(data["kind"]), str(data["name"]), str(data["origin"]), data.get("id"), list(data["actions"])
    )
    resource.changes = [FieldChange(c["field"], c["old"], c["new"], c["action"]) for c in data["changes"]]
    resource.not_compared = [NotCompared(n["field"], n["reason"], n["apply"]) for n in data["notCompared"]]
    resource.observed = dict(data.get("observed") or {})
    resource.spec = dict(data.get("spec") or {})
    resource.fingerprints = dict(data.get("fingerprints") or {})
    return resource


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value if value == HIDDEN else json.dumps(value)
    return json.dumps(value, sort_keys=True, default=str)


def read_plan_file(path: str | os.PathLike[str]) -> Plan:
    """Load a plan saved by ``plan --out`` (JSON)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidArgumentError(f"cannot read the saved plan {os.fspath(path)}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidArgumentError(f"{os.fspath(path)} is not a saved plan (not JSON)") from None
    return Plan.from_file(data, os.fspath(path))


def is_plan_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like a saved plan (a JSON file with the plan format tag at its start)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(200)
    except OSError:
        return False
    return head.lstrip().startswith("{") and _PLAN_FORMAT in head


def sequence_of(value: Any) -> Sequence[Any]:
    """A source given as one item or several."""
    if isinstance(value, list | tuple):
        return value
    return [value]


def refuse(resource: str, fields: Sequence[str], version: str) -> PressBlocksError:
    """The refusal for a same-version change only a new release carries."""
    return DeployRefusedError(
        f"{resource} already has release {version} with different {', '.join(fields)}; the service takes "
        "these only in a new release: bump release.version in the file to publish the change",
        fields=tuple(fields),
    )
