from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.block_kind import BlockKind
from ..models.scope import Scope
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata
    from ..models.parameter_definitions import ParameterDefinitions
    from ..models.release import Release


T = TypeVar("T", bound="Spec")


@_attrs_define
class Spec:
    """
    Attributes:
        id (str):
        kind (BlockKind | str): A block kind; values unknown to this document are passed through.
        featured (bool):
        scope (Scope | str): A scope; values unknown to this document are passed through.
        tenants (list[str]):
        metadata (Metadata): The metadata of a spec or deployment as the service describes it.
        latest_release (Release):
        parameters (ParameterDefinitions | Unset):
    """

    id: str
    kind: BlockKind | str
    featured: bool
    scope: Scope | str
    tenants: list[str]
    metadata: Metadata
    latest_release: Release
    parameters: ParameterDefinitions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind: str
        if isinstance(self.kind, BlockKind):
            kind = self.kind.value
        else:
            kind = self.kind

        featured = self.featured

        scope: str
        if isinstance(self.scope, Scope):
            scope = self.scope.value
        else:
            scope = self.scope

        tenants = self.tenants

        metadata = self.metadata.to_dict()

        latest_release = self.latest_release.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "featured": featured,
                "scope": scope,
                "tenants": tenants,
                "metadata": metadata,
                "latestRelease": latest_release,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metadata import Metadata
        from ..models.parameter_definitions import ParameterDefinitions
        from ..models.release import Release

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_kind(data: object) -> BlockKind | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_block_kind_type_0 = BlockKind(data)

                return componentsschemas_open_block_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BlockKind | str, data)

        kind = _parse_kind(d.pop("kind"))

        featured = d.pop("featured")

        def _parse_scope(data: object) -> Scope | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_scope_type_0 = Scope(data)

                return componentsschemas_open_scope_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Scope | str, data)

        scope = _parse_scope(d.pop("scope"))

        tenants = cast(list[str], d.pop("tenants"))

        metadata = Metadata.from_dict(d.pop("metadata"))

        latest_release = Release.from_dict(d.pop("latestRelease"))

        _parameters = d.pop("parameters", UNSET)
        parameters: ParameterDefinitions | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = ParameterDefinitions.from_dict(_parameters)

        spec = cls(
            id=id,
            kind=kind,
            featured=featured,
            scope=scope,
            tenants=tenants,
            metadata=metadata,
            latest_release=latest_release,
            parameters=parameters,
        )

        spec.additional_properties = d
        return spec

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
