"""Running ``press-blocks`` as a subprocess against ``press-blocks emulator``, one server per test module."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

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

    def __init__(self, server: EmulatorProcess, cwd: Path) -> None:
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


class Requests:
    """The emulator's request log, read over its control endpoint."""

    def __init__(self, control: httpx.Client) -> None:
        self.control = control

    def records(self) -> list[SimpleNamespace]:
        answer = self.control.get("/_emulator/requests").raise_for_status().json()
        return [
            SimpleNamespace(
                method=r["method"],
                path=r["path"],
                query=[tuple(pair) for pair in r["query"]],
                operation_id=r["operationId"],
                body_size=r["bodySize"],
                status=r["status"],
            )
            for r in answer["requests"]
        ]

    def clear(self) -> None:
        self.control.delete("/_emulator/requests").raise_for_status()


class EmulatorProcess:
    """``press-blocks emulator`` in a subprocess on a free loopback port, driven by its control endpoints."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "press_blocks.cli", "emulator", "--port", "0", "--token", TOKEN],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.base_url = self._wait_for_url(timeout=60)
        self.control = httpx.Client(base_url=self.base_url, timeout=30)
        self.requests = Requests(self.control)

    def _wait_for_url(self, timeout: float) -> str:
        lines: queue.Queue[str] = queue.Queue()
        assert self.proc.stdout is not None
        stdout = self.proc.stdout
        threading.Thread(target=lambda: [lines.put(line) for line in iter(stdout.readline, "")], daemon=True).start()
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            seen.append(line)
            if _LISTENING in line:
                return line.split(_LISTENING, 1)[1].strip()
        self.stop()
        raise AssertionError(f"press-blocks emulator did not start within {timeout}s: {''.join(seen)}")

    def reset(self) -> None:
        self.control.post("/_emulator/reset").raise_for_status()

    def set_transition(self, transition: str) -> None:
        self.control.put("/_emulator/transition", json={"transition": transition}).raise_for_status()

    def seed(self, fixture: Mapping[str, Any]) -> dict[str, list[str]]:
        answer = self.control.post("/_emulator/seed", json=fixture)
        assert answer.status_code == 200, f"seeding failed: {answer.text}"
        seeded: dict[str, list[str]] = answer.json()
        return seeded

    def add_app_deployment(self, app: Mapping[str, Any], *, children: list[str]) -> str:
        return self.seed({"appDeployments": [{**app, "children": children}]})["appDeployments"][0]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if hasattr(self, "control"):
            self.control.close()


_LISTENING = "Press blocks emulator listening on "


@pytest.fixture(scope="module")
def emulator_server() -> Iterator[EmulatorProcess]:
    server = EmulatorProcess()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cli(emulator_server: EmulatorProcess, tmp_path: Path) -> Cli:
    emulator_server.reset()
    emulator_server.set_transition("immediate")
    return Cli(emulator_server, tmp_path)
