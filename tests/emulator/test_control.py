"""Control endpoints and the Python API: reset, seeding from fixtures, app deployments, the document, the log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from press_blocks.emulator import Emulator, FaultRule, RunningEmulator, SeedError
from tests.emulator._contract_check import DOCUMENT_PATH
from tests.emulator._payloads import create_deployment, create_spec, example

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

SPEC_ID = "0bddb4c6-40c5-45c3-b477-fceb2c051609"
DEPLOYMENT_ID = "e04e308d-98dc-4443-bb02-c4ef990a3fdc"
APP_ID = "a3e77006-86f3-4829-8c43-f21ad462dbbd"


def fixture_data() -> dict[str, Any]:
    """A fixture with the notebook's payloads: two specs (one with a second release), a deployment, an app."""
    deployment = example("createDeploymentBody")
    deployment["spec"]["id"] = SPEC_ID
    return {
        "specs": [
            {
                "id": SPEC_ID,
                "spec": example("workflowPrivateSpecBody"),
                "featured": True,
                "scope": "private",
                "parameters": example("parameterDefinitions"),
                "autoRunOnDeploy": True,
                "artifact": True,
                "releases": [
                    {"spec": example("workflowReleaseBody"), "parameters": example("parameterDefinitions")},
                ],
            },
            {"spec": example("serviceSharedSpecBody"), "scope": "shared", "tenants": ["tenant1"]},
        ],
        "deployments": [
            {**deployment, "id": DEPLOYMENT_ID, "revisions": [example("createRevisionBody")]},
        ],
        "appDeployments": [
            {**example("describeAppDeploymentResponse"), "id": APP_ID},
        ],
    }


def test_seeding_from_a_fixture_file_through_the_cli_flag_path(tmp_path: Path) -> None:
    path = tmp_path / "press.yaml"
    path.write_text(yaml.safe_dump(fixture_data()), encoding="utf-8")
    emulator = Emulator(fixture=path)
    with emulator.serve() as server, httpx.Client(base_url=server.base_url, headers={"Authorization": "t"}) as client:
        spec = client.get(f"/v1/blocks/specs/{SPEC_ID}").json()
        assert spec["latestRelease"]["version"] == "2.0.0"
        assert spec["featured"] is True
        assert client.get(f"/v1/blocks/specs/{SPEC_ID}/releases/1.0.0").json()["artifact"]["version"] == 1
        deployment = client.get(f"/v1/blocks/deployments/{DEPLOYMENT_ID}").json()
        assert deployment["latestRevision"]["revision"] == 2
        assert deployment["parent"] == {"id": APP_ID}, "the app's blocks name the deployment, so it becomes a child"
        blocks = client.get(f"/v1/apps/deployments/{APP_ID}").json()["latestRevision"]["blocks"]
        assert blocks[1] == {
            "deploymentId": DEPLOYMENT_ID,
            "platformId": None,
            "kind": "service",
            "name": "my-api",
            "status": "deploying",
        }
        assert client.get("/v1/blocks/specs/").json()["specCount"] == 2


def test_seeding_a_json_file_and_through_the_control_endpoint(tmp_path: Path, server: RunningEmulator) -> None:
    path = tmp_path / "press.json"
    renamed = example("serviceSharedSpecBody")
    renamed["metadata"]["name"] = "from-a-json-file"
    path.write_text(json.dumps({"specs": [{"spec": renamed}]}), encoding="utf-8")
    ids = server.seed(path)
    assert len(ids["specs"]) == 1
    with httpx.Client(base_url=server.base_url, headers={"Authorization": "t"}) as client:
        seeded = client.post(
            "/_emulator/seed",
            content=yaml.safe_dump(fixture_data()).encode(),
            headers={"Content-Type": "application/yaml"},
        )
        assert seeded.status_code == 200, seeded.text
        assert seeded.json()["specs"][0] == SPEC_ID
        assert seeded.json()["appDeployments"] == [APP_ID]
        as_json = client.post("/_emulator/seed", json={"specs": [{"spec": example("servicePrivateSpecBody")}]})
        assert as_json.status_code == 200
        assert client.get("/_emulator/state").json() == {
            "specs": 4,
            "releases": 5,
            "deployments": 1,
            "revisions": 2,
            "appDeployments": 1,
        }


@pytest.mark.parametrize(
    ("fixture", "fragment"),
    [
        ({"specz": []}, "unknown fixture keys"),
        ({"specs": {}}, "must be a list"),
        ({"specs": [{"spec": {"kind": "workflow"}}]}, "SpecCreateBody"),
        ({"specs": [{"spec": "x", "colour": 1}]}, "unknown keys"),
        (
            {"specs": [{"spec": {**example("workflowPrivateSpecBody"), "release": {"version": "x", "notes": ""}}}]},
            "semantic version",
        ),
        ({"specs": [{"spec": example("workflowPrivateSpecBody"), "scope": "galaxy"}]}, "CreateSpecForm"),
        ({"specs": [{"spec": example("workflowPrivateSpecBody"), "featured": "yes"}]}, "true or false"),
        ({"deployments": [{"metadata": {}}]}, "CreateDeploymentBody"),
        ({"deployments": [example("createDeploymentBody")]}, "not found"),
        ({"appDeployments": [{"latestRevision": {"blocks": "none"}}]}, "AppDeployment"),
        ({"appDeployments": [{"children": ["nope"]}]}, "not found"),
    ],
)
def test_bad_fixtures_are_rejected_whole(fixture: dict[str, Any], fragment: str) -> None:
    emulator = Emulator(fixture={"specs": [{"spec": example("servicePrivateSpecBody")}]})
    with pytest.raises(SeedError, match=fragment):
        emulator.seed(fixture)
    assert emulator.store.counts()["specs"] == 1
    # A fixture that fails half-way leaves nothing behind.
    with pytest.raises(SeedError):
        emulator.seed({"specs": [{"spec": example("workflowPrivateSpecBody")}], **fixture})
    assert emulator.store.counts()["specs"] == 1


def test_the_seed_endpoint_rejects_bad_fixtures(client: httpx.Client) -> None:
    yaml_type = {"Content-Type": "application/yaml"}
    assert client.post("/_emulator/seed", content=b"specs: [", headers=yaml_type).status_code == 400
    assert client.post("/_emulator/seed", json=[1, 2]).status_code == 400
    bad = client.post("/_emulator/seed", json={"deployments": [{"metadata": {}}]})
    assert bad.status_code == 400
    assert "CreateDeploymentBody" in bad.json()["detail"]


def test_reset_forgets_everything_through_both_ways(server: RunningEmulator, client: httpx.Client) -> None:
    server.seed(fixture_data())
    server.faults.add(FaultRule(kind="latency", latency=0))
    client.get("/v1/blocks/specs/")
    server.reset()
    assert server.emulator.store.counts() == {
        "specs": 0,
        "releases": 0,
        "deployments": 0,
        "revisions": 0,
        "appDeployments": 0,
    }
    assert len(server.requests) == 0
    assert server.faults.rules == []
    server.seed(fixture_data())
    assert client.post("/_emulator/reset").json() == {"reset": True}
    assert client.get("/v1/blocks/specs/").json()["specCount"] == 0
    assert client.get(f"/v1/apps/deployments/{APP_ID}").status_code == 404


def test_related_blocks_through_the_python_api(server: RunningEmulator, client: httpx.Client) -> None:
    spec_id = create_spec(client)
    child = create_deployment(client, spec_id)
    other = create_deployment(client, spec_id)
    app_id = server.add_app_deployment(
        {"latestRevision": {"blocks": [{"deploymentId": child, "platformId": "p-1"}, {"deploymentId": "elsewhere"}]}}
    )
    assert client.get(f"/v1/blocks/deployments/{child}").json()["parent"] == {"id": app_id}
    assert client.get(f"/v1/blocks/deployments/{other}").json()["parent"] is None
    app = client.get(f"/v1/apps/deployments/{app_id}").json()
    assert app["kind"] == "app"
    assert app["latestRevision"]["revision"] == 1
    assert app["latestRevision"]["status"] == "deployed"
    first, second = app["latestRevision"]["blocks"]
    assert first == {
        "deploymentId": child,
        "platformId": "p-1",
        "kind": "workflow",
        "name": first["name"],
        "status": "deployed",
    }
    assert second == {"deploymentId": "elsewhere", "platformId": None}
    # Explicit children, even ones the blocks do not list.
    app_2 = server.add_app_deployment({"id": "app-2", "latestRevision": {"blocks": []}}, children=[other])
    assert app_2 == "app-2"
    assert client.get(f"/v1/blocks/deployments/{other}").json()["parent"] == {"id": "app-2"}


def test_the_document_is_served_verbatim(client: httpx.Client) -> None:
    response = client.get("/_emulator/openapi.yaml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/yaml")
    assert response.text == DOCUMENT_PATH.read_text(encoding="utf-8")


def test_control_endpoints_need_no_token_and_unknown_ones_are_404(server: RunningEmulator) -> None:
    with httpx.Client(base_url=server.base_url) as bare:
        assert bare.get("/_emulator/health").json() == {"status": "ok"}
        assert bare.get("/_emulator/faults").status_code == 200
        missing = bare.get("/_emulator/nothing")
        assert missing.status_code == 404
        assert missing.json()["statusCode"] == 404
        assert bare.get("/_emulator/reset").status_code == 405


def test_the_request_log(server: RunningEmulator, client: httpx.Client) -> None:
    client.get("/v1/blocks/specs/", params={"featured": "True", "status": ["available", "archived"]})
    client.post("/v1/blocks/deployments/", json={"metadata": {}})
    client.get("/v1/nowhere")
    client.get("/_emulator/health")  # control calls are not logged
    records = server.requests.records()
    assert [(r.method, r.path, r.status) for r in records] == [
        ("GET", "/v1/blocks/specs/", 200),
        ("POST", "/v1/blocks/deployments/", 400),
        ("GET", "/v1/nowhere", 404),
    ]
    assert records[0].query == [("featured", "True"), ("status", "available"), ("status", "archived")]
    assert records[0].operation_id == "listSpecs"
    assert records[2].operation_id is None
    assert records[1].body_size == len(b'{"metadata":{}}')
    assert all("authorization" not in {k.lower() for k in r.headers} for r in records)
    assert records[0].headers["user-agent"].startswith("python-httpx")
    assert server.requests.count(operation_id="createDeployment") == 1
    assert server.requests.count(method="get") == 2
    over_http = client.get("/_emulator/requests").json()
    assert over_http["count"] == 3
    assert over_http["requests"][0]["operationId"] == "listSpecs"
    assert over_http["requests"][0]["query"][0] == ["featured", "True"]
    assert "Authorization" not in json.dumps(over_http)
    assert client.delete("/_emulator/requests").json()["count"] == 0
    assert len(server.requests) == 0
