"""The request builders: argument checks before anything is sent, JSON round-trip fidelity, multipart parts."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import inspect
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from press_blocks_api.operations import OPERATIONS

from press_blocks import AsyncBlock, Block, Session
from press_blocks import _requests as builders
from press_blocks._calls import Call
from press_blocks._retry import RetryKind
from press_blocks.errors import InvalidArgumentError
from tests.unit._cases import BLOCK_INVALID

DOCUMENT_PATH = Path(__file__).resolve().parents[2] / "openapi" / "press-blocks.yaml"
EXAMPLES: dict[str, Any] = yaml.safe_load(DOCUMENT_PATH.read_text(encoding="utf-8"))["components"]["examples"]
BASE = "https://press.example.test"
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")

SPEC_BODY = EXAMPLES["servicePrivateSpecBody"]["value"]
RELEASE_BODY = EXAMPLES["serviceReleaseBody"]["value"]
PARAMETERS = EXAMPLES["parameterDefinitions"]["value"]
DEPLOYMENT_BODY = EXAMPLES["createDeploymentBody"]["value"]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# --- a strict multipart/form-data reader (RFC 2046 / 7578), shared with the other unit tests ----------


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str | None
    content: bytes


def boundary_of(content_type: str) -> bytes:
    header = Message()
    header["content-type"] = content_type
    assert header.get_content_type() == "multipart/form-data", content_type
    boundary = header.get_param("boundary")
    assert isinstance(boundary, str), content_type
    assert boundary, content_type
    return boundary.encode("latin-1")


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    """Split a body on CRLF--boundary exactly as a server does; fail on anything malformed."""
    boundary = boundary_of(content_type)
    assert body.startswith(b"--" + boundary + b"\r\n"), body[:80]
    sections = (b"\r\n" + body).split(b"\r\n--" + boundary)
    assert sections[0] == b""
    assert sections[-1] == b"--\r\n", f"body does not end with the closing delimiter: {sections[-1][:80]!r}"
    parts: list[Part] = []
    for section in sections[1:-1]:
        assert section.startswith(b"\r\n"), f"delimiter not followed by CRLF: {section[:80]!r}"
        head, separator, content = section[2:].partition(b"\r\n\r\n")
        assert separator, f"part without a blank line after its headers: {section[:80]!r}"
        headers = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(head.decode("latin-1"))
        assert headers.get_content_disposition() == "form-data"
        name = headers.get_param("name", header="content-disposition")
        assert isinstance(name, str)
        parts.append(Part(name, headers.get_filename(), headers.get("content-type"), content))
    return parts


def parts_by_name(parts: list[Part]) -> dict[str, Part]:
    names = [p.name for p in parts]
    assert len(names) == len(set(names)), f"repeated parts: {names}"
    return {p.name: p for p in parts}


def canonical(value: Any) -> str:
    """JSON text that tells true from 1 and 1.0 from 1, independent of key order."""
    return json.dumps(value, sort_keys=True)


# --- clients ----------------------------------------------------------------------------------


class Recorder:
    """A sync Block over a MockTransport answering 200/201 and keeping every request."""

    def __init__(self, answer: Any = None) -> None:
        self.requests: list[httpx.Request] = []
        answer = {"id": "x"} if answer is None else answer

        def handler(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return httpx.Response(201 if request.method == "POST" else 200, json=answer)

        client = httpx.Client(transport=httpx.MockTransport(handler))
        self.block = Block(Session("token", base_url=BASE, http_client=client, max_retries=0))

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def parts(self) -> dict[str, Part]:
        return parts_by_name(parse_multipart(self.last.content, self.last.headers["content-type"]))


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def _no_request(request: httpx.Request) -> httpx.Response:
    pytest.fail(f"a request was sent: {request.method} {request.url}")


@pytest.fixture
def silent_block() -> Block:
    return Block(Session("token", base_url=BASE, http_client=httpx.Client(transport=httpx.MockTransport(_no_request))))


@pytest.fixture
def silent_async_block() -> AsyncBlock:
    client = httpx.AsyncClient(transport=httpx.MockTransport(_no_request))
    return AsyncBlock(Session("token", base_url=BASE, async_http_client=client))


def _artifact_dir(tmp_path: Path) -> Path:
    root = tmp_path / "block"
    root.mkdir()
    (root / "main.py").write_text("print('hello')\n")
    (root / "Dockerfile").write_text("FROM python:3.11-slim\nCOPY . .\n")
    return root


# --- builders: argument checks ------------------------------------------------------------------

Builder = Callable[[], Call]

INVALID: list[Any] = [
    # list_specs_call(status, featured, name, title, sort, scope, page_size, page_number)
    pytest.param(
        lambda: builders.list_specs_call(["nope"], None, None, None, None, None, None, None),
        ["'nope'", "available", "unavailable", "archived"],
        id="list_specs-status",
    ),
    pytest.param(
        lambda: builders.list_specs_call(None, None, None, None, None, ["everyone"], None, None),
        ["'everyone'", "private", "public", "shared"],
        id="list_specs-scope",
    ),
    pytest.param(
        lambda: builders.list_specs_call(None, "yes", None, None, None, None, None, None), ["featured"], id="featured"
    ),
    pytest.param(lambda: builders.list_specs_call(None, None, 5, None, None, None, None, None), ["name"], id="name"),
    pytest.param(lambda: builders.list_specs_call(None, None, None, 5, None, None, None, None), ["title"], id="title"),
    pytest.param(lambda: builders.list_specs_call(None, None, None, None, [1], None, None, None), ["sort"], id="sort"),
    pytest.param(
        lambda: builders.list_specs_call(None, None, None, None, None, None, 0, None), ["page_size"], id="page_size-0"
    ),
    pytest.param(
        lambda: builders.list_specs_call(None, None, None, None, None, None, True, None),
        ["page_size"],
        id="page_size-bool",
    ),
    pytest.param(
        lambda: builders.list_specs_call(None, None, None, None, None, None, "10", None),
        ["page_size"],
        id="page_size-str",
    ),
    pytest.param(
        lambda: builders.list_specs_call(None, None, None, None, None, None, None, 0),
        ["page_number"],
        id="page_number-0",
    ),
    # create_spec_call(body, artifact, featured, scope, tenants, parameters, auto_run_on_deploy, validate)
    pytest.param(
        lambda: builders.create_spec_call([SPEC_BODY], None, None, None, None, None, None, False),
        ["body", "dict"],
        id="create_spec-body-list",
    ),
    pytest.param(
        lambda: builders.create_spec_call({"x": object()}, None, None, None, None, None, None, False),
        ["body", "JSON"],
        id="create_spec-body-unserialisable",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, "true", None, None, None, None, False),
        ["featured"],
        id="create_spec-featured-str",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, None, "everyone", None, None, None, False),
        ["scope", "private", "public", "shared"],
        id="create_spec-scope",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, None, "shared", [1, 2], None, None, False),
        ["tenants"],
        id="create_spec-tenants",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, None, None, None, [PARAMETERS], None, False),
        ["parameters"],
        id="create_spec-parameters-list",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, None, None, None, {"runtime": []}, None, False),
        ["parameters", "'runtime'"],
        id="create_spec-parameters-key",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, None, None, None, None, 1, False),
        ["auto_run_on_deploy"],
        id="create_spec-auto_run",
    ),
    pytest.param(
        lambda: builders.create_spec_call(SPEC_BODY, None, None, None, None, None, None, "yes"),
        ["validate"],
        id="create_spec-validate",
    ),
    # describe / update / delete spec
    pytest.param(lambda: builders.describe_spec_call(""), ["spec_id"], id="describe_spec-empty"),
    pytest.param(lambda: builders.describe_spec_call("   "), ["spec_id"], id="describe_spec-blank"),
    pytest.param(lambda: builders.describe_spec_call(None), ["spec_id"], id="describe_spec-none"),
    pytest.param(lambda: builders.describe_spec_call(42), ["spec_id"], id="describe_spec-int"),
    pytest.param(lambda: builders.update_spec_metadata_call("s", [1]), ["body", "dict"], id="update_spec-body"),
    pytest.param(
        lambda: builders.update_spec_metadata_call("s", {"scope": "everyone"}),
        ["body", "everyone"],
        id="update_spec-scope",
    ),
    pytest.param(
        lambda: builders.update_spec_metadata_call("s", {"metadata": {"status": "gone"}}),
        ["body", "gone"],
        id="update_spec-status",
    ),
    pytest.param(lambda: builders.update_spec_metadata_call("", {}), ["spec_id"], id="update_spec-id"),
    pytest.param(lambda: builders.delete_spec_call(""), ["spec_id"], id="delete_spec"),
    # releases
    pytest.param(
        lambda: builders.create_spec_release_call("", RELEASE_BODY, None, None, None, False),
        ["spec_id"],
        id="create_release-id",
    ),
    pytest.param(
        lambda: builders.create_spec_release_call("s", "body", None, None, None, False),
        ["body", "dict"],
        id="create_release-body",
    ),
    pytest.param(
        lambda: builders.create_spec_release_call("s", RELEASE_BODY, None, {"build": [], "other": []}, None, False),
        ["parameters", "'other'"],
        id="create_release-parameters",
    ),
    pytest.param(
        lambda: builders.create_spec_release_call("s", RELEASE_BODY, None, None, "false", False),
        ["auto_run_on_deploy"],
        id="create_release-auto_run",
    ),
    pytest.param(
        lambda: builders.create_spec_release_call("s", RELEASE_BODY, None, None, None, 1),
        ["validate"],
        id="create_release-validate",
    ),
    pytest.param(lambda: builders.list_spec_releases_call("", None, None, None), ["spec_id"], id="list_releases-id"),
    pytest.param(lambda: builders.list_spec_releases_call("s", None, 0, None), ["page_size"], id="list_releases-size"),
    pytest.param(
        lambda: builders.list_spec_releases_call("s", "x", None, -2), ["page_number"], id="list_releases-page"
    ),
    pytest.param(lambda: builders.describe_spec_release_call("s", ""), ["version"], id="describe_release-version"),
    pytest.param(lambda: builders.describe_spec_release_call("", "1.0.0"), ["spec_id"], id="describe_release-id"),
    # deployments
    pytest.param(lambda: builders.create_deployment_call([DEPLOYMENT_BODY]), ["body", "dict"], id="create_dep-list"),
    pytest.param(lambda: builders.create_deployment_call({}), ["'metadata'"], id="create_dep-empty"),
    pytest.param(
        lambda: builders.create_deployment_call({k: v for k, v in DEPLOYMENT_BODY.items() if k != "spec"}),
        ["'spec'"],
        id="create_dep-no-spec",
    ),
    pytest.param(
        lambda: builders.create_deployment_call({k: v for k, v in DEPLOYMENT_BODY.items() if k != "revision"}),
        ["'revision'"],
        id="create_dep-no-revision",
    ),
    pytest.param(
        lambda: builders.create_deployment_call({**DEPLOYMENT_BODY, "spec": {"release": {"version": "1"}}}),
        ["'id'"],
        id="create_dep-no-spec-id",
    ),
    pytest.param(
        lambda: builders.list_deployments_call(["hibernating"], None, None, None, None, None),
        ["'hibernating'", "deploying", "rollback_failed", "warning"],
        id="list_deployments-status",
    ),
    pytest.param(
        lambda: builders.list_deployments_call(None, None, None, None, 0, None),
        ["page_size"],
        id="list_deployments-size",
    ),
    pytest.param(lambda: builders.describe_deployment_call(""), ["deployment_id"], id="describe_deployment"),
    pytest.param(
        lambda: builders.update_deployment_metadata_call("d", "name=x"), ["body", "dict"], id="update_dep-body"
    ),
    pytest.param(lambda: builders.update_deployment_metadata_call(None, {}), ["deployment_id"], id="update_dep-id"),
    pytest.param(lambda: builders.redeploy_call(""), ["deployment_id"], id="redeploy"),
    pytest.param(lambda: builders.delete_deployment_call(" "), ["deployment_id"], id="delete_deployment"),
    pytest.param(
        lambda: builders.create_deployment_revision_call("d", [1]), ["body", "dict"], id="create_revision-body"
    ),
    pytest.param(lambda: builders.create_deployment_revision_call("", {}), ["deployment_id"], id="create_revision-id"),
    pytest.param(
        lambda: builders.describe_deployment_revision_call("d", "abc"), ["revision", "'abc'"], id="revision-abc"
    ),
    pytest.param(lambda: builders.describe_deployment_revision_call("d", 0), ["revision"], id="revision-0"),
    pytest.param(lambda: builders.describe_deployment_revision_call("d", -1), ["revision"], id="revision-negative"),
    pytest.param(lambda: builders.describe_deployment_revision_call("d", True), ["revision"], id="revision-bool"),
    pytest.param(lambda: builders.describe_deployment_revision_call("d", "1.5"), ["revision"], id="revision-decimal"),
    pytest.param(lambda: builders.describe_deployment_revision_call("d", 2.0), ["revision"], id="revision-float"),
    pytest.param(lambda: builders.describe_deployment_revision_call("d", None), ["revision"], id="revision-none"),
    pytest.param(lambda: builders.describe_deployment_revision_call("", 1), ["deployment_id"], id="revision-id"),
    pytest.param(
        lambda: builders.list_deployment_revisions_call("d", None, ["redeploying"], None, None),
        ["'redeploying'", "superseded"],
        id="list_revisions-status",
    ),
    pytest.param(
        lambda: builders.list_deployment_revisions_call("", None, None, None, None), ["deployment_id"], id="revs-id"
    ),
    pytest.param(
        lambda: builders.list_deployment_revisions_call("d", None, None, 0, None), ["page_size"], id="revs-size"
    ),
    # parameters and apps
    pytest.param(lambda: builders.get_parameters_call(""), ["deployment_id"], id="get_parameters"),
    pytest.param(lambda: builders.patch_parameters_call("d", [("a", 1)]), ["body", "dict"], id="patch-body"),
    pytest.param(lambda: builders.patch_parameters_call("", {"a": 1}), ["deployment_id"], id="patch-id"),
    pytest.param(lambda: builders.describe_app_deployment_call(""), ["deployment_id"], id="app_deployment"),
]


class TestBuilderArgumentChecks:
    @pytest.mark.parametrize(("build", "fragments"), INVALID)
    def test_invalid_argument_is_rejected_with_a_useful_message(self, build: Builder, fragments: list[str]) -> None:
        with pytest.raises(InvalidArgumentError) as info:
            build()
        error = info.value
        assert isinstance(error, ValueError)
        assert isinstance(error, TypeError)
        for fragment in fragments:
            assert fragment in str(error), (fragment, str(error))

    def test_every_builder_is_covered(self) -> None:
        """Every builder has an invalid-argument case: above, or through its method's in BLOCK_INVALID."""
        through_methods = {
            f"{operation.name}_call"
            for operation in OPERATIONS.values()
            if operation.client_method in {p.values[0] for p in BLOCK_INVALID}
        }
        covered = {
            name
            for name in builders.__all__
            if name.endswith("_call")
            and (name in through_methods or any(f"builders.{name}(" in inspect.getsource(p.values[0]) for p in INVALID))
        }
        assert covered == {name for name in builders.__all__ if name.endswith("_call")}

    @pytest.mark.parametrize(
        ("revision", "path"), [("2", "/revisions/2"), (2, "/revisions/2"), ("10", "/revisions/10")]
    )
    def test_revision_numbers_as_str_or_int(self, recorder: Recorder, revision: object, path: str) -> None:
        recorder.block.describe_deployment_revision("d", revision)  # type: ignore[arg-type]
        assert recorder.last.url.path == f"/v1/blocks/deployments/d{path}"

    def test_a_lone_string_is_a_one_item_list(self, recorder: Recorder) -> None:
        recorder.block.list_specs(status="available", sort="name:asc", return_iterator=False)  # type: ignore[arg-type]
        assert recorder.last.url.params.get_list("status") == ["available"]
        assert recorder.last.url.params.get_list("sort") == ["name:asc"]

    @pytest.mark.parametrize(
        ("build", "method", "retry"),
        [
            (lambda: builders.describe_spec_call("s"), "GET", RetryKind.IDEMPOTENT),
            (lambda: builders.delete_deployment_call("d"), "DELETE", RetryKind.IDEMPOTENT),
            (lambda: builders.patch_parameters_call("d", {}), "PATCH", RetryKind.IDEMPOTENT),
            (lambda: builders.update_deployment_metadata_call("d", {}), "PATCH", RetryKind.IDEMPOTENT),
            (lambda: builders.create_deployment_call(DEPLOYMENT_BODY), "POST", RetryKind.UNSAFE),
            (lambda: builders.create_deployment_revision_call("d", {}), "POST", RetryKind.UNSAFE),
            (lambda: builders.redeploy_call("d"), "POST", RetryKind.UNSAFE),
            (
                lambda: builders.create_spec_call(SPEC_BODY, None, None, None, None, None, None, False),
                "POST",
                RetryKind.UNSAFE,
            ),
            (
                lambda: builders.create_spec_release_call("s", RELEASE_BODY, None, None, None, False),
                "POST",
                RetryKind.UNSAFE,
            ),
        ],
    )
    def test_method_and_retry_kind(self, build: Builder, method: str, retry: RetryKind) -> None:
        call = build()
        assert call.method == method
        assert call.retry is retry
        assert call.upload is False  # no artifact, no upload timeout


# --- the same checks through the clients: nothing is sent ------------------------------------------


class TestClientsRejectBeforeSending:
    @pytest.mark.parametrize(("method", "args", "kwargs"), BLOCK_INVALID)
    def test_sync_block_raises_at_call_time(
        self, silent_block: Block, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        """Raised by the call itself (list methods too), not at the first next()."""
        with pytest.raises(InvalidArgumentError):
            getattr(silent_block, method)(*args, **kwargs)

    @pytest.mark.parametrize(("method", "args", "kwargs"), BLOCK_INVALID)
    def test_async_block_raises_before_sending(
        self, silent_async_block: AsyncBlock, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        async def go() -> None:
            result = getattr(silent_async_block, method)(*args, **kwargs)
            if inspect.isawaitable(result):
                await result

        with pytest.raises(InvalidArgumentError):
            asyncio.run(go())

    def test_create_spec_with_invalid_arguments_and_an_artifact_sends_nothing(
        self, silent_block: Block, tmp_path: Path
    ) -> None:
        with pytest.raises(InvalidArgumentError, match="scope"):
            silent_block.create_spec(
                SPEC_BODY, artifact={"path": str(_artifact_dir(tmp_path))}, scope="everyone", progress=False
            )


# --- JSON bodies: what the user gives is what is sent ------------------------------------------------

JSON_SEEDS = [
    pytest.param("createDeploymentBody", lambda b, v: b.create_deployment(v), id="createDeploymentBody"),
    pytest.param("createRevisionBody", lambda b, v: b.create_deployment_revision("d", v), id="createRevisionBody"),
    pytest.param("updateSpecMetadataBody", lambda b, v: b.update_spec_metadata("s", v), id="updateSpecMetadataBody"),
    pytest.param(
        "updateDeploymentMetadataBody",
        lambda b, v: b.update_deployment_metadata("d", v),
        id="updateDeploymentMetadataBody",
    ),
    pytest.param("patchParametersBody", lambda b, v: b.patch_parameters("d", v), id="patchParametersBody"),
]


class TestJsonRoundTrip:
    @pytest.mark.parametrize(("example", "send"), JSON_SEEDS)
    def test_seed_payload_is_sent_exactly(
        self, recorder: Recorder, example: str, send: Callable[[Block, Any], Any]
    ) -> None:
        value = EXAMPLES[example]["value"]
        send(recorder.block, value)
        assert recorder.last.headers["content-type"] == "application/json"
        assert canonical(json.loads(recorder.last.content)) == canonical(value)

    def test_the_seed_list_covers_every_json_body_example(self) -> None:
        """Every components/examples payload whose x-schema is a JSON request body is exercised above."""
        request_bodies = {
            "#/components/schemas/CreateDeploymentBody",
            "#/components/schemas/CreateRevisionBody",
            "#/components/schemas/UpdateSpecMetadataBody",
            "#/components/schemas/UpdateDeploymentMetadataBody",
        }
        names = {n for n, e in EXAMPLES.items() if e["x-schema"] in request_bodies} | {"patchParametersBody"}
        assert names == {p.values[0] for p in JSON_SEEDS}

    @pytest.mark.parametrize(
        ("send", "value"),
        [
            pytest.param(
                lambda b, v: b.create_deployment(v),
                {
                    **DEPLOYMENT_BODY,
                    "futureField": {"nested": [1, 2.5, None, True]},
                    "metadata": {**DEPLOYMENT_BODY["metadata"], "x-extra": 1, "tags": [{"name": "a", "colour": "red"}]},
                    "parameters": {"run": {"a": None, "o": {"k": [1]}, "f": 1.0, "i": 1}, "build": {}},
                },
                id="deployment-extras",
            ),
            pytest.param(
                lambda b, v: b.create_deployment_revision("d", v),
                {"release": {"version": "1.0.0", "x": 1}, "revision": {}, "parameters": {"build": {"a": [1]}}, "z": 0},
                id="revision-extras",
            ),
            pytest.param(lambda b, v: b.create_deployment_revision("d", v), {}, id="revision-empty"),
            pytest.param(
                lambda b, v: b.update_spec_metadata("s", v),
                {"featured": True, "tenants": ["t1"], "scope": "shared", "metadata": {"status": "archived", "n": None}},
                id="spec-metadata-extras",
            ),
            pytest.param(
                lambda b, v: b.update_deployment_metadata("d", v),
                {"description": "", "tags": [], "imageUrl": "https://x/y.png"},
                id="deployment-metadata",
            ),
            pytest.param(
                lambda b, v: b.patch_parameters("d", v),
                {"a": None, "b": {"x": [1, {"y": None}]}, "c": 1.5, "d": "s", "e": False, "f": 0, "g": []},
                id="patch-values",
            ),
        ],
    )
    def test_extra_fields_and_values_survive(
        self, recorder: Recorder, send: Callable[[Block, Any], Any], value: dict[str, Any]
    ) -> None:
        send(recorder.block, value)
        assert canonical(json.loads(recorder.last.content)) == canonical(value)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.dictionaries(
            st.text(min_size=1, max_size=8),
            st.recursive(
                st.none()
                | st.booleans()
                | st.integers(-(2**53), 2**53)
                | st.floats(allow_nan=False, allow_infinity=False)
                | st.text(max_size=10),
                lambda children: (
                    st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
                ),
                max_leaves=8,
            ),
            max_size=6,
        )
    )
    def test_any_run_parameters_round_trip(self, value: dict[str, Any]) -> None:
        recorder = Recorder()
        recorder.block.patch_parameters("d", value)
        assert canonical(json.loads(recorder.last.content)) == canonical(value)


# --- multipart bodies ------------------------------------------------------------------------------


class TestMultipart:
    def test_minimal_create_spec_sends_only_the_spec(self, recorder: Recorder) -> None:
        recorder.block.create_spec(SPEC_BODY)
        request = recorder.last
        assert request.method == "POST"
        assert request.url.path == "/v1/blocks/specs/"
        assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
        parts = recorder.parts()
        assert set(parts) == {"spec"}
        assert json.loads(parts["spec"].content) == SPEC_BODY
        assert parts["spec"].filename is None
        assert b"null" not in request.content

    def test_every_create_spec_option(self, recorder: Recorder, tmp_path: Path) -> None:
        recorder.block.create_spec(
            SPEC_BODY,
            artifact={"path": str(_artifact_dir(tmp_path))},
            featured=True,
            scope="shared",
            tenants=["tenant1", "tenant2"],
            parameters=PARAMETERS,
            auto_run_on_deploy=False,
            progress=False,
        )
        parts = recorder.parts()
        assert set(parts) == {"spec", "artifact", "featured", "scope", "tenants", "parameters", "autoRunOnDeploy"}
        assert json.loads(parts["spec"].content) == SPEC_BODY
        assert parts["featured"].content == b"true"
        assert parts["autoRunOnDeploy"].content == b"false"
        assert parts["scope"].content == b"shared"  # the raw enum value, not JSON
        assert json.loads(parts["tenants"].content) == ["tenant1", "tenant2"]
        assert json.loads(parts["parameters"].content) == PARAMETERS

    @pytest.mark.parametrize(("flag", "wire"), [(True, b"true"), (False, b"false")])
    def test_flags_are_lower_case_strings(self, recorder: Recorder, flag: bool, wire: bytes) -> None:
        recorder.block.create_spec(SPEC_BODY, featured=flag, auto_run_on_deploy=flag)
        parts = recorder.parts()
        assert parts["featured"].content == wire
        assert parts["autoRunOnDeploy"].content == wire

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"featured": None, "auto_run_on_deploy": None, "scope": None, "tenants": None, "parameters": None},
            {"tenants": []},
            {"parameters": {}},
        ],
    )
    def test_unset_and_empty_options_are_omitted_never_null(self, recorder: Recorder, kwargs: dict[str, Any]) -> None:
        recorder.block.create_spec(SPEC_BODY, **kwargs)
        parts = recorder.parts()
        assert set(parts) == {"spec"}
        assert all(p.content != b"null" for p in parts.values())

    def test_a_single_tenant_string_is_a_one_item_list(self, recorder: Recorder) -> None:
        recorder.block.create_spec(SPEC_BODY, scope="shared", tenants="tenant1")  # type: ignore[arg-type]
        assert json.loads(recorder.parts()["tenants"].content) == ["tenant1"]

    def test_artifact_part(self, recorder: Recorder, tmp_path: Path) -> None:
        recorder.block.create_spec(SPEC_BODY, artifact={"path": str(_artifact_dir(tmp_path))}, progress=False)
        artifact = recorder.parts()["artifact"]
        assert artifact.filename == "artifact.zip"
        assert artifact.content_type == "application/zip"
        with zipfile.ZipFile(io.BytesIO(artifact.content)) as archive:
            assert archive.testzip() is None
            assert archive.read("main.py") == b"print('hello')\n"
            assert "Dockerfile" in archive.namelist()

    def test_artifact_holding_the_multipart_delimiter_arrives_intact(self, recorder: Recorder, tmp_path: Path) -> None:
        """Small files are stored, not deflated, so their bytes appear raw in the body.

        A fixed multipart boundary (the generator's ``+++``) is then split by a server at the
        first ``CRLF--+++`` inside the zip; a fresh random boundary per request cannot collide.
        """
        root = _artifact_dir(tmp_path)
        tricky = b"\r\n--+++\r\n"
        (root / "notes.txt").write_bytes(tricky)
        recorder.block.create_spec(SPEC_BODY, artifact={"path": str(root)}, progress=False)
        parts = recorder.parts()
        assert set(parts) == {"spec", "artifact"}
        with zipfile.ZipFile(io.BytesIO(parts["artifact"].content)) as archive:
            assert archive.read("notes.txt") == tricky

    def test_create_spec_release_parts(self, recorder: Recorder, tmp_path: Path) -> None:
        recorder.block.create_spec_release(
            "spec-1",
            RELEASE_BODY,
            artifact={"path": str(_artifact_dir(tmp_path))},
            parameters={"run": PARAMETERS["run"]},
            auto_run_on_deploy=True,
            progress=False,
        )
        request = recorder.last
        assert request.url.path == "/v1/blocks/specs/spec-1/releases"
        parts = recorder.parts()
        assert set(parts) == {"spec", "artifact", "parameters", "autoRunOnDeploy"}
        assert json.loads(parts["spec"].content) == RELEASE_BODY
        assert json.loads(parts["parameters"].content) == {"run": PARAMETERS["run"]}
        assert parts["autoRunOnDeploy"].content == b"true"
        assert parts["artifact"].filename == "artifact.zip"

    def test_minimal_create_spec_release(self, recorder: Recorder) -> None:
        recorder.block.create_spec_release("spec-1", RELEASE_BODY)
        assert set(recorder.parts()) == {"spec"}

    @pytest.mark.parametrize(
        "send",
        [
            pytest.param(lambda b, **kw: b.create_spec(SPEC_BODY, **kw), id="create_spec"),
            pytest.param(lambda b, **kw: b.create_spec_release("s", RELEASE_BODY, **kw), id="create_spec_release"),
        ],
    )
    def test_validate_query(self, recorder: Recorder, send: Callable[..., Any]) -> None:
        send(recorder.block, validate=True)
        assert recorder.last.url.query == b"validate=true"
        send(recorder.block, validate=False)
        assert recorder.last.url.query == b""
        send(recorder.block)
        assert recorder.last.url.query == b""
