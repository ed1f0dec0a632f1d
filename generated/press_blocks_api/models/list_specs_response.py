from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.spec_summary import SpecSummary


T = TypeVar("T", bound="ListSpecsResponse")


@_attrs_define
class ListSpecsResponse:
    """
    Attributes:
        specs (list[SpecSummary]):
        page_count (int):
        page_number (int):
        page_size (int):
        spec_count (int | Unset):
    """

    specs: list[SpecSummary]
    page_count: int
    page_number: int
    page_size: int
    spec_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        specs = []
        for specs_item_data in self.specs:
            specs_item = specs_item_data.to_dict()
            specs.append(specs_item)

        page_count = self.page_count

        page_number = self.page_number

        page_size = self.page_size

        spec_count = self.spec_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "specs": specs,
                "pageCount": page_count,
                "pageNumber": page_number,
                "pageSize": page_size,
            }
        )
        if spec_count is not UNSET:
            field_dict["specCount"] = spec_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.spec_summary import SpecSummary

        d = dict(src_dict)
        specs = []
        _specs = d.pop("specs")
        for specs_item_data in _specs:
            specs_item = SpecSummary.from_dict(specs_item_data)

            specs.append(specs_item)

        page_count = d.pop("pageCount")

        page_number = d.pop("pageNumber")

        page_size = d.pop("pageSize")

        spec_count = d.pop("specCount", UNSET)

        list_specs_response = cls(
            specs=specs,
            page_count=page_count,
            page_number=page_number,
            page_size=page_size,
            spec_count=spec_count,
        )

        list_specs_response.additional_properties = d
        return list_specs_response

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
