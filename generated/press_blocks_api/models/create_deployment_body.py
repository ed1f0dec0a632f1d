from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_parameters_input import DeploymentParametersInput
    from ..models.deployment_spec_input import DeploymentSpecInput
    from ..models.first_revision_input import FirstRevisionInput
    from ..models.metadata_input import MetadataInput


T = TypeVar("T", bound="CreateDeploymentBody")


@_attrs_define
class CreateDeploymentBody:
    """
    Attributes:
        metadata (MetadataInput): The metadata given when a spec or deployment is created.
        revision (FirstRevisionInput): The notes of a deployment's first revision.
        spec (DeploymentSpecInput): The spec to deploy and, optionally, which of its releases.
        parameters (DeploymentParametersInput | Unset):
    """

    metadata: MetadataInput
    revision: FirstRevisionInput
    spec: DeploymentSpecInput
    parameters: DeploymentParametersInput | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metadata = self.metadata.to_dict()

        revision = self.revision.to_dict()

        spec = self.spec.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metadata": metadata,
                "revision": revision,
                "spec": spec,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_parameters_input import DeploymentParametersInput
        from ..models.deployment_spec_input import DeploymentSpecInput
        from ..models.first_revision_input import FirstRevisionInput
        from ..models.metadata_input import MetadataInput

        d = dict(src_dict)
        metadata = MetadataInput.from_dict(d.pop("metadata"))

        revision = FirstRevisionInput.from_dict(d.pop("revision"))

        spec = DeploymentSpecInput.from_dict(d.pop("spec"))

        _parameters = d.pop("parameters", UNSET)
        parameters: DeploymentParametersInput | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = DeploymentParametersInput.from_dict(_parameters)

        create_deployment_body = cls(
            metadata=metadata,
            revision=revision,
            spec=spec,
            parameters=parameters,
        )

        create_deployment_body.additional_properties = d
        return create_deployment_body

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
