from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WatcherEvents")


@_attrs_define
class WatcherEvents:
    """
    Attributes:
        success (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        fail (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        runtime_exceeded (float | str | Unset): A number, or a `"@param:<name>"` reference.
    """

    success: bool | str | Unset = UNSET
    fail: bool | str | Unset = UNSET
    runtime_exceeded: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success: bool | str | Unset
        if isinstance(self.success, Unset):
            success = UNSET
        else:
            success = self.success

        fail: bool | str | Unset
        if isinstance(self.fail, Unset):
            fail = UNSET
        else:
            fail = self.fail

        runtime_exceeded: float | str | Unset
        if isinstance(self.runtime_exceeded, Unset):
            runtime_exceeded = UNSET
        else:
            runtime_exceeded = self.runtime_exceeded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if fail is not UNSET:
            field_dict["fail"] = fail
        if runtime_exceeded is not UNSET:
            field_dict["runtimeExceeded"] = runtime_exceeded

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_success(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        success = _parse_success(d.pop("success", UNSET))

        def _parse_fail(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        fail = _parse_fail(d.pop("fail", UNSET))

        def _parse_runtime_exceeded(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        runtime_exceeded = _parse_runtime_exceeded(d.pop("runtimeExceeded", UNSET))

        watcher_events = cls(
            success=success,
            fail=fail,
            runtime_exceeded=runtime_exceeded,
        )

        watcher_events.additional_properties = d
        return watcher_events

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
