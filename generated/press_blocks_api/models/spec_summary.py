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
    from ..models.release_summary import ReleaseSummary


T = TypeVar("T", bound="SpecSummary")


@_attrs_define
class SpecSummary:
    """
    Attributes:
        id (str):
        kind (BlockKind | str): A block kind; values unknown to this document are passed through.
        featured (bool | Unset):
        scope (Scope | str | Unset): A scope; values unknown to this document are passed through.
        tenants (list[str] | Unset):
        metadata (Metadata | Unset): The metadata of a spec or deployment as the service describes it.
        latest_release (ReleaseSummary | Unset):
    """

    id: str
    kind: BlockKind | str
    featured: bool | Unset = UNSET
    scope: Scope | str | Unset = UNSET
    tenants: list[str] | Unset = UNSET
    metadata: Metadata | Unset = UNSET
    latest_release: ReleaseSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind: str
        if isinstance(self.kind, BlockKind):
            kind = self.kind.value
        else:
            kind = self.kind

        featured = self.featured

        scope: str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        elif isinstance(self.scope, Scope):
            scope = self.scope.value
        else:
            scope = self.scope

        tenants: list[str] | Unset = UNSET
        if not isinstance(self.tenants, Unset):
            tenants = self.tenants

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        latest_release: dict[str, Any] | Unset = UNSET
        if not isinstance(self.latest_release, Unset):
            latest_release = self.latest_release.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
            }
        )
        if featured is not UNSET:
            field_dict["featured"] = featured
        if scope is not UNSET:
            field_dict["scope"] = scope
        if tenants is not UNSET:
            field_dict["tenants"] = tenants
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if latest_release is not UNSET:
            field_dict["latestRelease"] = latest_release

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metadata import Metadata
        from ..models.release_summary import ReleaseSummary

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

        featured = d.pop("featured", UNSET)

        def _parse_scope(data: object) -> Scope | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_scope_type_0 = Scope(data)

                return componentsschemas_open_scope_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Scope | str | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        tenants = cast(list[str], d.pop("tenants", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        _latest_release = d.pop("latestRelease", UNSET)
        latest_release: ReleaseSummary | Unset
        if isinstance(_latest_release, Unset):
            latest_release = UNSET
        else:
            latest_release = ReleaseSummary.from_dict(_latest_release)

        spec_summary = cls(
            id=id,
            kind=kind,
            featured=featured,
            scope=scope,
            tenants=tenants,
            metadata=metadata,
            latest_release=latest_release,
        )

        spec_summary.additional_properties = d
        return spec_summary

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
