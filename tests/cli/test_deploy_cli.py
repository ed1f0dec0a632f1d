"""``press-blocks plan`` and ``apply``: nothing silently "unchanged", plans people and machines can read.

Each test resets the module's emulator and works in its own directory.
"""

from __future__ import annotations

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
