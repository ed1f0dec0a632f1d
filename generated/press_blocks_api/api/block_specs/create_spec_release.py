from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ... import errors
from ...types import UNSET, EndpointRequest, Response, Unset

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.create_spec_release_form import CreateSpecReleaseForm
    from ...models.error_response import ErrorResponse
    from ...models.release_id_response import ReleaseIdResponse
    from ...models.validation_result import ValidationResult


METHOD = "POST"
PATH = "/v1/blocks/specs/{spec_id}/releases"


def build_request(
    spec_id: str,
    *,
    body: CreateSpecReleaseForm,
    validate: bool | Unset = UNSET,
) -> EndpointRequest:
    """Build the ``POST /v1/blocks/specs/{spec_id}/releases`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["validate"] = validate

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            spec_id=quote(str(spec_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    _kwargs["headers"] = headers
    return EndpointRequest(**_kwargs)


def _get_kwargs(
    spec_id: str,
    *,
    body: CreateSpecReleaseForm,
    validate: bool | Unset = UNSET,
) -> dict[str, Any]:
    return build_request(
        spec_id=spec_id,
        body=body,
        validate=validate,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ReleaseIdResponse | ValidationResult | None:
    from ...models.error_response import ErrorResponse
    from ...models.release_id_response import ReleaseIdResponse
    from ...models.validation_result import ValidationResult

    if response.status_code == 200:
        response_200 = ValidationResult.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ReleaseIdResponse.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[ErrorResponse | ReleaseIdResponse | ValidationResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecReleaseForm,
    validate: bool | Unset = UNSET,
) -> Response[ErrorResponse | ReleaseIdResponse | ValidationResult]:
    """Publish a new release of a block spec

     Publishes a release with a new config. The version must be a semantic version greater
    than every existing release. With `validate=true` the release is only checked: 200 with
    `{success, message}` instead of 201 with the id and version, and nothing is created.

    Args:
        spec_id (str):
        validate (bool | Unset):
        body (CreateSpecReleaseForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReleaseIdResponse | ValidationResult]
    """

    kwargs = _get_kwargs(
        spec_id=spec_id,
        body=body,
        validate=validate,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecReleaseForm,
    validate: bool | Unset = UNSET,
) -> ErrorResponse | ReleaseIdResponse | ValidationResult | None:
    """Publish a new release of a block spec

     Publishes a release with a new config. The version must be a semantic version greater
    than every existing release. With `validate=true` the release is only checked: 200 with
    `{success, message}` instead of 201 with the id and version, and nothing is created.

    Args:
        spec_id (str):
        validate (bool | Unset):
        body (CreateSpecReleaseForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReleaseIdResponse | ValidationResult
    """

    return sync_detailed(
        spec_id=spec_id,
        client=client,
        body=body,
        validate=validate,
    ).parsed


async def asyncio_detailed(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecReleaseForm,
    validate: bool | Unset = UNSET,
) -> Response[ErrorResponse | ReleaseIdResponse | ValidationResult]:
    """Publish a new release of a block spec

     Publishes a release with a new config. The version must be a semantic version greater
    than every existing release. With `validate=true` the release is only checked: 200 with
    `{success, message}` instead of 201 with the id and version, and nothing is created.

    Args:
        spec_id (str):
        validate (bool | Unset):
        body (CreateSpecReleaseForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReleaseIdResponse | ValidationResult]
    """

    kwargs = _get_kwargs(
        spec_id=spec_id,
        body=body,
        validate=validate,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSpecReleaseForm,
    validate: bool | Unset = UNSET,
) -> ErrorResponse | ReleaseIdResponse | ValidationResult | None:
    """Publish a new release of a block spec

     Publishes a release with a new config. The version must be a semantic version greater
    than every existing release. With `validate=true` the release is only checked: 200 with
    `{success, message}` instead of 201 with the id and version, and nothing is created.

    Args:
        spec_id (str):
        validate (bool | Unset):
        body (CreateSpecReleaseForm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReleaseIdResponse | ValidationResult
    """

    return (
        await asyncio_detailed(
            spec_id=spec_id,
            client=client,
            body=body,
            validate=validate,
        )
    ).parsed
