"""``press-blocks apply``: every branch, for spec and deployment files, against the emulator."""

from __future__ import annotations

import pytest

from press_blocks._cli._samples import sample_file
from tests.cli._run import Cli

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

SAMPLE_SPEC_ID = "0bddb4c6-40c5-45c3-b477-fceb2c051609"


def write(cli: Cli, name: str, text: str) -> str:
    (cli.cwd / name).write_text(text, encoding="utf-8")
    return name


def writes(cli: Cli) -> list[str]:
    """The write requests the emulator received (no GETs)."""
    return [f"{r.method} {r.path}" for r in cli.server.requests.records() if r.method != "GET"]


def test_spec_files(cli: Cli) -> None:
    template = sample_file("specs create").replace("service-block-private", "applied")
    # A spec whose name only begins with the file's: the API's name filter matches prefixes.
    cli.ok("specs", "create", write(cli, "longer.yaml", template.replace("name: applied", "name: applied-longer")))
    v1 = write(cli, "v1.yaml", template)

    cli.server.requests.clear()
    planned = cli.ok("apply", v1, "--dry-run", "-o", "json").json()
    (resource,) = planned["resources"]
    assert (resource["kind"], resource["name"], resource["id"], resource["actions"]) == (
        "spec",
        "applied",
        None,
        ["create"],
    )
    assert {"field": "release.version", "old": None, "new": "1.0.0", "action": "create"} in resource["changes"]
    assert {"field": "scope", "old": None, "new": "private", "action": "create"} in resource["changes"]
    assert planned["summary"] == {"create": 1, "release": 0, "revise": 0, "update": 0, "unchanged": 0}
    text = cli.ok("apply", v1, "--dry-run").out
    assert "+ spec 'applied': create" in text
    assert text.rstrip().endswith("Plan: 1 to create, 0 to release, 0 to revise, 0 to update, 0 unchanged")
    assert writes(cli) == []

    created = cli.ok("apply", v1).json()
    assert created["resources"][0]["actions"] == ["created"]
    spec_id = created["resources"][0]["id"]
    assert sorted(s["metadata"]["name"] for s in cli.ok("specs", "list").json()["specs"]) == [
        "applied",
        "applied-longer",
    ]

    cli.server.requests.clear()
    again = cli.ok("apply", v1, "-o", "yaml")
    assert "- unchanged" in again.out
    assert writes(cli) == []

    v2 = write(cli, "v2.yaml", template.replace("version: 1.0.0", "version: '{{ version }}'"))
    cli.server.requests.clear()
    assert cli.ok("apply", v2, "-p", "version=1.1.0", "--dry-run", "-o", "json").json()["summary"]["release"] == 1
    assert writes(cli) == []
    released = cli.ok("apply", v2, "-p", "version=1.1.0").json()
    assert released["resources"][0]["actions"] == ["released"]
    described = cli.ok("specs", "describe", spec_id).json()
    assert described["latestRelease"]["version"] == "1.1.0"
    assert cli.ok("apply", v2, "-p", "version=1.1.0").json()["resources"][0]["actions"] == ["unchanged"]

    cli.server.requests.clear()
    older = cli("apply", v1)
    assert older.code == 5
    assert "the file's version 1.0.0 is older" in older.err
    # An empty params file and a value nothing uses change nothing.
    same = cli.ok("apply", v2, "-p", "version=1.1.0", "-p", "unused=a=b", "-v", write(cli, "p.yaml", ""))
    assert same.json()["resources"][0]["actions"] == ["unchanged"]
    different = write(
        cli,
        "diff.yaml",
        template.replace("version: 1.0.0", "version: 1.1.0").replace("minInstances: 1", "minInstances: 3"),
    )
    refused = cli("apply", different)
    assert refused.code == 5
    assert f"spec 'applied' ({spec_id}) already has release 1.1.0 with different config" in refused.err
    assert writes(cli) == []

    # The same name for the other kind is another spec.
    workflow = template.replace("kind: service", "kind: workflow")
    wf = cli("apply", write(cli, "wf.yaml", workflow), "--dry-run", "-o", "json").json()
    assert wf["resources"][0]["actions"] == ["create"]


def test_deployment_files(cli: Cli) -> None:
    spec_id = cli.ok("specs", "create", write(cli, "spec.yaml", sample_file("specs create"))).json()["id"]
    release = sample_file("specs create-release")
    template = sample_file("deployments create").replace(SAMPLE_SPEC_ID, "{{ spec }}")
    file = write(cli, "deployment.yaml", template.replace("agg_type: AVG", "agg_type: '{{ agg }}'"))
    args = [file, "-p", f"spec={spec_id}"]

    cli.server.requests.clear()
    dry = cli.ok("apply", *args, "-p", "agg=AVG", "--dry-run", "-o", "json").json()
    assert dry["resources"][0]["actions"] == ["create"]
    assert writes(cli) == []
    cli.server.set_transition("describes:1")
    created = cli.ok("apply", *args, "-p", "agg=AVG", "--wait", "--wait-interval", "0.05")
    assert created.json()["resources"][0]["actions"] == ["created"]
    deployment_id = created.json()["resources"][0]["id"]
    assert f"deployment {deployment_id} revision 1 is deployed" in created.err

    cli.server.requests.clear()
    unchanged = cli.ok("apply", *args, "-p", "agg=AVG").json()
    assert unchanged["resources"] == [
        {"kind": "deployment", "name": "new-deployment", "id": deployment_id, "actions": ["unchanged"]}
    ]
    assert writes(cli) == []

    planned = cli.ok("apply", *args, "-p", "agg=SUM", "--dry-run", "-o", "json").json()
    (resource,) = planned["resources"]
    assert resource["actions"] == ["revise"]
    assert resource["changes"] == [{"field": "parameters.run.agg_type", "old": "AVG", "new": "SUM", "action": "revise"}]
    text = cli.ok("apply", *args, "-p", "agg=SUM", "--dry-run").out
    assert '~ parameters.run.agg_type: "AVG" -> "SUM"' in text
    assert writes(cli) == []
    revised = cli.ok("apply", *args, "-p", "agg=SUM", "--wait", "--wait-interval", "0.05").json()
    assert revised["resources"][0]["actions"] == ["revised"]
    assert cli.ok("apply", *args, "-p", "agg=SUM").json()["resources"][0]["actions"] == ["unchanged"]

    # A new release of the spec, named by the file: a revision on that release.
    cli.ok("specs", "create-release", spec_id, write(cli, "release.yaml", release))
    bumped = write(cli, "bumped.yaml", template.replace("version: 1.0.0", "version: 2.0.0"))
    dry = cli.ok("apply", bumped, "-p", f"spec={spec_id}", "--dry-run", "-o", "json").json()
    fields = [c["field"] for c in dry["resources"][0]["changes"]]
    assert fields == ["spec.release.version", "parameters.run.agg_type"]
    moved = cli.ok("apply", bumped, "-p", f"spec={spec_id}").json()
    assert moved["resources"][0]["actions"] == ["revised"]
    described = cli.ok("deployments", "describe-revision", "--deployment-id", deployment_id, "--revision", "3").json()
    assert described["spec"]["release"]["version"] == "2.0.0"

    # Another spec's file for the same deployment name is refused, not silently revised.
    other_spec = cli.ok(
        "specs",
        "create",
        write(cli, "other.yaml", sample_file("specs create").replace("service-block-private", "other")),
    ).json()["id"]
    cli.server.requests.clear()
    refused = cli("apply", bumped, "-p", f"spec={other_spec}")
    assert refused.code == 5
    assert f"deployment 'new-deployment' ({deployment_id}) deploys spec {spec_id}, not {other_spec}" in refused.err
    assert writes(cli) == []
