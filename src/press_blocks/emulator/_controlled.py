"""What the control endpoints and the inspector need of the emulator they act on.

A :class:`typing.Protocol`, so neither imports the :class:`~press_blocks.emulator.Emulator`
that builds them (which would close an import circle).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from press_blocks.emulator._contract import Contract
from press_blocks.emulator._faults import Faults, RequestLog
from press_blocks.emulator._lifecycle import Transition
from press_blocks.emulator._settings import Settings
from press_blocks.emulator._state import Store

__all__ = ["Controlled"]


class Controlled(Protocol):
    """The emulator as its control endpoints see it."""

    @property
    def contract(self) -> Contract: ...
    @property
    def store(self) -> Store: ...
    @property
    def faults(self) -> Faults: ...
    @property
    def requests(self) -> RequestLog: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def transition(self) -> Transition: ...

    def reset(self) -> None: ...
    def seed(self, fixture: Mapping[str, Any]) -> dict[str, list[str]]: ...
    def set_transition(self, transition: Transition | str) -> None: ...
