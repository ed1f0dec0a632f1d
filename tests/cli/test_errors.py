"""Each kind of failure: one line on stderr, its documented exit code, no traceback, never the token."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from press_blocks._cli._samples import sample_file
from tests.cli._run import TOKEN, Cli, Result

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]


def one_line(result: Result, code: int) -> str:
    assert result.code == code, f"exit {result.code}, wanted {code}: {result.err}"
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("press-blocks: ")
    return lines[0]


def spec_file(cli: Cli, name: str = "spec.yaml") -> Path:
    path = cli.cwd / name
    path.write_text(sample_file("specs create"), encoding="utf-8")
    return path


def test_usage_errors_exit_2(cli: Cli) -> None:
    line = one_line(cli("specs", "list", "--page-size", "many"), 2)
    assert line == (
        "press-blocks: specs list: argument --page-size: invalid int value: 'many' "
        "(see 'press-blocks specs list --help')"
    )
    line = one_line(cli("specs", "create", "missing.yaml"), 2)
    assert line == "press-blocks: no such file: missing.yaml"
    (cli.cwd / "bad.yaml").write_text("body: {{ missing_value }}\n", encoding="utf-8")
    line = one_line(cli("specs", "create", "bad.yaml"), 2)
    assert "bad.yaml:1: undefined variable: 'missing_value' is undefined" in line
    (cli.cwd / "extra.yaml").write_text("body: {}\nartifacts: {path: .}\n", encoding="utf-8")
    line = one_line(cli("specs", "create", "extra.yaml"), 2)
    assert "unknown top-level key 'artifacts'" in line
    assert "body, artifact, parameters, featured, scope, tenants, autoRunOnDeploy" in line
    (cli.cwd / "art.yaml").write_text("body: {kind: workflow}\nartifact: {path: no-such-dir}\n", encoding="utf-8")
    assert "ArtifactPathError" in one_line(cli("specs", "create", "art.yaml"), 2)
    assert cli.server.requests.records() == []


def test_no_token_and_a_wrong_token_exit_3_without_printing_it(cli: Cli) -> None:
    line = one_line(cli("specs", "list", env={"PEAK_AUTH_TOKEN": None}), 3)
    assert "MissingCredentialsError" in line
    wrong = "wrong-token-0a1b2c3d"
    result = cli("specs", "describe", "some-id", env={"PEAK_AUTH_TOKEN": wrong})
    line = one_line(result, 3)
    assert line.startswith("press-blocks: UnauthorizedException: 401 Unauthorized")
    assert wrong not in result.err + result.out
    debug = cli("specs", "describe", "some-id", "--debug", env={"PEAK_AUTH_TOKEN": wrong})
    assert debug.code == 3
    assert "Traceback" in debug.err
    assert wrong not in debug.err + debug.out


def test_not_found_exits_4_with_status_and_request_id(cli: Cli) -> None:
    line = one_line(cli("deployments", "describe", "no-such-deployment"), 4)
    assert "NotFoundException: 404 Not Found" in line
    assert re.search(r"\(GET /v1/blocks/deployments/no-such-deployment, request [0-9a-f-]{36}\)$", line), line
    assert TOKEN not in line


def test_conflict_exits_5(cli: Cli) -> None:
    spec_file(cli)
    cli.ok("specs", "create", "spec.yaml")
    assert "ConflictException: 409 Conflict" in one_line(cli("specs", "create", "spec.yaml"), 5)


def test_other_api_errors_exit_6(cli: Cli) -> None:
    # A body the API refuses (no config): the service answers 400.
    (cli.cwd / "thin.yaml").write_text(
        "body: {version: '1', kind: workflow, metadata: {name: thin, summary: s}, release: {version: 1.0.0}}\n",
        encoding="utf-8",
    )
    assert "BadRequestException: 400 Bad Request" in one_line(cli("specs", "create", "thin.yaml"), 6)


def test_connection_errors_exit_7(cli: Cli) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    line = one_line(cli("specs", "list", env={"PRESS_BASE_URL": f"http://127.0.0.1:{port}"}), 7)
    assert "APIConnectionError" in line


def test_wait_failures_exit_8(cli: Cli) -> None:
    spec_file(cli)
    spec_id = cli.ok("specs", "create", "spec.yaml").json()["id"]
    deployment = cli.cwd / "deployment.yaml"
    deployment.write_text(
        sample_file("deployments create").replace("0bddb4c6-40c5-45c3-b477-fceb2c051609", spec_id),
        encoding="utf-8",
    )
    cli.server.set_transition("seconds:600")
    result = cli("deployments", "create", "deployment.yaml", "--wait", "--wait-timeout", "1")
    line = one_line(result, 8)
    deployment_id = result.json()["id"]  # the answer is printed before waiting
    assert line == f"press-blocks: deployment {deployment_id} is still deploying after 1s (--wait-timeout)"
