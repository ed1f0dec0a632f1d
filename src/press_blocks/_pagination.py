"""Walking the pages of a list operation, lazily, in order, each item once.

:class:`PageWalker` is the rule book — where to start, which key holds the items, when the
last page has been read, what makes a page malformed — and holds no I/O. :func:`iterate`
and :func:`aiterate` drive it with a sync or async page fetcher; with ``prefetch`` they keep
up to that many later pages in flight once the page count is known, still yielding items in
order and raising an error at the item where it belongs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from press_blocks import _constants
from press_blocks.errors import InvalidArgumentError, PaginationError

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

    from press_blocks._config import Secret

__all__ = ["PageWalker", "aiterate", "check_prefetch", "iterate"]


class PageWalker:
    """Tracks one walk over the pages of a list operation."""

    def __init__(
        self, operation: str, keys: Sequence[str], start_page: int | None = None, secret: Secret | None = None
    ) -> None:
        if start_page is not None and (
            isinstance(start_page, bool) or not isinstance(start_page, int) or start_page < 1
        ):
            raise InvalidArgumentError(f"page_number must be a whole number >= 1, not {start_page!r}.")
        self.operation = operation
        # A page's keys and values are the server's text: the session's token never shows in a message.
        self._mask: Callable[[str], str] = secret.mask if secret is not None else str
        self.keys = tuple(keys)
        self.next_page: int | None = start_page or 1
        self.page_count: int | None = None
        self.first_count: int | None = None
        self._previous: list[Any] | None = None

    def items(self, page_number: int, page: Any) -> list[Any]:
        """Check one page, note the page count, and return its items."""
        wanted = " or ".join(repr(k) for k in self.keys)
        if not isinstance(page, Mapping):
            raise self._error(
                f"{self.operation} page {page_number} is a {type(page).__name__}, not an object with a list under "
                f"{wanted}.",
                key=self.keys[0],
            )
        items = next((page[key] for key in self.keys if key in page), None)
        if not isinstance(items, list):
            raise self._error(
                f"{self.operation} page {page_number} has no list under {wanted} (keys: {sorted(page)}).",
                key=self.keys[0],
            )
        count = page.get("pageCount")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise self._error(
                f"{self.operation} page {page_number} has no valid 'pageCount' (got {count!r}).", key="pageCount"
            )
        self._check_progress(page_number, count, items)
        self.page_count = count
        self.next_page = page_number + 1 if page_number < count else None
        return items

    def _check_progress(self, page_number: int, count: int, items: list[Any]) -> None:
        """Stop a walk that would never end: empty pages, repeated pages, a page count that keeps growing."""
        if self.first_count is None:
            self.first_count = count
        limit = self.first_count + _constants.EXTRA_PAGES
        if count > limit or page_number > limit:
            raise self._error(
                f"{self.operation} announced {self.first_count} page(s) on its first page and now {count} "
                f"(page {page_number}); stopping after {_constants.EXTRA_PAGES} pages more than announced.",
                key="pageCount",
            )
        if not items and page_number < count:
            raise self._error(
                f"{self.operation} page {page_number} of {count} is empty; stopping rather than walk empty pages.",
                key=self.keys[0],
            )
        if items and self._previous is not None and _identities(items) == _identities(self._previous):
            raise self._error(
                f"{self.operation} page {page_number} repeats the items of the page before; no new items, so "
                "the walk stops.",
                key=self.keys[0],
            )
        self._previous = items

    def _error(self, message: str, *, key: str) -> PaginationError:
        return PaginationError(self._mask(message), key=key)

    def pages_ahead(self, after: int, window: int) -> range:
        """Return the page numbers after ``after`` worth fetching now, at most ``window`` of them."""
        if self.page_count is None or window <= 0:
            return range(0)
        return range(after + 1, min(self.page_count, after + window) + 1)


def _identities(items: list[Any]) -> list[Any]:
    """What makes items the same: their ids when they have them, else the items themselves."""
    return [item.get("id", item) if isinstance(item, Mapping) else item for item in items]


def check_prefetch(prefetch: int) -> int:
    """Return ``prefetch`` if it is a valid read-ahead window (a whole number >= 0)."""
    if isinstance(prefetch, bool) or not isinstance(prefetch, int) or prefetch < 0:
        raise InvalidArgumentError(f"prefetch must be a whole number >= 0, not {prefetch!r}.")
    return prefetch


def iterate(walker: PageWalker, fetch: Callable[[int], Any], *, prefetch: int = 0) -> Iterator[Any]:
    """Yield every item of every page from the walker's start page, fetching pages lazily."""
    window = check_prefetch(prefetch)
    if walker.next_page is None:
        return
    first = walker.next_page
    yield from walker.items(first, fetch(first))
    if window == 0:
        while walker.next_page is not None:
            number = walker.next_page
            yield from walker.items(number, fetch(number))
        return
    from concurrent.futures import ThreadPoolExecutor  # deferred: only prefetching needs threads

    with ThreadPoolExecutor(max_workers=window, thread_name_prefix="press-blocks-page") as pool:
        pending: deque[tuple[int, Future[Any]]] = deque()
        scheduled = first
        try:
            while walker.next_page is not None:
                for number in walker.pages_ahead(scheduled, window - len(pending)):
                    pending.append((number, pool.submit(fetch, number)))
                    scheduled = number
                number, future = pending.popleft()
                yield from walker.items(number, future.result())
        finally:
            for _, future in pending:
                future.cancel()


async def aiterate(
    walker: PageWalker, fetch: Callable[[int], Awaitable[Any]], *, prefetch: int = 0
) -> AsyncIterator[Any]:
    """Yield every item of every page, like :func:`iterate`, for an async page fetcher."""
    import asyncio  # deferred: only async callers pay for it

    window = check_prefetch(prefetch)
    if walker.next_page is None:
        return
    first = walker.next_page
    for item in walker.items(first, await fetch(first)):
        yield item
    pending: deque[tuple[int, asyncio.Task[Any]]] = deque()
    scheduled = first
    try:
        while walker.next_page is not None:
            if window == 0:
                number = walker.next_page
                page = await fetch(number)
            else:
                for ahead in walker.pages_ahead(scheduled, window - len(pending)):
                    pending.append((ahead, asyncio.ensure_future(fetch(ahead))))
                    scheduled = ahead
                number, task = pending.popleft()
                page = await task
            for item in walker.items(number, page):
                yield item
    finally:
        for _, task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*(task for _, task in pending), return_exceptions=True)
