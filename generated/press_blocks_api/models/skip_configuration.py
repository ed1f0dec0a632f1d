from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SkipConfiguration")


@_attrs_define
class SkipConfiguration:
    """
    Attributes:
        skip (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        skip_dag (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
    """

    skip: bool | str | Unset = UNSET
    skip_dag: bool | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        skip: bool | str | Unset
        if isinstance(self.skip, Unset):
            skip = UNSET
        else:
            skip = self.skip

        skip_dag: bool | str | Unset
        if isinstance(self.skip_dag, Unset):
            skip_dag = UNSET
        else:
            skip_dag = self.skip_dag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if skip is not UNSET:
            field_dict["skip"] = skip
        if skip_dag is not UNSET:
            field_dict["skipDAG"] = skip_dag

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_skip(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        skip = _parse_skip(d.pop("skip", UNSET))

        def _parse_skip_dag(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        skip_dag = _parse_skip_dag(d.pop("skipDAG", UNSET))

        skip_configuration = cls(
            skip=skip,
            skip_dag=skip_dag,
        )

        skip_configuration.additional_properties = d
        return skip_configuration

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
