from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.block_kind import BlockKind

if TYPE_CHECKING:
    from ..models.deployment_spec_ref import DeploymentSpecRef
    from ..models.metadata import Metadata
    from ..models.revision_summary import RevisionSummary


T = TypeVar("T", bound="DeploymentSummary")


@_attrs_define
class DeploymentSummary:
    """
    Attributes:
        id (str):
        kind (BlockKind | str): A block kind; values unknown to this document are passed through.
        metadata (Metadata): The metadata of a spec or deployment as the service describes it.
        latest_revision (RevisionSummary):
        spec (DeploymentSpecRef): The spec a deployment was made from.
    """

    id: str
    kind: BlockKind | str
    metadata: Metadata
    latest_revision: RevisionSummary
    spec: DeploymentSpecRef
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind: str
        if isinstance(self.kind, BlockKind):
            kind = self.kind.value
        else:
            kind = self.kind

        metadata = self.metadata.to_dict()

        latest_revision = self.latest_revision.to_dict()

        spec = self.spec.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "metadata": metadata,
                "latestRevision": latest_revision,
                "spec": spec,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_spec_ref import DeploymentSpecRef
        from ..models.metadata import Metadata
        from ..models.revision_summary import RevisionSummary

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_kind(data: object) -> BlockKind | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_block_kind_type_0 = BlockKind(data)

                return componentsschemas_open_block_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BlockKind | str, data)

        kind = _parse_kind(d.pop("kind"))

        metadata = Metadata.from_dict(d.pop("metadata"))

        latest_revision = RevisionSummary.from_dict(d.pop("latestRevision"))

        spec = DeploymentSpecRef.from_dict(d.pop("spec"))

        deployment_summary = cls(
            id=id,
            kind=kind,
            metadata=metadata,
            latest_revision=latest_revision,
            spec=spec,
        )

        deployment_summary.additional_properties = d
        return deployment_summary

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
