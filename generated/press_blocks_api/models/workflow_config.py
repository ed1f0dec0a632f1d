from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trigger import Trigger
    from ..models.watcher import Watcher
    from ..models.workflow_images import WorkflowImages
    from ..models.workflow_steps import WorkflowSteps


T = TypeVar("T", bound="WorkflowConfig")


@_attrs_define
class WorkflowConfig:
    """The config of a workflow block.

    Attributes:
        images (WorkflowImages | Unset): Images built from the artifact, by the name steps use in `imageRef`.
        steps (WorkflowSteps | Unset): The steps of a workflow, by name.
        triggers (list[Trigger] | Unset):
        watchers (list[Watcher] | Unset):
    """

    images: WorkflowImages | Unset = UNSET
    steps: WorkflowSteps | Unset = UNSET
    triggers: list[Trigger] | Unset = UNSET
    watchers: list[Watcher] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        images: dict[str, Any] | Unset = UNSET
        if not isinstance(self.images, Unset):
            images = self.images.to_dict()

        steps: dict[str, Any] | Unset = UNSET
        if not isinstance(self.steps, Unset):
            steps = self.steps.to_dict()

        triggers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.triggers, Unset):
            triggers = []
            for triggers_item_data in self.triggers:
                triggers_item = triggers_item_data.to_dict()
                triggers.append(triggers_item)

        watchers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.watchers, Unset):
            watchers = []
            for watchers_item_data in self.watchers:
                watchers_item = watchers_item_data.to_dict()
                watchers.append(watchers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if images is not UNSET:
            field_dict["images"] = images
        if steps is not UNSET:
            field_dict["steps"] = steps
        if triggers is not UNSET:
            field_dict["triggers"] = triggers
        if watchers is not UNSET:
            field_dict["watchers"] = watchers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.trigger import Trigger
        from ..models.watcher import Watcher
        from ..models.workflow_images import WorkflowImages
        from ..models.workflow_steps import WorkflowSteps

        d = dict(src_dict)
        _images = d.pop("images", UNSET)
        images: WorkflowImages | Unset
        if isinstance(_images, Unset):
            images = UNSET
        else:
            images = WorkflowImages.from_dict(_images)

        _steps = d.pop("steps", UNSET)
        steps: WorkflowSteps | Unset
        if isinstance(_steps, Unset):
            steps = UNSET
        else:
            steps = WorkflowSteps.from_dict(_steps)

        _triggers = d.pop("triggers", UNSET)
        triggers: list[Trigger] | Unset = UNSET
        if _triggers is not UNSET:
            triggers = []
            for triggers_item_data in _triggers:
                triggers_item = Trigger.from_dict(triggers_item_data)

                triggers.append(triggers_item)

        _watchers = d.pop("watchers", UNSET)
        watchers: list[Watcher] | Unset = UNSET
        if _watchers is not UNSET:
            watchers = []
            for watchers_item_data in _watchers:
                watchers_item = Watcher.from_dict(watchers_item_data)

                watchers.append(watchers_item)

        workflow_config = cls(
            images=images,
            steps=steps,
            triggers=triggers,
            watchers=watchers,
        )

        workflow_config.additional_properties = d
        return workflow_config

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
