"""Every ``specs`` and ``deployments`` command, end to end: a subprocess against the emulator over loopback."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.cli._run import Cli

# The library's waiter, polling fast: the emulator deploys after a few describes.
FAST_WAIT = ("--wait-interval", "0.05")

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]


def generate(cli: Cli, command: str, name: str, **replace: str) -> Path:
    """Write ``press-blocks <command> --generate`` to ``name``, with text replacements."""
    text = cli.ok(*command.split(), "--generate").out
    for old, new in replace.items():
        text = text.replace(old, new)
    path = cli.cwd / name
    path.write_text(text, encoding="utf-8")
    return path


def create_spec(cli: Cli) -> str:
    generate(cli, "specs create", "spec.yaml")
    return str(cli.ok("specs", "create", "spec.yaml").json()["id"])


def test_specs_commands(cli: Cli) -> None:
    spec_id = create_spec(cli)
    assert cli.ok("specs", "describe", spec_id).json()["metadata"]["name"] == "service-block-private"

    page = cli.ok("specs", "list", "--page-size", "5").json()
    assert [spec["id"] for spec in page["specs"]] == [spec_id]
    listed = yaml.safe_load(cli.ok("specs", "list", "-o", "yaml").out)
    assert listed["specs"][0]["id"] == spec_id
    table = cli.ok("specs", "list", "-o", "table").out.splitlines()
    assert table[0] == "Block Specs (Total = 1)"
    assert table[1].split() == ["ID", "Kind", "Name", "Status", "Latest", "Release", "Tags"]
    assert table[3].split() == [spec_id, "service", "service-block-private", "available", "1.0.0", "sdk"]
    assert table[-1] == "Page 1 of 1"

    # Comma-separated values are split, and repeating the option adds to them: the wire gets one key each.
    cli.server.requests.clear()
    filtered = cli.ok("specs", "list", "--status", "available,archived", "--status", "unavailable", "--featured")
    assert filtered.json()["specs"] == []  # the spec is not featured
    (record,) = cli.server.requests.records()
    assert [value for key, value in record.query if key == "status"] == ["available", "archived", "unavailable"]
    assert ("featured", "true") in [tuple(pair) for pair in record.query]
    assert [s["id"] for s in cli.ok("specs", "list", "--scope", "private,public", "--name", "service").json()["specs"]]

    (cli.cwd / "description.md").write_text("# A described spec\n", encoding="utf-8")
    generate(cli, "specs update-metadata", "metadata.yaml")
    updated = cli.ok("specs", "update-metadata", spec_id, "metadata.yaml", "-d", "description.md").json()
    assert updated["metadata"]["name"] == "updated-block-spec"
    assert updated["metadata"]["description"] == "# A described spec\n"

    (cli.cwd / "notes.txt").write_text("Notes from a file", encoding="utf-8")
    generate(cli, "specs create-release", "release.yaml")
    created = cli.ok("specs", "create-release", spec_id, "release.yaml", "-n", "notes.txt", "-o", "yaml")
    assert yaml.safe_load(created.out) == {"id": spec_id, "release": {"version": "2.0.0"}}
    release = cli.ok("specs", "describe-release", "--spec-id", spec_id, "--version", "2.0.0").json()
    assert release["notes"] == "Notes from a file"
    releases = cli.ok("specs", "list-releases", "--spec-id", spec_id, "--sort", "createdAt:asc").json()
    assert [r["version"] for r in releases["releases"]] == ["1.0.0", "2.0.0"]
    table = cli.ok("specs", "list-releases", "--spec-id", spec_id, "-o", "table").out.splitlines()
    assert table[0] == "Block Spec Releases (Total = 2)"
    assert table[1].split()[:2] == ["ID", "Version"]

    # validate: as a new spec (another name), and as a release of the spec; nothing is created.
    generate(cli, "specs create", "other.yaml", **{"service-block-private": "other-spec"})
    assert cli.ok("specs", "validate", "other.yaml").json()["success"] is True
    generate(cli, "specs create-release", "release3.yaml", **{"version: 2.0.0": "version: 3.0.0"})
    assert cli.ok("specs", "validate", "release3.yaml", "--spec-id", spec_id).json()["success"] is True
    assert cli.ok("specs", "list").json()["specCount"] == 1
    assert len(cli.ok("specs", "list-releases", "--spec-id", spec_id).json()["releases"]) == 2

    cli.ok("specs", "delete", spec_id)
    assert cli("specs", "describe", spec_id).code == 4


def test_deployments_commands(cli: Cli) -> None:
    spec_id = create_spec(cli)
    generate(cli, "specs create-release", "release.yaml")
    cli.ok("specs", "create-release", spec_id, "release.yaml")
    cli.server.set_transition("describes:2")

    generate(cli, "deployments create", "deployment.yaml", **{"0bddb4c6-40c5-45c3-b477-fceb2c051609": "{{ spec }}"})
    (cli.cwd / "params.yaml").write_text("spec: overridden-by-p\n", encoding="utf-8")
    created = cli.ok(
        "deployments", "create", "deployment.yaml", "-v", "params.yaml", "-p", f"spec={spec_id}", "--wait", *FAST_WAIT
    )
    deployment_id = created.json()["id"]
    assert f"deployment {deployment_id} revision 1 is deployed" in created.err
    described = cli.ok("deployments", "describe", deployment_id).json()
    assert described["latestRevision"]["status"] == "deployed"
    assert described["spec"]["id"] == spec_id

    listed = cli.ok("deployments", "list", "--status", "deployed", "--name", "new-").json()
    assert [d["id"] for d in listed["deployments"]] == [deployment_id]
    table = cli.ok("deployments", "list", "-o", "table").out.splitlines()
    assert table[0] == "Block Deployments (Total = 1)"
    assert table[3].split()[:2] == [deployment_id, "service"]
    assert "deployed" in table[3].split()

    generate(cli, "deployments update-metadata", "metadata.yaml")
    (cli.cwd / "about.md").write_text("About this deployment", encoding="utf-8")
    updated = cli.ok("deployments", "update-metadata", deployment_id, "metadata.yaml", "-d", "about.md").json()
    assert updated["metadata"]["description"] == "About this deployment"

    generate(cli, "deployments create-revision", "revision.yaml")
    (cli.cwd / "revision-notes.md").write_text("Second, from a file", encoding="utf-8")
    revised = cli.ok(
        "deployments",
        "create-revision",
        deployment_id,
        "revision.yaml",
        "--revision-notes-file",
        "revision-notes.md",
        "--wait",
        *FAST_WAIT,
    )
    assert revised.json() == {"id": deployment_id, "revision": 2}
    revision = cli.ok("deployments", "describe-revision", "--deployment-id", deployment_id, "--revision", "2").json()
    assert revision["notes"] == "Second, from a file"
    assert revision["spec"]["release"]["version"] == "2.0.0"

    redeployed = cli.ok("deployments", "redeploy", deployment_id, "--wait", "--wait-timeout", "30", *FAST_WAIT)
    assert redeployed.json()["revision"] == 3
    assert f"deployment {deployment_id} revision 3 is deployed" in redeployed.err
    revisions = cli.ok("deployments", "list-revisions", deployment_id, "--sort", "createdAt:asc").json()
    assert [r["revision"] for r in revisions["revisions"]] == [1, 2, 3]
    table = cli.ok("deployments", "list-revisions", deployment_id, "-o", "table").out.splitlines()
    assert table[0] == "Block Deployment Revisions (Total = 3)"
    assert table[1].split() == ["ID", "Notes", "Revision", "Status"]

    generate(cli, "deployments patch-parameters", "patch.yaml")
    patched = cli.ok("deployments", "patch-parameters", deployment_id, "patch.yaml").json()
    wanted = yaml.safe_load((cli.cwd / "patch.yaml").read_text(encoding="utf-8"))["body"]
    assert {key: patched[key] for key in wanted} == wanted
    got = yaml.safe_load(cli.ok("deployments", "get-parameters", "--deployment-id", deployment_id, "-o", "yaml").out)
    assert got == patched
    (cli.cwd / "fallback.yaml").write_text("agg_type: MIN\n", encoding="utf-8")
    fallback = cli.ok("deployments", "get-parameters", "--fallback-params-file", "fallback.yaml").json()
    assert fallback == {"agg_type": "MIN"}

    app_id = cli.server.add_app_deployment(
        {
            "kind": "app",
            "latestRevision": {
                "revision": 1,
                "status": "deployed",
                "blocks": [{"deploymentId": deployment_id, "platformId": "p-1"}],
            },
        },
        children=[deployment_id],
    )
    assert app_id
    related = cli.ok("deployments", "get-related-block-details", "--deployment-id", deployment_id).json()
    assert [block["id"] for block in related] == [deployment_id]

    cli.ok("deployments", "delete", deployment_id)
    assert cli("deployments", "describe", deployment_id).code == 4


def test_a_positional_is_required_without_generate(cli: Cli) -> None:
    result = cli("specs", "create-release", "some-spec")
    assert result.code == 2
    assert result.err.strip() == (
        "press-blocks: specs create-release: the FILE argument is required "
        "(see 'press-blocks specs create-release --help')"
    )
    result = cli("specs", "describe-release", "--spec-id", "s")
    assert result.code == 2
    assert result.err.strip() == (
        "press-blocks: specs describe-release: the following arguments are required: --version "
        "(see 'press-blocks specs describe-release --help')"
    )


def test_version_help_and_completion(cli: Cli) -> None:
    from press_blocks import __version__

    assert cli.ok("--version").out.strip() == f"press-blocks {__version__}"
    assert "Exit codes: 0 ok" in cli.ok("deployments", "create", "--help").out
    script = cli.ok("completion", "bash").out
    for word in ("create-release", "get-related-block-details", "--params-file", "apply"):
        assert word in script
    assert "compdef" in cli.ok("completion", "zsh").out
    (cli.cwd / "completion.bash").write_text(script, encoding="utf-8")
    completed = subprocess.run(
        [
            "bash",
            "-c",
            "source completion.bash; COMP_WORDS=(press-blocks deployments cre); COMP_CWORD=2; "
            'COMP_LINE="press-blocks deployments cre"; COMP_POINT=${#COMP_LINE}; '
            '_shtab_press_blocks press-blocks cre deployments; echo "${COMPREPLY[@]}"',
        ],
        cwd=cli.cwd,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert completed.stdout.split() == ["create", "create-revision"]


def test_a_spec_with_an_artifact_uploads_its_build_context(cli: Cli) -> None:
    context = cli.cwd / "context"
    context.mkdir()
    (context / "Dockerfile").write_text("FROM python:3.11-slim\n", encoding="utf-8")
    (context / "main.py").write_text("print('hello')\n", encoding="utf-8")
    (cli.cwd / "spec.yaml").write_text(
        textwrap.dedent(
            """\
            body:
              version: '1'
              kind: service
              metadata: {name: built, summary: An API built from its context.}
              release: {version: 1.0.0, notes: First}
              config:
                serviceType: api
                image: {context: ., dockerfile: Dockerfile, version: 0.0.1}
                resources: {instanceTypeId: 1}
                entrypoint: python main.py
                healthCheckURL: /health
                minInstances: 1
            artifact:
              path: {{ context }}
            """
        ),
        encoding="utf-8",
    )
    spec_id = cli.ok("specs", "create", "spec.yaml", "-p", "context=context").json()["id"]
    (upload,) = [r for r in cli.server.requests.records() if r.operation_id == "createSpec"]
    assert upload.body_size > 200  # a multipart form with the zip in it
    release = cli.ok("specs", "describe-release", "--spec-id", spec_id, "--version", "1.0.0").json()
    assert release["artifact"]["id"]
    missing = cli("specs", "create", "spec.yaml", "-p", "context=nowhere")
    assert missing.code == 2
    assert "ArtifactPathError" in missing.err


def test_apply_help_gives_the_exit_code_a_stale_plan_has(cli: Cli) -> None:
    from press_blocks._cli._errors import ExitCode

    help_text = " ".join(cli.ok("apply", "--help").out.split())
    assert f"refusing (exit {int(ExitCode.PLAN_STALE)}) when the service changed since" in help_text
