from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from ... import errors
from ...types import EndpointRequest, Response

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.create_deployment_body import CreateDeploymentBody
    from ...models.error_response import ErrorResponse
    from ...models.id_response import IdResponse


METHOD = "POST"
PATH = "/v1/blocks/deployments/"


def build_request(
    *,
    body: CreateDeploymentBody,
) -> EndpointRequest:
    """Build the ``POST /v1/blocks/deployments/`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return EndpointRequest(**_kwargs)


def _get_kwargs(
    *,
    body: CreateDeploymentBody,
) -> dict[str, Any]:
    return build_request(
        body=body,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | IdResponse | None:
    from ...models.error_response import ErrorResponse
    from ...models.id_response import IdResponse

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
) -> Response[ErrorResponse | IdResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateDeploymentBody,
) -> Response[ErrorResponse | IdResponse]:
    """Create a block deployment

     Deploys a release of a spec (the latest release when none is given). For each block
    kind, deployment names are unique within a tenant. An unknown spec id is a 404; an
    unknown release version of a known spec is a 422.

    Args:
        body (CreateDeploymentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IdResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateDeploymentBody,
) -> ErrorResponse | IdResponse | None:
    """Create a block deployment

     Deploys a release of a spec (the latest release when none is given). For each block
    kind, deployment names are unique within a tenant. An unknown spec id is a 404; an
    unknown release version of a known spec is a 422.

    Args:
        body (CreateDeploymentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IdResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateDeploymentBody,
) -> Response[ErrorResponse | IdResponse]:
    """Create a block deployment

     Deploys a release of a spec (the latest release when none is given). For each block
    kind, deployment names are unique within a tenant. An unknown spec id is a 404; an
    unknown release version of a known spec is a 422.

    Args:
        body (CreateDeploymentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | IdResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateDeploymentBody,
) -> ErrorResponse | IdResponse | None:
    """Create a block deployment

     Deploys a release of a spec (the latest release when none is given). For each block
    kind, deployment names are unique within a tenant. An unknown spec id is a 404; an
    unknown release version of a known spec is a 422.

    Args:
        body (CreateDeploymentBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | IdResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
