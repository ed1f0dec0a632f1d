"""``press-blocks plan`` and ``apply``: nothing silently "unchanged", plans people and machines can read.

Each test resets the module's emulator and works in its own directory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli._run import Cli

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

KEY = "cli-deploy-key-0123456789abcdef"

SPEC = """\
body:
  version: '1'
  kind: workflow
  metadata:
    name: blk
    summary: {{ summary | default('A block.') }}
    tags:
    - name: one
  release:
    version: {{ version | default('1.0.0') }}
    notes: Notes.
  config:
    steps:
      s: {type: standard, imageDetails: {id: 1, versionId: 1}, command: run}
artifact:
  path: block
parameters:
  build:
  - {name: user, type: string, defaultValue: a@b.c, required: false}
  run:
  - {name: agg, type: string, defaultValue: AVG, required: false}
  - {name: secret, type: string, required: false, hideValue: true}
scope: private
"""

DEPLOYMENT = """\
body:
  metadata:
    name: dep
    summary: A deployment.
  revision:
    notes: First.
  spec:
    {{ spec_ref }}
    release:
      version: {{ release | default('1.0.0') }}
  parameters:
    run:
      agg: {{ agg | default('AVG') }}
      secret: {{ secret | default('pw123') }}
"""


@pytest.fixture
def here(cli: Cli, tmp_path: Path) -> Cli:
    cli.server.reset()
    cli.cwd = tmp_path
    (tmp_path / "block").mkdir()
    (tmp_path / "block" / "main.py").write_text("print('one')\n", encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "deployment.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    return cli


def _spec_ref(cli: Cli) -> str:
    listed = cli.ok("specs", "list").json()["specs"]
    (spec,) = [s for s in listed if s["metadata"]["name"] == "blk"]
    return "id: " + spec["id"]


def writes(cli: Cli) -> list[str]:
    return [f"{r.method} {r.path}" for r in cli.server.requests.records() if r.method != "GET"]


# --- the three silent "unchanged" of the old apply ------------------------------------------


def test_changed_artifact_code_at_the_same_version_is_refused_naming_it(here: Cli) -> None:
    here.ok("apply", "spec.yaml")
    (here.cwd / "block" / "main.py").write_text("print('two')\n", encoding="utf-8")
    here.server.requests.clear()
    refused = here("apply", "spec.yaml")
    assert refused.code == 5, refused.out
    assert "artifact" in refused.err
    assert "bump release.version" in refused.err
    assert writes(here) == []


def test_changed_metadata_summary_is_applied_with_update_metadata(here: Cli) -> None:
    here.ok("apply", "spec.yaml")
    here.server.requests.clear()
    applied = here.ok("apply", "spec.yaml", "-p", "summary=Another summary.", "-o", "json").json()
    assert [r["actions"] for r in applied["resources"]] == [["updated"]]
    assert [w.split(" ")[0] for w in writes(here)] == ["PATCH"]
    spec_id = applied["resources"][0]["id"]
    assert here.ok("specs", "describe", spec_id).json()["metadata"]["summary"] == "Another summary."


def test_changed_hidden_run_parameter_makes_a_revision(here: Cli) -> None:
    env = {"PRESS_BLOCKS_DEPLOY_KEY": KEY}
    here.ok("apply", "spec.yaml", env=env)
    ref = _spec_ref(here)
    here.ok("apply", "deployment.yaml", "-p", f"spec_ref={ref}", env=env)
    here.server.requests.clear()
    applied = here.ok("apply", "deployment.yaml", "-p", f"spec_ref={ref}", "-p", "secret=pw456", env=env).json()
    assert [r["actions"] for r in applied["resources"]] == [["revised"]]
    assert writes(here) == [f"POST /v1/blocks/deployments/{applied['resources'][0]['id']}/revisions"]


# --- one block in one file: every single change, plan --detailed-exitcode, apply, unchanged --

BLOCK = (
    SPEC.replace("{{ version | default('1.0.0') }}", "{{ version | default('1.1.0') }}")
    .replace("tags:\n    - name: one", "tags:\n    - name: {{ tag | default('one') }}")
    .replace("scope: private", "scope: {{ scope | default('private') }}")
    .replace("defaultValue: a@b.c", "defaultValue: {{ user | default('a@b.c') }}")
    + "---\n"
    + DEPLOYMENT.replace("{{ spec_ref }}", "name: blk")
)

# (template value, the field the plan names; "refused" when only a new release carries it)
SINGLE_CHANGES = {
    "artifact code": (None, "refused"),
    "metadata summary": ("summary=Another summary.", "metadata.summary"),
    "a tag": ("tag=two", "metadata.tags"),
    "scope": ("scope=public", "scope"),
    "a build parameter's default": ("user=x@y.z", "refused"),
    "a run parameter": ("agg=SUM", "parameters.run.agg"),
    "a hidden run parameter": ("secret=pw456", "parameters.run.secret"),
    "the deployment's release": ("release=1.1.0", "spec.release.version"),
}


@pytest.fixture
def block(here: Cli) -> Cli:
    """The block applied once: spec 1.0.0 then 1.1.0, its deployment on 1.0.0, fingerprinted with KEY."""
    (here.cwd / "block.yaml").write_text(BLOCK, encoding="utf-8")
    env = {"PRESS_BLOCKS_DEPLOY_KEY": KEY}
    here.ok("apply", "block.yaml", "-p", "version=1.0.0", env=env)
    here.ok("apply", "block.yaml", env=env)
    return here


@pytest.mark.parametrize("name", list(SINGLE_CHANGES))
def test_each_single_change_plans_exit_2_then_applies(block: Cli, name: str) -> None:
    env = {"PRESS_BLOCKS_DEPLOY_KEY": KEY}
    value, field = SINGLE_CHANGES[name]
    params = ["-p", value] if value else []
    if value is None:
        (block.cwd / "block" / "main.py").write_text("print('two')\n", encoding="utf-8")
    planned = block("plan", "block.yaml", *params, "--detailed-exitcode", env=env)
    if field == "refused":
        assert planned.code == 5, planned.err
        assert "bump release.version" in planned.err
        params += ["-p", "version=1.2.0"]
        field = "release.version"
        planned = block("plan", "block.yaml", *params, "--detailed-exitcode", env=env)
    assert planned.code == 2, planned.err
    assert f"~ {field}:" in planned.out or f"+ {field}:" in planned.out, planned.out
    assert "pw123" not in planned.out
    assert "pw456" not in planned.out
    block.ok("apply", "block.yaml", *params, env=env)
    after = block("plan", "block.yaml", *params, "--detailed-exitcode", env=env)
    assert after.code == 0, after.out
    assert after.out.rstrip().endswith("Plan: 0 to create, 0 to release, 0 to revise, 0 to update, 2 unchanged")


def test_no_change_plans_empty_and_json_equals_the_library(block: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from press_blocks import Block, Session
    from press_blocks import deploy as deploy_module
    from tests.cli._run import TOKEN

    env = {"PRESS_BLOCKS_DEPLOY_KEY": KEY}
    planned = block("plan", "block.yaml", "--detailed-exitcode", "-o", "json", env=env)
    assert planned.code == 0
    monkeypatch.chdir(block.cwd)
    with Block(Session(auth_token=TOKEN, base_url=block.server.base_url)) as client:
        library = deploy_module.plan(client, ["block.yaml"], key=KEY)
    assert planned.json() == library.to_dict()
    assert not library.changes
    # With a change, too (the hidden value masked in both).
    changed = block("plan", "block.yaml", "-p", "secret=pw789", "-p", "agg=MAX", "-o", "json", env=env).json()
    with Block(Session(auth_token=TOKEN, base_url=block.server.base_url)) as client:
        library = deploy_module.plan(client, ["block.yaml"], variables={"secret": "pw789", "agg": "MAX"}, key=KEY)
    assert changed == library.to_dict()
    assert "pw789" not in json.dumps(changed)
    # apply --dry-run is the plan, and writes nothing.
    block.server.requests.clear()
    dry = block("apply", "block.yaml", "-p", "secret=pw789", "-p", "agg=MAX", "--dry-run", "-o", "json", env=env)
    assert dry.json() == changed
    dry = block("apply", "block.yaml", "-p", "agg=MAX", "--dry-run", "--detailed-exitcode", env=env)
    assert dry.code == 2
    assert "~ parameters.run.agg:" in dry.out
    assert writes(block) == []


def test_a_spec_and_its_deployment_in_one_file_deploy_with_one_apply_wait(here: Cli) -> None:
    (here.cwd / "deploy").mkdir()
    (here.cwd / "deploy" / "block.yaml").write_text(BLOCK, encoding="utf-8")
    (here.cwd / "deploy" / "block").mkdir()
    (here.cwd / "deploy" / "block" / "main.py").write_text("print('one')\n", encoding="utf-8")
    (here.cwd / "deploy" / "block.yaml").write_text(BLOCK.replace("path: block", "path: deploy/block"))
    here.server.set_transition("describes:1")
    done = here.ok("apply", "deploy/", "--wait", "--wait-interval", "0.05", "-p", "release=1.1.0")
    assert [(r["kind"], r["actions"]) for r in done.json()["resources"]] == [
        ("spec", ["created"]),
        ("deployment", ["created"]),
    ]
    deployment_id = done.json()["resources"][1]["id"]
    assert f"deployment {deployment_id} revision 1 is deployed" in done.err
    again = here("plan", "deploy/", "-p", "release=1.1.0", "--detailed-exitcode")
    assert again.code == 0, again.out


def test_a_saved_plan_applies_exactly_or_is_refused_when_stale(block: Cli) -> None:
    env = {"PRESS_BLOCKS_DEPLOY_KEY": KEY}
    saved = block("plan", "block.yaml", "-p", "agg=SUM", "--out", "plan.json", "--detailed-exitcode", env=env)
    assert saved.code == 2
    assert (block.cwd / "plan.json").stat().st_mode & 0o077 == 0
    block.server.requests.clear()
    applied = block.ok("apply", "plan.json", env=env).json()
    assert [r["actions"] for r in applied["resources"]] == [["unchanged"], ["revised"]]
    # Applied once: what it read (the latest revision) has changed, so the same plan is stale.
    stale = block("apply", "plan.json", env=env)
    assert stale.code == 10, stale.err
    assert "plan again" in stale.err
    # Without the key the plan was made with, it is refused too.
    block.ok("plan", "block.yaml", "-p", "agg=MAX", "--out", "plan2.json", env=env)
    without_key = block("apply", "plan2.json")
    assert without_key.code == 10
    assert "the same PRESS_BLOCKS_DEPLOY_KEY" in without_key.err
    assert block("apply", "plan2.json", "block.yaml").code == 2


def test_a_plan_saved_over_a_readable_file_is_made_owner_only(here: Cli) -> None:
    # The saved plan holds the rendered files, hidden values included.
    existing = here.cwd / "plan.json"
    existing.write_text("{}", encoding="utf-8")
    existing.chmod(0o644)
    here.ok("plan", "spec.yaml", "--out", "plan.json")
    assert existing.stat().st_mode & 0o077 == 0
    assert "press-blocks-plan/1" in existing.read_text(encoding="utf-8")


def test_two_racing_applies_both_exit_0_and_leave_one_spec_and_one_deployment(here: Cli) -> None:
    import subprocess
    import sys

    (here.cwd / "block.yaml").write_text(BLOCK, encoding="utf-8")
    # Each racer's first list of specs is answered 3 s after the emulator read its state ("after"):
    # both start inside that window (Python starts in well under it), so both see no spec and
    # both create it. (The library's tests race the deployments too.)
    rules = [{"kind": "latency", "operationId": "listSpecs", "latency": 3.0, "times": 2, "when": "after"}]
    here.server.control.put("/_emulator/faults", json={"rules": rules}).raise_for_status()
    try:
        racers = [
            subprocess.Popen(
                [sys.executable, "-m", "press_blocks.cli", "apply", "block.yaml", "-p", "release=1.1.0"],
                cwd=here.cwd,
                env=here.env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outcomes = [(racer.wait(timeout=60), racer.communicate()[1]) for racer in racers]
    finally:
        here.server.control.delete("/_emulator/faults").raise_for_status()
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert len(here.ok("specs", "list").json()["specs"]) == 1
    assert len(here.ok("deployments", "list").json()["deployments"]) == 1
    conflicts = [r for r in here.server.requests.records() if r.status == 409]
    assert conflicts  # the loser met a 409 and converged


def test_unusable_files_are_usage_errors_naming_them(here: Cli) -> None:
    (here.cwd / "empty.yaml").write_text("# nothing\n", encoding="utf-8")
    (here.cwd / "list.yaml").write_text(SPEC + "---\n- 5\n", encoding="utf-8")
    (here.cwd / "nobody.yaml").write_text("artifact: {path: block}\n", encoding="utf-8")
    (here.cwd / "undefined.yaml").write_text("body: {{ missing }}\n", encoding="utf-8")
    for file, said in [
        ("empty.yaml", "empty.yaml is empty"),
        ("list.yaml", "list.yaml#2 must hold a mapping"),
        ("nobody.yaml", "needs a 'body' mapping"),
        ("undefined.yaml", "missing"),
        ("nothing.yaml", "nothing.yaml"),
    ]:
        # apply reads its files as plan does: one command each, and apply for the first.
        for command in ("plan", "apply") if file == "empty.yaml" else ("plan",):
            result = here(command, file)
            assert result.code == 2, (command, file, result.err)
            assert said in result.err, (command, file, result.err)
    assert writes(here) == []
