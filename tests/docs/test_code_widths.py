"""Code on the site fits its box: no comment runs off the right edge, and no first line runs under the copy button.

Measured in Chromium on the built site at 1280 px wide (both sidebars shown): a code block shows
80 characters of its monospace font (656 px of text at 8.2 px a character); the copy button sits
over the top right corner, hiding about 4 more on the first line. Longer lines scroll sideways,
so a trailing comment there is read only in part, and the first line's end is under the button.
Checked in every fenced block of the pages, the README (the home page) and the included examples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VISIBLE = 80
FIRST_LINE = VISIBLE - 4
FENCE = re.compile(r"^( *)(```+|~~~+)[^\n]*\n(.*?)^\1\2 *$", re.S | re.M)
SNIPPET = re.compile(r'^--8<-- "([^":]+)(?::[\w-]+)?"$')
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]


def blocks(page: Path) -> list[list[str]]:
    """Each fenced code block of ``page`` as its lines (included files in place of their snippet lines)."""
    found = []
    for match in FENCE.finditer(page.read_text(encoding="utf-8")):
        indent = len(match[1])
        lines: list[str] = []
        for line in (raw[indent:] for raw in match[3].splitlines()):
            included = SNIPPET.match(line.strip())
            if included:
                lines.extend((ROOT / included[1]).read_text(encoding="utf-8").splitlines())
            else:
                lines.append(line)
        found.append(lines)
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_code_lines_fit_their_box(page: Path) -> None:
    too_long = []
    for lines in blocks(page):
        if lines and len(lines[0]) > FIRST_LINE:
            too_long.append(f"first line ({len(lines[0])} > {FIRST_LINE}, under the copy button): {lines[0]}")
        too_long.extend(
            f"comment ({len(line)} > {VISIBLE}): {line}" for line in lines if "#" in line and len(line) > VISIBLE
        )
    assert too_long == []


def test_the_examples_page_is_checked_with_its_included_files() -> None:
    examples = blocks(ROOT / "docs" / "examples.md")
    assert any(line.startswith("import") or line.startswith('"""') for lines in examples for line in lines)
