"""Packaging a block's build context into the zip the Press API takes.

``build_artifact(path)`` selects files with Docker's ``.dockerignore`` rules, refuses anything
that would read outside the root, and writes a reproducible zip: the same tree gives the same
bytes (and ``sha256``) whatever the file order on disk, the mtimes, the umask or the hash seed.
Files are compressed in parallel on all cores; the zip is spooled to a temporary file and
packaging stops as soon as the compressed size crosses ``max_size``.
``preview_artifact(path)`` lists what would be uploaded, and why the rest was left out,
without building anything.

The zip is written here rather than with ``zipfile`` so that several files can be deflated
at once while the output stays byte-identical to a one-thread run. Entries are sorted, every
parent directory of a file gets its own ``dir/`` entry (the API needs them), timestamps come
from ``SOURCE_DATE_EPOCH`` (clamped to 1980..2107) or are 1980-01-01 00:00:00, modes are
0o644 or 0o755 (any exec bit kept) and 0o755 for directories, and no extra fields or comments
are written. The zip format is the classic one: ZIP64 is used only for an entry count above
65,535; a zip or a single file of 4 GiB or more is refused.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import stat
import struct
import sys
import tempfile
import threading
import time
import warnings
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Final, Required, TypedDict

from ._dockerignore import IgnoreMatcher, IgnorePattern, read_ignore_file
from .errors import (
    ArtifactError,
    ArtifactPathError,
    ArtifactTooLargeError,
    ArtifactWarning,
    IgnoreFileError,
    UnreadableFileError,
    UnsafeSymlinkError,
    _format_bytes,
)

__all__ = [
    "DEFAULT_IGNORE_FILE",
    "DEFAULT_MAX_ARTIFACT_SIZE",
    "DEFAULT_SPOOL_THRESHOLD",
    "Artifact",
    "ArtifactInfo",
    "ArtifactPreview",
    "IgnoredPath",
    "PreviewFile",
    "ProgressCallback",
    "artifact_from_info",
    "build_artifact",
    "default_progress",
    "preview_artifact",
]

logger = logging.getLogger("press_blocks.artifacts")

DEFAULT_MAX_ARTIFACT_SIZE: Final = 10 * 2**20
"""The Press API accepts at most 10 MiB of compressed artifact."""

DEFAULT_SPOOL_THRESHOLD: Final = 2**20
"""Zips larger than this many bytes are kept in a temporary file rather than in memory."""

DEFAULT_IGNORE_FILE: Final = ".dockerignore"

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``(phase, done_bytes, total_bytes)``.

``phase`` is ``"package"`` while files are read and compressed (bytes of file content),
``"upload"`` while a reader from ``Artifact.open_reader`` is read (bytes of zip), and
``"done"`` once when that work ends, successfully or not, so a progress bar can close.
"""


class ArtifactInfo(TypedDict, total=False):
    """The ``artifact`` mapping the Press calls take: ``{"path": DIR, "ignore_files": [...]}``."""

    path: Required[str | os.PathLike[str]]
    ignore_files: list[str] | None


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
_ZIP32_MAX: Final = 0xFFFFFFFE  # largest size or offset written without ZIP64 fields
_BATCH_BYTES: Final = 256 * 1024  # a compression task: consecutive files up to this size...
_BATCH_FILES: Final = 64  # ...and this many
_WINDOW_PER_WORKER: Final = 4  # batches in flight per worker, so that one slow batch does not idle the others...
_WINDOW_EXTRA: Final = 32  # ...but no more than this many beyond one per worker: memory stays a few MiB
_PROGRESS_INTERVAL: Final = 0.1
_READ_BUFFER: Final = 64 * 1024

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


# --- the public results ----------------------------------------------------------------


@dataclass(frozen=True)
class PreviewFile:
    """A file that would be uploaded: its path in the zip (relative, ``/``-separated) and its size in bytes."""

    path: str
    size: int


@dataclass(frozen=True)
class IgnoredPath:
    """A path left out by an ignore pattern: ``pattern`` is its text, ``source`` and ``line`` where it is written.

    A directory (``is_dir``) stands for everything under it: its contents were not looked at.
    """

    path: str
    is_dir: bool
    pattern: str
    source: str
    line: int

    @classmethod
    def _of(cls, path: str, is_dir: bool, pattern: IgnorePattern) -> IgnoredPath:
        return cls(path, is_dir, pattern.text, pattern.source, pattern.line)


@dataclass(frozen=True)
class ArtifactPreview:
    """What ``build_artifact`` would put in the zip, and what it would leave out, for one directory."""

    root: Path
    ignore_files: tuple[str, ...]
    files: tuple[PreviewFile, ...]
    ignored: tuple[IgnoredPath, ...]
    skipped: tuple[str, ...] = ()
    """Special files (sockets, fifos, devices) that are neither ignored nor packaged."""

    @property
    def total_size(self) -> int:
        """The summed size of the included files, uncompressed."""
        return sum(f.size for f in self.files)

    @property
    def file_count(self) -> int:
        """How many files would be uploaded."""
        return len(self.files)

    def tree(self, *, max_per_dir: int = 25, show_ignored: bool = False) -> str:
        """Render the included files as a tree, directories first, at most ``max_per_dir`` entries per directory.

        With ``show_ignored`` the ignored paths appear too, each with the pattern that left it out.
        """
        if max_per_dir < 1:
            raise ValueError("max_per_dir must be at least 1")
        top = _Node()
        for item in self.files:
            *parents, name = item.path.split("/")
            node = top
            node.add(item.size)
            for part in parents:
                node = node.dirs.setdefault(part, _Node())
                node.add(item.size)
            node.files.append((name, item.size))
        if show_ignored:
            for ignored in self.ignored:
                *parents, name = ignored.path.split("/")
                node = top
                for part in parents:
                    node = node.dirs.setdefault(part, _Node())
                label = name + "/" if ignored.is_dir else name
                node.ignored.append((label, f"ignored by {ignored.source}:{ignored.line} {ignored.pattern}"))
        lines = [f"{self.root.name or self.root}/  ({_count(top.count)}, {_format_bytes(top.size)})"]
        _render(top, "", max_per_dir, lines)
        return "\n".join(lines)


@dataclass
class _Node:
    dirs: dict[str, _Node] = field(default_factory=dict)
    files: list[tuple[str, int]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    count: int = 0
    size: int = 0

    def add(self, size: int) -> None:
        self.count += 1
        self.size += size


def _count(files: int) -> str:
    return "1 file" if files == 1 else f"{files:,} files"


def _render(node: _Node, indent: str, cap: int, lines: list[str]) -> None:
    children: list[tuple[str, _Node | None]] = []
    for name in sorted(node.dirs):
        child = node.dirs[name]
        stats = f"  ({_count(child.count)}, {_format_bytes(child.size)})" if child.count else ""
        children.append((f"{name}/{stats}", child))
    children += [(f"{name}  {_format_bytes(size)}", None) for name, size in sorted(node.files)]
    children += [(f"{label}  [{why}]", None) for label, why in sorted(node.ignored)]
    hidden = len(children) - cap if len(children) > cap else 0
    if hidden:
        children = [*children[:cap], (f"… {hidden:,} more", None)]
    for position, (label, sub) in enumerate(children):
        last = position == len(children) - 1
        lines.append(f"{indent}{'└── ' if last else '├── '}{label}")
        if sub is not None:
            _render(sub, indent + ("    " if last else "│   "), cap, lines)


class Artifact:
    """A packaged build context: a reproducible zip, in memory up to a threshold and in a temporary file beyond.

    ``size`` (bytes), ``sha256`` (hex), ``entries`` (names in zip order, directories end in
    ``/``) and ``file_count`` describe it; ``open_reader`` streams it. Close it, or use it as
    a context manager, to free the temporary file.
    """

    def __init__(
        self,
        spool: IO[bytes],
        *,
        on_disk: bool,
        size: int,
        sha256: str,
        entries: tuple[str, ...],
        file_count: int,
        uncompressed_size: int,
    ) -> None:
        self.size = size
        self.sha256 = sha256
        self.entries = entries
        self.file_count = file_count
        self.uncompressed_size = uncompressed_size
        self._lock = threading.Lock()
        self._spool: IO[bytes] | None = None
        self._data: memoryview | None = None
        if on_disk:
            self._spool = spool
            self._fd = spool.fileno()
        else:
            # Small enough to keep whole: readers then slice it without a lock or a file position.
            spool.seek(0)
            self._data = memoryview(spool.read())
            spool.close()
        self._on_disk = on_disk
        self._closed = False

    @property
    def on_disk(self) -> bool:
        """Whether the zip was spooled to a temporary file (it was larger than the spool threshold)."""
        return self._on_disk

    @property
    def closed(self) -> bool:
        """Whether ``close`` was called."""
        return self._closed

    def open_reader(self, progress: ProgressCallback | None = None) -> BinaryIO:
        """Return a new read-only stream of the zip, at offset 0, independent of any other reader.

        It supports ``read``, ``seek`` and ``tell`` (so HTTP clients can size it) and reports
        ``("upload", done, total)`` to ``progress`` as it is read, then ``"done"`` when closed.
        Open one per upload attempt; closing the artifact invalidates its readers.
        """
        if self._closed:
            raise ValueError("the artifact is closed")
        return io.BufferedReader(_ArtifactStream(self, progress), buffer_size=_READ_BUFFER)

    def _read_at(self, offset: int, size: int) -> bytes | memoryview:
        if self._data is not None:
            return self._data[offset : offset + size]
        with self._lock:
            if self._spool is None:
                raise ValueError("the artifact is closed")
            if hasattr(os, "pread"):
                return os.pread(self._fd, size, offset)
            self._spool.seek(offset)
            return self._spool.read(size)

    def close(self) -> None:
        """Free the zip; idempotent."""
        with self._lock:
            self._closed = True
            if self._spool is not None:
                self._spool.close()
                self._spool = None
            # Dropped, not released: a reader may still hold a slice of it.
            self._data = None

    def __enter__(self) -> Artifact:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("on disk" if self._on_disk else "in memory")
        return f"<Artifact {_count(self.file_count)}, {self.size:,} bytes, sha256={self.sha256[:12]}…, {state}>"


class _ArtifactStream(io.RawIOBase):
    """One reader's view of an Artifact: its own position, reads by offset."""

    def __init__(self, artifact: Artifact, progress: ProgressCallback | None) -> None:
        super().__init__()
        self._artifact = artifact
        self._progress = progress
        self._position = 0
        self._reported = -1

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.closed:
            raise ValueError("I/O operation on a closed artifact reader")
        view = memoryview(buffer).cast("B")
        size = self._artifact.size
        wanted = min(len(view), size - self._position)
        if wanted <= 0:
            return 0
        data = self._artifact._read_at(self._position, wanted)
        got = len(data)
        view[:got] = data
        self._position += got
        if self._progress is not None and self._position > self._reported:
            self._reported = self._position
            self._progress("upload", self._position, size)
        return got

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if self.closed:
            raise ValueError("I/O operation on a closed artifact reader")
        if whence == io.SEEK_SET:
            position = offset
        elif whence == io.SEEK_CUR:
            position = self._position + offset
        elif whence == io.SEEK_END:
            position = self._artifact.size + offset
        else:
            raise ValueError(f"invalid whence: {whence}")
        if position < 0:
            raise ValueError("negative seek position")
        self._position = position
        return position

    def tell(self) -> int:
        if self.closed:
            raise ValueError("I/O operation on a closed artifact reader")
        return self._position

    def close(self) -> None:
        if not self.closed and self._progress is not None:
            self._progress("done", max(self._reported, 0), self._artifact.size)
        super().close()


# --- the public functions ------------------------------------------------------------


def build_artifact(
    path: str | os.PathLike[str],
    ignore_files: Sequence[str | os.PathLike[str]] | None = None,
    *,
    max_size: int | None = DEFAULT_MAX_ARTIFACT_SIZE,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    spool_threshold: int = DEFAULT_SPOOL_THRESHOLD,
) -> Artifact:
    """Package the directory ``path`` into a reproducible zip, leaving out what the ignore files exclude.

    ``ignore_files`` (relative to ``path`` or absolute, inside it) are read in order with
    Docker's ``.dockerignore`` rules; by default ``path/.dockerignore`` is used when it exists.
    Raises ArtifactTooLargeError as soon as the zip passes ``max_size`` bytes (None lifts the
    limit), ArtifactPathError, IgnoreFileError, UnsafeSymlinkError or UnreadableFileError when
    the tree cannot be packaged safely. ``workers`` threads compress (default: the CPUs this
    process may use); the bytes do not depend on it.
    """
    if workers is None:
        workers = _default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")
    if max_size is not None and (isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1):
        raise ValueError(f"max_size must be a positive number of bytes or None, got {max_size!r}")
    if isinstance(spool_threshold, bool) or not isinstance(spool_threshold, int) or spool_threshold < 0:
        raise ValueError(f"spool_threshold must be a number of bytes >= 0, got {spool_threshold!r}")
    started = time.perf_counter()
    reporter = _Reporter(progress)
    try:
        selection = _select(path, ignore_files)
        _warn_skipped(selection.skipped)
        stamp = _dos_timestamp()
        limit = _ZIP32_MAX if max_size is None else min(max_size, _ZIP32_MAX)
        artifact = _pack(
            selection.files, limit=limit, workers=workers, threshold=spool_threshold, stamp=stamp, reporter=reporter
        )
    finally:
        reporter.finish()
    logger.debug(
        "packaged %s (%s) from %s into %s, sha256 %s, in %.2fs with %d workers",
        _count(artifact.file_count),
        _format_bytes(artifact.uncompressed_size),
        selection.root,
        _format_bytes(artifact.size),
        artifact.sha256,
        time.perf_counter() - started,
        workers,
    )
    return artifact


def preview_artifact(
    path: str | os.PathLike[str], ignore_files: Sequence[str | os.PathLike[str]] | None = None
) -> ArtifactPreview:
    """List what ``build_artifact`` would upload from ``path`` and what it would leave out, without reading any file.

    Raises the same selection errors as ``build_artifact`` (a bad path or ignore file, an
    unsafe symlink), so a preview that succeeds means the tree can be packaged.
    """
    selection = _select(path, ignore_files)
    _warn_skipped(selection.skipped)
    return ArtifactPreview(
        root=selection.root,
        ignore_files=selection.ignore_files,
        files=tuple(PreviewFile(f.name, f.size) for f in selection.files),
        ignored=tuple(sorted(selection.ignored, key=lambda i: _path_key(i.path))),
        skipped=tuple(rel for rel, _ in selection.skipped),
    )


def artifact_from_info(info: Mapping[str, object]) -> tuple[Path, list[str] | None]:
    """Check the ``artifact`` mapping of the Press calls and return its ``(path, ignore_files)``.

    ``path`` is required (a str or path-like); ``ignore_files`` is optional (a list of str or
    path-like, or None). Any other shape raises ArtifactPathError saying what is expected.
    """
    expected = "expected a mapping like {'path': 'my-block', 'ignore_files': ['.dockerignore']}"
    if not isinstance(info, Mapping):
        raise ArtifactPathError(f"artifact must be a mapping, got {type(info).__name__}; {expected}")
    unknown = sorted(str(key) for key in info if key not in ("path", "ignore_files"))
    if unknown:
        raise ArtifactPathError(f"artifact has unknown keys {unknown}; only 'path' and 'ignore_files' are accepted")
    if "path" not in info or info["path"] is None:
        raise ArtifactPathError(f"artifact has no 'path'; {expected}")
    raw_path = info["path"]
    text = os.fspath(raw_path) if isinstance(raw_path, str | os.PathLike) else None
    if not isinstance(text, str):
        raise ArtifactPathError(f"artifact 'path' must be a str or path-like, got {type(raw_path).__name__}")
    if not text:
        raise ArtifactPathError(f"artifact 'path' is empty; {expected}")
    path = Path(text)
    raw_ignores = info.get("ignore_files")
    if raw_ignores is None:
        return path, None
    if isinstance(raw_ignores, str | bytes | os.PathLike) or not isinstance(raw_ignores, list | tuple):
        raise ArtifactPathError(
            f"artifact 'ignore_files' must be a list of file names, got {type(raw_ignores).__name__}"
            f" (write [{raw_ignores!r}] for a single file)"
        )
    ignores: list[str] = []
    for item in raw_ignores:
        name = os.fspath(item) if isinstance(item, str | os.PathLike) else None
        if not isinstance(name, str):
            raise ArtifactPathError(f"artifact 'ignore_files' must hold str names, got {item!r}")
        ignores.append(name)
    return path, ignores


def default_progress(description: str = "artifact") -> ProgressCallback | None:
    """A tqdm progress bar when someone is watching, else None.

    Returns a callback only when stderr is a terminal or the code runs in a Jupyter/IPython
    kernel, and ``tqdm`` (the ``progress`` extra) is installed; never when the ``CI``
    environment variable is set, so CI logs stay free of bar redraws. The callback opens one
    bar per phase and closes it on ``"done"``; it also has a ``close()`` method.
    """
    if os.environ.get("CI"):
        return None
    notebook = _in_notebook()
    if not notebook and not _stderr_is_terminal():
        return None
    try:
        if notebook:
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
    except ImportError:
        return None
    return _ProgressBar(tqdm, description)


class _ProgressBar:
    """A ProgressCallback drawing one tqdm bar per phase."""

    _LABELS: Final = {"package": "packaging", "upload": "uploading"}

    def __init__(self, factory: Callable[..., Any], description: str) -> None:
        self._factory = factory
        self._description = description
        self._bar: Any = None
        self._phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == "done":
            self.close()
            return
        if self._bar is None or phase != self._phase:
            self.close()
            label = self._LABELS.get(phase, phase)
            self._bar = self._factory(
                total=total, desc=f"{self._description}: {label}", unit="B", unit_scale=True, unit_divisor=1024
            )
            self._phase = phase
        if self._bar.total != total:
            self._bar.total = total
        if done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def close(self) -> None:
        """Close the current bar, if any."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._phase = ""


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _in_notebook() -> bool:
    if "ipykernel" not in sys.modules:
        return False
    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    try:
        shell = get_ipython() if get_ipython is not None else None
    except Exception:
        return False
    return getattr(shell, "kernel", None) is not None


# --- selection -----------------------------------------------------------------------


@dataclass(frozen=True)
class _FileItem:
    name: str  # in the zip: relative to the root, "/"-separated
    source: str  # what to open: a real path inside the root, with no link in it
    size: int
    executable: bool


@dataclass
class _Selection:
    root: Path
    ignore_files: tuple[str, ...]
    files: list[_FileItem]
    ignored: list[IgnoredPath]
    skipped: list[tuple[str, str]]  # (path, kind) of special files


def _select(path: str | os.PathLike[str], ignore_files: Sequence[str | os.PathLike[str]] | None) -> _Selection:
    root = _resolve_root(path)
    names, patterns = _load_ignore_files(root, ignore_files)
    files, ignored, skipped = _walk(str(root), IgnoreMatcher(patterns))
    files.sort(key=lambda f: _path_key(f.name))
    return _Selection(root, names, files, ignored, skipped)


def _resolve_root(path: str | os.PathLike[str]) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise ArtifactPathError(f"the artifact path must be a str or path-like, got {type(path).__name__}")
    given = os.fspath(path)
    if not given:
        raise ArtifactPathError("the artifact path is empty; pass the directory that holds the block's Dockerfile")
    try:
        real = os.path.realpath(given, strict=True)
    except OSError as exc:
        where = os.path.abspath(given)
        raise ArtifactPathError(
            f"The artifact path {given!r} does not exist ({where}; relative paths are taken from the working"
            f" directory {os.getcwd()}). Pass the directory that holds the block's Dockerfile.",
            path=given,
        ) from exc
    if not os.path.isdir(real):
        raise ArtifactPathError(
            f"The artifact path {given!r} is not a directory. Pass the directory that holds the block's"
            " Dockerfile, not a file in it.",
            path=given,
        )
    return Path(real)


def _load_ignore_files(
    root: Path, ignore_files: Sequence[str | os.PathLike[str]] | None
) -> tuple[tuple[str, ...], list[IgnorePattern]]:
    if isinstance(ignore_files, str | bytes | os.PathLike):
        raise IgnoreFileError(f"ignore_files must be a list of file names; write [{ignore_files!r}]")
    # An empty list means "the default" as it did in peak-sdk, so code written for it uploads no more than before.
    if not ignore_files:
        if not os.path.lexists(root / DEFAULT_IGNORE_FILE):
            return (), []
        ignore_files = [DEFAULT_IGNORE_FILE]
    root_text = str(root)
    names: list[str] = []
    patterns: list[IgnorePattern] = []
    for item in ignore_files:
        if not isinstance(item, str | os.PathLike):
            raise IgnoreFileError(f"ignore_files must hold str or path-like names, got {item!r}")
        given = os.fspath(item)
        candidate = Path(given) if os.path.isabs(given) else root / given
        try:
            real = os.path.realpath(candidate, strict=True)
        except OSError as exc:
            raise IgnoreFileError(
                f"The ignore file {given!r} was not found at {candidate}. Relative ignore files are taken from"
                f" the artifact root {root}, not from the working directory; fix the name or leave it out.",
                path=given,
            ) from exc
        if not _inside(real, root_text):
            raise IgnoreFileError(
                f"The ignore file {given!r} ({real}) is outside the artifact root {root}. Ignore files must sit"
                " inside the directory being packaged; move it there.",
                path=given,
            )
        if not os.path.isfile(real):
            raise IgnoreFileError(f"The ignore file {given!r} ({real}) is not a regular file.", path=given)
        source = Path(os.path.relpath(real, root_text)).as_posix()
        names.append(source)
        patterns += read_ignore_file(Path(real), source)
    return tuple(names), patterns


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _walk(root: str, matcher: IgnoreMatcher) -> tuple[list[_FileItem], list[IgnoredPath], list[tuple[str, str]]]:
    """Collect the files to package under ``root``; ignored paths are neither read nor followed."""
    files: list[_FileItem] = []
    ignored: list[IgnoredPath] = []
    skipped: list[tuple[str, str]] = []
    root_stat = os.stat(root)
    # (real directory, its path in the zip, identities of it and its ancestors: a link back to one is a loop)
    stack: list[tuple[str, str, frozenset[tuple[int, int]]]] = [
        (root, "", frozenset({(root_stat.st_dev, root_stat.st_ino)}))
    ]
    while stack:
        directory, prefix, ancestors = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as exc:
            raise _unreadable(prefix or ".", exc, "directory") from exc
        for entry in entries:
            rel = f"{prefix}/{entry.name}" if prefix else entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
                excluded_by = matcher.excluded_by(rel)
                if excluded_by is not None and not ((is_link or is_dir) and matcher.may_descend(rel)):
                    ignored.append(IgnoredPath._of(rel, is_dir, excluded_by))
                    continue
                source = entry.path
                if is_link:
                    source, info = _follow(entry.path, rel, root)
                else:
                    info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                raise _unreadable(rel, exc) from exc
            if stat.S_ISDIR(info.st_mode):
                identity = (info.st_dev, info.st_ino)
                if identity in ancestors:
                    raise UnsafeSymlinkError(
                        f"{rel} is a symlink to {_readlink(entry.path)!r}, a directory that contains it: following"
                        " it would loop forever. Remove the link or exclude it in the ignore file.",
                        path=rel,
                        target=_readlink(entry.path),
                        reason="loop",
                    )
                stack.append((source, rel, ancestors | {identity}))
            elif excluded_by is not None:
                # Only an excluded link to a directory could hold re-included paths; this one is a file.
                ignored.append(IgnoredPath._of(rel, False, excluded_by))
            elif stat.S_ISREG(info.st_mode):
                _check_name(rel)
                if info.st_size > _ZIP32_MAX:
                    raise ArtifactError(
                        f"{rel} is {_format_bytes(info.st_size)}; the artifact zip cannot hold a file of 4 GiB or"
                        " more. Exclude it in the ignore file.",
                        path=rel,
                    )
                files.append(_FileItem(rel, source, info.st_size, bool(info.st_mode & 0o111)))
            else:
                skipped.append((rel, _kind_of(info.st_mode)))
    return files, ignored, skipped


def _follow(link: str, rel: str, root: str) -> tuple[str, os.stat_result]:
    """Resolve a symlink that must stay inside ``root``; return its real path and the target's stat."""
    target = _readlink(link)
    try:
        real = os.path.realpath(link, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeSymlinkError(
                f"{rel} is a symlink to {target!r} that never resolves: the links form a loop."
                " Remove it or exclude it in the ignore file.",
                path=rel,
                target=target,
                reason="loop",
            ) from exc
        raise UnsafeSymlinkError(
            f"{rel} is a dangling symlink: its target {target!r} does not exist. Fix or remove the link,"
            " or exclude it in the ignore file.",
            path=rel,
            target=target,
            reason="dangling",
        ) from exc
    if not _inside(real, root):
        raise UnsafeSymlinkError(
            f"{rel} is a symlink to {target!r}, which resolves to {real}, outside the artifact root {root}."
            " Links out of the root are never followed: copy what it needs into the root, or exclude the link"
            " in the ignore file.",
            path=rel,
            target=target,
            reason="outside",
        )
    return real, os.stat(real)


def _readlink(link: str) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def _check_name(rel: str) -> None:
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        raise ArtifactError(
            f"{rel!r} has a name that is not valid UTF-8, which a zip entry cannot carry."
            " Rename it or exclude it in the ignore file.",
            path=rel,
        ) from None


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _unreadable(rel: str, exc: OSError, what: str = "file") -> UnreadableFileError:
    reason = exc.strerror or str(exc)
    return UnreadableFileError(
        f"Cannot read the {what} {rel}: {reason}. Make it readable, or exclude it in the ignore file.", path=rel
    )


def _warn_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    for rel, kind in skipped:
        message = f"Skipped {rel}: it is a {kind}, not a regular file. Exclude it in the ignore file to silence this."
        logger.warning("%s", message)
        # stacklevel 3: the caller of build_artifact / preview_artifact.
        warnings.warn(message, ArtifactWarning, stacklevel=3)


def _path_key(path: str) -> tuple[str, ...]:
    # By components, so that a directory's entry comes right before its contents.
    return tuple(path.rstrip("/").split("/"))


# --- packing -------------------------------------------------------------------------


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


class _Reporter:
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


def _pack(
    files: list[_FileItem],
    *,
    limit: int,
    workers: int,
    threshold: int,
    stamp: tuple[int, int],
    reporter: _Reporter,
) -> Artifact:
    parents = {name for f in files for name in _parent_dirs(f.name)}
    entries: list[tuple[str, _FileItem | None]] = [(d + "/", None) for d in parents]
    entries += [(f.name, f) for f in files]
    entries.sort(key=lambda entry: _path_key(entry[0]))
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
    writer = _ZipWriter(out, stamp)
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
    return Artifact(
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


def _batches(files: list[_FileItem]) -> list[list[_FileItem]]:
    """Group consecutive files into tasks of about _BATCH_BYTES, so small files do not cost a hand-off each."""
    batches: list[list[_FileItem]] = []
    current: list[_FileItem] = []
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


def _compress_batch(items: list[_FileItem], state: _Packing, cap: int) -> list[_Compressed]:
    results: list[_Compressed] = []
    try:
        for item in items:
            results.append(_compress(item, state, cap))
    except BaseException:
        for result in results:
            result.data.close()
        raise
    return results


def _await(future: Future[list[_Compressed]], state: _Packing, reporter: _Reporter) -> list[_Compressed]:
    if reporter.callback is None:
        return future.result()
    # Poll, so that a big file being compressed still moves the bar (from this thread only).
    while True:
        try:
            return future.result(timeout=_PROGRESS_INTERVAL)
        except FutureTimeoutError:
            reporter.update(state.read)


def _compress(item: _FileItem, state: _Packing, cap: int) -> _Compressed:
    """Read one file in fixed chunks, deflated unless a trial on its start shows that does not pay."""
    state.check()
    try:
        fd = os.open(item.source, _OPEN_FLAGS)
    except OSError as exc:
        raise _unreadable(item.name, exc) from exc
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
        raise _unreadable(item.name, exc) from exc
    except BaseException:
        data.close()
        raise


def _deflate_into(file: io.FileIO, item: _FileItem, state: _Packing, data: _EntryData) -> _Compressed:
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
        if size > _ZIP32_MAX:
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


class _ZipWriter:
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
        if max(compressed, size, offset) > _ZIP32_MAX:
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

    def add_file(self, name: str, item: _FileItem, result: _Compressed) -> int:
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


def _dos_timestamp() -> tuple[int, int]:
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


def _default_workers() -> int:
    # The CPUs this process may run on (containers and taskset narrow it), else all of them.
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
