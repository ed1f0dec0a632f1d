from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.spec_status import SpecStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tag import Tag


T = TypeVar("T", bound="SpecMetadataUpdate")


@_attrs_define
class SpecMetadataUpdate:
    """The new metadata of a spec; fields left out keep their value.

    Attributes:
        name (str | Unset):
        title (str | Unset):
        summary (str | Unset):
        description (str | Unset):
        description_content_type (str | Unset):
        image_url (str | Unset):
        tags (list[Tag] | Unset):
        status (SpecStatus | Unset):
    """

    name: str | Unset = UNSET
    title: str | Unset = UNSET
    summary: str | Unset = UNSET
    description: str | Unset = UNSET
    description_content_type: str | Unset = UNSET
    image_url: str | Unset = UNSET
    tags: list[Tag] | Unset = UNSET
    status: SpecStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        title = self.title

        summary = self.summary

        description = self.description

        description_content_type = self.description_content_type

        image_url = self.image_url

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if title is not UNSET:
            field_dict["title"] = title
        if summary is not UNSET:
            field_dict["summary"] = summary
        if description is not UNSET:
            field_dict["description"] = description
        if description_content_type is not UNSET:
            field_dict["descriptionContentType"] = description_content_type
        if image_url is not UNSET:
            field_dict["imageUrl"] = image_url
        if tags is not UNSET:
            field_dict["tags"] = tags
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tag import Tag

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        title = d.pop("title", UNSET)

        summary = d.pop("summary", UNSET)

        description = d.pop("description", UNSET)

        description_content_type = d.pop("descriptionContentType", UNSET)

        image_url = d.pop("imageUrl", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[Tag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = Tag.from_dict(tags_item_data)

                tags.append(tags_item)

        _status = d.pop("status", UNSET)
        status: SpecStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = SpecStatus(_status)

        spec_metadata_update = cls(
            name=name,
            title=title,
            summary=summary,
            description=description,
            description_content_type=description_content_type,
            image_url=image_url,
            tags=tags,
            status=status,
        )

        spec_metadata_update.additional_properties = d
        return spec_metadata_update

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
