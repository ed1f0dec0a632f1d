"""Write the command-line reference from the command's own argparse parser, so it cannot drift.

An MkDocs hook: the ``<!-- cli-reference -->`` marker in ``docs/cli.md`` is replaced, at build
time, by one section per command and sub-command, walked from the parser that
:func:`command_parser` returns. ``python docs/_hooks/cli_reference.py`` prints the same Markdown.
"""

from __future__ import annotations

import argparse
import html
import os
from collections.abc import Iterator, Mapping
from typing import Any

MARKER = "<!-- cli-reference -->"
PAGE = "cli.md"
WIDTH = 100  # columns for usage lines, whatever the terminal that runs the build


def command_parser() -> argparse.ArgumentParser:
    """The parser of the ``press-blocks`` command: the one place to point at when the CLI changes."""
    from press_blocks._cli._parser import build_parser

    return build_parser()


def delegated_parsers() -> dict[str, argparse.ArgumentParser]:
    """Sub-commands whose arguments another parser reads, by ``prog`` (``press-blocks emulator``)."""
    from press_blocks.emulator._cli import _parser as emulator_parser

    parser = emulator_parser()
    return {parser.prog: parser}


def walk(
    parser: argparse.ArgumentParser, delegated: Mapping[str, argparse.ArgumentParser] | None = None
) -> Iterator[tuple[argparse.ArgumentParser, str | None]]:
    """Yield ``(parser, help)`` for ``parser`` and every sub-command below it, depth first.

    ``help`` is the one-line help the parent gives the sub-command (None for the root); a
    sub-command named in ``delegated`` is replaced by the parser that really reads its arguments.
    """
    delegated = delegated or {}
    yield parser, None
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        seen: set[int] = set()
        for name, declared in action.choices.items():
            if id(declared) in seen:  # an alias of a command already listed
                continue
            seen.add(id(declared))
            sub = delegated.get(declared.prog, declared)
            for child, child_help in walk(sub, delegated):
                yield child, helps.get(name) if child is sub else child_help


def _cell(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    expanded: str = parser._get_formatter()._expand_help(action)
    return expanded


def _names(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.metavar or action.dest}`"
    takes_value = action.nargs != 0
    metavar = action.metavar or (action.dest.upper() if takes_value else None)
    if isinstance(action.choices, Mapping | list | tuple | range) and takes_value and not action.metavar:
        metavar = "{" + ",".join(str(c) for c in action.choices) + "}"
    names = ", ".join(action.option_strings)
    return f"`{names} {metavar}`" if takes_value and metavar else f"`{names}`"


def _default(action: argparse.Action) -> str:
    if action.option_strings and action.nargs == 0:
        return ""  # flags
    if action.default is None or action.default is False or action.default == argparse.SUPPRESS or action.required:
        return ""
    return f"`{action.default}`" if not isinstance(action.default, list) else f"`{' '.join(action.default)}`"


def _notes(action: argparse.Action) -> str:
    notes = []
    if action.required and action.option_strings:
        notes.append("required")
    if isinstance(action, argparse._AppendAction | argparse._AppendConstAction | argparse._CountAction):
        notes.append("repeatable")
    return ", ".join(notes)


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions
        if not isinstance(a, argparse._HelpAction | argparse._SubParsersAction) and a.help != argparse.SUPPRESS
    ]


def _usage(parser: argparse.ArgumentParser) -> str:
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH)
    try:
        return parser.format_usage().strip()
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def render(
    parser: argparse.ArgumentParser, delegated: Mapping[str, argparse.ArgumentParser] | None = None, level: int = 2
) -> str:
    """The Markdown reference of ``parser`` and every sub-command below it; ``parser`` gets an H``level``."""
    out: list[str] = []
    for command, summary in walk(parser, delegated):
        depth = command.prog.count(" ")
        out.append(f"{'#' * min(level + depth, 6)} `{command.prog}`\n")
        for text in (summary, command.description):
            if text and text != argparse.SUPPRESS:
                out.append(f"{text[0].upper()}{text[1:]}\n")
        out.append(f"```text\n{_usage(command)}\n```\n")
        subcommands = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for action in subcommands:
            helps = {c.dest: c.help or "" for c in action._choices_actions}
            rows = [f"| `{name}` | {_cell(helps.get(name, ''))} |" for name in action.choices if name in helps]
            out.append("| command | what it does |\n|---|---|\n" + "\n".join(rows) + "\n")
        arguments = _arguments(command)
        if arguments:
            rows = [f"| {_names(a)} | {_cell(_help(command, a))} | {_default(a)} | {_notes(a)} |" for a in arguments]
            out.append("| argument | what it does | default | |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(out)


def reference() -> str:
    """The reference of the ``press-blocks`` command."""
    return render(command_parser(), delegated_parsers(), level=3)  # under the page's "Reference"


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """MkDocs hook: put the generated reference where ``docs/cli.md`` has the marker."""
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise ValueError(f"docs/{PAGE} lost its {MARKER} marker: the command-line reference has nowhere to go")
    return markdown.replace(MARKER, reference())


if __name__ == "__main__":
    print(reference())
