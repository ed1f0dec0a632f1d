from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parameter_definition import ParameterDefinition
    from ..models.parameter_groups import ParameterGroups


T = TypeVar("T", bound="ParameterDefinitions")


@_attrs_define
class ParameterDefinitions:
    """
    Attributes:
        build (list[ParameterDefinition] | Unset):
        run (list[ParameterDefinition] | Unset):
        groups (ParameterGroups | Unset): Parameter groups, as the service describes them.
    """

    build: list[ParameterDefinition] | Unset = UNSET
    run: list[ParameterDefinition] | Unset = UNSET
    groups: ParameterGroups | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        build: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = []
            for build_item_data in self.build:
                build_item = build_item_data.to_dict()
                build.append(build_item)

        run: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.run, Unset):
            run = []
            for run_item_data in self.run:
                run_item = run_item_data.to_dict()
                run.append(run_item)

        groups: dict[str, Any] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = self.groups.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if build is not UNSET:
            field_dict["build"] = build
        if run is not UNSET:
            field_dict["run"] = run
        if groups is not UNSET:
            field_dict["groups"] = groups

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parameter_definition import ParameterDefinition
        from ..models.parameter_groups import ParameterGroups

        d = dict(src_dict)
        _build = d.pop("build", UNSET)
        build: list[ParameterDefinition] | Unset = UNSET
        if _build is not UNSET:
            build = []
            for build_item_data in _build:
                build_item = ParameterDefinition.from_dict(build_item_data)

                build.append(build_item)

        _run = d.pop("run", UNSET)
        run: list[ParameterDefinition] | Unset = UNSET
        if _run is not UNSET:
            run = []
            for run_item_data in _run:
                run_item = ParameterDefinition.from_dict(run_item_data)

                run.append(run_item)

        _groups = d.pop("groups", UNSET)
        groups: ParameterGroups | Unset
        if isinstance(_groups, Unset):
            groups = UNSET
        else:
            groups = ParameterGroups.from_dict(_groups)

        parameter_definitions = cls(
            build=build,
            run=run,
            groups=groups,
        )

        parameter_definitions.additional_properties = d
        return parameter_definitions

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
