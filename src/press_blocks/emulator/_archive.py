"""Checking an uploaded artifact as the service would unpack it, with every cost bounded.

A zip's directory says what each member unpacks to; a hostile one lies, or makes that small
number enormous: thousands of bzip2 members of a million-fold ratio, or a thousand entries
that all point at one deflate stream. So: the declared sizes are checked against a total and a
ratio first; entries whose bytes overlap are refused; then each member is unpacked in bounded
pieces, stopping as soon as it gives more than it declared, and its CRC compared. Callers run
this in a worker thread, never on the event loop.
"""

from __future__ import annotations

import bz2
import io
import itertools
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from press_blocks.emulator._constants import UNZIP_RATIO_FLOOR_BYTES
from press_blocks.emulator._errors import ApiError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["check_zip"]

_LOCAL_HEADER: Final = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE: Final = 0x04034B50
# Unpacked in pieces of at most this much, so that memory stays flat whatever a member holds.
_PIECE: Final = 1024 * 1024
_METHODS: Final = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2"}


class _Reader(io.RawIOBase):
    """A read-only, seekable file over a buffer; ``io.BytesIO`` would copy any buffer but ``bytes`` whole."""

    def __init__(self, data: memoryview) -> None:
        super().__init__()
        self._data = data
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        if whence == io.SEEK_SET and offset < 0:
            raise ValueError(f"negative seek value {offset}")
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: len(self._data)}[whence]
        self._position = max(base + offset, 0)  # as io.BytesIO does
        return self._position

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        piece = self._data[self._position : self._position + len(memoryview(buffer))]
        memoryview(buffer).cast("B")[: len(piece)] = piece
        self._position += len(piece)
        return len(piece)


def check_zip(name: str, data: bytes | memoryview, *, max_total: int, max_ratio: int) -> None:
    """Raise a 400 :class:`ApiError` unless ``data`` is a zip archive that unpacks whole and within the bounds.

    The bounds: ``max_total`` bytes unpacked in all, and no member unpacking to more than
    ``max_ratio`` times its compressed size (members up to ``UNZIP_RATIO_FLOOR_BYTES`` unpacked
    excepted: a small repetitive file compresses that well and harms no one).
    """
    where = f"form part {name!r}"
    data = memoryview(data).cast("B")
    try:
        with zipfile.ZipFile(_Reader(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ApiError(400, f"{where} is not a readable zip archive: {exc}") from None
    declared = sum(m.file_size for m in members)
    if declared > max_total:
        raise ApiError(
            400,
            f"{where} would unpack to {declared:,} bytes, over the limit of {max_total:,} bytes unpacked "
            f"({len(members):,} members)",
        )
    for member in members:
        if member.file_size > max(max_ratio * member.compress_size, UNZIP_RATIO_FLOOR_BYTES):
            raise ApiError(
                400,
                f"{where}: member {member.filename!r} would unpack to {member.file_size:,} bytes from "
                f"{member.compress_size:,}, more than {max_ratio:,} times its compressed size",
            )
        if member.flag_bits & 0x1:
            raise ApiError(400, f"{where}: member {member.filename!r} is encrypted")
        if member.compress_type not in _METHODS:
            methods = ", ".join(_METHODS.values())
            raise ApiError(
                400,
                f"{where}: member {member.filename!r} uses compression method {member.compress_type}; "
                f"use one of {methods}",
            )
    spans = sorted((_span(where, data, member) for member in members), key=lambda span: span[0])
    for (start, end, first), (next_start, _, second) in itertools.pairwise(spans):
        if next_start < end:
            raise ApiError(
                400,
                f"{where} has overlapping entries ({first.filename!r} at byte {start:,} and {second.filename!r} "
                f"at byte {next_start:,} share bytes): a well-formed archive stores each member once",
            )
    for _, end, member in spans:
        _check_member(where, data, end - member.compress_size, member)


def _span(where: str, data: memoryview, member: zipfile.ZipInfo) -> tuple[int, int, zipfile.ZipInfo]:
    """Return where a member's local header starts and where its data ends, with the member."""
    offset = member.header_offset
    header = data[offset : offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or _LOCAL_HEADER.unpack(header)[0] != _LOCAL_SIGNATURE:
        raise ApiError(400, f"{where}: member {member.filename!r} has no local header at byte {offset:,}")
    fields = _LOCAL_HEADER.unpack(header)
    end = offset + _LOCAL_HEADER.size + fields[9] + fields[10] + member.compress_size
    if end > len(data):
        raise ApiError(400, f"{where}: member {member.filename!r} runs past the end of the archive")
    return offset, end, member


def _check_member(where: str, data: memoryview, start: int, member: zipfile.ZipInfo) -> None:
    """Unpack one member in bounded pieces; raise a 400 if it gives more or less than declared, or a wrong CRC."""
    compressed = data[start : start + member.compress_size]
    size = 0
    crc = 0
    try:
        for piece in _unpacked(compressed, member.compress_type):
            size += len(piece)
            if size > member.file_size:
                raise ApiError(
                    400,
                    f"{where}: member {member.filename!r} unpacks to more than the "
                    f"{member.file_size:,} bytes it declares",
                )
            crc = zlib.crc32(piece, crc)
    except (zlib.error, OSError, EOFError, ValueError) as exc:
        raise ApiError(400, f"{where} is a damaged zip archive (member {member.filename!r}: {exc})") from None
    if size != member.file_size or crc != member.CRC:
        raise ApiError(400, f"{where} is a damaged zip archive (first bad entry: {member.filename})")


def _unpacked(compressed: memoryview, method: int) -> Iterator[bytes | memoryview]:
    """Yield a member's bytes, at most one piece of :data:`_PIECE` bytes at a time.

    The compressed bytes go in a piece at a time too: a decompressor keeps a copy of whatever
    input it has not used yet, and handed the whole member it would copy the whole member.
    """
    inputs = (compressed[index : index + _PIECE] for index in range(0, len(compressed), _PIECE))
    if method == zipfile.ZIP_STORED:
        yield from inputs  # views of the upload: nothing to unpack, so nothing to copy
        return
    if method == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        for given in inputs:
            pending: bytes | memoryview = given
            while not inflater.eof:
                piece = inflater.decompress(pending, _PIECE)
                pending = inflater.unconsumed_tail
                if not piece and not pending:
                    break  # this input is used up: on to the next
                yield piece
            if inflater.eof:
                return
        return  # a stream that ends early: the size check says so
    unbzip = bz2.BZ2Decompressor()
    for given in inputs:
        yield unbzip.decompress(given, _PIECE)
        while not unbzip.eof and not unbzip.needs_input:
            yield unbzip.decompress(b"", _PIECE)
        if unbzip.eof:
            return
