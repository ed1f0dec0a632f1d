"""Each operation is declared once, in the document: the generated table, the completeness check, the answer shapes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from press_blocks_api.api.block_specs import describe_spec
from press_blocks_api.operations import OPERATIONS

from press_blocks import Session, _calls
from press_blocks.errors import ResponseDecodeError
from tests.contract._document import DOCUMENT_PATH, load_document
from tests.contract._document import operations as document_operations

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import check_operations  # noqa: E402

LOGS = {
    "get": {
        "operationId": "exampleOperationOfTheCheck",
        "tags": ["Block Deployments"],
        "summary": "List a revision's logs",
        "description": "The log lines of one revision.",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "responses": {
            "200": {
                "description": "The log lines.",
                "content": {"application/json": {"schema": {"type": "array", "items": {"type": "string"}}}},
            }
        },
    }
}


def test_the_table_has_every_operation_of_the_document() -> None:
    ids = {op["operationId"] for _, _, op in document_operations(load_document())}
    assert {operation.operation_id for operation in OPERATIONS.values()} == ids


def test_every_operation_of_the_document_is_complete() -> None:
    assert check_operations.missing() == []


def test_the_script_exits_0_when_complete() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "check-operations")], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "complete" in result.stdout


def test_a_new_operation_gets_every_missing_place_listed_in_one_run(tmp_path: Path) -> None:
    document: dict[str, Any] = yaml.safe_load(DOCUMENT_PATH.read_text(encoding="utf-8"))
    document["paths"]["/v1/blocks/deployments/{deploymentId}/revisions/{revision}/example-of-the-check"] = LOGS
    path = tmp_path / "press-blocks.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    lines = check_operations.missing(path)
    assert all(line.startswith("exampleOperationOfTheCheck: no ") for line in lines), lines
    places = " | ".join(lines)
    for place in [
        "generated endpoint module",
        "builder example_operation_of_the_check_call",
        "method example_operation_of_the_check",
        "emulator handler",
        "wire row",
        "argument cases for example_operation_of_the_check (BLOCK_INVALID and ID_CALLS in tests/unit/_cases.py)",
    ]:
        assert place in places, (place, lines)
    assert "command" not in places  # a GET without a body gets a command derived from the document
    assert len(lines) == 6


def test_an_operation_with_a_body_needs_a_written_command(tmp_path: Path) -> None:
    document: dict[str, Any] = yaml.safe_load(DOCUMENT_PATH.read_text(encoding="utf-8"))
    post = {**LOGS["get"], "operationId": "exampleBodyOfTheCheck", "requestBody": {"content": {"application/json": {}}}}
    document["paths"]["/v1/blocks/deployments/{deploymentId}/example-body-of-the-check"] = {"post": post}
    path = tmp_path / "press-blocks.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    lines = check_operations.missing(path)
    assert any("no command calling example_body_of_the_check" in line for line in lines)
    assert any(
        "BLOCK_INVALID and ID_CALLS and POST_CALLS and BODY_CALLS in tests/unit/_cases.py" in line for line in lines
    )


def test_an_operation_sent_by_another_method_is_checked_against_that_method() -> None:
    assert OPERATIONS["describe_app_deployment"].client_method == "get_related_block_details"
    assert OPERATIONS["describe_spec"].client_method == "describe_spec"


def test_page_items_come_from_the_document() -> None:
    assert OPERATIONS["list_specs"].answer == "page"
    assert OPERATIONS["list_specs"].items == ("specs",)
    assert OPERATIONS["list_deployment_revisions"].items == ("revisions", "deployments")
    assert OPERATIONS["describe_spec"].answer == "object"


class TestAnswerShapes:
    """The shape a 2xx must have is the document's, for the methods and for ``Session.call`` alike."""

    def _session(self, body: object) -> Session:
        client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body)))
        return Session("t", base_url="https://press.example.test", http_client=client)

    def test_an_object_operation_refuses_an_array(self) -> None:
        with pytest.raises(ResponseDecodeError, match="not the object describe_spec returns"):
            self._session([1]).call(describe_spec, spec_id="s")

    def test_an_array_operation_takes_an_array_and_refuses_an_object(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(_calls.ANSWERS, describe_spec.__name__, "array")  # type: ignore[attr-defined]
        assert self._session(["a", "b"]).call(describe_spec, spec_id="s") == ["a", "b"]
        with pytest.raises(ResponseDecodeError, match="is a JSON object, not the array describe_spec returns"):
            self._session({"id": "s"}).call(describe_spec, spec_id="s")


class TestDerivedCommands:
    """An operation without a request body and without a written command gets one, from the document."""

    def _run(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
        from press_blocks._cli import _commands
        from press_blocks._cli._main import main

        written = _commands.commanded_methods()
        monkeypatch.setattr(
            _commands, "commanded_methods", lambda: written - {"describe_deployment", "list_deployments"}
        )
        monkeypatch.setenv("PEAK_AUTH_TOKEN", "t")
        assert main(list(argv)) == 0
        return capsys.readouterr().out

    def test_a_path_parameter_is_a_required_option(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = self._run(monkeypatch, capsys, "deployments", "describe-deployment", "--deployment-id", "d1", "--dry-run")
        assert "GET" in out
        assert "/v1/blocks/deployments/d1" in out

    def test_query_parameters_are_options_of_their_type(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = self._run(
            monkeypatch,
            capsys,
            *("deployments", "list-deployments", "--status", "deployed", "--status", "failed"),
            *("--page-size", "2", "--dry-run"),
        )
        assert "status=deployed&status=failed" in out
        assert "pageSize=2" in out

    def test_written_commands_are_not_derived_again(self) -> None:
        from press_blocks._cli._parser import build_parser

        help_text = build_parser()._subparsers._group_actions[0].choices["deployments"].format_help()  # type: ignore[union-attr]
        assert "describe-deployment" not in help_text
        assert "describe " in help_text


def test_the_command_lines_wait_default_is_a_constant() -> None:
    from press_blocks import _constants
    from press_blocks._cli._parser import build_parser

    deployments = build_parser()._subparsers._group_actions[0].choices["deployments"]  # type: ignore[union-attr]
    create = deployments._subparsers._group_actions[0].choices["create"]  # type: ignore[union-attr]
    assert create.get_default("wait_timeout") == _constants.CLI_WAIT_TIMEOUT == 900
    assert _constants.WAIT_TIMEOUT == 600
