"""Reading and writing ``multipart/form-data`` bodies, byte-exact for binary parts.

The emulator parses the body itself so that it can normalise what the official client sends
(the string ``"null"`` for unset fields) before its parts are validated against the document.
"""

from __future__ import annotations

import email.policy
import uuid
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

from press_blocks.emulator._errors import ApiError

__all__ = ["Part", "encode_multipart", "parse_multipart"]

_CRLF = b"\r\n"


@dataclass(frozen=True)
class Part:
    """One form part: its field name, file name (for file parts), content type and raw bytes."""

    name: str
    content: bytes
    filename: str | None = None
    content_type: str | None = None

    def text(self) -> str:
        """Return the part decoded as UTF-8, or raise a 400 if it is not valid UTF-8."""
        try:
            return self.content.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, f"form part {self.name!r} is not UTF-8 text") from None


def _boundary(content_type: str) -> str:
    header = Message()
    header["content-type"] = content_type
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise ApiError(400, "multipart/form-data body without a boundary parameter")
    return boundary


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    """Split a ``multipart/form-data`` body into parts; raise a 400 when it is not well formed."""
    delimiter = _CRLF + b"--" + _boundary(content_type).encode("latin-1")
    # A delimiter is CRLF + "--" + boundary; the first one may open the body without the CRLF.
    sections = (_CRLF + body).split(delimiter)
    parts: list[Part] = []
    closed = False
    for section in sections[1:]:
        if section.startswith(b"--"):
            closed = True
            break
        head_and_content = section.lstrip(b" \t")
        if not head_and_content.startswith(_CRLF):
            raise ApiError(400, "malformed multipart body: a boundary line is not followed by a line break")
        rest = head_and_content[2:]
        if rest.startswith(_CRLF):
            head, content = b"", rest[2:]
        else:
            head, sep, content = rest.partition(_CRLF + _CRLF)
            if not sep:
                raise ApiError(400, "malformed multipart body: a part has no blank line after its headers")
        parts.append(_part(head, content))
    if not closed:
        raise ApiError(400, "malformed multipart body: the closing boundary is missing")
    return parts


def _part(head: bytes, content: bytes) -> Part:
    headers = HeaderParser(policy=email.policy.compat32).parsestr(head.decode("latin-1"))
    if headers.get_content_disposition() != "form-data":
        raise ApiError(400, "malformed multipart body: a part has no 'Content-Disposition: form-data' header")
    name = headers.get_param("name", header="content-disposition")
    if not isinstance(name, str):
        raise ApiError(400, "malformed multipart body: a part has no field name")
    filename = headers.get_filename()
    content_type = headers.get("content-type")
    return Part(name=name, content=content, filename=filename, content_type=content_type)


def encode_multipart(parts: list[Part]) -> tuple[bytes, str]:
    """Encode parts as a ``multipart/form-data`` body; return the body and its Content-Type."""
    boundary = f"press-emulator-{uuid.uuid4().hex}"
    chunks: list[bytes] = []
    for part in parts:
        disposition = f'form-data; name="{_quote(part.name)}"'
        if part.filename is not None:
            disposition += f'; filename="{_quote(part.filename)}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if part.content_type:
            head += f"Content-Type: {part.content_type}\r\n"
        chunks += [head.encode("utf-8"), _CRLF, part.content, _CRLF]
    chunks.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
