from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_summary import DeploymentSummary


T = TypeVar("T", bound="ListDeploymentsResponse")


@_attrs_define
class ListDeploymentsResponse:
    """
    Attributes:
        deployments (list[DeploymentSummary]):
        page_count (int):
        page_number (int):
        page_size (int):
        deployment_count (int | Unset):
    """

    deployments: list[DeploymentSummary]
    page_count: int
    page_number: int
    page_size: int
    deployment_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deployments = []
        for deployments_item_data in self.deployments:
            deployments_item = deployments_item_data.to_dict()
            deployments.append(deployments_item)

        page_count = self.page_count

        page_number = self.page_number

        page_size = self.page_size

        deployment_count = self.deployment_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deployments": deployments,
                "pageCount": page_count,
                "pageNumber": page_number,
                "pageSize": page_size,
            }
        )
        if deployment_count is not UNSET:
            field_dict["deploymentCount"] = deployment_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_summary import DeploymentSummary

        d = dict(src_dict)
        deployments = []
        _deployments = d.pop("deployments")
        for deployments_item_data in _deployments:
            deployments_item = DeploymentSummary.from_dict(deployments_item_data)

            deployments.append(deployments_item)

        page_count = d.pop("pageCount")

        page_number = d.pop("pageNumber")

        page_size = d.pop("pageSize")

        deployment_count = d.pop("deploymentCount", UNSET)

        list_deployments_response = cls(
            deployments=deployments,
            page_count=page_count,
            page_number=page_number,
            page_size=page_size,
            deployment_count=deployment_count,
        )

        list_deployments_response.additional_properties = d
        return list_deployments_response

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
