from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_auth_type import HttpAuthType
from ..types import UNSET, Unset

T = TypeVar("T", bound="HttpAuth")


@_attrs_define
class HttpAuth:
    """How an `http` step authenticates: `clientId`, `clientSecret` and `authUrl` for oauth,
    `username` and `password` for basic, `apiKey` for api-key, `bearerToken` for bearer-token.

        Attributes:
            type_ (HttpAuthType):
            client_id (str | Unset):
            client_secret (str | Unset):
            auth_url (str | Unset):
            username (str | Unset):
            password (str | Unset):
            api_key (str | Unset):
            bearer_token (str | Unset):
    """

    type_: HttpAuthType
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    auth_url: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    api_key: str | Unset = UNSET
    bearer_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        client_id = self.client_id

        client_secret = self.client_secret

        auth_url = self.auth_url

        username = self.username

        password = self.password

        api_key = self.api_key

        bearer_token = self.bearer_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if client_id is not UNSET:
            field_dict["clientId"] = client_id
        if client_secret is not UNSET:
            field_dict["clientSecret"] = client_secret
        if auth_url is not UNSET:
            field_dict["authUrl"] = auth_url
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if api_key is not UNSET:
            field_dict["apiKey"] = api_key
        if bearer_token is not UNSET:
            field_dict["bearerToken"] = bearer_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = HttpAuthType(d.pop("type"))

        client_id = d.pop("clientId", UNSET)

        client_secret = d.pop("clientSecret", UNSET)

        auth_url = d.pop("authUrl", UNSET)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        api_key = d.pop("apiKey", UNSET)

        bearer_token = d.pop("bearerToken", UNSET)

        http_auth = cls(
            type_=type_,
            client_id=client_id,
            client_secret=client_secret,
            auth_url=auth_url,
            username=username,
            password=password,
            api_key=api_key,
            bearer_token=bearer_token,
        )

        http_auth.additional_properties = d
        return http_auth

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
