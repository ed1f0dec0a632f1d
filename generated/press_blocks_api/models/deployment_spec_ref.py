from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deployment_release_versions import DeploymentReleaseVersions


T = TypeVar("T", bound="DeploymentSpecRef")


@_attrs_define
class DeploymentSpecRef:
    """The spec a deployment was made from.

    Attributes:
        id (str):
        release (DeploymentReleaseVersions): The release a deployment runs and the latest release of its spec.
    """

    id: str
    release: DeploymentReleaseVersions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        release = self.release.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "release": release,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_release_versions import DeploymentReleaseVersions

        d = dict(src_dict)
        id = d.pop("id")

        release = DeploymentReleaseVersions.from_dict(d.pop("release"))

        deployment_spec_ref = cls(
            id=id,
            release=release,
        )

        deployment_spec_ref.additional_properties = d
        return deployment_spec_ref

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
