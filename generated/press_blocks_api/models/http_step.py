from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.http_step_method import HttpStepMethod
from ..models.http_step_type import HttpStepType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.env_parameters import EnvParameters
    from ..models.execution_parameters import ExecutionParameters
    from ..models.http_auth import HttpAuth
    from ..models.http_headers import HttpHeaders
    from ..models.run_configuration import RunConfiguration
    from ..models.string_map import StringMap


T = TypeVar("T", bound="HttpStep")


@_attrs_define
class HttpStep:
    """A step that sends an HTTP request.

    Attributes:
        type_ (HttpStepType):
        parents (list[str] | Unset): The names of the steps that run before this one.
        parameters (EnvParameters | Unset): Environment variables, secret names and, for workflow steps, values
            inherited from the
            output parameters of parent steps.
        output_parameters (StringMap | Unset): Names mapped to string values (environment variables, build arguments,
            headers, …).
        execution_parameters (ExecutionParameters | Unset): When a step runs.
        run_configuration (RunConfiguration | Unset): How a step is retried or skipped.
        method (HttpStepMethod | Unset):
        url (str | Unset):
        payload (str | Unset): The request body.
        headers (HttpHeaders | Unset): Headers of an `http` step, given verbatim (`absolute`) or as secret names
            (`secrets`).
        auth (HttpAuth | Unset): How an `http` step authenticates: `clientId`, `clientSecret` and `authUrl` for oauth,
            `username` and `password` for basic, `apiKey` for api-key, `bearerToken` for bearer-token.
    """

    type_: HttpStepType
    parents: list[str] | Unset = UNSET
    parameters: EnvParameters | Unset = UNSET
    output_parameters: StringMap | Unset = UNSET
    execution_parameters: ExecutionParameters | Unset = UNSET
    run_configuration: RunConfiguration | Unset = UNSET
    method: HttpStepMethod | Unset = UNSET
    url: str | Unset = UNSET
    payload: str | Unset = UNSET
    headers: HttpHeaders | Unset = UNSET
    auth: HttpAuth | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        parents: list[str] | Unset = UNSET
        if not isinstance(self.parents, Unset):
            parents = self.parents

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        output_parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_parameters, Unset):
            output_parameters = self.output_parameters.to_dict()

        execution_parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.execution_parameters, Unset):
            execution_parameters = self.execution_parameters.to_dict()

        run_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.run_configuration, Unset):
            run_configuration = self.run_configuration.to_dict()

        method: str | Unset = UNSET
        if not isinstance(self.method, Unset):
            method = self.method.value

        url = self.url

        payload = self.payload

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth, Unset):
            auth = self.auth.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if parents is not UNSET:
            field_dict["parents"] = parents
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if output_parameters is not UNSET:
            field_dict["outputParameters"] = output_parameters
        if execution_parameters is not UNSET:
            field_dict["executionParameters"] = execution_parameters
        if run_configuration is not UNSET:
            field_dict["runConfiguration"] = run_configuration
        if method is not UNSET:
            field_dict["method"] = method
        if url is not UNSET:
            field_dict["url"] = url
        if payload is not UNSET:
            field_dict["payload"] = payload
        if headers is not UNSET:
            field_dict["headers"] = headers
        if auth is not UNSET:
            field_dict["auth"] = auth

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.env_parameters import EnvParameters
        from ..models.execution_parameters import ExecutionParameters
        from ..models.http_auth import HttpAuth
        from ..models.http_headers import HttpHeaders
        from ..models.run_configuration import RunConfiguration
        from ..models.string_map import StringMap

        d = dict(src_dict)
        type_ = HttpStepType(d.pop("type"))

        parents = cast(list[str], d.pop("parents", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: EnvParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = EnvParameters.from_dict(_parameters)

        _output_parameters = d.pop("outputParameters", UNSET)
        output_parameters: StringMap | Unset
        if isinstance(_output_parameters, Unset):
            output_parameters = UNSET
        else:
            output_parameters = StringMap.from_dict(_output_parameters)

        _execution_parameters = d.pop("executionParameters", UNSET)
        execution_parameters: ExecutionParameters | Unset
        if isinstance(_execution_parameters, Unset):
            execution_parameters = UNSET
        else:
            execution_parameters = ExecutionParameters.from_dict(_execution_parameters)

        _run_configuration = d.pop("runConfiguration", UNSET)
        run_configuration: RunConfiguration | Unset
        if isinstance(_run_configuration, Unset):
            run_configuration = UNSET
        else:
            run_configuration = RunConfiguration.from_dict(_run_configuration)

        _method = d.pop("method", UNSET)
        method: HttpStepMethod | Unset
        if isinstance(_method, Unset):
            method = UNSET
        else:
            method = HttpStepMethod(_method)

        url = d.pop("url", UNSET)

        payload = d.pop("payload", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: HttpHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HttpHeaders.from_dict(_headers)

        _auth = d.pop("auth", UNSET)
        auth: HttpAuth | Unset
        if isinstance(_auth, Unset):
            auth = UNSET
        else:
            auth = HttpAuth.from_dict(_auth)

        http_step = cls(
            type_=type_,
            parents=parents,
            parameters=parameters,
            output_parameters=output_parameters,
            execution_parameters=execution_parameters,
            run_configuration=run_configuration,
            method=method,
            url=url,
            payload=payload,
            headers=headers,
            auth=auth,
        )

        http_step.additional_properties = d
        return http_step

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
