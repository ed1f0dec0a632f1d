"""Tests that catch a broken core (issue 22): each kills a mutant that passed every other test.

Mutating ``_retry``, ``_pagination``, ``_waiting``, ``_calls``, ``parameters`` and ``_requests``
one change at a time left these changes alive; each test names the mutant it kills.
``scripts/mutation-test`` reruns the mutation run (see the contributing guide).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from press_blocks import AsyncBlock, Block, Session, _constants, _requests, _yaml, parameters
from press_blocks._pagination import aiterate, iterate
from press_blocks._retry import Outcome, RetryKind, RetryPolicy
from press_blocks._waiting import Waiter
from press_blocks.errors import (
    DeploymentWarning,
    InternalServerErrorException,
    InvalidArgumentError,
    InvalidFallbackFileError,
    PaginationError,
    ResponseDecodeError,
)
from tests.unit.test_pagination import Pages, walker

pytestmark = [pytest.mark.timeout(60)]

HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>"


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def settle(mode: str, client: Block | AsyncBlock, method: str, *args: Any, **kwargs: Any) -> Any:
    result = getattr(client, method)(*args, **kwargs)
    if mode == "async":

        async def wait() -> Any:
            return await result

        return asyncio.run(wait())
    return result


def mock_client(mode: str, answer: Any, **options: Any) -> Block | AsyncBlock:
    if mode == "sync":
        return Block(
            Session("mutant-token", http_client=httpx.Client(transport=httpx.MockTransport(answer)), **options)
        )
    transport = httpx.MockTransport(answer)
    return AsyncBlock(Session("mutant-token", async_http_client=httpx.AsyncClient(transport=transport), **options))


# --- _waiting.py ------------------------------------------------------------------------------------------


def test_a_wait_raises_at_once_on_a_2xx_that_is_not_json(mode: str) -> None:
    """Mutant: ``and`` for ``or`` in ``Waiter.after_error`` turned the decode error into a retryable outcome."""
    calls: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(200, text="<html>maintenance</html>", headers={"content-type": "text/html"})

    client = mock_client(mode, answer, base_url="http://waits.test")
    started = time.monotonic()
    with pytest.raises(ResponseDecodeError):
        settle(mode, client, "wait_for_deployment", "d", timeout=5, poll_interval=0.01, progress=False)
    assert calls == [1]
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("described", "settled"),
    [
        ({"id": "d", "latestRevision": {"status": "deployed"}}, True),
        ({"id": "d", "metadata": {"title": "no status"}, "latestRevision": {"status": "deployed"}}, True),
        ({"id": "d", "metadata": {"status": "deploying"}, "latestRevision": {"status": "deployed"}}, False),
        ({"id": "d", "metadata": {}, "latestRevision": {"status": "deploying"}}, False),
    ],
)
def test_a_deployment_without_metadata_status_takes_its_latest_revisions(described: Any, settled: bool) -> None:
    """Mutant: the ``latestRevision.status`` fallback near ``_status_of`` was never exercised."""
    waiter = Waiter("d", None, policy=RetryPolicy(), timeout=10, poll_interval=1, max_poll_interval=2, progress=False)
    assert waiter.settled(described) is settled
    assert waiter.status == ("deployed" if settled else "deploying")


def test_a_failed_latest_revision_without_metadata_status_fails_the_wait() -> None:
    from press_blocks.errors import DeploymentFailedError

    waiter = Waiter("d", None, policy=RetryPolicy(), timeout=10, poll_interval=1, max_poll_interval=2, progress=False)
    with pytest.raises(DeploymentFailedError, match="'failed'"):
        waiter.settled({"id": "d", "latestRevision": {"status": "failed"}})


# --- _calls.py --------------------------------------------------------------------------------------------


class _BadGateway(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = HTML.encode()
        self.send_response(502)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def bad_gateway() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BadGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_real_502_with_html_keeps_its_body(mode: str, bad_gateway: str) -> None:
    """Mutant: without storing the read body on the ``httpx.Response`` (``BodyReader.body``), a streamed,
    not pre-read error body ended as ``httpx.ResponseNotRead``. A mock transport pre-reads; a socket does not."""
    session = Session("mutant-token", base_url=bad_gateway, max_retries=0)
    client: Block | AsyncBlock = Block(session) if mode == "sync" else AsyncBlock(session)
    with pytest.raises(InternalServerErrorException) as caught:
        settle(mode, client, "describe_spec", "s")
    assert caught.value.status_code == 502
    assert caught.value.body == HTML
    assert caught.value.response is not None
    assert caught.value.response.text == HTML
    assert "502 Bad Gateway" in str(caught.value)


# --- _requests.py -----------------------------------------------------------------------------------------


def _nested_mappings(depth: int) -> dict[str, Any]:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value}
    return value  # type: ignore[no-any-return]


def _nested_lists(depth: int) -> dict[str, Any]:
    value: Any = 1
    for _ in range(depth - 1):
        value = [value]
    return {"a": value}


@pytest.mark.parametrize("nest", [_nested_mappings, _nested_lists], ids=["mappings", "lists"])
def test_max_json_depth_is_the_boundary(nest: Any) -> None:
    """Mutants: ``>=`` for ``>`` or another depth in ``_plain_json``; 200 levels pass, 201 do not."""
    assert _constants.MAX_JSON_DEPTH == 200
    _requests._plain_json(nest(200), "body")
    with pytest.raises(InvalidArgumentError, match="nested more than 200 levels deep"):
        _requests._plain_json(nest(201), "body")


def test_max_json_depth_through_a_method(mode: str) -> None:
    client = mock_client(mode, lambda r: httpx.Response(200, json={}), base_url="http://depth.test")
    dry = client.with_options(dry_run=True)
    assert settle(mode, dry, "patch_parameters", "d", _nested_mappings(200)).json is not None
    with pytest.raises(InvalidArgumentError, match="nested more than 200"):
        settle(mode, dry, "patch_parameters", "d", _nested_mappings(201))


# --- parameters.py ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", ["5", "text", "[1, 2]", "null"])
def test_a_related_block_that_is_not_a_mapping(tmp_path: Path, item: str) -> None:
    """Mutant: the ``isinstance(item, Mapping)`` check of related-blocks items was never reached."""
    file = tmp_path / "blocks.yaml"
    file.write_text(f"- {{id: a}}\n- {item}\n", encoding="utf-8")
    with pytest.raises(InvalidFallbackFileError, match="item 1 must be a mapping"):
        parameters.load_related_blocks_file(file)


def test_memory_error_while_loading_a_fallback_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mutant: the ``MemoryError`` branch of the fallback reader was never exercised."""
    file = tmp_path / "params.yaml"
    file.write_text("a: 1\n", encoding="utf-8")

    def exhausted(text: str, loader: Any = None) -> Any:
        raise MemoryError

    monkeypatch.setattr(_yaml, "safe_load", exhausted)
    with pytest.raises(InvalidFallbackFileError, match="too large to load in memory"):
        parameters.load_parameters_file(file)


# --- _pagination.py ---------------------------------------------------------------------------------------


def test_async_prefetch_stopped_early_leaves_no_task_behind() -> None:
    """Mutant: without awaiting the cancelled tasks, closing the iterator left them pending on the loop."""
    pages = Pages([2] * 10)

    async def fetch(number: int) -> Any:
        # The pages after the second are still in flight when the consumer stops.
        pages.delay = 0.0 if number <= 2 else 30.0
        return await pages.afetch(number)

    async def go() -> None:
        iterator = aiterate(walker(), fetch, prefetch=3)
        assert [await iterator.__anext__() for _ in range(3)] == ["p1-i0", "p1-i1", "p2-i0"]
        await iterator.aclose()
        # At once, before the loop runs anything else: every prefetch task is finished.
        assert asyncio.all_tasks() == {asyncio.current_task()}
        assert pages.in_flight == 0

    asyncio.run(go())


def test_async_prefetch_stopped_early_cancels_what_is_in_flight() -> None:
    """Mutant (found by scripts/mutation-test): without ``task.cancel()`` closing waited for every page in flight."""
    pages = Pages([2] * 10)

    async def fetch(number: int) -> Any:
        pages.delay = 0.0 if number <= 2 else 30.0
        return await pages.afetch(number)

    async def go() -> float:
        iterator = aiterate(walker(), fetch, prefetch=3)
        for _ in range(3):
            await iterator.__anext__()
        started = time.monotonic()
        await iterator.aclose()
        return time.monotonic() - started

    assert asyncio.run(go()) < 5


def test_page_number_one_is_a_start_page() -> None:
    """Mutant (found by scripts/mutation-test): ``<= 1`` for ``< 1`` refused the first page."""
    pages = Pages([1, 1])
    assert list(iterate(walker(start=1), pages.fetch)) == ["p1-i0", "p2-i0"]


class _GrowingPages(Pages):
    """Each page announces one more page than the last, up to ``top``."""

    def __init__(self, top: int) -> None:
        super().__init__([1] * (top + 5))
        self.top = top

    def page(self, number: int) -> Any:
        page = super().page(number)
        page["pageCount"] = min(number + 1, self.top)
        return page


def test_the_walk_follows_a_growing_page_count_up_to_extra_pages_and_no_further() -> None:
    """Mutants (found by scripts/mutation-test): ``>=``/``==`` for ``>`` at the EXTRA_PAGES limit."""
    limit = 2 + _constants.EXTRA_PAGES  # the first page announces two pages
    assert len(list(iterate(walker(), _GrowingPages(limit).fetch))) == limit
    with pytest.raises(PaginationError, match="announced 2 page\\(s\\) on its first page and now 13"):
        list(iterate(walker(), _GrowingPages(limit + 1).fetch))


def test_a_revisions_page_error_carries_the_first_key() -> None:
    """Mutant (found by scripts/mutation-test): ``keys[-1]`` for ``keys[0]`` in ``PaginationError.key``."""
    pages = Pages([1])
    pages.broken[1] = {"items": [], "pageCount": 1}
    with pytest.raises(PaginationError) as caught:
        list(iterate(walker("revisions"), pages.fetch))
    assert caught.value.key == "revisions"


@pytest.mark.parametrize("prefetch", [1, 2, 3])
def test_sync_prefetch_is_never_more_than_prefetch_pages_ahead(prefetch: int) -> None:
    """Mutant: scheduling with ``window`` instead of ``window - len(pending)`` ran ahead of the consumer."""
    pages = Pages([2] * 12)
    ahead = 0
    current = 0
    for item in iterate(walker(), pages.fetch, prefetch=prefetch):
        current = int(item.split("-")[0][1:])
        time.sleep(0.003)  # the pool's threads have every chance to run what was scheduled
        ahead = max(ahead, max(pages.fetched) - current)
    assert current == 12
    assert ahead <= prefetch


# --- _retry.py --------------------------------------------------------------------------------------------


def _outcome(status: int, **headers: str) -> Outcome:
    return Outcome(response=httpx.Response(status, headers=headers))


@pytest.mark.parametrize(
    "headers", [{"retry-after": "0"}, {"retry-after": "-5"}, {"retry-after-ms": "0"}, {"retry-after-ms": "-20"}]
)
def test_a_zero_or_negative_retry_after_waits_zero(headers: dict[str, str]) -> None:
    """Mutants: ``if retry_after:`` (0 fell through to the backoff) and a floor other than 0."""
    policy = RetryPolicy(initial_delay=5.0, max_delay=5.0)
    for kind in (RetryKind.IDEMPOTENT, RetryKind.UNSAFE):
        assert policy.delay(kind, 0, _outcome(503, **headers)) == 0.0


def test_a_retry_after_exactly_at_the_cap_is_honoured() -> None:
    """Mutant: ``<`` for ``<=`` against ``max_retry_after``."""
    policy = RetryPolicy(max_retry_after=60.0)
    assert policy.delay(RetryKind.IDEMPOTENT, 0, _outcome(429, **{"retry-after": "60"})) == 60.0
    assert policy.delay(RetryKind.IDEMPOTENT, 0, _outcome(429, **{"retry-after-ms": "60000"})) == 60.0
    assert policy.delay(RetryKind.IDEMPOTENT, 0, _outcome(429, **{"retry-after": "60.5"})) is None


def test_an_unreadable_retry_after_ms_falls_back_to_retry_after() -> None:
    """Mutant (found by scripts/mutation-test): without ``except ValueError`` a bad Retry-After-Ms escaped."""
    policy = RetryPolicy()
    outcome = _outcome(503, **{"retry-after-ms": "soon", "retry-after": "2"})
    assert policy.delay(RetryKind.IDEMPOTENT, 0, outcome) == 2.0


def test_a_fallback_file_exactly_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mutant (found by scripts/mutation-test): ``>=`` for ``>`` refused a file of exactly the limit."""
    file = tmp_path / "params.yaml"
    file.write_text("a: 12345\n", encoding="utf-8")  # 9 bytes
    monkeypatch.setattr(parameters, "MAX_FALLBACK_FILE_SIZE", 9)
    assert parameters.load_parameters_file(file) == {"a": 12345}
    monkeypatch.setattr(parameters, "MAX_FALLBACK_FILE_SIZE", 8)
    with pytest.raises(InvalidFallbackFileError, match="over the limit of 8 bytes"):
        parameters.load_parameters_file(file)


def test_fallback_aliases_may_expand_up_to_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mutants (found by scripts/mutation-test): ``>=``, ``==`` and ``is`` for ``>`` at the alias bound."""
    file = tmp_path / "params.yaml"
    file.write_text("a: &x [1, 2, 3]\nb: *x\n", encoding="utf-8")  # the alias adds 4 values (the list and its 3)
    monkeypatch.setattr(_constants, "MAX_YAML_ALIAS_EXPANSION", 4)
    assert parameters.load_parameters_file(file) == {"a": [1, 2, 3], "b": [1, 2, 3]}
    monkeypatch.setattr(_constants, "MAX_YAML_ALIAS_EXPANSION", 3)
    with pytest.raises(InvalidFallbackFileError, match="uses aliases"):
        parameters.load_parameters_file(file)


# --- _waiting.py, found by scripts/mutation-test -------------------------------------------------------------


def _waiter(revision: int | None = None, **options: Any) -> Waiter:
    settings: dict[str, Any] = {"timeout": 10, "poll_interval": 1, "max_poll_interval": 2, "progress": False}
    return Waiter("d", revision, policy=RetryPolicy(), **{**settings, **options})


@pytest.mark.parametrize("status", ["building", "creating", "another", "deploying"])
def test_only_deployed_settles_a_deployment(status: str) -> None:
    """Mutant: ``<=`` for ``==`` against ``deployed`` settled every status that sorts before it."""
    assert _waiter().settled({"metadata": {"status": status}}) is False


@pytest.mark.parametrize("status", ["unknown", "updating", "validating", "warnings"])
def test_only_superseded_settles_a_revision(status: str) -> None:
    """Mutant: ``>=`` for ``==`` against ``superseded`` settled every status that sorts after it."""
    assert _waiter(2).settled({"status": status}) is False


def test_an_endless_timeout_is_refused() -> None:
    """Mutants: ``>``/``>=``/``is`` for ``==`` against infinity in the wait's argument check."""
    with pytest.raises(InvalidArgumentError, match="timeout must be a number of seconds"):
        _waiter(timeout=float("inf"))


def test_a_retry_after_exactly_at_the_cap_paces_the_next_poll() -> None:
    """Mutant: ``<`` for ``<=`` against ``max_retry_after`` between polls."""
    waiter = _waiter(timeout=600)
    waiter.settled({"metadata": {"status": "deploying"}})
    waiter.retry_after = RetryPolicy().max_retry_after
    assert waiter.next_delay() == RetryPolicy().max_retry_after


def test_a_deployment_warning_names_the_deployment_and_points_at_the_caller(mode: str) -> None:
    """Mutants: the subject of a deployment named as a revision, and another ``stacklevel``."""
    client = mock_client(
        mode, lambda r: httpx.Response(200, json={"metadata": {"status": "warning"}}), base_url="http://w.test"
    )
    with pytest.warns(DeploymentWarning) as caught:
        settle(mode, client, "wait_for_deployment", "d", timeout=5, progress=False)
    assert str(caught[0].message).startswith("deployment d settled with status 'warning'")
    assert caught[0].filename == __file__


def test_the_first_failed_describe_waits_at_most_the_first_retry_delay() -> None:
    """Mutants: the failure count starting at 1 or -1, or counting by 2 or 0 (the backoff doubles with it)."""
    policy = RetryPolicy(initial_delay=1.0, max_delay=100.0)
    policy.rng.uniform = lambda low, high: high  # type: ignore[method-assign]
    waiter = Waiter("d", None, policy=policy, timeout=600, poll_interval=1, max_poll_interval=2, progress=False)
    waiter.settled({"metadata": {"status": "deploying"}})
    failure = InternalServerErrorException(
        status_code=503, method="GET", url="u", request_id=None, body="", response=httpx.Response(503)
    )
    assert [waiter.after_error(failure) for _ in range(3)] == [1.0, 2.0, 4.0]
    waiter.settled({"metadata": {"status": "deploying"}})
    assert waiter.after_error(failure) == 1.0
