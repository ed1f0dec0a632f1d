from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ParentStatusCondition")


@_attrs_define
class ParentStatusCondition:
    """Run the step only when its parents end in the given statuses.

    Attributes:
        condition (str | Unset):
        parents (list[str] | Unset):
        status (list[str] | Unset):
    """

    condition: str | Unset = UNSET
    parents: list[str] | Unset = UNSET
    status: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        condition = self.condition

        parents: list[str] | Unset = UNSET
        if not isinstance(self.parents, Unset):
            parents = self.parents

        status: list[str] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if condition is not UNSET:
            field_dict["condition"] = condition
        if parents is not UNSET:
            field_dict["parents"] = parents
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        condition = d.pop("condition", UNSET)

        parents = cast(list[str], d.pop("parents", UNSET))

        status = cast(list[str], d.pop("status", UNSET))

        parent_status_condition = cls(
            condition=condition,
            parents=parents,
            status=status,
        )

        parent_status_condition.additional_properties = d
        return parent_status_condition

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
