from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ... import errors
from ...types import EndpointRequest, Response

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.error_response import ErrorResponse
    from ...models.spec import Spec
    from ...models.update_spec_metadata_body import UpdateSpecMetadataBody


METHOD = "PATCH"
PATH = "/v1/blocks/specs/{spec_id}"


def build_request(
    spec_id: str,
    *,
    body: UpdateSpecMetadataBody,
) -> EndpointRequest:
    """Build the ``PATCH /v1/blocks/specs/{spec_id}`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            spec_id=quote(str(spec_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return EndpointRequest(**_kwargs)


def _get_kwargs(
    spec_id: str,
    *,
    body: UpdateSpecMetadataBody,
) -> dict[str, Any]:
    return build_request(
        spec_id=spec_id,
        body=body,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Spec | None:
    from ...models.error_response import ErrorResponse
    from ...models.spec import Spec

    if response.status_code == 200:
        response_200 = Spec.from_dict(response.json())

        return response_200

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
) -> Response[ErrorResponse | Spec]:
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
    body: UpdateSpecMetadataBody,
) -> Response[ErrorResponse | Spec]:
    """Update a block spec's metadata and discoverability

     Changes the metadata (name, title, status, …), `featured`, `scope` and `tenants` of a
    spec; fields left out keep their value. Spec names stay unique within a block kind.

    Args:
        spec_id (str):
        body (UpdateSpecMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Spec]
    """

    kwargs = _get_kwargs(
        spec_id=spec_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSpecMetadataBody,
) -> ErrorResponse | Spec | None:
    """Update a block spec's metadata and discoverability

     Changes the metadata (name, title, status, …), `featured`, `scope` and `tenants` of a
    spec; fields left out keep their value. Spec names stay unique within a block kind.

    Args:
        spec_id (str):
        body (UpdateSpecMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Spec
    """

    return sync_detailed(
        spec_id=spec_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSpecMetadataBody,
) -> Response[ErrorResponse | Spec]:
    """Update a block spec's metadata and discoverability

     Changes the metadata (name, title, status, …), `featured`, `scope` and `tenants` of a
    spec; fields left out keep their value. Spec names stay unique within a block kind.

    Args:
        spec_id (str):
        body (UpdateSpecMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Spec]
    """

    kwargs = _get_kwargs(
        spec_id=spec_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    spec_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateSpecMetadataBody,
) -> ErrorResponse | Spec | None:
    """Update a block spec's metadata and discoverability

     Changes the metadata (name, title, status, …), `featured`, `scope` and `tenants` of a
    spec; fields left out keep their value. Spec names stay unique within a block kind.

    Args:
        spec_id (str):
        body (UpdateSpecMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Spec
    """

    return (
        await asyncio_detailed(
            spec_id=spec_id,
            client=client,
            body=body,
        )
    ).parsed
