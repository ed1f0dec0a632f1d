"""Hostile zip archives, written byte by byte: small to build, enormous (or circular) to unpack."""

from __future__ import annotations

import bz2
import functools
import struct
import zipfile
import zlib
from dataclasses import dataclass

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Entry:
    """One member: its name, compression method, the compressed bytes and what they unpack to (size, CRC)."""

    name: str
    method: int
    data: bytes
    size: int
    crc: int


def write_zip(entries: list[Entry], *, directory: list[tuple[Entry, int]] | None = None) -> bytes:
    """A zip of ``entries``, each stored once; ``directory`` (entry, local header index) may point entries anywhere."""
    out = bytearray()
    offsets = []
    for entry in entries:
        name = entry.name.encode()
        offsets.append(len(out))
        out += _LOCAL.pack(
            0x04034B50, 20, 0, entry.method, 0, 0x21, entry.crc, len(entry.data), entry.size, len(name), 0
        )
        out += name + entry.data
    listed = directory if directory is not None else [(entry, index) for index, entry in enumerate(entries)]
    start = len(out)
    for entry, index in listed:
        name = entry.name.encode()
        out += _CENTRAL.pack(
            0x02014B50, 20, 20, 0, entry.method, 0, 0x21, entry.crc, len(entry.data), entry.size,
            len(name), 0, 0, 0, 0, 0, offsets[index],
        )  # fmt: skip
        out += name
    out += _END.pack(0x06054B50, 0, 0, len(listed), len(listed), len(out) - start, start, 0)
    return bytes(out)


@functools.cache
def zeros(method: int, size: int) -> Entry:
    """A member of ``size`` zero bytes, compressed with ``method`` (built once per test run)."""
    raw = b"\0" * size
    if method == zipfile.ZIP_BZIP2:
        data = bz2.compress(raw, 1)
    else:
        deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        data = deflater.compress(raw) + deflater.flush()
    return Entry("zeros", method, data, size, zlib.crc32(raw))


def bzip2_bomb(members: int = 2000, size: int = 8 * 2**20) -> bytes:
    """``members`` bzip2 members of ``size`` zeros each, honestly declared: 16 GiB from about 200 KB."""
    entry = zeros(zipfile.ZIP_BZIP2, size)
    return write_zip(
        [Entry(f"part{n:05}.bin", entry.method, entry.data, entry.size, entry.crc) for n in range(members)]
    )


def overlapping_bomb(entries: int = 1000, size: int = 16 * 2**20) -> bytes:
    """``entries`` directory entries of one name, all pointing at the one deflate stream of ``size`` zeros."""
    entry = zeros(zipfile.ZIP_DEFLATED, size)
    return write_zip([entry], directory=[(entry, 0)] * entries)


def lying_member(method: int, declared: int = 1000, size: int = 8 * 2**20) -> bytes:
    """A member declaring ``declared`` bytes whose stream unpacks to ``size``."""
    entry = zeros(method, size)
    return write_zip([Entry("small.txt", method, entry.data, declared, zlib.crc32(b"\0" * declared))])
