"""The emulated API end to end over real HTTP on 127.0.0.1: every operation, its rules and its errors.

Every response goes through ``assert_conforms`` (openapi-core against the document).
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
import pytest

from press_blocks.emulator import RunningEmulator
from tests.emulator._payloads import (
    create_deployment,
    create_spec,
    deployment_body,
    example,
    form,
    post_form,
    spec_body,
    zip_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
EMPTY_JSON = {"Content-Type": "application/json"}


def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, f"expected {status}, got {response.status_code}: {response.text}"
    body = response.json()
    assert body["statusCode"] == status
    assert isinstance(body["message"], str)
    assert body["message"]
    return str(body["detail"])


# --- the notebook's flow: every operation -------------------------------------------------


def test_the_notebook_flow_covers_every_operation(client: httpx.Client, server: RunningEmulator) -> None:
    params = example("parameterDefinitions")
    workflow_private = create_spec(
        client,
        spec_body("workflowPrivateSpecBody"),
        parameters=params,
        featured="true",
        autoRunOnDeploy="true",
        scope="private",
    )
    workflow_shared = create_spec(
        client,
        spec_body("workflowSharedSpecBody"),
        parameters=None,
        featured="true",
        scope="shared",
        tenants=["tenant1", "tenant2"],
    )
    service_private = create_spec(
        client, spec_body("servicePrivateSpecBody"), artifact=False, parameters=params, featured="true", scope="private"
    )
    service_shared = create_spec(
        client, spec_body("serviceSharedSpecBody"), featured="true", scope="shared", tenants=["tenant1", "tenant2"]
    )
    ids = [workflow_private, workflow_shared, service_private, service_shared]
    assert all(UUID4.match(i) for i in ids)
    assert len(set(ids)) == 4

    listed = client.get("/v1/blocks/specs/").json()
    assert listed["specCount"] == 4
    assert (listed["pageCount"], listed["pageNumber"], listed["pageSize"]) == (1, 1, 25)
    assert [s["id"] for s in listed["specs"]] == list(reversed(ids)), "newest first by default"
    shared = next(s for s in listed["specs"] if s["id"] == workflow_shared)
    assert shared["scope"] == "shared"
    assert shared["tenants"] == ["tenant1", "tenant2"]
    assert shared["featured"] is True

    spec = client.get(f"/v1/blocks/specs/{workflow_private}").json()
    assert spec["kind"] == "workflow"
    assert spec["metadata"]["status"] == "available"
    assert spec["metadata"]["createdBy"] == "emulator@peak.ai"
    assert TIMESTAMP.match(spec["metadata"]["createdAt"])
    latest = spec["latestRelease"]
    assert latest["version"] == "1.0.0"
    assert latest["autoRunOnDeploy"] is True
    assert latest["artifact"] == {"id": latest["artifact"]["id"], "version": 1}
    assert latest["config"] == example("workflowPrivateSpecBody")["config"]
    assert [p["name"] for p in spec["parameters"]["run"]] == [p["name"] for p in params["run"]]
    assert "artifact" not in client.get(f"/v1/blocks/specs/{service_private}").json()["latestRelease"]

    update = example("updateSpecMetadataBody")
    updated = client.patch(f"/v1/blocks/specs/{workflow_private}", json=update).json()
    assert updated["metadata"]["name"] == "updated-block-spec"
    assert updated["featured"] is False
    assert updated["metadata"]["updatedAt"] > updated["metadata"]["createdAt"]

    release_body = example("workflowReleaseBody")
    created = post_form(
        client,
        f"/v1/blocks/specs/{workflow_private}/releases",
        form(release_body, parameters=params, autoRunOnDeploy="true"),
        artifact=zip_bytes(),
    )
    assert created.status_code == 201
    assert created.json() == {"id": workflow_private, "release": {"version": "2.0.0"}}
    release = client.get(f"/v1/blocks/specs/{workflow_private}/releases/2.0.0").json()
    assert release["version"] == "2.0.0"
    assert release["notes"] == "This is a revised release"
    assert release["artifact"]["version"] == 2
    assert release["artifact"]["id"] == latest["artifact"]["id"]
    assert client.get(f"/v1/blocks/specs/{workflow_private}").json()["latestRelease"]["version"] == "2.0.0"
    releases = client.get(f"/v1/blocks/specs/{workflow_private}/releases").json()
    assert releases["releaseCount"] == 2
    assert [r["version"] for r in releases["releases"]] == ["2.0.0", "1.0.0"]

    deployment_id = create_deployment(client, workflow_private, name="new-deployment")
    deployments = client.get("/v1/blocks/deployments/").json()
    assert deployments["deploymentCount"] == 1
    summary = deployments["deployments"][0]
    assert summary["spec"] == {"id": workflow_private, "release": {"currentVersion": "1.0.0", "latestVersion": "2.0.0"}}
    described = client.get(f"/v1/blocks/deployments/{deployment_id}").json()
    assert described["kind"] == "workflow"
    assert described["parent"] is None
    assert described["latestRevision"]["revision"] == 1
    assert described["latestRevision"]["status"] == "deployed"
    assert described["metadata"]["status"] == "deployed"
    assert described["latestRevision"]["resources"][0]["kind"] == "workflow"
    run = {p["name"]: p["value"] for p in described["parameters"]["run"]}
    assert run == example("runParameters")
    assert described["parameters"]["build"] == []

    renamed = client.patch(f"/v1/blocks/deployments/{deployment_id}", json=example("updateDeploymentMetadataBody"))
    assert renamed.json()["metadata"]["name"] == "updated-deployment"
    assert renamed.json()["metadata"]["title"] == "Updated Deployment"

    assert client.get(f"/v1/deployments/{deployment_id}/parameters/run").json() == example("runParameters")
    patched = client.patch(f"/v1/deployments/{deployment_id}/parameters/run", json={"agg_type": "MAX"}).json()
    assert patched == {**example("runParameters"), "agg_type": "MAX"}

    revision = client.post(f"/v1/blocks/deployments/{deployment_id}/revisions", json=example("createRevisionBody"))
    assert revision.status_code == 201
    assert revision.json() == {"id": deployment_id, "revision": 2}
    second = client.get(f"/v1/blocks/deployments/{deployment_id}/revisions/2").json()
    assert second["spec"] == {"id": workflow_private, "release": {"version": "2.0.0"}}
    assert second["notes"] == "This is the second revision"
    first = client.get(f"/v1/blocks/deployments/{deployment_id}/revisions/1").json()
    assert first["status"] == "superseded"
    revisions = client.get(f"/v1/blocks/deployments/{deployment_id}/revisions").json()
    assert revisions["revisionCount"] == 2
    assert [r["revision"] for r in revisions["revisions"]] == [2, 1]

    redeployed = client.post(f"/v1/blocks/deployments/{deployment_id}/redeploy", content=b"{}", headers=EMPTY_JSON)
    assert redeployed.status_code == 201
    body = redeployed.json()
    assert body["deploymentId"] == deployment_id
    assert body["revision"] == 3
    assert UUID4.match(body["revisionId"])

    app_id = server.add_app_deployment(
        example("describeAppDeploymentResponse") | {"id": None}, children=[deployment_id]
    )
    assert client.get(f"/v1/blocks/deployments/{deployment_id}").json()["parent"] == {"id": app_id}
    app = client.get(f"/v1/apps/deployments/{app_id}").json()
    assert [b["deploymentId"] for b in app["latestRevision"]["blocks"]] == [
        "12345",
        "e04e308d-98dc-4443-bb02-c4ef990a3fdc",
    ]

    conflict = client.delete(f"/v1/blocks/specs/{workflow_private}")
    assert "deployment" in error_of(conflict, 409)
    deleted = client.delete(f"/v1/blocks/deployments/{deployment_id}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.delete(f"/v1/blocks/specs/{workflow_private}").status_code == 204
    error_of(client.get(f"/v1/blocks/specs/{workflow_private}/releases/1.0.0"), 404)
    error_of(client.get(f"/v1/blocks/specs/{workflow_private}/releases"), 404)
    assert client.get("/v1/blocks/specs/").json()["specCount"] == 3


# --- lists: filters, sorting, paging ------------------------------------------------------


def test_list_specs_filters_sorts_and_pages(client: httpx.Client) -> None:
    made = []
    for index, (kind_example, scope, featured) in enumerate(
        [
            ("workflowPrivateSpecBody", "private", "true"),
            ("servicePrivateSpecBody", "public", "false"),
            ("workflowPrivateSpecBody", "shared", "false"),
            ("servicePrivateSpecBody", "private", "true"),
            ("workflowPrivateSpecBody", "public", "true"),
        ]
    ):
        body = spec_body(kind_example, name=f"spec-{index}")
        body["metadata"]["title"] = f"Title {4 - index}"
        made.append(create_spec(client, body, artifact=False, scope=scope, featured=featured))

    def names(**params: Any) -> list[str]:
        return [s["metadata"]["name"] for s in client.get("/v1/blocks/specs/", params=params).json()["specs"]]

    assert names() == ["spec-4", "spec-3", "spec-2", "spec-1", "spec-0"]
    assert names(sort="createdAt:asc") == ["spec-0", "spec-1", "spec-2", "spec-3", "spec-4"]
    assert names(sort="title") == ["spec-4", "spec-3", "spec-2", "spec-1", "spec-0"]
    assert names(sort="name:desc") == ["spec-4", "spec-3", "spec-2", "spec-1", "spec-0"]
    assert names(sort=["createdBy", "name:asc"]) == ["spec-0", "spec-1", "spec-2", "spec-3", "spec-4"]
    assert names(scope=["public", "shared"]) == ["spec-4", "spec-2", "spec-1"]
    assert names(featured="true") == ["spec-4", "spec-3", "spec-0"]
    assert names(featured="False") == ["spec-2", "spec-1"]
    assert names(name="spec-3") == ["spec-3"]
    assert names(name="nope") == []
    assert names(title="Title 1") == ["spec-3"]
    assert names(status="available") == names()
    assert names(status=["archived", "unavailable"]) == []

    page = client.get("/v1/blocks/specs/", params={"pageSize": 2, "pageNumber": 3}).json()
    assert (page["specCount"], page["pageCount"], page["pageNumber"], page["pageSize"]) == (5, 3, 3, 2)
    assert [s["id"] for s in page["specs"]] == [made[0]]
    beyond = client.get("/v1/blocks/specs/", params={"pageSize": 2, "pageNumber": 9}).json()
    assert beyond["specs"] == []
    assert beyond["pageCount"] == 3
    empty = client.get("/v1/blocks/specs/", params={"name": "zzz"}).json()
    assert (empty["specCount"], empty["pageCount"]) == (0, 0)

    archived = client.patch(f"/v1/blocks/specs/{made[1]}", json={"metadata": {"status": "archived"}})
    assert archived.json()["metadata"]["status"] == "archived"
    assert names(status="archived") == ["spec-1"]


def test_list_deployments_and_revisions_filter_sort_and_page(client: httpx.Client) -> None:
    spec_id = create_spec(client)
    ids = [create_deployment(client, spec_id, name=f"dep-{i}") for i in range(3)]
    listing = client.get("/v1/blocks/deployments/", params={"sort": "name:asc", "pageSize": 2}).json()
    assert [d["metadata"]["name"] for d in listing["deployments"]] == ["dep-0", "dep-1"]
    assert (listing["deploymentCount"], listing["pageCount"]) == (3, 2)
    assert client.get("/v1/blocks/deployments/", params={"name": "dep-2"}).json()["deploymentCount"] == 1
    assert client.get("/v1/blocks/deployments/", params={"status": "deploying"}).json()["deploymentCount"] == 0
    assert client.get("/v1/blocks/deployments/", params={"status": "deployed"}).json()["deploymentCount"] == 3
    for _ in range(2):
        client.post(f"/v1/blocks/deployments/{ids[0]}/revisions", json={"revision": {"notes": "again"}})
    revisions = client.get(f"/v1/blocks/deployments/{ids[0]}/revisions", params={"sort": "createdAt:asc"}).json()
    assert [r["revision"] for r in revisions["revisions"]] == [1, 2, 3]
    superseded = client.get(f"/v1/blocks/deployments/{ids[0]}/revisions", params={"status": "superseded"}).json()
    assert [r["revision"] for r in superseded["revisions"]] == [2, 1]
    releases = client.get(f"/v1/blocks/specs/{spec_id}/releases", params={"sort": "createdBy:desc"}).json()
    assert releases["releaseCount"] == 1


# --- rules of specs and releases ------------------------------------------------------------


def test_release_versions_must_be_increasing_semantic_versions(client: httpx.Client) -> None:
    spec_id = create_spec(client, parameters={})
    url = f"/v1/blocks/specs/{spec_id}/releases"

    def release(version: str) -> httpx.Response:
        body = {"release": {"version": version, "notes": "n"}, "config": {"steps": {}}}
        return post_form(client, url, form(body))

    assert "semantic version" in error_of(release("2"), 422)
    assert "semantic version" in error_of(release("v2.0.0"), 422)
    assert "not greater" in error_of(release("1.0.0"), 422)
    assert "not greater" in error_of(release("1.0.0-rc.1"), 422)
    assert release("1.0.1-rc.1").status_code == 201
    assert release("1.0.1").status_code == 201
    assert release("1.10.0").status_code == 201
    assert "not greater" in error_of(release("1.9.0"), 422)
    latest = client.get(f"/v1/blocks/specs/{spec_id}").json()["latestRelease"]
    assert latest["version"] == "1.10.0"
    assert "artifact" not in latest
    assert error_of(release("bad version"), 422)
    assert "semantic version" in error_of(post_form(client, "/v1/blocks/specs/", form(spec_body(version="1.0"))), 422)


def test_names_are_unique_within_a_kind(client: httpx.Client) -> None:
    create_spec(client, spec_body(name="same-name"))
    assert "already exists" in error_of(post_form(client, "/v1/blocks/specs/", form(spec_body(name="same-name"))), 409)
    # Another kind may use the name.
    create_spec(client, spec_body("servicePrivateSpecBody", name="same-name"), artifact=False)
    other = create_spec(client, spec_body(name="other-name"))
    error_of(client.patch(f"/v1/blocks/specs/{other}", json={"metadata": {"name": "same-name"}}), 409)
    assert client.patch(f"/v1/blocks/specs/{other}", json={"metadata": {"name": "other-name"}}).status_code == 200

    dep = create_deployment(client, other, name="dep-a")
    error_of(client.post("/v1/blocks/deployments/", json=deployment_body(other, name="dep-a")), 409)
    dep_b = create_deployment(client, other, name="dep-b")
    error_of(client.patch(f"/v1/blocks/deployments/{dep_b}", json={"name": "dep-a"}), 409)
    assert client.patch(f"/v1/blocks/deployments/{dep}", json={"name": "dep-a"}).status_code == 200


def test_validate_true_checks_without_creating(client: httpx.Client) -> None:
    ok = post_form(client, "/v1/blocks/specs/", form(spec_body()), params={"validate": "true"})
    assert ok.status_code == 200
    assert ok.json()["success"] is True
    assert ok.json()["message"]
    assert client.get("/v1/blocks/specs/").json()["specCount"] == 0
    error_of(post_form(client, "/v1/blocks/specs/", form(spec_body(version="x")), params={"validate": "True"}), 422)
    spec_id = create_spec(client, parameters={})
    release = {"release": {"version": "3.0.0", "notes": "n"}, "config": {}}
    url = f"/v1/blocks/specs/{spec_id}/releases"
    assert post_form(client, url, form(release), params={"validate": "true"}).json()["success"] is True
    assert client.get(f"{url}").json()["releaseCount"] == 1
    error_of(
        post_form(
            client,
            url,
            form({"release": {"version": "0.1.0", "notes": "n"}, "config": {}}),
            params={"validate": "true"},
        ),
        422,
    )


def test_param_references_must_name_defined_parameters(client: httpx.Client) -> None:
    body = spec_body()
    body["config"]["steps"]["step-1"]["command"] = "python main.py --agg @param:agg_type"
    assert create_spec(client, body, parameters=example("parameterDefinitions"))
    undefined = spec_body()
    undefined["config"]["steps"]["step-1"]["resources"]["storage"] = "@param:disk_size"
    detail = error_of(post_form(client, "/v1/blocks/specs/", form(undefined, parameters={"run": []})), 422)
    assert "@param:disk_size" in detail
    service = spec_body("servicePrivateSpecBody")
    service["config"]["parameters"]["env"]["MODE"] = "@param:mode"
    error_of(post_form(client, "/v1/blocks/specs/", form(service)), 422)


def test_release_config_must_match_the_specs_kind(client: httpx.Client) -> None:
    service_id = create_spec(client, spec_body("servicePrivateSpecBody"), artifact=False)
    workflow_config = {
        "release": {"version": "2.0.0", "notes": "n"},
        "config": example("workflowReleaseBody")["config"],
    }
    detail = error_of(post_form(client, f"/v1/blocks/specs/{service_id}/releases", form(workflow_config)), 400)
    assert "ServiceConfig" in detail
    service_release = example("serviceReleaseBody")
    assert post_form(client, f"/v1/blocks/specs/{service_id}/releases", form(service_release)).status_code == 201


def test_parameter_definitions_must_be_consistent(client: httpx.Client) -> None:
    def create(definitions: Any) -> httpx.Response:
        return post_form(client, "/v1/blocks/specs/", form(spec_body(), parameters={"run": definitions}))

    base = {"name": "p", "type": "number", "required": False, "defaultValue": 1}
    assert "defined twice" in error_of(create([base, base]), 422)
    assert "default value" in error_of(create([{**base, "defaultValue": "one"}]), 422)
    assert "options" in error_of(create([{**base, "options": [{"value": 2}]}]), 422)
    error_of(create([{**base, "type": "integer"}]), 400)  # not a ParameterType: the schema says no


# --- deployments, revisions and run parameters -------------------------------------------


def test_deployment_parameters_are_checked_defaulted_and_masked(client: httpx.Client) -> None:
    definitions = {
        "build": [{"name": "tag", "type": "string", "required": True, "defaultValue": "latest"}],
        "run": [
            {"name": "token", "type": "string", "required": True, "defaultValue": None, "hideValue": True},
            {"name": "ratio", "type": "number", "required": False, "defaultValue": 0.5},
            {"name": "flags", "type": "boolean", "required": False, "defaultValue": False},
            {
                "name": "tags",
                "type": "string_array",
                "required": False,
                "defaultValue": [],
                "options": [{"value": "a"}, {"value": "b"}],
            },
            {"name": "weights", "type": "number_array", "required": False, "defaultValue": None},
            {"name": "extra", "type": "object", "required": False, "defaultValue": {"k": 1}},
            {"name": "rows", "type": "object_array", "required": False, "defaultValue": None},
        ],
    }
    spec_id = create_spec(client, parameters=definitions)

    def deploy(run: Any) -> httpx.Response:
        return client.post("/v1/blocks/deployments/", json=deployment_body(spec_id, run=run))

    assert "required" in error_of(deploy({}), 422)
    assert "must be a number" in error_of(deploy({"token": "s", "ratio": "high"}), 422)
    assert "must be a number" in error_of(deploy({"token": "s", "ratio": True}), 422)
    assert "boolean" in error_of(deploy({"token": "s", "flags": "yes"}), 422)
    assert "options" in error_of(deploy({"token": "s", "tags": ["a", "c"]}), 422)
    assert "number_array" in error_of(deploy({"token": "s", "weights": [1, "2"]}), 422)
    assert "object_array" in error_of(deploy({"token": "s", "rows": [1]}), 422)
    assert "not defined" in error_of(deploy({"token": "s", "unknown": 1}), 422)
    assert "object" in error_of(deploy({"token": "s", "extra": []}), 422)

    created = deploy({"token": "s3cret", "tags": ["b"], "weights": [1, 2.5], "rows": [{"a": 1}]})
    assert created.status_code == 201, created.text
    dep = created.json()["id"]
    described = client.get(f"/v1/blocks/deployments/{dep}").json()
    run = {p["name"]: p for p in described["parameters"]["run"]}
    assert run["token"] == {"name": "token", "value": "*****", "type": "string", "hideValue": True}
    assert run["ratio"]["value"] == 0.5
    assert run["extra"]["value"] == {"k": 1}
    assert described["parameters"]["build"] == [{"name": "tag", "value": "latest", "type": "string"}]
    revision = client.get(f"/v1/blocks/deployments/{dep}/revisions/1").json()
    assert {p["name"]: p["value"] for p in revision["parameters"]["run"]}["token"] == "*****"
    # Unmasked where a running block reads them.
    values = client.get(f"/v1/deployments/{dep}/parameters/run").json()
    assert values["token"] == "s3cret"
    assert values["ratio"] == 0.5

    patched = client.patch(f"/v1/deployments/{dep}/parameters/run", json={"ratio": 2, "flags": True})
    assert patched.json() == {**values, "ratio": 2, "flags": True}
    error_of(client.patch(f"/v1/deployments/{dep}/parameters/run", json={"ratio": "x"}), 422)
    error_of(client.patch(f"/v1/deployments/{dep}/parameters/run", json={"nope": 1}), 422)
    assert client.get(f"/v1/deployments/{dep}/parameters/run").json()["ratio"] == 2, "a failed patch changes nothing"
    error_of(client.patch(f"/v1/deployments/{dep}/parameters/run", content=b"[1]", headers=EMPTY_JSON), 400)

    # A new revision without parameters carries the current values over.
    client.post(f"/v1/blocks/deployments/{dep}/revisions", json={"revision": {"notes": "r2"}})
    assert client.get(f"/v1/deployments/{dep}/parameters/run").json()["ratio"] == 2


def test_create_deployment_defaults_to_the_latest_release(client: httpx.Client) -> None:
    spec_id = create_spec(client, parameters={})
    post_form(
        client,
        f"/v1/blocks/specs/{spec_id}/releases",
        form({"release": {"version": "1.1.0", "notes": "n"}, "config": {}}),
    )
    dep = create_deployment(client, spec_id, version=None, run={})
    assert client.get(f"/v1/blocks/deployments/{dep}").json()["spec"]["release"]["currentVersion"] == "1.1.0"
    detail = error_of(
        client.post("/v1/blocks/deployments/", json=deployment_body(spec_id, version="9.9.9", run={})), 422
    )
    assert "9.9.9" in detail
    error_of(client.post(f"/v1/blocks/deployments/{dep}/revisions", json={"release": {"version": "0.0.1"}}), 422)
    error_of(client.post("/v1/blocks/deployments/", json=deployment_body(str(uuid.uuid4()))), 404)


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/blocks/specs/{id}"),
        ("PATCH", "/v1/blocks/specs/{id}"),
        ("DELETE", "/v1/blocks/specs/{id}"),
        ("GET", "/v1/blocks/specs/{id}/releases"),
        ("GET", "/v1/blocks/specs/{id}/releases/1.0.0"),
        ("GET", "/v1/blocks/deployments/{id}"),
        ("PATCH", "/v1/blocks/deployments/{id}"),
        ("DELETE", "/v1/blocks/deployments/{id}"),
        ("POST", "/v1/blocks/deployments/{id}/redeploy"),
        ("GET", "/v1/blocks/deployments/{id}/revisions"),
        ("POST", "/v1/blocks/deployments/{id}/revisions"),
        ("GET", "/v1/blocks/deployments/{id}/revisions/1"),
        ("GET", "/v1/deployments/{id}/parameters/run"),
        ("PATCH", "/v1/deployments/{id}/parameters/run"),
        ("GET", "/v1/apps/deployments/{id}"),
    ],
)
def test_unknown_ids_are_404(client: httpx.Client, method: str, path: str) -> None:
    kwargs: dict[str, Any] = {"json": {}} if method in ("PATCH", "POST") and "redeploy" not in path else {}
    response = client.request(method, path.format(id=uuid.uuid4()), **kwargs)
    assert "not found" in error_of(response, 404)


def test_unknown_release_and_revision_are_404(client: httpx.Client) -> None:
    spec_id = create_spec(client)
    error_of(client.get(f"/v1/blocks/specs/{spec_id}/releases/1.0.1"), 404)
    dep = create_deployment(client, spec_id)
    error_of(client.get(f"/v1/blocks/deployments/{dep}/revisions/2"), 404)
    error_of(client.get(f"/v1/blocks/deployments/{dep}/revisions/0"), 400)


def test_unknown_routes_are_404_and_wrong_methods_405(client: httpx.Client) -> None:
    error_of(client.get("/v1/blocks/nothing"), 404)
    error_of(client.get("/v1/blocks/specs"), 404)  # no trailing slash: not a route of the document
    error_of(client.get("/v1/blocks/specs/x/"), 404)
    response = client.put("/v1/blocks/specs/", json={})
    error_of(response, 405)
    assert response.headers["allow"] == "GET, POST"
    error_of(client.delete("/v1/blocks/deployments/x/revisions/1"), 405)


@pytest.mark.parametrize("headers", [{}, {"Authorization": ""}])
def test_a_missing_or_empty_token_is_401(server: RunningEmulator, headers: dict[str, str]) -> None:
    with httpx.Client(base_url=server.base_url, timeout=10) as bare:
        for method, path in [
            ("GET", "/v1/blocks/specs/"),
            ("GET", "/v1/apps/deployments/x"),
            ("DELETE", "/v1/blocks/specs/x"),
        ]:
            detail = error_of(bare.request(method, path, headers=headers), 401)
            assert "Authorization" in detail
        assert bare.get("/v1/blocks/specs/", headers={"Authorization": "anything"}).status_code == 200


@pytest.mark.press_emulator(tokens=["good-token"])
def test_configured_tokens_are_the_only_ones_accepted(server: RunningEmulator) -> None:
    with httpx.Client(base_url=server.base_url, timeout=10) as bare:
        error_of(bare.get("/v1/blocks/specs/", headers={"Authorization": "other"}), 401)
        assert bare.get("/v1/blocks/specs/", headers={"Authorization": "good-token"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"featured": "maybe"}, "featured"),
        ({"pageSize": "0"}, "pageSize"),
        ({"pageSize": "many"}, "pageSize"),
        ({"pageNumber": "0"}, "pageNumber"),
        ({"sort": "size:asc"}, "sort"),
        ({"status": "gone"}, "status"),
        ({"scope": "everyone"}, "scope"),
    ],
)
def test_malformed_queries_are_400(client: httpx.Client, params: dict[str, str], fragment: str) -> None:
    assert fragment in error_of(client.get("/v1/blocks/specs/", params=params), 400)


def test_malformed_bodies_are_400(client: httpx.Client) -> None:
    spec_id = create_spec(client)
    dep = create_deployment(client, spec_id)
    error_of(client.post("/v1/blocks/deployments/", content=b"{not json", headers=EMPTY_JSON), 400)
    error_of(client.post("/v1/blocks/deployments/", json={"metadata": {}}), 400)
    error_of(client.post("/v1/blocks/deployments/", content=b"", headers=EMPTY_JSON), 400)
    error_of(client.post("/v1/blocks/deployments/", content=b'{"a":NaN}', headers=EMPTY_JSON), 400)
    error_of(client.patch(f"/v1/blocks/specs/{spec_id}", json={"scope": "everyone"}), 400)
    error_of(client.patch(f"/v1/blocks/deployments/{dep}", json={"name": ""}), 400)
    error_of(client.post("/v1/blocks/deployments/", data={"a": "b"}), 400)  # not JSON at all
    # A body where the document defines none ({} from peak-sdk, or anything else) is ignored.
    for body in (b"{}", b'{"a": 1}', b"not json"):
        ignored = client.request("GET", f"/v1/blocks/specs/{spec_id}", content=body, headers=EMPTY_JSON)
        assert ignored.status_code == 200
    kept = client.request("DELETE", f"/v1/blocks/specs/{spec_id}", content=b"[1]", headers=EMPTY_JSON)
    assert "deployment" in error_of(kept, 409), "deleteSpec documents no 400: the body is ignored"


def test_malformed_multipart_is_400(client: httpx.Client) -> None:
    url = "/v1/blocks/specs/"
    assert "not valid JSON" in error_of(post_form(client, url, {"spec": "{not json"}), 400)
    assert "SpecCreateBody" in error_of(post_form(client, url, {"spec": json.dumps({"kind": "workflow"})}), 400)
    assert "tenants" in error_of(post_form(client, url, form(spec_body(), tenants={"a": 1})), 400)
    assert "parameters" in error_of(post_form(client, url, form(spec_body(), parameters={"run": [{}]})), 400)
    error_of(post_form(client, url, form(spec_body(), featured="yes")), 400)
    error_of(post_form(client, url, form(spec_body(), scope="everyone")), 400)
    error_of(post_form(client, url, {"featured": "true"}), 400)  # no spec part
    error_of(post_form(client, url, form(spec_body()), artifact=b"this is not a zip"), 400)
    error_of(post_form(client, url, form(spec_body()), artifact=b""), 400)
    truncated_zip = zip_bytes()[:-30]
    assert "zip" in error_of(post_form(client, url, form(spec_body()), artifact=truncated_zip), 400)
    boundary_missing = client.post(url, content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"})
    assert "boundary" in error_of(boundary_missing, 400)
    unclosed = client.post(
        url,
        content=b'--b\r\nContent-Disposition: form-data; name="spec"\r\n\r\n{}\r\n',
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert "closing boundary" in error_of(unclosed, 400)
    error_of(client.post(url, json=spec_body()), 400)  # JSON instead of multipart


def test_an_artifact_over_the_limit_is_413(client: httpx.Client) -> None:
    big = b"\0" * (10 * 1024 * 1024 + 1)
    detail = error_of(post_form(client, "/v1/blocks/specs/", form(spec_body()), artifact=big), 413)
    assert "limit" in detail
    assert client.get("/v1/blocks/specs/").json()["specCount"] == 0


@pytest.mark.press_emulator(max_artifact_bytes=1000)
def test_the_artifact_limit_is_configurable(client: httpx.Client) -> None:
    import os

    random_zip = zip_bytes({"blob.bin": os.urandom(2000).hex()})
    error_of(post_form(client, "/v1/blocks/specs/", form(spec_body()), artifact=random_zip), 413)
    assert post_form(client, "/v1/blocks/specs/", form(spec_body()), artifact=zip_bytes()).status_code == 201


# --- liberal parsing (what peak-sdk 1.29 sends) ------------------------------------------


def test_what_the_official_client_sends_is_accepted(client: httpx.Client) -> None:
    spec = spec_body()
    created = post_form(
        client,
        "/v1/blocks/specs/",
        {"spec": json.dumps(spec), "featured": "null", "autoRunOnDeploy": "null", "scope": "private"},
        artifact=zip_bytes(),
    )
    assert created.status_code == 201, created.text
    spec_id = created.json()["id"]
    described = client.request("GET", f"/v1/blocks/specs/{spec_id}", content=b"{}", headers=EMPTY_JSON).json()
    assert described["featured"] is False
    assert described["latestRelease"]["autoRunOnDeploy"] is False
    flags = post_form(client, "/v1/blocks/specs/", form(spec_body(), featured="True", autoRunOnDeploy="False"))
    assert flags.status_code == 201
    assert client.get("/v1/blocks/specs/", params={"featured": "True"}).json()["specCount"] == 1
    assert client.get("/v1/blocks/specs/", params={"featured": "False"}).json()["specCount"] == 1
    listed = client.request("GET", "/v1/blocks/specs/", content=b"{}", headers=EMPTY_JSON)
    assert listed.json()["specCount"] == 2
    dep = create_deployment(client, spec_id, run={})
    redeploy = client.post(f"/v1/blocks/deployments/{dep}/redeploy", content=b"{}", headers=EMPTY_JSON)
    assert redeploy.status_code == 201
    deleted = client.request("DELETE", f"/v1/blocks/deployments/{dep}", content=b"{}", headers=EMPTY_JSON)
    assert deleted.status_code == 204
