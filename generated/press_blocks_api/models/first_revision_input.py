from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FirstRevisionInput")


@_attrs_define
class FirstRevisionInput:
    """The notes of a deployment's first revision.

    Attributes:
        notes (str): Free text about the revision. The service stores it and returns it exactly as sent
            (Revision.notes). press-blocks apply appends a fingerprint line to it, [press-blocks fingerprint v1 params=hmac-
            sha256:KEYID:HEX], a keyed MAC of hidden parameter values, at most 140 characters (see the Deploy as code page).
    """

    notes: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "notes": notes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        notes = d.pop("notes")

        first_revision_input = cls(
            notes=notes,
        )

        first_revision_input.additional_properties = d
        return first_revision_input

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
