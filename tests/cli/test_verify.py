"""``press-blocks verify``: GET only; exit 0 on the clean emulator, 9 naming each difference on a drifted one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from press_blocks.emulator import Emulator
from tests._drift import DRIFTS, HIDDEN, drifted_server
from tests.emulator._payloads import create_deployment, create_spec, form, post_form, spec_body, zip_bytes

TOKEN = "verify-test-token-91c2d4"
ROOT = Path(__file__).resolve().parents[2]


def verify(base_url: str, *args: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PEAK_AUTH_TOKEN", "API_KEY", "STAGE")}
    env.update(PRESS_BASE_URL=base_url, PEAK_AUTH_TOKEN=token)
    return subprocess.run(
        [sys.executable, "-m", "press_blocks.cli", "verify", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def seeded() -> Emulator:
    """Two specs (one with a second release) and a deployment."""
    emulator = Emulator()
    with httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": TOKEN}
    ) as client:
        first = create_spec(client)
        create_spec(client)
        answer = post_form(
            client,
            f"/v1/blocks/specs/{first}/releases",
            form({"release": {"version": "2.0.0"}, "config": spec_body()["config"]}),
            artifact=zip_bytes(),
        )
        assert answer.status_code == 201, answer.text
        create_deployment(client, first)
    return emulator


@pytest.fixture
def emulator(seeded: Emulator) -> Emulator:
    seeded.requests.clear()
    return seeded


def test_the_clean_emulator_verifies_with_exit_0(emulator: Emulator) -> None:
    with emulator.serve() as server:
        result = verify(server.base_url, "-o", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["drift"] is False
    calls = {op["operation"]: op["calls"] for op in report["operations"]}
    assert calls == {
        "listSpecs": 1,
        "describeSpec": 2,
        "listSpecReleases": 2,
        "describeSpecRelease": 3,
        "listDeployments": 1,
        "describeDeployment": 1,
        "listDeploymentRevisions": 1,
        "describeDeploymentRevision": 1,
    }
    assert all(op["matched"] == op["calls"] for op in report["operations"])
    methods = {record.method for record in emulator.requests}
    assert methods == {"GET"}
    assert len(emulator.requests) == sum(calls.values())


def test_a_drifted_service_is_reported_with_each_operation_and_path(emulator: Emulator) -> None:
    with drifted_server(emulator) as base_url:
        result = verify(base_url, "-o", "json")
        text = verify(base_url)
    assert result.returncode == 9, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["drift"] is True
    found = {(op["operation"], d["path"], d["kind"]) for op in report["operations"] for d in op["differences"]}
    for path, kind in DRIFTS:
        assert ("describeSpec", f"$.{path}", kind) in found
        assert ("listSpecs", f"$.specs[*].{path}", kind) in found
    assert {op for op, _, _ in found} == {"describeSpec", "listSpecs"}
    assert {record.method for record in emulator.requests} == {"GET"}
    # The people's report names the same, and neither shows the token nor the hidden value.
    assert text.returncode == 9
    for path, kind in DRIFTS:
        assert f"$.{path}  {kind}" in text.stdout
    for output in (result.stdout, result.stderr, text.stdout, text.stderr):
        assert TOKEN not in output
        assert HIDDEN not in output


def test_the_allow_list_marks_deliberate_differences(emulator: Emulator, tmp_path: Path) -> None:
    allow = tmp_path / "allow.yaml"
    allow.write_text(
        "allow:\n"
        + "".join(
            f"  - {{operation: '*Spec*', path: '*{path}', kind: {kind}, reason: known}}\n" for path, kind in DRIFTS
        ),
        encoding="utf-8",
    )
    with drifted_server(emulator) as base_url:
        result = verify(base_url, "--allow", str(allow), "-o", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    allowed = {op["operation"]: op["allowed"] for op in report["operations"] if op["allowed"]}
    assert allowed == {"listSpecs": 1, "describeSpec": 2}


def test_a_bad_allow_list_is_a_usage_error(emulator: Emulator, tmp_path: Path) -> None:
    allow = tmp_path / "allow.yaml"
    allow.write_text("allow:\n  - {path: '$.x', reason: r, colour: blue}\n", encoding="utf-8")
    with emulator.serve() as server:
        result = verify(server.base_url, "--allow", str(allow))
    assert result.returncode == 2
    assert "unknown keys: colour" in result.stderr


def test_limit_bounds_what_is_read(emulator: Emulator) -> None:
    with emulator.serve() as server:
        result = verify(server.base_url, "--limit", "1", "-o", "json")
    assert result.returncode == 0, result.stderr
    calls = {op["operation"]: op["calls"] for op in json.loads(result.stdout)["operations"]}
    assert calls["describeSpec"] == 1
    assert calls["listSpecs"] == 1
    assert all(record.method == "GET" for record in emulator.requests)
    listed = [r for r in emulator.requests if r.operation_id == "listSpecs"]
    assert [dict(r.query).get("pageSize") for r in listed] == ["1"]


def test_a_refused_token_exits_3_without_showing_it() -> None:
    emulator = Emulator(tokens=["another-token"])
    with emulator.serve() as server:
        result = verify(server.base_url)
    assert result.returncode == 3
    assert "401" in result.stderr
    assert TOKEN not in result.stderr + result.stdout


def test_no_server_exits_7() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = verify(f"http://127.0.0.1:{port}")
    assert result.returncode == 7, result.stderr


def test_an_answer_nested_too_deeply_to_decode_is_a_difference_not_a_crash() -> None:
    from press_blocks._cli._verify import Verifier

    nested = b"[" * 100_000 + b"]" * 100_000

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=nested, headers={"content-type": "application/json"})

    with httpx.Client(transport=httpx.MockTransport(answer), base_url="http://127.0.0.1:9") as client:
        report = Verifier(client, limit=3, page_size=3).run()
    assert list(report.operations) == ["listSpecs", "listDeployments"]
    assert [(f.path, f.kind) for f in report.operations["listSpecs"].findings.values()] == [("$", "not-json")]
