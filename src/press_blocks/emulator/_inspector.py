"""The inspector: a page at ``/_emulator/ui`` showing the emulator's state and request log, live.

The page is plain HTML, CSS and JavaScript shipped in this package (``static/``); it loads
nothing from anywhere else (its Content-Security-Policy says so to the browser) and reads
``/_emulator/snapshot``, which answers 304 while nothing has changed.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
from typing import Any

import yaml
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from press_blocks.emulator._constants import CONTROL_PREFIX, INSPECTOR_MAX_REQUESTS, INSPECTOR_PATH
from press_blocks.emulator._controlled import Controlled
from press_blocks.emulator._errors import error_body
from press_blocks.emulator._faults import FaultRule
from press_blocks.emulator._lifecycle import OUTCOMES

__all__ = ["inspector_routes", "snapshot"]

_STATIC = "static"
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript"}
_ASSET_NAME = re.compile(r"[a-z0-9-]+\.(?:css|js)")
# Everything the page needs is on this origin; say so, so that a browser refuses anything else.
_SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
}


def _asset(name: str) -> bytes | None:
    resource = importlib.resources.files("press_blocks.emulator").joinpath(_STATIC, name)
    return resource.read_bytes() if resource.is_file() else None


def _static(name: str) -> Response:
    data = _asset(name) if name == "index.html" or _ASSET_NAME.fullmatch(name) else None
    if data is None:
        return JSONResponse(error_body(404, f"the inspector has no file {name!r}"), status_code=404)
    suffix = name[name.rfind(".") :]
    return Response(data, media_type=_TYPES[suffix], headers=_SECURITY_HEADERS)


def snapshot(emulator: Controlled) -> dict[str, Any]:
    """Return what the page shows: state, configuration, and the newest requests (without bodies)."""
    records = emulator.requests.records()
    faults = emulator.faults.to_dict()
    # The YAML to edit says only what differs from a rule's defaults, as one would write it.
    config = {"seed": faults["seed"], "rules": [_written(rule) for rule in emulator.faults.rules]}
    return {
        **emulator.store.snapshot(),
        "transition": str(emulator.transition),
        "outcomes": list(OUTCOMES),
        "faults": faults,
        "faultsYaml": yaml.safe_dump(config, sort_keys=False) if faults["rules"] else "",
        "operations": sorted(emulator.contract.operations),
        "requestCount": len(records),
        "requestEpoch": emulator.requests.epoch,
        "requests": [r.to_dict(bodies=False) for r in reversed(records[-INSPECTOR_MAX_REQUESTS:])],
    }


def _written(rule: FaultRule) -> dict[str, Any]:
    """Return a rule's JSON form without the fields left at their defaults, as one would write it."""
    defaults = FaultRule(kind=rule.kind).to_dict()
    return {k: v for k, v in rule.to_dict().items() if k == "kind" or v != defaults[k]}


def inspector_routes(emulator: Controlled) -> list[Route]:
    """Return the routes of the page, its assets and its snapshot, under ``/_emulator``."""

    async def page(_: Request) -> Response:
        return _static("index.html")

    async def slash(_: Request) -> Response:
        return RedirectResponse(INSPECTOR_PATH, status_code=308)

    async def asset(request: Request) -> Response:
        return _static(request.path_params["name"])

    async def state_snapshot(request: Request) -> Response:
        body = json.dumps(snapshot(emulator), separators=(",", ":")).encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {"etag": etag, "cache-control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    p = CONTROL_PREFIX
    return [
        Route(INSPECTOR_PATH, page, methods=["GET"]),
        Route(f"{INSPECTOR_PATH}/", slash, methods=["GET"]),
        Route(f"{INSPECTOR_PATH}/{{name}}", asset, methods=["GET"]),
        Route(f"{p}/snapshot", state_snapshot, methods=["GET"]),
    ]
