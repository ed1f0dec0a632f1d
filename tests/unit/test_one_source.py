"""Block and AsyncBlock come from one source: the sync file is fresh, and the two surfaces agree method by method."""

from __future__ import annotations

import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from press_blocks_api.operations import OPERATIONS

from press_blocks import AsyncBlock, Block

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "unasync.py"
#: The async names whose sync twins are spelled differently.
RENAMED = {"aclose": "close", "__aenter__": "__enter__", "__aexit__": "__exit__"}


def _unasync() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unasync_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _public(cls: type) -> dict[str, object]:
    # The client's own methods and those of its engine (the session, closing, the context manager).
    members: dict[str, object] = {}
    for klass in reversed(cls.__mro__[:-1]):
        members.update(vars(klass))
    return {
        name: member
        for name, member in members.items()
        if callable(member) and (not name.startswith("_") or name in {"__init__", *RENAMED, *RENAMED.values()})
    }


def test_the_sync_files_are_what_unasync_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_the_check_catches_a_hand_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unasync = _unasync()
    for path in (ROOT / "src" / "press_blocks" / "_sync").glob("*.py"):
        (tmp_path / path.name).write_text(path.read_text())
    monkeypatch.setattr(unasync, "TARGET", tmp_path)
    assert unasync.main(["--check"]) == 0
    edited = tmp_path / "block.py"
    edited.write_text(edited.read_text().replace('"""Describe a block spec', '"""Look at a block spec'))
    assert unasync.main(["--check"]) == 1
    assert unasync.main([]) == 0  # rewriting restores it
    assert unasync.main(["--check"]) == 0


def test_the_check_fails_on_a_rule_that_matches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unasync = _unasync()
    for path in (ROOT / "src" / "press_blocks" / "_sync").glob("*.py"):
        (tmp_path / path.name).write_text(path.read_text())
    monkeypatch.setattr(unasync, "TARGET", tmp_path)
    assert unasync.main(["--check"]) == 0
    monkeypatch.setattr(unasync, "SUBSTITUTIONS", [*unasync.SUBSTITUTIONS, (r"\bAsyncNothing\b", "Nothing")])
    assert unasync.main(["--check"]) == 1
    assert "the rule '\\\\bAsyncNothing\\\\b' matches nothing" in capsys.readouterr().err


def test_the_same_methods_in_both() -> None:
    sync, asynchronous = _public(Block), _public(AsyncBlock)
    assert {RENAMED.get(name, name) for name in asynchronous} == set(sync)
    # Every operation of the document has its method (or the method that sends it) in both.
    assert {operation.client_method for operation in OPERATIONS.values()} <= set(sync)


@pytest.mark.parametrize("name", sorted(_public(AsyncBlock)))
def test_each_method_has_the_same_parameters_defaults_and_docstring(name: str) -> None:
    unasync = _unasync()
    asynchronous = getattr(AsyncBlock, name)
    sync = getattr(Block, RENAMED.get(name, name))
    async_parameters = inspect.signature(asynchronous).parameters
    sync_parameters = inspect.signature(sync).parameters
    assert [(p.name, p.kind, p.default) for p in async_parameters.values()] == [
        (p.name, p.kind, p.default) for p in sync_parameters.values()
    ]
    assert asynchronous.__doc__ is not None or name.startswith("__")
    assert sync.__doc__ == (unasync.unasync_text(asynchronous.__doc__) if asynchronous.__doc__ else None)


def test_docstrings_are_static_and_specific() -> None:
    """Each method documents itself in its source (IDEs and help() read it), not by copying at import."""
    for cls in (Block, AsyncBlock):
        for name in ("describe_spec", "list_specs", "create_spec", "get_related_block_details"):
            source = inspect.getsource(getattr(cls, name))
            assert '"""' in source, (cls.__name__, name)
            assert getattr(cls, name).__doc__.split("\n", 1)[0] in source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("async def f(self) -> AsyncIterator[JSON]:", "def f(self) -> Iterator[JSON]:"),
        ("return await self._execute(call)", "return self._execute(call)"),
        ("zipped = await asyncio.to_thread(package_artifact, a, b)", "zipped = package_artifact(a, b)"),
        ("-> AsyncIterator[JSON] | Awaitable[JSON]:", "-> Iterator[JSON] | JSON:"),
        ("async with session: await client.aclose()", "with session: client.close()"),
        ("an async iterator", "an iterator"),
        ("raclosed = 1", "raclosed = 1"),
    ],
)
def test_the_substitutions(text: str, expected: str) -> None:
    assert _unasync().unasync_text(text) == expected


def test_a_call_loads_no_generated_model_nor_attrs() -> None:
    """Cold start: the generated models load only when a body needs one, never to send a GET."""
    probe = """
import sys, httpx
from press_blocks import Block, Session
answer = httpx.MockTransport(lambda r: httpx.Response(200, json={"id": "s"}))
block = Block(Session("t", base_url="https://press.example.test", http_client=httpx.Client(transport=answer)))
assert block.describe_spec("s") == {"id": "s"}
assert list(block.list_deployments(return_iterator=False)) == ["id"]
loaded = sorted(m for m in sys.modules if m.startswith(("press_blocks_api.models.", "attr", "yaml", "asyncio")))
print(loaded)
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"


# --- what unasync.py writes into the async client ---------------------------------------------------

ERRORS_SOURCE = '''
    async def delete_spec(self, spec_id: str) -> JSON:
        """Delete.

        Raises:
            NotFoundException: No such spec.
            ConflictException: The spec still has deployments.
            (API errors)
            InvalidArgumentError: A bad id.
        """
'''


def test_api_errors_become_the_documents_statuses_less_those_named_for_a_reason() -> None:
    from press_blocks_api.operations import OPERATIONS

    lines = _unasync().expand_errors(ERRORS_SOURCE).splitlines()
    raises = [line.strip().split(":")[0] for line in lines[lines.index("        Raises:") + 1 : -1]]
    statuses = OPERATIONS["delete_spec"].errors
    assert "409" in statuses  # the document's Conflict is named above for its own reason
    assert raises == [
        "NotFoundException",
        "ConflictException",
        "BadRequestException",
        "UnauthorizedException",
        "ForbiddenException",
        "UnprocessableEntityException",
        "InternalServerErrorException",
        "InvalidArgumentError",
    ]


def test_listed_statuses_replace_the_documents() -> None:
    text = ERRORS_SOURCE.replace("(API errors)", "(API errors: 401, 403)")
    written = _unasync().expand_errors(text)
    assert "UnauthorizedException" in written
    assert "ForbiddenException" in written
    assert "BadRequestException" not in written


def test_api_errors_in_a_method_that_sends_no_operation_is_an_error() -> None:
    with pytest.raises(SystemExit, match="sends no operation"):
        _unasync().expand_errors(ERRORS_SOURCE.replace("delete_spec", "not_an_operation"))


def test_a_result_selecting_keyword_gets_three_overloads() -> None:
    source = (
        "    async def make(\n"
        "        self,\n"
        "        body: dict[str, str],\n"
        "        *,\n"
        "        validate: bool = False,\n"
        "    ) -> IdResponse | ValidationResult:\n"
        '        """Make."""\n'
    )
    written = _unasync().expand_overloads(source)
    assert written.count("@overload") == 3
    assert "validate: Literal[False] = False,\n    ) -> IdResponse: ..." in written
    assert "validate: Literal[True],\n    ) -> ValidationResult: ..." in written
    assert "validate: bool,\n    ) -> IdResponse | ValidationResult: ..." in written
    assert written.endswith(source)
