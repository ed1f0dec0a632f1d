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
        notes (str | Unset): The release notes, exactly as sent when the release was published.
        auto_run_on_deploy (bool | Unset):
        created_at (datetime.datetime | Unset):
        created_by (str | Unset):
        artifact (Artifact | Unset):
        config (ReleaseConfig | Unset): The config of a release as the service stores it (a WorkflowConfig or a
            ServiceConfig).
        parameters (ParameterDefinitions | Unset):
    """

    id: str
    version: str
    notes: str | Unset = UNSET
    auto_run_on_deploy: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    created_by: str | Unset = UNSET
    artifact: Artifact | Unset = UNSET
    config: ReleaseConfig | Unset = UNSET
    parameters: ParameterDefinitions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        notes = self.notes

        auto_run_on_deploy = self.auto_run_on_deploy

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        created_by = self.created_by

        artifact: dict[str, Any] | Unset = UNSET
        if not isinstance(self.artifact, Unset):
            artifact = self.artifact.to_dict()

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes
        if auto_run_on_deploy is not UNSET:
            field_dict["autoRunOnDeploy"] = auto_run_on_deploy
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by
        if artifact is not UNSET:
            field_dict["artifact"] = artifact
        if config is not UNSET:
            field_dict["config"] = config
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

        notes = d.pop("notes", UNSET)

        auto_run_on_deploy = d.pop("autoRunOnDeploy", UNSET)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        created_by = d.pop("createdBy", UNSET)

        _artifact = d.pop("artifact", UNSET)
        artifact: Artifact | Unset
        if isinstance(_artifact, Unset):
            artifact = UNSET
        else:
            artifact = Artifact.from_dict(_artifact)

        _config = d.pop("config", UNSET)
        config: ReleaseConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ReleaseConfig.from_dict(_config)

        _parameters = d.pop("parameters", UNSET)
        parameters: ParameterDefinitions | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = ParameterDefinitions.from_dict(_parameters)

        release = cls(
            id=id,
            version=version,
            notes=notes,
            auto_run_on_deploy=auto_run_on_deploy,
            created_at=created_at,
            created_by=created_by,
            artifact=artifact,
            config=config,
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
