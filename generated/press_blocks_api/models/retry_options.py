from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetryOptions")


@_attrs_define
class RetryOptions:
    """
    Attributes:
        duration (float | str | Unset): A number, or a `"@param:<name>"` reference.
        exit_codes (list[int | str] | Unset):
        exponential_backoff (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        number_of_retries (float | str | Unset): A number, or a `"@param:<name>"` reference.
    """

    duration: float | str | Unset = UNSET
    exit_codes: list[int | str] | Unset = UNSET
    exponential_backoff: bool | str | Unset = UNSET
    number_of_retries: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration: float | str | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        exit_codes: list[int | str] | Unset = UNSET
        if not isinstance(self.exit_codes, Unset):
            exit_codes = []
            for exit_codes_item_data in self.exit_codes:
                exit_codes_item: int | str
                exit_codes_item = exit_codes_item_data
                exit_codes.append(exit_codes_item)

        exponential_backoff: bool | str | Unset
        if isinstance(self.exponential_backoff, Unset):
            exponential_backoff = UNSET
        else:
            exponential_backoff = self.exponential_backoff

        number_of_retries: float | str | Unset
        if isinstance(self.number_of_retries, Unset):
            number_of_retries = UNSET
        else:
            number_of_retries = self.number_of_retries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if duration is not UNSET:
            field_dict["duration"] = duration
        if exit_codes is not UNSET:
            field_dict["exitCodes"] = exit_codes
        if exponential_backoff is not UNSET:
            field_dict["exponentialBackoff"] = exponential_backoff
        if number_of_retries is not UNSET:
            field_dict["numberOfRetries"] = number_of_retries

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        _exit_codes = d.pop("exitCodes", UNSET)
        exit_codes: list[int | str] | Unset = UNSET
        if _exit_codes is not UNSET:
            exit_codes = []
            for exit_codes_item_data in _exit_codes:

                def _parse_exit_codes_item(data: object) -> int | str:
                    return cast(int | str, data)

                exit_codes_item = _parse_exit_codes_item(exit_codes_item_data)

                exit_codes.append(exit_codes_item)

        def _parse_exponential_backoff(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        exponential_backoff = _parse_exponential_backoff(
            d.pop("exponentialBackoff", UNSET)
        )

        def _parse_number_of_retries(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        number_of_retries = _parse_number_of_retries(d.pop("numberOfRetries", UNSET))

        retry_options = cls(
            duration=duration,
            exit_codes=exit_codes,
            exponential_backoff=exponential_backoff,
            number_of_retries=number_of_retries,
        )

        retry_options.additional_properties = d
        return retry_options

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
