from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Resources")


@_attrs_define
class Resources:
    """The machine a step or service runs on.

    Attributes:
        instance_type_id (int | str | Unset): An integer, or a `"@param:<name>"` reference.
        storage (str | Unset): Disk size such as `10GB`.
    """

    instance_type_id: int | str | Unset = UNSET
    storage: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instance_type_id: int | str | Unset
        if isinstance(self.instance_type_id, Unset):
            instance_type_id = UNSET
        else:
            instance_type_id = self.instance_type_id

        storage = self.storage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if instance_type_id is not UNSET:
            field_dict["instanceTypeId"] = instance_type_id
        if storage is not UNSET:
            field_dict["storage"] = storage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_instance_type_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        instance_type_id = _parse_instance_type_id(d.pop("instanceTypeId", UNSET))

        storage = d.pop("storage", UNSET)

        resources = cls(
            instance_type_id=instance_type_id,
            storage=storage,
        )

        resources.additional_properties = d
        return resources

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
