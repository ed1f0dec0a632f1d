from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.email_recipients import EmailRecipients


T = TypeVar("T", bound="EmailWatcher")


@_attrs_define
class EmailWatcher:
    """
    Attributes:
        name (str):
        recipients (EmailRecipients | Unset):
    """

    name: str
    recipients: EmailRecipients | Unset = UNSET
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
        from ..models.email_recipients import EmailRecipients

        d = dict(src_dict)
        name = d.pop("name")

        _recipients = d.pop("recipients", UNSET)
        recipients: EmailRecipients | Unset
        if isinstance(_recipients, Unset):
            recipients = UNSET
        else:
            recipients = EmailRecipients.from_dict(_recipients)

        email_watcher = cls(
            name=name,
            recipients=recipients,
        )

        email_watcher.additional_properties = d
        return email_watcher

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
