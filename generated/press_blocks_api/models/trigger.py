from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Trigger")


@_attrs_define
class Trigger:
    """One trigger: `{cron}`, `{webhook}` or `{webhookPolicy}`.

    Attributes:
        cron (str | Unset):
        webhook (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        webhook_policy (str | Unset):
    """

    cron: str | Unset = UNSET
    webhook: bool | str | Unset = UNSET
    webhook_policy: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cron = self.cron

        webhook: bool | str | Unset
        if isinstance(self.webhook, Unset):
            webhook = UNSET
        else:
            webhook = self.webhook

        webhook_policy = self.webhook_policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cron is not UNSET:
            field_dict["cron"] = cron
        if webhook is not UNSET:
            field_dict["webhook"] = webhook
        if webhook_policy is not UNSET:
            field_dict["webhookPolicy"] = webhook_policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cron = d.pop("cron", UNSET)

        def _parse_webhook(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        webhook = _parse_webhook(d.pop("webhook", UNSET))

        webhook_policy = d.pop("webhookPolicy", UNSET)

        trigger = cls(
            cron=cron,
            webhook=webhook,
            webhook_policy=webhook_policy,
        )

        trigger.additional_properties = d
        return trigger

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
