"""The client: every method of ``peak.press.blocks.Block``, with the same names, parameters and results.

Both clients have one hand-written source, this file: ``scripts/unasync.py`` writes
``_async/block.py`` from it (adding overloads, common error lines and raw forms), then
``_sync/block.py``. What every method sends through is the engine's (``_async/engine.py``).
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING, Any, cast

from press_blocks import _constants, _requests
from press_blocks._async.engine import AsyncEngine
from press_blocks._client_support import JSON
from press_blocks._constants import PREFETCH
from press_blocks._plans import arun, parameters_plan, related_blocks_plan
from press_blocks._raw import AsyncPages, RawResponses
from press_blocks._session import Session

if TYPE_CHECKING:
    from press_blocks._calls import Call
    from press_blocks._waiting import WaitProgress
    from press_blocks.artifacts import ArtifactInfo, ProgressCallback
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


class AsyncBlock(AsyncEngine):
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
            (API errors)
            PaginationError: A page lacks ``specs`` or ``pageCount``.
            InvalidArgumentError: An argument has the wrong type or an unknown value.
        """

        def page(number: int | None) -> Call:
            return _requests.list_specs_call(status, featured, name, title, sort, scope, page_size, number)

        listing: AsyncPages[SpecSummary] | Awaitable[ListSpecsResponse] = self._list(
            page, page_number, return_iterator, prefetch
        )
        return listing

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
            (API errors)
            ArtifactError: The artifact directory cannot be packaged (missing, unsafe link,
                over the 10 MiB limit, ...).
            InvalidArgumentError: An argument has the wrong type or an unknown value.
        """
        result: IdResponse | ValidationResult = await self._upload(
            artifact,
            progress,
            lambda zipped, callback: _requests.create_spec_call(
                body, zipped, featured, scope, tenants, parameters, auto_run_on_deploy, validate, callback
            ),
        )
        return result

    async def describe_spec(self, spec_id: str) -> Spec:
        """Describe a block spec and its latest release (``GET /v1/blocks/specs/{specId}``).

        Args:
            spec_id: The spec's id.

        Returns:
            The spec: ``id``, ``kind``, ``metadata``, ``latestRelease``, ``parameters``, ``scope``, ...

        Raises:
            NotFoundException: No such spec.
            (API errors)
        """
        return cast("Spec", await self._execute(_requests.describe_spec_call(spec_id)))

    async def update_spec_metadata(self, spec_id: str, body: UpdateSpecMetadataBody | Mapping[str, Any]) -> Spec:
        """Update a spec's metadata and discoverability (``PATCH /v1/blocks/specs/{specId}``).

        Args:
            spec_id: The spec's id.
            body: ``{"metadata": {...,"status"}, "featured": bool, "scope": str, "tenants": [...]}``.

        Returns:
            The updated spec.

        Raises:
            NotFoundException: No such spec.
            (API errors)
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        return cast("Spec", await self._execute(_requests.update_spec_metadata_call(spec_id, body)))

    async def delete_spec(self, spec_id: str) -> JSON:
        """Delete a block spec and all its releases (``DELETE /v1/blocks/specs/{specId}``).

        Args:
            spec_id: The spec's id.

        Returns:
            ``{}``.

        Raises:
            NotFoundException: No such spec.
            ConflictException: The spec still has deployments.
            (API errors)
        """
        return cast("JSON", await self._execute(_requests.delete_spec_call(spec_id)))

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
            (API errors)
            ArtifactError: The artifact directory cannot be packaged.
            InvalidArgumentError: An argument has the wrong type or an unknown value.
        """
        result: ReleaseIdResponse | ValidationResult = await self._upload(
            artifact,
            progress,
            lambda zipped, callback: _requests.create_spec_release_call(
                spec_id, body, zipped, parameters, auto_run_on_deploy, validate, callback
            ),
        )
        return result

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
            (API errors)
            PaginationError: A page lacks ``releases`` or ``pageCount``.
        """

        def page(number: int | None) -> Call:
            return _requests.list_spec_releases_call(spec_id, sort, page_size, number)

        listing: AsyncPages[ReleaseSummary] | Awaitable[ListReleasesResponse] = self._list(
            page, page_number, return_iterator, prefetch
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
            (API errors)
        """
        return cast("Release", await self._execute(_requests.describe_spec_release_call(spec_id, version)))

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
            (API errors)
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        return cast("IdResponse", await self._execute(_requests.create_deployment_call(body)))

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
            (API errors)
            PaginationError: A page lacks ``deployments`` or ``pageCount``.
        """

        def page(number: int | None) -> Call:
            return _requests.list_deployments_call(status, name, title, sort, page_size, number)

        listing: AsyncPages[DeploymentSummary] | Awaitable[ListDeploymentsResponse] = self._list(
            page, page_number, return_iterator, prefetch
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
            (API errors)
        """
        return cast("Deployment", await self._execute(_requests.describe_deployment_call(deployment_id)))

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
            (API errors)
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        return cast("Deployment", await self._execute(_requests.update_deployment_metadata_call(deployment_id, body)))

    async def redeploy(self, deployment_id: str) -> RedeployResponse:
        """Redeploy a deployment as a new revision (``POST /v1/blocks/deployments/{deploymentId}/redeploy``).

        Args:
            deployment_id: The deployment's id.

        Returns:
            ``{"deploymentId": ..., "revision": n, "revisionId": ...}``.

        Raises:
            NotFoundException: No such deployment.
            ConflictException: The deployment cannot be redeployed in its current state.
            (API errors)
        """
        return cast("RedeployResponse", await self._execute(_requests.redeploy_call(deployment_id)))

    async def delete_deployment(self, deployment_id: str) -> JSON:
        """Delete a deployment (``DELETE /v1/blocks/deployments/{deploymentId}``).

        Args:
            deployment_id: The deployment's id.

        Returns:
            ``{}``.

        Raises:
            NotFoundException: No such deployment.
            (API errors)
        """
        return cast("JSON", await self._execute(_requests.delete_deployment_call(deployment_id)))

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
            (API errors)
            InvalidArgumentError: ``body`` does not match the API's schema.
        """
        return cast(
            "RevisionIdResponse", await self._execute(_requests.create_deployment_revision_call(deployment_id, body))
        )

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
            (API errors)
            InvalidArgumentError: ``revision`` is not a revision number.
        """
        return cast(
            "Revision", await self._execute(_requests.describe_deployment_revision_call(deployment_id, revision))
        )

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
            (API errors)
            PaginationError: A page lacks its revisions or ``pageCount``.
        """

        def page(number: int | None) -> Call:
            return _requests.list_deployment_revisions_call(deployment_id, sort, status, page_size, number)

        listing: AsyncPages[RevisionSummary] | Awaitable[ListRevisionsResponse] = self._list(
            page, page_number, return_iterator, prefetch
        )
        return listing

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
            (API errors)
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
            (API errors)
        """
        return cast("RunParameters", await self._execute(_requests.patch_parameters_call(deployment_id, body)))

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
            (API errors)
        """
        blocks = await arun(related_blocks_plan(deployment_id, fallback_details_file), self._execute)
        return cast("list[RelatedBlock]", blocks)

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
            (API errors: 401, 403)
        """
        call = _requests.describe_deployment_call(deployment_id)
        return cast(
            "Deployment",
            await self._wait(call, deployment_id, None, timeout, poll_interval, max_poll_interval, progress),
        )

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
            (API errors: 401, 403)
            InvalidArgumentError: ``revision`` is not a revision number.
        """
        call = _requests.describe_deployment_revision_call(deployment_id, revision)
        return cast(
            "Revision",
            await self._wait(call, deployment_id, int(revision), timeout, poll_interval, max_poll_interval, progress),
        )


class AsyncBlockWithRawResponse(RawResponses):
    """``client.with_raw_response``: each API method of :class:`AsyncBlock`, with its parameters,
    returning a :class:`~press_blocks.RawResponse` of its result (of one page, for list methods).
    """
