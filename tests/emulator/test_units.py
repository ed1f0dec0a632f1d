"""The emulator's small pieces: multipart parsing, semantic versions, parameter values, fault rules."""

from __future__ import annotations

import asyncio
import io
import os
import uuid
import zipfile

import pytest

from press_blocks._semver import SemVer
from press_blocks.emulator import FaultRule
from press_blocks.emulator._archive import check_zip
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._multipart import Part, parse_multipart
from press_blocks.emulator._params import MASK, describe_values, resolve_values
from press_blocks.emulator._wire import Message, Receive, read_body


def encode_multipart(parts: list[Part]) -> tuple[bytes, str]:
    """Encode parts as a ``multipart/form-data`` body (the emulator only reads them); return it and its type."""
    boundary = f"press-emulator-{uuid.uuid4().hex}"
    chunks: list[bytes | memoryview] = []
    for part in parts:
        disposition = f'form-data; name="{_quote(part.name)}"'
        if part.filename is not None:
            disposition += f'; filename="{_quote(part.filename)}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if part.content_type:
            head += f"Content-Type: {part.content_type}\r\n"
        chunks += [head.encode("utf-8"), b"\r\n", part.content, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def test_multipart_round_trips_binary_parts_byte_for_byte() -> None:
    tricky = b"--press-emulator-\r\n\r\n--\r\n" + os.urandom(4096) + b"\r\n"
    parts = [Part("spec", b'{"a": 1}'), Part("artifact", tricky, "artifact.zip", "application/zip"), Part("x", b"")]
    body, content_type = encode_multipart(parts)
    assert parse_multipart(body, content_type) == parts


def test_multipart_accepts_quoted_boundaries_and_preambles() -> None:
    body = b'preamble\r\n--abc\r\nContent-Disposition: form-data; name="spec"\r\n\r\nnull\r\n--abc--\r\nepilogue'
    assert parse_multipart(body, 'multipart/form-data; boundary="abc"') == [Part("spec", b"null")]


@pytest.mark.parametrize(
    "body",
    [
        b"--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--",  # no field name
        b"--abc\r\nContent-Type: text/plain\r\n\r\nx\r\n--abc--",  # no disposition
        b'--abc\r\nContent-Disposition: form-data; name="a"\r\nx\r\n--abc--',  # no blank line
        b'--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx',  # not closed
        b"--abcContent-Disposition: x\r\n--abc--",  # no line break after the boundary
    ],
)
def test_malformed_multipart_is_a_400(body: bytes) -> None:
    with pytest.raises(ApiError) as raised:
        parse_multipart(body, "multipart/form-data; boundary=abc")
    assert raised.value.status == 400


def test_semantic_versions_order_by_precedence() -> None:
    ordered = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.2.0",
        "1.10.0",
        "2.0.0",
    ]
    versions = [SemVer(v) for v in ordered]
    shuffled = versions[1::2] + versions[0::2]
    assert sorted(shuffled) == versions
    assert SemVer("1.0.0+build.1") == SemVer("1.0.0")
    for bad in ("1", "1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.0.0", ""):
        assert not SemVer.valid(bad)


def test_parameter_values_resolve_and_mask() -> None:
    definitions = [
        {"name": "a", "type": "number", "required": True, "defaultValue": 1},
        {"name": "b", "type": "string", "required": False, "defaultValue": None, "hideValue": True},
        {
            "name": "c",
            "type": "string_array",
            "required": False,
            "defaultValue": ["x"],
            "options": [{"value": "x"}, {"value": "y"}],
        },
    ]
    values = resolve_values("run", definitions, {"b": "secret", "c": ["y", "x"]})
    assert values == {"a": 1, "b": "secret", "c": ["y", "x"]}
    assert describe_values(definitions, values, mask=True)[1] == {
        "name": "b",
        "value": MASK,
        "type": "string",
        "hideValue": True,
    }
    assert describe_values(definitions, values, mask=False)[1]["value"] == "secret"
    assert resolve_values("run", definitions, {"a": None})["a"] == 1, "null means: use the default"
    with pytest.raises(ApiError, match="options"):
        resolve_values("run", definitions, {"c": ["z"]})


def test_fault_rules_validate_their_fields() -> None:
    assert FaultRule.from_dict({"kind": "drop", "operationId": "x", "retryAfter": 2}).operation_id == "x"
    for bad in (
        {"kind": "status", "status": 418},
        {"kind": "latency", "latency": -1},
        {"kind": "drop", "when": "now"},
        {"kind": "drop", "times": -1},
        {"kind": "status", "retry_after": -5},
    ):
        with pytest.raises(ValueError, match=r"fault|status|latency|when|times|retry_after"):
            FaultRule.from_dict(bad)


def test_body_previews_are_readable_bounded_and_mask_secrets() -> None:
    from press_blocks.emulator._constants import PREVIEW_MAX_CHARS
    from press_blocks.emulator._preview import body_preview

    assert body_preview(b"", "application/json") is None
    assert body_preview(b'{"a":[1]}', "application/json") == '{\n  "a": [\n    1\n  ]\n}'
    assert body_preview(b"\x00\x01\xff" * 10, "application/zip") == "<30 bytes of application/zip>"
    big = b'{"a":"' + b"x" * (10 * PREVIEW_MAX_CHARS) + b'"}'
    cut = body_preview(big, "application/json")
    assert cut is not None
    assert len(cut) < PREVIEW_MAX_CHARS + 100
    assert cut.endswith(f"(cut: {len(big)} bytes in all)")
    form, content_type = encode_multipart([Part("spec", b'{"k": 1}'), Part("artifact", b"PK\x03\x04", "a.zip", "x/y")])
    assert body_preview(form, content_type) == "[spec]\n{\n  \"k\": 1\n}\n\n[artifact] 'a.zip': <4 bytes of x/y>"
    assert body_preview(b"--nope", "multipart/form-data; boundary=b") == "<6 bytes of malformed multipart/form-data>"
    # Secrets are masked; ones too short to be told from ordinary text are not.
    assert body_preview(b"key=s3cret-value t", "text/plain", {"s3cret-value", "t"}) == "key=***** t"


def _messages(*pieces: bytes) -> Receive:
    """An ASGI ``receive`` giving ``pieces`` as one body, the last message saying no more."""
    queue = [
        {"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1} for i, piece in enumerate(pieces)
    ]

    async def receive() -> Message:
        return queue.pop(0)

    return receive


@pytest.mark.parametrize("expected", [None, 10, 7, 12, 10_000])
def test_a_body_in_pieces_is_gathered_whole_whatever_length_was_declared(expected: int | None) -> None:
    # A declared length is a hint for the buffer only: shorter or longer than the body, the body wins.
    too_large = ApiError(413, "too large")
    body = asyncio.run(read_body(_messages(b"", b"abc", b"", b"defg", b"hij", b""), 100, too_large, expected=expected))
    assert body == b"abcdefghij"
    with pytest.raises(ApiError, match="too large"):
        asyncio.run(read_body(_messages(b"abc", b"defg", b"hij"), 9, too_large, expected=expected))


def test_a_body_in_one_piece_is_not_copied() -> None:
    piece = os.urandom(1000)
    too_large = ApiError(413, "too large")
    # httpx's ASGI transport sends the body, then an empty last message.
    assert asyncio.run(read_body(_messages(piece, b""), 1000, too_large, expected=1000)) is piece
    assert asyncio.run(read_body(_messages(piece), 1000, too_large)) is piece
    assert asyncio.run(read_body(_messages(b""), 1000, too_large)) == b""


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_a_member_longer_than_one_piece_is_checked_whole(method: int) -> None:
    # Over 1 MiB compressed, so its bytes go to the decompressor in more than one piece.
    content = os.urandom(1_300_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("blob", content, compress_type=method)
    data = buffer.getvalue()
    check_zip("artifact", memoryview(data), max_total=2**30, max_ratio=1100)
    damaged = bytearray(data)
    damaged[1_200_000] ^= 0xFF  # past the first piece
    with pytest.raises(ApiError, match="damaged zip archive"):
        check_zip("artifact", memoryview(bytes(damaged)), max_total=2**30, max_ratio=1100)
