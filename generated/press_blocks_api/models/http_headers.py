from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.string_map import StringMap


T = TypeVar("T", bound="HttpHeaders")


@_attrs_define
class HttpHeaders:
    """Headers of an `http` step, given verbatim (`absolute`) or as secret names (`secrets`).

    Attributes:
        absolute (StringMap | Unset): Names mapped to string values (environment variables, build arguments, headers,
            …).
        secrets (StringMap | Unset): Names mapped to string values (environment variables, build arguments, headers, …).
    """

    absolute: StringMap | Unset = UNSET
    secrets: StringMap | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        absolute: dict[str, Any] | Unset = UNSET
        if not isinstance(self.absolute, Unset):
            absolute = self.absolute.to_dict()

        secrets: dict[str, Any] | Unset = UNSET
        if not isinstance(self.secrets, Unset):
            secrets = self.secrets.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if absolute is not UNSET:
            field_dict["absolute"] = absolute
        if secrets is not UNSET:
            field_dict["secrets"] = secrets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.string_map import StringMap

        d = dict(src_dict)
        _absolute = d.pop("absolute", UNSET)
        absolute: StringMap | Unset
        if isinstance(_absolute, Unset):
            absolute = UNSET
        else:
            absolute = StringMap.from_dict(_absolute)

        _secrets = d.pop("secrets", UNSET)
        secrets: StringMap | Unset
        if isinstance(_secrets, Unset):
            secrets = UNSET
        else:
            secrets = StringMap.from_dict(_secrets)

        http_headers = cls(
            absolute=absolute,
            secrets=secrets,
        )

        http_headers.additional_properties = d
        return http_headers

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
