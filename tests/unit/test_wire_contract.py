"""Every request each Block method sends is valid against the OpenAPI contract (openapi-core).

The requests are captured from a real Block over ``httpx.MockTransport``, presented to
openapi-core through a small adapter, and checked for method, path template (§1.2 of the
peak-sdk facts) and validation errors; the JSON carried inside multipart parts is checked
against the schema its ``x-json-schema`` names.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from press_blocks import Block, Session
from tests.contract._document import DOCUMENT_PATH, json_parts, load_document, operations, resolve, schema_errors
from tests.unit.test_requests import parse_multipart, parts_by_name

DOCUMENT = load_document()
EXAMPLES: dict[str, Any] = DOCUMENT["components"]["examples"]
SERVER = DOCUMENT["servers"][0]["url"]
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")


@pytest.fixture(scope="module")
def openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(DOCUMENT_PATH))


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# --- the adapter ----------------------------------------------------------------------------------


class CoreRequest:
    """An ``httpx.Request`` as openapi-core's Request protocol sees it."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        # The raw (still percent-encoded) path: openapi-core matches it against the templates.
        self.path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
        self.method = request.method.lower()
        self.body: bytes | None = request.content or None
        self.content_type = request.headers.get("content-type", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )


def contract_errors(openapi: OpenAPI, request: httpx.Request) -> list[str]:
    result = openapi.unmarshal_request(CoreRequest(request))
    messages = []
    for error in result.errors:
        cause = error.__cause__
        details = getattr(cause, "schema_errors", None) or getattr(error, "schema_errors", None) or []
        messages.append(f"{error!r}: {cause!r} {[e.message for e in details]}")
    return messages


def multipart_part_errors(request: httpx.Request) -> list[str]:
    """Decode each JSON-bearing part and validate it against its ``x-json-schema``."""
    path, method = _operation_of(request)
    op = DOCUMENT["paths"][path][method]
    schema = resolve(DOCUMENT, op["requestBody"])["content"]["multipart/form-data"]["schema"]
    parts = parts_by_name(parse_multipart(request.content, request.headers["content-type"]))
    errors = []
    for name, part_schema in json_parts(DOCUMENT, schema).items():
        if name in parts:
            value = json.loads(parts[name].content)
            errors += [f"{name}: {e}" for e in schema_errors(DOCUMENT, part_schema, value)]
    return errors


def _template_regex(path: str) -> re.Pattern[str]:
    pattern = "".join("[^/?#]+" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{[^}]+\})", path))
    return re.compile(pattern)


def _operation_of(request: httpx.Request) -> tuple[str, str]:
    raw = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
    matches = [
        (path, method)
        for path, method, _ in operations(DOCUMENT)
        if method == request.method.lower() and _template_regex(path).fullmatch(raw)
    ]
    assert len(matches) == 1, (request.method, raw, matches)
    return matches[0]


# --- a plausible service ------------------------------------------------------------------------------


def plausible_answer(request: httpx.Request) -> httpx.Response:
    """The document's own example of the operation's first success answer (every JSON answer has one)."""
    path, method = _operation_of(request)
    for status, response in DOCUMENT["paths"][path][method]["responses"].items():
        if str(status).startswith("2"):
            content = resolve(DOCUMENT, response).get("content", {}).get("application/json")
            if content is None:
                return httpx.Response(int(status))
            if "example" in content:
                return httpx.Response(int(status), json=content["example"])
            example = resolve(DOCUMENT, next(iter(content["examples"].values())))
            return httpx.Response(int(status), json=example["value"])
    raise AssertionError(f"{method} {path} has no success answer")


class Captured:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return plausible_answer(request)

        client = httpx.Client(transport=httpx.MockTransport(handler))
        # Stage prod: the requests go to the document's first server, as in production.
        self.block = Block(Session("a-peak-api-key", http_client=client, max_retries=0))


def _artifact(tmp_path: Path) -> dict[str, str]:
    root = tmp_path / "block"
    root.mkdir(exist_ok=True)
    (root / "main.py").write_text("print('hello')\n")
    (root / "Dockerfile").write_text("FROM python:3.11-slim\n")
    return {"path": str(root)}


# --- the methods ---------------------------------------------------------------------------------------

#: §1.2 of the facts: each Block method's HTTP method and path (relative to the press base).
OPERATION_TABLE: dict[str, list[tuple[str, str]]] = {
    "list_specs": [("GET", "/v1/blocks/specs/")],
    "create_spec": [("POST", "/v1/blocks/specs/")],
    "describe_spec": [("GET", "/v1/blocks/specs/{specId}")],
    "update_spec_metadata": [("PATCH", "/v1/blocks/specs/{specId}")],
    "delete_spec": [("DELETE", "/v1/blocks/specs/{specId}")],
    "create_spec_release": [("POST", "/v1/blocks/specs/{specId}/releases")],
    "list_spec_releases": [("GET", "/v1/blocks/specs/{specId}/releases")],
    "describe_spec_release": [("GET", "/v1/blocks/specs/{specId}/releases/{release}")],
    "create_deployment": [("POST", "/v1/blocks/deployments/")],
    "list_deployments": [("GET", "/v1/blocks/deployments/")],
    "describe_deployment": [("GET", "/v1/blocks/deployments/{deploymentId}")],
    "update_deployment_metadata": [("PATCH", "/v1/blocks/deployments/{deploymentId}")],
    "redeploy": [("POST", "/v1/blocks/deployments/{deploymentId}/redeploy")],
    "delete_deployment": [("DELETE", "/v1/blocks/deployments/{deploymentId}")],
    "create_deployment_revision": [("POST", "/v1/blocks/deployments/{deploymentId}/revisions")],
    "describe_deployment_revision": [("GET", "/v1/blocks/deployments/{deploymentId}/revisions/{revision}")],
    "list_deployment_revisions": [("GET", "/v1/blocks/deployments/{deploymentId}/revisions")],
    "get_parameters": [("GET", "/v1/deployments/{deploymentId}/parameters/run")],
    "patch_parameters": [("PATCH", "/v1/deployments/{deploymentId}/parameters/run")],
    "get_related_block_details": [
        ("GET", "/v1/blocks/deployments/{deploymentId}"),
        ("GET", "/v1/apps/deployments/{deploymentId}"),
    ],
}

Invoke = Callable[[Block, Path], Any]

INVOCATIONS: list[Any] = [
    pytest.param("list_specs", lambda b, t: list(b.list_specs()), id="list_specs-iterator"),
    pytest.param(
        "list_specs",
        lambda b, t: b.list_specs(
            status=["available", "archived"],
            featured=True,
            name="load",
            title="Load Salesforce",
            sort=["createdAt:desc", "name"],
            scope=["private", "shared"],
            page_size=10,
            page_number=2,
            return_iterator=False,
        ),
        id="list_specs-every-filter",
    ),
    *[
        pytest.param(
            "create_spec",
            lambda b, t, name=name: b.create_spec(
                EXAMPLES[name]["value"],
                artifact=_artifact(t),
                featured=False,
                scope="shared",
                tenants=EXAMPLES["tenantList"]["value"],
                parameters=EXAMPLES["parameterDefinitions"]["value"],
                auto_run_on_deploy=True,
                progress=False,
            ),
            id=f"create_spec-{name}",
        )
        for name in (
            "workflowPrivateSpecBody",
            "workflowSharedSpecBody",
            "servicePrivateSpecBody",
            "serviceSharedSpecBody",
        )
    ],
    pytest.param(
        "create_spec", lambda b, t: b.create_spec(EXAMPLES["servicePrivateSpecBody"]["value"]), id="create_spec-minimal"
    ),
    pytest.param(
        "create_spec",
        lambda b, t: b.create_spec(EXAMPLES["workflowPrivateSpecBody"]["value"], featured=True, validate=True),
        id="create_spec-validate",
    ),
    pytest.param("describe_spec", lambda b, t: b.describe_spec("0bddb4c6"), id="describe_spec"),
    pytest.param(
        "update_spec_metadata",
        lambda b, t: b.update_spec_metadata("0bddb4c6", EXAMPLES["updateSpecMetadataBody"]["value"]),
        id="update_spec_metadata",
    ),
    pytest.param(
        "update_spec_metadata",
        lambda b, t: b.update_spec_metadata("0bddb4c6", {"scope": "shared", "tenants": ["t1"], "featured": True}),
        id="update_spec_metadata-share",
    ),
    pytest.param("delete_spec", lambda b, t: b.delete_spec("0bddb4c6"), id="delete_spec"),
    *[
        pytest.param(
            "create_spec_release",
            lambda b, t, name=name: b.create_spec_release(
                "0bddb4c6",
                EXAMPLES[name]["value"],
                artifact=_artifact(t),
                parameters=EXAMPLES["parameterDefinitions"]["value"],
                auto_run_on_deploy=False,
                progress=False,
            ),
            id=f"create_spec_release-{name}",
        )
        for name in ("workflowReleaseBody", "serviceReleaseBody")
    ],
    pytest.param(
        "create_spec_release",
        lambda b, t: b.create_spec_release("0bddb4c6", EXAMPLES["serviceReleaseBody"]["value"], validate=True),
        id="create_spec_release-validate",
    ),
    pytest.param("list_spec_releases", lambda b, t: list(b.list_spec_releases("0bddb4c6")), id="list_spec_releases"),
    pytest.param(
        "list_spec_releases",
        lambda b, t: b.list_spec_releases(
            "0bddb4c6", sort=["createdAt:asc"], page_size=5, page_number=1, return_iterator=False
        ),
        id="list_spec_releases-every-filter",
    ),
    pytest.param(
        "describe_spec_release", lambda b, t: b.describe_spec_release("0bddb4c6", "1.0.0"), id="describe_spec_release"
    ),
    pytest.param(
        "create_deployment",
        lambda b, t: b.create_deployment(EXAMPLES["createDeploymentBody"]["value"]),
        id="create_deployment",
    ),
    pytest.param("list_deployments", lambda b, t: list(b.list_deployments()), id="list_deployments"),
    pytest.param(
        "list_deployments",
        lambda b, t: b.list_deployments(
            status=["deployed", "failed", "platform_resource_error"],
            name="lso",
            title="LSO",
            sort=["title:desc"],
            page_size=1000,
            page_number=3,
            return_iterator=False,
        ),
        id="list_deployments-every-filter",
    ),
    pytest.param("describe_deployment", lambda b, t: b.describe_deployment("e04e308d"), id="describe_deployment"),
    pytest.param(
        "update_deployment_metadata",
        lambda b, t: b.update_deployment_metadata("e04e308d", EXAMPLES["updateDeploymentMetadataBody"]["value"]),
        id="update_deployment_metadata",
    ),
    pytest.param("redeploy", lambda b, t: b.redeploy("e04e308d"), id="redeploy"),
    pytest.param("delete_deployment", lambda b, t: b.delete_deployment("e04e308d"), id="delete_deployment"),
    pytest.param(
        "create_deployment_revision",
        lambda b, t: b.create_deployment_revision("e04e308d", EXAMPLES["createRevisionBody"]["value"]),
        id="create_deployment_revision",
    ),
    pytest.param(
        "create_deployment_revision",
        lambda b, t: b.create_deployment_revision("e04e308d", {}),
        id="create_deployment_revision-latest",
    ),
    pytest.param(
        "describe_deployment_revision",
        lambda b, t: b.describe_deployment_revision("e04e308d", "2"),
        id="describe_deployment_revision",
    ),
    pytest.param(
        "list_deployment_revisions",
        lambda b, t: list(b.list_deployment_revisions("e04e308d")),
        id="list_deployment_revisions",
    ),
    pytest.param(
        "list_deployment_revisions",
        lambda b, t: b.list_deployment_revisions(
            "e04e308d", sort=["createdAt"], status=["superseded", "deployed"], page_size=2, return_iterator=False
        ),
        id="list_deployment_revisions-every-filter",
    ),
    pytest.param("get_parameters", lambda b, t: b.get_parameters("e04e308d"), id="get_parameters"),
    pytest.param(
        "patch_parameters",
        lambda b, t: b.patch_parameters("e04e308d", EXAMPLES["patchParametersBody"]["value"]),
        id="patch_parameters",
    ),
    pytest.param(
        "get_related_block_details",
        lambda b, t: b.get_related_block_details("e04e308d"),
        id="get_related_block_details",
    ),
]


class TestEveryMethodAgainstTheContract:
    @pytest.mark.parametrize(("method", "invoke"), INVOCATIONS)
    def test_requests_are_valid(self, openapi: OpenAPI, tmp_path: Path, method: str, invoke: Invoke) -> None:
        captured = Captured()
        invoke(captured.block, tmp_path)
        expected = OPERATION_TABLE[method]
        assert len(captured.requests) == len(expected)
        for request, (verb, template) in zip(captured.requests, expected, strict=True):
            assert request.method == verb
            assert request.url.host == "press.peak.ai"
            raw_path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
            assert _template_regex(template).fullmatch(raw_path), (raw_path, template)
            assert contract_errors(openapi, request) == []
            if request.headers.get("content-type", "").startswith("multipart/form-data"):
                assert multipart_part_errors(request) == []

    def test_every_block_method_is_exercised(self) -> None:
        public = {
            name
            for name, member in inspect.getmembers(Block, inspect.isfunction)
            # The waits only repeat describe_deployment / describe_deployment_revision.
            if not name.startswith("_")
            and name not in {"close", "with_options", "wait_for_deployment", "wait_for_revision"}
        }
        assert public == set(OPERATION_TABLE)
        assert {p.values[0] for p in INVOCATIONS} == public

    def test_the_table_covers_every_operation_of_the_document(self) -> None:
        documented = {(method.upper(), path) for path, method, _ in operations(DOCUMENT)}
        tabled = {entry for entries in OPERATION_TABLE.values() for entry in entries}
        assert tabled == documented


class TestTheValidatorIsNotVacuous:
    """Hand-made requests that break the contract are reported: the adapter really validates."""

    @pytest.mark.parametrize(
        "request_",
        [
            pytest.param(
                httpx.Request("GET", f"{SERVER}/v1/blocks/specs/", params={"featured": "maybe"}),
                id="not-a-boolean",
            ),
            pytest.param(
                httpx.Request("GET", f"{SERVER}/v1/blocks/specs/", params={"status": "hibernating"}),
                id="unknown-status",
            ),
            pytest.param(
                httpx.Request("GET", f"{SERVER}/v1/blocks/deployments/", params={"pageSize": "0"}), id="page-size-0"
            ),
            pytest.param(
                httpx.Request("GET", f"{SERVER}/v1/blocks/deployments/d/revisions/abc"), id="revision-not-a-number"
            ),
            pytest.param(
                httpx.Request("POST", f"{SERVER}/v1/blocks/deployments/", json={"metadata": {"name": "n"}}),
                id="deployment-missing-keys",
            ),
            pytest.param(
                httpx.Request(
                    "POST",
                    f"{SERVER}/v1/blocks/specs/",
                    files=[("spec", (None, b"{}")), ("featured", (None, b"null"))],
                ),
                id="multipart-null-flag",
            ),
        ],
    )
    def test_contract_violations_are_reported(self, openapi: OpenAPI, request_: httpx.Request) -> None:
        request_.headers["Authorization"] = "a-peak-api-key"
        request_.read()
        assert contract_errors(openapi, request_) != []

    def test_missing_authorization_is_reported(self, openapi: OpenAPI) -> None:
        request = httpx.Request("GET", f"{SERVER}/v1/blocks/specs/abc")
        assert contract_errors(openapi, request) != []
        request.headers["Authorization"] = "a-peak-api-key"
        assert contract_errors(openapi, request) == []

    def test_bad_json_in_a_multipart_part_is_reported(self) -> None:
        request = httpx.Request(
            "POST",
            f"{SERVER}/v1/blocks/specs/",
            files=[
                ("spec", (None, json.dumps({"kind": "workflow"}).encode())),
                ("tenants", (None, b'["ok", ""]')),
                ("parameters", (None, b'{"runtime": []}')),
            ],
        )
        request.read()
        errors = multipart_part_errors(request)
        assert any(e.startswith("spec:") for e in errors)
        assert any(e.startswith("tenants:") for e in errors)
        assert any(e.startswith("parameters:") for e in errors)
