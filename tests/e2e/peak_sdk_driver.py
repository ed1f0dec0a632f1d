"""Run the notebook's Press blocks flow with the official client, peak-sdk 1.29.0, against the emulator.

Run by the python of ``.venv-peak`` (see ``tests/_peak_sdk.py``), never by the project's own
environment: ``python peak_sdk_driver.py BASE_URL``. It points peak-sdk at ``BASE_URL``,
switches off its non-Press side traffic (the tenant-metadata call in ``Session()`` and the
telemetry thread of every call), runs every step of the notebook with the notebook's own
payloads (the ``components/examples`` of the OpenAPI document), prints each step and exits
non-zero at the first failure.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import yaml

DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "press-blocks.yaml"


def point_peak_sdk_at(base_url: str) -> None:
    """Patch peak-sdk so Press calls go to ``base_url`` and nothing else leaves the process."""
    import peak.helpers
    import peak.session
    import peak.telemetry

    def get_base_domain(stage: str, subdomain: str | None = "service") -> str:
        # Only the `press` subdomain is emulated; any other would be a bug in this driver.
        return base_url if subdomain == "press" else "http://non-press-traffic.invalid"

    for module in (peak.helpers, peak.session, peak.telemetry):
        module.get_base_domain = get_base_domain  # type: ignore[attr-defined]

    def no_spoke(self: Any) -> None:
        # Session() would GET tenant metadata from the `service` subdomain; Press does not use it.
        self.is_spoke_tenant = False
        self.spoke_domain = ""

    peak.session.Session._set_spoke_domain = no_spoke  # type: ignore[method-assign]

    class NoTelemetry:
        """Stands in for threading.Thread in peak.telemetry only: the telemetry POST never starts."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def start(self) -> None:
            pass

    peak.telemetry.threading = types.SimpleNamespace(Thread=NoTelemetry)  # type: ignore[attr-defined]


class Flow:
    def __init__(self, base_url: str, artifact_dir: Path) -> None:
        from peak.press import blocks

        self.base_url = base_url
        self.client = blocks.get_client()
        self.examples = {
            k: v["value"] for k, v in yaml.safe_load(DOCUMENT.read_text())["components"]["examples"].items()
        }
        self.artifact = {"path": str(artifact_dir), "ignore_files": [".dockerignore"]}
        self.step_count = 0

    def example(self, name: str) -> Any:
        return json.loads(json.dumps(self.examples[name]))

    def step(self, name: str, action: Callable[[], Any], check: Callable[[Any], object] | None = None) -> Any:
        self.step_count += 1
        result = action()
        if check is not None:
            outcome = check(result)
            if outcome is False:
                raise AssertionError(f"step {name!r} returned an unexpected result: {result!r}")
        shown = json.dumps(result, default=str)
        print(f"[{self.step_count:02d}] ok  {name}: {shown[:150]}{'…' if len(shown) > 150 else ''}", flush=True)
        return result

    def run(self) -> None:
        c = self.client
        params = self.example("parameterDefinitions")
        wf_private = self.step(
            "create_spec (workflow, private, artifact + parameters)",
            lambda: c.create_spec(
                body=self.example("workflowPrivateSpecBody"),
                artifact=self.artifact,
                featured=True,
                auto_run_on_deploy=True,
                scope="private",
                parameters=params,
            ),
            lambda r: "id" in r,
        )
        self.step(
            "create_spec (workflow, shared with tenants)",
            lambda: c.create_spec(
                body=self.example("workflowSharedSpecBody"),
                artifact=self.artifact,
                featured=True,
                auto_run_on_deploy=True,
                scope="shared",
                tenants=["tenant1", "tenant2"],
            ),
            lambda r: "id" in r,
        )
        self.step(
            "create_spec (service, private, no artifact)",
            lambda: c.create_spec(
                body=self.example("servicePrivateSpecBody"), featured=True, scope="private", parameters=params
            ),
            lambda r: "id" in r,
        )
        svc_shared = self.step(
            "create_spec (service, shared, artifact)",
            lambda: c.create_spec(
                body=self.example("serviceSharedSpecBody"),
                artifact=self.artifact,
                featured=True,
                scope="shared",
                tenants=["tenant1", "tenant2"],
            ),
            lambda r: "id" in r,
        )
        invalid_name = self.example("workflowPrivateSpecBody")
        invalid_name["metadata"]["name"] = "only-validated"
        self.step(
            "create_spec(validate=True)",
            lambda: c.create_spec(body=invalid_name, artifact=self.artifact, validate=True),
            lambda r: r.get("success") is True,
        )
        self.step("list_specs (iterator, first item)", lambda: next(c.list_specs()), lambda r: "id" in r)
        self.step("list_specs (all pages)", lambda: [s["id"] for s in c.list_specs(page_size=3)], lambda r: len(r) == 4)
        self.step(
            "list_specs(featured=True) — query boolean sent as 'True'",
            lambda: c.list_specs(featured=True, status=["available"], return_iterator=False),
            lambda r: r["specCount"] == 4,
        )
        self.step(
            "describe_spec",
            lambda: c.describe_spec(wf_private["id"]),
            lambda r: r["latestRelease"]["version"] == "1.0.0" and r["latestRelease"]["artifact"]["version"] == 1,
        )
        self.step(
            "update_spec_metadata",
            lambda: c.update_spec_metadata(wf_private["id"], body=self.example("updateSpecMetadataBody")),
            lambda r: r["metadata"]["name"] == "updated-block-spec",
        )
        self.step(
            "create_spec_release (workflow 2.0.0, artifact + parameters)",
            lambda: c.create_spec_release(
                spec_id=wf_private["id"],
                body=self.example("workflowReleaseBody"),
                artifact=self.artifact,
                parameters=params,
                auto_run_on_deploy=True,
            ),
            lambda r: r["release"]["version"] == "2.0.0",
        )
        self.step(
            "create_spec_release (service 2.0.0)",
            lambda: c.create_spec_release(
                spec_id=svc_shared["id"],
                body=self.example("serviceReleaseBody"),
                artifact=self.artifact,
                parameters=params,
            ),
            lambda r: r["release"]["version"] == "2.0.0",
        )
        self.step(
            "describe_spec_release",
            lambda: c.describe_spec_release(wf_private["id"], "2.0.0"),
            lambda r: r["version"] == "2.0.0" and r["artifact"]["version"] == 2,
        )
        self.step(
            "list_spec_releases (iterator)",
            lambda: [r["version"] for r in c.list_spec_releases(wf_private["id"])],
            lambda r: r == ["2.0.0", "1.0.0"],
        )
        body = self.example("createDeploymentBody")
        body["spec"]["id"] = wf_private["id"]
        deployment = self.step("create_deployment (from 1.0.0)", lambda: c.create_deployment(body), lambda r: "id" in r)
        dep_id = deployment["id"]
        self.step(
            "list_deployments (iterator)",
            lambda: [d["id"] for d in c.list_deployments()],
            lambda r: r == [dep_id],
        )
        self.step(
            "describe_deployment",
            lambda: c.describe_deployment(dep_id),
            lambda r: r["latestRevision"]["revision"] == 1 and r["spec"]["release"]["currentVersion"] == "1.0.0",
        )
        self.step(
            "update_deployment_metadata",
            lambda: c.update_deployment_metadata(dep_id, body=self.example("updateDeploymentMetadataBody")),
            lambda r: r["metadata"]["name"] == "updated-deployment",
        )
        self.step(
            "get_parameters(deployment_id=...)",
            lambda: c.get_parameters(deployment_id=dep_id),
            lambda r: r == self.example("runParameters"),
        )
        self.step(
            "patch_parameters",
            lambda: c.patch_parameters(deployment_id=dep_id, body=self.example("patchParametersBody")),
            lambda r: r == self.example("patchParametersBody"),
        )
        revision = self.step(
            "create_deployment_revision (release 2.0.0)",
            lambda: c.create_deployment_revision(dep_id, self.example("createRevisionBody")),
            lambda r: r["revision"] == 2,
        )
        self.step(
            "describe_deployment_revision",
            lambda: c.describe_deployment_revision(dep_id, revision["revision"]),
            lambda r: r["spec"]["release"]["version"] == "2.0.0",
        )
        # peak-sdk's iterator reads the key `deployments` for revisions; the API sends `revisions`.
        self.step(
            "list_deployment_revisions(return_iterator=False)",
            lambda: c.list_deployment_revisions(dep_id, return_iterator=False),
            lambda r: [x["revision"] for x in r["revisions"]] == [2, 1] and r["revisionCount"] == 2,
        )
        self.step("redeploy", lambda: c.redeploy(dep_id), lambda r: r["revision"] == 3 and r["deploymentId"] == dep_id)
        app = self.example("describeAppDeploymentResponse")
        app["latestRevision"]["blocks"][1]["deploymentId"] = dep_id
        seeded = requests.post(
            f"{self.base_url}/_emulator/seed", json={"appDeployments": [{**app, "children": [dep_id]}]}, timeout=30
        )
        seeded.raise_for_status()
        self.step("seed an app deployment owning the deployment (control endpoint)", seeded.json)
        self.step(
            "get_related_block_details(deployment_id=...)",
            lambda: c.get_related_block_details(deployment_id=dep_id),
            lambda r: [b["id"] for b in r] == ["12345", dep_id] and r[1]["resource_id"] is None,
        )
        self.step("delete_deployment", lambda: c.delete_deployment(dep_id), lambda r: r == {})
        self.step("delete_spec", lambda: c.delete_spec(wf_private["id"]), lambda r: r == {})
        self.step(
            "list_specs after delete",
            lambda: c.list_specs(return_iterator=False),
            lambda r: r["specCount"] == 3,
        )


def write_artifact_dir(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Dockerfile").write_text('FROM python:3.11-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n')
    (root / "main.py").write_text('print("hello from a Press block")\n')
    (root / ".dockerignore").write_text("*.log\n")
    (root / "debug.log").write_text("left out of the artifact\n")
    return root


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: peak_sdk_driver.py BASE_URL", file=sys.stderr)
        return 2
    base_url = argv[0].rstrip("/")
    os.environ["PEAK_AUTH_TOKEN"] = os.environ.get("PEAK_AUTH_TOKEN") or "peak-sdk-driver-token"
    os.environ.pop("PRESS_DEPLOYMENT_ID", None)  # it would override every deployment_id argument
    point_peak_sdk_at(base_url)
    with tempfile.TemporaryDirectory(prefix="peak-sdk-driver-") as scratch:
        flow = Flow(base_url, write_artifact_dir(Path(scratch) / "artifact"))
        try:
            flow.run()
        except Exception:
            print(f"[{flow.step_count + 1:02d}] FAILED", flush=True)
            traceback.print_exc()
            return 1
    print(f"peak-sdk ran all {flow.step_count} steps of the notebook flow against {base_url}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
