from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.release_version import ReleaseVersion


T = TypeVar("T", bound="RevisionSpecRef")


@_attrs_define
class RevisionSpecRef:
    """The spec and release a revision deployed.

    Attributes:
        id (str):
        release (ReleaseVersion): The version of a release.
    """

    id: str
    release: ReleaseVersion
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
        from ..models.release_version import ReleaseVersion

        d = dict(src_dict)
        id = d.pop("id")

        release = ReleaseVersion.from_dict(d.pop("release"))

        revision_spec_ref = cls(
            id=id,
            release=release,
        )

        revision_spec_ref.additional_properties = d
        return revision_spec_ref

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
