from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.revision_status import RevisionStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RevisionSummary")


@_attrs_define
class RevisionSummary:
    """
    Attributes:
        id (str):
        revision (int):
        status (RevisionStatus | str): A revision status; values unknown to this document are passed through.
        created_at (datetime.datetime):
        created_by (str):
        notes (str | Unset):
    """

    id: str
    revision: int
    status: RevisionStatus | str
    created_at: datetime.datetime
    created_by: str
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        revision = self.revision

        status: str
        if isinstance(self.status, RevisionStatus):
            status = self.status.value
        else:
            status = self.status

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "revision": revision,
                "status": status,
                "createdAt": created_at,
                "createdBy": created_by,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        revision = d.pop("revision")

        def _parse_status(data: object) -> RevisionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_revision_status_type_0 = RevisionStatus(data)

                return componentsschemas_open_revision_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(RevisionStatus | str, data)

        status = _parse_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        notes = d.pop("notes", UNSET)

        revision_summary = cls(
            id=id,
            revision=revision,
            status=status,
            created_at=created_at,
            created_by=created_by,
            notes=notes,
        )

        revision_summary.additional_properties = d
        return revision_summary

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
