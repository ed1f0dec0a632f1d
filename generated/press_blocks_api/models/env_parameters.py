from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_parameters_env import EnvParametersEnv


T = TypeVar("T", bound="EnvParameters")


@_attrs_define
class EnvParameters:
    """Environment variables and secret names of a step or service.

    Attributes:
        env (EnvParametersEnv | Unset):
        secrets (list[str] | Unset):
    """

    env: EnvParametersEnv | Unset = UNSET
    secrets: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        env: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env, Unset):
            env = self.env.to_dict()

        secrets: list[str] | Unset = UNSET
        if not isinstance(self.secrets, Unset):
            secrets = self.secrets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if env is not UNSET:
            field_dict["env"] = env
        if secrets is not UNSET:
            field_dict["secrets"] = secrets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_parameters_env import EnvParametersEnv

        d = dict(src_dict)
        _env = d.pop("env", UNSET)
        env: EnvParametersEnv | Unset
        if isinstance(_env, Unset):
            env = UNSET
        else:
            env = EnvParametersEnv.from_dict(_env)

        secrets = cast(list[str], d.pop("secrets", UNSET))

        env_parameters = cls(
            env=env,
            secrets=secrets,
        )

        env_parameters.additional_properties = d
        return env_parameters

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
