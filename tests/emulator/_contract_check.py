"""Checking every response a test sees against the OpenAPI document, with openapi-core.

Independent of the emulator's own validation: the document is read from ``openapi/`` and
each ``httpx.Response`` is presented to openapi-core as the request/response pair it was.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_PATH = ROOT / "openapi" / "press-blocks.yaml"
CONTROL_PREFIX = "/_emulator"


@functools.cache
def document() -> dict[str, Any]:
    return yaml.safe_load(DOCUMENT_PATH.read_text(encoding="utf-8"))


@functools.cache
def openapi() -> OpenAPI:
    return OpenAPI.from_dict(document())


def examples() -> dict[str, Any]:
    """The document's ``components/examples`` values by name (fresh copies)."""
    return json.loads(json.dumps({k: v["value"] for k, v in document()["components"]["examples"].items()}))


class _Request:
    def __init__(self, request: httpx.Request) -> None:
        self.host_url = document()["servers"][0]["url"]
        self.path = request.url.path
        self.method = request.method.lower()
        self.body = None
        self.content_type = request.headers.get("content-type", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(request.url.query.decode(), keep_blank_values=True)),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.headers = Headers(list(response.headers.items()))
        self.content_type = response.headers.get("content-type", "")
        self.data = response.content


def error_body_errors(body: Any) -> list[str]:
    """Errors of ``body`` against the document's ErrorResponse schema, plus the emulator's own promises."""
    schema = {"$ref": "#/components/schemas/ErrorResponse", "components": document()["components"]}
    errors = [e.message for e in OAS30Validator(schema).iter_errors(body)]
    if isinstance(body, dict) and not {"statusCode", "message", "detail"} <= set(body):
        errors.append(f"error body lacks statusCode/message/detail: {body}")
    return errors


def response_errors(response: httpx.Response) -> list[str]:
    """Why ``response`` does not match the document (empty when it does); control endpoints are skipped."""
    path = response.request.url.path
    if path.startswith(CONTROL_PREFIX):
        return []
    response.read()
    if response.status_code in (404, 405) and response.headers.get("content-type") == "application/json":
        # Unknown routes and methods are outside the document; they still get the API's error body.
        body = response.json()
        if isinstance(body, dict) and str(body.get("detail", "")).startswith(("No route", response.request.method)):
            return error_body_errors(body)
    found = openapi().iter_response_errors(_Request(response.request), _Response(response))
    errors = [f"{type(e).__name__}: {e} {getattr(e.__cause__, 'schema_errors', '') or ''}" for e in found]
    if response.status_code >= 400:
        errors += error_body_errors(response.json())
    return errors


def assert_conforms(response: httpx.Response) -> None:
    """Fail if ``response`` does not match the document; an httpx ``response`` event hook."""
    errors = response_errors(response)
    assert not errors, f"{response.request.method} {response.request.url} -> {response.status_code}: {errors}"


async def assert_conforms_async(response: httpx.Response) -> None:
    """The async twin of :func:`assert_conforms`, for ``httpx.AsyncClient``."""
    await response.aread()
    assert_conforms(response)
