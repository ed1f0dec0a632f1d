from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ... import errors
from ...types import UNSET, EndpointRequest, Response, Unset

if TYPE_CHECKING:
    import httpx

    from ...client import AuthenticatedClient, Client
    from ...models.error_response import ErrorResponse
    from ...models.list_revisions_response import ListRevisionsResponse
    from ...models.revision_status import RevisionStatus


METHOD = "GET"
PATH = "/v1/blocks/deployments/{deployment_id}/revisions"


def build_request(
    deployment_id: str,
    *,
    sort: list[str] | Unset = UNSET,
    status: list[RevisionStatus] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> EndpointRequest:
    """Build the ``GET /v1/blocks/deployments/{deployment_id}/revisions`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """

    params: dict[str, Any] = {}

    json_sort: list[str] | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["pageSize"] = page_size

    params["pageNumber"] = page_number

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            deployment_id=quote(str(deployment_id), safe=""),
        ),
        "params": params,
    }

    return EndpointRequest(**_kwargs)


def _get_kwargs(
    deployment_id: str,
    *,
    sort: list[str] | Unset = UNSET,
    status: list[RevisionStatus] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> dict[str, Any]:
    return build_request(
        deployment_id=deployment_id,
        sort=sort,
        status=status,
        page_size=page_size,
        page_number=page_number,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListRevisionsResponse | None:
    from ...models.error_response import ErrorResponse
    from ...models.list_revisions_response import ListRevisionsResponse

    if response.status_code == 200:
        response_200 = ListRevisionsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ListRevisionsResponse]:
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
    sort: list[str] | Unset = UNSET,
    status: list[RevisionStatus] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> Response[ErrorResponse | ListRevisionsResponse]:
    """List the revisions of a block deployment

     Lists the revisions of a deployment ordered by creation date, optionally only those with some
    statuses.

    Args:
        deployment_id (str):
        sort (list[str] | Unset):
        status (list[RevisionStatus] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListRevisionsResponse]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        sort=sort,
        status=status,
        page_size=page_size,
        page_number=page_number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    sort: list[str] | Unset = UNSET,
    status: list[RevisionStatus] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> ErrorResponse | ListRevisionsResponse | None:
    """List the revisions of a block deployment

     Lists the revisions of a deployment ordered by creation date, optionally only those with some
    statuses.

    Args:
        deployment_id (str):
        sort (list[str] | Unset):
        status (list[RevisionStatus] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListRevisionsResponse
    """

    return sync_detailed(
        deployment_id=deployment_id,
        client=client,
        sort=sort,
        status=status,
        page_size=page_size,
        page_number=page_number,
    ).parsed


async def asyncio_detailed(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    sort: list[str] | Unset = UNSET,
    status: list[RevisionStatus] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> Response[ErrorResponse | ListRevisionsResponse]:
    """List the revisions of a block deployment

     Lists the revisions of a deployment ordered by creation date, optionally only those with some
    statuses.

    Args:
        deployment_id (str):
        sort (list[str] | Unset):
        status (list[RevisionStatus] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListRevisionsResponse]
    """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        sort=sort,
        status=status,
        page_size=page_size,
        page_number=page_number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deployment_id: str,
    *,
    client: AuthenticatedClient | Client,
    sort: list[str] | Unset = UNSET,
    status: list[RevisionStatus] | Unset = UNSET,
    page_size: int | Unset = UNSET,
    page_number: int | Unset = UNSET,
) -> ErrorResponse | ListRevisionsResponse | None:
    """List the revisions of a block deployment

     Lists the revisions of a deployment ordered by creation date, optionally only those with some
    statuses.

    Args:
        deployment_id (str):
        sort (list[str] | Unset):
        status (list[RevisionStatus] | Unset):
        page_size (int | Unset):
        page_number (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListRevisionsResponse
    """

    return (
        await asyncio_detailed(
            deployment_id=deployment_id,
            client=client,
            sort=sort,
            status=status,
            page_size=page_size,
            page_number=page_number,
        )
    ).parsed
