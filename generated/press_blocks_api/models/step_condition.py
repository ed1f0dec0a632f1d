from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StepCondition")


@_attrs_define
class StepCondition:
    """Run the step only when an output parameter of another step meets a condition.

    Attributes:
        condition (str | Unset):
        param_name (str | Unset):
        step_name (str | Unset):
        value (str | Unset):
    """

    condition: str | Unset = UNSET
    param_name: str | Unset = UNSET
    step_name: str | Unset = UNSET
    value: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        condition = self.condition

        param_name = self.param_name

        step_name = self.step_name

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if condition is not UNSET:
            field_dict["condition"] = condition
        if param_name is not UNSET:
            field_dict["paramName"] = param_name
        if step_name is not UNSET:
            field_dict["stepName"] = step_name
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        condition = d.pop("condition", UNSET)

        param_name = d.pop("paramName", UNSET)

        step_name = d.pop("stepName", UNSET)

        value = d.pop("value", UNSET)

        step_condition = cls(
            condition=condition,
            param_name=param_name,
            step_name=step_name,
            value=value,
        )

        step_condition.additional_properties = d
        return step_condition

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
