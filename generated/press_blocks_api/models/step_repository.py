from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StepRepository")


@_attrs_define
class StepRepository:
    """A git repository a step reads its code (or, for `sql` steps, its query file) from.

    Attributes:
        url (str | Unset):
        branch (str | Unset):
        token (str | Unset):
        file_path (str | Unset): The query file, for `sql` steps.
    """

    url: str | Unset = UNSET
    branch: str | Unset = UNSET
    token: str | Unset = UNSET
    file_path: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        branch = self.branch

        token = self.token

        file_path = self.file_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if branch is not UNSET:
            field_dict["branch"] = branch
        if token is not UNSET:
            field_dict["token"] = token
        if file_path is not UNSET:
            field_dict["filePath"] = file_path

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url", UNSET)

        branch = d.pop("branch", UNSET)

        token = d.pop("token", UNSET)

        file_path = d.pop("filePath", UNSET)

        step_repository = cls(
            url=url,
            branch=branch,
            token=token,
            file_path=file_path,
        )

        step_repository.additional_properties = d
        return step_repository

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
