from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.string_map import StringMap


T = TypeVar("T", bound="ImageBuild")


@_attrs_define
class ImageBuild:
    """An image built from the artifact.

    Attributes:
        version (str | Unset):
        dockerfile (str | Unset):
        context (str | Unset):
        use_cache (bool | str | Unset): A boolean, or a `"@param:<name>"` reference.
        build_arguments (StringMap | Unset): Names mapped to string values (environment variables, build arguments,
            headers, …).
        secrets (list[str] | str | Unset): A list of strings, or a `"@param:<name>"` reference.
    """

    version: str | Unset = UNSET
    dockerfile: str | Unset = UNSET
    context: str | Unset = UNSET
    use_cache: bool | str | Unset = UNSET
    build_arguments: StringMap | Unset = UNSET
    secrets: list[str] | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        dockerfile = self.dockerfile

        context = self.context

        use_cache: bool | str | Unset
        if isinstance(self.use_cache, Unset):
            use_cache = UNSET
        else:
            use_cache = self.use_cache

        build_arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.build_arguments, Unset):
            build_arguments = self.build_arguments.to_dict()

        secrets: list[str] | str | Unset
        if isinstance(self.secrets, Unset):
            secrets = UNSET
        elif isinstance(self.secrets, list):
            secrets = self.secrets

        else:
            secrets = self.secrets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if version is not UNSET:
            field_dict["version"] = version
        if dockerfile is not UNSET:
            field_dict["dockerfile"] = dockerfile
        if context is not UNSET:
            field_dict["context"] = context
        if use_cache is not UNSET:
            field_dict["useCache"] = use_cache
        if build_arguments is not UNSET:
            field_dict["buildArguments"] = build_arguments
        if secrets is not UNSET:
            field_dict["secrets"] = secrets

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.string_map import StringMap

        d = dict(src_dict)
        version = d.pop("version", UNSET)

        dockerfile = d.pop("dockerfile", UNSET)

        context = d.pop("context", UNSET)

        def _parse_use_cache(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        use_cache = _parse_use_cache(d.pop("useCache", UNSET))

        _build_arguments = d.pop("buildArguments", UNSET)
        build_arguments: StringMap | Unset
        if isinstance(_build_arguments, Unset):
            build_arguments = UNSET
        else:
            build_arguments = StringMap.from_dict(_build_arguments)

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

        image_build = cls(
            version=version,
            dockerfile=dockerfile,
            context=context,
            use_cache=use_cache,
            build_arguments=build_arguments,
            secrets=secrets,
        )

        image_build.additional_properties = d
        return image_build

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
