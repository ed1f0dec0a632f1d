"""The command-line reference generator walks any argparse parser and its sub-commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

HOOKS = Path(__file__).resolve().parents[2] / "docs" / "_hooks"


@pytest.fixture(scope="module")
def ref() -> Iterator[ModuleType]:
    sys.path.insert(0, str(HOOKS))
    try:
        import cli_reference

        yield cli_reference
    finally:
        sys.path.remove(str(HOOKS))


def toy() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser(prog="tool", description="A toy tool.")
    parser.add_argument("--verbose", "-v", action="count", help="say more")
    commands = parser.add_subparsers(dest="command")
    specs = commands.add_parser("specs", help="work with specs", aliases=["s"])
    spec_commands = specs.add_subparsers(dest="what")
    create = spec_commands.add_parser("create", help="create a spec from FILE")
    create.add_argument("file", help="the YAML file")
    create.add_argument("--scope", choices=["private", "public"], default="private", help="who sees it")
    create.add_argument("--tenant", action="append", help="a tenant | another")
    create.add_argument("--id", required=True, help="the <id>")
    create.add_argument("--secret", help=argparse.SUPPRESS)
    commands.add_parser("serve", help="serve it", add_help=False)
    delegate = argparse.ArgumentParser(prog="tool serve", description="Serve on loopback.")
    delegate.add_argument("--port", type=int, default=0, help="the port (default %(default)s)")
    return parser, delegate


def test_walk_visits_every_command_once_and_follows_delegates(ref: ModuleType) -> None:
    parser, delegate = toy()
    seen = [(p.prog, summary) for p, summary in ref.walk(parser, {"tool serve": delegate})]
    assert seen == [
        ("tool", None),
        ("tool specs", "work with specs"),
        ("tool specs create", "create a spec from FILE"),
        ("tool serve", "serve it"),
    ]


def test_render_documents_every_argument(ref: ModuleType) -> None:
    parser, delegate = toy()
    text = ref.render(parser, {"tool serve": delegate})
    assert "## `tool`" in text
    assert "#### `tool specs create`" in text
    assert "| `--scope {private,public}` | who sees it | `private` |  |" in text
    assert "| `--tenant TENANT` | a tenant \\| another |  | repeatable |" in text
    assert "| `--id ID` | the &lt;id&gt; |  | required |" in text
    assert "| `--verbose, -v` | say more |  | repeatable |" in text
    assert "| `file` | the YAML file |  |  |" in text
    assert "| `--port PORT` | the port (default 0) | `0` |  |" in text
    assert "--secret" not in text
    assert "| `specs` | work with specs |" in text
    assert "usage: tool specs create [-h] [--scope {private,public}]" in text


def test_the_page_marker_is_required(ref: ModuleType) -> None:
    def page(src_uri: str) -> object:  # shaped like mkdocs' Page: page.file.src_uri
        return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))

    with pytest.raises(ValueError, match="lost its <!-- cli-reference --> marker"):
        ref.on_page_markdown("# Command line\n", page("cli.md"))
    assert ref.on_page_markdown("x", page("other.md")) == "x"
