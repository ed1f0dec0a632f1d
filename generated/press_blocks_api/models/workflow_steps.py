from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_step import ExportStep
    from ..models.http_step import HttpStep
    from ..models.sql_step import SqlStep
    from ..models.standard_step import StandardStep


T = TypeVar("T", bound="WorkflowSteps")


@_attrs_define
class WorkflowSteps:
    """The steps of a workflow, by name."""

    additional_properties: dict[str, ExportStep | HttpStep | SqlStep | StandardStep] = (
        _attrs_field(init=False, factory=dict)
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.http_step import HttpStep
        from ..models.sql_step import SqlStep
        from ..models.standard_step import StandardStep

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if (
                isinstance(prop, StandardStep)
                or isinstance(prop, HttpStep)
                or isinstance(prop, SqlStep)
            ):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.export_step import ExportStep
        from ..models.http_step import HttpStep
        from ..models.sql_step import SqlStep
        from ..models.standard_step import StandardStep

        d = dict(src_dict)
        workflow_steps = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> ExportStep | HttpStep | SqlStep | StandardStep:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workflow_step_type_0 = StandardStep.from_dict(
                        data
                    )

                    return componentsschemas_workflow_step_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workflow_step_type_1 = HttpStep.from_dict(data)

                    return componentsschemas_workflow_step_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workflow_step_type_2 = SqlStep.from_dict(data)

                    return componentsschemas_workflow_step_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_workflow_step_type_3 = ExportStep.from_dict(data)

                return componentsschemas_workflow_step_type_3

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        workflow_steps.additional_properties = additional_properties
        return workflow_steps

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ExportStep | HttpStep | SqlStep | StandardStep:
        return self.additional_properties[key]

    def __setitem__(
        self, key: str, value: ExportStep | HttpStep | SqlStep | StandardStep
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
