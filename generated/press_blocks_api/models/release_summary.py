from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReleaseSummary")


@_attrs_define
class ReleaseSummary:
    """
    Attributes:
        id (str):
        version (str):
        created_at (datetime.datetime):
        created_by (str):
        notes (str | Unset):
        auto_run_on_deploy (bool | Unset):
    """

    id: str
    version: str
    created_at: datetime.datetime
    created_by: str
    notes: str | Unset = UNSET
    auto_run_on_deploy: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        notes = self.notes

        auto_run_on_deploy = self.auto_run_on_deploy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "createdAt": created_at,
                "createdBy": created_by,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if auto_run_on_deploy is not UNSET:
            field_dict["autoRunOnDeploy"] = auto_run_on_deploy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        notes = d.pop("notes", UNSET)

        auto_run_on_deploy = d.pop("autoRunOnDeploy", UNSET)

        release_summary = cls(
            id=id,
            version=version,
            created_at=created_at,
            created_by=created_by,
            notes=notes,
            auto_run_on_deploy=auto_run_on_deploy,
        )

        release_summary.additional_properties = d
        return release_summary

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
