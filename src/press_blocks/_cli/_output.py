"""Printing results: JSON (the default, as peak), YAML, or a table for list commands; optionally paged."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import yaml

from press_blocks._cli._errors import printable

__all__ = ["TABLES", "Table", "format_result", "write"]


@dataclass(frozen=True)
class Table:
    """How a list command's page becomes a table: peak's title, columns and count key."""

    title: str
    items: tuple[str, ...]  # the page keys that may hold the rows, first found wins
    count: str
    columns: tuple[tuple[str, str], ...]  # (label, dotted path)


TABLES: Mapping[str, Table] = {
    "specs list": Table(
        "Block Specs",
        ("specs",),
        "specCount",
        (
            ("ID", "id"),
            ("Kind", "kind"),
            ("Name", "metadata.name"),
            ("Status", "metadata.status"),
            ("Latest Release", "latestRelease.version"),
            ("Tags", "metadata.tags"),
        ),
    ),
    "specs list-releases": Table(
        "Block Spec Releases",
        ("releases",),
        "releaseCount",
        (
            ("ID", "id"),
            ("Version", "version"),
            ("Notes", "notes"),
            ("Created At (UTC)", "createdAt"),
            ("Created By", "createdBy"),
        ),
    ),
    "deployments list": Table(
        "Block Deployments",
        ("deployments",),
        "deploymentCount",
        (
            ("ID", "id"),
            ("Kind", "kind"),
            ("Title", "metadata.title"),
            ("Status", "metadata.status"),
            ("Latest Revision", "latestRevision.revision"),
            ("Latest Revision Status", "latestRevision.status"),
            ("Tags", "metadata.tags"),
        ),
    ),
    "deployments list-revisions": Table(
        "Block Deployment Revisions",
        ("revisions", "deployments"),
        "revisionCount",
        (("ID", "id"), ("Notes", "notes"), ("Revision", "revision"), ("Status", "status")),
    ),
}


def format_result(result: Any, output: str, table: Table | None = None) -> str:
    """Render a command's result as ``json``, ``yaml`` or ``table`` text (with a final newline)."""
    if output == "yaml":
        return yaml.safe_dump(result, indent=4, sort_keys=False, allow_unicode=True, default_flow_style=False)
    if output == "table" and table is not None and isinstance(result, dict):
        return _table(result, table)
    if isinstance(result, dict | list):
        return json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n"
    return f"{result}\n"


def write(text: str, *, paging: bool = False, out: TextIO | None = None) -> None:
    """Print ``text``; with ``paging`` through the user's pager ($PAGER, else less/more) on a terminal."""
    stream = out or sys.stdout
    if paging and stream.isatty():
        import pydoc

        pydoc.pager(text)
        return
    stream.write(text)
    stream.flush()


def _table(page: Mapping[str, Any], table: Table) -> str:
    rows_data: Sequence[Any] = next((page[key] for key in table.items if isinstance(page.get(key), list)), [])
    title = table.title
    if table.count in page:
        title += f" (Total = {_cell(page[table.count])})"
    caption = (
        f"Page {_cell(page['pageNumber'])} of {_cell(page['pageCount'])}"
        if "pageNumber" in page and "pageCount" in page
        else ""
    )
    lines = [title]
    if not rows_data:
        lines.append("No data to display.")
    else:
        header = [label for label, _ in table.columns]
        rows = [[_cell(_dig(item, path)) for _, path in table.columns] for item in rows_data]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines.append("  ".join(text.ljust(width) for text, width in zip(header, widths, strict=True)).rstrip())
        lines.append("  ".join("-" * width for width in widths))
        lines.extend("  ".join(t.ljust(w) for t, w in zip(row, widths, strict=True)).rstrip() for row in rows)
    if caption:
        lines.append(caption)
    return "\n".join(lines) + "\n"


def _dig(item: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item


def _cell(value: Any) -> str:
    # The server's text goes to a terminal: its escape sequences are shown, not obeyed.
    if value is None:
        return ""
    if isinstance(value, list):
        # Tags are [{"name": ...}]; peak shows their names joined.
        return printable(", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value))
    return printable(" ".join(str(value).split()))
