"""``--dry-run`` on every command that sends something, and ``--generate``'s samples through it.

A dry run is the library's: it needs no token, opens no connection (the base URL is a port
nothing listens on, so any attempt would exit 7), and the emulator's request log stays empty.
Most runs are in-process (``main(argv)``), for speed; one runs the real ``press-blocks`` process.
"""

from __future__ import annotations

import argparse
import json
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from press_blocks._cli._commands import DRY_RUN_TOKEN
from press_blocks._cli._main import main
from press_blocks._cli._parser import build_parser
from tests.cli._run import TOKEN, Cli

pytestmark = [pytest.mark.timeout(120)]

IDS = {"SPEC_ID": "spec-1", "DEPLOYMENT_ID": "dep-1"}


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def commands_with(option: str) -> dict[str, argparse.ArgumentParser]:
    """Every written ``specs``/``deployments`` command of the real parser that has ``option``.

    Commands derived from the document (a body-less operation without a written command) are
    tested in tests/unit/test_operations.py.
    """
    found = {}
    for group in ("specs", "deployments"):
        for name, parser in _subcommands(_subcommands(build_parser())[group]).items():
            if option in parser._option_string_actions and parser.get_default("operation") is None:
                found[f"{group} {name}"] = parser
    return found


DRY_RUN_COMMANDS = commands_with("--dry-run")
GENERATE_COMMANDS = commands_with("--generate")


def test_every_command_that_sends_something_has_dry_run() -> None:
    assert sorted(DRY_RUN_COMMANDS) == [
        "deployments create",
        "deployments create-revision",
        "deployments delete",
        "deployments patch-parameters",
        "deployments redeploy",
        "deployments update-metadata",
        "specs create",
        "specs create-release",
        "specs delete",
        "specs update-metadata",
        "specs validate",
    ]
    assert set(GENERATE_COMMANDS) <= set(DRY_RUN_COMMANDS)


@pytest.fixture
def unused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def no_token(monkeypatch: pytest.MonkeyPatch, unused_url: str, tmp_path: Path) -> str:
    for name in ("PEAK_AUTH_TOKEN", "API_KEY", "STAGE", "PEAK__STAGE", "PRESS_DEPLOYMENT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PRESS_BASE_URL", unused_url)
    monkeypatch.chdir(tmp_path)
    return unused_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def generated(capsys: pytest.CaptureFixture[str], command: str) -> tuple[Path, dict[str, Any]]:
    code, out, _ = run(capsys, *command.split(), "--generate")
    assert code == 0
    path = Path(command.replace(" ", "-") + ".yaml")
    path.write_text(out, encoding="utf-8")
    return path, yaml.safe_load(out)


def argv_for(capsys: pytest.CaptureFixture[str], command: str) -> list[str]:
    """The command with its positionals: ids, and as FILE its --generate sample (``specs create``'s for validate)."""
    argv = command.split()
    for action in DRY_RUN_COMMANDS[command]._actions:
        if not action.option_strings and action.metavar in IDS:
            argv.append(IDS[str(action.metavar)])
        elif not action.option_strings and action.metavar == "FILE":
            argv.append(str(generated(capsys, command if command in GENERATE_COMMANDS else "specs create")[0]))
    return argv


@pytest.mark.parametrize("command", sorted(DRY_RUN_COMMANDS))
def test_dry_run_needs_no_token_opens_no_connection_and_prints_the_request(
    command: str, no_token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = argv_for(capsys, command)
    code, out, err = run(capsys, *argv, "--dry-run")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Dry run of ")
    assert lines[0].endswith(": nothing was sent.")
    method, url = lines[1].split(" ", 1)
    assert method in ("POST", "PATCH", "DELETE")
    assert url.startswith(no_token + "/v1/")
    assert "Authorization: ***" in lines
    assert DRY_RUN_TOKEN not in out + err
    assert err == (
        "press-blocks: no API token is set (PEAK_AUTH_TOKEN or API_KEY): enough for --dry-run, "
        "which sends nothing; a real run needs one\n"
    )

    code, out, err = run(capsys, *argv, "--dry-run", "-o", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["dryRun"], data["method"], data["url"]) == (True, method, url)
    assert data["headers"]["Authorization"] == "***"
    code, out, _ = run(capsys, *argv, "--dry-run", "-o", "yaml")
    assert code == 0
    from_yaml = yaml.safe_load(out)
    for each in (data, from_yaml):
        each["headers"].pop("x-peak-requestId")  # new for every request
        each["headers"].pop("Content-Type", None)  # a multipart boundary is too
    assert from_yaml == data


@pytest.mark.parametrize("command", sorted(GENERATE_COMMANDS))
def test_generate_prints_a_file_that_passes_dry_run_as_printed(
    command: str, no_token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, sample = generated(capsys, command)
    argv = [*command.split(), *(IDS[p] for p in ("SPEC_ID", "DEPLOYMENT_ID") if p in _positionals(command)), str(path)]
    code, out, err = run(capsys, *argv, "--dry-run", "-o", "json")
    assert code == 0, err
    data = json.loads(out)
    if data["parts"]:  # specs create / create-release: multipart, the body in the "spec" part
        parts = {part["name"]: part["value"] for part in data["parts"]}
        assert json.loads(parts["spec"]) == sample["body"]
        assert json.loads(parts["parameters"]) == sample["parameters"]
    else:
        assert data["json"] == sample["body"]


def _positionals(command: str) -> list[str]:
    return [str(a.metavar) for a in DRY_RUN_COMMANDS[command]._actions if not a.option_strings]


def test_dry_run_shows_the_artifact_file_tree(no_token: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = generated(capsys, "specs create")
    build = Path("build")
    (build / "src").mkdir(parents=True)
    (build / "Dockerfile").write_text("FROM python:3.12\n", encoding="utf-8")
    (build / "src" / "main.py").write_text("print('hi')\n", encoding="utf-8")
    (build / ".dockerignore").write_text("*.log\n.dockerignore\n", encoding="utf-8")
    (build / "debug.log").write_text("not sent\n", encoding="utf-8")
    with path.open("a", encoding="utf-8") as file:
        file.write("artifact:\n  path: build\n  ignore_files: [.dockerignore]\n")
    code, out, err = run(capsys, "specs", "create", str(path), "--dry-run", "-o", "json")
    assert code == 0, err
    artifact = json.loads(out)["artifact"]
    assert [(f["path"], f["size"]) for f in artifact["files"]] == [("Dockerfile", 17), ("src/main.py", 12)]
    assert len(artifact["sha256"]) == 64
    code, out, _ = run(capsys, "specs", "create", str(path), "--dry-run")
    assert "  artifact: file artifact.zip (application/zip" in out
    assert "  src/main.py  (12 bytes)" in out.splitlines()
    assert "debug.log" not in out


def test_dry_run_with_wait_says_what_would_follow(no_token: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deployments", "redeploy", "dep-1", "--dry-run", "--wait", "--wait-timeout", "30")
    assert code == 0
    assert out.splitlines()[-1] == (
        "Then: --wait: the deployment is described until its status settles (at most 30s, --wait-timeout)."
    )


def test_without_dry_run_a_missing_token_is_still_an_error(no_token: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "specs", "delete", "spec-1")
    assert (code, out) == (3, "")
    assert err.startswith("press-blocks: MissingCredentialsError: No API token")


@pytest.mark.e2e
def test_the_press_blocks_process_sends_nothing_with_or_without_a_token(cli: Cli, unused_url: str) -> None:
    spec = cli.cwd / "spec.yaml"
    spec.write_text(cli.ok("specs", "create", "--generate").out, encoding="utf-8")
    no_server = {"PEAK_AUTH_TOKEN": None, "PRESS_BASE_URL": unused_url}
    dry = cli.ok("specs", "create", str(spec), "--dry-run", "-o", "json", env=no_server).json()
    assert dry["url"] == unused_url + "/v1/blocks/specs/"
    assert "no API token is set" in cli.ok("deployments", "redeploy", "d-1", "--dry-run", env=no_server).err
    # With the emulator's URL and a real token: still nothing reaches it, and the token is not shown.
    sends = (["specs", "create", str(spec)], ["deployments", "redeploy", "d-1", "--wait"], ["specs", "delete", "s-1"])
    for args in sends:
        result = cli.ok(*args, "--dry-run")
        assert TOKEN not in result.out + result.err
        assert "Authorization: ***" in result.out
    assert cli.server.requests.records() == []


def test_apply_help_says_its_dry_run_prints_data() -> None:
    """``apply --dry-run`` prints its plan as JSON (or YAML), never the text the other dry runs print."""
    apply = _subcommands(build_parser())["apply"]
    output_help = apply._option_string_actions["-o"].help or ""
    assert "text" not in output_help, output_help
    assert "default json" in output_help
    create = _subcommands(_subcommands(build_parser())["specs"])["create"]
    assert "text for people" in (create._option_string_actions["-o"].help or "")
