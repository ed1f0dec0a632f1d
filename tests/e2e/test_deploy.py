"""``press_blocks.deploy``: every single change to an applied block is planned, applied, and then unchanged.

Against the in-process emulator, with the sync and the async driver (the async one generated
into the sync one, so both run the same rules).
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from press_blocks import AsyncBlock, Block, Session
from press_blocks import deploy as deploy_module
from press_blocks.emulator import Emulator, InProcessEmulator
from press_blocks.errors import InvalidArgumentError

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

KEY = "k" * 32


def spec_request(artifact: Path, version: str = "1.0.0") -> dict[str, Any]:
    return {
        "body": {
            "version": "1",
            "kind": "workflow",
            "metadata": {"name": "blk", "summary": "A block.", "tags": [{"name": "one"}]},
            "release": {"version": version, "notes": "Notes."},
            "config": {
                "steps": {"s": {"type": "standard", "imageDetails": {"id": 1, "versionId": 1}, "command": "run"}}
            },
        },
        "artifact": {"path": str(artifact)},
        "parameters": {
            "build": [{"name": "user", "type": "string", "defaultValue": "a@b.c", "required": False}],
            "run": [
                {"name": "agg", "type": "string", "defaultValue": "AVG", "required": False},
                {"name": "secret", "type": "string", "required": False, "hideValue": True},
            ],
        },
        "scope": "private",
    }


def deployment_request(version: str = "1.0.0") -> dict[str, Any]:
    return {
        "body": {
            "metadata": {"name": "dep", "summary": "A deployment."},
            "revision": {"notes": "First."},
            "spec": {"name": "blk", "release": {"version": version}},
            "parameters": {"run": {"agg": "AVG", "secret": "pw123"}},
        }
    }


class Driver:
    """plan/apply through the sync client, or the async ones run to completion."""

    def __init__(self, kind: str, emulator: InProcessEmulator) -> None:
        self.kind = kind
        self.emulator = emulator
        if kind == "sync":
            self.client: Any = Block(
                Session(
                    auth_token="t0ken-deploy",
                    base_url=emulator.base_url,
                    http_client=httpx.Client(transport=emulator.transport, base_url=emulator.base_url),
                )
            )
        self.loop = asyncio.new_event_loop()

    def _async_client(self) -> AsyncBlock:
        http = httpx.AsyncClient(transport=self.emulator.async_transport, base_url=self.emulator.base_url)
        return AsyncBlock(Session(auth_token="t0ken-deploy", base_url=self.emulator.base_url, async_http_client=http))

    def plan(self, source: Any, **options: Any) -> deploy_module.Plan:
        if self.kind == "sync":
            return deploy_module.plan(self.client, source, **options)

        async def run() -> deploy_module.Plan:
            async with self._async_client() as client:
                return await deploy_module.aplan(client, source, **options)

        return self.loop.run_until_complete(run())

    def apply(self, source: Any, **options: Any) -> deploy_module.ApplyResult:
        if self.kind == "sync":
            return deploy_module.apply(self.client, source, **options)

        async def run() -> deploy_module.ApplyResult:
            async with self._async_client() as client:
                return await deploy_module.aapply(client, source, **options)

        return self.loop.run_until_complete(run())

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    handle = InProcessEmulator(Emulator())
    made = Driver(request.param, handle)
    yield made
    made.close()
    handle.close()


@pytest.fixture
def artifact(tmp_path: Path) -> Path:
    directory = tmp_path / "block"
    directory.mkdir()
    (directory / "main.py").write_text("print('one')\n", encoding="utf-8")
    (directory / "util.py").write_text("X = 1\n", encoding="utf-8")
    return directory


def applied_base(driver: Driver, artifact: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Spec at 1.1.0, deployment pinned to 1.0.0: both applied; return their requests."""
    driver.apply([spec_request(artifact), deployment_request()], key=KEY)
    spec, deployment = spec_request(artifact, "1.1.0"), deployment_request()
    driver.apply([spec, deployment], key=KEY)
    return spec, deployment


def _summary(driver: Driver, spec: dict[str, Any], deployment: dict[str, Any]) -> dict[str, int]:
    return driver.plan([spec, deployment], key=KEY).summary()


NOTHING = {"create": 0, "release": 0, "revise": 0, "update": 0, "unchanged": 2}

# name -> (change the requests/files, the field the plan names, the action or "refused")
Change = Callable[[dict[str, Any], dict[str, Any], Path], None]


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


CHANGES: dict[str, tuple[Change, str, str]] = {
    "artifact code": (lambda s, d, a: _write(a / "main.py", "print('two')\n"), "artifact", "refused"),
    "metadata summary": (
        lambda s, d, a: s["body"]["metadata"].update(summary="Another summary."),
        "metadata.summary",
        "update",
    ),
    "a tag": (lambda s, d, a: s["body"]["metadata"].update(tags=[{"name": "two"}]), "metadata.tags", "update"),
    "scope": (lambda s, d, a: s.update(scope="public"), "scope", "update"),
    "a build parameter's default": (
        lambda s, d, a: s["parameters"]["build"][0].update(defaultValue="x@y.z"),
        "parameters",
        "refused",
    ),
    "a run parameter": (
        lambda s, d, a: d["body"]["parameters"]["run"].update(agg="SUM"),
        "parameters.run.agg",
        "revise",
    ),
    "a hidden run parameter": (
        lambda s, d, a: d["body"]["parameters"]["run"].update(secret="pw456"),
        "parameters.run.secret",
        "revise",
    ),
    "the deployment's release": (
        lambda s, d, a: d["body"]["spec"]["release"].update(version="1.1.0"),
        "spec.release.version",
        "revise",
    ),
    "deployment metadata": (
        lambda s, d, a: d["body"]["metadata"].update(summary="Another."),
        "metadata.summary",
        "update",
    ),
}


def test_an_applied_block_plans_unchanged(driver: Driver, artifact: Path) -> None:
    spec, deployment = applied_base(driver, artifact)
    the_plan = driver.plan([spec, deployment], key=KEY)
    assert the_plan.summary() == NOTHING
    assert not the_plan.changes
    assert the_plan.summary_line() == "Plan: 0 to create, 0 to release, 0 to revise, 0 to update, 2 unchanged"
    assert all(not r.not_compared for r in the_plan.resources)


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_single_change_is_planned_then_applied(driver: Driver, artifact: Path, name: str) -> None:
    spec, deployment = applied_base(driver, artifact)
    change, field, action = CHANGES[name]
    change(spec, deployment, artifact)
    if action == "refused":
        with pytest.raises(deploy_module.DeployRefusedError) as refused:
            driver.plan([spec, deployment], key=KEY)
        assert any(f.startswith(field) for f in refused.value.fields), refused.value.fields
        assert "bump release.version" in str(refused.value)
        spec["body"]["release"]["version"] = "1.2.0"
        action, field = "release", "release.version"
    the_plan = driver.plan([spec, deployment], key=KEY)
    assert the_plan.changes
    changes = [(r.kind, c.field, c.action) for r in the_plan.resources for c in r.changes]
    assert any(f == field and a == action for _, f, a in changes), changes
    text = the_plan.render()
    assert "pw123" not in text
    assert "pw456" not in text
    assert "pw123" not in str(the_plan.to_dict())
    assert "pw456" not in str(the_plan.to_dict())
    driver.apply(the_plan, key=KEY)
    assert driver.plan([spec, deployment], key=KEY).summary() == NOTHING


def test_the_applied_state_is_what_the_files_say(driver: Driver, artifact: Path) -> None:
    spec, deployment = applied_base(driver, artifact)
    spec["body"]["metadata"]["summary"] = "New summary."
    deployment["body"]["parameters"]["run"]["secret"] = "pw456"
    done = driver.apply([spec, deployment], key=KEY).to_dict()
    assert [r["actions"] for r in done["resources"]] == [["updated"], ["revised"]]
    http = httpx.Client(transport=driver.emulator.transport, base_url=driver.emulator.base_url)
    with Block(Session(auth_token="t0ken-deploy", base_url=driver.emulator.base_url, http_client=http)) as client:
        spec_id, deployment_id = (r["id"] for r in done["resources"])
        assert client.describe_spec(spec_id)["metadata"].get("summary") == "New summary."
        assert client.get_parameters(deployment_id)["secret"] == "pw456"
        notes = client.describe_deployment(deployment_id)["latestRevision"].get("notes", "")
    # The fingerprint is a keyed MAC in the revision's notes, never the value or a plain hash of it.
    assert notes.startswith("First.\n\n[press-blocks fingerprint v1 params=hmac-sha256:")
    assert "pw456" not in notes
    assert hashlib.sha256(b"pw456").hexdigest()[:16] not in notes


def test_an_unchanged_plan_reads_each_resource_once(driver: Driver, artifact: Path) -> None:
    # One spec and three deployments of it (by name): one list lookup and one describe each.
    deployments = []
    for name in ("d1", "d2", "d3"):
        request = deployment_request()
        request["body"]["metadata"]["name"] = name
        deployments.append(request)
    source = [spec_request(artifact), *deployments]
    driver.apply(source, key=KEY)
    log = driver.emulator.requests
    log.clear()
    assert not driver.plan(source, key=KEY).changes
    operations = [record.operation_id for record in log.records()]
    assert all(record.method == "GET" for record in log.records())
    assert sorted(operations) == sorted(
        ["listSpecs", "describeSpec"] + ["listDeployments", "describeDeployment"] * 3
    ), operations


def test_apply_after_plan_in_one_process_packs_the_artifact_once(
    driver: Driver, artifact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from press_blocks import artifacts

    packs: list[Path] = []
    real = artifacts.build_artifact

    def counted(path: Any, *args: Any, **kwargs: Any) -> artifacts.Artifact:
        packs.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(artifacts, "build_artifact", counted)
    the_plan = driver.plan([spec_request(artifact)], key=KEY)
    assert packs == []  # the plan fingerprints the files without packing them
    driver.apply(the_plan, key=KEY)
    assert packs == [artifact]


def test_hidden_values_without_a_key_are_said_not_compared(driver: Driver, artifact: Path) -> None:
    source = [spec_request(artifact), deployment_request()]
    driver.apply(source)  # no key: nothing fingerprints the hidden value
    source[1]["body"]["parameters"]["run"]["secret"] = "pw456"
    the_plan = driver.plan(source)
    deployment = the_plan.resources[1]
    assert deployment.actions == []
    assert [n.field for n in deployment.not_compared] == ["parameters.run.secret"]
    assert "no deploy key is set" in deployment.not_compared[0].reason
    assert "apply leaves them as they are" in deployment.not_compared[0].apply
    assert "? parameters.run.secret: cannot be compared" in the_plan.render()
    assert "deployment 'dep' (" in the_plan.render()
    assert "no change found, 1 field not compared" in the_plan.render()
    done = driver.apply(source).to_dict()["resources"][1]
    assert (done["actions"], done["notCompared"]) == (["unchanged"], ["parameters.run.secret"])


def test_a_fingerprint_made_with_another_key_or_none_makes_one_revision(driver: Driver, artifact: Path) -> None:
    source = [spec_request(artifact), deployment_request()]
    driver.apply(source)  # made without a key (as by another tool)
    for key in (KEY, "another-key-" + "x" * 20):
        the_plan = driver.plan(source, key=key)
        deployment = the_plan.resources[1]
        assert deployment.actions == ["revise"], key
        assert "parameters.run.secret" in deployment.not_compared[0].field
        driver.apply(source, key=key)
        assert not driver.plan(source, key=key).changes
    # The teammate's key (or the rotated one) sees the other key's fingerprint: it says so.
    reason = driver.plan(source, key=KEY).resources[1].not_compared[0].reason
    assert "another deploy key" in reason


def test_an_artifact_released_by_another_tool_is_said_not_compared(driver: Driver, artifact: Path) -> None:
    request = spec_request(artifact)
    no_fingerprint = copy.deepcopy(request)
    del no_fingerprint["artifact"]
    driver.apply([no_fingerprint])
    the_plan = driver.plan([request])
    (spec,) = the_plan.resources
    assert spec.actions == []
    assert [n.field for n in spec.not_compared] == ["artifact"]
    assert "bump release.version" in spec.not_compared[0].apply


def test_a_short_key_is_refused(driver: Driver, artifact: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="at least 16 characters"):
        driver.plan([spec_request(artifact)], key="pw")


def test_bad_sources_are_typed_errors_naming_them(driver: Driver, artifact: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match=r"mapping #1: a request needs a 'body' mapping"):
        driver.plan([{"artifact": {}}])
    with pytest.raises(InvalidArgumentError, match="does not take featured"):
        driver.plan([{**deployment_request(), "featured": True}])
    request = deployment_request()
    request["body"]["spec"]["name"] = "nothing"
    with pytest.raises(InvalidArgumentError, match="no spec is named 'nothing'"):
        driver.plan([request])
    with pytest.raises(InvalidArgumentError, match="is also in mapping #1"):
        driver.plan([spec_request(artifact), spec_request(artifact)])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidArgumentError, match=r"holds no \.yaml or \.yml request file"):
        driver.plan(tmp_path / "empty")


def test_a_saved_plan_round_trips_and_a_damaged_one_is_refused(driver: Driver, artifact: Path, tmp_path: Path) -> None:
    import json

    the_plan = driver.plan([spec_request(artifact), deployment_request()], key=KEY)
    saved = tmp_path / "plan.json"
    saved.write_text(json.dumps(the_plan.to_file()), encoding="utf-8")
    assert deploy_module.is_plan_file(saved)
    loaded = deploy_module.read_plan_file(saved)
    assert loaded.to_dict() == the_plan.to_dict()
    assert not loaded.fresh
    driver.apply(loaded, key=KEY)
    saved.write_text('{"format": "press-blocks-plan/1", "plan": {}}', encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match="damaged saved plan"):
        deploy_module.read_plan_file(saved)


def test_a_new_deployment_of_the_latest_release_of_a_spec_outside_the_run(driver: Driver, artifact: Path) -> None:
    driver.apply([spec_request(artifact, "1.1.0")], key=KEY)
    request = deployment_request("latest")
    assert driver.plan([request], key=KEY).resources[0].spec["version"] == "latest"
    done = driver.apply([request], key=KEY).to_dict()
    assert done["resources"][0]["actions"] == ["created"]
    the_plan = driver.plan([request], key=KEY)
    assert not the_plan.changes
    assert the_plan.resources[0].spec["version"] == "1.1.0"


def test_apply_waits_for_every_deployment_it_touched_under_one_deadline(
    driver: Driver, artifact: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from press_blocks import WaitTimeoutError

    requests = []
    for name in ("w1", "w2", "w3"):
        request = deployment_request()
        request["body"]["metadata"]["name"] = name
        requests.append(request)
    source = [spec_request(artifact), *requests]
    timeouts: list[float] = []
    for cls in (Block, AsyncBlock):
        real = cls.wait_for_deployment

        def spy(self: Any, deployment_id: str, *, _real: Any = real, **options: Any) -> Any:
            timeouts.append(options["timeout"])
            return _real(self, deployment_id, **options)

        monkeypatch.setattr(cls, "wait_for_deployment", spy)
    driver.emulator.set_transition("describes:2")
    done = driver.apply(source, key=KEY, wait=True, timeout=30, poll_interval=0.05)
    assert [r["actions"] for r in done.to_dict()["resources"]] == [["created"]] * 4
    # Three waits, each given what is left of the one deadline.
    assert len(timeouts) == 3
    assert 30 > timeouts[0] > timeouts[1] > timeouts[2] > 29
    driver.emulator.set_transition("describes:1000")
    for request in requests:
        request["body"]["parameters"]["run"]["agg"] = "SUM"
    with pytest.raises(WaitTimeoutError):
        driver.apply(source, key=KEY, wait=True, timeout=0.3, poll_interval=0.05)


def test_a_create_lists_what_it_sets_with_hidden_values_masked(driver: Driver, artifact: Path) -> None:
    the_plan = driver.plan([spec_request(artifact), deployment_request()])
    spec, deployment = (
        {c.field: c.new for c in resource.changes if c.action == "create"} for resource in the_plan.resources
    )
    assert spec["metadata.summary"] == "A block."
    assert spec["scope"] == "private"
    assert spec["release.version"] == "1.0.0"
    assert spec["artifact"]["files"] == 2
    assert deployment["parameters.run.agg"] == "AVG"
    assert deployment["parameters.run.secret"] == "***"
    # A spec outside the run: its release's definitions are read to know what is hidden.
    driver.apply([spec_request(artifact)])
    outside = driver.plan([deployment_request()]).resources[0]
    assert {c.field: c.new for c in outside.changes}["parameters.run.secret"] == "***"
    for rendered in (the_plan.render(), str(the_plan.to_dict()), driver.plan([deployment_request()]).render()):
        assert "pw123" not in rendered


def test_a_revision_to_a_release_adding_a_hidden_parameter_masks_it(driver: Driver, artifact: Path) -> None:
    # The deployment's current values do not list a parameter its new release adds: which values
    # are hidden is then in the wanted release's definitions (the file's, or the service's).
    driver.apply([spec_request(artifact), deployment_request()], key=KEY)
    spec = spec_request(artifact, "1.1.0")
    spec["parameters"]["run"].append({"name": "token", "type": "string", "required": False, "hideValue": True})
    deployment = deployment_request("1.1.0")
    deployment["body"]["parameters"]["run"]["token"] = "t0psecret"
    in_run = driver.plan([spec, deployment], key=KEY)
    driver.apply([spec])
    outside = driver.plan([deployment], key=KEY)
    for the_plan in (in_run, outside):
        changes = {c.field: (c.old, c.new) for c in the_plan.resources[-1].changes}
        assert changes["parameters.run.token"] == ("***", "***")
        assert "t0psecret" not in the_plan.render()
        assert "t0psecret" not in str(the_plan.to_dict())
    driver.apply(outside, key=KEY)
    assert not driver.plan([deployment], key=KEY).changes


def test_a_deployment_the_api_would_refuse_fails_the_plan_before_any_write(driver: Driver, artifact: Path) -> None:
    # Without the check, apply created the spec and only then met the deployment's bad body.
    bad = deployment_request()
    del bad["body"]["metadata"]["summary"]
    source = [spec_request(artifact), bad]
    for attempt in (driver.plan, driver.apply):
        with pytest.raises(InvalidArgumentError, match=r"deployment 'dep' .*missing the required key 'summary'"):
            attempt(source, key=KEY)
    assert [r.method for r in driver.emulator.requests if r.method != "GET"] == []
