"""The asyncio client: every method of :class:`~press_blocks.client.Block`, awaitable.

It shares everything but the executor with the sync client: the request builders, the
multi-request plans, the pagination rules and the retry policy. Methods are documented on
:class:`~press_blocks.client.Block`; their docstrings are copied here.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, overload

from press_blocks import _requests as requests
from press_blocks._plans import arun, parameters_plan, related_blocks_plan
from press_blocks.client import Block, _options, _progress, _session, _upload_progress, package_artifact
from press_blocks.pagination import PageWalker, aiterate, check_prefetch
from press_blocks.session import Session

if TYPE_CHECKING:
    import httpx

    from press_blocks.artifacts import Artifact, ArtifactInfo, ProgressCallback
    from press_blocks.transport import AsyncTransport, Call

__all__ = ["AsyncBlock", "get_async_client"]

JSON = dict[str, Any]


def get_async_client(session: Session | None = None) -> AsyncBlock:
    """Return an async Block client, on ``session`` or on a new session configured from the environment."""
    return AsyncBlock(session)


class AsyncBlock:
    """Asyncio client for Press blocks: the methods of :class:`~press_blocks.client.Block`, awaitable.

    List methods return an async iterator with ``return_iterator=True`` (``async for``), and an
    awaitable page otherwise. Close with ``await client.aclose()`` or ``async with``.
    """

    def __init__(
        self,
        session: Session | None = None,
        *,
        _timeout: httpx.Timeout | None = None,
        _max_retries: int | None = None,
        _owns_session: bool | None = None,
    ) -> None:
        self.session, owns = _session(session)
        self._owns_session = owns if _owns_session is None else _owns_session
        self._timeout = _timeout
        self._max_retries = _max_retries

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None
    ) -> AsyncBlock:
        """Return a client on the same session and connections, with another timeout or retry count."""
        chosen_timeout, chosen_retries = _options(self._timeout, self._max_retries, timeout, max_retries)
        return AsyncBlock(self.session, _timeout=chosen_timeout, _max_retries=chosen_retries, _owns_session=False)

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

    async def _execute(self, call: Call) -> Any:
        return await self._transport().execute(call, timeout=self._timeout, max_retries=self._max_retries)

    def _list(
        self,
        operation: str,
        page_call: Callable[[int | None], Call],
        page_number: int | None,
        return_iterator: bool,
        prefetch: int,
    ) -> AsyncIterator[JSON] | Awaitable[JSON]:
        page_call(page_number)  # check the arguments now, not at the first iteration
        if not return_iterator:
            return self._execute(page_call(page_number))
        check_prefetch(prefetch)
        walker = PageWalker(operation, requests.LIST_KEYS[operation], page_number)
        return aiterate(walker, lambda number: self._execute(page_call(number)), prefetch=prefetch)

    async def _upload(
        self,
        artifact: ArtifactInfo | None,
        progress: ProgressCallback | bool | None,
        build_call: Callable[[Artifact | None, ProgressCallback | None], Call],
    ) -> Any:
        # Zipping reads and compresses files: keep it off the event loop.
        zipped = await asyncio.to_thread(package_artifact, artifact, progress)
        try:
            callback = _progress(progress, _upload_progress) if zipped is not None else None
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
        prefetch: int = 0,
    ) -> Awaitable[JSON]: ...

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
        prefetch: int = 0,
    ) -> AsyncIterator[JSON]: ...

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
        prefetch: int = 0,
    ) -> AsyncIterator[JSON] | Awaitable[JSON]:
        def page(number: int | None) -> Call:
            return requests.list_specs_call(status, featured, name, title, sort, scope, page_size, number)

        return self._list("list_specs", page, page_number, return_iterator, prefetch)

    async def create_spec(
        self,
        body: dict[str, Any],
        artifact: ArtifactInfo | None = None,
        featured: bool | None = None,
        scope: str | None = None,
        tenants: list[str] | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: bool = False,
        progress: ProgressCallback | bool | None = None,
    ) -> dict[str, str]:
        def build(zipped: Artifact | None, callback: ProgressCallback | None) -> Call:
            return requests.create_spec_call(
                body, zipped, featured, scope, tenants, parameters, auto_run_on_deploy, validate, callback
            )

        requests.create_spec_call(body, None, featured, scope, tenants, parameters, auto_run_on_deploy, validate)
        result: dict[str, str] = await self._upload(artifact, progress, build)
        return result

    async def describe_spec(self, spec_id: str) -> JSON:
        result: JSON = await self._execute(requests.describe_spec_call(spec_id))
        return result

    async def update_spec_metadata(self, spec_id: str, body: dict[str, Any]) -> JSON:
        result: JSON = await self._execute(requests.update_spec_metadata_call(spec_id, body))
        return result

    async def delete_spec(self, spec_id: str) -> JSON:
        result: JSON = await self._execute(requests.delete_spec_call(spec_id))
        return result

    async def create_spec_release(
        self,
        spec_id: str,
        body: dict[str, Any],
        artifact: ArtifactInfo | None = None,
        parameters: dict[str, list[dict[str, Any]]] | None = None,
        auto_run_on_deploy: bool | None = None,
        *,
        validate: bool = False,
        progress: ProgressCallback | bool | None = None,
    ) -> dict[str, Any]:
        def build(zipped: Artifact | None, callback: ProgressCallback | None) -> Call:
            return requests.create_spec_release_call(
                spec_id, body, zipped, parameters, auto_run_on_deploy, validate, callback
            )

        requests.create_spec_release_call(spec_id, body, None, parameters, auto_run_on_deploy, validate)
        result: JSON = await self._upload(artifact, progress, build)
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
        prefetch: int = 0,
    ) -> Awaitable[JSON]: ...

    @overload
    def list_spec_releases(
        self,
        spec_id: str,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: Literal[True] = True,
        prefetch: int = 0,
    ) -> AsyncIterator[JSON]: ...

    def list_spec_releases(
        self,
        spec_id: str,
        sort: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool = True,
        prefetch: int = 0,
    ) -> AsyncIterator[JSON] | Awaitable[JSON]:
        def page(number: int | None) -> Call:
            return requests.list_releases_call(spec_id, sort, page_size, number)

        return self._list("list_spec_releases", page, page_number, return_iterator, prefetch)

    async def describe_spec_release(self, spec_id: str, version: str) -> JSON:
        result: JSON = await self._execute(requests.describe_spec_release_call(spec_id, version))
        return result

    # --- block deployments -----------------------------------------------------------------

    async def create_deployment(self, body: dict[str, Any]) -> dict[str, str]:
        result: dict[str, str] = await self._execute(requests.create_deployment_call(body))
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
        prefetch: int = 0,
    ) -> Awaitable[JSON]: ...

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
        prefetch: int = 0,
    ) -> AsyncIterator[JSON]: ...

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
        prefetch: int = 0,
    ) -> AsyncIterator[JSON] | Awaitable[JSON]:
        def page(number: int | None) -> Call:
            return requests.list_deployments_call(status, name, title, sort, page_size, number)

        return self._list("list_deployments", page, page_number, return_iterator, prefetch)

    async def describe_deployment(self, deployment_id: str) -> JSON:
        result: JSON = await self._execute(requests.describe_deployment_call(deployment_id))
        return result

    async def update_deployment_metadata(self, deployment_id: str, body: dict[str, Any]) -> JSON:
        result: JSON = await self._execute(requests.update_deployment_metadata_call(deployment_id, body))
        return result

    async def redeploy(self, deployment_id: str) -> JSON:
        result: JSON = await self._execute(requests.redeploy_call(deployment_id))
        return result

    async def delete_deployment(self, deployment_id: str) -> JSON:
        result: JSON = await self._execute(requests.delete_deployment_call(deployment_id))
        return result

    async def create_deployment_revision(self, deployment_id: str, body: dict[str, Any]) -> JSON:
        result: JSON = await self._execute(requests.create_revision_call(deployment_id, body))
        return result

    async def describe_deployment_revision(self, deployment_id: str, revision: str | int) -> JSON:
        result: JSON = await self._execute(requests.describe_revision_call(deployment_id, revision))
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
        prefetch: int = 0,
    ) -> Awaitable[JSON]: ...

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
        prefetch: int = 0,
    ) -> AsyncIterator[JSON]: ...

    def list_deployment_revisions(
        self,
        deployment_id: str,
        sort: list[str] | None = None,
        status: list[str] | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        *,
        return_iterator: bool = True,
        prefetch: int = 0,
    ) -> AsyncIterator[JSON] | Awaitable[JSON]:
        def page(number: int | None) -> Call:
            return requests.list_revisions_call(deployment_id, sort, status, page_size, number)

        return self._list("list_deployment_revisions", page, page_number, return_iterator, prefetch)

    # --- run parameters and related blocks ---------------------------------------------------

    async def get_parameters(
        self, deployment_id: str | None = None, fallback_params_file: str | os.PathLike[str] | None = None
    ) -> JSON:
        return await arun(parameters_plan(deployment_id, fallback_params_file), self._execute)

    async def patch_parameters(self, deployment_id: str, body: dict[str, Any]) -> JSON:
        result: JSON = await self._execute(requests.patch_parameters_call(deployment_id, body))
        return result

    async def get_related_block_details(
        self, deployment_id: str | None = None, fallback_details_file: str | os.PathLike[str] | None = None
    ) -> list[JSON]:
        return await arun(related_blocks_plan(deployment_id, fallback_details_file), self._execute)


def _share_docstrings(target: type, source: type, names: Mapping[str, str]) -> None:
    for name, note in names.items():
        method = getattr(target, name)
        method.__doc__ = (getattr(source, name).__doc__ or "") + note


_ASYNC_NOTE = "\n\n        (Async: await the result.)"
_ITERATOR_NOTE = "\n\n        (Async: ``async for`` over the iterator; await the page when ``return_iterator=False``.)"
_share_docstrings(
    AsyncBlock,
    Block,
    {
        name: (_ITERATOR_NOTE if name.startswith("list_") else _ASYNC_NOTE)
        for name in dir(Block)
        if not name.startswith("_") and name not in {"close", "with_options", "session"}
    },
)
