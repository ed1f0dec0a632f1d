from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from ... import errors
from ...types import UNSET, EndpointRequest, Response, Unset

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.deployment_status import DeploymentStatus
    from ...models.error_response import ErrorResponse
    from ...models.list_deployments_response import ListDeploymentsResponse


METHOD = "GET"
PATH = "/v1/blocks/deployments/"


def build_request(
    *,
    status: list[DeploymentStatus] | Unset = UNSET,
    name: str | Unset = UNSET,
    title: str | Unset = UNSET,
    sort: list[str] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> EndpointRequest:
    """Build the ``GET /v1/blocks/deployments/`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """

    params: dict[str, Any] = {}

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["name"] = name

    params["title"] = title

    json_sort: list[str] | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    params["pageSize"] = page_size

    params["pageNumber"] = page_number

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
        "params": params,
    }

    return EndpointRequest(**_kwargs)


def _get_kwargs(
    *,
    status: list[DeploymentStatus] | Unset = UNSET,
    name: str | Unset = UNSET,
    title: str | Unset = UNSET,
    sort: list[str] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> dict[str, Any]:
    return build_request(
        status=status,
        name=name,
        title=title,
        sort=sort,
        page_size=page_size,
        page_number=page_number,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListDeploymentsResponse | None:
    from ...models.error_response import ErrorResponse
    from ...models.list_deployments_response import ListDeploymentsResponse

    if response.status_code == 200:
        response_200 = ListDeploymentsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ListDeploymentsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: list[DeploymentStatus] | Unset = UNSET,
    name: str | Unset = UNSET,
    title: str | Unset = UNSET,
    sort: list[str] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> Response[ErrorResponse | ListDeploymentsResponse]:
    """List block deployments

     Lists block deployments ordered by creation date.

    Args:
        status (list[DeploymentStatus] | Unset):
        name (str | Unset):
        title (str | Unset):
        sort (list[str] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListDeploymentsResponse]
    """

    kwargs = _get_kwargs(
        status=status,
        name=name,
        title=title,
        sort=sort,
        page_size=page_size,
        page_number=page_number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: list[DeploymentStatus] | Unset = UNSET,
    name: str | Unset = UNSET,
    title: str | Unset = UNSET,
    sort: list[str] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> ErrorResponse | ListDeploymentsResponse | None:
    """List block deployments

     Lists block deployments ordered by creation date.

    Args:
        status (list[DeploymentStatus] | Unset):
        name (str | Unset):
        title (str | Unset):
        sort (list[str] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListDeploymentsResponse
    """

    return sync_detailed(
        client=client,
        status=status,
        name=name,
        title=title,
        sort=sort,
        page_size=page_size,
        page_number=page_number,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: list[DeploymentStatus] | Unset = UNSET,
    name: str | Unset = UNSET,
    title: str | Unset = UNSET,
    sort: list[str] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> Response[ErrorResponse | ListDeploymentsResponse]:
    """List block deployments

     Lists block deployments ordered by creation date.

    Args:
        status (list[DeploymentStatus] | Unset):
        name (str | Unset):
        title (str | Unset):
        sort (list[str] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListDeploymentsResponse]
    """

    kwargs = _get_kwargs(
        status=status,
        name=name,
        title=title,
        sort=sort,
        page_size=page_size,
        page_number=page_number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: list[DeploymentStatus] | Unset = UNSET,
    name: str | Unset = UNSET,
    title: str | Unset = UNSET,
    sort: list[str] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> ErrorResponse | ListDeploymentsResponse | None:
    """List block deployments

     Lists block deployments ordered by creation date.

    Args:
        status (list[DeploymentStatus] | Unset):
        name (str | Unset):
        title (str | Unset):
        sort (list[str] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListDeploymentsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            name=name,
            title=title,
            sort=sort,
            page_size=page_size,
            page_number=page_number,
        )
    ).parsed
