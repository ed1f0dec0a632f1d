from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scope import Scope
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.spec_metadata_update import SpecMetadataUpdate


T = TypeVar("T", bound="UpdateSpecMetadataBody")


@_attrs_define
class UpdateSpecMetadataBody:
    """
    Attributes:
        metadata (SpecMetadataUpdate | Unset): The new metadata of a spec; fields left out keep their value.
        featured (bool | Unset):
        scope (Scope | Unset): Who can discover and deploy a spec.
        tenants (list[str] | Unset): The tenants a shared spec is offered to.
    """

    metadata: SpecMetadataUpdate | Unset = UNSET
    featured: bool | Unset = UNSET
    scope: Scope | Unset = UNSET
    tenants: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        featured = self.featured

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        tenants: list[str] | Unset = UNSET
        if not isinstance(self.tenants, Unset):
            tenants = self.tenants

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if featured is not UNSET:
            field_dict["featured"] = featured
        if scope is not UNSET:
            field_dict["scope"] = scope
        if tenants is not UNSET:
            field_dict["tenants"] = tenants

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.spec_metadata_update import SpecMetadataUpdate

        d = dict(src_dict)
        _metadata = d.pop("metadata", UNSET)
        metadata: SpecMetadataUpdate | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = SpecMetadataUpdate.from_dict(_metadata)

        featured = d.pop("featured", UNSET)

        _scope = d.pop("scope", UNSET)
        scope: Scope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = Scope(_scope)

        tenants = cast(list[str], d.pop("tenants", UNSET))

        update_spec_metadata_body = cls(
            metadata=metadata,
            featured=featured,
            scope=scope,
            tenants=tenants,
        )

        update_spec_metadata_body.additional_properties = d
        return update_spec_metadata_body

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
