from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.revision_summary import RevisionSummary


T = TypeVar("T", bound="ListRevisionsResponse")


@_attrs_define
class ListRevisionsResponse:
    """
    Attributes:
        revisions (list[RevisionSummary]):
        page_count (int):
        page_number (int):
        page_size (int):
        revision_count (int | Unset):
    """

    revisions: list[RevisionSummary]
    page_count: int
    page_number: int
    page_size: int
    revision_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        revisions = []
        for revisions_item_data in self.revisions:
            revisions_item = revisions_item_data.to_dict()
            revisions.append(revisions_item)

        page_count = self.page_count

        page_number = self.page_number

        page_size = self.page_size

        revision_count = self.revision_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "revisions": revisions,
                "pageCount": page_count,
                "pageNumber": page_number,
                "pageSize": page_size,
            }
        )
        if revision_count is not UNSET:
            field_dict["revisionCount"] = revision_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.revision_summary import RevisionSummary

        d = dict(src_dict)
        revisions = []
        _revisions = d.pop("revisions")
        for revisions_item_data in _revisions:
            revisions_item = RevisionSummary.from_dict(revisions_item_data)

            revisions.append(revisions_item)

        page_count = d.pop("pageCount")

        page_number = d.pop("pageNumber")

        page_size = d.pop("pageSize")

        revision_count = d.pop("revisionCount", UNSET)

        list_revisions_response = cls(
            revisions=revisions,
            page_count=page_count,
            page_number=page_number,
            page_size=page_size,
            revision_count=revision_count,
        )

        list_revisions_response.additional_properties = d
        return list_revisions_response

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
