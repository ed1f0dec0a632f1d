from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.email_watcher import EmailWatcher
    from ..models.watcher_events import WatcherEvents
    from ..models.webhook_watcher import WebhookWatcher


T = TypeVar("T", bound="Watcher")


@_attrs_define
class Watcher:
    """Who is told of run events: a `user`, a `webhook` or an `email` watcher.

    Attributes:
        events (WatcherEvents | Unset):
        user (str | Unset):
        webhook (WebhookWatcher | Unset):
        email (EmailWatcher | Unset):
    """

    events: WatcherEvents | Unset = UNSET
    user: str | Unset = UNSET
    webhook: WebhookWatcher | Unset = UNSET
    email: EmailWatcher | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events: dict[str, Any] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = self.events.to_dict()

        user = self.user

        webhook: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webhook, Unset):
            webhook = self.webhook.to_dict()

        email: dict[str, Any] | Unset = UNSET
        if not isinstance(self.email, Unset):
            email = self.email.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if events is not UNSET:
            field_dict["events"] = events
        if user is not UNSET:
            field_dict["user"] = user
        if webhook is not UNSET:
            field_dict["webhook"] = webhook
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.email_watcher import EmailWatcher
        from ..models.watcher_events import WatcherEvents
        from ..models.webhook_watcher import WebhookWatcher

        d = dict(src_dict)
        _events = d.pop("events", UNSET)
        events: WatcherEvents | Unset
        if isinstance(_events, Unset):
            events = UNSET
        else:
            events = WatcherEvents.from_dict(_events)

        user = d.pop("user", UNSET)

        _webhook = d.pop("webhook", UNSET)
        webhook: WebhookWatcher | Unset
        if isinstance(_webhook, Unset):
            webhook = UNSET
        else:
            webhook = WebhookWatcher.from_dict(_webhook)

        _email = d.pop("email", UNSET)
        email: EmailWatcher | Unset
        if isinstance(_email, Unset):
            email = UNSET
        else:
            email = EmailWatcher.from_dict(_email)

        watcher = cls(
            events=events,
            user=user,
            webhook=webhook,
            email=email,
        )

        watcher.additional_properties = d
        return watcher

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
