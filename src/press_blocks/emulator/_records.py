"""The emulator's in-memory records: specs and releases, deployments and revisions, app deployments.

Records are plain dataclasses owned by the store. Nested JSON values (configs, metadata,
parameter values) are replaced, never mutated in place, so a view built from a record stays
valid after the store's lock is released.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from press_blocks.emulator._lifecycle import Transition

__all__ = ["AppDeploymentRecord", "DeploymentRecord", "ReleaseRecord", "RevisionRecord", "SpecRecord", "Stamp"]


@dataclass(frozen=True)
class Stamp:
    """A creation or update time: ``seq`` (ms since the epoch, strictly increasing) and its ISO text."""

    seq: int
    text: str


@dataclass
class ReleaseRecord:
    id: str
    version: str
    notes: str
    config: dict[str, Any]
    parameters: dict[str, list[dict[str, Any]]]
    auto_run_on_deploy: bool
    artifact: dict[str, Any] | None
    created: Stamp
    created_by: str


@dataclass
class SpecRecord:
    id: str
    kind: str
    metadata: dict[str, Any]
    status: str
    featured: bool
    scope: str
    tenants: list[str]
    created: Stamp
    created_by: str
    updated: Stamp
    updated_by: str
    releases: list[ReleaseRecord] = field(default_factory=list)
    artifact_id: str | None = None
    artifact_versions: int = 0

    @property
    def latest(self) -> ReleaseRecord:
        return self.releases[-1]

    def release(self, version: str) -> ReleaseRecord | None:
        return next((r for r in self.releases if r.version == version), None)


@dataclass
class RevisionRecord:
    id: str
    number: int
    notes: str
    release_version: str
    build_values: dict[str, Any]
    run_values: dict[str, Any]
    status: str
    created: Stamp
    created_by: str
    transition: Transition
    started_at: float
    resource_id: str
    redeploy: bool = False
    describes: int = 0
    # What the platform resource reports once settled in an outcome other than `deployed`.
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DeploymentRecord:
    id: str
    kind: str
    spec_id: str
    metadata: dict[str, Any]
    created: Stamp
    created_by: str
    updated: Stamp
    updated_by: str
    build_values: dict[str, Any]
    run_values: dict[str, Any]
    revisions: list[RevisionRecord] = field(default_factory=list)
    parent_id: str | None = None

    @property
    def latest(self) -> RevisionRecord:
        return self.revisions[-1]

    def revision(self, number: int) -> RevisionRecord | None:
        return next((r for r in self.revisions if r.number == number), None)


@dataclass
class AppDeploymentRecord:
    id: str
    document: dict[str, Any]
    revision_id: str
    created: Stamp
    created_by: str
