from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.form_flag import FormFlag
from ..models.scope import Scope
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="CreateSpecForm")


@_attrs_define
class CreateSpecForm:
    """
    Attributes:
        spec (str): A JSON-encoded SpecCreateBody.
        artifact (File | Unset): The build context, a zip of at most 10 MiB (file name `artifact.zip`).
        featured (FormFlag | Unset): A boolean carried in a multipart form.
        scope (Scope | Unset): Who can discover and deploy a spec.
        tenants (str | Unset): A JSON-encoded list of tenant names, for the `shared` scope.
        parameters (str | Unset): A JSON-encoded ParameterDefinitionsInput.
        auto_run_on_deploy (FormFlag | Unset): A boolean carried in a multipart form.
    """

    spec: str
    artifact: File | Unset = UNSET
    featured: FormFlag | Unset = UNSET
    scope: Scope | Unset = UNSET
    tenants: str | Unset = UNSET
    parameters: str | Unset = UNSET
    auto_run_on_deploy: FormFlag | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        spec = self.spec

        artifact: FileTypes | Unset = UNSET
        if not isinstance(self.artifact, Unset):
            artifact = self.artifact.to_tuple()

        featured: str | Unset = UNSET
        if not isinstance(self.featured, Unset):
            featured = self.featured.value

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        tenants = self.tenants

        parameters = self.parameters

        auto_run_on_deploy: str | Unset = UNSET
        if not isinstance(self.auto_run_on_deploy, Unset):
            auto_run_on_deploy = self.auto_run_on_deploy.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "spec": spec,
            }
        )
        if artifact is not UNSET:
            field_dict["artifact"] = artifact
        if featured is not UNSET:
            field_dict["featured"] = featured
        if scope is not UNSET:
            field_dict["scope"] = scope
        if tenants is not UNSET:
            field_dict["tenants"] = tenants
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if auto_run_on_deploy is not UNSET:
            field_dict["autoRunOnDeploy"] = auto_run_on_deploy

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("spec", (None, str(self.spec).encode(), "text/plain")))

        if not isinstance(self.artifact, Unset):
            files.append(
                (
                    "artifact",
                    (
                        self.artifact.file_name or "artifact",
                        self.artifact.payload,
                        self.artifact.mime_type or "application/octet-stream",
                    ),
                )
            )

        if not isinstance(self.featured, Unset):
            files.append(
                ("featured", (None, str(self.featured.value).encode(), "text/plain"))
            )

        if not isinstance(self.scope, Unset):
            files.append(
                ("scope", (None, str(self.scope.value).encode(), "text/plain"))
            )

        if not isinstance(self.tenants, Unset):
            files.append(("tenants", (None, str(self.tenants).encode(), "text/plain")))

        if not isinstance(self.parameters, Unset):
            files.append(
                ("parameters", (None, str(self.parameters).encode(), "text/plain"))
            )

        if not isinstance(self.auto_run_on_deploy, Unset):
            files.append(
                (
                    "autoRunOnDeploy",
                    (None, str(self.auto_run_on_deploy.value).encode(), "text/plain"),
                )
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        spec = d.pop("spec")

        _artifact = d.pop("artifact", UNSET)
        artifact: File | Unset
        if isinstance(_artifact, Unset):
            artifact = UNSET
        else:
            artifact = File(payload=BytesIO(_artifact))

        _featured = d.pop("featured", UNSET)
        featured: FormFlag | Unset
        if isinstance(_featured, Unset):
            featured = UNSET
        else:
            featured = FormFlag(_featured)

        _scope = d.pop("scope", UNSET)
        scope: Scope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = Scope(_scope)

        tenants = d.pop("tenants", UNSET)

        parameters = d.pop("parameters", UNSET)

        _auto_run_on_deploy = d.pop("autoRunOnDeploy", UNSET)
        auto_run_on_deploy: FormFlag | Unset
        if isinstance(_auto_run_on_deploy, Unset):
            auto_run_on_deploy = UNSET
        else:
            auto_run_on_deploy = FormFlag(_auto_run_on_deploy)

        create_spec_form = cls(
            spec=spec,
            artifact=artifact,
            featured=featured,
            scope=scope,
            tenants=tenants,
            parameters=parameters,
            auto_run_on_deploy=auto_run_on_deploy,
        )

        create_spec_form.additional_properties = d
        return create_spec_form

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
