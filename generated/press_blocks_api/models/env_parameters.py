from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.string_map import StringMap


T = TypeVar("T", bound="EnvParameters")


@_attrs_define
class EnvParameters:
    """Environment variables, secret names and, for workflow steps, values inherited from the
    output parameters of parent steps.

        Attributes:
            env (StringMap | Unset): Names mapped to string values (environment variables, build arguments, headers, …).
            secrets (list[str] | str | Unset): A list of strings, or a `"@param:<name>"` reference.
            inherit (StringMap | Unset): Names mapped to string values (environment variables, build arguments, headers, …).
    """

    env: StringMap | Unset = UNSET
    secrets: list[str] | str | Unset = UNSET
    inherit: StringMap | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        env: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env, Unset):
            env = self.env.to_dict()

        secrets: list[str] | str | Unset
        if isinstance(self.secrets, Unset):
            secrets = UNSET
        elif isinstance(self.secrets, list):
            secrets = self.secrets

        else:
            secrets = self.secrets

        inherit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.inherit, Unset):
            inherit = self.inherit.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if env is not UNSET:
            field_dict["env"] = env
        if secrets is not UNSET:
            field_dict["secrets"] = secrets
        if inherit is not UNSET:
            field_dict["inherit"] = inherit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.string_map import StringMap

        d = dict(src_dict)
        _env = d.pop("env", UNSET)
        env: StringMap | Unset
        if isinstance(_env, Unset):
            env = UNSET
        else:
            env = StringMap.from_dict(_env)

        def _parse_secrets(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_param_or_string_list_type_0 = cast(list[str], data)

                return componentsschemas_param_or_string_list_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        secrets = _parse_secrets(d.pop("secrets", UNSET))

        _inherit = d.pop("inherit", UNSET)
        inherit: StringMap | Unset
        if isinstance(_inherit, Unset):
            inherit = UNSET
        else:
            inherit = StringMap.from_dict(_inherit)

        env_parameters = cls(
            env=env,
            secrets=secrets,
            inherit=inherit,
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
