from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.retry_options import RetryOptions
    from ..models.skip_configuration import SkipConfiguration


T = TypeVar("T", bound="RunConfiguration")


@_attrs_define
class RunConfiguration:
    """How a step is retried or skipped.

    Attributes:
        retry_options (RetryOptions | Unset):
        skip_configuration (SkipConfiguration | Unset):
    """

    retry_options: RetryOptions | Unset = UNSET
    skip_configuration: SkipConfiguration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        retry_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retry_options, Unset):
            retry_options = self.retry_options.to_dict()

        skip_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.skip_configuration, Unset):
            skip_configuration = self.skip_configuration.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if retry_options is not UNSET:
            field_dict["retryOptions"] = retry_options
        if skip_configuration is not UNSET:
            field_dict["skipConfiguration"] = skip_configuration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.retry_options import RetryOptions
        from ..models.skip_configuration import SkipConfiguration

        d = dict(src_dict)
        _retry_options = d.pop("retryOptions", UNSET)
        retry_options: RetryOptions | Unset
        if isinstance(_retry_options, Unset):
            retry_options = UNSET
        else:
            retry_options = RetryOptions.from_dict(_retry_options)

        _skip_configuration = d.pop("skipConfiguration", UNSET)
        skip_configuration: SkipConfiguration | Unset
        if isinstance(_skip_configuration, Unset):
            skip_configuration = UNSET
        else:
            skip_configuration = SkipConfiguration.from_dict(_skip_configuration)

        run_configuration = cls(
            retry_options=retry_options,
            skip_configuration=skip_configuration,
        )

        run_configuration.additional_properties = d
        return run_configuration

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
