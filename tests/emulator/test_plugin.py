"""The pytest plugin: its fixtures, the marker, a light import, and the message when the extra is missing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml

from press_blocks.emulator import InProcessEmulator, RunningEmulator, Transition
from tests.emulator._payloads import AUTH, example

pytestmark = pytest.mark.timeout(60)


def test_press_emulator_gives_fresh_in_process_state(press_emulator: InProcessEmulator) -> None:
    assert press_emulator.base_url.startswith("http://")
    with httpx.Client(transport=press_emulator.transport, base_url=press_emulator.base_url, headers=AUTH) as client:
        assert client.get("/v1/blocks/specs/").json()["specCount"] == 0
        press_emulator.seed({"specs": [{"spec": example("servicePrivateSpecBody")}]})
        assert client.get("/v1/blocks/specs/").json()["specCount"] == 1
        press_emulator.reset()
        assert client.get("/v1/blocks/specs/").json()["specCount"] == 0
    assert press_emulator.requests.count() == 1, "reset cleared the log; only the last request is in it"


@pytest.mark.press_emulator(transition="describes:3", user="someone@peak.ai")
def test_the_marker_configures_the_emulator(press_emulator: InProcessEmulator) -> None:
    assert press_emulator.emulator.transition == Transition.after_describes(3)
    assert press_emulator.emulator.user == "someone@peak.ai"


@pytest.mark.press_emulator(transition="describes:1->rollback_failed")
def test_the_marker_takes_a_transition_with_an_outcome(press_emulator: InProcessEmulator) -> None:
    assert press_emulator.emulator.transition == Transition.after_describes(1, outcome="rollback_failed")


@pytest.mark.e2e
def test_press_emulator_server_serves_on_loopback(press_emulator_server: RunningEmulator) -> None:
    assert press_emulator_server.base_url == f"http://127.0.0.1:{press_emulator_server.port}"
    response = httpx.get(press_emulator_server.base_url + "/v1/blocks/specs/", headers=AUTH, timeout=10)
    assert response.status_code == 200
    assert press_emulator_server.requests.count(operation_id="listSpecs") == 1


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_the_plugin_module_imports_nothing_heavy() -> None:
    proc = run_python(
        "import sys, json; import press_blocks.emulator.pytest_plugin; "
        "heavy = ('starlette', 'uvicorn', 'openapi_core', 'openapi_schema_validator', 'jsonschema', 'httpx', 'anyio'); "
        "print(json.dumps(sorted(m for m in heavy "
        "if m in sys.modules)))"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_the_plugin_is_registered_through_the_entry_point() -> None:
    from importlib.metadata import entry_points

    names = {ep.value for ep in entry_points(group="pytest11")}
    assert "press_blocks.emulator.pytest_plugin" in names


def test_without_the_extra_the_import_error_says_what_to_install() -> None:
    proc = run_python(
        "import sys\n"
        "for name in ('starlette', 'uvicorn', 'openapi_schema_validator'):\n"
        "    sys.modules[name] = None\n"
        "try:\n"
        "    from press_blocks.emulator import Emulator\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
        "else:\n"
        "    print('imported')\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert "pip install 'press-blocks[emulator]'" in proc.stdout
    assert "starlette" in proc.stdout


def test_the_public_names() -> None:
    import press_blocks.emulator as emulator

    for name in emulator.__all__:
        value = getattr(emulator, name)
        if isinstance(value, type):
            assert value.__module__ == "press_blocks.emulator", name
    assert sorted(emulator.__all__, key=str.lower) == sorted(emulator.__all__, key=str.lower)
    with pytest.raises(AttributeError):
        emulator.NotAThing  # noqa: B018


def test_a_marker_fixture_path_is_found_next_to_the_test_not_in_the_working_directory(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "tests" / "data").mkdir(parents=True)
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    spec = {"specs": [{"spec": example("servicePrivateSpecBody")}]}
    (project / "tests" / "beside.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    (project / "tests" / "data" / "rooted.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    (project / "tests" / "test_user.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.press_emulator(fixture='beside.yaml')\n"
        "def test_beside(press_emulator):\n"
        "    assert press_emulator.emulator.store.counts()['specs'] == 1\n\n"
        "@pytest.mark.press_emulator(fixture='tests/data/rooted.yaml')\n"
        "def test_rooted(press_emulator):\n"
        "    assert press_emulator.emulator.store.counts()['specs'] == 1\n\n"
        "@pytest.mark.press_emulator(fixture='nowhere.yaml')\n"
        "def test_missing(press_emulator):\n"
        "    pass\n",
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(project / "tests" / "test_user.py")],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "2 passed" in proc.stdout, proc.stdout + proc.stderr
    assert "1 error" in proc.stdout, proc.stdout
    assert "fixture='nowhere.yaml'" in proc.stdout
    assert str(project / "tests" / "nowhere.yaml") in proc.stdout, "the message says where it looked"
