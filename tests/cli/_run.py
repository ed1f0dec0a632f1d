"""Running ``press-blocks`` as a subprocess against one emulator server per test module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from press_blocks.emulator import Emulator, RunningEmulator

TOKEN = "cli-test-token-5f1e9a"


@dataclass
class Result:
    """What one ``press-blocks`` run printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """Runs ``press-blocks`` in a subprocess with the emulator's base URL and token in its environment."""

    def __init__(self, server: RunningEmulator, cwd: Path) -> None:
        self.server = server
        self.cwd = cwd

    def env(self, **overrides: str | None) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PEAK_AUTH_TOKEN", "API_KEY", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID", "STAGE")
            and not key.startswith("PEAK__")
        }
        env.update({"PRESS_BASE_URL": self.server.base_url, "PEAK_AUTH_TOKEN": TOKEN, "PAGER": "cat"})
        for key, value in overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def __call__(self, *args: str, env: Mapping[str, str | None] | None = None, cwd: Path | None = None) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "press_blocks.cli", *args],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=cwd or self.cwd,
            env=self.env(**(env or {})),
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str, **kwargs: Any) -> Result:
        result = self(*args, **kwargs)
        assert result.code == 0, f"press-blocks {' '.join(args)} exited {result.code}: {result.err}"
        return result


@pytest.fixture(scope="module")
def emulator_server() -> Iterator[RunningEmulator]:
    emulator = Emulator(tokens=[TOKEN])
    with emulator.serve(host="127.0.0.1", port=0) as server:
        yield server


@pytest.fixture
def cli(emulator_server: RunningEmulator, tmp_path: Path) -> Cli:
    emulator_server.reset()
    emulator_server.set_transition("immediate")
    return Cli(emulator_server, tmp_path)
