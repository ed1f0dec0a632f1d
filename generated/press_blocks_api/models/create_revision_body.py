from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_parameters_input import DeploymentParametersInput
    from ..models.release_ref import ReleaseRef
    from ..models.revision_input import RevisionInput


T = TypeVar("T", bound="CreateRevisionBody")


@_attrs_define
class CreateRevisionBody:
    """
    Attributes:
        release (ReleaseRef | Unset): A release of the parent spec, by version (the latest release when left out).
        revision (RevisionInput | Unset): The notes of a new revision.
        parameters (DeploymentParametersInput | Unset):
    """

    release: ReleaseRef | Unset = UNSET
    revision: RevisionInput | Unset = UNSET
    parameters: DeploymentParametersInput | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        release: dict[str, Any] | Unset = UNSET
        if not isinstance(self.release, Unset):
            release = self.release.to_dict()

        revision: dict[str, Any] | Unset = UNSET
        if not isinstance(self.revision, Unset):
            revision = self.revision.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if release is not UNSET:
            field_dict["release"] = release
        if revision is not UNSET:
            field_dict["revision"] = revision
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_parameters_input import DeploymentParametersInput
        from ..models.release_ref import ReleaseRef
        from ..models.revision_input import RevisionInput

        d = dict(src_dict)
        _release = d.pop("release", UNSET)
        release: ReleaseRef | Unset
        if isinstance(_release, Unset):
            release = UNSET
        else:
            release = ReleaseRef.from_dict(_release)

        _revision = d.pop("revision", UNSET)
        revision: RevisionInput | Unset
        if isinstance(_revision, Unset):
            revision = UNSET
        else:
            revision = RevisionInput.from_dict(_revision)

        _parameters = d.pop("parameters", UNSET)
        parameters: DeploymentParametersInput | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = DeploymentParametersInput.from_dict(_parameters)

        create_revision_body = cls(
            release=release,
            revision=revision,
            parameters=parameters,
        )

        create_revision_body.additional_properties = d
        return create_revision_body

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
