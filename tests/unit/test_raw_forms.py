"""``client.with_raw_response`` names every API method of its client, each running the method of its name."""

from __future__ import annotations

import inspect

import pytest

from press_blocks import AsyncBlock, Block
from press_blocks._async.block import AsyncBlockWithRawResponse
from press_blocks._raw import RawResponses
from press_blocks._sync.block import BlockWithRawResponse

#: Public attributes of a client that are not API calls.
NOT_CALLS = {"session", "with_options", "with_raw_response", "close", "aclose"}

CLIENTS = [(Block, BlockWithRawResponse), (AsyncBlock, AsyncBlockWithRawResponse)]


def _api_methods(client: type) -> set[str]:
    return {name for name, value in vars(client).items() if not name.startswith("_") and callable(value)} - NOT_CALLS


def _raw_forms(raw: type) -> dict[str, object]:
    return {name: value for name, value in vars(raw).items() if not name.startswith("_")}


@pytest.mark.parametrize(("client", "raw"), CLIENTS)
def test_the_raw_class_covers_every_api_method(client: type, raw: type) -> None:
    """A method added to the client and forgotten in its raw class fails here."""
    assert len(_api_methods(client)) >= 20
    assert set(_raw_forms(raw)) == _api_methods(client)


@pytest.mark.parametrize(("client", "raw"), CLIENTS)
def test_each_raw_form_runs_the_method_of_its_name(client: type, raw: type) -> None:
    """``describe_spec = raw_call(Block.describe_deployment)`` would type and run the wrong method."""
    for name, form in _raw_forms(raw).items():
        assert inspect.isfunction(form), name
        assert form.__name__ == name


class _Recorder:
    """Stands in for the client: records what each method was called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []

    def __getattr__(self, name: str) -> object:
        def method(*args: object, **kwargs: object) -> object:
            self.calls.append((name, args, kwargs))
            return None

        return method


def test_a_raw_form_passes_its_arguments_and_lists_ask_for_one_page() -> None:
    from press_blocks._raw import ResponseSink

    recorder = _Recorder()

    def observed(sink: ResponseSink) -> _Recorder:
        return recorder

    raw = BlockWithRawResponse(observed)
    with pytest.raises(Exception, match="sent no request"):
        raw.describe_spec("spec-id")
    with pytest.raises(Exception, match="sent no request"):
        raw.list_specs(page_size=3)
    assert recorder.calls == [
        ("describe_spec", ("spec-id",), {}),
        ("list_specs", (), {"page_size": 3, "return_iterator": False}),
    ]


def test_anything_else_is_an_attribute_error() -> None:
    raw: RawResponses = BlockWithRawResponse(lambda sink: None)
    for name in ("with_options", "close", "session", "_client_missing", "describe_spce"):
        with pytest.raises(AttributeError, match="with_raw_response has no API method"):
            getattr(raw, name)


@pytest.mark.parametrize(("client", "raw"), CLIENTS)
def test_dir_lists_exactly_the_raw_forms(client: type, raw: type) -> None:
    """Completion offers what can be called: ``session`` or ``close`` have no raw form."""
    from press_blocks import Session

    instance = client(Session("t", base_url="http://127.0.0.1:9"))
    listed = {name for name in dir(instance.with_raw_response) if not name.startswith("_")}
    assert listed == _api_methods(client)
