from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_spec_create_body_kind import WorkflowSpecCreateBodyKind

if TYPE_CHECKING:
    from ..models.metadata_input import MetadataInput
    from ..models.release_input import ReleaseInput
    from ..models.workflow_config import WorkflowConfig


T = TypeVar("T", bound="WorkflowSpecCreateBody")


@_attrs_define
class WorkflowSpecCreateBody:
    """
    Attributes:
        version (float | str): The spec schema version (the service accepts `1` or `"1"`).
        kind (WorkflowSpecCreateBodyKind):
        metadata (MetadataInput): The metadata given when a spec or deployment is created.
        release (ReleaseInput):
        config (WorkflowConfig): The config of a workflow block.
    """

    version: float | str
    kind: WorkflowSpecCreateBodyKind
    metadata: MetadataInput
    release: ReleaseInput
    config: WorkflowConfig
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version: float | str
        version = self.version

        kind = self.kind.value

        metadata = self.metadata.to_dict()

        release = self.release.to_dict()

        config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "kind": kind,
                "metadata": metadata,
                "release": release,
                "config": config,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metadata_input import MetadataInput
        from ..models.release_input import ReleaseInput
        from ..models.workflow_config import WorkflowConfig

        d = dict(src_dict)

        def _parse_version(data: object) -> float | str:
            return cast(float | str, data)

        version = _parse_version(d.pop("version"))

        kind = WorkflowSpecCreateBodyKind(d.pop("kind"))

        metadata = MetadataInput.from_dict(d.pop("metadata"))

        release = ReleaseInput.from_dict(d.pop("release"))

        config = WorkflowConfig.from_dict(d.pop("config"))

        workflow_spec_create_body = cls(
            version=version,
            kind=kind,
            metadata=metadata,
            release=release,
            config=config,
        )

        workflow_spec_create_body.additional_properties = d
        return workflow_spec_create_body

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
