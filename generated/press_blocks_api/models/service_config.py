from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_type import ServiceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_parameters import EnvParameters
    from ..models.image_build import ImageBuild
    from ..models.image_details import ImageDetails
    from ..models.resources import Resources


T = TypeVar("T", bound="ServiceConfig")


@_attrs_define
class ServiceConfig:
    """The config of a service block (an API or a web app).

    Attributes:
        service_type (ServiceType):
        image (ImageBuild | Unset): An image built from the artifact.
        image_details (ImageDetails | Unset): An existing image, by id and version id.
        resources (Resources | Unset): The machine a step or service runs on.
        session_stickiness (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        scale_to_zero (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        parameters (EnvParameters | Unset): Environment variables, secret names and, for workflow steps, values
            inherited from the
            output parameters of parent steps.
        entrypoint (str | Unset):
        health_check_url (str | Unset):
        min_instances (int | str | Unset): At least 0, or a `"@param:<name>"` reference.
    """

    service_type: ServiceType
    image: ImageBuild | Unset = UNSET
    image_details: ImageDetails | Unset = UNSET
    resources: Resources | Unset = UNSET
    session_stickiness: bool | str | Unset = UNSET
    scale_to_zero: bool | str | Unset = UNSET
    parameters: EnvParameters | Unset = UNSET
    entrypoint: str | Unset = UNSET
    health_check_url: str | Unset = UNSET
    min_instances: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_type = self.service_type.value

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        image_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_details, Unset):
            image_details = self.image_details.to_dict()

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        session_stickiness: bool | str | Unset
        if isinstance(self.session_stickiness, Unset):
            session_stickiness = UNSET
        else:
            session_stickiness = self.session_stickiness

        scale_to_zero: bool | str | Unset
        if isinstance(self.scale_to_zero, Unset):
            scale_to_zero = UNSET
        else:
            scale_to_zero = self.scale_to_zero

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        entrypoint = self.entrypoint

        health_check_url = self.health_check_url

        min_instances: int | str | Unset
        if isinstance(self.min_instances, Unset):
            min_instances = UNSET
        else:
            min_instances = self.min_instances

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "serviceType": service_type,
            }
        )
        if image is not UNSET:
            field_dict["image"] = image
        if image_details is not UNSET:
            field_dict["imageDetails"] = image_details
        if resources is not UNSET:
            field_dict["resources"] = resources
        if session_stickiness is not UNSET:
            field_dict["sessionStickiness"] = session_stickiness
        if scale_to_zero is not UNSET:
            field_dict["scaleToZero"] = scale_to_zero
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if entrypoint is not UNSET:
            field_dict["entrypoint"] = entrypoint
        if health_check_url is not UNSET:
            field_dict["healthCheckURL"] = health_check_url
        if min_instances is not UNSET:
            field_dict["minInstances"] = min_instances

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_parameters import EnvParameters
        from ..models.image_build import ImageBuild
        from ..models.image_details import ImageDetails
        from ..models.resources import Resources

        d = dict(src_dict)
        service_type = ServiceType(d.pop("serviceType"))

        _image = d.pop("image", UNSET)
        image: ImageBuild | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = ImageBuild.from_dict(_image)

        _image_details = d.pop("imageDetails", UNSET)
        image_details: ImageDetails | Unset
        if isinstance(_image_details, Unset):
            image_details = UNSET
        else:
            image_details = ImageDetails.from_dict(_image_details)

        _resources = d.pop("resources", UNSET)
        resources: Resources | Unset
        if isinstance(_resources, Unset):
            resources = UNSET
        else:
            resources = Resources.from_dict(_resources)

        def _parse_session_stickiness(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        session_stickiness = _parse_session_stickiness(
            d.pop("sessionStickiness", UNSET)
        )

        def _parse_scale_to_zero(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        scale_to_zero = _parse_scale_to_zero(d.pop("scaleToZero", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: EnvParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = EnvParameters.from_dict(_parameters)

        entrypoint = d.pop("entrypoint", UNSET)

        health_check_url = d.pop("healthCheckURL", UNSET)

        def _parse_min_instances(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        min_instances = _parse_min_instances(d.pop("minInstances", UNSET))

        service_config = cls(
            service_type=service_type,
            image=image,
            image_details=image_details,
            resources=resources,
            session_stickiness=session_stickiness,
            scale_to_zero=scale_to_zero,
            parameters=parameters,
            entrypoint=entrypoint,
            health_check_url=health_check_url,
            min_instances=min_instances,
        )

        service_config.additional_properties = d
        return service_config

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
