"""An emulator served on a developer's machine: no web page may drive it, and no body may exhaust it.

Web pages reach 127.0.0.1 two ways: simple cross-site requests (a ``text/plain`` POST needs no
preflight), and DNS rebinding (a name the attacker controls made to resolve to 127.0.0.1, so the
page's own origin is the emulator). Each test sends what such a page's browser would send.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import select
import socket
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from press_blocks.emulator import Emulator, RunningEmulator, SeedError, cli_main
from tests.emulator import _zips as zips
from tests.emulator._payloads import (
    AUTH,
    create_deployment,
    create_spec,
    example,
    form,
    post_form,
    spec_body,
    zip_bytes,
)
from tests.emulator.conftest import checked_client

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


def _raw_request(server: RunningEmulator, head: str, timeout: float = 5.0) -> tuple[bytes, socket.socket]:
    """Send a request's head alone (the body it announces never comes) and return the status line."""
    sock = socket.create_connection((server.host, server.port), timeout=timeout)
    sock.sendall(head.encode("latin-1"))
    return sock.recv(4096).split(b"\r\n", 1)[0], sock


def _head(server: RunningEmulator, path: str, *, length: int, token: str | None, content_type: str) -> str:
    auth = f"Authorization: {token}\r\n" if token is not None else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n{auth}"
        f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    )


@pytest.mark.parametrize(
    ("path", "token", "status"),
    [
        ("/v1/blocks/specs/", "wrong", b"401"),
        ("/v1/blocks/specs/", None, b"401"),
        ("/v1/blocks/specs/", "t", b"413"),
        ("/v1/blocks/deployments/", "t", b"413"),
        ("/_emulator/seed", None, b"413"),
    ],
)
def test_a_body_refused_whatever_it_holds_is_never_read(path: str, token: str | None, status: bytes) -> None:
    # 400 MB announced and none sent: the answer can only come from the head, before any of the body.
    emulator = Emulator(tokens=["t"])
    with emulator.serve() as server:
        head = _head(server, path, length=400_000_000, token=token, content_type="application/json")
        line, sock = _raw_request(server, head)
        sock.close()
        assert line.split(b" ")[1] == status, line
        assert httpx.get(server.base_url + "/_emulator/health", timeout=1).status_code == 200


def test_control_endpoints_beyond_loopback_refuse_before_reading_without_a_token() -> None:
    with Emulator(tokens=["t"]).serve(protect_controls=True) as server:
        line, sock = _raw_request(
            server, _head(server, "/_emulator/seed", length=400_000_000, token=None, content_type="application/json")
        )
        sock.close()
        assert line.split(b" ")[1] == b"401", line


def test_a_chunked_upload_is_cut_off_at_the_limit() -> None:
    # Without a Content-Length the body is read as it comes, and refused once past the limit
    # (the artifact limit plus a constant for the other parts), not read to its end.
    emulator = Emulator(max_artifact_bytes=64 * 1024)
    with emulator.serve() as server:
        sock = socket.create_connection((server.host, server.port), timeout=1)
        sock.sendall(
            f"POST /v1/blocks/specs/ HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nAuthorization: t\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        chunk = b"%x\r\n" % (1 << 20) + b"x" * (1 << 20) + b"\r\n"
        sent = 0
        with sock:
            # 64 MiB offered; the answer comes once the emulator has read about 1 MiB (and the
            # kernel's buffers, a few MiB, have filled): the sender is stopped long before the end.
            while sent < 64 and not select.select([sock], [], [], 0)[0]:
                try:
                    sock.sendall(chunk)
                except OSError:  # the buffers are full, or the emulator hung up after answering
                    break
                sent += 1
            assert sent < 32
            line = sock.recv(4096).split(b"\r\n", 1)[0]
        assert line.split(b" ")[1] == b"413", line
        records = server.requests.records()
        assert [r.status for r in records] == [413]


def _refused_while_healthy(server: RunningEmulator, send: Callable[[httpx.Client], httpx.Response]) -> httpx.Response:
    """Send a hostile request in a thread; meanwhile ``/_emulator/health`` must answer within a second each time."""
    answers: list[httpx.Response] = []
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=30) as client:
        thread = threading.Thread(target=lambda: answers.append(send(client)), daemon=True)
        thread.start()
        with httpx.Client(base_url=server.base_url, timeout=1.0) as health:
            checks = 0
            while checks == 0 or thread.is_alive():
                started = time.monotonic()
                assert health.get("/_emulator/health").status_code == 200
                assert time.monotonic() - started < 1.0
                checks += 1
                thread.join(0.05)
        thread.join(30)
    assert answers, "the hostile request was answered"
    return answers[0]


def _spec_form() -> dict[str, str]:
    return form(spec_body(), parameters=example("parameterDefinitions"))


def _upload(artifact: bytes) -> Callable[[httpx.Client], httpx.Response]:
    return lambda client: post_form(client, "/v1/blocks/specs/", _spec_form(), artifact=artifact)


@pytest.mark.parametrize(
    ("artifact", "fragment"),
    [
        # The two: 2,000 bzip2 members (16 GiB unpacked here), 1,000 entries sharing one stream.
        (zips.bzip2_bomb, "would unpack to 16,777,216,000 bytes, over the limit"),
        (zips.overlapping_bomb, "over the limit of 1,073,741,824 bytes unpacked"),
        # Within the total, entries pointing at one stream are still refused.
        (lambda: zips.overlapping_bomb(entries=3), "overlapping entries"),
        (lambda: zips.write_zip([zips.zeros(zipfile.ZIP_BZIP2, 8 * 2**20)]), "more than 1,100 times"),
        (lambda: zips.lying_member(zipfile.ZIP_BZIP2), "unpacks to more than the 1,000 bytes it declares"),
        (lambda: zips.lying_member(zipfile.ZIP_DEFLATED), "unpacks to more than the 1,000 bytes it declares"),
    ],
    ids=["bzip2-members", "shared-stream", "overlapping", "ratio", "lying-bzip2", "lying-deflate"],
)
def test_a_zip_bomb_is_refused_and_the_emulator_answers_meanwhile(
    server: RunningEmulator, artifact: Callable[[], bytes], fragment: str
) -> None:
    data = artifact()
    assert len(data) < 400_000
    answer = _refused_while_healthy(server, _upload(data))
    assert answer.status_code == 400, answer.text
    assert fragment in answer.json()["detail"]
    assert server.emulator.store.counts()["specs"] == 0


def test_ordinary_zips_are_still_accepted(server: RunningEmulator, client: httpx.Client) -> None:
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w") as archive:
        archive.writestr("Dockerfile", "FROM scratch\n", compress_type=zipfile.ZIP_STORED)
        archive.writestr("big.txt", "line\n" * 100_000, compress_type=zipfile.ZIP_BZIP2)
        archive.writestr("empty", b"", compress_type=zipfile.ZIP_DEFLATED)
    for data in (zip_bytes(), stored.getvalue()):
        created = post_form(client, "/v1/blocks/specs/", _spec_form(), artifact=data)
        assert created.status_code == 201, created.text
    damaged = bytearray(zip_bytes())
    damaged[40] ^= 0xFF  # inside the first member's data
    refused = post_form(client, "/v1/blocks/specs/", _spec_form(), artifact=bytes(damaged))
    assert refused.status_code == 400
    assert "damaged zip archive" in refused.json()["detail"]


def laughs(levels: int = 8) -> str:
    """A YAML "billion laughs" (9 ** levels values in about 400 bytes): fault rules whose operationId is the bomb."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return (
        "anchors:\n" + "".join(f"  {line}\n" for line in lines) + f"rules: [{{kind: drop, operationId: *l{levels}}}]\n"
    )


def test_yaml_alias_bombs_are_refused_by_every_endpoint_that_reads_yaml(server: RunningEmulator) -> None:
    bomb = laughs()
    assert len(bomb) < 800
    yaml_type = {"Content-Type": "application/yaml"}
    faults = _refused_while_healthy(server, lambda c: c.put("/_emulator/faults", content=bomb, headers=yaml_type))
    assert faults.status_code == 400
    assert "aliases expand to more than 100,000 values" in faults.json()["detail"]
    seed_bomb = bomb.replace("anchors:", "specs: []\nx:").split("rules:")[0]
    seeded = _refused_while_healthy(server, lambda c: c.post("/_emulator/seed", content=seed_bomb, headers=yaml_type))
    assert seeded.status_code == 400
    assert "the fixture is refused: its aliases expand" in seeded.json()["detail"]
    assert server.faults.rules == []
    assert len(httpx.get(server.base_url + "/_emulator/snapshot", timeout=5).content) < 100_000


def test_yaml_alias_bombs_in_files_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(laughs(), encoding="utf-8")
    with pytest.raises(SeedError, match=r"fixture .*bomb.yaml is refused: its aliases expand"):
        Emulator(fixture=path)
    assert cli_main(["--port", "0", "--faults", str(path)]) == 2
    assert "bomb.yaml is refused: its aliases expand" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"kind": "latency", "method": 5}, "'method' must be a string or null, not int"),
        ({"kind": "status", "status": "503"}, "'status' must be an integer, not str"),
        ({"kind": "status", "status": True}, "'status' must be an integer, not bool"),
        ({"kind": "drop", "operationId": ["listSpecs"]}, "'operationId' must be a string or null, not list"),
        ({"kind": "drop", "rate": "0.5"}, "'rate' must be a number, not str"),
        ({"kind": "drop", "times": 1.5}, "'times' must be an integer or null, not float"),
        ({"kind": "latency", "latency": {"s": 1}}, "'latency' must be a number, not dict"),
        ({"kind": "status", "retryAfter": "1"}, "'retryAfter' must be an integer or null, not str"),
        ({"kind": ["drop"]}, "'kind' must be a string, not list"),
        ({"kind": "drop", "when": 1}, "'when' must be a string, not int"),
    ],
)
def test_fault_rule_fields_of_the_wrong_type_are_a_400_naming_the_field(
    client: httpx.Client, rule: dict[str, object], field: str
) -> None:
    answer = client.put("/_emulator/faults", json={"rules": [rule]})
    assert answer.status_code == 400
    assert field in answer.json()["detail"]
    # Nothing was installed: API calls are answered as before.
    assert client.get("/v1/blocks/specs/").status_code == 200


def test_a_latency_that_never_ends_is_refused(client: httpx.Client) -> None:
    answer = client.put(
        "/_emulator/faults", content=b"rules: [{kind: latency, latency: .inf}]", headers={"Content-Type": "text/yaml"}
    )
    assert answer.status_code == 400
    assert "finite" in answer.json()["detail"]


def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


def test_deeply_nested_bodies_are_a_400(server: RunningEmulator, http: httpx.Client) -> None:
    spec_id = create_spec(checked_client(server.base_url))
    deployment_id = create_deployment(checked_client(server.base_url), spec_id)
    json_type = {**AUTH, "Content-Type": "application/json"}
    yaml_type = {"Content-Type": "application/yaml"}
    for depth in (201, 990, 100_000):
        text = "[" * depth + "]" * depth
        run = '{"p": ' + text + "}"
        for method, path, body, headers in [
            ("PATCH", f"/v1/deployments/{deployment_id}/parameters/run", run, json_type),
            ("POST", "/v1/blocks/deployments/", '{"metadata": ' + text + "}", json_type),
            ("POST", "/_emulator/seed", '{"specs": ' + text + "}", json_type),
            ("POST", "/_emulator/seed", "specs: " + text, yaml_type),
            ("PUT", "/_emulator/faults", '{"rules": ' + text + "}", json_type),
        ]:
            answer = http.request(method, path, content=body, headers=headers)
            assert answer.status_code == 400, (depth, path, answer.text)
            assert "nests more than 200 levels deep" in answer.json()["detail"], (depth, path)
    # Up to the client's own limit is fine (the run parameter is unknown, hence the 422, not a 400 or 500).
    within = http.patch(
        f"/v1/deployments/{deployment_id}/parameters/run", content=json.dumps({"p": _nested(199)}), headers=json_type
    )
    assert within.status_code == 422, within.text
    assert http.get("/_emulator/snapshot").status_code == 200
    assert [r.status for r in server.requests.records() if r.status == 500] == []


SECRET_DEFINITIONS = {
    "run": [
        {"name": "password", "type": "string", "required": False, "defaultValue": "dflt9", "hideValue": True},
        {"name": "pin", "type": "number", "required": False, "defaultValue": None, "hideValue": True},
        {"name": "choice", "type": "string", "required": False, "hideValue": True, "options": [{"value": "ok-1"}]},
        {"name": "ratio", "type": "number", "required": False, "defaultValue": 0.5},
    ]
}


def test_hidden_values_never_show_in_the_request_log(server: RunningEmulator, client: httpx.Client) -> None:
    # Short, numeric, or in a request the API refused: each still a hidden value.
    spec_id = create_spec(client, parameters=SECRET_DEFINITIONS)
    deployment_id = create_deployment(client, spec_id, run={"password": "pw123", "pin": 48151623, "ratio": 0.25})
    run_path = f"/v1/deployments/{deployment_id}/parameters/run"
    assert client.patch(run_path, json={"pin": 27182818}).status_code == 200
    refused = client.patch(run_path, json={"password": 31415926})
    assert refused.status_code == 422
    assert "31415926" not in refused.text, "an error names the parameter, not its hidden value"
    assert client.patch(run_path, json={"choice": "nope-7"}).status_code == 422
    assert client.patch(run_path, json={"password": "pw456", "nosuch": 1}).status_code == 422
    log = json.dumps([client.get(f"/_emulator/requests/{r.seq}").json() for r in server.requests.records()])
    for value in ("pw123", "48151623", "27182818", "31415926", "nope-7", "pw456", "dflt9"):
        assert value not in log, value
    assert "*****" in log
    assert "0.25" in log, "values that are not hidden still show"


_UPLOAD_LIMIT = 4 * 2**20


def _stored_artifact(limit: int) -> bytes:
    """A zip just under ``limit`` bytes, stored (not compressed), so its size is the upload's size."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as writer:
        writer.writestr("blob", os.urandom(limit - 1000), compress_type=zipfile.ZIP_STORED)
    artifact = archive.getvalue()
    assert limit - 2000 < len(artifact) <= limit
    return artifact


def _within(peak: int, bound: int, limit: int) -> None:
    assert peak < bound, f"{peak / 2**20:.1f} MiB for a {limit / 2**20:.0f} MiB upload (bound {bound / 2**20:.1f})"


def test_an_upload_at_the_limit_costs_about_its_own_size() -> None:
    # Traced allocations, not the process's memory: deterministic, and blind to what other tests hold.
    limit = _UPLOAD_LIMIT
    emulator = Emulator(max_artifact_bytes=limit)
    artifact = _stored_artifact(limit)

    async def upload() -> tuple[int, int]:
        transport = emulator.async_transport()
        async with httpx.AsyncClient(transport=transport, base_url=emulator.base_url, headers=AUTH) as client:
            files = {"artifact": ("artifact.zip", artifact, "application/zip")}
            warm = await client.post("/v1/blocks/specs/", data=_spec_form(), files={"artifact": zip_bytes()})
            assert warm.status_code == 201, warm.text
            # tracemalloc counts every thread's allocations, and other tests' servers may still be
            # running: the smallest of three uploads is the upload's own cost.
            peaks: list[int] = []
            for _ in range(3):
                request = client.build_request("POST", "/v1/blocks/specs/", data=_spec_form(), files=files)
                request.read()
                tracemalloc.start()
                try:
                    answer = await client.send(request)
                    peaks.append(tracemalloc.get_traced_memory()[1])
                finally:
                    tracemalloc.stop()
                assert answer.status_code == 201, answer.text
            return answer.status_code, min(peaks)

    status, peak = asyncio.run(upload())
    assert status == 201
    # The body is the client's bytes, read in place: its parts are views of it, and the zip check
    # reads a stored member through one. So the emulator copies none of it (it was 10 MiB here).
    _within(peak, 2**20, limit)


def test_an_upload_over_http_costs_about_its_own_size() -> None:
    # Over a socket the body comes in many pieces, which must not be joined (that holds it twice).
    # The client is a bare socket sending prepared bytes, so that only the server's allocations count.
    limit = _UPLOAD_LIMIT
    artifact = _stored_artifact(limit)
    with Emulator(max_artifact_bytes=limit).serve() as server:
        requests = []
        for _ in range(3):
            request = httpx.Request(
                "POST",
                server.base_url + "/v1/blocks/specs/",
                headers=AUTH,
                data=_spec_form(),
                files={"artifact": ("artifact.zip", artifact, "application/zip")},
            )
            body = request.read()
            head = "".join(f"{k}: {v}\r\n" for k, v in request.headers.items() if k.lower() != "connection")
            requests.append((f"POST /v1/blocks/specs/ HTTP/1.1\r\n{head}Connection: close\r\n\r\n".encode(), body))
        peaks: list[int] = []
        for head_bytes, body in requests:
            tracemalloc.start()
            try:
                with socket.create_connection((server.host, server.port), timeout=30) as sock:
                    sock.sendall(head_bytes)
                    sock.sendall(body)
                    reply = bytearray()
                    while chunk := sock.recv(65536):
                        reply += chunk
                peaks.append(tracemalloc.get_traced_memory()[1])
            finally:
                tracemalloc.stop()
            assert reply.startswith(b"HTTP/1.1 201 "), bytes(reply[:300])
    # The body once, gathered in place as its pieces arrive (was 10 MiB here: 2.5 times the upload).
    _within(min(peaks), limit + 2 * 2**20, limit)
