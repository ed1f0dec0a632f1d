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
    from ...models.release import Release


METHOD = "GET"
PATH = "/v1/blocks/specs/{spec_id}/releases/{release}"


def build_request(
    spec_id: str,
    release: str,
) -> EndpointRequest:
    """Build the ``GET /v1/blocks/specs/{spec_id}/releases/{release}`` request without sending it.

    The path is relative to the API's base URL, with path parameters percent-encoded; the
    query, headers and body are as httpx takes them.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            spec_id=quote(str(spec_id), safe=""),
            release=quote(str(release), safe=""),
        ),
    }

    return EndpointRequest(**_kwargs)


def _get_kwargs(
    spec_id: str,
    release: str,
) -> dict[str, Any]:
    return build_request(
        spec_id=spec_id,
        release=release,
    ).httpx_kwargs()


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Release | None:
    from ...models.error_response import ErrorResponse
    from ...models.release import Release

    if response.status_code == 200:
        response_200 = Release.from_dict(response.json())

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
) -> Response[ErrorResponse | Release]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    spec_id: str,
    release: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | Release]:
    """Describe a release of a block spec

     Describes one release of a spec, with its config, artifact and parameter definitions.

    Args:
        spec_id (str):
        release (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Release]
    """

    kwargs = _get_kwargs(
        spec_id=spec_id,
        release=release,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    spec_id: str,
    release: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | Release | None:
    """Describe a release of a block spec

     Describes one release of a spec, with its config, artifact and parameter definitions.

    Args:
        spec_id (str):
        release (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Release
    """

    return sync_detailed(
        spec_id=spec_id,
        release=release,
        client=client,
    ).parsed


async def asyncio_detailed(
    spec_id: str,
    release: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorResponse | Release]:
    """Describe a release of a block spec

     Describes one release of a spec, with its config, artifact and parameter definitions.

    Args:
        spec_id (str):
        release (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Release]
    """

    kwargs = _get_kwargs(
        spec_id=spec_id,
        release=release,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    spec_id: str,
    release: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorResponse | Release | None:
    """Describe a release of a block spec

     Describes one release of a spec, with its config, artifact and parameter definitions.

    Args:
        spec_id (str):
        release (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Release
    """

    return (
        await asyncio_detailed(
            spec_id=spec_id,
            release=release,
            client=client,
        )
    ).parsed
