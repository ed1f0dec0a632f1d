from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.parameter_condition_condition_type import ParameterConditionConditionType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ParameterCondition")


@_attrs_define
class ParameterCondition:
    """When a parameter applies: a basic condition (`dependsOn` another parameter, an
    `operator`, a `value`) or a composite one (`conditionType` AND or OR over nested
    `conditions`). The SDK documents the operators `equals` and `not-equals`; others are
    passed through, as the service may know more. The emulator stores conditions and does
    not evaluate them.

        Attributes:
            depends_on (str | Unset): The name of the parameter the condition reads.
            operator (str | Unset):
            value (Any | Unset): A parameter value (string, number, boolean, array, object or null).
            condition_type (ParameterConditionConditionType | Unset):
            conditions (list[ParameterCondition] | Unset):
    """

    depends_on: str | Unset = UNSET
    operator: str | Unset = UNSET
    value: Any | Unset = UNSET
    condition_type: ParameterConditionConditionType | Unset = UNSET
    conditions: list[ParameterCondition] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        depends_on = self.depends_on

        operator = self.operator

        value = self.value

        condition_type: str | Unset = UNSET
        if not isinstance(self.condition_type, Unset):
            condition_type = self.condition_type.value

        conditions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = []
            for conditions_item_data in self.conditions:
                conditions_item = conditions_item_data.to_dict()
                conditions.append(conditions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if depends_on is not UNSET:
            field_dict["dependsOn"] = depends_on
        if operator is not UNSET:
            field_dict["operator"] = operator
        if value is not UNSET:
            field_dict["value"] = value
        if condition_type is not UNSET:
            field_dict["conditionType"] = condition_type
        if conditions is not UNSET:
            field_dict["conditions"] = conditions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        depends_on = d.pop("dependsOn", UNSET)

        operator = d.pop("operator", UNSET)

        value = d.pop("value", UNSET)

        _condition_type = d.pop("conditionType", UNSET)
        condition_type: ParameterConditionConditionType | Unset
        if isinstance(_condition_type, Unset):
            condition_type = UNSET
        else:
            condition_type = ParameterConditionConditionType(_condition_type)

        _conditions = d.pop("conditions", UNSET)
        conditions: list[ParameterCondition] | Unset = UNSET
        if _conditions is not UNSET:
            conditions = []
            for conditions_item_data in _conditions:
                conditions_item = ParameterCondition.from_dict(conditions_item_data)

                conditions.append(conditions_item)

        parameter_condition = cls(
            depends_on=depends_on,
            operator=operator,
            value=value,
            condition_type=condition_type,
            conditions=conditions,
        )

        parameter_condition.additional_properties = d
        return parameter_condition

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
