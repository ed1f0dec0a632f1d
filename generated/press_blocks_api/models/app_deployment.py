from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.app_metadata import AppMetadata
    from ..models.app_revision import AppRevision


T = TypeVar("T", bound="AppDeployment")


@_attrs_define
class AppDeployment:
    """
    Attributes:
        id (str):
        kind (str | Unset):
        metadata (AppMetadata | Unset): The metadata of an app deployment.
        latest_revision (AppRevision | Unset): A revision of an app deployment, with the blocks it deployed.
    """

    id: str
    kind: str | Unset = UNSET
    metadata: AppMetadata | Unset = UNSET
    latest_revision: AppRevision | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        latest_revision: dict[str, Any] | Unset = UNSET
        if not isinstance(self.latest_revision, Unset):
            latest_revision = self.latest_revision.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if latest_revision is not UNSET:
            field_dict["latestRevision"] = latest_revision

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.app_metadata import AppMetadata
        from ..models.app_revision import AppRevision

        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: AppMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = AppMetadata.from_dict(_metadata)

        _latest_revision = d.pop("latestRevision", UNSET)
        latest_revision: AppRevision | Unset
        if isinstance(_latest_revision, Unset):
            latest_revision = UNSET
        else:
            latest_revision = AppRevision.from_dict(_latest_revision)

        app_deployment = cls(
            id=id,
            kind=kind,
            metadata=metadata,
            latest_revision=latest_revision,
        )

        app_deployment.additional_properties = d
        return app_deployment

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
