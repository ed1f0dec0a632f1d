from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReleaseInput")


@_attrs_define
class ReleaseInput:
    """
    Attributes:
        version (str): A semantic version such as 1.0.0.
        notes (str | Unset): Free text about the release. The service stores it and returns it exactly as sent
            (Release.notes). press-blocks apply appends a fingerprint line to it, [press-blocks fingerprint v1
            artifact=sha256:HEX files=N], at most 140 characters (see the Deploy as code page).
    """

    version: str
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        version = d.pop("version")

        notes = d.pop("notes", UNSET)

        release_input = cls(
            version=version,
            notes=notes,
        )

        release_input.additional_properties = d
        return release_input

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
