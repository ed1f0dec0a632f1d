from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.release_input import ReleaseInput
    from ..models.service_config import ServiceConfig
    from ..models.workflow_config import WorkflowConfig


T = TypeVar("T", bound="ReleaseCreateBody")


@_attrs_define
class ReleaseCreateBody:
    """The JSON carried by the `spec` part of release creation.

    Attributes:
        release (ReleaseInput):
        config (ServiceConfig | WorkflowConfig): A workflow config or a service config, by the spec's kind.
    """

    release: ReleaseInput
    config: ServiceConfig | WorkflowConfig
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.workflow_config import WorkflowConfig

        release = self.release.to_dict()

        config: dict[str, Any]
        if isinstance(self.config, WorkflowConfig):
            config = self.config.to_dict()
        else:
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "release": release,
                "config": config,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.release_input import ReleaseInput
        from ..models.service_config import ServiceConfig
        from ..models.workflow_config import WorkflowConfig

        d = dict(src_dict)
        release = ReleaseInput.from_dict(d.pop("release"))

        def _parse_config(data: object) -> ServiceConfig | WorkflowConfig:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_spec_config_type_0 = WorkflowConfig.from_dict(data)

                return componentsschemas_spec_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_spec_config_type_1 = ServiceConfig.from_dict(data)

            return componentsschemas_spec_config_type_1

        config = _parse_config(d.pop("config"))

        release_create_body = cls(
            release=release,
            config=config,
        )

        release_create_body.additional_properties = d
        return release_create_body

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
