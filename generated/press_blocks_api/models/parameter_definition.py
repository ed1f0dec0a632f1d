from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.parameter_type import ParameterType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parameter_condition import ParameterCondition
    from ..models.parameter_option import ParameterOption


T = TypeVar("T", bound="ParameterDefinition")


@_attrs_define
class ParameterDefinition:
    """
    Attributes:
        name (str):
        type_ (ParameterType | str): A parameter type; values unknown to this document are passed through.
        required (bool):
        default_value (Any | Unset): A parameter value (string, number, boolean, array, object or null).
        title (str | Unset):
        description (str | Unset):
        hide_value (bool | Unset):
        options (list[ParameterOption] | Unset):
        conditions (list[ParameterCondition] | Unset):
    """

    name: str
    type_: ParameterType | str
    required: bool
    default_value: Any | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    hide_value: bool | Unset = UNSET
    options: list[ParameterOption] | Unset = UNSET
    conditions: list[ParameterCondition] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_: str
        if isinstance(self.type_, ParameterType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        required = self.required

        default_value = self.default_value

        title = self.title

        description = self.description

        hide_value = self.hide_value

        options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = []
            for options_item_data in self.options:
                options_item = options_item_data.to_dict()
                options.append(options_item)

        conditions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = []
            for conditions_item_data in self.conditions:
                conditions_item = conditions_item_data.to_dict()
                conditions.append(conditions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "required": required,
            }
        )
        if default_value is not UNSET:
            field_dict["defaultValue"] = default_value
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if hide_value is not UNSET:
            field_dict["hideValue"] = hide_value
        if options is not UNSET:
            field_dict["options"] = options
        if conditions is not UNSET:
            field_dict["conditions"] = conditions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parameter_condition import ParameterCondition
        from ..models.parameter_option import ParameterOption

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_type_(data: object) -> ParameterType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_parameter_type_type_0 = ParameterType(data)

                return componentsschemas_open_parameter_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ParameterType | str, data)

        type_ = _parse_type_(d.pop("type"))

        required = d.pop("required")

        default_value = d.pop("defaultValue", UNSET)

        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        hide_value = d.pop("hideValue", UNSET)

        _options = d.pop("options", UNSET)
        options: list[ParameterOption] | Unset = UNSET
        if _options is not UNSET:
            options = []
            for options_item_data in _options:
                options_item = ParameterOption.from_dict(options_item_data)

                options.append(options_item)

        _conditions = d.pop("conditions", UNSET)
        conditions: list[ParameterCondition] | Unset = UNSET
        if _conditions is not UNSET:
            conditions = []
            for conditions_item_data in _conditions:
                conditions_item = ParameterCondition.from_dict(conditions_item_data)

                conditions.append(conditions_item)

        parameter_definition = cls(
            name=name,
            type_=type_,
            required=required,
            default_value=default_value,
            title=title,
            description=description,
            hide_value=hide_value,
            options=options,
            conditions=conditions,
        )

        parameter_definition.additional_properties = d
        return parameter_definition

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
