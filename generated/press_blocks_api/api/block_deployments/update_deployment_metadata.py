from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ... import errors
from ...types import EndpointRequest, Response

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.deployment import Deployment
    from ...models.error_response import ErrorResponse
    from ...models.update_deployment_metadata_body import UpdateDeploymentMetadataBody


METHOD = "PATCH"
PATH = "/v1/blocks/deployments/{deployment_id}"


def build_request(
    deployment_id: str,
    *,
    body: UpdateDeploymentMetadataBody,
) -> EndpointRequest:
    """Build the ``PATCH /v1/blocks/deployments/{deployment_id}`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            deployment_id=quote(str(deployment_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return EndpointRequest(**_kwargs)


def _get_kwargs(
    deployment_id: str,
    *,
    body: UpdateDeploymentMetadataBody,
) -> dict[str, Any]:
    return build_request(
        deployment_id=deployment_id,
        body=body,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Deployment | ErrorResponse | None:
    from ...models.deployment import Deployment
    from ...models.error_response import ErrorResponse

    if response.status_code == 200:
        response_200 = Deployment.from_dict(response.json())

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
) -> Response[Deployment | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateDeploymentMetadataBody,
) -> Response[Deployment | ErrorResponse]:
    """Update a block deployment's metadata

     Changes the metadata of a deployment; fields left out keep their value. Deployment
    names stay unique within a block kind.

    Args:
        deployment_id (str):
        body (UpdateDeploymentMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorResponse]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateDeploymentMetadataBody,
) -> Deployment | ErrorResponse | None:
    """Update a block deployment's metadata

     Changes the metadata of a deployment; fields left out keep their value. Deployment
    names stay unique within a block kind.

    Args:
        deployment_id (str):
        body (UpdateDeploymentMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorResponse
    """

    return sync_detailed(
        deployment_id=deployment_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateDeploymentMetadataBody,
) -> Response[Deployment | ErrorResponse]:
    """Update a block deployment's metadata

     Changes the metadata of a deployment; fields left out keep their value. Deployment
    names stay unique within a block kind.

    Args:
        deployment_id (str):
        body (UpdateDeploymentMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorResponse]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateDeploymentMetadataBody,
) -> Deployment | ErrorResponse | None:
    """Update a block deployment's metadata

     Changes the metadata of a deployment; fields left out keep their value. Deployment
    names stay unique within a block kind.

    Args:
        deployment_id (str):
        body (UpdateDeploymentMetadataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorResponse
    """

    return (
        await asyncio_detailed(
            deployment_id=deployment_id,
            client=client,
            body=body,
        )
    ).parsed
