"""``press-blocks emulator``: serving on loopback, the printed instructions, flags, clean stop."""

from __future__ import annotations

import io
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from press_blocks.emulator import cli_main
from tests.emulator._payloads import example

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

URL_LINE = "Press blocks emulator listening on "


class LineReader:
    """Reads a process's output lines in a helper thread, so every wait on them is bounded."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: io.TextIOBase) -> None:
        for line in iter(stream.readline, ""):
            self._queue.put(line)

    def _drain(self, timeout: float) -> None:
        try:
            self.lines.append(self._queue.get(timeout=timeout))
        except queue.Empty:
            return
        while not self._queue.empty():
            self.lines.append(self._queue.get_nowait())

    def wait_for(self, marker: str, timeout: float) -> str:
        """Return the first line containing ``marker``, waiting at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in self.lines if marker in line), None)
            if found is not None and "Ctrl-C" in "".join(self.lines):
                return found
            self._drain(0.05)
        raise AssertionError(f"{marker!r} not printed within {timeout}s; got {self.lines}")

    def rest(self, timeout: float = 10) -> str:
        """Return everything read, once the stream has ended (bounded)."""
        self._thread.join(timeout)
        self._drain(0)
        return "".join(self.lines)


def test_the_cli_serves_a_fixture_prints_how_to_connect_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    fixture = tmp_path / "press.yaml"
    fixture.write_text(yaml.safe_dump({"specs": [{"spec": example("servicePrivateSpecBody")}]}), encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "press_blocks.emulator",
            "--port",
            "0",
            "--fixture",
            str(fixture),
            "--transition",
            "describes:1->failed",
            "--seed",
            "3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        reader = LineReader(proc.stdout)
        base_url = reader.wait_for(URL_LINE, timeout=30).split(URL_LINE)[1].strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert not base_url.endswith(":0"), "port 0 resolves to the real bound port"
        text = "".join(reader.lines)
        assert f"export PRESS_BASE_URL={base_url}" in text
        assert "export PEAK_AUTH_TOKEN=anything" in text
        assert "Ctrl-C" in text
        with httpx.Client(base_url=base_url, headers={"Authorization": "x"}, timeout=10) as client:
            assert client.get("/v1/blocks/specs/").json()["specCount"] == 1
            assert client.get("/_emulator/transition").json() == {"transition": "describes:1->failed"}
            assert client.get("/_emulator/faults").json()["seed"] == 3
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
        assert "stopped" in reader.rest()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_sigterm_stops_it_too() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "press_blocks.emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        reader = LineReader(proc.stdout)
        reader.wait_for(URL_LINE, timeout=30)
        proc.terminate()
        assert proc.wait(timeout=15) == 0
        assert "stopped" in reader.rest()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_cli_main_in_a_thread_with_a_stop_event(tmp_path: Path) -> None:
    faults = tmp_path / "faults.yaml"
    faults.write_text(yaml.safe_dump({"seed": 9, "rules": [{"kind": "status", "status": 503, "times": 1}]}))
    out = io.StringIO()
    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(
            cli_main(
                ["--port", "0", "--faults", str(faults), "--token", "t1", "--allowed-host", "devbox.internal"],
                stdout=out,
                stop=stop,
            )
        )
    )
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while URL_LINE not in out.getvalue():
            assert time.monotonic() < deadline, out.getvalue()
            assert thread.is_alive(), out.getvalue()
            time.sleep(0.02)
        base_url = out.getvalue().split(URL_LINE)[1].split()[0]
        with httpx.Client(base_url=base_url, timeout=10) as client:
            assert client.get("/v1/blocks/specs/", headers={"Authorization": "t1"}).status_code == 503
            assert client.get("/v1/blocks/specs/", headers={"Authorization": "t1"}).status_code == 200
            assert client.get("/v1/blocks/specs/", headers={"Authorization": "t2"}).status_code == 401
            assert client.get("/_emulator/faults").json()["seed"] == 9
            # --allowed-host adds a name to the loopback ones; any other name is refused.
            port = base_url.rsplit(":", 1)[1]
            assert client.get("/_emulator/health", headers={"Host": f"devbox.internal:{port}"}).status_code == 200
            assert client.get("/_emulator/health", headers={"Host": f"elsewhere.test:{port}"}).status_code == 403
    finally:
        stop.set()
        thread.join(15)
    assert not thread.is_alive()
    assert result == [0]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--transition", "later"], "transition"),
        (["--port", "x"], "port"),
    ],
)
def test_bad_arguments_exit_2(argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(argv)
    assert exited.value.code == 2
    assert fragment in capsys.readouterr().err


@pytest.mark.parametrize(
    "value", ["bogus", "describes:x", "seconds:-1", "describes:1.5", "immediate:3", "immediate->superseded"]
)
def test_a_bad_transition_lists_the_valid_forms(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(["--transition", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"bad transition {value!r}" in err
    for form in ("immediate", "describes:N", "seconds:T", "->OUTCOME", "failed", "warning", "rollback_complete"):
        assert form in err, err


def test_an_unquoted_arrow_cut_by_the_shell_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli_main(["--transition", "describes:2-"])  # what `--transition describes:2->failed` leaves
    assert "quote it, e.g. --transition 'describes:2->failed'" in capsys.readouterr().err


def test_a_bad_fixture_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("specs: {}\n")
    assert cli_main(["--port", "0", "--fixture", str(bad)]) == 2
    assert "must be a list" in capsys.readouterr().err
    assert cli_main(["--port", "0", "--fixture", str(tmp_path / "missing.yaml")]) == 2
