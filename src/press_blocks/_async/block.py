"""The client: every method of ``peak.press.blocks.Block``, with the same names, parameters and results.

Both clients have one hand-written source, the async one; ``scripts/unasync.py`` writes the
sync one from it, and the test run checks that the copy is fresh.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, cast, overload

from press_blocks import _constants, _requests
from press_blocks._client_support import JSON, package_artifact, session_of, upload_progress
from press_blocks._constants import PREFETCH
from press_blocks._dry_run import DryRun, dry_run_of
from press_blocks._options import RequestOptions
from press_blocks._pagination import PageWalker, aiterate, check_prefetch
from press_blocks._plans import arun, parameters_plan, related_blocks_plan
from press_blocks._raw import AsyncPages, AsyncRawPage, RawResponses, ResponseObserver, async_raw_call, observers
from press_blocks._session import Session
from press_blocks._waiting import Waiter
from press_blocks.errors import PressBlocksError

if TYPE_CHECKING:
    import httpx

    from press_blocks._async.transport import AsyncTransport
    from press_blocks._calls import Call
    from press_blocks._waiting import WaitProgress
    from press_blocks.artifacts import Artifact, ArtifactInfo, ProgressCallback
    from press_blocks.types import (
        CreateDeploymentBody,
        CreateRevisionBody,
        Deployment,
        DeploymentSummary,
        IdResponse,
        ListDeploymentsResponse,
        ListReleasesResponse,
        ListRevisionsResponse,
        ListSpecsResponse,
        RedeployResponse,
        RelatedBlock,
        Release,
        ReleaseCreateBody,
        ReleaseIdResponse,
        ReleaseSummary,
        Revision,
        RevisionIdResponse,
        RevisionSummary,
        RunParameters,
        Spec,
        SpecCreateBody,
        SpecSummary,
        UpdateDeploymentMetadataBody,
        UpdateSpecMetadataBody,
        ValidationResult,
    )

__all__ = ["AsyncBlock", "AsyncBlockWithRawResponse", "get_async_client"]


def get_async_client(session: Session | None = None) -> AsyncBlock:
    """Return a client, on ``session`` or on a new session configured from the environment."""
    return AsyncBlock(session)


class AsyncBlock:
    """Client for Press block specs, releases, deployments, revisions and run parameters.

    Args:
        session: The :class:`Session` to use; by default a new one configured from the
            environment (``PEAK_AUTH_TOKEN``/``API_KEY``, ``PEAK__STAGE``/``STAGE``,
            ``PRESS_BASE_URL``), closed with this client.

    Every method returns the JSON the service sent, as plain dicts and lists, and raises a
    subclass of :class:`~press_blocks.errors.PressBlocksError`: an
    :class:`~press_blocks.errors.APIStatusError` subclass for an error status (400
    ``BadRequestException``, 401 ``UnauthorizedException``, 403 ``ForbiddenException``, 404
    ``NotFoundException``, 409 ``ConflictException``, 413 ``PayloadTooLargeException``, 422
    ``UnprocessableEntityException``, 429 ``TooManyRequestsException``, 5xx
    ``InternalServerErrorException``), ``APIConnectionError``/``APITimeoutError`` when no
    answer came, and ``InvalidArgumentError`` for arguments that cannot be sent.

    List methods return an async iterator over the items of every page, or with
    ``return_iterator=False`` the one page. Close the client with ``await client.aclose()``
    or use it in ``async with``.
    """

    def __init__(
        self,
        session: Session | None = None,
        *,
        _options: RequestOptions | None = None,
        _owns_session: bool | None = None,
    ) -> None:
        self.session, owns = session_of(session)
        self._owns_session = owns if _owns_session is None else _owns_session
        self._options = _options or RequestOptions()

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        headers: dict[str, str] | None = None,
        dry_run: bool | None = None,
    ) -> AsyncBlock:
        """Return a client on the same session and connections, with other per-call options.

        Args:
            timeout: Seconds, or an ``httpx.Timeout``, for each request.
            max_retries: Retries after a retryable failure (0 disables).
            deadline: Seconds each attempt may take as a whole, however slowly the server
                trickles bytes (see :class:`Session`).
            headers: Extra headers for every request, added to those of this client; any header
                but ``Authorization`` (the token is the session's).
            dry_run: True: every method builds its request and returns a
                :class:`~press_blocks.DryRun` describing it, sending nothing.
        """
        options = self._options.merged(
            timeout=timeout, max_retries=max_retries, deadline=deadline, headers=headers, dry_run=dry_run
        )
        return AsyncBlock(self.session, _options=options, _owns_session=False)

    @property
    def with_raw_response(self) -> AsyncBlockWithRawResponse:
        """Every API method, returning a :class:`~press_blocks.RawResponse` (status, headers, request id, ...).

        ``await client.with_raw_response.describe_spec(spec_id)``; ``.parse()`` gives what the
        plain method returns. List methods give the raw response of one page.
        """
        return AsyncBlockWithRawResponse(self._observed)

    async def aclose(self) -> None:
        """Close the connections, if this client created its session."""
        if self._owns_session:
            await self.session.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncBlock({self.session!r})"

    # --- plumbing ------------------------------------------------------------------------

    def _transport(self) -> AsyncTransport:
        return self.session.async_transport()

    def _observed(self, observer: ResponseObserver) -> AsyncBlock:
        return AsyncBlock(self.session, _options=self._options.observed_by(observer), _owns_session=False)

    def _dry_run(self) -> bool:
        return self._options.dry_run or self.session.dry_run

    async def _execute(self, call: Call, observer: ResponseObserver | None = None, waiter: Waiter | None = None) -> Any:
        options = self._options
        if self._dry_run():
            return dry_run_of(self._transport(), call, options.timeout, options.headers)
        deadline, max_retries = options.deadline, options.max_retries
        if waiter is not None:
            # A wait's describe ends with the wait, and the wait itself rides out what a retry would.
            deadline = waiter.describe_deadline(deadline or self._transport().deadline_for(call, None))
            max_retries = 0
        return await self._transport().execute(
            call,
            timeout=options.timeout,
            max_retries=max_retries,
            deadline=deadline,
            headers=options.headers,
            on_response=observers(observer, options.observer),
        )

    async def _page(self, call: Call) -> JSON:
        page: JSON = await self._execute(call)
        return page

    def _list(
        self,
        operation: str,
        page_call: Callable[[int | None], Call],
        page_number: int | None,
        return_iterator: bool,
        prefetch: int,
    ) -> Any:
        if not return_iterator:
            return self._page(page_call(page_number))
        check_prefetch(prefetch)
        if self._dry_run():
            return cast("AsyncIterator[JSON] | Awaitable[JSON]", self._dry_run_pages(page_call(page_number)))
        walker = PageWalker(operation, _requests.LIST_KEYS[operation], page_number)
        pages: AsyncPages[JSON] = AsyncPages()
        items = aiterate(walker, lambda number: self._execute(page_call(number), pages.observe), prefetch=prefetch)
        return pages.start(items)

    async def _dry_run_pages(self, call: Call) -> Any:
        dry_run: DryRun = await self._execute(call)
        return dry_run.followed_by("the iterator requests the following pages, as many as the first says there are.")

    async def _upload(
        self,
        artifact: ArtifactInfo | None,
        progress: ProgressCallback | bool | None,
        build_call: Callable[[Artifact | None, ProgressCallback | None], Call],
    ) -> Any:
        # Zipping reads and compresses files: the async client does it in a worker thread.
        zipped = await asyncio.to_thread(package_artifact, artifact, progress)
        try:
            if self._dry_run():
                dry_run: DryRun = await self._execute(build_call(zipped, None))
                return dry_run.with_artifact(zipped) if zipped is not None else dry_run
            callback = upload_progress(progress) if zipped is not None else None
            return await self._execute(build_call(zipped, callback))
        finally:
            if zipped is not None:
                zipped.close()

    # --- block specs -----------------------------------------------------------------------

    @overload
    def list_specs(
        self,
        status: list[str] | None = None,
        featured: bool | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        scope: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[False],
        prefetch: int = PREFETCH,
    ) -> Awaitable[ListSpecsResponse]: ...

    @overload
    def list_specs(
        self,
        status: list[str] | None = None,
        featured: bool | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        scope: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[True] = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[SpecSummary]: ...

    @overload
    def list_specs(
        self,
        status: list[str] | None = None,
        featured: bool | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        scope: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[SpecSummary] | Awaitable[ListSpecsResponse]: ...

    def list_specs(
        self,
        status: list[str] | None = None,
        featured: bool | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        scope: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[SpecSummary] | Awaitable[ListSpecsResponse]:
        """List the published block specs (``GET /v1/blocks/specs/``), newest first, with each latest release.

        Args:
            status: Only specs with these statuses (available, unavailable, archived).
            featured: Only featured specs.
            name: Only specs whose name begins with this.
            title: Only specs whose title begins with this.
            sort: Ordering as ``["field:asc|desc", ...]``; fields createdAt, createdBy, name, title.
            scope: Only specs with these scopes (private, public, shared).
            page_size: Specs per page (the service's default is 25).
            page_number: The page to return; with ``return_iterator`` the page to start from.
            return_iterator: True (default) for a lazy async iterator over the specs of every page;
                False for the one page as the service sent it.
            prefetch: With the iterator, how many later pages to request ahead (default 0).

        Returns:
            An async iterator of spec dicts, or the page dict (``specs``, ``pageCount``, ``pageNumber``,
            ``pageSize``, ``specCount``). The iterator raises a page's errors when it reaches the page.

        Raises:
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            PaginationError: A page lacks ``specs`` or ``pageCount``.
            InvalidArgumentError: An argument has the wrong type or an unknown value.
        """

        def page(number: int | None) -> Call:
            return _requests.list_specs_call(status, featured, name, title, sort, scope, page_size, number)

        page(page_number)  # check the arguments now, not at the first next()
        listing: AsyncPages[SpecSummary] | Awaitable[ListSpecsResponse] = self._list(
            "list_specs", page, page_number, return_iterator, prefetch
        )
        return listing

    @overload
    async def create_spec(
        self,
        body: SpecCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        featured: bool | None = None,
        scope: str | None = None,
        tenants: list[str] | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: Literal[False] = False,
        progress: ProgressCallback | bool | None = None,
    ) -> IdResponse: ...

    @overload
    async def create_spec(
        self,
        body: SpecCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        featured: bool | None = None,
        scope: str | None = None,
        tenants: list[str] | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: Literal[True],
        progress: ProgressCallback | bool | None = None,
    ) -> ValidationResult: ...

    @overload
    async def create_spec(
        self,
        body: SpecCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        featured: bool | None = None,
        scope: str | None = None,
        tenants: list[str] | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: bool,
        progress: ProgressCallback | bool | None = None,
    ) -> IdResponse | ValidationResult: ...

    async def create_spec(
        self,
        body: SpecCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        featured: bool | None = None,
        scope: str | None = None,
        tenants: list[str] | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: bool = False,
        progress: ProgressCallback | bool | None = None,
    ) -> IdResponse | ValidationResult:
        """Create a block spec with its first release (``POST /v1/blocks/specs/``, multipart).

        For each block kind, spec names are unique within a tenant.

        Args:
            body: The spec: ``version``, ``kind`` (workflow or service), ``metadata``, ``release``
                and ``config`` (see the OpenAPI document's ``SpecCreateBody``).
            artifact: ``{"path": DIR, "ignore_files": [...]}``: the build context to zip and
                upload. ``ignore_files`` default to ``DIR/.dockerignore`` when it exists. Not
                needed when the config uses existing images.
            featured: Whether to feature the spec (the service's default is False).
            scope: private (the service's default), public or shared.
            tenants: With the shared scope, the tenants that can discover and deploy the spec.
            parameters: ``{"build": [...], "run": [...]}`` parameter definitions.
            auto_run_on_deploy: Whether a workflow runs when deployed.
            validate: Only check the spec (``?validate=true``); nothing is created.
            progress: A ``(phase, done, total)`` callback for packaging and upload; by default a
                progress bar when output is a terminal or notebook, never in CI; False for none.

        Returns:
            ``{"id": spec_id}``; with ``validate=True``, ``{"success": ..., "message": ...}``.

        Raises:
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            ConflictException: The request conflicts with an existing resource or its state (409).
            PayloadTooLargeException: The service refused the upload as too large (413).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            ArtifactError: The artifact directory cannot be packaged (missing, unsafe link,
                over the 10 MiB limit, ...).
            InvalidArgumentError: An argument has the wrong type or an unknown value.
        """
        # Check the other arguments before spending time on the zip.
        _requests.create_spec_call(body, None, featured, scope, tenants, parameters, auto_run_on_deploy, validate)

        def build(zipped: Artifact | None, callback: ProgressCallback | None) -> Call:
            return _requests.create_spec_call(
                body, zipped, featured, scope, tenants, parameters, auto_run_on_deploy, validate, callback
            )

        result: IdResponse | ValidationResult = await self._upload(artifact, progress, build)
        return result

    async def describe_spec(self, spec_id: str) -> Spec:
        """Describe a block spec and its latest release (``GET /v1/blocks/specs/{specId}``).

        Args:
            spec_id: The spec's id.

        Returns:
            The spec: ``id``, ``kind``, ``metadata``, ``latestRelease``, ``parameters``, ``scope``, ...

        Raises:
            NotFoundException: No such spec.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: Spec = await self._execute(_requests.describe_spec_call(spec_id))
        return result

    async def update_spec_metadata(self, spec_id: str, body: UpdateSpecMetadataBody | Mapping[str, Any]) -> Spec:
        """Update a spec's metadata and discoverability (``PATCH /v1/blocks/specs/{specId}``).

        Args:
            spec_id: The spec's id.
            body: ``{"metadata": {...,"status"}, "featured": bool, "scope": str, "tenants": [...]}``.

        Returns:
            The updated spec.

        Raises:
            NotFoundException: No such spec.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            ConflictException: The request conflicts with an existing resource or its state (409).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        result: Spec = await self._execute(_requests.update_spec_metadata_call(spec_id, body))
        return result

    async def delete_spec(self, spec_id: str) -> JSON:
        """Delete a block spec and all its releases (``DELETE /v1/blocks/specs/{specId}``).

        Args:
            spec_id: The spec's id.

        Returns:
            ``{}``.

        Raises:
            NotFoundException: No such spec.
            ConflictException: The spec still has deployments.
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: JSON = await self._execute(_requests.delete_spec_call(spec_id))
        return result

    @overload
    async def create_spec_release(
        self,
        spec_id: str,
        body: ReleaseCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: Literal[False] = False,
        progress: ProgressCallback | bool | None = None,
    ) -> ReleaseIdResponse: ...

    @overload
    async def create_spec_release(
        self,
        spec_id: str,
        body: ReleaseCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: Literal[True],
        progress: ProgressCallback | bool | None = None,
    ) -> ValidationResult: ...

    @overload
    async def create_spec_release(
        self,
        spec_id: str,
        body: ReleaseCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: bool,
        progress: ProgressCallback | bool | None = None,
    ) -> ReleaseIdResponse | ValidationResult: ...

    async def create_spec_release(
        self,
        spec_id: str,
        body: ReleaseCreateBody | Mapping[str, Any],
        artifact: ArtifactInfo | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: bool = False,
        progress: ProgressCallback | bool | None = None,
    ) -> ReleaseIdResponse | ValidationResult:
        """Publish a new release of a spec (``POST /v1/blocks/specs/{specId}/releases``, multipart).

        Args:
            spec_id: The spec's id.
            body: ``{"release": {"version", "notes"}, "config": {...}}``; the version must be a
                semantic version above every existing release.
            artifact: ``{"path": DIR, "ignore_files": [...]}``, as for :meth:`create_spec`.
            parameters: ``{"build": [...], "run": [...]}`` parameter definitions.
            auto_run_on_deploy: Whether a workflow runs when deployed.
            validate: Only check the release (``?validate=true``); nothing is created.
            progress: As for :meth:`create_spec`.

        Returns:
            ``{"id": spec_id, "release": {"version": ...}}``; with ``validate=True``, the validation result.

        Raises:
            NotFoundException: No such spec.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            ConflictException: The request conflicts with an existing resource or its state (409).
            PayloadTooLargeException: The service refused the upload as too large (413).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            ArtifactError: The artifact directory cannot be packaged.
            InvalidArgumentError: An argument has the wrong type or an unknown value.
        """
        _requests.create_spec_release_call(spec_id, body, None, parameters, auto_run_on_deploy, validate)

        def build(zipped: Artifact | None, callback: ProgressCallback | None) -> Call:
            return _requests.create_spec_release_call(
                spec_id, body, zipped, parameters, auto_run_on_deploy, validate, callback
            )

        result: ReleaseIdResponse | ValidationResult = await self._upload(artifact, progress, build)
        return result

    @overload
    def list_spec_releases(
        self,
        spec_id: str,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[False],
        prefetch: int = PREFETCH,
    ) -> Awaitable[ListReleasesResponse]: ...

    @overload
    def list_spec_releases(
        self,
        spec_id: str,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[True] = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[ReleaseSummary]: ...

    @overload
    def list_spec_releases(
        self,
        spec_id: str,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[ReleaseSummary] | Awaitable[ListReleasesResponse]: ...

    def list_spec_releases(
        self,
        spec_id: str,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[ReleaseSummary] | Awaitable[ListReleasesResponse]:
        """List a spec's releases, newest first (``GET /v1/blocks/specs/{specId}/releases``).

        Args:
            spec_id: The spec's id.
            sort: Ordering as ``["field:asc|desc", ...]``; fields createdAt, createdBy.
            page_size: Releases per page.
            page_number: The page to return; with ``return_iterator`` the page to start from.
            return_iterator: True (default) for a lazy async iterator over every page's releases;
                False for the one page as the service sent it.
            prefetch: With the iterator, how many later pages to request ahead (default 0).

        Returns:
            An async iterator of release dicts, or the page dict (``releases``, ``pageCount``, ...).

        Raises:
            NotFoundException: No such spec.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            PaginationError: A page lacks ``releases`` or ``pageCount``.
        """

        def page(number: int | None) -> Call:
            return _requests.list_releases_call(spec_id, sort, page_size, number)

        page(page_number)
        listing: AsyncPages[ReleaseSummary] | Awaitable[ListReleasesResponse] = self._list(
            "list_spec_releases", page, page_number, return_iterator, prefetch
        )
        return listing

    async def describe_spec_release(self, spec_id: str, version: str) -> Release:
        """Describe one release of a spec (``GET /v1/blocks/specs/{specId}/releases/{release}``).

        Args:
            spec_id: The spec's id.
            version: The release's semantic version, e.g. ``"1.0.0"``.

        Returns:
            The release: ``artifact``, ``config``, ``createdAt``, ``createdBy``, ``id``, ``notes``,
            ``autoRunOnDeploy``, ``parameters``.

        Raises:
            NotFoundException: No such spec or release.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: Release = await self._execute(_requests.describe_spec_release_call(spec_id, version))
        return result

    # --- block deployments -----------------------------------------------------------------

    async def create_deployment(self, body: CreateDeploymentBody | Mapping[str, Any]) -> IdResponse:
        """Deploy a spec release (``POST /v1/blocks/deployments/``); the latest release when none is given.

        For each block kind, deployment names are unique within a tenant. A failure after the
        request was sent is never retried, so a deployment is never created twice.

        Args:
            body: ``{"metadata": {...}, "parameters": {"build": {...}, "run": {...}},
                "revision": {"notes": ...}, "spec": {"id": ..., "release": {"version": ...}}}``.

        Returns:
            ``{"id": deployment_id}``.

        Raises:
            NotFoundException: No such spec.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            ConflictException: The request conflicts with an existing resource or its state (409).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        result: IdResponse = await self._execute(_requests.create_deployment_call(body))
        return result

    @overload
    def list_deployments(
        self,
        status: list[str] | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[False],
        prefetch: int = PREFETCH,
    ) -> Awaitable[ListDeploymentsResponse]: ...

    @overload
    def list_deployments(
        self,
        status: list[str] | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[True] = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[DeploymentSummary]: ...

    @overload
    def list_deployments(
        self,
        status: list[str] | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[DeploymentSummary] | Awaitable[ListDeploymentsResponse]: ...

    def list_deployments(
        self,
        status: list[str] | None = None,
        name: str | None = None,
        title: str | None = None,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[DeploymentSummary] | Awaitable[ListDeploymentsResponse]:
        """List block deployments, newest first (``GET /v1/blocks/deployments/``).

        Args:
            status: Only deployments with these statuses (deploying, deployed, failed, ...).
            name: Only deployments whose name begins with this.
            title: Only deployments whose title begins with this.
            sort: Ordering as ``["field:asc|desc", ...]``; fields createdAt, createdBy, name, title.
            page_size: Deployments per page.
            page_number: The page to return; with ``return_iterator`` the page to start from.
            return_iterator: True (default) for a lazy async iterator over every page's deployments;
                False for the one page as the service sent it.
            prefetch: With the iterator, how many later pages to request ahead (default 0).

        Returns:
            An async iterator of deployment dicts, or the page dict (``deployments``, ``pageCount``, ...).

        Raises:
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            PaginationError: A page lacks ``deployments`` or ``pageCount``.
        """

        def page(number: int | None) -> Call:
            return _requests.list_deployments_call(status, name, title, sort, page_size, number)

        page(page_number)
        listing: AsyncPages[DeploymentSummary] | Awaitable[ListDeploymentsResponse] = self._list(
            "list_deployments", page, page_number, return_iterator, prefetch
        )
        return listing

    async def describe_deployment(self, deployment_id: str) -> Deployment:
        """Describe a deployment and its latest revision (``GET /v1/blocks/deployments/{deploymentId}``).

        Parameters whose definition sets ``hideValue`` come back masked.

        Args:
            deployment_id: The deployment's id.

        Returns:
            The deployment: ``id``, ``kind``, ``latestRevision``, ``metadata``, ``parameters``,
            ``parent``, ``spec``.

        Raises:
            NotFoundException: No such deployment.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: Deployment = await self._execute(_requests.describe_deployment_call(deployment_id))
        return result

    async def update_deployment_metadata(
        self, deployment_id: str, body: UpdateDeploymentMetadataBody | Mapping[str, Any]
    ) -> Deployment:
        """Update a deployment's metadata (``PATCH /v1/blocks/deployments/{deploymentId}``).

        Args:
            deployment_id: The deployment's id.
            body: ``{"name", "title", "summary", "description", "descriptionContentType",
                "imageUrl", "tags"}`` (all optional).

        Returns:
            The updated deployment.

        Raises:
            NotFoundException: No such deployment.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            ConflictException: The request conflicts with an existing resource or its state (409).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        result: Deployment = await self._execute(_requests.update_deployment_metadata_call(deployment_id, body))
        return result

    async def redeploy(self, deployment_id: str) -> RedeployResponse:
        """Redeploy a deployment as a new revision (``POST /v1/blocks/deployments/{deploymentId}/redeploy``).

        Args:
            deployment_id: The deployment's id.

        Returns:
            ``{"deploymentId": ..., "revision": n, "revisionId": ...}``.

        Raises:
            NotFoundException: No such deployment.
            ConflictException: The deployment cannot be redeployed in its current state.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: RedeployResponse = await self._execute(_requests.redeploy_call(deployment_id))
        return result

    async def delete_deployment(self, deployment_id: str) -> JSON:
        """Delete a deployment (``DELETE /v1/blocks/deployments/{deploymentId}``).

        Args:
            deployment_id: The deployment's id.

        Returns:
            ``{}``.

        Raises:
            NotFoundException: No such deployment.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: JSON = await self._execute(_requests.delete_deployment_call(deployment_id))
        return result

    async def create_deployment_revision(
        self, deployment_id: str, body: CreateRevisionBody | Mapping[str, Any]
    ) -> RevisionIdResponse:
        """Publish a new revision of a deployment (``POST /v1/blocks/deployments/{deploymentId}/revisions``).

        Args:
            deployment_id: The deployment's id.
            body: ``{"release": {"version"}, "revision": {"notes"}, "parameters": {"build", "run"}}``;
                the latest release when no version is given.

        Returns:
            ``{"id": deployment_id, "revision": n}``.

        Raises:
            NotFoundException: No such deployment or release.
            ConflictException: The deployment's state does not allow a new revision.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        result: RevisionIdResponse = await self._execute(_requests.create_revision_call(deployment_id, body))
        return result

    async def describe_deployment_revision(self, deployment_id: str, revision: str | int) -> Revision:
        """Describe one revision of a deployment (``GET .../deployments/{deploymentId}/revisions/{revision}``).

        Parameters whose definition sets ``hideValue`` come back masked.

        Args:
            deployment_id: The deployment's id.
            revision: The revision number, as ``"2"`` or ``2``.

        Returns:
            The revision: ``createdAt``, ``createdBy``, ``id``, ``notes``, ``resources``,
            ``revision``, ``status``, ``spec``, ``parameters``.

        Raises:
            NotFoundException: No such deployment or revision.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            InvalidArgumentError: ``revision`` is not a revision number.
        """
        result: Revision = await self._execute(_requests.describe_revision_call(deployment_id, revision))
        return result

    @overload
    def list_deployment_revisions(
        self,
        deployment_id: str,
        sort: list[str] | None = None,
        status: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[False],
        prefetch: int = PREFETCH,
    ) -> Awaitable[ListRevisionsResponse]: ...

    @overload
    def list_deployment_revisions(
        self,
        deployment_id: str,
        sort: list[str] | None = None,
        status: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[True] = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[RevisionSummary]: ...

    @overload
    def list_deployment_revisions(
        self,
        deployment_id: str,
        sort: list[str] | None = None,
        status: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[RevisionSummary] | Awaitable[ListRevisionsResponse]: ...

    def list_deployment_revisions(
        self,
        deployment_id: str,
        sort: list[str] | None = None,
        status: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool = True,
        prefetch: int = PREFETCH,
    ) -> AsyncPages[RevisionSummary] | Awaitable[ListRevisionsResponse]:
        """List a deployment's revisions (``GET /v1/blocks/deployments/{deploymentId}/revisions``).

        Args:
            deployment_id: The deployment's id.
            sort: Ordering as ``["field:asc|desc", ...]``; fields createdAt, createdBy, name, title.
            status: Only revisions with these statuses (deploying, deployed, superseded, ...).
            page_size: Revisions per page.
            page_number: The page to return; with ``return_iterator`` the page to start from.
            return_iterator: True (default) for a lazy async iterator over every page's revisions
                (read from ``revisions``, or ``deployments`` as older services send);
                False for the one page as the service sent it.
            prefetch: With the iterator, how many later pages to request ahead (default 0).

        Returns:
            An async iterator of revision dicts, or the page dict (``revisions``, ``pageCount``, ...).

        Raises:
            NotFoundException: No such deployment.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
            PaginationError: A page lacks its revisions or ``pageCount``.
        """

        def page(number: int | None) -> Call:
            return _requests.list_revisions_call(deployment_id, sort, status, page_size, number)

        page(page_number)
        listing: AsyncPages[RevisionSummary] | Awaitable[ListRevisionsResponse] = self._list(
            "list_deployment_revisions", page, page_number, return_iterator, prefetch
        )
        return listing

    # --- run parameters and related blocks ---------------------------------------------------

    async def get_parameters(
        self, deployment_id: str | None = None, fallback_params_file: str | os.PathLike[str] | None = None
    ) -> RunParameters:
        """Return a deployment's run parameters (``GET /v1/deployments/{deploymentId}/parameters/run``).

        The deployment is ``PRESS_DEPLOYMENT_ID`` when set (it has the highest priority; an
        empty value counts as unset), else ``deployment_id``; with neither, the parameters are
        read from ``fallback_params_file``, a YAML (or JSON) mapping of names to values.

        Args:
            deployment_id: The deployment's id.
            fallback_params_file: The file to read when there is no deployment id.

        Returns:
            The run parameters by name.

        Raises:
            MissingFallbackError: No deployment id and no file (a subclass of TypeError).
            FallbackFileNotFoundError: The file does not exist (a subclass of FileNotFoundError).
            EmptyFallbackFileError: The file is empty (a subclass of ValueError).
            InvalidFallbackFileError: The file is not YAML/JSON, or not a mapping (a subclass of TypeError).
            NotFoundException: No such deployment.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        return await arun(parameters_plan(deployment_id, fallback_params_file), self._execute)

    async def patch_parameters(self, deployment_id: str, body: RunParameters | Mapping[str, Any]) -> RunParameters:
        """Merge new values into a deployment's run parameters (``PATCH .../parameters/run``).

        Args:
            deployment_id: The deployment's id.
            body: The parameter values to set, by name.

        Returns:
            The run parameters after the update.

        Raises:
            NotFoundException: No such deployment.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            UnprocessableEntityException: The service could not process the request (422).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        result: RunParameters = await self._execute(_requests.patch_parameters_call(deployment_id, body))
        return result

    async def get_related_block_details(
        self, deployment_id: str | None = None, fallback_details_file: str | os.PathLike[str] | None = None
    ) -> list[RelatedBlock]:
        """List the blocks deployed by the same app as a deployment.

        The deployment is chosen as for :meth:`get_parameters`. It is described; when it has a
        parent app, ``GET /v1/apps/deployments/{parent}`` gives the blocks of the app's latest
        revision; without one the result is ``[]``. With no deployment id the blocks are read
        from ``fallback_details_file``, a YAML (or JSON) list of mappings.

        Args:
            deployment_id: The deployment's id.
            fallback_details_file: The file to read when there is no deployment id.

        Returns:
            A list of ``{"id", "resource_id", "kind", "name", "status"}`` dicts (missing fields are None).

        Raises:
            MissingFallbackError: No deployment id and no file (a subclass of TypeError).
            FallbackFileNotFoundError: The file does not exist (a subclass of FileNotFoundError).
            EmptyFallbackFileError: The file is empty (a subclass of ValueError).
            InvalidFallbackFileError: The file is not YAML/JSON, or has the wrong shape (a subclass of TypeError).
            NotFoundException: No such deployment, or no such parent app.
            BadRequestException: The service found the request malformed (400).
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InternalServerErrorException: The service failed (5xx), on the last attempt if retried.
        """
        blocks = await arun(related_blocks_plan(deployment_id, fallback_details_file), self._execute)
        return cast("list[RelatedBlock]", blocks)

    # --- waiting -------------------------------------------------------------------------------

    async def wait_for_deployment(
        self,
        deployment_id: str,
        *,
        timeout: float = _constants.WAIT_TIMEOUT,
        poll_interval: float = _constants.WAIT_POLL_INTERVAL,
        max_poll_interval: float = _constants.WAIT_MAX_POLL_INTERVAL,
        progress: WaitProgress | bool | None = None,
    ) -> Deployment:
        """Describe a deployment until its status settles, and return the last description.

        Polls ``GET /v1/blocks/deployments/{deploymentId}``: the first wait is ``poll_interval``
        seconds, later ones double (with jitter) up to ``max_poll_interval``; a ``Retry-After``
        from the service sets the wait instead. Failures the retry policy retries (429, 502-504,
        dropped connections) are ridden out until the deadline.

        Args:
            deployment_id: The deployment's id.
            timeout: Seconds to wait in all before giving up (default 600).
            poll_interval: Seconds before the second describe (default 2).
            max_poll_interval: The longest wait between two describes (default 30).
            progress: A ``(status, elapsed_seconds)`` callback called after each describe; by
                default a one-line spinner when output is a terminal or notebook; False for none.

        Returns:
            The description whose status is ``deployed``, or ``warning`` (also issued as a
            :class:`~press_blocks.errors.DeploymentWarning`: it runs, with a problem).

        Raises:
            DeploymentFailedError: The status became ``failed``, ``platform_resource_error``,
                ``rollback``, ``rollback_complete``, ``rollback_failed`` or ``delete_failed``.
            WaitTimeoutError: Still not settled after ``timeout`` seconds.
            NotFoundException: No such deployment.
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
        """
        call = _requests.describe_deployment_call(deployment_id)
        waiter = Waiter(
            deployment_id,
            None,
            policy=self._transport().policy,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            progress=progress,
            secret=self.session.settings.token,
        )
        result: Deployment = await self._wait(call, waiter)
        return result

    async def wait_for_revision(
        self,
        deployment_id: str,
        revision: str | int,
        *,
        timeout: float = _constants.WAIT_TIMEOUT,
        poll_interval: float = _constants.WAIT_POLL_INTERVAL,
        max_poll_interval: float = _constants.WAIT_MAX_POLL_INTERVAL,
        progress: WaitProgress | bool | None = None,
    ) -> Revision:
        """Describe one revision of a deployment until its status settles, and return the last description.

        Polls ``GET .../deployments/{deploymentId}/revisions/{revision}`` as
        :meth:`wait_for_deployment` polls the deployment.

        Args:
            deployment_id: The deployment's id.
            revision: The revision number, as ``"2"`` or ``2`` (``create_deployment_revision`` returns it).
            timeout: Seconds to wait in all before giving up (default 600).
            poll_interval: Seconds before the second describe (default 2).
            max_poll_interval: The longest wait between two describes (default 30).
            progress: A ``(status, elapsed_seconds)`` callback called after each describe; by
                default a one-line spinner when output is a terminal or notebook; False for none.

        Returns:
            The revision whose status is ``deployed``, or ``superseded`` (a newer revision
            replaced it).

        Raises:
            DeploymentFailedError: The status became ``failed``, ``platform_resource_error``,
                ``rollback``, ``rollback_complete``, ``rollback_failed`` or ``delete_failed``.
            WaitTimeoutError: Still not settled after ``timeout`` seconds.
            NotFoundException: No such deployment or revision.
            UnauthorizedException: The token is missing, invalid or expired (401).
            ForbiddenException: The token's tenant or role may not do this (403).
            InvalidArgumentError: ``revision`` is not a revision number.
        """
        call = _requests.describe_revision_call(deployment_id, revision)
        waiter = Waiter(
            deployment_id,
            int(revision),
            policy=self._transport().policy,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            progress=progress,
            secret=self.session.settings.token,
        )
        result: Revision = await self._wait(call, waiter)
        return result

    async def _wait(self, call: Call, waiter: Waiter) -> Any:
        try:
            while True:
                try:
                    described = await self._execute(call, waiter.observe, waiter)
                except PressBlocksError as exc:
                    delay = waiter.after_error(exc)
                else:
                    if isinstance(described, DryRun):
                        return described.followed_by("the same describe again, until the status settles.")
                    if waiter.settled(described):
                        return described
                    delay = waiter.next_delay()
                # The transport's sleep: one place to replace in tests, for retries and polls alike.
                await self._transport()._sleep(delay)
        finally:
            waiter.close()


class AsyncBlockWithRawResponse(RawResponses):
    """``client.with_raw_response``: each API method of :class:`AsyncBlock`, with its parameters,
    returning a :class:`~press_blocks.RawResponse` of its result (of one page, for list methods).
    """

    list_specs = AsyncRawPage["ListSpecsResponse"]().of(AsyncBlock.list_specs)
    create_spec = async_raw_call(AsyncBlock.create_spec)
    describe_spec = async_raw_call(AsyncBlock.describe_spec)
    update_spec_metadata = async_raw_call(AsyncBlock.update_spec_metadata)
    delete_spec = async_raw_call(AsyncBlock.delete_spec)
    create_spec_release = async_raw_call(AsyncBlock.create_spec_release)
    list_spec_releases = AsyncRawPage["ListReleasesResponse"]().of(AsyncBlock.list_spec_releases)
    describe_spec_release = async_raw_call(AsyncBlock.describe_spec_release)
    create_deployment = async_raw_call(AsyncBlock.create_deployment)
    list_deployments = AsyncRawPage["ListDeploymentsResponse"]().of(AsyncBlock.list_deployments)
    describe_deployment = async_raw_call(AsyncBlock.describe_deployment)
    update_deployment_metadata = async_raw_call(AsyncBlock.update_deployment_metadata)
    redeploy = async_raw_call(AsyncBlock.redeploy)
    delete_deployment = async_raw_call(AsyncBlock.delete_deployment)
    create_deployment_revision = async_raw_call(AsyncBlock.create_deployment_revision)
    describe_deployment_revision = async_raw_call(AsyncBlock.describe_deployment_revision)
    list_deployment_revisions = AsyncRawPage["ListRevisionsResponse"]().of(AsyncBlock.list_deployment_revisions)
    get_parameters = async_raw_call(AsyncBlock.get_parameters)
    patch_parameters = async_raw_call(AsyncBlock.patch_parameters)
    get_related_block_details = async_raw_call(AsyncBlock.get_related_block_details)
    wait_for_deployment = async_raw_call(AsyncBlock.wait_for_deployment)
    wait_for_revision = async_raw_call(AsyncBlock.wait_for_revision)
