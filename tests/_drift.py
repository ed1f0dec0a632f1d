"""A stand-in for a service that drifted from the document: the emulator, with four changes to its answers.

Every spec it returns (``describeSpec``, and each item of ``listSpecs``) has a property the
document does not name (``surprise``), lacks a required one (``kind``), carries a value
outside an open enum's known values (``scope: "galactic"``) and a value of another type
(``featured: "yes"``). Everything else is the emulator's own answer.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

from press_blocks.emulator import Emulator
from press_blocks.emulator._server import ServerThread

#: (JSON path under a spec, kind) of each of the four differences.
DRIFTS = (
    ("surprise", "unknown-property"),
    ("kind", "missing-required"),
    ("scope", "unknown-value"),
    ("featured", "wrong-type"),
)
#: A value the stand-in puts in its extra field: reports must never show it.
HIDDEN = "drift-hidden-value-7f3a"


def drift_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Return ``spec`` with the four differences."""
    changed = {k: v for k, v in spec.items() if k != "kind"}
    changed.update(surprise={"note": HIDDEN}, scope="galactic", featured="yes")
    return changed


def drift_body(path: str, body: bytes) -> bytes:
    """Drift the JSON body of a spec read (``/v1/blocks/specs/...``); leave any other body alone."""
    if not path.startswith("/v1/blocks/specs/") or "/releases" in path:
        return body
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if isinstance(data, dict) and isinstance(data.get("specs"), list):
        data["specs"] = [drift_spec(s) for s in data["specs"]]
    elif isinstance(data, dict) and "id" in data and "metadata" in data:
        data = drift_spec(data)
    return json.dumps(data).encode()


class DriftedApp:
    """ASGI middleware: the wrapped app's answers to spec reads, drifted (status 200 only)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    body = b"".join(chunks)
                    if start.get("status") == 200:
                        body = drift_body(scope["path"], body)
                    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                    headers.append((b"content-length", str(len(body)).encode()))
                    await send({**start, "headers": headers})
                    await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


@contextlib.contextmanager
def drifted_server(emulator: Emulator) -> Iterator[str]:
    """Serve ``emulator``, drifted, on 127.0.0.1; yield its base URL."""
    server = ServerThread(DriftedApp(emulator.app), host="127.0.0.1", port=0)
    server.start(10.0)
    try:
        yield server.base_url
    finally:
        server.stop(10.0)
