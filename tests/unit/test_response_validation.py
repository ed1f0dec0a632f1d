"""On-demand response validation: off by default and never loaded then; warns or raises on each drift."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import httpx
import pytest

from press_blocks import Block, ContractDriftError, ContractDriftWarning, Session
from press_blocks.emulator import Emulator
from press_blocks.errors import InvalidArgumentError
from tests._drift import DRIFTS, HIDDEN, DriftedApp

TOKEN = "tok-drift-check-secret"
SPEC = {
    "version": "1",
    "kind": "service",
    "metadata": {"name": "svc", "summary": "A service."},
    "release": {"version": "1.0.0"},
    "config": {"serviceType": "api", "imageDetails": {"id": 1, "versionId": 1}},
}


@pytest.fixture
def spec_emulator() -> tuple[Emulator, str]:
    emulator = Emulator()
    with httpx.Client(transport=emulator.transport(), base_url=emulator.base_url) as client:
        files = {"spec": (None, json.dumps(SPEC))}
        answer = client.post("/v1/blocks/specs/", files=files, headers={"Authorization": "t"})
    return emulator, str(answer.json()["id"])


def block(emulator: Emulator, *, drifted: bool, mode: str | None) -> Block:
    app = DriftedApp(emulator.app) if drifted else emulator.app
    from press_blocks.emulator import EmulatorTransport

    client = httpx.Client(transport=EmulatorTransport(app))
    return Block(Session(TOKEN, base_url=emulator.base_url, http_client=client, validate_responses=mode))


def test_warn_names_each_of_the_four_drifts_with_its_path(spec_emulator: tuple[Emulator, str]) -> None:
    emulator, spec_id = spec_emulator
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = block(emulator, drifted=True, mode="warn").describe_spec(spec_id)
    assert result["scope"] == "galactic"  # the answer is still returned
    [warning] = [w.message for w in caught if isinstance(w.message, ContractDriftWarning)]
    assert warning.operation == "describeSpec"
    assert {(d.path, d.kind) for d in warning.differences} == {(f"$.{path}", kind) for path, kind in DRIFTS}
    text = str(warning)
    for named in ("describeSpec", "$.surprise", "$.featured", "$.kind", "$.scope"):
        assert named in text
    for secret in (HIDDEN, TOKEN):
        assert secret not in text
    assert all(HIDDEN not in d.sample for d in warning.differences)


def test_warn_names_the_list_item_paths(spec_emulator: tuple[Emulator, str]) -> None:
    emulator, _ = spec_emulator
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        block(emulator, drifted=True, mode="warn").list_specs(return_iterator=False)
    [warning] = [w.message for w in caught if isinstance(w.message, ContractDriftWarning)]
    assert warning.operation == "listSpecs"
    assert {d.path for d in warning.differences} == {f"$.specs[0].{path}" for path, _ in DRIFTS}


def test_raise_raises_a_typed_error(spec_emulator: tuple[Emulator, str]) -> None:
    emulator, spec_id = spec_emulator
    with pytest.raises(ContractDriftError) as caught:
        block(emulator, drifted=True, mode="raise").describe_spec(spec_id)
    assert caught.value.operation == "describeSpec"
    assert len(caught.value.differences) == 4
    assert TOKEN not in str(caught.value)


def test_the_clean_emulator_matches_strictly(spec_emulator: tuple[Emulator, str]) -> None:
    emulator, spec_id = spec_emulator
    client = block(emulator, drifted=False, mode="raise")
    client.describe_spec(spec_id)
    client.list_specs(return_iterator=False)


def test_off_by_default_warns_nothing(spec_emulator: tuple[Emulator, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESS_BLOCKS_VALIDATE_RESPONSES", raising=False)
    emulator, spec_id = spec_emulator
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        block(emulator, drifted=True, mode=None).describe_spec(spec_id)


def test_the_environment_variable_turns_it_on(
    spec_emulator: tuple[Emulator, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRESS_BLOCKS_VALIDATE_RESPONSES", "raise")
    emulator, spec_id = spec_emulator
    with pytest.raises(ContractDriftError):
        block(emulator, drifted=True, mode=None).describe_spec(spec_id)


def test_an_unknown_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidArgumentError, match="validate_responses must be one of 'off', 'warn', 'raise'"):
        Session(TOKEN, validate_responses="loud")
    monkeypatch.setenv("PRESS_BLOCKS_VALIDATE_RESPONSES", "sometimes")
    with pytest.raises(InvalidArgumentError, match="PRESS_BLOCKS_VALIDATE_RESPONSES"):
        Session(TOKEN)


def test_nothing_is_imported_when_off() -> None:
    code = (
        "import sys, press_blocks\n"
        "s = press_blocks.Session('t', base_url='http://127.0.0.1:9')\n"
        "s.sender()\n"
        "print(sorted(m for m in ('jsonschema', 'press_blocks._response_validation', "
        "'press_blocks._contract_validation') if m in sys.modules))\n"
    )
    env = {"PATH": "", "PYTHONPATH": ":".join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=60)
    assert out.stdout.strip() == "[]"


def test_without_the_extra_the_error_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['openapi_schema_validator'] = None\n"
        "import press_blocks\n"
        "try:\n"
        "    press_blocks.Session('t', base_url='http://127.0.0.1:9', validate_responses='warn').sender()\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    env = {"PATH": "", "PYTHONPATH": ":".join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=60)
    assert "pip install 'press-blocks[contract]'" in out.stdout


def test_a_refused_value_that_itself_says_got_is_not_quoted_in_the_message(
    spec_emulator: tuple[Emulator, str],
) -> None:
    from press_blocks._contract_validation import compiled_contract

    emulator, spec_id = spec_emulator
    with httpx.Client(transport=emulator.transport(), base_url=emulator.base_url) as client:
        data = client.get(f"/v1/blocks/specs/{spec_id}", headers={"Authorization": "t"}).json()
    # A format failure has no "expected …, got …" line of its own: the value is all jsonschema quotes.
    data["metadata"]["createdAt"] = f"{HIDDEN}, got it"
    [difference] = compiled_contract(strict=True).response_differences(
        "describeSpec", 200, "application/json", data=data
    )
    assert difference.path == "$.metadata.createdAt"
    assert HIDDEN not in difference.message
    assert difference.sample in difference.message
