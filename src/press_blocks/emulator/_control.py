"""The control endpoints under ``/_emulator``: health, reset, seed, the document, faults, the log, transition,
state, and the inspector page.

They act on the emulator through :class:`Controlled`, the few things they need of it, so
this module never imports the :class:`~press_blocks.emulator.Emulator` that serves it.
When the emulator is served beyond loopback, every one of them needs an accepted token.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from typing import Any

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from press_blocks.emulator._constants import CONTROL_PREFIX, MAX_CONTROL_BODY_BYTES
from press_blocks.emulator._controlled import Controlled
from press_blocks.emulator._errors import ApiError, SeedError, error_body
from press_blocks.emulator._faults import fault_config
from press_blocks.emulator._inspector import inspector_routes
from press_blocks.emulator._lifecycle import Transition
from press_blocks.emulator._local import cross_origin
from press_blocks.emulator._settings import Settings
from press_blocks.emulator._wire import (
    Answer,
    ASGIApp,
    Body,
    ConnectionDropped,
    Receive,
    Scope,
    Send,
    declared_length,
    load_yaml,
    loads,
    read_body,
    send_answer,
)

__all__ = ["control_app"]


def control_app(emulator: Controlled) -> ASGIApp:
    """Return the ASGI app of the ``/_emulator`` endpoints; they need a token when ``settings.protect_controls``."""

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def reset(_: Request) -> Response:
        emulator.reset()
        return JSONResponse({"reset": True})

    async def seed(request: Request) -> Response:
        fixture = await _document(request, "the fixture", yaml_too=True)
        if not isinstance(fixture, dict):
            raise ApiError(400, "the fixture must be a mapping with specs, deployments and/or appDeployments")
        return JSONResponse(emulator.seed(fixture))

    async def openapi(_: Request) -> Response:
        return PlainTextResponse(emulator.contract.text, media_type="application/yaml")

    async def faults(request: Request) -> Response:
        if request.method == "PUT":
            # JSON, or the YAML a --faults file holds (what the inspector sends).
            data = await _document(request, "the fault configuration", yaml_too=True)
            try:
                rules, seed_value = fault_config(data)
            except ValueError as exc:
                raise ApiError(400, str(exc)) from None
            emulator.faults.set(rules, seed=seed_value)
        elif request.method == "DELETE":
            emulator.faults.clear()
        return JSONResponse(emulator.faults.to_dict())

    async def requests(request: Request) -> Response:
        if request.method == "DELETE":
            emulator.requests.clear()
        records = [r.to_dict() for r in emulator.requests.records()]
        return JSONResponse({"count": len(records), "requests": records})

    async def one_request(request: Request) -> Response:
        record = emulator.requests.get(request.path_params["seq"])
        if record is None:
            raise ApiError(404, f"no request {request.path_params['seq']} in the log")
        return JSONResponse(record.to_dict())

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
            Route(f"{p}/requests/{{seq:int}}", one_request, methods=["GET"]),
            *inspector_routes(emulator),
        ],
        exception_handlers={ApiError: api_error, HTTPException: http_error, SeedError: seed_error},
    )
    app.router.redirect_slashes = False
    return _Guarded(app, emulator.settings)


class _Guarded:
    """Lets a request through to the control endpoints only from the emulator's own origin (or no browser),
    and only with an accepted token when they are protected.

    The token may come as the API takes it (``Authorization: <token>``), as a bearer token,
    or as the password of HTTP Basic credentials (any user name): browsers ask for those
    themselves on a 401 with ``WWW-Authenticate: Basic``, which is how the inspector page opens.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = cross_origin(scope)
        if refused is not None:
            await send_answer(send, Answer.error(ApiError(403, refused)))
            return
        if self.settings.protect_controls and not self._authorised(scope):
            answer = Answer.error(
                ApiError(
                    401,
                    "The control endpoints of an emulator served beyond loopback need one of its tokens "
                    "(Authorization: <token>, or the password of Basic credentials)",
                    headers={"WWW-Authenticate": 'Basic realm="press-blocks emulator", charset="UTF-8"'},
                )
            )
            await send_answer(send, answer)
            return
        await self.app(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        tokens = self.settings.tokens or frozenset()
        header = next((v for k, v in scope.get("headers", []) if k.lower() == b"authorization"), b"")
        given = _token(header.decode("latin-1").strip())
        # Compare against every token, in constant time, so timing says nothing about them.
        matches = [hmac.compare_digest(given.encode(), token.encode()) for token in tokens]
        return bool(given) and any(matches)


def _token(value: str) -> str:
    scheme, _, rest = value.partition(" ")
    if scheme.lower() == "bearer":
        return rest.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(rest.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return decoded.partition(":")[2]
    return value


_YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


async def _read(request: Request, what: str) -> Body:
    """Read a control body, refusing one over the limit before reading it when its length is declared."""
    limit = MAX_CONTROL_BODY_BYTES
    too_large = ApiError(413, f"{what} is over the control endpoints' limit of {limit:,} bytes")
    declared = declared_length(request.headers)
    if declared is not None and declared > limit:
        raise too_large
    try:
        return await read_body(request.receive, limit, too_large, expected=declared)
    except ConnectionDropped:
        raise ApiError(400, f"the client went away while sending {what}") from None  # no one hears it


async def _document(request: Request, what: str, *, yaml_too: bool) -> Any:
    """Read a control body as JSON, or as YAML when it says so; other types are refused.

    Only these types make a browser ask first (a CORS preflight, which the emulator never
    grants) before sending a page's request cross-site; ``text/plain`` would not.
    """
    media_type = _media_type(request)
    if _is_json(media_type):
        return loads(await _read(request, what), what)
    if yaml_too and media_type in _YAML_TYPES:
        raw = await _read(request, what)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"{what} is not UTF-8 text: {exc}") from None
        try:
            # A long document takes a while to count and build; the event loop keeps answering meanwhile.
            return await anyio.to_thread.run_sync(load_yaml, text, what) if text.strip() else None
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
    accepted = "application/json or application/yaml" if yaml_too else "application/json"
    shown = media_type or "none"
    raise ApiError(415, f"{what} must be sent as {accepted} (Content-Type: {shown})")


async def _json_object(request: Request) -> dict[str, Any]:
    data = await _document(request, "the request body", yaml_too=False)
    if not isinstance(data, dict):
        raise ApiError(400, "the request body must be a JSON object")
    return data
