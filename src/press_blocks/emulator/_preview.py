"""Readable, bounded previews of request and response bodies for the request log and the inspector.

A preview is text: JSON pretty-printed, form parts one by one (file parts as a size, never
their bytes), anything else binary as a size. Tokens the emulator knows are masked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from press_blocks.emulator._constants import PREVIEW_MAX_CHARS
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._multipart import parse_multipart
from press_blocks.emulator._params import MASK
from press_blocks.emulator._wire import Body

__all__ = ["Hidden", "body_preview", "redact"]

# Shorter strings are too likely to occur by chance in a body to be masked safely.
_MIN_SECRET_LENGTH = 6
# Bodies above this are previewed from their start, not parsed and pretty-printed.
_PRETTY_LIMIT = 4 * PREVIEW_MAX_CHARS


def _text(data: Body | memoryview, hidden: Hidden) -> str | None:
    try:
        text = str(data, "utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return json.dumps(_masked(json.loads(text), hidden, top=True), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to pretty-print: shown as it came
        return text if _printable(text) else None


class Hidden:
    """Which values of a JSON body are hidden parameter values, to be masked whatever they look like.

    ``names``: parameters some release hides; their values in a ``build`` or ``run`` mapping
    (and at the top of the body when ``values_at_top``, as a run-parameters patch sends them)
    are masked, as is the ``defaultValue`` of a definition that says ``hideValue``. Masking by
    place, not by text, catches short and numeric values, and values the API refused.
    """

    def __init__(self, names: Iterable[str] = (), *, values_at_top: bool = False) -> None:
        self.names = frozenset(names)
        self.values_at_top = values_at_top


def _masked(value: Any, hidden: Hidden, *, top: bool = False, values: bool = False) -> Any:
    if isinstance(value, dict):
        values = values or (top and hidden.values_at_top)
        hides_default = value.get("hideValue") is True
        return {
            key: MASK
            if item is not None and ((values and key in hidden.names) or (hides_default and key == "defaultValue"))
            else _masked(item, hidden, values=key in ("build", "run"))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_masked(item, hidden) for item in value]
    return value


def _printable(text: str) -> bool:
    return all(c.isprintable() or c in "\r\n\t" for c in text)


def _form(data: Body, content_type: str, hidden: Hidden) -> str:
    try:
        parts = parse_multipart(data, content_type)
    except ApiError:
        return f"<{len(data)} bytes of malformed multipart/form-data>"
    lines = []
    for part in parts:
        text = None if part.filename is not None else _text(part.content, hidden)
        if text is None:
            kind = part.content_type or "application/octet-stream"
            name = f" {part.filename!r}" if part.filename is not None else ""
            lines.append(f"[{part.name}]{name}: <{len(part.content)} bytes of {kind}>")
        else:
            lines.append(f"[{part.name}]\n{text}")
    return "\n\n".join(lines)


def body_preview(
    data: Body, content_type: str, secrets: Iterable[str] = (), hidden: Hidden | None = None
) -> str | None:
    """Return a readable preview of a body (``None`` when empty), cut at a bounded length, secrets masked.

    ``secrets`` are masked wherever their text occurs; ``hidden`` says which JSON values are
    hidden parameter values, masked by where they are.
    """
    if not data:
        return None
    hidden = hidden or Hidden()
    if content_type.split(";", maxsplit=1)[0].strip().lower() == "multipart/form-data":
        text = _form(data, content_type, hidden)
    elif len(data) > _PRETTY_LIMIT:
        # Too big to pretty-print on every request: show its start as it came.
        head = data[: PREVIEW_MAX_CHARS + 1].decode("utf-8", errors="replace")
        text = head if _printable(head) else f"<{len(data)} bytes of {content_type or 'binary data'}>"
    else:
        decoded = _text(data, hidden)
        text = decoded if decoded is not None else f"<{len(data)} bytes of {content_type or 'binary data'}>"
    if len(text) > PREVIEW_MAX_CHARS:
        text = text[:PREVIEW_MAX_CHARS] + f"\n… (cut: {len(data)} bytes in all)"
    return redact(text, secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    """Return ``text`` with every occurrence of each (long enough) secret replaced by the API's mask."""
    for secret in sorted({s for s in secrets if len(s) >= _MIN_SECRET_LENGTH}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
