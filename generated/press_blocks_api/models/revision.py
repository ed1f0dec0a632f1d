from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.revision_status import RevisionStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_parameters import DeploymentParameters
    from ..models.platform_resource import PlatformResource
    from ..models.revision_spec_ref import RevisionSpecRef


T = TypeVar("T", bound="Revision")


@_attrs_define
class Revision:
    """
    Attributes:
        id (str):
        revision (int):
        status (RevisionStatus | str): A revision status; values unknown to this document are passed through.
        created_at (datetime.datetime):
        created_by (str):
        resources (list[PlatformResource]):
        notes (str | Unset): The revision notes, exactly as sent when the revision was made.
        spec (RevisionSpecRef | Unset): The spec and release a revision deployed.
        parameters (DeploymentParameters | Unset):
    """

    id: str
    revision: int
    status: RevisionStatus | str
    created_at: datetime.datetime
    created_by: str
    resources: list[PlatformResource]
    notes: str | Unset = UNSET
    spec: RevisionSpecRef | Unset = UNSET
    parameters: DeploymentParameters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        revision = self.revision

        status: str
        if isinstance(self.status, RevisionStatus):
            status = self.status.value
        else:
            status = self.status

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        resources = []
        for resources_item_data in self.resources:
            resources_item = resources_item_data.to_dict()
            resources.append(resources_item)

        notes = self.notes

        spec: dict[str, Any] | Unset = UNSET
        if not isinstance(self.spec, Unset):
            spec = self.spec.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "revision": revision,
                "status": status,
                "createdAt": created_at,
                "createdBy": created_by,
                "resources": resources,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if spec is not UNSET:
            field_dict["spec"] = spec
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_parameters import DeploymentParameters
        from ..models.platform_resource import PlatformResource
        from ..models.revision_spec_ref import RevisionSpecRef

        d = dict(src_dict)
        id = d.pop("id")

        revision = d.pop("revision")

        def _parse_status(data: object) -> RevisionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_open_revision_status_type_0 = RevisionStatus(data)

                return componentsschemas_open_revision_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(RevisionStatus | str, data)

        status = _parse_status(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        resources = []
        _resources = d.pop("resources")
        for resources_item_data in _resources:
            resources_item = PlatformResource.from_dict(resources_item_data)

            resources.append(resources_item)

        notes = d.pop("notes", UNSET)

        _spec = d.pop("spec", UNSET)
        spec: RevisionSpecRef | Unset
        if isinstance(_spec, Unset):
            spec = UNSET
        else:
            spec = RevisionSpecRef.from_dict(_spec)

        _parameters = d.pop("parameters", UNSET)
        parameters: DeploymentParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = DeploymentParameters.from_dict(_parameters)

        revision = cls(
            id=id,
            revision=revision,
            status=status,
            created_at=created_at,
            created_by=created_by,
            resources=resources,
            notes=notes,
            spec=spec,
            parameters=parameters,
        )

        revision.additional_properties = d
        return revision

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
