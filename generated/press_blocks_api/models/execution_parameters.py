from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parent_status_condition import ParentStatusCondition
    from ..models.step_condition import StepCondition


T = TypeVar("T", bound="ExecutionParameters")


@_attrs_define
class ExecutionParameters:
    """When a step runs.

    Attributes:
        conditional (list[StepCondition] | Unset):
        parent_status (list[ParentStatusCondition] | Unset):
    """

    conditional: list[StepCondition] | Unset = UNSET
    parent_status: list[ParentStatusCondition] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conditional: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conditional, Unset):
            conditional = []
            for conditional_item_data in self.conditional:
                conditional_item = conditional_item_data.to_dict()
                conditional.append(conditional_item)

        parent_status: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parent_status, Unset):
            parent_status = []
            for parent_status_item_data in self.parent_status:
                parent_status_item = parent_status_item_data.to_dict()
                parent_status.append(parent_status_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conditional is not UNSET:
            field_dict["conditional"] = conditional
        if parent_status is not UNSET:
            field_dict["parentStatus"] = parent_status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parent_status_condition import ParentStatusCondition
        from ..models.step_condition import StepCondition

        d = dict(src_dict)
        _conditional = d.pop("conditional", UNSET)
        conditional: list[StepCondition] | Unset = UNSET
        if _conditional is not UNSET:
            conditional = []
            for conditional_item_data in _conditional:
                conditional_item = StepCondition.from_dict(conditional_item_data)

                conditional.append(conditional_item)

        _parent_status = d.pop("parentStatus", UNSET)
        parent_status: list[ParentStatusCondition] | Unset = UNSET
        if _parent_status is not UNSET:
            parent_status = []
            for parent_status_item_data in _parent_status:
                parent_status_item = ParentStatusCondition.from_dict(
                    parent_status_item_data
                )

                parent_status.append(parent_status_item)

        execution_parameters = cls(
            conditional=conditional,
            parent_status=parent_status,
        )

        execution_parameters.additional_properties = d
        return execution_parameters

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
