from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parameter_definition_input import ParameterDefinitionInput


T = TypeVar("T", bound="ParameterDefinitionsInput")


@_attrs_define
class ParameterDefinitionsInput:
    """The `parameters` part of spec and release creation.

    Attributes:
        build (list[ParameterDefinitionInput] | Unset):
        run (list[ParameterDefinitionInput] | Unset):
    """

    build: list[ParameterDefinitionInput] | Unset = UNSET
    run: list[ParameterDefinitionInput] | Unset = UNSET

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if build is not UNSET:
            field_dict["build"] = build
        if run is not UNSET:
            field_dict["run"] = run

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parameter_definition_input import ParameterDefinitionInput

        d = dict(src_dict)
        _build = d.pop("build", UNSET)
        build: list[ParameterDefinitionInput] | Unset = UNSET
        if _build is not UNSET:
            build = []
            for build_item_data in _build:
                build_item = ParameterDefinitionInput.from_dict(build_item_data)

                build.append(build_item)

        _run = d.pop("run", UNSET)
        run: list[ParameterDefinitionInput] | Unset = UNSET
        if _run is not UNSET:
            run = []
            for run_item_data in _run:
                run_item = ParameterDefinitionInput.from_dict(run_item_data)

                run.append(run_item)

        parameter_definitions_input = cls(
            build=build,
            run=run,
        )

        return parameter_definitions_input
