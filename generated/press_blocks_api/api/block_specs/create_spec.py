from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from ... import errors
from ...types import UNSET, EndpointRequest, Response, Unset

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.create_spec_form import CreateSpecForm
    from ...models.error_response import ErrorResponse
    from ...models.id_response import IdResponse
    from ...models.validation_result import ValidationResult


METHOD = "POST"
PATH = "/v1/blocks/specs/"


def build_request(
    *,
    body: CreateSpecForm,
    validate: bool | Unset = UNSET,
) -> EndpointRequest:
    """Build the ``POST /v1/blocks/specs/`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["validate"] = validate

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return EndpointRequest(**_kwargs)


def _get_kwargs(
    *,
    body: CreateSpecForm,
    validate: bool | Unset = UNSET,
) -> dict[str, Any]:
    return build_request(
        body=body,
        validate=validate,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | IdResponse | ValidationResult | None:
    from ...models.error_response import ErrorResponse
    from ...models.id_response import IdResponse
    from ...models.validation_result import ValidationResult

    if response.status_code == 200:
        response_200 = ValidationResult.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = IdResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorResponse.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | IdResponse | ValidationResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecForm,
    validate: bool | Unset = UNSET,
) -> Response[ErrorResponse | IdResponse | ValidationResult]:
    """Create a block spec

     Creates a block spec with its first release. For each block kind, spec names are unique
    within a tenant. With `validate=true` the spec is only checked: 200 with
    `{success, message}` instead of 201 with the new id, and nothing is created.

    Args:
        validate (bool | Unset):
        body (CreateSpecForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IdResponse | ValidationResult]
    """

    kwargs = _get_kwargs(
        body=body,
        validate=validate,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecForm,
    validate: bool | Unset = UNSET,
) -> ErrorResponse | IdResponse | ValidationResult | None:
    """Create a block spec

     Creates a block spec with its first release. For each block kind, spec names are unique
    within a tenant. With `validate=true` the spec is only checked: 200 with
    `{success, message}` instead of 201 with the new id, and nothing is created.

    Args:
        validate (bool | Unset):
        body (CreateSpecForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IdResponse | ValidationResult
    """

    return sync_detailed(
        client=client,
        body=body,
        validate=validate,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecForm,
    validate: bool | Unset = UNSET,
) -> Response[ErrorResponse | IdResponse | ValidationResult]:
    """Create a block spec

     Creates a block spec with its first release. For each block kind, spec names are unique
    within a tenant. With `validate=true` the spec is only checked: 200 with
    `{success, message}` instead of 201 with the new id, and nothing is created.

    Args:
        validate (bool | Unset):
        body (CreateSpecForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IdResponse | ValidationResult]
    """

    kwargs = _get_kwargs(
        body=body,
        validate=validate,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecForm,
    validate: bool | Unset = UNSET,
) -> ErrorResponse | IdResponse | ValidationResult | None:
    """Create a block spec

     Creates a block spec with its first release. For each block kind, spec names are unique
    within a tenant. With `validate=true` the spec is only checked: 200 with
    `{success, message}` instead of 201 with the new id, and nothing is created.

    Args:
        validate (bool | Unset):
        body (CreateSpecForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IdResponse | ValidationResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            validate=validate,
        )
    ).parsed
