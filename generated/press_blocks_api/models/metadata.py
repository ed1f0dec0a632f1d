from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tag import Tag


T = TypeVar("T", bound="Metadata")


@_attrs_define
class Metadata:
    """The metadata of a spec or deployment as the service describes it.

    Attributes:
        name (str):
        summary (str):
        status (str): The spec or deployment status (see SpecStatus, DeploymentStatus).
        created_at (datetime.datetime):
        created_by (str):
        updated_at (datetime.datetime):
        updated_by (str):
        title (str | Unset):
        description (str | Unset):
        description_content_type (str | Unset):
        image_url (str | Unset):
        tags (list[Tag] | Unset):
    """

    name: str
    summary: str
    status: str
    created_at: datetime.datetime
    created_by: str
    updated_at: datetime.datetime
    updated_by: str
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    description_content_type: str | Unset = UNSET
    image_url: str | Unset = UNSET
    tags: list[Tag] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        summary = self.summary

        status = self.status

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        title = self.title

        description = self.description

        description_content_type = self.description_content_type

        image_url = self.image_url

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "summary": summary,
                "status": status,
                "createdAt": created_at,
                "createdBy": created_by,
                "updatedAt": updated_at,
                "updatedBy": updated_by,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if description_content_type is not UNSET:
            field_dict["descriptionContentType"] = description_content_type
        if image_url is not UNSET:
            field_dict["imageUrl"] = image_url
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tag import Tag

        d = dict(src_dict)
        name = d.pop("name")

        summary = d.pop("summary")

        status = d.pop("status")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        updated_by = d.pop("updatedBy")

        title = d.pop("title", UNSET)

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

        metadata = cls(
            name=name,
            summary=summary,
            status=status,
            created_at=created_at,
            created_by=created_by,
            updated_at=updated_at,
            updated_by=updated_by,
            title=title,
            description=description,
            description_content_type=description_content_type,
            image_url=image_url,
            tags=tags,
        )

        metadata.additional_properties = d
        return metadata

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
