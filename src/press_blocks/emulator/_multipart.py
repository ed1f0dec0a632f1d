"""Reading ``multipart/form-data`` bodies, byte-exact for binary parts.

The emulator parses the body itself so that it can normalise what the official client sends
(the string ``"null"`` for unset fields) before its parts are validated against the document.
"""

from __future__ import annotations

import email.policy
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._wire import Body

__all__ = ["Part", "parse_multipart"]

_CRLF = b"\r\n"


@dataclass(frozen=True)
class Part:
    """One form part: its field name, file name (for file parts), content type and raw bytes.

    A parsed part's ``content`` is a read-only view into the body it came from, not a copy.
    """

    name: str
    content: bytes | memoryview
    filename: str | None = None
    content_type: str | None = None

    def text(self) -> str:
        """Return the part decoded as UTF-8, or raise a 400 if it is not valid UTF-8."""
        try:
            return str(self.content, "utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, f"form part {self.name!r} is not UTF-8 text") from None


def _boundary(content_type: str) -> str:
    header = Message()
    header["content-type"] = content_type
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise ApiError(400, "multipart/form-data body without a boundary parameter")
    return boundary


def parse_multipart(body: Body, content_type: str) -> list[Part]:
    """Split a ``multipart/form-data`` body into parts; raise a 400 when it is not well formed.

    Each part's content is a read-only view of the body, never a copy, so an upload costs its own size.
    """
    dash_boundary = b"--" + _boundary(content_type).encode("latin-1")
    delimiter = _CRLF + dash_boundary
    # A delimiter is CRLF + "--" + boundary; the first one may open the body without the CRLF.
    if body.startswith(dash_boundary):
        position = len(dash_boundary)
    else:
        found = body.find(delimiter)
        if found < 0:
            raise ApiError(400, "malformed multipart body: the closing boundary is missing")
        position = found + len(delimiter)
    view = memoryview(body).toreadonly()
    parts: list[Part] = []
    while True:
        if body.startswith(b"--", position):
            return parts
        end = body.find(delimiter, position)
        if end < 0:
            raise ApiError(400, "malformed multipart body: the closing boundary is missing")
        parts.append(_section(body, view, position, end))
        position = end + len(delimiter)


def _section(body: Body, view: memoryview, start: int, end: int) -> Part:
    """Read the part between a boundary line (ending at ``start``) and the next delimiter (at ``end``)."""
    while start < end and body[start] in b" \t":
        start += 1
    if not body.startswith(_CRLF, start) or start + 2 > end:
        raise ApiError(400, "malformed multipart body: a boundary line is not followed by a line break")
    start += 2
    if body.startswith(_CRLF, start) and start + 2 <= end:
        return _part(b"", view[start + 2 : end])
    blank = body.find(_CRLF + _CRLF, start, end)
    if blank < 0:
        raise ApiError(400, "malformed multipart body: a part has no blank line after its headers")
    return _part(bytes(body[start:blank]), view[blank + 4 : end])


def _part(head: bytes, content: memoryview) -> Part:
    headers = HeaderParser(policy=email.policy.compat32).parsestr(head.decode("latin-1"))
    if headers.get_content_disposition() != "form-data":
        raise ApiError(400, "malformed multipart body: a part has no 'Content-Disposition: form-data' header")
    name = headers.get_param("name", header="content-disposition")
    if not isinstance(name, str):
        raise ApiError(400, "malformed multipart body: a part has no field name")
    filename = headers.get_filename()
    content_type = headers.get("content-type")
    return Part(name=name, content=content, filename=filename, content_type=content_type)
