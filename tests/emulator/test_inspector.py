"""The inspector's server side: the page and its assets, the snapshot, request details, and protection off loopback."""

from __future__ import annotations

import base64
import io
import re
import threading
import time
from importlib.resources import files
from pathlib import Path

import httpx
import pytest
import yaml

from press_blocks.emulator import Emulator, RunningEmulator, cli_main
from press_blocks.emulator._emulator import is_loopback
from tests.emulator._payloads import AUTH, create_deployment, create_spec, deployment_body

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

STATIC = files("press_blocks.emulator").joinpath("static")
HIDDEN_DEFINITIONS = {
    "run": [
        {"name": "apiKey", "type": "string", "required": True, "defaultValue": None, "hideValue": True},
        {"name": "ratio", "type": "number", "required": False, "defaultValue": 0.5},
    ]
}


def test_the_page_and_its_assets_are_served_with_a_strict_policy(client: httpx.Client) -> None:
    page = client.get("/_emulator/ui")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    for asset in re.findall(r'(?:href|src)="([^"]+)"', page.text):
        if asset.startswith(("data:", "#")):
            continue
        assert asset.startswith("/_emulator/ui/"), asset
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/_emulator/ui/inspector.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/_emulator/ui/inspector.css").headers["content-type"].startswith("text/css")
    assert client.get("/_emulator/ui/nothing.js").status_code == 404
    assert client.get("/_emulator/ui/..%2Fpress-blocks.yaml").status_code == 404
    assert client.get("/_emulator/ui/", follow_redirects=False).headers["location"] == "/_emulator/ui"


def test_the_static_files_reference_nothing_outside_the_emulator() -> None:
    names = [entry.name for entry in STATIC.iterdir()]
    assert sorted(names) == ["index.html", "inspector.css", "inspector.js"]
    for name in names:
        text = STATIC.joinpath(name).read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z0-9-]+\.[a-z]{2,}/", text, re.IGNORECASE), name
        assert "@import" not in text, name


def test_the_snapshot_shows_state_newest_first_with_hidden_values_masked(server: RunningEmulator) -> None:
    server.set_transition("describes:2")
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=10) as client:
        spec_id = create_spec(client, parameters=HIDDEN_DEFINITIONS)
        run = {"apiKey": "very-secret-value"}
        deployment_id = create_deployment(client, spec_id, run=run)
        newer = create_deployment(client, spec_id, run=run)
        for _ in range(3):
            snapshot = client.get("/_emulator/snapshot").json()
        assert [d["id"] for d in snapshot["deployments"]] == [newer, deployment_id]
        deployment = snapshot["deployments"][1]
        assert deployment["metadata"]["status"] == "deploying", "reading the snapshot is not a describe"
        assert deployment["revisions"][0]["progress"] == {"transition": "describes:2", "describes": 0}
        values = {p["name"]: p["value"] for p in deployment["parameters"]["run"]}
        assert values == {"apiKey": "*****", "ratio": 0.5}
        assert [s["id"] for s in snapshot["specs"]] == [spec_id]
        assert snapshot["specs"][0]["releases"][0]["version"] == "1.0.0"
        assert snapshot["counts"]["deployments"] == 2
        assert snapshot["transition"] == "describes:2"
        assert "listSpecs" in snapshot["operations"]
        assert [r["operationId"] for r in snapshot["requests"]] == [
            "createDeployment",
            "createDeployment",
            "createSpec",
        ]
        assert "requestBody" not in snapshot["requests"][0], "bodies come one request at a time"
        assert "very-secret-value" not in client.get("/_emulator/snapshot").text
        for _ in range(3):
            client.get(f"/v1/blocks/deployments/{deployment_id}")
        deployed = client.get("/_emulator/snapshot").json()["deployments"][1]
        assert deployed["metadata"]["status"] == "deployed"
        assert "progress" not in deployed["revisions"][0]


def test_the_snapshot_offers_the_outcomes_and_shows_a_revisions_coming_one(server: RunningEmulator) -> None:
    from press_blocks.emulator._lifecycle import OUTCOMES

    server.set_transition("describes:1->rollback_failed")
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=10) as client:
        deployment_id = create_deployment(client, create_spec(client))
        snapshot = client.get("/_emulator/snapshot").json()
        assert snapshot["outcomes"] == list(OUTCOMES)
        assert snapshot["transition"] == "describes:1->rollback_failed"
        progress = snapshot["deployments"][0]["revisions"][0]["progress"]
        assert progress == {"transition": "describes:1->rollback_failed", "describes": 0}
        for _ in range(2):
            client.get(f"/v1/blocks/deployments/{deployment_id}")
        settled = client.get("/_emulator/snapshot").json()["deployments"][0]
        assert settled["metadata"]["status"] == "rollback_failed"
        assert "progress" not in settled["revisions"][0]
        # Why it ended there: the revision's resource errors, in the revision list too.
        (error,) = settled["revisions"][0]["errors"]
        assert "rollback_failed" in error["message"]
        assert error == settled["latestRevision"]["resources"][0]["errors"][0]


def test_the_request_log_numbers_from_1_again_after_a_reset(server: RunningEmulator, client: httpx.Client) -> None:
    for _ in range(3):
        client.get("/v1/blocks/specs/")
    before = client.get("/_emulator/snapshot").json()
    assert [r["seq"] for r in before["requests"]] == [3, 2, 1]
    server.reset()
    client.get("/v1/blocks/specs/")
    after = client.get("/_emulator/snapshot").json()
    assert [r["seq"] for r in after["requests"]] == [1]
    assert after["requestCount"] == 1
    assert after["requestEpoch"] == before["requestEpoch"] + 1, "the page learns that numbers were reused"


def test_the_snapshot_answers_304_until_something_changes(server: RunningEmulator, client: httpx.Client) -> None:
    first = client.get("/_emulator/snapshot")
    etag = first.headers["etag"]
    assert client.get("/_emulator/snapshot", headers={"If-None-Match": etag}).status_code == 304
    client.get("/v1/blocks/specs/")
    changed = client.get("/_emulator/snapshot", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["requestCount"] == 1


def test_a_seconds_transition_moves_in_the_snapshot_without_any_request(server: RunningEmulator) -> None:
    server.set_transition("seconds:0.3")
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=10) as client:
        create_deployment(client, create_spec(client))
        assert client.get("/_emulator/snapshot").json()["deployments"][0]["metadata"]["status"] == "deploying"
        time.sleep(0.4)
        assert client.get("/_emulator/snapshot").json()["deployments"][0]["metadata"]["status"] == "deployed"


def test_the_log_keeps_duration_request_id_and_readable_bodies_without_secrets(server: RunningEmulator) -> None:
    token = "tok-0123456789-abcdef"
    with httpx.Client(base_url=server.base_url, headers={"Authorization": token}, timeout=10) as client:
        spec_id = create_spec(client, parameters=HIDDEN_DEFINITIONS)
        body = deployment_body(spec_id, run={"apiKey": "hidden-api-key-value"})
        body["metadata"]["description"] = f"mentions the token {token} by mistake"
        created = client.post("/v1/blocks/deployments/", json=body, headers={"X-Peak-RequestId": "req-42"})
        assert created.status_code == 201, created.text
        client.get(f"/v1/blocks/deployments/{created.json()['id']}/parameters/run")
        records = {r["operationId"]: r for r in client.get("/_emulator/requests").json()["requests"]}
        create = client.get(f"/_emulator/requests/{records['createDeployment']['seq']}").json()
        assert create["requestId"] == "req-42"
        assert create["status"] == 201
        assert 0 < create["duration"] < 10
        assert '"metadata": {' in create["requestBody"], "JSON bodies are pretty-printed"
        assert create["responseBody"] == '{\n  "id": "' + created.json()["id"] + '"\n}'
        spec = client.get(f"/_emulator/requests/{records['createSpec']['seq']}").json()
        assert "[artifact] 'artifact.zip': <" in spec["requestBody"], "file parts show as a size"
        assert "PK" not in spec["requestBody"]
        assert "[spec]" in spec["requestBody"]
        log = client.get("/_emulator/requests").text
        assert token not in log
        assert "hidden-api-key-value" not in log, "hidden values are masked in the log, as the API masks them"
        assert "hidden-api-key-value" not in client.get("/_emulator/snapshot").text
        assert "*****" in create["requestBody"]
        assert client.get("/_emulator/requests/999").status_code == 404


def test_faults_take_the_yaml_of_a_faults_file_and_the_snapshot_gives_it_back(client: httpx.Client) -> None:
    text = "seed: 7\nrules:\n  - kind: status\n    status: 503\n    operationId: listSpecs\n    times: 1\n"
    put = client.put("/_emulator/faults", content=text, headers={"Content-Type": "application/yaml"})
    assert put.status_code == 200, put.text
    assert put.json()["rules"][0]["operationId"] == "listSpecs"
    shown = client.get("/_emulator/snapshot").json()["faultsYaml"]
    assert yaml.safe_load(shown) == yaml.safe_load(text), "only what differs from the defaults, as one writes it"
    again = client.put("/_emulator/faults", content=shown, headers={"Content-Type": "application/yaml"})
    assert again.json()["rules"] == put.json()["rules"]
    assert client.get("/v1/blocks/specs/").status_code == 503
    bad = client.put("/_emulator/faults", content="rule: []\n", headers={"Content-Type": "application/yaml"})
    assert bad.status_code == 400
    assert "unknown fault configuration keys: rule" in bad.json()["detail"]
    broken = client.put("/_emulator/faults", content="rules: [\n", headers={"Content-Type": "application/yaml"})
    assert broken.status_code == 400
    assert "not valid YAML" in broken.json()["detail"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.3.2.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("example.test", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serving_beyond_loopback_needs_tokens() -> None:
    with pytest.raises(ValueError, match="beyond loopback"), Emulator().serve(host="0.0.0.0"):
        pass


def basic(token: str) -> str:
    return "Basic " + base64.b64encode(f"anyone:{token}".encode()).decode()


def test_protected_controls_need_a_token_in_any_of_three_forms() -> None:
    token = "s3cret-token-1"
    emulator = Emulator(tokens=[token])
    with emulator.serve(protect_controls=True) as server, httpx.Client(base_url=server.base_url, timeout=10) as http:
        for path in ("/_emulator/ui", "/_emulator/snapshot", "/_emulator/health", "/_emulator/ui/inspector.js"):
            refused = http.get(path)
            assert refused.status_code == 401, path
            assert refused.headers["www-authenticate"].startswith("Basic realm=")
            assert token not in refused.text
        assert http.post("/_emulator/reset").status_code == 401
        for header in (token, f"Bearer {token}", basic(token)):
            assert http.get("/_emulator/snapshot", headers={"Authorization": header}).status_code == 200, header
        for header in ("wrong", "Bearer wrong", basic("wrong"), "Basic !!!", ""):
            assert http.get("/_emulator/snapshot", headers={"Authorization": header}).status_code == 401, header
        # The API keeps its own check: the raw token, as the service takes it.
        assert http.get("/v1/blocks/specs/", headers={"Authorization": token}).status_code == 200
    with emulator.serve() as server, httpx.Client(base_url=server.base_url, timeout=10) as http:
        assert http.get("/_emulator/health").status_code == 401, "once protected, an emulator stays protected"


def test_the_cli_names_the_inspector_and_refuses_a_public_host_without_a_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main(["--host", "0.0.0.0", "--port", "0"]) == 2
    assert "--token" in capsys.readouterr().err
    out = io.StringIO()
    stop = threading.Event()
    thread = threading.Thread(target=cli_main, args=(["--port", "0"],), kwargs={"stdout": out, "stop": stop})
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while "Ctrl-C" not in out.getvalue():
            assert time.monotonic() < deadline, out.getvalue()
            time.sleep(0.02)
        found = re.search(r"Inspector \(open in a browser\): (http://127\.0\.0\.1:\d+/_emulator/ui)\n", out.getvalue())
        assert found, out.getvalue()
        assert httpx.get(found[1], timeout=10).status_code == 200
    finally:
        stop.set()
        thread.join(15)
    assert not thread.is_alive()


def test_the_snapshot_keeps_apply_fingerprints_in_the_notes_as_sent(server: RunningEmulator, tmp_path: Path) -> None:
    from press_blocks import Block, Session, deploy

    (tmp_path / "main.py").write_text("print(1)\n", encoding="utf-8")
    spec = {
        "body": {
            "version": "1",
            "kind": "workflow",
            "metadata": {"name": "fp", "summary": "Fingerprinted."},
            "release": {"version": "1.0.0", "notes": "First."},
            "config": {"steps": {"s": {"type": "standard", "imageDetails": {"id": 1, "versionId": 1}, "command": "x"}}},
        },
        "artifact": {"path": str(tmp_path)},
    }
    with Block(Session(auth_token=AUTH["Authorization"], base_url=server.base_url)) as client:
        deploy.apply(client, [spec])
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=10) as client:
        (release,) = client.get("/_emulator/snapshot").json()["specs"][0]["releases"]
    assert re.fullmatch(
        r"First\.\n\n\[press-blocks fingerprint v1 artifact=sha256:[0-9a-f]{64} files=1\]", release["notes"]
    )
    # The page shows that line apart from the user's notes.
    assert "press-blocks fingerprint v1" in STATIC.joinpath("inspector.js").read_text(encoding="utf-8")
