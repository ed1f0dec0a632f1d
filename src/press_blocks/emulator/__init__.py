"""A stateful local emulator of the Press blocks API, driven by the project's OpenAPI document.

Three ways to run it: in-process through httpx transports (:meth:`Emulator.transport`,
:meth:`Emulator.async_transport`), over loopback (:meth:`Emulator.serve`, or
``press-blocks emulator``), and as pytest fixtures (``press_emulator``,
``press_emulator_server``). Needs the ``emulator`` extra: ``pip install 'press-blocks[emulator]'``.

Names load on first use, so importing this package (as pytest does for the fixtures
plugin) stays cheap; using any of them without the extra raises an ``ImportError`` that
says what to install.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from press_blocks.emulator._cli import cli_main
    from press_blocks.emulator._constants import CONTROL_PREFIX, DEFAULT_MAX_ARTIFACT_BYTES, IN_PROCESS_BASE_URL
    from press_blocks.emulator._emulator import Emulator, InProcessEmulator, RunningEmulator
    from press_blocks.emulator._errors import SeedError
    from press_blocks.emulator._faults import FaultRule, Faults, RequestLog, RequestRecord
    from press_blocks.emulator._lifecycle import Transition
    from press_blocks.emulator._transport import AsyncEmulatorTransport, EmulatorTransport

__all__ = [
    "CONTROL_PREFIX",
    "DEFAULT_MAX_ARTIFACT_BYTES",
    "IN_PROCESS_BASE_URL",
    "AsyncEmulatorTransport",
    "Emulator",
    "EmulatorTransport",
    "FaultRule",
    "Faults",
    "InProcessEmulator",
    "RequestLog",
    "RequestRecord",
    "RunningEmulator",
    "SeedError",
    "Transition",
    "cli_main",
]

_HOMES = {
    "CONTROL_PREFIX": "_constants",
    "cli_main": "_cli",
    "DEFAULT_MAX_ARTIFACT_BYTES": "_constants",
    "IN_PROCESS_BASE_URL": "_constants",
    "Emulator": "_emulator",
    "InProcessEmulator": "_emulator",
    "RunningEmulator": "_emulator",
    "SeedError": "_errors",
    "FaultRule": "_faults",
    "Faults": "_faults",
    "RequestLog": "_faults",
    "RequestRecord": "_faults",
    "Transition": "_lifecycle",
    "AsyncEmulatorTransport": "_transport",
    "EmulatorTransport": "_transport",
}
_EXTRA = ("starlette", "uvicorn", "openapi_schema_validator")


def _check_extra() -> None:
    missing = [name for name in _EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise ImportError(
            f"press_blocks.emulator needs the 'emulator' extra (missing: {', '.join(missing)}); "
            "install it with: pip install 'press-blocks[emulator]'"
        )


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _check_extra()
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    if isinstance(value, type):
        # Public classes report the public module, not the private one they live in.
        value.__module__ = __name__
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
