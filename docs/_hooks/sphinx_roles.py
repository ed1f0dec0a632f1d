"""Render the Sphinx cross-reference roles the docstrings use (``:class:`~press_blocks.Session```).

mkdocstrings' Google-style parser leaves them as literal text; this MkDocs hook turns each one
into inline code, showing only the last name when the target starts with ``~`` as Sphinx does.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|exc|mod|data|obj|const):<code>(~?)([\w.]+)(\(\))?</code>")


def _code(match: re.Match[str]) -> str:
    short, target, call = match.groups()
    return f"<code>{target.rsplit('.', 1)[-1] if short else target}{call or ''}</code>"


def on_page_content(html: str, **_: Any) -> str:
    """MkDocs hook: replace every role with inline code."""
    return ROLE.sub(_code, html)
