"""An emulator served on a developer's machine: no web page may drive it, and no body may exhaust it.

Web pages reach 127.0.0.1 two ways: simple cross-site requests (a ``text/plain`` POST needs no
preflight), and DNS rebinding (a name the attacker controls made to resolve to 127.0.0.1, so the
page's own origin is the emulator). Each test sends what such a page's browser would send.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from press_blocks.emulator import Emulator, RunningEmulator
from tests.emulator._payloads import AUTH, example, form

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(60)]

REBIND = "rebind.attacker.test"


@pytest.fixture
def http(server: RunningEmulator) -> Iterator[httpx.Client]:
    """A plain client of ``server`` (no response checks: refusals here are not the document's answers)."""
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        yield client


def _host(server: RunningEmulator, name: str) -> dict[str, str]:
    return {"Host": f"{name}:{server.port}"}


def test_a_rebound_host_name_reaches_nothing(server: RunningEmulator, http: httpx.Client) -> None:
    server.seed({"specs": [{"spec": example("servicePrivateSpecBody")}]})
    rebound = _host(server, REBIND)
    snapshot = http.get("/_emulator/snapshot", headers=rebound)
    assert snapshot.status_code == 403
    detail = snapshot.json()["detail"]
    assert REBIND in detail
    assert "--allowed-host" in detail
    rules = {"rules": [{"kind": "status", "status": 503}]}
    assert http.put("/_emulator/faults", json=rules, headers=rebound).status_code == 403
    assert server.faults.rules == []
    created = http.post("/v1/blocks/specs/", data=form(example("workflowPrivateSpecBody")), headers={**AUTH, **rebound})
    assert created.status_code == 403
    assert server.emulator.store.counts()["specs"] == 1
    assert http.get("/v1/blocks/specs/", headers={**AUTH, **rebound}).status_code == 403


@pytest.mark.parametrize("name", ["localhost", "LocalHost.", "127.0.0.1", "127.1.2.3", "[::1]", "press.localhost"])
def test_loopback_names_are_answered(server: RunningEmulator, http: httpx.Client, name: str) -> None:
    assert http.get("/_emulator/health", headers=_host(server, name)).status_code == 200
    assert http.get("/_emulator/health", headers={"Host": name}).status_code == 200


def test_names_the_user_allows_are_answered() -> None:
    emulator = Emulator(allowed_hosts=["devbox.internal"])
    with (
        emulator.serve(allowed_hosts=["Proxy.Example.Test."]) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        for name in ("devbox.internal", "proxy.example.test", "localhost"):
            assert http.get("/_emulator/health", headers=_host(server, name)).status_code == 200, name
        assert http.get("/_emulator/health", headers=_host(server, "other.internal")).status_code == 403
    with Emulator(allowed_hosts=["*"]).serve() as server, httpx.Client(base_url=server.base_url, timeout=10) as http:
        assert http.get("/_emulator/health", headers=_host(server, REBIND)).status_code == 200


def test_allowed_hosts_must_be_names() -> None:
    with pytest.raises(TypeError, match="list of host names"):
        Emulator(allowed_hosts="devbox")
    with pytest.raises(ValueError, match="allowed host"):
        Emulator(allowed_hosts=[" "])


def test_in_process_transports_answer_whatever_host_they_are_given() -> None:
    # No web page reaches an in-process transport; the base URL a test picks is its own affair.
    emulator = Emulator()
    with httpx.Client(transport=emulator.transport(), base_url="http://testserver", headers=AUTH) as client:
        assert client.get("/v1/blocks/specs/").status_code == 200
        assert client.post("/_emulator/reset").status_code == 200


def test_a_cross_site_post_changes_nothing(server: RunningEmulator, http: httpx.Client) -> None:
    server.seed({"specs": [{"spec": example("servicePrivateSpecBody")}]})
    evil = {"Origin": "http://evil.example", "Content-Type": "text/plain"}
    reset = http.post("/_emulator/reset", headers=evil)
    assert reset.status_code == 403
    assert "another origin" in reset.json()["detail"]
    seeded = http.post("/_emulator/seed", content=b'{"specs": []}', headers=evil)
    assert seeded.status_code == 403
    for origin in ("null", f"http://{server.host}:{server.port + 1}", f"http://localhost:{server.port}"):
        assert http.post("/_emulator/reset", headers={"Origin": origin}).status_code == 403, origin
    assert http.delete("/_emulator/requests", headers={"Origin": "http://evil.example"}).status_code == 403
    assert server.emulator.store.counts()["specs"] == 1
    # Reads stay open (a browser does not let another origin read the answer), and so do the page's own writes.
    assert http.get("/_emulator/health", headers={"Origin": "http://evil.example"}).status_code == 200
    own = {"Origin": f"http://{server.host}:{server.port}"}
    assert http.post("/_emulator/reset", headers=own).status_code == 200
    assert server.emulator.store.counts()["specs"] == 0


def test_control_bodies_come_only_as_json_or_yaml(server: RunningEmulator, http: httpx.Client) -> None:
    fixture = b'{"specs": []}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        answer = http.post("/_emulator/seed", content=fixture, headers={"Content-Type": content_type})
        assert answer.status_code == 415, content_type
        assert "application/json or application/yaml" in answer.json()["detail"]
    assert http.post("/_emulator/seed", content=fixture).status_code == 415
    faults = http.put("/_emulator/faults", content=b'{"rules": []}', headers={"Content-Type": "text/plain"})
    assert faults.status_code == 415
    transition = http.put(
        "/_emulator/transition", content=b"transition: describes:1", headers={"Content-Type": "application/yaml"}
    )
    assert transition.status_code == 415
    assert "application/json" in transition.json()["detail"]
    assert (
        http.post("/_emulator/seed", content=fixture, headers={"Content-Type": "application/json"}).status_code == 200
    )
    assert http.post("/_emulator/seed", content=b"specs: []", headers={"Content-Type": "text/yaml"}).status_code == 200
