from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact import Artifact
    from ..models.parameter_definitions import ParameterDefinitions
    from ..models.release_config import ReleaseConfig


T = TypeVar("T", bound="Release")


@_attrs_define
class Release:
    """
    Attributes:
        id (str):
        version (str):
        created_at (datetime.datetime):
        created_by (str):
        config (ReleaseConfig): The config of a release as the service stores it (a WorkflowConfig or a ServiceConfig).
        notes (str | Unset): The release notes, exactly as sent when the release was published.
        auto_run_on_deploy (bool | Unset):
        artifact (Artifact | Unset):
        parameters (ParameterDefinitions | Unset):
    """

    id: str
    version: str
    created_at: datetime.datetime
    created_by: str
    config: ReleaseConfig
    notes: str | Unset = UNSET
    auto_run_on_deploy: bool | Unset = UNSET
    artifact: Artifact | Unset = UNSET
    parameters: ParameterDefinitions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        config = self.config.to_dict()

        notes = self.notes

        auto_run_on_deploy = self.auto_run_on_deploy

        artifact: dict[str, Any] | Unset = UNSET
        if not isinstance(self.artifact, Unset):
            artifact = self.artifact.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "createdAt": created_at,
                "createdBy": created_by,
                "config": config,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if auto_run_on_deploy is not UNSET:
            field_dict["autoRunOnDeploy"] = auto_run_on_deploy
        if artifact is not UNSET:
            field_dict["artifact"] = artifact
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.artifact import Artifact
        from ..models.parameter_definitions import ParameterDefinitions
        from ..models.release_config import ReleaseConfig

        d = dict(src_dict)
        id = d.pop("id")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        config = ReleaseConfig.from_dict(d.pop("config"))

        notes = d.pop("notes", UNSET)

        auto_run_on_deploy = d.pop("autoRunOnDeploy", UNSET)

        _artifact = d.pop("artifact", UNSET)
        artifact: Artifact | Unset
        if isinstance(_artifact, Unset):
            artifact = UNSET
        else:
            artifact = Artifact.from_dict(_artifact)

        _parameters = d.pop("parameters", UNSET)
        parameters: ParameterDefinitions | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = ParameterDefinitions.from_dict(_parameters)

        release = cls(
            id=id,
            version=version,
            created_at=created_at,
            created_by=created_by,
            config=config,
            notes=notes,
            auto_run_on_deploy=auto_run_on_deploy,
            artifact=artifact,
            parameters=parameters,
        )

        release.additional_properties = d
        return release

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
