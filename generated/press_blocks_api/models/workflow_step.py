from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_parameters import EnvParameters
    from ..models.image_build import ImageBuild
    from ..models.image_details import ImageDetails
    from ..models.resources import Resources
    from ..models.workflow_step_repository import WorkflowStepRepository


T = TypeVar("T", bound="WorkflowStep")


@_attrs_define
class WorkflowStep:
    """
    Attributes:
        type_ (str | Unset): The step type, e.g. `standard`.
        image_ref (str | Unset): The name of an image under `config.images`.
        image_details (ImageDetails | Unset): An existing image, by id and version id.
        image (ImageBuild | Unset): An image built from the artifact.
        image_id (float | Unset):
        image_version_id (float | Unset):
        command (str | Unset):
        resources (Resources | Unset):
        parents (list[str] | Unset):
        step_timeout (float | Unset):
        clear_image_cache (bool | Unset):
        parameters (EnvParameters | Unset): Environment variables and secret names of a step or service.
        repository (WorkflowStepRepository | Unset):
    """

    type_: str | Unset = UNSET
    image_ref: str | Unset = UNSET
    image_details: ImageDetails | Unset = UNSET
    image: ImageBuild | Unset = UNSET
    image_id: float | Unset = UNSET
    image_version_id: float | Unset = UNSET
    command: str | Unset = UNSET
    resources: Resources | Unset = UNSET
    parents: list[str] | Unset = UNSET
    step_timeout: float | Unset = UNSET
    clear_image_cache: bool | Unset = UNSET
    parameters: EnvParameters | Unset = UNSET
    repository: WorkflowStepRepository | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        image_ref = self.image_ref

        image_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_details, Unset):
            image_details = self.image_details.to_dict()

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        image_id = self.image_id

        image_version_id = self.image_version_id

        command = self.command

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        parents: list[str] | Unset = UNSET
        if not isinstance(self.parents, Unset):
            parents = self.parents

        step_timeout = self.step_timeout

        clear_image_cache = self.clear_image_cache

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        repository: dict[str, Any] | Unset = UNSET
        if not isinstance(self.repository, Unset):
            repository = self.repository.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if image_ref is not UNSET:
            field_dict["imageRef"] = image_ref
        if image_details is not UNSET:
            field_dict["imageDetails"] = image_details
        if image is not UNSET:
            field_dict["image"] = image
        if image_id is not UNSET:
            field_dict["imageId"] = image_id
        if image_version_id is not UNSET:
            field_dict["imageVersionId"] = image_version_id
        if command is not UNSET:
            field_dict["command"] = command
        if resources is not UNSET:
            field_dict["resources"] = resources
        if parents is not UNSET:
            field_dict["parents"] = parents
        if step_timeout is not UNSET:
            field_dict["stepTimeout"] = step_timeout
        if clear_image_cache is not UNSET:
            field_dict["clearImageCache"] = clear_image_cache
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if repository is not UNSET:
            field_dict["repository"] = repository

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_parameters import EnvParameters
        from ..models.image_build import ImageBuild
        from ..models.image_details import ImageDetails
        from ..models.resources import Resources
        from ..models.workflow_step_repository import WorkflowStepRepository

        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        image_ref = d.pop("imageRef", UNSET)

        _image_details = d.pop("imageDetails", UNSET)
        image_details: ImageDetails | Unset
        if isinstance(_image_details, Unset):
            image_details = UNSET
        else:
            image_details = ImageDetails.from_dict(_image_details)

        _image = d.pop("image", UNSET)
        image: ImageBuild | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = ImageBuild.from_dict(_image)

        image_id = d.pop("imageId", UNSET)

        image_version_id = d.pop("imageVersionId", UNSET)

        command = d.pop("command", UNSET)

        _resources = d.pop("resources", UNSET)
        resources: Resources | Unset
        if isinstance(_resources, Unset):
            resources = UNSET
        else:
            resources = Resources.from_dict(_resources)

        parents = cast(list[str], d.pop("parents", UNSET))

        step_timeout = d.pop("stepTimeout", UNSET)

        clear_image_cache = d.pop("clearImageCache", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: EnvParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = EnvParameters.from_dict(_parameters)

        _repository = d.pop("repository", UNSET)
        repository: WorkflowStepRepository | Unset
        if isinstance(_repository, Unset):
            repository = UNSET
        else:
            repository = WorkflowStepRepository.from_dict(_repository)

        workflow_step = cls(
            type_=type_,
            image_ref=image_ref,
            image_details=image_details,
            image=image,
            image_id=image_id,
            image_version_id=image_version_id,
            command=command,
            resources=resources,
            parents=parents,
            step_timeout=step_timeout,
            clear_image_cache=clear_image_cache,
            parameters=parameters,
            repository=repository,
        )

        workflow_step.additional_properties = d
        return workflow_step

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
