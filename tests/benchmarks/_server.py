"""The benchmark server: a small threaded HTTP/1.1 keep-alive stand-in for Press on 127.0.0.1.

It serves ``describe_spec`` and paged ``list_specs`` with a configurable delay per request,
accepts the multipart ``create_spec`` (hashing the uploaded zip after answering), answers the
tenant-metadata and telemetry calls peak-sdk makes when they are not patched out, and counts
the TCP connections that carried API requests. It runs in its own process (``python -m
tests.benchmarks._server``), so it never shares a GIL with the client being measured; it
prints ``PORT <n>`` once listening and exits when its stdin closes.

Control endpoints (plain GETs, not counted as API traffic): ``/_bench/config?delay_ms=&specs=``,
``/_bench/reset`` and ``/_bench/stats``. :class:`ServerProcess` drives them from the runner.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import re
import selectors
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.benchmarks import _fixtures

__all__ = ["BenchServer", "ServerProcess", "main"]

HOST = "127.0.0.1"
SPECS_PATH = "/v1/blocks/specs/"
TENANT_METADATA_PATH = "/tenant-management/api/v1/external/tenants/tenant-metadata"
TELEMETRY_PATH = "/resource-usage/api/v1/telemetry"
_BOUNDARY = re.compile(rb'boundary="?([^";\s]+)"?')
_JSON = "application/json"


class BenchServer(ThreadingHTTPServer):
    """Holds the configuration, the canned payloads and the counters of one server process."""

    daemon_threads = True
    request_queue_size = 256  # 20+ clients connect at once in the fan-out; the default backlog is 5
    allow_reuse_address = True

    def __init__(self, port: int = 0) -> None:
        super().__init__((HOST, port), _Handler)
        self.lock = threading.Condition()
        self.delay = 0.0
        self.spec_count = 1000
        self._pages: dict[tuple[int, int], bytes] = {}
        self._describe: dict[str, bytes] = {}
        self._items: list[dict[str, Any]] = []
        self.reset()

    def reset(self) -> None:
        """Zero every counter and forget the uploads."""
        with self.lock:
            self.connections = 0
            self.api_connections = 0
            self.requests: Counter[str] = Counter()
            self.uploads: list[dict[str, Any]] = []
            self.pending = 0

    def configure(self, delay_ms: float | None, specs: int | None) -> None:
        """Set the per-request delay and the number of specs ``list_specs`` pages over."""
        with self.lock:
            if delay_ms is not None:
                self.delay = max(0.0, delay_ms) / 1000
            if specs is not None and specs != self.spec_count:
                self.spec_count = max(0, specs)
                self._pages.clear()
                self._items = []

    def stats(self, wait: float = 10.0) -> dict[str, Any]:
        """Return the counters, once the uploads answered so far are analysed (waiting at most ``wait`` s)."""
        deadline = time.monotonic() + wait
        with self.lock:
            while self.pending and (left := deadline - time.monotonic()) > 0:
                self.lock.wait(left)
            return {
                "connections": self.connections,
                "api_connections": self.api_connections,
                "requests": dict(self.requests),
                "uploads": list(self.uploads),
                "pending_uploads": self.pending,
                "delay_ms": self.delay * 1000,
                "specs": self.spec_count,
            }

    def page(self, number: int, size: int) -> bytes:
        """The JSON of one ``list_specs`` page."""
        key = (number, size)
        with self.lock:
            cached = self._pages.get(key)
            if cached is not None:
                return cached
            if not self._items:
                self._items = [_fixtures.list_spec_item(i) for i in range(self.spec_count)]
            count = self.spec_count
            start = (number - 1) * size
            body = {
                "specs": self._items[start : start + size] if number >= 1 else [],
                "pageCount": math.ceil(count / size),
                "pageNumber": number,
                "pageSize": size,
                "specCount": count,
            }
            data = json.dumps(body).encode()
            self._pages[key] = data
            return data

    def describe(self, spec_id: str) -> bytes:
        """The JSON of ``describe_spec`` for ``spec_id``."""
        with self.lock:
            cached = self._describe.get(spec_id)
            if cached is None:
                cached = json.dumps(_fixtures.describe_spec_response(spec_id)).encode()
                if len(self._describe) < 1024:
                    self._describe[spec_id] = cached
            return cached

    def record_upload(self, client: str, content_type: str, body: bytes) -> None:
        """Hash the uploaded artifact and note what the zip holds (run after the answer is sent)."""
        record: dict[str, Any] = {"client": client, "body_bytes": len(body)}
        try:
            fields, artifact = _multipart(content_type, body)
            record["fields"] = sorted(fields)
            if artifact is not None:
                record["sha256"] = hashlib.sha256(artifact).hexdigest()
                record["size"] = len(artifact)
                with zipfile.ZipFile(io.BytesIO(artifact)) as archive:
                    infos = archive.infolist()
                    record["entries"] = len(infos)
                    record["files"] = sum(1 for info in infos if not info.is_dir())
                    record["uncompressed"] = sum(info.file_size for info in infos)
                    record["zip_ok"] = archive.testzip() is None
        except Exception as exc:  # recorded, so the runner reports it as a correctness failure
            record["error"] = f"{type(exc).__name__}: {exc}"
        with self.lock:
            self.uploads.append(record)
            self.pending -= 1
            self.lock.notify_all()


def _multipart(content_type: str, body: bytes) -> tuple[list[str], bytes | None]:
    match = _BOUNDARY.search(content_type.encode("latin-1"))
    if match is None:
        raise ValueError(f"no multipart boundary in {content_type!r}")
    delimiter = b"--" + match.group(1)
    fields: list[str] = []
    artifact: bytes | None = None
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, _, data = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        if name is None:
            continue
        fields.append(name.group(1).decode())
        if name.group(1) == b"artifact":
            artifact = data[:-2] if data.endswith(b"\r\n") else data
    return fields, artifact


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 120  # an idle keep-alive connection is dropped after this many seconds
    server: BenchServer

    def setup(self) -> None:
        super().setup()
        self._api = False
        with self.server.lock:
            self.server.connections += 1

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        body = self._read_body()
        url = urlsplit(self.path)
        if url.path.startswith("/_bench/"):
            self._control(url.path, parse_qs(url.query))
            return
        server = self.server
        if not self._api:
            self._api = True
            with server.lock:
                server.api_connections += 1
        if not self.headers.get("Authorization"):
            self._reply(401, b'{"detail": "No token"}')
            return
        route, status, payload = self._route(method, url.path, parse_qs(url.query))
        with server.lock:
            server.requests[route] += 1
            if route == "create_spec":
                server.pending += 1
        if server.delay and route in ("describe_spec", "list_specs"):
            time.sleep(server.delay)
        try:
            self._reply(status, payload)
        finally:
            if route == "create_spec":
                server.record_upload(self.headers.get("User-Agent", ""), self.headers.get("Content-Type", ""), body)

    def _route(self, method: str, path: str, query: dict[str, list[str]]) -> tuple[str, int, bytes]:
        server = self.server
        if path == SPECS_PATH and method == "GET":
            size = int(query.get("pageSize", ["25"])[0])
            number = int(query.get("pageNumber", ["1"])[0])
            return "list_specs", 200, server.page(number, max(1, size))
        if path == SPECS_PATH and method == "POST":
            return "create_spec", 201, b'{"id": "spec-created"}'
        if path.startswith(SPECS_PATH) and method == "GET" and "/" not in path[len(SPECS_PATH) :]:
            return "describe_spec", 200, server.describe(path[len(SPECS_PATH) :])
        if path == TENANT_METADATA_PATH and method == "GET":
            return "tenant_metadata", 200, b"{}"
        if path == TELEMETRY_PATH and method == "POST":
            return "telemetry", 200, b"{}"
        return "unknown", 404, b'{"detail": "Not found"}'

    def _control(self, path: str, query: dict[str, list[str]]) -> None:
        server = self.server
        if path == "/_bench/config":
            delay = query.get("delay_ms")
            specs = query.get("specs")
            server.configure(float(delay[0]) if delay else None, int(specs[0]) if specs else None)
            result: dict[str, Any] = {"delay_ms": server.delay * 1000, "specs": server.spec_count}
        elif path == "/_bench/reset":
            server.reset()
            result = {"reset": True}
        elif path == "/_bench/stats":
            result = server.stats()
        else:
            self._reply(404, b'{"detail": "unknown control endpoint"}')
            return
        self._reply(200, json.dumps(result).encode())

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _reply(self, status: int, payload: bytes) -> None:
        # Status line, headers and body go out in one write: no Nagle/delayed-ACK stalls.
        self.send_response(status)
        self.send_header("Content-Type", _JSON)
        self.send_header("Content-Length", str(len(payload)))
        self._headers_buffer.append(b"\r\n" + payload)  # type: ignore[attr-defined]
        self.flush_headers()


class ServerProcess:
    """Starts the benchmark server in a child process and talks to its control endpoints."""

    def __init__(self, python: str = sys.executable, *, timeout: float = 30.0) -> None:
        root = Path(__file__).resolve().parents[2]
        self._proc = subprocess.Popen(
            [python, "-m", "tests.benchmarks._server"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            self.port = self._read_port(timeout)
        except BaseException:
            self.close()
            raise
        self.url = f"http://{HOST}:{self.port}"

    def _read_port(self, timeout: float) -> int:
        assert self._proc.stdout is not None
        deadline = time.monotonic() + timeout
        line = b""
        with selectors.DefaultSelector() as selector:
            selector.register(self._proc.stdout, selectors.EVENT_READ)
            while not line.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise RuntimeError("the benchmark server did not start in time")
                byte = os.read(self._proc.stdout.fileno(), 1)  # unbuffered: select() sees every byte
                if not byte:
                    err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
                    raise RuntimeError(f"the benchmark server exited before listening:\n{err}")
                line += byte
        return int(line.split()[1])

    def control(self, name: str, **params: object) -> dict[str, Any]:
        """GET ``/_bench/<name>`` with ``params`` and return its JSON."""
        query = f"?{urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}/_bench/{name}{query}", timeout=30) as response:
            result: dict[str, Any] = json.loads(response.read())
            return result

    def close(self) -> None:
        """Stop the server (closing its stdin asks it to exit; it is killed after 5 s)."""
        proc = self._proc
        if proc.poll() is None:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
                proc.wait(timeout=5)
            except (subprocess.TimeoutExpired, OSError):
                proc.kill()
                proc.wait(timeout=5)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    """Serve until stdin closes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = BenchServer(args.port)
    _fixtures.describe_spec_response("warm-up")  # parse the OpenAPI examples before the first request

    def watch_stdin() -> None:
        sys.stdin.buffer.read()
        server.shutdown()

    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
