from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.resource_error import ResourceError


T = TypeVar("T", bound="PlatformResource")


@_attrs_define
class PlatformResource:
    """A platform resource a revision deployed.

    Attributes:
        id (str):
        kind (str):
        name (str):
        status (str):
        version (str | Unset):
        version_id (str | Unset):
        errors (list[ResourceError] | Unset):
    """

    id: str
    kind: str
    name: str
    status: str
    version: str | Unset = UNSET
    version_id: str | Unset = UNSET
    errors: list[ResourceError] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind

        name = self.name

        status = self.status

        version = self.version

        version_id = self.version_id

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "name": name,
                "status": status,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if version_id is not UNSET:
            field_dict["versionId"] = version_id
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.resource_error import ResourceError

        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        name = d.pop("name")

        status = d.pop("status")

        version = d.pop("version", UNSET)

        version_id = d.pop("versionId", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[ResourceError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ResourceError.from_dict(errors_item_data)

                errors.append(errors_item)

        platform_resource = cls(
            id=id,
            kind=kind,
            name=name,
            status=status,
            version=version,
            version_id=version_id,
            errors=errors,
        )

        platform_resource.additional_properties = d
        return platform_resource

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
