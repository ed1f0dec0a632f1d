"""Seeing every request (logs, raw responses, per-call headers) and trying calls without sending them.

Every test runs on the sync and the async client, against the in-process emulator.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from press_blocks import (
    DryRun,
    InvalidArgumentError,
    RawResponse,
    RetryPolicy,
    Session,
    build_artifact,
    get_client,
)
from press_blocks.emulator import FaultRule, InProcessEmulator, RunningEmulator
from tests.e2e._drive import TOKEN, WORKFLOW, Driver, make_spec

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest, press_emulator: InProcessEmulator) -> Iterator[Driver]:
    with Driver(request.param, press_emulator) as made:
        yield made


def _artifact_dir(tmp_path: Path) -> Path:
    root = tmp_path / "build"
    (root / "src").mkdir(parents=True)
    (root / "Dockerfile").write_text("FROM python:3.11\n")
    (root / "src" / "main.py").write_text("print('hello')\n" * 50)
    return root


# --- logging ---------------------------------------------------------------------------------


def test_one_debug_record_per_request_without_token_or_body(
    driver: Driver, press_emulator: InProcessEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="press_blocks")
    spec_id = make_spec(driver)
    driver.run(driver.client.describe_spec(spec_id))
    records = [r for r in caplog.records if r.name == "press_blocks" and hasattr(r, "press_request")]
    assert len(records) == len(press_emulator.requests) == 2
    post, get = (r.press_request for r in records)  # type: ignore[attr-defined]
    sent = press_emulator.requests.records()
    assert post["method"] == "POST"
    assert post["path"] == "/v1/blocks/specs/"
    assert post["status"] == 201
    assert post["request_id"] == sent[0].headers["x-peak-requestid"]
    assert post["attempt"] == 1
    assert post["bytes_up"] == sent[0].body_size > 0
    assert post["bytes_down"] > 0
    assert get["path"] == f"/v1/blocks/specs/{spec_id}"
    assert get["status"] == 200
    assert get["bytes_down"] > 0
    assert get["elapsed_ms"] >= 0
    assert all(r.levelno == logging.DEBUG for r in records)
    assert f"GET /v1/blocks/specs/{spec_id} -> 200" in records[1].getMessage()
    assert TOKEN not in caplog.text
    assert "A spec for observation tests." not in caplog.text  # no body


def test_retries_log_at_info_and_each_attempt_at_debug(
    driver: Driver, press_emulator: InProcessEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="press_blocks")
    press_emulator.faults.add(FaultRule(kind="status", status=503, operation_id="listSpecs", times=1))
    driver.run(driver.client.list_specs(return_iterator=False))
    attempts = [r.press_request for r in caplog.records if hasattr(r, "press_request")]  # type: ignore[attr-defined]
    assert [(a["status"], a["attempt"]) for a in attempts] == [(503, 1), (200, 2)]
    retries = [r for r in caplog.records if r.levelno == logging.INFO]
    assert len(retries) == 1
    assert "503" in retries[0].getMessage()


def _logged_run(server: RunningEmulator, level: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PRESS_BLOCKS_LOG", "API_KEY", "STAGE", "PEAK__STAGE")}
    env.update(PEAK_AUTH_TOKEN=TOKEN, PRESS_BASE_URL=server.base_url)
    if level is not None:
        env["PRESS_BLOCKS_LOG"] = level
    code = "from press_blocks import get_client; get_client().list_specs(return_iterator=False)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)


def test_press_blocks_log_turns_on_a_stderr_handler(press_emulator_server: RunningEmulator) -> None:
    debug = _logged_run(press_emulator_server, "debug")
    assert "GET /v1/blocks/specs/ -> 200" in debug.stderr
    assert "DEBUG" in debug.stderr
    assert TOKEN not in debug.stderr
    assert _logged_run(press_emulator_server, None).stderr == ""
    assert _logged_run(press_emulator_server, "info").stderr == ""  # no retries, so nothing at INFO


def test_setup_from_environment_levels() -> None:
    from press_blocks import _logging

    logger = logging.getLogger("press_blocks")
    level = logger.level
    try:
        handler = _logging.setup_from_environment({"PRESS_BLOCKS_LOG": "INFO"})
        assert handler is not None
        assert logger.level == logging.INFO
        again = _logging.setup_from_environment({"PRESS_BLOCKS_LOG": "debug"})
        assert handler not in logger.handlers
        assert again in logger.handlers
        assert logger.level == logging.DEBUG
        assert _logging.setup_from_environment({"PRESS_BLOCKS_LOG": "verbose"}) is None
        assert again not in logger.handlers
    finally:
        _logging.setup_from_environment({})
        logger.setLevel(level)


# --- raw responses -------------------------------------------------------------------------


def test_raw_response_of_describe_spec(driver: Driver, press_emulator: InProcessEmulator) -> None:
    spec_id = make_spec(driver)
    raw = driver.run(driver.client.with_raw_response.describe_spec(spec_id))
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.request_id == press_emulator.requests.records()[-1].headers["x-peak-requestid"]
    assert raw.url == f"{press_emulator.base_url}/v1/blocks/specs/{spec_id}"
    assert isinstance(raw.elapsed, timedelta)
    assert raw.http_request.method == "GET"
    assert raw.parse() == driver.run(driver.client.describe_spec(spec_id))
    assert TOKEN not in repr(raw)
    assert TOKEN not in repr(raw.http_request.headers)


def test_every_method_has_a_raw_form(driver: Driver, tmp_path: Path, press_emulator: InProcessEmulator) -> None:
    raw = driver.client.with_raw_response
    run = driver.run
    spec = run(raw.create_spec(dict(WORKFLOW), artifact={"path": str(_artifact_dir(tmp_path))}, progress=False))
    assert spec.status_code == 201
    spec_id = spec.parse()["id"]
    release = {"release": {"version": "1.1.0", "notes": "n"}, "config": WORKFLOW["config"]}
    calls: list[tuple[str, tuple[Any, ...], int]] = [
        ("describe_spec", (spec_id,), 200),
        ("update_spec_metadata", (spec_id, {"featured": True}), 200),
        ("create_spec_release", (spec_id, release), 201),
        ("list_spec_releases", (spec_id,), 200),
        ("describe_spec_release", (spec_id, "1.0.0"), 200),
        ("list_specs", (), 200),
    ]
    for name, args, status in calls:
        answer = run(getattr(raw, name)(*args))
        assert (name, answer.status_code) == (name, status)
    body = {"metadata": {"name": "raw-dep", "summary": "s"}, "revision": {"notes": "r"}, "spec": {"id": spec_id}}
    deployment = run(raw.create_deployment(body))
    deployment_id = deployment.parse()["id"]
    calls = [
        ("describe_deployment", (deployment_id,), 200),
        ("wait_for_deployment", (deployment_id,), 200),
        ("update_deployment_metadata", (deployment_id, {"title": "T"}), 200),
        ("list_deployments", (), 200),
        ("redeploy", (deployment_id,), 201),
        ("create_deployment_revision", (deployment_id, {"revision": {"notes": "3"}}), 201),
        ("describe_deployment_revision", (deployment_id, 3), 200),
        ("wait_for_revision", (deployment_id, 3), 200),
        ("list_deployment_revisions", (deployment_id,), 200),
        ("get_parameters", (deployment_id,), 200),
        ("patch_parameters", (deployment_id, {}), 200),
        ("get_related_block_details", (deployment_id,), 200),
        ("delete_deployment", (deployment_id,), 204),
        ("delete_spec", (spec_id,), 204),
    ]
    for name, args, status in calls:
        answer = run(getattr(raw, name)(*args))
        assert isinstance(answer, RawResponse)
        assert (name, answer.status_code) == (name, status)
    public = {n for n in dir(driver.client) if not n.startswith("_")} - {"session", "with_options", "with_raw_response"}
    public -= {"close", "aclose"}
    # Every method of the client has its raw form (what each one returns is tests/unit/test_raw_forms.py's).
    assert public <= {n for n in dir(raw) if not n.startswith("_")}


def test_raw_list_methods_give_one_page(driver: Driver) -> None:
    make_spec(driver, "a")
    raw = driver.run(driver.client.with_raw_response.list_specs(page_size=1))
    assert raw.parse()["pageSize"] == 1
    assert raw.parse()["specs"][0]["metadata"]["name"] == "a"


def test_iterators_keep_the_last_pages_raw_response(driver: Driver) -> None:
    for name in ("a", "b", "c"):
        make_spec(driver, name)
    pages = driver.client.list_specs(page_size=1)
    assert pages.last_response is None
    assert len(driver.items(pages)) == 3
    assert pages.last_response.status_code == 200
    assert pages.last_response.parse()["pageNumber"] == 3


def test_no_raw_response_without_a_request(driver: Driver, tmp_path: Path) -> None:
    fallback = tmp_path / "params.yaml"
    fallback.write_text("a: 1\n")
    with pytest.raises(InvalidArgumentError, match="sent no request"):
        driver.run(driver.client.with_raw_response.get_parameters(fallback_params_file=fallback))
    with pytest.raises(AttributeError):
        driver.client.with_raw_response.with_options  # noqa: B018


# --- per-call options ----------------------------------------------------------------------


def test_with_options_headers_are_sent_and_cannot_replace_the_token(
    driver: Driver, press_emulator: InProcessEmulator
) -> None:
    client = driver.client.with_options(headers={"X-Trace": "t-1"}).with_options(headers={"User-Agent": "mine/1"})
    driver.run(client.list_specs(return_iterator=False))
    sent = press_emulator.requests.records()[-1].headers
    assert sent["x-trace"] == "t-1"
    assert sent["user-agent"] == "mine/1"
    for name in ("Authorization", "authorization", " AUTHORIZATION"):
        with pytest.raises(InvalidArgumentError, match="Authorization") as caught:
            driver.client.with_options(headers={name: "stolen-token-value"})
        assert "stolen-token-value" not in str(caught.value)
    with pytest.raises(InvalidArgumentError):
        driver.client.with_options(headers={"X-Number": 3})


def test_with_options_does_not_change_the_original(driver: Driver, press_emulator: InProcessEmulator) -> None:
    driver.client.with_options(headers={"X-Trace": "t-1"}, dry_run=True)
    driver.run(driver.client.list_specs(return_iterator=False))
    assert "x-trace" not in press_emulator.requests.records()[-1].headers


# --- dry runs --------------------------------------------------------------------------------


def test_a_dry_run_upload_describes_parts_and_manifest_and_sends_nothing(
    driver: Driver, press_emulator: InProcessEmulator, tmp_path: Path
) -> None:
    root = _artifact_dir(tmp_path)
    dry = driver.client.with_options(dry_run=True)
    result = driver.run(dry.create_spec(dict(WORKFLOW), artifact={"path": str(root)}, featured=True, progress=False))
    assert isinstance(result, DryRun)
    assert len(press_emulator.requests) == 0
    assert result.method == "POST"
    assert result.url == f"{press_emulator.base_url}/v1/blocks/specs/"
    assert result.headers["Authorization"] == "***"
    assert result.headers["Content-Type"].startswith("multipart/form-data")
    parts = {part.name: part for part in result.parts}
    assert json.loads(parts["spec"].value or "") == WORKFLOW
    assert parts["featured"].value == "true"
    assert parts["artifact"].filename == "artifact.zip"
    assert result.artifact is not None
    assert parts["artifact"].size == result.artifact.size
    assert dict(result.artifact.files) == {"Dockerfile": 17, "src/main.py": 15 * 50}
    # The manifest is the zip the upload would send: the packer is deterministic, so packing again matches.
    with build_artifact(root) as packed:
        assert (result.artifact.sha256, result.artifact.size) == (packed.sha256, packed.size)
    text = str(result)
    dumped = json.dumps(result.to_dict())
    for shown in (text, dumped, repr(result)):
        assert TOKEN not in shown
    assert "POST " in text
    assert "src/main.py" in text
    assert "***" in text
    assert json.loads(dumped)["artifact"]["sha256"] == result.artifact.sha256


def test_a_dry_run_json_body_and_query(driver: Driver, press_emulator: InProcessEmulator) -> None:
    dry = driver.client.with_options(dry_run=True, headers={"X-Trace": "t"})
    body = {"metadata": {"name": "d", "summary": "s"}, "revision": {"notes": "n"}, "spec": {"id": "spec-1"}}
    result = driver.run(dry.create_deployment(body))
    assert result.json == body
    assert result.headers["X-Trace"] == "t"
    listed = driver.run(dry.list_specs(status=["available"], page_size=5))
    assert listed.url == f"{press_emulator.base_url}/v1/blocks/specs/?status=available&pageSize=5"
    assert listed.then is not None
    assert listed.json is None
    assert len(press_emulator.requests) == 0


def test_multi_request_methods_describe_their_first_request(driver: Driver, press_emulator: InProcessEmulator) -> None:
    dry = driver.client.with_options(dry_run=True)
    related = driver.run(dry.get_related_block_details("dep-1"))
    assert related.url.endswith("/v1/blocks/deployments/dep-1")
    assert "depend" in (related.then or "")
    parameters = driver.run(dry.get_parameters("dep-1"))
    assert parameters.url.endswith("/v1/deployments/dep-1/parameters/run")
    assert len(press_emulator.requests) == 0


def test_a_dry_run_session_opens_no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Port 9 on 127.0.0.1 has nothing listening: any connection attempt would fail the call."""
    session = Session(TOKEN, base_url="http://127.0.0.1:9", dry_run=True, retry_policy=RetryPolicy(max_retries=0))
    client = get_client(session)
    result = client.describe_deployment("dep-1")
    assert isinstance(result, DryRun)
    assert result.url == "http://127.0.0.1:9/v1/blocks/deployments/dep-1"
    from press_blocks_api.api.block_specs import describe_spec

    called = session.call(describe_spec, spec_id="s-1")
    assert isinstance(called, DryRun)
    assert called.operation == "describe_spec"
    assert "dry_run=True" in repr(session)
    session.close()


def test_the_dry_run_flag_is_checked() -> None:
    with pytest.raises(InvalidArgumentError):
        get_client(Session(TOKEN, base_url="http://127.0.0.1:9")).with_options(dry_run="yes")  # type: ignore[arg-type]


def test_an_async_dry_run_session_call() -> None:
    import asyncio

    from press_blocks_api.api.block_deployments import describe_deployment

    async def main() -> Any:
        async with Session(TOKEN, base_url="http://127.0.0.1:9", dry_run=True) as session:
            return await session.acall(describe_deployment, deployment_id="dep-2")

    result = asyncio.run(main())
    assert isinstance(result, DryRun)
    assert result.url == "http://127.0.0.1:9/v1/blocks/deployments/dep-2"
    assert result.headers["Authorization"] == "***"
