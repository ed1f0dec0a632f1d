from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.block_kind import BlockKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_parameters import DeploymentParameters
    from ..models.deployment_parent_type_0 import DeploymentParentType0
    from ..models.deployment_spec_ref import DeploymentSpecRef
    from ..models.metadata import Metadata
    from ..models.revision import Revision


T = TypeVar("T", bound="Deployment")


@_attrs_define
class Deployment:
    """
    Attributes:
        id (str):
        kind (BlockKind | str): A block kind; values unknown to this document are passed through.
        metadata (Metadata): The metadata of a spec or deployment as the service describes it.
        latest_revision (Revision):
        spec (DeploymentSpecRef): The spec a deployment was made from.
        parameters (DeploymentParameters | Unset):
        parent (DeploymentParentType0 | None | Unset): The app deployment a block deployment belongs to; null when it
            belongs to none.
    """

    id: str
    kind: BlockKind | str
    metadata: Metadata
    latest_revision: Revision
    spec: DeploymentSpecRef
    parameters: DeploymentParameters | Unset = UNSET
    parent: DeploymentParentType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_parent_type_0 import DeploymentParentType0

        id = self.id

        kind: str
        if isinstance(self.kind, BlockKind):
            kind = self.kind.value
        else:
            kind = self.kind

        metadata = self.metadata.to_dict()

        latest_revision = self.latest_revision.to_dict()

        spec = self.spec.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        parent: dict[str, Any] | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        elif isinstance(self.parent, DeploymentParentType0):
            parent = self.parent.to_dict()
        else:
            parent = self.parent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "metadata": metadata,
                "latestRevision": latest_revision,
                "spec": spec,
            }
        )
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if parent is not UNSET:
            field_dict["parent"] = parent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_parameters import DeploymentParameters
        from ..models.deployment_parent_type_0 import DeploymentParentType0
        from ..models.deployment_spec_ref import DeploymentSpecRef
        from ..models.metadata import Metadata
        from ..models.revision import Revision

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

        metadata = Metadata.from_dict(d.pop("metadata"))

        latest_revision = Revision.from_dict(d.pop("latestRevision"))

        spec = DeploymentSpecRef.from_dict(d.pop("spec"))

        _parameters = d.pop("parameters", UNSET)
        parameters: DeploymentParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = DeploymentParameters.from_dict(_parameters)

        def _parse_parent(data: object) -> DeploymentParentType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_deployment_parent_type_0 = (
                    DeploymentParentType0.from_dict(data)
                )

                return componentsschemas_deployment_parent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentParentType0 | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        deployment = cls(
            id=id,
            kind=kind,
            metadata=metadata,
            latest_revision=latest_revision,
            spec=spec,
            parameters=parameters,
            parent=parent,
        )

        deployment.additional_properties = d
        return deployment

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
