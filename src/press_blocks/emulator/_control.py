"""The control endpoints under ``/_emulator``: health, reset, seed, the document, faults, the log, transition, state.

They act on the emulator through :class:`Controlled`, the few things they need of it, so
this module never imports the :class:`~press_blocks.emulator.Emulator` that serves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import yaml
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from press_blocks.emulator._constants import CONTROL_PREFIX
from press_blocks.emulator._contract import Contract
from press_blocks.emulator._errors import ApiError, SeedError, error_body
from press_blocks.emulator._faults import FaultRule, Faults, RequestLog
from press_blocks.emulator._lifecycle import Transition
from press_blocks.emulator._state import Store
from press_blocks.emulator._wire import loads

__all__ = ["Controlled", "control_app"]


class Controlled(Protocol):
    """What the control endpoints need of the emulator they control."""

    @property
    def contract(self) -> Contract: ...
    @property
    def store(self) -> Store: ...
    @property
    def faults(self) -> Faults: ...
    @property
    def requests(self) -> RequestLog: ...
    @property
    def transition(self) -> Transition: ...

    def reset(self) -> None: ...
    def seed(self, fixture: Mapping[str, Any]) -> dict[str, list[str]]: ...
    def set_transition(self, transition: Transition | str) -> None: ...


def control_app(emulator: Controlled) -> Starlette:
    """Return the Starlette app of the ``/_emulator`` control endpoints (no token needed)."""

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def reset(_: Request) -> Response:
        emulator.reset()
        return JSONResponse({"reset": True})

    async def seed(request: Request) -> Response:
        raw = await request.body()
        try:
            fixture = yaml.safe_load(raw.decode("utf-8")) if raw.strip() else None
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"the fixture is not valid YAML or JSON: {exc}") from None
        if not isinstance(fixture, dict):
            raise ApiError(400, "the fixture must be a mapping with specs, deployments and/or appDeployments")
        return JSONResponse(emulator.seed(fixture))

    async def openapi(_: Request) -> Response:
        return PlainTextResponse(emulator.contract.text, media_type="application/yaml")

    async def faults(request: Request) -> Response:
        if request.method == "PUT":
            data = await _json_object(request)
            rules_data = data.get("rules", [])
            if not isinstance(rules_data, list) or not all(isinstance(r, dict) for r in rules_data):
                raise ApiError(400, "'rules' must be a list of fault rule objects")
            seed_value = data.get("seed")
            if seed_value is not None and (not isinstance(seed_value, int) or isinstance(seed_value, bool)):
                raise ApiError(400, "'seed' must be an integer")
            try:
                rules = [FaultRule.from_dict(r) for r in rules_data]
            except (TypeError, ValueError) as exc:
                raise ApiError(400, f"bad fault rule: {exc}") from None
            emulator.faults.set(rules, seed=seed_value)
        elif request.method == "DELETE":
            emulator.faults.clear()
        return JSONResponse(emulator.faults.to_dict())

    async def requests(request: Request) -> Response:
        if request.method == "DELETE":
            emulator.requests.clear()
        records = [r.to_dict() for r in emulator.requests.records()]
        return JSONResponse({"count": len(records), "requests": records})

    async def transition(request: Request) -> Response:
        if request.method == "PUT":
            data = await _json_object(request)
            try:
                emulator.set_transition(Transition.parse(str(data.get("transition", ""))))
            except ValueError as exc:
                raise ApiError(400, str(exc)) from None
        return JSONResponse({"transition": str(emulator.transition)})

    async def state(_: Request) -> Response:
        return JSONResponse(emulator.store.counts())

    async def api_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    async def http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return JSONResponse(error_body(exc.status_code, exc.detail), status_code=exc.status_code, headers=exc.headers)

    async def seed_error(_: Request, exc: Exception) -> Response:
        return JSONResponse(error_body(400, str(exc)), status_code=400)

    p = CONTROL_PREFIX
    app = Starlette(
        routes=[
            Route(f"{p}/health", health, methods=["GET"]),
            Route(f"{p}/reset", reset, methods=["POST"]),
            Route(f"{p}/seed", seed, methods=["POST"]),
            Route(f"{p}/openapi.yaml", openapi, methods=["GET"]),
            Route(f"{p}/faults", faults, methods=["GET", "PUT", "DELETE"]),
            Route(f"{p}/requests", requests, methods=["GET", "DELETE"]),
            Route(f"{p}/transition", transition, methods=["GET", "PUT"]),
            Route(f"{p}/state", state, methods=["GET"]),
        ],
        exception_handlers={ApiError: api_error, HTTPException: http_error, SeedError: seed_error},
    )
    app.router.redirect_slashes = False
    return app


async def _json_object(request: Request) -> dict[str, Any]:
    data = loads(await request.body(), "the request body")
    if not isinstance(data, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return data
