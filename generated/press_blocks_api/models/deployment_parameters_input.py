from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parameter_values import ParameterValues


T = TypeVar("T", bound="DeploymentParametersInput")


@_attrs_define
class DeploymentParametersInput:
    """
    Attributes:
        build (ParameterValues | Unset): Parameter values by name.
        run (ParameterValues | Unset): Parameter values by name.
    """

    build: ParameterValues | Unset = UNSET
    run: ParameterValues | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        build: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build, Unset):
            build = self.build.to_dict()

        run: dict[str, Any] | Unset = UNSET
        if not isinstance(self.run, Unset):
            run = self.run.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if build is not UNSET:
            field_dict["build"] = build
        if run is not UNSET:
            field_dict["run"] = run

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parameter_values import ParameterValues

        d = dict(src_dict)
        _build = d.pop("build", UNSET)
        build: ParameterValues | Unset
        if isinstance(_build, Unset):
            build = UNSET
        else:
            build = ParameterValues.from_dict(_build)

        _run = d.pop("run", UNSET)
        run: ParameterValues | Unset
        if isinstance(_run, Unset):
            run = UNSET
        else:
            run = ParameterValues.from_dict(_run)

        deployment_parameters_input = cls(
            build=build,
            run=run,
        )

        return deployment_parameters_input
