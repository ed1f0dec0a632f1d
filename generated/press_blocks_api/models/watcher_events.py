from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WatcherEvents")


@_attrs_define
class WatcherEvents:
    """
    Attributes:
        success (bool | Unset):
        fail (bool | Unset):
        runtime_exceeded (float | Unset):
    """

    success: bool | Unset = UNSET
    fail: bool | Unset = UNSET
    runtime_exceeded: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        fail = self.fail

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
        success = d.pop("success", UNSET)

        fail = d.pop("fail", UNSET)

        runtime_exceeded = d.pop("runtimeExceeded", UNSET)

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
