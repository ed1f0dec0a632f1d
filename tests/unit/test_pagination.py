"""Walking list pages: laziness, start page, stop rule, malformed pages, prefetch order and bounds, early close."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from press_blocks import AsyncBlock, Block, Session
from press_blocks._pagination import PageWalker, aiterate, iterate
from press_blocks.errors import InvalidArgumentError, NotFoundException, PaginationError

BASE = "https://press.example.test"
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# --- fake fetchers ---------------------------------------------------------------------------


class Pages:
    """A fake list endpoint: ``sizes[n-1]`` items on page n, with a counter of calls and of concurrency."""

    def __init__(
        self,
        sizes: list[int],
        *,
        key: str = "specs",
        delay: float = 0.0,
        broken: dict[int, Any] | None = None,
        failing: dict[int, Exception] | None = None,
    ) -> None:
        self.sizes = sizes
        self.key = key
        self.delay = delay
        self.broken = broken or {}
        self.failing = failing or {}
        self.fetched: list[int] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def page(self, number: int) -> Any:
        if number in self.failing:
            raise self.failing[number]
        if number in self.broken:
            return self.broken[number]
        count = self.sizes[number - 1] if number <= len(self.sizes) else 0
        items = [f"p{number}-i{i}" for i in range(count)]
        return {self.key: items, "pageCount": len(self.sizes), "pageNumber": number, "pageSize": 3}

    def all_items(self, start: int = 1) -> list[str]:
        return [f"p{n}-i{i}" for n in range(start, len(self.sizes) + 1) for i in range(self.sizes[n - 1])]

    def _enter(self, number: int) -> None:
        with self._lock:
            self.fetched.append(number)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def fetch(self, number: int) -> Any:
        self._enter(number)
        try:
            if self.delay:
                time.sleep(self.delay)
            return self.page(number)
        finally:
            self._leave()

    async def afetch(self, number: int) -> Any:
        self._enter(number)
        try:
            await asyncio.sleep(self.delay)
            return self.page(number)
        finally:
            self._leave()


def walker(key: str = "specs", start: int | None = None) -> PageWalker:
    keys = ("revisions", "deployments") if key == "revisions" else (key,)
    return PageWalker("list_things", keys, start)


def collect_async(iterator: AsyncIterator[Any]) -> list[Any]:
    async def go() -> list[Any]:
        return [item async for item in iterator]

    return asyncio.run(go())


def run_walk(mode: str, pages: Pages, walk: PageWalker, prefetch: int = 0) -> list[Any]:
    if mode == "sync":
        return list(iterate(walk, pages.fetch, prefetch=prefetch))
    return collect_async(aiterate(walk, pages.afetch, prefetch=prefetch))


def items_until_error(mode: str, pages: Pages, walk: PageWalker, prefetch: int) -> tuple[list[Any], BaseException]:
    """Return the items yielded before the walk raised, and the error."""
    got: list[Any] = []
    if mode == "sync":
        try:
            for item in iterate(walk, pages.fetch, prefetch=prefetch):
                got.append(item)
        except Exception as exc:
            return got, exc
        pytest.fail("no error raised")

    async def go() -> BaseException:
        try:
            async for item in aiterate(walk, pages.afetch, prefetch=prefetch):
                got.append(item)
        except Exception as exc:
            return exc
        pytest.fail("no error raised")

    error = asyncio.run(go())
    return got, error


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# --- the walk ----------------------------------------------------------------------------------


class TestWalk:
    def test_lazy_until_the_first_next(self) -> None:
        pages = Pages([2, 2])
        iterator = iterate(walker(), pages.fetch)
        assert pages.fetched == []
        assert next(iterator) == "p1-i0"
        assert pages.fetched == [1]

    def test_async_lazy_until_the_first_next(self) -> None:
        pages = Pages([2, 2])

        async def go() -> None:
            iterator = aiterate(walker(), pages.afetch)
            await asyncio.sleep(0)
            assert pages.fetched == []
            assert await iterator.__anext__() == "p1-i0"
            assert pages.fetched == [1]
            await iterator.aclose()

        asyncio.run(go())

    def test_every_item_of_every_page_in_order(self, mode: str) -> None:
        pages = Pages([3, 1, 2, 2])
        assert run_walk(mode, pages, walker()) == pages.all_items()
        assert pages.fetched == [1, 2, 3, 4]

    def test_starts_at_page_number(self, mode: str) -> None:
        pages = Pages([1, 1, 1, 1, 1])
        assert run_walk(mode, pages, walker(start=3)) == ["p3-i0", "p4-i0", "p5-i0"]
        assert pages.fetched == [3, 4, 5]

    def test_start_beyond_the_last_page_fetches_once(self, mode: str) -> None:
        pages = Pages([1, 1])
        assert run_walk(mode, pages, walker(start=7)) == []
        assert pages.fetched == [7]

    def test_stops_after_page_count(self, mode: str) -> None:
        pages = Pages([2, 2])
        assert run_walk(mode, pages, walker()) == pages.all_items()
        assert pages.fetched == [1, 2]

    def test_page_count_zero_is_one_request_and_nothing(self, mode: str) -> None:
        pages = Pages([])
        assert run_walk(mode, pages, walker()) == []
        assert pages.fetched == [1]

    def test_a_shrinking_page_count_ends_the_walk(self, mode: str) -> None:
        pages = Pages([1, 1, 1, 1])
        pages.broken[2] = {"specs": ["p2-last"], "pageCount": 2}
        assert run_walk(mode, pages, walker()) == ["p1-i0", "p2-last"]
        assert pages.fetched == [1, 2]

    @pytest.mark.parametrize("key", ["revisions", "deployments"])
    def test_revisions_accept_either_key(self, mode: str, key: str) -> None:
        pages = Pages([2, 1], key=key)
        assert run_walk(mode, pages, walker("revisions")) == pages.all_items()

    def test_walker_state(self) -> None:
        walk = walker(start=2)
        assert walk.next_page == 2
        assert walk.items(2, {"specs": ["a"], "pageCount": 3}) == ["a"]
        assert (walk.next_page, walk.page_count) == (3, 3)
        assert walk.items(3, {"specs": [], "pageCount": 3}) == []
        assert walk.next_page is None
        assert list(walk.pages_ahead(1, 5)) == [2, 3]
        assert list(walk.pages_ahead(1, 0)) == []


class TestMalformedPages:
    @pytest.mark.parametrize(
        ("page", "key"),
        [
            pytest.param({"pageCount": 1}, "specs", id="no-list"),
            pytest.param({"specs": None, "pageCount": 1}, "specs", id="null-list"),
            pytest.param({"specs": {"a": 1}, "pageCount": 1}, "specs", id="list-is-a-dict"),
            pytest.param({"specs": []}, "pageCount", id="no-pageCount"),
            pytest.param({"specs": [], "pageCount": "2"}, "pageCount", id="pageCount-str"),
            pytest.param({"specs": [], "pageCount": -1}, "pageCount", id="pageCount-negative"),
            pytest.param({"specs": [], "pageCount": True}, "pageCount", id="pageCount-bool"),
            pytest.param(["a", "b"], "specs", id="page-is-a-list"),
            pytest.param("oops", "specs", id="page-is-a-string"),
            pytest.param(None, "specs", id="page-is-null"),
        ],
    )
    def test_pagination_error_names_the_key(self, mode: str, page: Any, key: str) -> None:
        pages = Pages([1])
        pages.broken[1] = page
        _, error = items_until_error(mode, pages, walker(), prefetch=0)
        assert isinstance(error, PaginationError)
        assert error.key == key
        assert key in str(error)
        assert "list_things" in str(error)

    def test_revisions_error_names_both_keys(self, mode: str) -> None:
        pages = Pages([1])
        pages.broken[1] = {"items": [], "pageCount": 1}
        _, error = items_until_error(mode, pages, walker("revisions"), prefetch=0)
        assert isinstance(error, PaginationError)
        assert "'revisions'" in str(error)
        assert "'deployments'" in str(error)


class TestArguments:
    @pytest.mark.parametrize("start", [0, -1, True, "2", 1.5])
    def test_invalid_page_number(self, start: Any) -> None:
        with pytest.raises(InvalidArgumentError, match="page_number"):
            PageWalker("list_things", ("specs",), start)

    @pytest.mark.parametrize("prefetch", [-1, True, "2", 1.5])
    def test_invalid_prefetch(self, mode: str, prefetch: Any) -> None:
        pages = Pages([1])
        with pytest.raises(InvalidArgumentError, match="prefetch"):
            run_walk(mode, pages, walker(), prefetch=prefetch)
        assert pages.fetched == []


# --- prefetch ------------------------------------------------------------------------------------


class TestPrefetch:
    @pytest.mark.parametrize("prefetch", [1, 2, 3, 8])
    def test_same_items_same_order_each_page_once(self, mode: str, prefetch: int) -> None:
        sizes = [3, 2, 2, 5, 1, 1, 4]
        pages = Pages(sizes, delay=0.002)
        assert run_walk(mode, pages, walker(), prefetch=prefetch) == Pages(sizes).all_items()
        assert sorted(pages.fetched) == list(range(1, len(sizes) + 1))

    @pytest.mark.parametrize("prefetch", [1, 2, 3])
    def test_at_most_prefetch_requests_in_flight(self, mode: str, prefetch: int) -> None:
        pages = Pages([1] * 8, delay=0.02)
        run_walk(mode, pages, walker(), prefetch=prefetch)
        assert pages.max_in_flight <= prefetch
        if prefetch > 1:
            assert pages.max_in_flight >= 2  # later pages really are fetched together

    def test_prefetch_respects_the_start_page(self, mode: str) -> None:
        pages = Pages([1] * 6, delay=0.002)
        assert run_walk(mode, pages, walker(start=4), prefetch=3) == ["p4-i0", "p5-i0", "p6-i0"]
        assert sorted(pages.fetched) == [4, 5, 6]

    @pytest.mark.parametrize("prefetch", [0, 1, 3])
    def test_an_error_surfaces_after_the_items_before_it(self, mode: str, prefetch: int) -> None:
        error = NotFoundException(status_code=404, method="GET", url=f"{BASE}/x", request_id=None, body={})
        pages = Pages([2, 2, 2, 2, 2], failing={3: error}, delay=0.002)
        got, raised = items_until_error(mode, pages, walker(), prefetch)
        assert raised is error
        assert got == ["p1-i0", "p1-i1", "p2-i0", "p2-i1"]

    @pytest.mark.parametrize("prefetch", [0, 2])
    def test_a_malformed_page_surfaces_in_order(self, mode: str, prefetch: int) -> None:
        pages = Pages([1, 1, 1, 1], broken={3: {"pageCount": 4}}, delay=0.002)
        got, raised = items_until_error(mode, pages, walker(), prefetch)
        assert isinstance(raised, PaginationError)
        assert got == ["p1-i0", "p2-i0"]

    @pytest.mark.parametrize("prefetch", [0, 2])
    def test_closing_early_stops_fetching(self, prefetch: int) -> None:
        pages = Pages([2] * 10, delay=0.005)
        iterator = iterate(walker(), pages.fetch, prefetch=prefetch)
        assert [next(iterator), next(iterator), next(iterator)] == ["p1-i0", "p1-i1", "p2-i0"]
        iterator.close()
        fetched = len(pages.fetched)
        assert fetched <= 2 + prefetch
        time.sleep(0.05)
        assert len(pages.fetched) == fetched
        assert pages.in_flight == 0

    @pytest.mark.parametrize("prefetch", [0, 2])
    def test_async_closing_early_stops_fetching(self, prefetch: int) -> None:
        pages = Pages([2] * 10, delay=0.005)

        async def go() -> None:
            iterator = aiterate(walker(), pages.afetch, prefetch=prefetch)
            got = [await iterator.__anext__() for _ in range(3)]
            assert got == ["p1-i0", "p1-i1", "p2-i0"]
            await iterator.aclose()
            fetched = len(pages.fetched)
            assert fetched <= 2 + prefetch
            await asyncio.sleep(0.05)
            assert len(pages.fetched) == fetched
            assert pages.in_flight == 0

        asyncio.run(go())


# --- through the clients -------------------------------------------------------------------------

LIST_METHODS = [
    pytest.param("list_specs", (), "/v1/blocks/specs/", "specs", id="list_specs"),
    pytest.param("list_spec_releases", ("s1",), "/v1/blocks/specs/s1/releases", "releases", id="list_spec_releases"),
    pytest.param("list_deployments", (), "/v1/blocks/deployments/", "deployments", id="list_deployments"),
    pytest.param(
        "list_deployment_revisions", ("d1",), "/v1/blocks/deployments/d1/revisions", "revisions", id="list_revisions"
    ),
]


class ListService:
    """A MockTransport handler serving ``sizes`` pages under ``key`` and recording the requests."""

    def __init__(self, sizes: list[int], key: str) -> None:
        self.pages = Pages(sizes, key=key)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        number = int(request.url.params.get("pageNumber", "1"))
        return httpx.Response(200, json=self.pages.page(number))

    @property
    def page_numbers(self) -> list[str | None]:
        return [r.url.params.get("pageNumber") for r in self.requests]


def sync_block(service: Callable[[httpx.Request], httpx.Response]) -> Block:
    client = httpx.Client(transport=httpx.MockTransport(service))
    return Block(Session("token", base_url=BASE, http_client=client))


def async_block(service: Callable[[httpx.Request], httpx.Response]) -> AsyncBlock:
    client = httpx.AsyncClient(transport=httpx.MockTransport(service))
    return AsyncBlock(Session("token", base_url=BASE, async_http_client=client))


class TestThroughBlock:
    @pytest.mark.parametrize(("method", "args", "path", "key"), LIST_METHODS)
    def test_iterator_sends_page_numbers_one_to_n(
        self, method: str, args: tuple[str, ...], path: str, key: str
    ) -> None:
        service = ListService([2, 1, 3], key)
        iterator = getattr(sync_block(service), method)(*args, page_size=3)
        assert isinstance(iterator, Iterator)
        assert service.requests == []
        assert list(iterator) == service.pages.all_items()
        assert service.page_numbers == ["1", "2", "3"]
        assert all(r.url.path == path for r in service.requests)
        assert all(r.url.params.get("pageSize") == "3" for r in service.requests)

    @pytest.mark.parametrize(("method", "args", "path", "key"), LIST_METHODS)
    def test_return_iterator_false_returns_the_raw_page(
        self, method: str, args: tuple[str, ...], path: str, key: str
    ) -> None:
        service = ListService([2, 1, 3], key)
        page = getattr(sync_block(service), method)(*args, page_number=2, return_iterator=False)
        assert page == service.pages.page(2)
        assert service.page_numbers == ["2"]

    def test_return_iterator_false_without_page_number_sends_none(self) -> None:
        service = ListService([1], "specs")
        sync_block(service).list_specs(return_iterator=False)
        assert service.page_numbers == [None]

    def test_iterator_starts_at_page_number(self) -> None:
        service = ListService([1, 1, 1, 1], "deployments")
        assert list(sync_block(service).list_deployments(page_number=3)) == ["p3-i0", "p4-i0"]
        assert service.page_numbers == ["3", "4"]

    def test_revisions_under_the_deployments_key(self) -> None:
        service = ListService([2, 2], "deployments")
        assert list(sync_block(service).list_deployment_revisions("d1")) == service.pages.all_items()

    def test_prefetch_through_the_block(self) -> None:
        service = ListService([2, 2, 3, 1, 1], "specs")
        assert list(sync_block(service).list_specs(prefetch=3)) == service.pages.all_items()
        assert sorted(service.page_numbers, key=lambda n: int(n or 0)) == ["1", "2", "3", "4", "5"]

    def test_missing_page_count_through_the_block(self) -> None:
        def service(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"specs": [1]})

        with pytest.raises(PaginationError) as info:
            list(sync_block(service).list_specs())
        assert info.value.key == "pageCount"

    def test_invalid_prefetch_is_rejected_at_call_time(self) -> None:
        """Like every other argument, prefetch is checked when the method is called, not at the first next()."""

        def service(request: httpx.Request) -> httpx.Response:
            pytest.fail("a request was sent")

        with pytest.raises(InvalidArgumentError, match="prefetch"):
            sync_block(service).list_specs(prefetch=-1)

    @pytest.mark.parametrize(("method", "args", "path", "key"), LIST_METHODS)
    def test_async_iterator_and_page(self, method: str, args: tuple[str, ...], path: str, key: str) -> None:
        service = ListService([2, 1, 3], key)
        block = async_block(service)

        async def go() -> tuple[list[Any], Any]:
            items = [item async for item in getattr(block, method)(*args)]
            page = await getattr(block, method)(*args, page_number=3, return_iterator=False)
            return items, page

        items, page = asyncio.run(go())
        assert items == service.pages.all_items()
        assert page == service.pages.page(3)
        assert service.page_numbers == ["1", "2", "3", "3"]

    def test_async_prefetch_through_the_block(self) -> None:
        service = ListService([1, 2, 2, 3], "releases")
        block = async_block(service)
        assert collect_async(block.list_spec_releases("s1", prefetch=2)) == service.pages.all_items()
        assert sorted(service.page_numbers, key=lambda n: int(n or 0)) == ["1", "2", "3", "4"]

    def test_async_invalid_prefetch_is_rejected_at_call_time(self) -> None:
        def service(request: httpx.Request) -> httpx.Response:
            pytest.fail("a request was sent")

        with pytest.raises(InvalidArgumentError, match="prefetch"):
            async_block(service).list_specs(prefetch=-1)


# --- walks that would never end (issue 12) -----------------------------------------------------------


class Runaway:
    """A hostile list endpoint: ``page(n)`` is whatever the scenario says; counts every fetch."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.fetched: list[int] = []

    def fetch(self, number: int) -> Any:
        self.fetched.append(number)
        assert len(self.fetched) < 200, "the walk ran away"
        return self.answer(number)

    async def afetch(self, number: int) -> Any:
        return self.fetch(number)


RUNAWAYS: list[Any] = [
    pytest.param(lambda n: {"specs": [] if n > 1 else ["a"], "pageCount": 10**9}, "empty", id="a-billion-empty-pages"),
    pytest.param(lambda n: {"specs": [f"p{n}"], "pageCount": n + 1}, "announced", id="a-page-count-that-grows"),
    pytest.param(
        lambda n: {"specs": [{"id": "same"}, {"id": "again"}], "pageCount": 50}, "no new items", id="the-same-items"
    ),
]


class TestWalksThatCannotRunAway:
    @pytest.mark.parametrize("prefetch", [0, 3])
    @pytest.mark.parametrize(("answer", "reason"), RUNAWAYS)
    def test_stops_with_a_pagination_error_saying_why(
        self, mode: str, prefetch: int, answer: Callable[[int], Any], reason: str
    ) -> None:
        service = Runaway(answer)
        pages = Pages([])
        pages.fetch = service.fetch  # type: ignore[method-assign]
        pages.afetch = service.afetch  # type: ignore[method-assign]
        _, error = items_until_error(mode, pages, walker(), prefetch)
        assert isinstance(error, PaginationError), error
        assert reason in str(error)
        assert len(service.fetched) <= 1 + 10 + prefetch + 1

    def test_the_last_page_may_be_empty(self, mode: str) -> None:
        pages = Pages([2, 2, 0])
        assert run_walk(mode, pages, walker()) == pages.all_items()

    def test_through_the_block(self) -> None:
        def service(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"specs": [{"id": "x"}], "pageCount": 3})

        with pytest.raises(PaginationError, match="no new items"):
            list(sync_block(service).list_specs(prefetch=2))


@pytest.mark.parametrize(
    "page",
    [
        {"s3cr3t-token-value": [], "pageCount": 1},  # the token as a key: listed among the page's keys
        {"specs": [{"id": "a"}], "pageCount": "s3cr3t-token-value"},  # the token as the page count
    ],
)
def test_a_malformed_page_never_puts_the_token_in_the_error(page: dict[str, Any]) -> None:
    def service(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    client = httpx.Client(transport=httpx.MockTransport(service))
    block = Block(Session("s3cr3t-token-value", base_url=BASE, http_client=client))
    with pytest.raises(PaginationError) as caught:
        list(block.list_specs())
    assert "s3cr3t-token-value" not in str(caught.value)
    assert "***" in str(caught.value)
