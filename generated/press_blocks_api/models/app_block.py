from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppBlock")


@_attrs_define
class AppBlock:
    """A block deployed by an app.

    Attributes:
        deployment_id (str | Unset):
        platform_id (None | str | Unset):
        kind (str | Unset):
        name (str | Unset):
        status (str | Unset):
    """

    deployment_id: str | Unset = UNSET
    platform_id: None | str | Unset = UNSET
    kind: str | Unset = UNSET
    name: str | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deployment_id = self.deployment_id

        platform_id: None | str | Unset
        if isinstance(self.platform_id, Unset):
            platform_id = UNSET
        else:
            platform_id = self.platform_id

        kind = self.kind

        name = self.name

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if deployment_id is not UNSET:
            field_dict["deploymentId"] = deployment_id
        if platform_id is not UNSET:
            field_dict["platformId"] = platform_id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        deployment_id = d.pop("deploymentId", UNSET)

        def _parse_platform_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform_id = _parse_platform_id(d.pop("platformId", UNSET))

        kind = d.pop("kind", UNSET)

        name = d.pop("name", UNSET)

        status = d.pop("status", UNSET)

        app_block = cls(
            deployment_id=deployment_id,
            platform_id=platform_id,
            kind=kind,
            name=name,
            status=status,
        )

        app_block.additional_properties = d
        return app_block

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
