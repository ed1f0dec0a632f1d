"""How a client sends what its methods build: its session and options, dry runs, pages, uploads and waits.

``AsyncBlock`` (written from ``press_blocks/_block.py``) holds the API methods; each builds its
:class:`~press_blocks._calls.Call` with ``press_blocks._requests`` and hands it to one of the
senders here. ``scripts/unasync.py`` writes the sync ``Engine`` from this file.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

from press_blocks_api.operations import OPERATIONS

from press_blocks._client_support import JSON, package_artifact, session_of, upload_progress
from press_blocks._dry_run import DryRun, dry_run_of
from press_blocks._options import RequestOptions
from press_blocks._pagination import PageWalker, aiterate, check_prefetch
from press_blocks._raw import AsyncPages, ResponseObserver, observers
from press_blocks._session import Session
from press_blocks._waiting import Waiter
from press_blocks.errors import PressBlocksError

if TYPE_CHECKING:
    import httpx

    from press_blocks._async.block import AsyncBlock, AsyncBlockWithRawResponse
    from press_blocks._async.sender import AsyncSender
    from press_blocks._calls import Call
    from press_blocks._waiting import WaitProgress
    from press_blocks.artifacts import Artifact, ArtifactInfo, ProgressCallback

__all__ = ["AsyncEngine"]


class AsyncEngine:
    """The session, the per-call options and the senders every method of the client goes through."""

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
        return cast("AsyncBlock", type(self)(self.session, _options=options, _owns_session=False))

    @property
    def with_raw_response(self) -> AsyncBlockWithRawResponse:
        """Every API method, returning a :class:`~press_blocks.RawResponse` (status, headers, request id, ...).

        ``await client.with_raw_response.describe_spec(spec_id)``; ``.parse()`` gives what the
        plain method returns. List methods give the raw response of one page.
        """
        from press_blocks._async.block import AsyncBlockWithRawResponse

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
        return f"{type(self).__name__}({self.session!r})"

    def _sender(self) -> AsyncSender:
        return self.session.async_sender()

    def _observed(self, observer: ResponseObserver) -> Self:
        return type(self)(self.session, _options=self._options.observed_by(observer), _owns_session=False)

    def _dry_run(self) -> bool:
        return self._options.dry_run or self.session.dry_run

    async def _execute(self, call: Call, observer: ResponseObserver | None = None, waiter: Waiter | None = None) -> Any:
        options, sender = self._options, self._sender()
        if self._dry_run():
            return dry_run_of(sender, call, options.timeout, options.headers)
        deadline, max_retries = options.deadline, options.max_retries
        if waiter is not None:
            # A wait's describe ends with the wait, and the wait itself rides out what a retry would.
            deadline = waiter.describe_deadline(deadline or sender.deadline_for(call, None))
            max_retries = 0
        return await sender.execute(
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
        self, page: Callable[[int | None], Call], page_number: int | None, return_iterator: bool, prefetch: int
    ) -> Any:
        """The one page, or an iterator over every page's items; ``page(number)`` makes a page's call."""
        first = page(page_number)  # checks the arguments now, not at the first next()
        if not return_iterator:
            return self._page(first)
        check_prefetch(prefetch)
        if self._dry_run():
            return cast("AsyncIterator[JSON] | Awaitable[JSON]", self._dry_run_pages(first))
        walker = PageWalker(
            first.operation, OPERATIONS[first.operation].items, page_number, secret=self.session.settings.token
        )
        pages: AsyncPages[JSON] = AsyncPages()
        items = aiterate(walker, lambda number: self._execute(page(number), pages.observe), prefetch=prefetch)
        return pages.start(items)

    async def _dry_run_pages(self, call: Call) -> Any:
        dry_run: DryRun = await self._execute(call)
        return dry_run.followed_by("the iterator requests the following pages, as many as the first says there are.")

    async def _upload(
        self,
        artifact: ArtifactInfo | None,
        progress: ProgressCallback | bool | None,
        build: Callable[[Artifact | None, ProgressCallback | None], Call],
    ) -> Any:
        """Send ``build(zipped_artifact, progress_callback)``, packaging the artifact first."""
        build(None, None)  # check the other arguments before spending time on the zip
        # Zipping reads and compresses files: the async client does it in a worker thread.
        zipped = await asyncio.to_thread(package_artifact, artifact, progress)
        try:
            if self._dry_run():
                dry_run: DryRun = await self._execute(build(zipped, None))
                return dry_run.with_artifact(zipped) if zipped is not None else dry_run
            callback = upload_progress(progress) if zipped is not None else None
            return await self._execute(build(zipped, callback))
        finally:
            if zipped is not None:
                zipped.close()

    async def _wait(
        self,
        call: Call,
        deployment_id: str,
        revision: int | None,
        timeout: float,
        poll_interval: float,
        max_poll_interval: float,
        progress: WaitProgress | bool | None,
    ) -> Any:
        """Send ``call`` (a describe) until the status it reads settles, as :class:`Waiter` rules."""
        waiter = Waiter(
            deployment_id,
            revision,
            policy=self._sender().policy,
            timeout=timeout,
            poll_interval=poll_interval,
            max_poll_interval=max_poll_interval,
            progress=progress,
            secret=self.session.settings.token,
        )
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
                # The sender's sleep: one place to replace in tests, for retries and polls alike.
                await self._sender()._sleep(delay)
        finally:
            waiter.close()
