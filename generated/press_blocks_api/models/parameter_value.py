from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.parameter_type import ParameterType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ParameterValue")


@_attrs_define
class ParameterValue:
    """A parameter of a deployment with its value (masked when `hideValue`).

    Attributes:
        name (str):
        value (Any | Unset): A parameter value (string, number, boolean, array, object or null).
        type_ (ParameterType | str | Unset): A parameter type; values unknown to this document are passed through.
        hide_value (bool | Unset):
    """

    name: str
    value: Any | Unset = UNSET
    type_: ParameterType | str | Unset = UNSET
    hide_value: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        value = self.value

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ParameterType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        hide_value = self.hide_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if type_ is not UNSET:
            field_dict["type"] = type_
        if hide_value is not UNSET:
            field_dict["hideValue"] = hide_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        value = d.pop("value", UNSET)

        def _parse_type_(data: object) -> ParameterType | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_parameter_type_type_0 = ParameterType(data)

                return componentsschemas_open_parameter_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ParameterType | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        hide_value = d.pop("hideValue", UNSET)

        parameter_value = cls(
            name=name,
            value=value,
            type_=type_,
            hide_value=hide_value,
        )

        parameter_value.additional_properties = d
        return parameter_value

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
