from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.watcher_email_recipients import WatcherEmailRecipients


T = TypeVar("T", bound="WatcherEmail")


@_attrs_define
class WatcherEmail:
    """
    Attributes:
        name (str):
        recipients (WatcherEmailRecipients | Unset):
    """

    name: str
    recipients: WatcherEmailRecipients | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        recipients: dict[str, Any] | Unset = UNSET
        if not isinstance(self.recipients, Unset):
            recipients = self.recipients.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if recipients is not UNSET:
            field_dict["recipients"] = recipients

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.watcher_email_recipients import WatcherEmailRecipients

        d = dict(src_dict)
        name = d.pop("name")

        _recipients = d.pop("recipients", UNSET)
        recipients: WatcherEmailRecipients | Unset
        if isinstance(_recipients, Unset):
            recipients = UNSET
        else:
            recipients = WatcherEmailRecipients.from_dict(_recipients)

        watcher_email = cls(
            name=name,
            recipients=recipients,
        )

        watcher_email.additional_properties = d
        return watcher_email

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
