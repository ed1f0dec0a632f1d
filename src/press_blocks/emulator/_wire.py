"""What the emulator's ASGI layers share: ASGI type names, the abort extension, and a response in the making.

A leaf module: the app, the server thread and the in-process transports all import it, and
it imports nothing of theirs.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

import yaml

from press_blocks._yaml import YAMLLimitError, bounded_load
from press_blocks.emulator._constants import MAX_DEPTH, MAX_YAML_VALUES
from press_blocks.emulator._errors import ApiError

__all__ = [
    "ABORT_EXTENSION",
    "ASGIApp",
    "Answer",
    "Body",
    "ConnectionDropped",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "check_nesting",
    "declared_length",
    "json_bytes",
    "load_yaml",
    "loads",
    "nests_deeper",
    "read_body",
    "send_answer",
]

Scope = MutableMapping[str, Any]
# A request body as read: the bytes of a single ASGI message, or the pieces of several gathered in place.
Body = bytes | bytearray
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A server that can cut a connection puts a zero-argument callable under this scope extension.
ABORT_EXTENSION = "press_blocks.emulator.abort"


class ConnectionDropped(Exception):
    """Raised out of the app to make an in-process transport fail as a dropped connection would."""


def json_bytes(payload: Any) -> bytes:
    """Return ``payload`` as compact UTF-8 JSON (no NaN or Infinity, which JSON does not have)."""
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class _TooDeep(ApiError):
    def __init__(self, what: str) -> None:
        super().__init__(400, f"{what} nests more than {MAX_DEPTH} levels deep; flatten it")


def loads(data: Body | str, what: str) -> Any:
    """Decode JSON, or raise a 400 :class:`ApiError` naming ``what`` was not valid JSON or nests too deeply."""
    try:
        value = json.loads(data, parse_constant=_reject_constant)
    except RecursionError:
        raise _TooDeep(what) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"{what} is not valid JSON: {exc}") from None
    # Deeper values would fail later, in validation, copies or the inspector's snapshot.
    if nests_deeper(value, MAX_DEPTH):
        raise _TooDeep(what)
    return value


def check_nesting(data: Body, what: str) -> None:
    """Raise the 400 :func:`loads` raises if ``data`` is JSON nested too deeply; say nothing of any other fault."""
    try:
        loads(data, what)
    except _TooDeep:
        raise
    except ApiError:
        pass  # not JSON: whoever reads it next says so, in its own words


def load_yaml(text: str, what: str) -> Any:
    """Load a YAML (or JSON) document someone gave the emulator; raise ``ValueError`` saying what is wrong.

    Aliases may not expand beyond :data:`MAX_YAML_VALUES` values, nor nesting go beyond
    :data:`MAX_DEPTH` levels: a few hundred bytes could otherwise stand for a billion values.
    """
    try:
        return bounded_load(text, max_values=MAX_YAML_VALUES, max_depth=MAX_DEPTH)
    except YAMLLimitError as exc:
        raise ValueError(f"{what} is refused: {exc}") from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # PyYAML's constructors raise ValueError and OverflowError too (2020-13-45, a huge exponent).
        raise ValueError(f"{what} is not valid YAML or JSON: {exc}") from None


def nests_deeper(value: Any, limit: int) -> bool:
    """Return whether lists and mappings in ``value`` nest more than ``limit`` levels deep (a scalar is level 0)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class Answer:
    """A response in the making: status, headers and body bytes."""

    def __init__(self, status: int, payload: Any = None, headers: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.headers: dict[str, str] = dict(headers or {})
        if status == 204 or payload is None:
            self.data = b""
        else:
            self.data = json_bytes(payload)
            self.headers["content-type"] = "application/json"

    @classmethod
    def error(cls, error: ApiError) -> Answer:
        """Return the API's error response for ``error``."""
        return cls(error.status, error.body(), error.headers)


def declared_length(headers: Mapping[str, str]) -> int | None:
    """Return a request's ``Content-Length`` (lower-case header names), or ``None`` when absent or not a number."""
    value = headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


async def read_body(receive: Receive, limit: int, too_large: ApiError, *, expected: int | None = None) -> Body:
    """Read a request body from ASGI messages, raising ``too_large`` as soon as it passes ``limit`` bytes.

    Chunk by chunk, so that a body sent without a ``Content-Length`` (chunked) is cut off too.
    A body that comes in one piece (as from the in-process transports) is returned as it came;
    one in several is gathered into a single ``bytearray``, of the ``expected`` length when the
    caller knows it: never joined at the end, which would hold it twice.
    """
    held = b""  # the only piece so far, kept as it came until a second one arrives
    gathered = bytearray()
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionDropped("the client went away while sending its body")
        chunk = message.get("body", b"")
        if chunk:
            if size > limit - len(chunk):
                raise too_large
            if not size:
                held = bytes(chunk)  # the same object when it is bytes already: not copied
            else:
                if held:
                    gathered = _gather(gathered, 0, held, expected if expected is not None and expected <= limit else 0)
                    held = b""
                gathered = _gather(gathered, size, chunk, 0)
            size += len(chunk)
        if not message.get("more_body", False):
            if held or not size:
                return held
            del gathered[size:]
            return gathered


def _gather(gathered: bytearray, at: int, chunk: bytes, reserve: int) -> bytearray:
    """Write ``chunk`` into ``gathered`` at ``at``, growing it when needed (to ``reserve`` bytes at first)."""
    if not gathered and reserve:
        gathered = bytearray(reserve)  # grown by appending, it would over-allocate by an eighth
    if at + len(chunk) <= len(gathered):
        # Through a view: a slice assignment from bytes would first copy them into a bytearray.
        with memoryview(gathered) as view:
            view[at : at + len(chunk)] = chunk
    else:
        del gathered[at:]
        gathered += chunk
    return gathered


async def send_answer(send: Send, answer: Answer) -> None:
    """Send ``answer`` whole, with its ``Content-Length``."""
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()]
    raw.append((b"content-length", str(len(answer.data)).encode()))
    await send({"type": "http.response.start", "status": answer.status, "headers": raw})
    await send({"type": "http.response.body", "body": answer.data, "more_body": False})


async def serve_lifespan(receive: Receive, send: Send) -> None:
    """Answer an ASGI server's lifespan messages: start-up and shut-down have nothing to do."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
