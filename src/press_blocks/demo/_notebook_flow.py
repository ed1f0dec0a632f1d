"""The usage notebook's flow, step by step, with the notebook's own payloads.

It runs through any client with the methods of ``peak.press.blocks.Block`` — ours, sync or
driven by the demo — so the demo and the end-to-end tests exercise exactly what users run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["NotebookFlow", "write_artifact_dir"]

_TAGS = [{"name": "sdk"}]
_WATCHERS: list[dict[str, Any]] = [
    {"user": "abc@peak.ai", "events": {"success": False, "fail": True}},
    {
        "webhook": {
            "name": "info",
            "url": "https://abc.com/post",
            "payload": '{ "pingback-url": "https:/workflow/123" }',
        },
        "events": {"success": False, "fail": True, "runtimeExceeded": 10},
    },
    {
        "email": {"name": "email-watcher-1", "recipients": {"to": ["user1@peak.ai", "user2@peak.ai"]}},
        "events": {"success": False, "fail": True, "runtimeExceeded": 10},
    },
]
_IMAGES = {
    "example-image": {
        "buildArguments": {"CHUNK_SIZE": "1000"},
        "context": ".",
        "dockerfile": "Dockerfile",
        "secrets": ["SECRET_1"],
        "useCache": False,
        "version": "0.0.1",
    }
}
_ENV = {"env": {"PARAM_1": "value1", "PARAM_2": "value2"}, "secrets": ["SECRET_1", "SECRET_2"]}
_RUN_PARAMETERS: dict[str, Any] = {
    "run": [
        {
            "defaultValue": "AVG",
            "description": "Select an aggregation function (e.g., AVG, SUM, COUNT)",
            "name": "agg_type",
            "required": False,
            "title": "Agg Type",
            "type": "string",
        },
        {
            "defaultValue": False,
            "description": "Enable email notifications",
            "name": "email_notifications",
            "required": False,
            "title": "Email Notifications",
            "type": "boolean",
        },
        {
            "defaultValue": 10,
            "description": "Select the number of iterations",
            "name": "num_iterations",
            "options": [
                {"title": "Low", "value": 10},
                {"title": "Medium", "value": 50},
                {"title": "High", "value": 100},
            ],
            "required": False,
            "title": "Number of Iterations",
            "type": "number",
        },
        {
            "defaultValue": ["input.csv", "output.csv"],
            "description": "Specify input and output file names",
            "name": "file_names",
            "required": True,
            "title": "File Names",
            "type": "string_array",
        },
    ]
}


def _metadata(name: str, title: str, kind: str) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "summary": f"Creating a new {kind} block spec.",
        "description": f"Creating a new {kind} block spec from SDK.",
        "descriptionContentType": "text/markdown",
        "imageUrl": "https://my-block-pics.com/image-0.jpg",
        "tags": copy.deepcopy(_TAGS),
    }


def _release(version: str, notes: str) -> dict[str, str]:
    return {"version": version, "notes": notes}


def _step(command: str, **image: Any) -> dict[str, Any]:
    return {"type": "standard", **image, "resources": {"instanceTypeId": 21, "storage": "10GB"}, "command": command}


def write_artifact_dir(root: Path) -> Path:
    """Write a small build context (Dockerfile, code, a .dockerignore and files it ignores)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "Dockerfile").write_text('FROM python:3.11-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n')
    (root / "main.py").write_text('print("hello from a Press block")\n')
    (root / "requirements.txt").write_text("pyyaml\n")
    (root / ".dockerignore").write_text("# not part of the image\n*.log\n.env\n__pycache__\n")
    (root / "debug.log").write_text("ignored\n")
    (root / ".env").write_text("SECRET=never-uploaded\n")
    return root


@dataclass
class NotebookFlow:
    """Runs the notebook's flow through ``client`` and reports each step through ``log``.

    ``link_to_app`` (optional) is called with the deployment id before related blocks are
    read, so an emulator can give the deployment a parent app; ``suffix`` keeps names unique
    when the flow runs against a shared tenant.
    """

    client: Any
    artifact_dir: Path
    log: Callable[[str, Any], None]
    link_to_app: Callable[[str], None] | None = None
    suffix: str = ""
    results: dict[str, Any] = field(default_factory=dict)

    def _do(self, step: str, action: Callable[[], Any]) -> Any:
        result = action()
        self.results[step] = result
        self.log(step, result)
        return result

    def _delete_spec(self, label: str, spec_id: str) -> None:
        self._do(f"delete_spec ({label})", lambda: self.client.delete_spec(spec_id))

    def run(self) -> dict[str, Any]:
        """Run every step; return each step's result by name. Any failure propagates."""
        client, s = self.client, self.suffix
        artifact = {"path": str(self.artifact_dir), "ignore_files": [".dockerignore"]}

        wf_private = self._do(
            "create_spec (private workflow)",
            lambda: client.create_spec(
                body={
                    "version": "1",
                    "kind": "workflow",
                    "metadata": _metadata(f"workflow-block-private{s}", "Workflow Block", "workflow"),
                    "release": _release("1.0.0", "This is the original release"),
                    "config": {
                        "triggers": [{"cron": "0 0 * * *"}],
                        "watchers": copy.deepcopy(_WATCHERS),
                        "images": copy.deepcopy(_IMAGES),
                        "steps": {
                            "step-1": _step("python main.py", imageRef="example-image"),
                            "step-2": _step("python main.py", imageDetails={"id": 1, "versionId": 1}),
                        },
                    },
                },
                artifact=artifact,
                featured=True,
                auto_run_on_deploy=True,
                scope="private",
                parameters=copy.deepcopy(_RUN_PARAMETERS),
            ),
        )
        wf_shared = self._do(
            "create_spec (shared workflow)",
            lambda: client.create_spec(
                body={
                    "version": "1",
                    "kind": "workflow",
                    "metadata": _metadata(f"workflow-block-shared{s}", "Workflow Block", "workflow"),
                    "release": _release("1.0.0", "This is the original release"),
                    "config": {
                        "triggers": [{"webhook": True}],
                        "watchers": copy.deepcopy(_WATCHERS),
                        "steps": {
                            "step-1": _step(
                                "python main.py", image={"context": ".", "dockerfile": "Dockerfile", "version": "0.0.1"}
                            )
                        },
                    },
                },
                artifact=artifact,
                featured=True,
                auto_run_on_deploy=True,
                scope="shared",
                tenants=["tenant1", "tenant2"],
            ),
        )
        svc_private = self._do(
            "create_spec (private web-app service)",
            lambda: client.create_spec(
                body={
                    "version": "1",
                    "kind": "service",
                    "metadata": _metadata(f"service-block-private{s}", "Web App type service block", "service"),
                    "release": _release("1.0.0", "This is the original release"),
                    "config": {
                        "serviceType": "web-app",
                        "imageDetails": {"id": 123, "versionId": 1},
                        "resources": {"instanceTypeId": 1},
                        "sessionStickiness": True,
                        "parameters": copy.deepcopy(_ENV),
                        "entrypoint": "python main.py",
                        "healthCheckURL": "/health",
                        "minInstances": 1,
                    },
                },
                featured=True,
                scope="private",
                parameters=copy.deepcopy(_RUN_PARAMETERS),
            ),
        )
        svc_shared = self._do(
            "create_spec (shared api service)",
            lambda: client.create_spec(
                body={
                    "version": "1",
                    "kind": "service",
                    "metadata": _metadata(f"service-block-shared{s}", "API type service block", "service"),
                    "release": _release("1.0.0", "This is the original release"),
                    "config": {
                        "serviceType": "api",
                        "image": {
                            "buildArguments": {"CHUNK_SIZE": "1000"},
                            "context": ".",
                            "dockerfile": "Dockerfile",
                            "version": "0.0.1",
                        },
                        "resources": {"instanceTypeId": 1},
                        "parameters": copy.deepcopy(_ENV),
                        "entrypoint": "python main.py",
                        "healthCheckURL": "/health",
                        "minInstances": 1,
                    },
                },
                artifact=artifact,
                featured=True,
                scope="shared",
                tenants=["tenant1", "tenant2"],
            ),
        )
        self._do("list_specs (first of the iterator)", lambda: next(client.list_specs()))
        self._do("describe_spec", lambda: client.describe_spec(wf_private["id"]))
        self._do(
            "update_spec_metadata",
            lambda: client.update_spec_metadata(
                spec_id=wf_private["id"],
                body={
                    "metadata": {
                        "name": f"updated-block-spec{s}",
                        "title": "Updated Spec Metadata",
                        "summary": "Updating block spec metadata.",
                        "description": "Updating block spec metadata from SDK.",
                        "descriptionContentType": "text/markdown",
                        "imageUrl": "https://my-block-pics.com/image-0.jpg",
                        "tags": copy.deepcopy(_TAGS),
                        "status": "available",
                    },
                    "featured": False,
                    "scope": "private",
                },
            ),
        )
        self._do(
            "create_spec_release (workflow 2.0.0)",
            lambda: client.create_spec_release(
                spec_id=wf_private["id"],
                body={
                    "config": {
                        "triggers": [],
                        "watchers": copy.deepcopy(_WATCHERS),
                        "images": copy.deepcopy(_IMAGES),
                        "steps": {
                            "step-1": _step("python main.py", imageRef="example-image"),
                            "step-2": {
                                **_step("python main.py", imageDetails={"id": 123, "versionId": 2}),
                                "resources": {"instanceTypeId": 21, "storage": "15GB"},
                            },
                        },
                    },
                    "release": _release("2.0.0", "This is a revised release"),
                },
                artifact=artifact,
                parameters=copy.deepcopy(_RUN_PARAMETERS),
                auto_run_on_deploy=True,
            ),
        )
        self._do(
            "create_spec_release (service 2.0.0)",
            lambda: client.create_spec_release(
                spec_id=svc_private["id"],
                body={
                    "config": {
                        "serviceType": "web-app",
                        "image": {
                            "buildArguments": {"CHUNK_SIZE": "100"},
                            "context": ".",
                            "dockerfile": "Dockerfile",
                            "version": "0.0.2",
                        },
                        "resources": {"instanceTypeId": 1},
                        "sessionStickiness": False,
                        "parameters": copy.deepcopy(_ENV),
                        "entrypoint": "python main.py",
                        "healthCheckURL": "/health",
                        "minInstances": 1,
                    },
                    "release": _release("2.0.0", "This is a revised release"),
                },
                artifact=artifact,
                parameters=copy.deepcopy(_RUN_PARAMETERS),
            ),
        )
        self._do("describe_spec_release", lambda: client.describe_spec_release(wf_private["id"], "2.0.0"))
        self._do(
            "list_spec_releases (first of the iterator)", lambda: next(client.list_spec_releases(wf_private["id"]))
        )
        run_values = {
            "agg_type": "AVG",
            "email_notifications": True,
            "num_iterations": 50,
            "file_names": ["input.csv", "output.csv"],
        }
        deployment = self._do(
            "create_deployment",
            lambda: client.create_deployment(
                {
                    "metadata": {
                        "description": "Creating a new workflow block deployment.",
                        "descriptionContentType": "text/markdown",
                        "imageUrl": "https://my-block-pics.com/image-0.jpg",
                        "name": f"new-deployment{s}",
                        "summary": "Creating new deployment.",
                        "tags": copy.deepcopy(_TAGS),
                        "title": "New Deployment",
                    },
                    "parameters": {"run": dict(run_values)},
                    "revision": {"notes": "This is the initial revision"},
                    "spec": {"id": wf_private["id"], "release": {"version": "1.0.0"}},
                }
            ),
        )
        deployment_id = deployment["id"]
        self._do("list_deployments (first of the iterator)", lambda: next(client.list_deployments()))
        self._do("describe_deployment", lambda: client.describe_deployment(deployment_id))
        self._do(
            "update_deployment_metadata",
            lambda: client.update_deployment_metadata(
                deployment_id,
                body={
                    "description": "Updating workflow deployment",
                    "descriptionContentType": "text/markdown",
                    "imageUrl": "https://my-spec-pics.com/image-1.jpg",
                    "name": f"updated-deployment{s}",
                    "summary": "Updating the deployment metadata",
                    "tags": copy.deepcopy(_TAGS),
                    "title": "Updated Deployment",
                },
            ),
        )
        self._do("get_parameters", lambda: client.get_parameters(deployment_id=deployment_id))
        self._do(
            "patch_parameters",
            lambda: client.patch_parameters(
                deployment_id=deployment_id,
                body={
                    "agg_type": "MAX",
                    "num_iterations": 10,
                    "email_notifications": False,
                    "file_names": ["input.csv", "output.csv"],
                },
            ),
        )
        revision = self._do(
            "create_deployment_revision (release 2.0.0)",
            lambda: client.create_deployment_revision(
                deployment_id,
                {
                    "parameters": {"run": dict(run_values)},
                    "revision": {"notes": "This is the second revision"},
                    "release": {"version": "2.0.0"},
                },
            ),
        )
        self._do(
            "describe_deployment_revision",
            lambda: client.describe_deployment_revision(deployment_id, revision["revision"]),
        )
        self._do(
            "list_deployment_revisions (first of the iterator)",
            lambda: next(client.list_deployment_revisions(deployment_id)),
        )
        self._do("redeploy", lambda: client.redeploy(deployment_id))
        if self.link_to_app is not None:
            self.link_to_app(deployment_id)
        self._do("get_related_block_details", lambda: client.get_related_block_details(deployment_id=deployment_id))
        self._do("delete_deployment", lambda: client.delete_deployment(deployment_id))
        for label, spec in (
            ("private workflow", wf_private),
            ("shared workflow", wf_shared),
            ("private service", svc_private),
            ("shared service", svc_shared),
        ):
            self._delete_spec(label, spec["id"])
        return self.results
