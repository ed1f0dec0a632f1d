"""Readable, bounded previews of request and response bodies for the request log and the inspector.

A preview is text: JSON pretty-printed, form parts one by one (file parts as a size, never
their bytes), anything else binary as a size. Tokens the emulator knows are masked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from press_blocks.emulator._constants import PREVIEW_MAX_CHARS
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._multipart import parse_multipart
from press_blocks.emulator._params import MASK

__all__ = ["body_preview", "redact"]

# Shorter strings are too likely to occur by chance in a body to be masked safely.
_MIN_SECRET_LENGTH = 6
# Bodies above this are previewed from their start, not parsed and pretty-printed.
_PRETTY_LIMIT = 4 * PREVIEW_MAX_CHARS


def _text(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to pretty-print: shown as it came
        return text if _printable(text) else None


def _printable(text: str) -> bool:
    return all(c.isprintable() or c in "\r\n\t" for c in text)


def _form(data: bytes, content_type: str) -> str:
    try:
        parts = parse_multipart(data, content_type)
    except ApiError:
        return f"<{len(data)} bytes of malformed multipart/form-data>"
    lines = []
    for part in parts:
        text = None if part.filename is not None else _text(part.content)
        if text is None:
            kind = part.content_type or "application/octet-stream"
            name = f" {part.filename!r}" if part.filename is not None else ""
            lines.append(f"[{part.name}]{name}: <{len(part.content)} bytes of {kind}>")
        else:
            lines.append(f"[{part.name}]\n{text}")
    return "\n\n".join(lines)


def body_preview(data: bytes, content_type: str, secrets: Iterable[str] = ()) -> str | None:
    """Return a readable preview of a body (``None`` when empty), cut at a bounded length, secrets masked."""
    if not data:
        return None
    if content_type.split(";", maxsplit=1)[0].strip().lower() == "multipart/form-data":
        text = _form(data, content_type)
    elif len(data) > _PRETTY_LIMIT:
        # Too big to pretty-print on every request: show its start as it came.
        head = data[: PREVIEW_MAX_CHARS + 1].decode("utf-8", errors="replace")
        text = head if _printable(head) else f"<{len(data)} bytes of {content_type or 'binary data'}>"
    else:
        decoded = _text(data)
        text = decoded if decoded is not None else f"<{len(data)} bytes of {content_type or 'binary data'}>"
    if len(text) > PREVIEW_MAX_CHARS:
        text = text[:PREVIEW_MAX_CHARS] + f"\n… (cut: {len(data)} bytes in all)"
    return redact(text, secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    """Return ``text`` with every occurrence of each (long enough) secret replaced by the API's mask."""
    for secret in sorted({s for s in secrets if len(s) >= _MIN_SECRET_LENGTH}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
