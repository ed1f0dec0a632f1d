from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.release_summary import ReleaseSummary


T = TypeVar("T", bound="ListReleasesResponse")


@_attrs_define
class ListReleasesResponse:
    """
    Attributes:
        releases (list[ReleaseSummary]):
        page_count (int):
        page_number (int):
        page_size (int):
        release_count (int | Unset):
    """

    releases: list[ReleaseSummary]
    page_count: int
    page_number: int
    page_size: int
    release_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        releases = []
        for releases_item_data in self.releases:
            releases_item = releases_item_data.to_dict()
            releases.append(releases_item)

        page_count = self.page_count

        page_number = self.page_number

        page_size = self.page_size

        release_count = self.release_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "releases": releases,
                "pageCount": page_count,
                "pageNumber": page_number,
                "pageSize": page_size,
            }
        )
        if release_count is not UNSET:
            field_dict["releaseCount"] = release_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.release_summary import ReleaseSummary

        d = dict(src_dict)
        releases = []
        _releases = d.pop("releases")
        for releases_item_data in _releases:
            releases_item = ReleaseSummary.from_dict(releases_item_data)

            releases.append(releases_item)

        page_count = d.pop("pageCount")

        page_number = d.pop("pageNumber")

        page_size = d.pop("pageSize")

        release_count = d.pop("releaseCount", UNSET)

        list_releases_response = cls(
            releases=releases,
            page_count=page_count,
            page_number=page_number,
            page_size=page_size,
            release_count=release_count,
        )

        list_releases_response.additional_properties = d
        return list_releases_response

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
