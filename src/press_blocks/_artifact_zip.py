"""Packing the selected files into the reproducible zip, compressing in parallel and stopping at the size limit.

The zip is written here rather than with ``zipfile`` so that several files can be deflated
at once while the output stays byte-identical to a one-thread run. Entries are sorted, every
parent directory of a file gets its own ``dir/`` entry (the API needs them), timestamps come
from ``SOURCE_DATE_EPOCH`` (clamped to 1980..2107) or are 1980-01-01 00:00:00, modes are
0o644 or 0o755 (any exec bit kept) and 0o755 for directories, and no extra fields or comments
are written. The zip format is the classic one: ZIP64 is used only for an entry count above
65,535; a zip or a single file of 4 GiB or more is refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import struct
import tempfile
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError
from dataclasses import dataclass
from typing import IO, Final

from ._artifact_selection import ZIP32_MAX, FileItem, path_key, unreadable
from ._progress import ProgressCallback
from .errors import ArtifactError, ArtifactTooLargeError, UnreadableFileError

__all__ = ["Packed", "Reporter", "ZipWriter", "default_workers", "dos_timestamp", "pack"]

# Extensions of formats that are already compressed: deflating them wastes time for nothing.
_STORED_SUFFIXES: Final = frozenset({
    ".7z", ".apk", ".avi", ".avif", ".br", ".bz2", ".docx", ".egg", ".flac", ".gif", ".gz", ".heic", ".jar",
    ".jpeg", ".jpg", ".lz4", ".lzma", ".m4a", ".mkv", ".mov", ".mp3", ".mp4", ".npz", ".ogg", ".parquet", ".png",
    ".pptx", ".rar", ".tbz2", ".tgz", ".txz", ".webm", ".webp", ".whl", ".woff", ".woff2", ".xlsx", ".xz", ".zip",
    ".zst",
})  # fmt: skip

_CHUNK: Final = 256 * 1024  # read size; fixed, because deflate output may depend on how input is fed
_LEVEL: Final = 6
_TRIAL: Final = 16 * 1024  # deflate a file only if its first _TRIAL bytes shrink to at most 19/20
_MIN_SAVING: Final = (19, 20)
# ZIP32_MAX, the largest size or offset written without ZIP64 fields, comes with the selection.
_BATCH_BYTES: Final = 256 * 1024  # a compression task: consecutive files up to this size...
_BATCH_FILES: Final = 64  # ...and this many
_WINDOW_PER_WORKER: Final = 4  # batches in flight per worker, so that one slow batch does not idle the others...
_WINDOW_EXTRA: Final = 32  # ...but no more than this many beyond one per worker: memory stays a few MiB
_PROGRESS_INTERVAL: Final = 0.1

_STORED: Final = 0
_DEFLATED: Final = 8
_VERSION: Final = 20  # 2.0: deflate and directories
_MADE_BY: Final = (3 << 8) | _VERSION  # Unix, so that unzip honours the permission bits
_UTF8_FLAG: Final = 0x800
_FILE_MODE: Final = stat.S_IFREG | 0o644
_EXEC_MODE: Final = stat.S_IFREG | 0o755
_DIR_ATTR: Final = ((stat.S_IFDIR | 0o755) << 16) | 0x10  # 0x10: the MS-DOS directory flag
_MIN_EPOCH: Final = 315532800  # 1980-01-01T00:00:00Z, the first instant a DOS date can hold
_MAX_EPOCH: Final = 4354819198  # 2107-12-31T23:59:58Z, the last one

_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    # A file swapped for a link or a fifo after the walk must neither be followed nor block.
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
)


class _Stopped(Exception):
    """Packing stopped early; the size limit was crossed."""


class _LimitReached(_Stopped):
    pass


class _Cancelled(_Stopped):
    pass


class _Packing:
    """State the writer and the compressing threads share: a lower bound of the zip size, and bytes read."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.read = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def charge(self, written: int, read: int = 0) -> None:
        """Count bytes bound for the zip (and file bytes read); raise _LimitReached past the limit."""
        with self._lock:
            self.used += written
            self.read += read
            over = self.used > self.limit
        if over:
            self.stop.set()
            raise _LimitReached

    def check(self) -> None:
        if self.stop.is_set():
            raise _Cancelled


class Reporter:
    """Turns packing progress into monotonic ("package", done, total) calls, then one "done"."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.total = 0
        self._done = -1

    def update(self, done: int) -> None:
        if self.callback is None:
            return
        done = min(done, self.total)
        if done > self._done:
            self._done = done
            self.callback("package", done, self.total)

    def finish(self) -> None:
        if self.callback is not None:
            self.callback("done", max(self._done, 0), self.total)


class _EntryData:
    """One file's bytes as they go in the zip: chunks in memory up to a cap, then a temporary file."""

    def __init__(self, cap: int) -> None:
        self._cap = cap
        self._chunks: list[bytes] = []
        self._file: IO[bytes] | None = None
        self.size = 0

    def write(self, data: bytes | memoryview) -> None:
        if not data:
            return
        if self._file is None and self.size + len(data) <= self._cap:
            # Kept as is: deflate output is a fresh bytes object, so holding it costs no copy.
            self._chunks.append(data if isinstance(data, bytes) else bytes(data))
        else:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="press-blocks-entry-")  # noqa: SIM115 (closed in close)
                for chunk in self._chunks:
                    self._file.write(chunk)
                self._chunks.clear()
            self._file.write(data)
        self.size += len(data)

    def chunks(self) -> Iterator[bytes]:
        """The bytes written, in order."""
        if self._file is None:
            yield from self._chunks
            return
        self._file.seek(0)
        while chunk := self._file.read(_CHUNK):
            yield chunk

    def close(self) -> None:
        self._chunks.clear()
        if self._file is not None:
            self._file.close()


@dataclass
class _Compressed:
    method: int
    crc: int
    size: int
    data: _EntryData


@dataclass(frozen=True)
class Packed:
    """A finished zip, for the Artifact that takes it over: the spool holding it and what describes it."""

    spool: IO[bytes]
    on_disk: bool
    size: int
    sha256: str
    entries: tuple[str, ...]
    file_count: int
    uncompressed_size: int


def pack(
    files: list[FileItem],
    *,
    max_size: int | None,
    workers: int,
    threshold: int,
    stamp: tuple[int, int],
    reporter: Reporter,
) -> Packed:
    """Zip ``files`` and their parent directories in path order; stop with ArtifactTooLargeError past ``max_size``."""
    limit = ZIP32_MAX if max_size is None else min(max_size, ZIP32_MAX)
    parents = {name for f in files for name in _parent_dirs(f.name)}
    entries: list[tuple[str, FileItem | None]] = [(d + "/", None) for d in parents]
    entries += [(f.name, f) for f in files]
    entries.sort(key=lambda entry: path_key(entry[0]))
    batches = iter(_batches([item for _, item in entries if item is not None]))
    reporter.total = sum(f.size for f in files)
    reporter.update(0)

    state = _Packing(limit)
    window = min(_WINDOW_PER_WORKER * workers, workers + _WINDOW_EXTRA)  # bounds memory whatever the tree
    result_cap = max(64 * 1024, min(2**20, 32 * 2**20 // window))
    # Not a with-block: on success the Artifact takes the spool over.
    out = tempfile.SpooledTemporaryFile(max_size=threshold, prefix="press-blocks-artifact-")  # noqa: SIM115
    if threshold == 0:
        out.rollover()
    writer = ZipWriter(out, stamp)
    pending: deque[Future[list[_Compressed]]] = deque()
    ready: deque[_Compressed] = deque()
    finished = False
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="press-blocks-zip") as pool:
            try:
                for name, item in entries:
                    if item is None:
                        state.charge(writer.add_directory(name))
                        continue
                    if not ready:
                        while len(pending) < window and (batch := next(batches, None)) is not None:
                            pending.append(pool.submit(_compress_batch, batch, state, result_cap))
                        ready.extend(_await(pending.popleft(), state, reporter))
                    result = ready.popleft()
                    try:
                        state.charge(writer.add_file(name, item, result))
                    finally:
                        result.data.close()
                    reporter.update(state.read)
                state.charge(writer.central_size())
                size, digest = writer.finish()
                finished = True
            except _Stopped:
                largest = sorted(files, key=lambda f: (-f.size, f.name))[:5]
                raise ArtifactTooLargeError(limit, state.used, [(f.name, f.size) for f in largest]) from None
            finally:
                # Let running compressions notice and stop at their next chunk.
                state.stop.set()
                for future in pending:
                    future.cancel()
    finally:
        for future in pending:
            if future.done() and not future.cancelled() and future.exception() is None:
                ready.extend(future.result())
        for result in ready:
            result.data.close()
        if not finished:
            out.close()
    reporter.update(reporter.total)
    return Packed(
        out,
        on_disk=threshold == 0 or size > threshold,
        size=size,
        sha256=digest,
        entries=tuple(name for name, _ in entries),
        file_count=len(files),
        uncompressed_size=reporter.total,
    )


def _parent_dirs(name: str) -> list[str]:
    parts = name.split("/")
    return ["/".join(parts[:end]) for end in range(1, len(parts))]


def _batches(files: list[FileItem]) -> list[list[FileItem]]:
    """Group consecutive files into tasks of about _BATCH_BYTES, so small files do not cost a hand-off each."""
    batches: list[list[FileItem]] = []
    current: list[FileItem] = []
    held = 0
    for item in files:
        if current and (held + item.size > _BATCH_BYTES or len(current) >= _BATCH_FILES):
            batches.append(current)
            current, held = [], 0
        current.append(item)
        held += item.size
    if current:
        batches.append(current)
    return batches


def _compress_batch(items: list[FileItem], state: _Packing, cap: int) -> list[_Compressed]:
    results: list[_Compressed] = []
    try:
        for item in items:
            results.append(_compress(item, state, cap))
    except BaseException:
        for result in results:
            result.data.close()
        raise
    return results


def _await(future: Future[list[_Compressed]], state: _Packing, reporter: Reporter) -> list[_Compressed]:
    if reporter.callback is None:
        return future.result()
    # Poll, so that a big file being compressed still moves the bar (from this thread only).
    while True:
        try:
            return future.result(timeout=_PROGRESS_INTERVAL)
        except FutureTimeoutError:
            reporter.update(state.read)


def _compress(item: FileItem, state: _Packing, cap: int) -> _Compressed:
    """Read one file in fixed chunks, deflated unless a trial on its start shows that does not pay."""
    state.check()
    try:
        fd = os.open(item.source, _OPEN_FLAGS)
    except OSError as exc:
        raise unreadable(item.name, exc) from exc
    data = _EntryData(cap)
    try:
        with open(fd, "rb", buffering=0, closefd=True) as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UnreadableFileError(
                    f"{item.name} stopped being a regular file while it was packaged; run again once it is stable.",
                    path=item.name,
                )
            return _deflate_into(file, item, state, data)
    except OSError as exc:
        data.close()
        if isinstance(exc, ArtifactError):
            raise
        raise unreadable(item.name, exc) from exc
    except BaseException:
        data.close()
        raise


def _deflate_into(file: io.FileIO, item: FileItem, state: _Packing, data: _EntryData) -> _Compressed:
    view = memoryview(bytearray(_CHUNK))

    def emit(output: bytes | memoryview, read: int) -> None:
        data.write(output)
        state.charge(len(output), read)

    count = _fill(file, view)
    crc = zlib.crc32(view[:count])
    size = count
    compressor = None
    if count and os.path.splitext(item.name)[1].lower() not in _STORED_SUFFIXES:
        compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        if count <= _TRIAL:
            # A small file is its own trial: compress it whole, keep the result if it pays.
            packed = compressor.compress(view[:count]) + compressor.flush()
            if len(packed) * _MIN_SAVING[1] <= count * _MIN_SAVING[0]:
                emit(packed, count)
                return _Compressed(_DEFLATED, crc, size, data)
            compressor = None
        else:
            # A sync flush ends the trial's output without ending the stream, so nothing is compressed twice.
            trial = compressor.compress(view[:_TRIAL]) + compressor.flush(zlib.Z_SYNC_FLUSH)
            if len(trial) * _MIN_SAVING[1] <= _TRIAL * _MIN_SAVING[0]:
                emit(trial + compressor.compress(view[_TRIAL:count]), count)
            else:
                compressor = None
    if compressor is None:
        emit(view[:count], count)
    while count == _CHUNK:
        state.check()
        count = _fill(file, view)
        if not count:
            break
        crc = zlib.crc32(view[:count], crc)
        size += count
        if size > ZIP32_MAX:
            raise ArtifactError(
                f"{item.name} grew past 4 GiB while it was packaged; the artifact zip cannot hold it.",
                path=item.name,
            )
        emit(compressor.compress(view[:count]) if compressor is not None else view[:count], count)
    if compressor is not None:
        emit(compressor.flush(), 0)
    return _Compressed(_DEFLATED if compressor is not None else _STORED, crc, size, data)


def _fill(file: io.FileIO, view: memoryview) -> int:
    """Read until ``view`` is full or the file ends, so chunk boundaries never depend on the OS."""
    got = 0
    while got < len(view):
        count = file.readinto(view[got:])
        if not count:
            break
        got += count
    return got


class ZipWriter:
    """Writes zip entries in the order given, with sizes known up front, hashing every byte."""

    def __init__(self, out: IO[bytes], stamp: tuple[int, int]) -> None:
        self._out = out
        self._date, self._time = stamp
        self._sha = hashlib.sha256()
        self._offset = 0
        self._central: list[bytes] = []

    def _emit(self, data: bytes | memoryview) -> None:
        self._out.write(data)
        self._sha.update(data)
        self._offset += len(data)

    def _header(self, name: str, *, method: int, crc: int, compressed: int, size: int, attributes: int) -> int:
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8_FLAG
        offset = self._offset
        if max(compressed, size, offset) > ZIP32_MAX:
            raise ArtifactError(f"{name}: the artifact zip cannot hold 4 GiB or more", path=name)
        common = struct.pack("<HHHHIII", flags, method, self._time, self._date, crc, compressed, size)
        local = struct.pack("<IH", 0x04034B50, _VERSION) + common + struct.pack("<HH", len(encoded), 0) + encoded
        self._central.append(
            struct.pack("<IHH", 0x02014B50, _MADE_BY, _VERSION)
            + common
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, attributes, offset)
            + encoded
        )
        self._emit(local)
        return len(local)

    def add_directory(self, name: str) -> int:
        """Write a directory entry (``name`` ends in ``/``); return the bytes written."""
        return self._header(name, method=_STORED, crc=0, compressed=0, size=0, attributes=_DIR_ATTR)

    def add_file(self, name: str, item: FileItem, result: _Compressed) -> int:
        """Write a file entry and its data; return the header's bytes (the data was counted as it was made)."""
        mode = _EXEC_MODE if item.executable else _FILE_MODE
        written = self._header(
            name,
            method=result.method,
            crc=result.crc,
            compressed=result.data.size,
            size=result.size,
            attributes=mode << 16,
        )
        for chunk in result.data.chunks():
            self._emit(chunk)
        return written

    def central_size(self) -> int:
        """Bytes the central directory and end records will take."""
        size = sum(len(record) for record in self._central) + 22
        return size + (56 + 20 if len(self._central) > 0xFFFF else 0)

    def finish(self) -> tuple[int, str]:
        """Write the central directory and end records; return the zip's size and sha256."""
        start = self._offset
        for record in self._central:
            self._emit(record)
        length = self._offset - start
        count = len(self._central)
        if count > 0xFFFF:
            # ZIP64 end records, only for the entry count: sizes and offsets stay 32-bit.
            end64 = self._offset
            self._emit(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, _MADE_BY, 45, 0, 0, count, count, length, start))
            self._emit(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
            count = 0xFFFF
        self._emit(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length, start, 0))
        self._out.flush()
        return self._offset, self._sha.hexdigest()


def dos_timestamp() -> tuple[int, int]:
    """The (date, time) every entry carries: SOURCE_DATE_EPOCH clamped to what DOS dates hold, else 1980-01-01."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = _MIN_EPOCH
    if raw:
        try:
            epoch = int(raw)
        except ValueError:
            raise ArtifactError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {raw!r}; fix or unset it."
            ) from None
    moment = time.gmtime(min(max(epoch, _MIN_EPOCH), _MAX_EPOCH))
    date = ((moment.tm_year - 1980) << 9) | (moment.tm_mon << 5) | moment.tm_mday
    clock = (moment.tm_hour << 11) | (moment.tm_min << 5) | (moment.tm_sec // 2)
    return date, clock


def default_workers() -> int:
    # The CPUs this process may run on (containers and taskset narrow it), else all of them.
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
