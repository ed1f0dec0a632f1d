"""Packaging a block's build context into the zip the Press API takes.

``build_artifact(path)`` selects files with Docker's ``.dockerignore`` rules, refuses anything
that would read outside the root, and writes a reproducible zip: the same tree gives the same
bytes (and ``sha256``) whatever the file order on disk, the mtimes, the umask or the hash seed.
Files are compressed in parallel on all cores; the zip is spooled to a temporary file and
packaging stops as soon as the compressed size crosses ``max_size``.
``preview_artifact(path)`` lists what would be uploaded, and why the rest was left out,
without building anything.

This module holds the public types and functions; the work is done in ``_artifact_selection``
(choosing the files), ``_artifact_zip`` (writing the zip) and ``_progress`` (progress bars).
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Final, Required, TypedDict

from . import _constants
from ._artifact_selection import DEFAULT_IGNORE_FILE, path_key, secret_group, select, warn_secrets, warn_skipped
from ._artifact_zip import Reporter, default_workers, dos_timestamp, pack
from ._dockerignore import IgnorePattern
from ._progress import ProgressCallback, default_progress
from .errors import ArtifactPathError, _format_bytes

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

DEFAULT_MAX_ARTIFACT_SIZE: Final = _constants.MAX_ARTIFACT_SIZE
"""The Press API accepts at most 10 MiB of compressed artifact."""

DEFAULT_SPOOL_THRESHOLD: Final = _constants.SPOOL_THRESHOLD
"""Zips larger than this many bytes are kept in a temporary file rather than in memory."""


class ArtifactInfo(TypedDict, total=False):
    """The ``artifact`` mapping the Press calls take: ``{"path": DIR, "ignore_files": [...]}``."""

    path: Required[str | os.PathLike[str]]
    ignore_files: list[str] | None


_READ_BUFFER: Final = 64 * 1024


# --- the public results ----------------------------------------------------------------


@dataclass(frozen=True)
class PreviewFile:
    """A file that would be uploaded: its path in the zip (relative, ``/``-separated) and its size in bytes.

    ``looks_secret`` marks names that usually hold credentials (``.env*``, ``.git/``, ``*.pem``,
    ``*.key``, ``id_rsa*``, ``.npmrc``, ``.pypirc``, ``.aws/``, ``.ssh/``): ``build_artifact``
    warns about them with a ``SecretFilesWarning``.
    """

    path: str
    size: int
    looks_secret: bool = False


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

    @property
    def secrets(self) -> tuple[str, ...]:
        """The paths of the included files that look secret (see ``PreviewFile.looks_secret``)."""
        return tuple(f.path for f in self.files if f.looks_secret)

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
            node.files.append((name, item.size, item.looks_secret))
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
    files: list[tuple[str, int, bool]] = field(default_factory=list)
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
    children += [
        (f"{name}  {_format_bytes(size)}" + ("  [looks secret]" if secret else ""), None)
        for name, size, secret in sorted(node.files)
    ]
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
        workers = default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")
    if max_size is not None and (isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1):
        raise ValueError(f"max_size must be a positive number of bytes or None, got {max_size!r}")
    if isinstance(spool_threshold, bool) or not isinstance(spool_threshold, int) or spool_threshold < 0:
        raise ValueError(f"spool_threshold must be a number of bytes >= 0, got {spool_threshold!r}")
    started = time.perf_counter()
    reporter = Reporter(progress)
    try:
        selection = select(path, ignore_files)
        warn_skipped(selection.skipped)
        warn_secrets(selection)
        stamp = dos_timestamp()
        packed = pack(
            selection.files,
            max_size=max_size,
            workers=workers,
            threshold=spool_threshold,
            stamp=stamp,
            reporter=reporter,
        )
        artifact = Artifact(
            packed.spool,
            on_disk=packed.on_disk,
            size=packed.size,
            sha256=packed.sha256,
            entries=packed.entries,
            file_count=packed.file_count,
            uncompressed_size=packed.uncompressed_size,
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
    selection = select(path, ignore_files)
    warn_skipped(selection.skipped)
    ignored = (IgnoredPath._of(rel, is_dir, pattern) for rel, is_dir, pattern in selection.ignored)
    return ArtifactPreview(
        root=selection.root,
        ignore_files=selection.ignore_files,
        files=tuple(PreviewFile(f.name, f.size, secret_group(f.name) is not None) for f in selection.files),
        ignored=tuple(sorted(ignored, key=lambda i: path_key(i.path))),
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
