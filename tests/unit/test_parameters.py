"""Run parameters and related blocks: which deployment is asked, the two-request flow, and the fallback files."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from press_blocks import AsyncBlock, Block, Session, _yaml, parameters
from press_blocks.errors import (
    EmptyFallbackFileError,
    FallbackFileNotFoundError,
    FallbackValueError,
    InvalidFallbackFileError,
    MissingFallbackError,
    NotFoundException,
    ParameterFileError,
)
from press_blocks.parameters import related_blocks_from_app, resolve_deployment_id

BASE = "https://press.example.test"
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")

RUN_PARAMETERS = {"agg_type": "AVG", "email_notifications": True, "num_iterations": 50, "file_names": ["a", "b"]}
APP = {
    "id": "app-1",
    "kind": "app",
    "latestRevision": {
        "id": "rev",
        "revision": 1,
        "blocks": [
            {"deploymentId": "12345", "platformId": "6789", "kind": "workflow", "name": "wf", "status": "deployed"},
            {"deploymentId": "d-2", "platformId": None, "kind": "service", "name": "api", "status": "deploying"},
            {"deploymentId": "d-3", "extra": "ignored"},
        ],
    },
}
RELATED = [
    {"id": "12345", "resource_id": "6789", "kind": "workflow", "name": "wf", "status": "deployed"},
    {"id": "d-2", "resource_id": None, "kind": "service", "name": "api", "status": "deploying"},
    {"id": "d-3", "resource_id": None, "kind": None, "name": None, "status": None},
]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


class Service:
    """A MockTransport handler with canned answers by path; unknown paths are 404s."""

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.answers = answers or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path in self.answers:
            return httpx.Response(200, json=self.answers[path])
        return httpx.Response(404, json={"detail": f"nothing at {path}"})

    @property
    def paths(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]


def block_for(service: Service) -> Block:
    return Block(Session("token", base_url=BASE, http_client=httpx.Client(transport=httpx.MockTransport(service))))


def async_block_for(service: Service) -> AsyncBlock:
    client = httpx.AsyncClient(transport=httpx.MockTransport(service))
    return AsyncBlock(Session("token", base_url=BASE, async_http_client=client))


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- which deployment ----------------------------------------------------------------------------


class TestResolveDeploymentId:
    def test_variable_wins_over_the_argument(self) -> None:
        assert resolve_deployment_id("from-arg", {"PRESS_DEPLOYMENT_ID": "from-env"}) == "from-env"

    def test_argument_when_the_variable_is_unset(self) -> None:
        assert resolve_deployment_id("from-arg", {}) == "from-arg"

    @pytest.mark.parametrize("empty", ["", "  "])
    def test_empty_variable_counts_as_unset(self, empty: str) -> None:
        assert resolve_deployment_id("from-arg", {"PRESS_DEPLOYMENT_ID": empty}) == "from-arg"

    def test_neither(self) -> None:
        assert resolve_deployment_id(None, {}) is None
        assert resolve_deployment_id("", {"PRESS_DEPLOYMENT_ID": ""}) is None

    def test_reads_the_process_environment_by_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", "process-env")
        assert resolve_deployment_id("from-arg") == "process-env"


# --- get_parameters over the API ------------------------------------------------------------------


class TestGetParametersFromTheApi:
    def test_reads_the_run_parameters(self) -> None:
        service = Service({"/v1/deployments/dep-1/parameters/run": RUN_PARAMETERS})
        assert block_for(service).get_parameters("dep-1") == RUN_PARAMETERS
        assert service.paths == ["GET /v1/deployments/dep-1/parameters/run"]

    def test_variable_wins_over_the_argument(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", "from-env")
        service = Service({"/v1/deployments/from-env/parameters/run": {"a": 1}})
        assert block_for(service).get_parameters("from-arg") == {"a": 1}
        assert service.paths == ["GET /v1/deployments/from-env/parameters/run"]

    def test_empty_variable_leaves_the_argument(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", "")
        service = Service({"/v1/deployments/from-arg/parameters/run": {"a": 1}})
        assert block_for(service).get_parameters("from-arg") == {"a": 1}

    def test_variable_alone_is_enough(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", "from-env")
        service = Service({"/v1/deployments/from-env/parameters/run": {"a": 1}})
        assert block_for(service).get_parameters() == {"a": 1}

    def test_a_fallback_file_is_ignored_when_there_is_an_id(self, tmp_path: Path) -> None:
        service = Service({"/v1/deployments/dep-1/parameters/run": {"from": "api"}})
        missing = tmp_path / "does-not-exist.yaml"
        assert block_for(service).get_parameters("dep-1", fallback_params_file=missing) == {"from": "api"}

    def test_api_errors_propagate(self) -> None:
        with pytest.raises(NotFoundException):
            block_for(Service()).get_parameters("nope")

    def test_async(self) -> None:
        service = Service({"/v1/deployments/dep-1/parameters/run": RUN_PARAMETERS})
        assert asyncio.run(async_block_for(service).get_parameters("dep-1")) == RUN_PARAMETERS


# --- get_related_block_details over the API ------------------------------------------------------------


class TestRelatedBlocksFromTheApi:
    @pytest.mark.parametrize(
        "described",
        [
            pytest.param({"id": "dep-1", "kind": "workflow"}, id="no-parent"),
            pytest.param({"id": "dep-1", "kind": "workflow", "parent": None}, id="null-parent"),
            pytest.param({"id": "dep-1", "kind": "workflow", "parent": {}}, id="parent-without-id"),
            pytest.param({"id": "dep-1", "kind": "workflow", "parent": {"id": ""}}, id="parent-empty-id"),
        ],
    )
    def test_no_parent_is_an_empty_list_after_one_request(self, described: dict[str, Any]) -> None:
        service = Service({"/v1/blocks/deployments/dep-1": described})
        assert block_for(service).get_related_block_details("dep-1") == []
        assert service.paths == ["GET /v1/blocks/deployments/dep-1"]

    def test_parent_app_blocks_are_mapped(self) -> None:
        service = Service(
            {
                "/v1/blocks/deployments/dep-1": {"id": "dep-1", "kind": "workflow", "parent": {"id": "app-1"}},
                "/v1/apps/deployments/app-1": APP,
            }
        )
        assert block_for(service).get_related_block_details("dep-1") == RELATED
        assert service.paths == ["GET /v1/blocks/deployments/dep-1", "GET /v1/apps/deployments/app-1"]

    def test_parent_id_is_percent_encoded(self) -> None:
        service = Service({"/v1/blocks/deployments/dep-1": {"id": "dep-1", "parent": {"id": "a/b"}}})
        with pytest.raises(NotFoundException):
            block_for(service).get_related_block_details("dep-1")
        assert service.requests[-1].url.raw_path == b"/v1/apps/deployments/a%2Fb"

    def test_variable_wins(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", "from-env")
        service = Service({"/v1/blocks/deployments/from-env": {"id": "from-env"}})
        assert block_for(service).get_related_block_details("from-arg") == []
        assert service.paths == ["GET /v1/blocks/deployments/from-env"]

    def test_async(self) -> None:
        service = Service(
            {
                "/v1/blocks/deployments/dep-1": {"id": "dep-1", "parent": {"id": "app-1"}},
                "/v1/apps/deployments/app-1": APP,
            }
        )
        assert asyncio.run(async_block_for(service).get_related_block_details("dep-1")) == RELATED

    @pytest.mark.parametrize(
        "app",
        [
            pytest.param({"id": "a"}, id="no-latest-revision"),
            pytest.param({"id": "a", "latestRevision": None}, id="null-latest-revision"),
            pytest.param({"id": "a", "latestRevision": {"blocks": None}}, id="null-blocks"),
            pytest.param({"id": "a", "latestRevision": {"blocks": "x"}}, id="blocks-not-a-list"),
            pytest.param([], id="app-not-an-object"),
        ],
    )
    def test_app_without_blocks_maps_to_nothing(self, app: Any) -> None:
        assert related_blocks_from_app(app) == []

    def test_non_mapping_block_items_are_skipped(self) -> None:
        app = {"latestRevision": {"blocks": ["junk", None, {"deploymentId": "d"}]}}
        assert related_blocks_from_app(app) == [
            {"id": "d", "resource_id": None, "kind": None, "name": None, "status": None}
        ]


# --- fallback files ----------------------------------------------------------------------------------


@pytest.fixture
def offline() -> Block:
    """A client that must not send anything: every case here reads a local file."""

    def handler(request: httpx.Request) -> httpx.Response:
        pytest.fail(f"a request was sent: {request.method} {request.url}")

    return Block(Session("token", base_url=BASE, http_client=httpx.Client(transport=httpx.MockTransport(handler))))


class TestParametersFallbackFile:
    def test_yaml_mapping(self, offline: Block, tmp_path: Path) -> None:
        path = write(tmp_path, "params.yaml", "agg_type: AVG\nnum_iterations: 10\nfile_names:\n  - a.csv\n")
        assert offline.get_parameters(fallback_params_file=path) == {
            "agg_type": "AVG",
            "num_iterations": 10,
            "file_names": ["a.csv"],
        }

    def test_json_file(self, offline: Block, tmp_path: Path) -> None:
        path = write(tmp_path, "params.json", json.dumps(RUN_PARAMETERS))
        assert offline.get_parameters(fallback_params_file=str(path)) == RUN_PARAMETERS

    def test_empty_variable_means_the_file(
        self, offline: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("PRESS_DEPLOYMENT_ID", "")
        path = write(tmp_path, "params.yaml", "a: 1\n")
        assert offline.get_parameters(fallback_params_file=path) == {"a": 1}

    def test_no_id_and_no_file(self, offline: Block) -> None:
        with pytest.raises(MissingFallbackError) as info:
            offline.get_parameters()
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, ParameterFileError)
        assert "fallback_params_file" in str(info.value)
        assert "PRESS_DEPLOYMENT_ID" in str(info.value)

    def test_missing_file(self, offline: Block, tmp_path: Path) -> None:
        path = tmp_path / "nope.yaml"
        with pytest.raises(FallbackFileNotFoundError) as info:
            offline.get_parameters(fallback_params_file=path)
        assert isinstance(info.value, FileNotFoundError)
        assert str(path) in str(info.value)

    def test_directory(self, offline: Block, tmp_path: Path) -> None:
        with pytest.raises(FallbackFileNotFoundError) as info:
            offline.get_parameters(fallback_params_file=tmp_path)
        assert str(tmp_path) in str(info.value)

    @pytest.mark.parametrize("text", ["", "   \n\t\n", "# only a comment\n# and another\n", "---\n", "null\n"])
    def test_empty_file(self, offline: Block, tmp_path: Path, text: str) -> None:
        path = write(tmp_path, "params.yaml", text)
        with pytest.raises(EmptyFallbackFileError) as info:
            offline.get_parameters(fallback_params_file=path)
        assert isinstance(info.value, ValueError)
        assert str(path) in str(info.value)

    @pytest.mark.parametrize(
        "text",
        [
            pytest.param("a: [1, 2\n", id="unclosed-list"),
            pytest.param("a: b: c\n", id="bad-mapping"),
            pytest.param('{"a": 1,,}', id="bad-json"),
            pytest.param("key: value\n- item\n", id="mapping-then-sequence"),
            pytest.param("a: 1\n\tb: 2\n", id="tab-indent"),
        ],
    )
    def test_invalid_yaml(self, offline: Block, tmp_path: Path, text: str) -> None:
        path = write(tmp_path, "params.yaml", text)
        with pytest.raises(InvalidFallbackFileError) as info:
            offline.get_parameters(fallback_params_file=path)
        assert isinstance(info.value, TypeError)
        assert str(path) in str(info.value)

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            pytest.param("a: 2020-13-45\n", "month must be in 1..12", id="impossible-date"),
            pytest.param(f"a: {'9' * 5000}\n", "4300 digits", id="integer-too-long"),
        ],
    )
    def test_a_value_yaml_cannot_build_is_a_typed_error(
        self, offline: Block, tmp_path: Path, text: str, problem: str
    ) -> None:
        # PyYAML raises a bare ValueError from its constructor for these; it stays a ValueError.
        path = write(tmp_path, "params.yaml", text)
        with pytest.raises(FallbackValueError) as info:
            offline.get_parameters(fallback_params_file=path)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, InvalidFallbackFileError)
        assert str(path) in str(info.value)
        assert problem in str(info.value)

    def test_undecodable_file(self, offline: Block, tmp_path: Path) -> None:
        path = write(tmp_path, "params.yaml", b"a: \xff\xfe\n")
        with pytest.raises(InvalidFallbackFileError) as info:
            offline.get_parameters(fallback_params_file=path)
        assert str(path) in str(info.value)

    @pytest.mark.parametrize(
        "text",
        [
            pytest.param("- a\n- b\n", id="list"),
            pytest.param("just a string\n", id="scalar"),
            pytest.param("42\n", id="number"),
            pytest.param("1: one\n", id="non-string-name"),
        ],
    )
    def test_wrong_shape(self, offline: Block, tmp_path: Path, text: str) -> None:
        path = write(tmp_path, "params.yaml", text)
        with pytest.raises(InvalidFallbackFileError) as info:
            offline.get_parameters(fallback_params_file=path)
        assert str(path) in str(info.value)

    def test_async_reads_the_file_too(self, tmp_path: Path) -> None:
        path = write(tmp_path, "params.yaml", "a: 1\n")
        assert asyncio.run(async_block_for(Service()).get_parameters(fallback_params_file=path)) == {"a": 1}


class TestHostileFallbackFiles:
    """Files nested too deeply or too big for their purpose: a typed error, never RecursionError or MemoryError."""

    @pytest.fixture(params=["c", "python"])
    def loader(self, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
        import yaml

        if request.param == "c":
            if not getattr(yaml, "__with_libyaml__", False):
                pytest.skip("PyYAML was built without libyaml")
        else:
            monkeypatch.setattr(_yaml, "reference_loader", lambda: yaml.SafeLoader)
        return str(request.param)

    @pytest.mark.parametrize(
        "text",
        [
            pytest.param("a: " + "[" * 1_200 + "]" * 1_200 + "\n", id="flow-lists"),
            pytest.param("a: " + "{b: " * 3_000 + "1" + "}" * 3_000 + "\n", id="flow-mappings"),
            pytest.param("".join(" " * i + "k:\n" for i in range(3_000)) + " " * 3_000 + "k: 1\n", id="block-mappings"),
            pytest.param('{"a": ' + "[" * 1_200 + "]" * 1_200 + "}", id="json-lists"),
        ],
    )
    def test_deep_nesting_is_a_typed_error(self, offline: Block, tmp_path: Path, loader: str, text: str) -> None:
        path = write(tmp_path, "params.yaml", text)
        with pytest.raises(InvalidFallbackFileError, match="nested too deeply") as info:
            offline.get_parameters(fallback_params_file=path)
        assert str(path) in str(info.value)
        assert not isinstance(info.value.__cause__, RecursionError) or info.value.__suppress_context__

    def test_moderate_nesting_still_loads(self, offline: Block, tmp_path: Path, loader: str) -> None:
        path = write(tmp_path, "params.yaml", "a: " + "[" * 40 + "1" + "]" * 40 + "\n")
        value: Any = offline.get_parameters(fallback_params_file=path)["a"]
        for _ in range(40):
            value = value[0]
        assert value == 1

    def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
        self, offline: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "params.yaml"
        with path.open("wb") as file:  # sparse: nothing is written, nothing would be read
            file.truncate(parameters.MAX_FALLBACK_FILE_SIZE + 1)
        monkeypatch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("the file was read"))
        with pytest.raises(InvalidFallbackFileError, match="over the limit") as info:
            offline.get_parameters(fallback_params_file=path)
        assert str(path) in str(info.value)

    def test_a_plain_file_is_read_by_the_c_parser_without_the_composer(
        self, offline: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import yaml

        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML was built without libyaml")
        parsers: list[str] = []
        original_init = yaml.CSafeLoader.__init__

        def init(self: Any, stream: Any) -> None:
            parsers.append(type(self).__name__)
            original_init(self, stream)

        monkeypatch.setattr(yaml.CSafeLoader, "__init__", init)
        monkeypatch.setattr(yaml, "load", lambda *a, **k: pytest.fail("the reference loader was used"))
        text = "".join(
            f"param_{i}:\n  name: value {i}\n  enabled: {'true' if i % 2 else 'false'}\n"
            f"  weights: [{i % 7}, {i % 5}.5, {i % 3}]\n  tags: {{team: t{i % 11}, tier: {i % 4}}}\n"
            for i in range(200)
        )
        path = write(tmp_path, "params.yaml", text + "when: 2024-01-02\nquoted: '07'\nmulti: |\n  two\n  lines\n")
        loaded = offline.get_parameters(fallback_params_file=path)
        assert parsers == ["CSafeLoader"]
        monkeypatch.undo()
        assert loaded == yaml.load(path.read_text(), Loader=yaml.SafeLoader)

    def test_an_unusual_file_is_read_by_the_c_loader(
        self, offline: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import yaml

        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML was built without libyaml")
        used: list[type] = []
        original = yaml.load

        def spy(stream: Any, Loader: type) -> Any:
            used.append(Loader)
            return original(stream, Loader=Loader)

        monkeypatch.setattr(yaml, "load", spy)
        text = (
            "when: 2024-01-02\nflags: [yes, no, on, off, ~]\nnums: [0x1f, 1_000, 1e3, .5, 0o17, -.inf]\n"
            "base: &b {x: 1, y: [a, b]}\nderived: {<<: *b, y: c}\nquoted: '07'\nmulti: |\n  two\n  lines\n"
        )
        path = write(tmp_path, "params.yaml", text)
        assert offline.get_parameters(fallback_params_file=path) == original(text, Loader=yaml.SafeLoader)
        assert used == [yaml.CSafeLoader]

    def test_a_megabyte_loads_in_reasonable_time(self, offline: Block, tmp_path: Path) -> None:
        # A sanity bound, far above the target (under 2 s on a quiet machine, see docs/client.md): catches a fallback
        # to something quadratic, not a slow machine.
        lines = [f"param_{i}:\n  name: value {i}\n  items: [1, 2.5, true]\n" for i in range(20_000)]
        path = write(tmp_path, "params.yaml", "".join(lines))
        assert path.stat().st_size > 1_000_000
        started = time.perf_counter()
        assert len(offline.get_parameters(fallback_params_file=path)) == 20_000
        assert time.perf_counter() - started < 30


def test_the_fallback_file_benchmark_runs() -> None:
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "params_bench.py"
    done = subprocess.run(
        [sys.executable, str(script), "--smoke"], check=False, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "load_parameters_file" in done.stdout
    assert "ratio" in done.stdout


class TestRelatedBlocksFallbackFile:
    def test_yaml_list(self, offline: Block, tmp_path: Path) -> None:
        text = (
            "- id: '12345'\n  resource_id: '6789'\n  kind: workflow\n  name: wf\n  status: deployed\n"
            "- id: d-2\n  kind: service\n"
        )
        path = write(tmp_path, "related.yaml", text)
        assert offline.get_related_block_details(fallback_details_file=path) == [
            RELATED[0],
            {"id": "d-2", "resource_id": None, "kind": "service", "name": None, "status": None},
        ]

    def test_json_file(self, offline: Block, tmp_path: Path) -> None:
        path = write(tmp_path, "related.json", json.dumps(RELATED))
        assert offline.get_related_block_details(fallback_details_file=str(path)) == RELATED

    def test_empty_list(self, offline: Block, tmp_path: Path) -> None:
        path = write(tmp_path, "related.yaml", "[]\n")
        assert offline.get_related_block_details(fallback_details_file=path) == []

    def test_no_id_and_no_file(self, offline: Block) -> None:
        with pytest.raises(MissingFallbackError) as info:
            offline.get_related_block_details()
        assert isinstance(info.value, TypeError)
        assert "fallback_details_file" in str(info.value)

    def test_missing_file(self, offline: Block, tmp_path: Path) -> None:
        path = tmp_path / "gone" / "related.yaml"
        with pytest.raises(FallbackFileNotFoundError) as info:
            offline.get_related_block_details(fallback_details_file=path)
        assert isinstance(info.value, FileNotFoundError)
        assert str(path) in str(info.value)

    def test_directory(self, offline: Block, tmp_path: Path) -> None:
        with pytest.raises(FallbackFileNotFoundError):
            offline.get_related_block_details(fallback_details_file=tmp_path)

    @pytest.mark.parametrize("text", ["", "\n  \n", "# nothing here\n"])
    def test_empty_file(self, offline: Block, tmp_path: Path, text: str) -> None:
        path = write(tmp_path, "related.yaml", text)
        with pytest.raises(EmptyFallbackFileError) as info:
            offline.get_related_block_details(fallback_details_file=path)
        assert isinstance(info.value, ValueError)
        assert str(path) in str(info.value)

    def test_invalid_yaml(self, offline: Block, tmp_path: Path) -> None:
        path = write(tmp_path, "related.yaml", "- id: [unclosed\n")
        with pytest.raises(InvalidFallbackFileError) as info:
            offline.get_related_block_details(fallback_details_file=path)
        assert isinstance(info.value, TypeError)
        assert str(path) in str(info.value)

    @pytest.mark.parametrize(
        ("text", "fragment"),
        [
            pytest.param("id: d-1\nkind: workflow\n", "list", id="mapping"),
            pytest.param("just a string\n", "list", id="scalar"),
            pytest.param("- just a string\n", "item 0", id="item-not-a-mapping"),
            pytest.param("- id: d-1\n  platformId: p\n", "platformId", id="unknown-key"),
            pytest.param("- id: d-1\n- kind: workflow\n", "item 1", id="item-without-id"),
            pytest.param("- id: ''\n", "item 0", id="item-with-empty-id"),
        ],
    )
    def test_wrong_shape(self, offline: Block, tmp_path: Path, text: str, fragment: str) -> None:
        path = write(tmp_path, "related.yaml", text)
        with pytest.raises(InvalidFallbackFileError) as info:
            offline.get_related_block_details(fallback_details_file=path)
        assert str(path) in str(info.value)
        assert fragment in str(info.value)
