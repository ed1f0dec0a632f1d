"""pytest fixtures for testing code that talks to the Press blocks API against the local emulator.

Installed with press-blocks (a ``pytest11`` entry point), so any suite can use them:

* ``press_emulator``: a fresh in-process emulator per test; ``.base_url``, ``.transport``
  (for ``httpx.Client``), ``.async_transport`` (for ``httpx.AsyncClient``) — attributes, also
  callable (``.transport()`` returns the same transport, as ``Emulator.transport()`` returns one) —, ``.reset()``,
  ``.seed(...)``, ``.faults``, ``.requests``, ``.set_transition(...)``, ``.add_app_deployment(...)``
  and ``.emulator``.
* ``press_emulator_server``: a fresh emulator served on ``127.0.0.1`` (a free port) per test;
  the same controls, with ``.base_url`` pointing at the server.

Configure either with a marker taking :class:`~press_blocks.emulator.Emulator`'s arguments::

    @pytest.mark.press_emulator(transition="describes:2", fixture="press.yaml")
    def test_waits_for_deploy(press_emulator): ...

    @pytest.mark.press_emulator(transition="describes:1->failed")  # the revision ends failed
    def test_reports_a_failed_deploy(press_emulator): ...

A relative ``fixture=`` path is looked up next to the test file, then under the pytest rootdir.

This module imports nothing heavy: the emulator (and its extra) loads only when a fixture runs.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from press_blocks.emulator import Emulator, InProcessEmulator, RunningEmulator

__all__ = ["press_emulator", "press_emulator_server"]

_MARKER = "press_emulator"


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``press_emulator`` marker (so ``--strict-markers`` suites accept it)."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(**options): options for the press_emulator / press_emulator_server fixtures "
        "(the keyword arguments of press_blocks.emulator.Emulator)",
    )


def _emulator(request: pytest.FixtureRequest) -> Emulator:
    try:
        from press_blocks.emulator import Emulator
    except ImportError as exc:  # the extra is missing: say how to get it, do not error obscurely
        pytest.fail(str(exc), pytrace=False)
    options: dict[str, Any] = {}
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None:
        if marker.args:
            pytest.fail(f"@pytest.mark.{_MARKER} takes keyword arguments only", pytrace=False)
        options = dict(marker.kwargs)
    valid = [name for name in inspect.signature(Emulator).parameters if name != "self"]
    unknown = sorted(set(options) - set(valid))
    if unknown:
        # Emulator(**options) would say only "unexpected keyword argument", without naming the marker.
        pytest.fail(
            f"@pytest.mark.{_MARKER}({', '.join(f'{name}=...' for name in unknown)}): unknown keyword"
            f"{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the marker takes: {', '.join(valid)}",
            pytrace=False,
        )
    fixture = options.get("fixture")
    if isinstance(fixture, str | os.PathLike):
        options["fixture"] = _fixture_path(request, Path(fixture))
    return Emulator(**options)


def _fixture_path(request: pytest.FixtureRequest, path: Path) -> Path:
    """Resolve a marker's relative ``fixture=`` path as pytest users expect, never from the working directory.

    First the test file's directory, then the rootdir; a path found in neither is a clear failure.
    """
    if path.is_absolute():
        return path
    # The same directory once, when the test sits in the rootdir.
    tried = list(dict.fromkeys([Path(request.node.path).parent / path, Path(request.config.rootpath) / path]))
    for candidate in tried:
        if candidate.is_file():
            return candidate
    pytest.fail(
        f"@pytest.mark.{_MARKER}(fixture={str(path)!r}): no such file next to the test or under the rootdir "
        f"(tried {', '.join(str(c) for c in tried)})",
        pytrace=False,
    )


@pytest.fixture
def press_emulator(request: pytest.FixtureRequest) -> Iterator[InProcessEmulator]:
    """A fresh in-process Press blocks emulator, with sync and async httpx transports."""
    from press_blocks.emulator import InProcessEmulator

    handle = InProcessEmulator(_emulator(request))
    try:
        yield handle
    finally:
        handle.close()


@pytest.fixture
def press_emulator_server(request: pytest.FixtureRequest) -> Iterator[RunningEmulator]:
    """A fresh Press blocks emulator served over HTTP on 127.0.0.1; ``.base_url`` says where."""
    with _emulator(request).serve(host="127.0.0.1", port=0) as server:
        yield server
