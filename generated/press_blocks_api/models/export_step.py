from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_step_sort_order import ExportStepSortOrder
from ..models.export_step_type import ExportStepType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_parameters import EnvParameters
    from ..models.execution_parameters import ExecutionParameters
    from ..models.run_configuration import RunConfiguration
    from ..models.string_map import StringMap


T = TypeVar("T", bound="ExportStep")


@_attrs_define
class ExportStep:
    """A step that exports a table.

    Attributes:
        type_ (ExportStepType):
        schema (str):
        table (str):
        sort_by (str):
        parents (list[str] | Unset): The names of the steps that run before this one.
        parameters (EnvParameters | Unset): Environment variables, secret names and, for workflow steps, values
            inherited from the
            output parameters of parent steps.
        output_parameters (StringMap | Unset): Names mapped to string values (environment variables, build arguments,
            headers, …).
        execution_parameters (ExecutionParameters | Unset): When a step runs.
        run_configuration (RunConfiguration | Unset): How a step is retried or skipped.
        sort_order (ExportStepSortOrder | Unset):
        compression (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
    """

    type_: ExportStepType
    schema: str
    table: str
    sort_by: str
    parents: list[str] | Unset = UNSET
    parameters: EnvParameters | Unset = UNSET
    output_parameters: StringMap | Unset = UNSET
    execution_parameters: ExecutionParameters | Unset = UNSET
    run_configuration: RunConfiguration | Unset = UNSET
    sort_order: ExportStepSortOrder | Unset = UNSET
    compression: bool | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        schema = self.schema

        table = self.table

        sort_by = self.sort_by

        parents: list[str] | Unset = UNSET
        if not isinstance(self.parents, Unset):
            parents = self.parents

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        output_parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_parameters, Unset):
            output_parameters = self.output_parameters.to_dict()

        execution_parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.execution_parameters, Unset):
            execution_parameters = self.execution_parameters.to_dict()

        run_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.run_configuration, Unset):
            run_configuration = self.run_configuration.to_dict()

        sort_order: str | Unset = UNSET
        if not isinstance(self.sort_order, Unset):
            sort_order = self.sort_order.value

        compression: bool | str | Unset
        if isinstance(self.compression, Unset):
            compression = UNSET
        else:
            compression = self.compression

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "schema": schema,
                "table": table,
                "sortBy": sort_by,
            }
        )
        if parents is not UNSET:
            field_dict["parents"] = parents
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if output_parameters is not UNSET:
            field_dict["outputParameters"] = output_parameters
        if execution_parameters is not UNSET:
            field_dict["executionParameters"] = execution_parameters
        if run_configuration is not UNSET:
            field_dict["runConfiguration"] = run_configuration
        if sort_order is not UNSET:
            field_dict["sortOrder"] = sort_order
        if compression is not UNSET:
            field_dict["compression"] = compression

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_parameters import EnvParameters
        from ..models.execution_parameters import ExecutionParameters
        from ..models.run_configuration import RunConfiguration
        from ..models.string_map import StringMap

        d = dict(src_dict)
        type_ = ExportStepType(d.pop("type"))

        schema = d.pop("schema")

        table = d.pop("table")

        sort_by = d.pop("sortBy")

        parents = cast(list[str], d.pop("parents", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: EnvParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = EnvParameters.from_dict(_parameters)

        _output_parameters = d.pop("outputParameters", UNSET)
        output_parameters: StringMap | Unset
        if isinstance(_output_parameters, Unset):
            output_parameters = UNSET
        else:
            output_parameters = StringMap.from_dict(_output_parameters)

        _execution_parameters = d.pop("executionParameters", UNSET)
        execution_parameters: ExecutionParameters | Unset
        if isinstance(_execution_parameters, Unset):
            execution_parameters = UNSET
        else:
            execution_parameters = ExecutionParameters.from_dict(_execution_parameters)

        _run_configuration = d.pop("runConfiguration", UNSET)
        run_configuration: RunConfiguration | Unset
        if isinstance(_run_configuration, Unset):
            run_configuration = UNSET
        else:
            run_configuration = RunConfiguration.from_dict(_run_configuration)

        _sort_order = d.pop("sortOrder", UNSET)
        sort_order: ExportStepSortOrder | Unset
        if isinstance(_sort_order, Unset):
            sort_order = UNSET
        else:
            sort_order = ExportStepSortOrder(_sort_order)

        def _parse_compression(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        compression = _parse_compression(d.pop("compression", UNSET))

        export_step = cls(
            type_=type_,
            schema=schema,
            table=table,
            sort_by=sort_by,
            parents=parents,
            parameters=parameters,
            output_parameters=output_parameters,
            execution_parameters=execution_parameters,
            run_configuration=run_configuration,
            sort_order=sort_order,
            compression=compression,
        )

        export_step.additional_properties = d
        return export_step

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
