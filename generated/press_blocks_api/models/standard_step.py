from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.standard_step_type import StandardStepType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_parameters import EnvParameters
    from ..models.execution_parameters import ExecutionParameters
    from ..models.image_build import ImageBuild
    from ..models.image_details import ImageDetails
    from ..models.resources import Resources
    from ..models.run_configuration import RunConfiguration
    from ..models.step_repository import StepRepository
    from ..models.string_map import StringMap


T = TypeVar("T", bound="StandardStep")


@_attrs_define
class StandardStep:
    """A step that runs a command in an image: one built from the artifact (`image`), one
    declared under `config.images` (`imageRef`) or an existing one (`imageDetails`).
    A step without a `type` is taken as a standard step (an inference: the SDK always
    writes the type, but nothing says it is required).

        Attributes:
            command (str):
            parents (list[str] | Unset): The names of the steps that run before this one.
            parameters (EnvParameters | Unset): Environment variables, secret names and, for workflow steps, values
                inherited from the
                output parameters of parent steps.
            output_parameters (StringMap | Unset): Names mapped to string values (environment variables, build arguments,
                headers, …).
            execution_parameters (ExecutionParameters | Unset): When a step runs.
            run_configuration (RunConfiguration | Unset): How a step is retried or skipped.
            type_ (StandardStepType | Unset):
            image (ImageBuild | Unset): An image built from the artifact.
            image_ref (str | Unset): The name of an image under `config.images`.
            image_details (ImageDetails | Unset): An existing image, by id and version id.
            image_id (float | str | Unset): A number, or a `"@param:<name>"` reference.
            image_version_id (float | str | Unset): A number, or a `"@param:<name>"` reference.
            resources (Resources | Unset): The machine a step or service runs on.
            step_timeout (float | str | Unset): A number, or a `"@param:<name>"` reference.
            clear_image_cache (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
            repository (StepRepository | Unset): A git repository a step reads its code (or, for `sql` steps, its query
                file) from.
    """

    command: str
    parents: list[str] | Unset = UNSET
    parameters: EnvParameters | Unset = UNSET
    output_parameters: StringMap | Unset = UNSET
    execution_parameters: ExecutionParameters | Unset = UNSET
    run_configuration: RunConfiguration | Unset = UNSET
    type_: StandardStepType | Unset = UNSET
    image: ImageBuild | Unset = UNSET
    image_ref: str | Unset = UNSET
    image_details: ImageDetails | Unset = UNSET
    image_id: float | str | Unset = UNSET
    image_version_id: float | str | Unset = UNSET
    resources: Resources | Unset = UNSET
    step_timeout: float | str | Unset = UNSET
    clear_image_cache: bool | str | Unset = UNSET
    repository: StepRepository | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        command = self.command

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

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        image_ref = self.image_ref

        image_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_details, Unset):
            image_details = self.image_details.to_dict()

        image_id: float | str | Unset
        if isinstance(self.image_id, Unset):
            image_id = UNSET
        else:
            image_id = self.image_id

        image_version_id: float | str | Unset
        if isinstance(self.image_version_id, Unset):
            image_version_id = UNSET
        else:
            image_version_id = self.image_version_id

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        step_timeout: float | str | Unset
        if isinstance(self.step_timeout, Unset):
            step_timeout = UNSET
        else:
            step_timeout = self.step_timeout

        clear_image_cache: bool | str | Unset
        if isinstance(self.clear_image_cache, Unset):
            clear_image_cache = UNSET
        else:
            clear_image_cache = self.clear_image_cache

        repository: dict[str, Any] | Unset = UNSET
        if not isinstance(self.repository, Unset):
            repository = self.repository.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command": command,
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
        if type_ is not UNSET:
            field_dict["type"] = type_
        if image is not UNSET:
            field_dict["image"] = image
        if image_ref is not UNSET:
            field_dict["imageRef"] = image_ref
        if image_details is not UNSET:
            field_dict["imageDetails"] = image_details
        if image_id is not UNSET:
            field_dict["imageId"] = image_id
        if image_version_id is not UNSET:
            field_dict["imageVersionId"] = image_version_id
        if resources is not UNSET:
            field_dict["resources"] = resources
        if step_timeout is not UNSET:
            field_dict["stepTimeout"] = step_timeout
        if clear_image_cache is not UNSET:
            field_dict["clearImageCache"] = clear_image_cache
        if repository is not UNSET:
            field_dict["repository"] = repository

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_parameters import EnvParameters
        from ..models.execution_parameters import ExecutionParameters
        from ..models.image_build import ImageBuild
        from ..models.image_details import ImageDetails
        from ..models.resources import Resources
        from ..models.run_configuration import RunConfiguration
        from ..models.step_repository import StepRepository
        from ..models.string_map import StringMap

        d = dict(src_dict)
        command = d.pop("command")

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

        _type_ = d.pop("type", UNSET)
        type_: StandardStepType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = StandardStepType(_type_)

        _image = d.pop("image", UNSET)
        image: ImageBuild | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = ImageBuild.from_dict(_image)

        image_ref = d.pop("imageRef", UNSET)

        _image_details = d.pop("imageDetails", UNSET)
        image_details: ImageDetails | Unset
        if isinstance(_image_details, Unset):
            image_details = UNSET
        else:
            image_details = ImageDetails.from_dict(_image_details)

        def _parse_image_id(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        image_id = _parse_image_id(d.pop("imageId", UNSET))

        def _parse_image_version_id(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        image_version_id = _parse_image_version_id(d.pop("imageVersionId", UNSET))

        _resources = d.pop("resources", UNSET)
        resources: Resources | Unset
        if isinstance(_resources, Unset):
            resources = UNSET
        else:
            resources = Resources.from_dict(_resources)

        def _parse_step_timeout(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        step_timeout = _parse_step_timeout(d.pop("stepTimeout", UNSET))

        def _parse_clear_image_cache(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        clear_image_cache = _parse_clear_image_cache(d.pop("clearImageCache", UNSET))

        _repository = d.pop("repository", UNSET)
        repository: StepRepository | Unset
        if isinstance(_repository, Unset):
            repository = UNSET
        else:
            repository = StepRepository.from_dict(_repository)

        standard_step = cls(
            command=command,
            parents=parents,
            parameters=parameters,
            output_parameters=output_parameters,
            execution_parameters=execution_parameters,
            run_configuration=run_configuration,
            type_=type_,
            image=image,
            image_ref=image_ref,
            image_details=image_details,
            image_id=image_id,
            image_version_id=image_version_id,
            resources=resources,
            step_timeout=step_timeout,
            clear_image_cache=clear_image_cache,
            repository=repository,
        )

        standard_step.additional_properties = d
        return standard_step

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
