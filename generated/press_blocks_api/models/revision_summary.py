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
        notes (str | Unset):
        status (RevisionStatus | str | Unset): A revision status; values unknown to this document are passed through.
        created_at (datetime.datetime | Unset):
        created_by (str | Unset):
    """

    id: str
    revision: int
    notes: str | Unset = UNSET
    status: RevisionStatus | str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    created_by: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        revision = self.revision

        notes = self.notes

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, RevisionStatus):
            status = self.status.value
        else:
            status = self.status

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "revision": revision,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if status is not UNSET:
            field_dict["status"] = status
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        revision = d.pop("revision")

        notes = d.pop("notes", UNSET)

        def _parse_status(data: object) -> RevisionStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_revision_status_type_0 = RevisionStatus(data)

                return componentsschemas_open_revision_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(RevisionStatus | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        created_by = d.pop("createdBy", UNSET)

        revision_summary = cls(
            id=id,
            revision=revision,
            notes=notes,
            status=status,
            created_at=created_at,
            created_by=created_by,
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
