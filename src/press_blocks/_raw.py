"""Raw responses: what came back on the wire for a successful call, beside what the method returns.

``client.with_raw_response.<method>(...)`` runs the method on a copy of the client that
records the response its (last) request got, and returns a :class:`RawResponse`;
``.parse()`` gives what the plain method returns. List iterators (:class:`Pages`,
:class:`AsyncPages`) keep the last page's raw response in ``last_response``.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from press_blocks import _constants
from press_blocks.errors import InvalidArgumentError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AsyncPages",
    "AsyncRawPage",
    "Pages",
    "RawPage",
    "RawResponse",
    "RawResponses",
    "ResponseObserver",
    "ResponseSink",
    "async_raw_call",
    "observers",
    "raw_call",
]

T = TypeVar("T")
P = ParamSpec("P")

#: Told of each successful response: the request sent, the response, the JSON it held, and the seconds it took.
ResponseObserver = Callable[["httpx.Request", "httpx.Response", Any, float], None]


def observers(*chosen: ResponseObserver | None) -> ResponseObserver | None:
    """One observer telling each of ``chosen`` (None: there is none)."""
    present = [observer for observer in chosen if observer is not None]
    if len(present) < 2:
        return present[0] if present else None

    def tell(request: httpx.Request, response: httpx.Response, parsed: Any, seconds: float) -> None:
        for observer in present:
            observer(request, response, parsed, seconds)

    return tell


class RawResponse(Generic[T]):
    """The HTTP response of a successful call, and what the plain method returns (``parse()``).

    ``status_code``, ``headers``, ``url`` and ``elapsed`` are the response's; ``request_id`` is the
    id the request carried (``x-peak-requestId``), ``http_request``/``http_response`` the
    ``httpx`` objects. For a method that sends more than one request, they describe the last.
    """

    def __init__(self, request: httpx.Request, response: httpx.Response, parsed: T, seconds: float) -> None:
        self.http_request = request
        self.http_response = response
        self._parsed = parsed
        self._elapsed = timedelta(seconds=seconds)

    @property
    def status_code(self) -> int:
        """The response's HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response's headers."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The request id the request carried (the service logs it)."""
        request_id: str | None = self.http_request.headers.get(_constants.REQUEST_ID_HEADER)
        return request_id

    @property
    def url(self) -> str:
        """The full URL the request went to."""
        return str(self.http_request.url)

    @property
    def elapsed(self) -> timedelta:
        """From sending the request to reading the whole response (the last attempt's)."""
        return self._elapsed

    def parse(self) -> T:
        """What the plain method returns."""
        return self._parsed

    def __repr__(self) -> str:
        path = self.http_request.url.raw_path.decode()
        return f"<RawResponse {self.http_request.method} {path} -> {self.status_code}>"


class ResponseSink:
    """Keeps the last successful response of the calls it is given to observe."""

    def __init__(self) -> None:
        self.last: RawResponse[Any] | None = None

    def __call__(self, request: httpx.Request, response: httpx.Response, parsed: Any, seconds: float) -> None:
        self.last = RawResponse(request, response, parsed, seconds)

    def wrap(self, operation: str, result: T) -> RawResponse[T] | T:
        """The raw response of ``result``: the last response with ``result`` as what ``parse()`` gives."""
        from press_blocks._dry_run import DryRun

        if isinstance(result, DryRun):
            return result
        if self.last is None:
            raise InvalidArgumentError(
                f"{operation} sent no request (it read its fallback file), so it has no raw response."
            )
        last = self.last
        return RawResponse(last.http_request, last.http_response, result, last.elapsed.total_seconds())


class RawResponses:
    """``client.with_raw_response``: every API method of the client, returning a :class:`RawResponse`.

    List methods return the raw response of one page (``parse()`` gives the page dict, as
    ``return_iterator=False`` does); their iterators keep the last page's in ``last_response``.
    Each client's subclass names its methods with :func:`raw_call` or :class:`RawPage` (and
    their async forms), which give each one its method's parameters and result type.
    """

    def __init__(self, observed: Callable[[ResponseSink], Any]) -> None:
        self._observed = observed

    def _call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], *, one_page: bool) -> Any:
        """Run the client's method ``name`` on a copy that records its response, and wrap the result."""
        sink = ResponseSink()
        if one_page:
            kwargs["return_iterator"] = False
        result = getattr(self._observed(sink), name)(*args, **kwargs)
        if inspect.isawaitable(result):
            return _awaited_raw(sink, name, result)
        return sink.wrap(name, result)

    if not TYPE_CHECKING:  # for mypy, only the methods a subclass names exist

        def __getattr__(self, name: str) -> Any:
            raise AttributeError(f"with_raw_response has no API method {name!r}")

    def __dir__(self) -> list[str]:
        return [n for n in dir(type(self)) if not n.startswith("_")]


def _raw_form(name: str, *, one_page: bool = False) -> Any:
    """The method of a :class:`RawResponses` subclass running the client's method ``name`` (one page, for a list)."""

    def call(raw: RawResponses, /, *args: Any, **kwargs: Any) -> Any:
        return raw._call(name, args, kwargs, one_page=one_page)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{name}(...), returning a RawResponse whose parse() gives its usual result."
    return call


def raw_call(method: Callable[Concatenate[Any, P], T]) -> Callable[Concatenate[RawResponses, P], RawResponse[T]]:
    """The raw form of a client method: its parameters, returning a :class:`RawResponse` of its result.

    For a method with overloads, each overload keeps its own result type.
    """
    form: Callable[Concatenate[RawResponses, P], RawResponse[T]] = _raw_form(method.__name__)
    return form


def async_raw_call(
    method: Callable[Concatenate[Any, P], Awaitable[T]],
) -> Callable[Concatenate[RawResponses, P], Awaitable[RawResponse[T]]]:
    """The async form of :func:`raw_call`."""
    form: Callable[Concatenate[RawResponses, P], Awaitable[RawResponse[T]]] = _raw_form(method.__name__)
    return form


class RawPage(Generic[T]):
    """The raw form of a list method whose one page is a ``T``: ``RawPage["ListSpecsResponse"]().of(Block.list_specs)``.

    A list method's raw form always sends one request and returns that page, so every overload
    of the method (whatever ``return_iterator`` it takes) gives a :class:`RawResponse` of the
    page, a type the overloads only name beside ``return_iterator=False``; hence ``T``.
    """

    def of(
        self, method: Callable[Concatenate[Any, P], Pages[Any] | Mapping[str, Any]]
    ) -> Callable[Concatenate[RawResponses, P], RawResponse[T]]:
        """The raw form of ``method``: its parameters, returning a :class:`RawResponse` of one page."""
        form: Callable[Concatenate[RawResponses, P], RawResponse[T]] = _raw_form(method.__name__, one_page=True)
        return form


class AsyncRawPage(Generic[T]):
    """The async form of :class:`RawPage`."""

    def of(
        self, method: Callable[Concatenate[Any, P], AsyncPages[Any] | Awaitable[Any]]
    ) -> Callable[Concatenate[RawResponses, P], Awaitable[RawResponse[T]]]:
        """The raw form of ``method``: its parameters, returning a :class:`RawResponse` of one page."""
        form: Callable[Concatenate[RawResponses, P], Awaitable[RawResponse[T]]] = _raw_form(
            method.__name__, one_page=True
        )
        return form


async def _awaited_raw(sink: ResponseSink, name: str, result: Any) -> Any:
    return sink.wrap(name, await result)


class Pages(Iterator[T]):
    """A list method's iterator over the items of every page; ``last_response`` is the last page's raw response."""

    def __init__(self) -> None:
        self.last_response: RawResponse[Any] | None = None
        self._items: Iterator[T] = iter(())

    def start(self, items: Iterator[T]) -> Pages[T]:
        """Iterate over ``items`` (pages fetched through :meth:`observe`)."""
        self._items = items
        return self

    def observe(self, request: httpx.Request, response: httpx.Response, parsed: Any, seconds: float) -> None:
        """Keep the raw response of a page just received."""
        self.last_response = RawResponse(request, response, parsed, seconds)

    def __next__(self) -> T:
        return next(self._items)

    def close(self) -> None:
        """Stop early, cancelling pages requested ahead."""
        close = getattr(self._items, "close", None)
        if close is not None:
            close()


class AsyncPages(AsyncIterator[T]):
    """The async form of :class:`Pages`."""

    def __init__(self) -> None:
        self.last_response: RawResponse[Any] | None = None
        self._items: AsyncIterator[T] | None = None

    def start(self, items: AsyncIterator[T]) -> AsyncPages[T]:
        """Iterate over ``items`` (pages fetched through :meth:`observe`)."""
        self._items = items
        return self

    def observe(self, request: httpx.Request, response: httpx.Response, parsed: Any, seconds: float) -> None:
        """Keep the raw response of a page just received."""
        self.last_response = RawResponse(request, response, parsed, seconds)

    async def __anext__(self) -> T:
        if self._items is None:
            raise StopAsyncIteration
        return await self._items.__anext__()

    async def aclose(self) -> None:
        """Stop early, cancelling pages requested ahead."""
        close = getattr(self._items, "aclose", None)
        if close is not None:
            await close()
