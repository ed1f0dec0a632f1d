"""Choosing the files of a build context: the root, the ignore files, and a walk of the tree with Docker's matcher.

Nothing outside the root is ever read: symlinks that leave it, dangle or loop are errors, and special files
(sockets, fifos, devices) are skipped with a warning. The result is a ``Selection`` of ``FileItem`` records,
sorted in zip order, that ``_artifact_zip`` packs.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from . import _constants
from ._dockerignore import IgnoreMatcher, IgnorePattern, MatchInfo, read_ignore_file
from .errors import (
    ArtifactError,
    ArtifactPathError,
    ArtifactWarning,
    IgnoreFileError,
    SecretFilesWarning,
    UnreadableFileError,
    UnsafeSymlinkError,
    _format_bytes,
)

__all__ = [
    "DEFAULT_IGNORE_FILE",
    "ZIP32_MAX",
    "FileItem",
    "Selection",
    "path_key",
    "secret_group",
    "select",
    "unreadable",
    "warn_secrets",
    "warn_skipped",
]

# The public module's name, so that logging configured for press_blocks.artifacts still sees the warnings.
logger = logging.getLogger("press_blocks.artifacts")

DEFAULT_IGNORE_FILE: Final = _constants.IGNORE_FILE

# Defined here rather than in _artifact_zip, which imports from this module: the walk refuses bigger files up front.
ZIP32_MAX: Final = 0xFFFFFFFE  # largest size or offset written without ZIP64 fields


@dataclass(frozen=True)
class FileItem:
    name: str  # in the zip: relative to the root, "/"-separated
    source: str  # what to open: a real path inside the root, with no link in it
    size: int
    executable: bool


@dataclass
class Selection:
    root: Path
    ignore_files: tuple[str, ...]
    files: list[FileItem]
    ignored: list[tuple[str, bool, IgnorePattern]]  # (path, is_dir, the pattern that left it out)
    skipped: list[tuple[str, str]]  # (path, kind) of special files


def select(path: str | os.PathLike[str], ignore_files: Sequence[str | os.PathLike[str]] | None) -> Selection:
    root = _resolve_root(path)
    names, patterns = _load_ignore_files(root, ignore_files)
    files, ignored, skipped = _walk(str(root), IgnoreMatcher(patterns))
    files.sort(key=lambda f: path_key(f.name))
    return Selection(root, names, files, ignored, skipped)


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


def _walk(
    root: str, matcher: IgnoreMatcher
) -> tuple[list[FileItem], list[tuple[str, bool, IgnorePattern]], list[tuple[str, str]]]:
    """Collect the files to package under ``root``; ignored paths are neither read nor followed."""
    files: list[FileItem] = []
    ignored: list[tuple[str, bool, IgnorePattern]] = []
    skipped: list[tuple[str, str]] = []
    root_stat = os.stat(root)
    # (real directory, its path in the zip, identities of it and its ancestors: a link back to one is a loop,
    # and the directory's match results, which BuildKit hands down to its children)
    stack: list[tuple[str, str, frozenset[tuple[int, int]], MatchInfo | None]] = [
        (root, "", frozenset({(root_stat.st_dev, root_stat.st_ino)}), None)
    ]
    while stack:
        directory, prefix, ancestors, parent_info = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as exc:
            raise unreadable(prefix or ".", exc, "directory") from exc
        for entry in entries:
            rel = f"{prefix}/{entry.name}" if prefix else entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
                excluded_by, match_info = matcher.match(rel, parent_info)
                # An excluded directory is still walked when an exception may re-include something in it (its
                # own entry is then left out); BuildKit never follows a link, so an excluded one stays out whole.
                if excluded_by is not None and not (is_dir and matcher.may_descend(rel)):
                    ignored.append((rel, is_dir, excluded_by))
                    continue
                source = entry.path
                if is_link:
                    source, info = _follow(entry.path, rel, root)
                else:
                    info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                raise unreadable(rel, exc) from exc
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
                stack.append((source, rel, ancestors | {identity}, match_info))
            elif stat.S_ISREG(info.st_mode):
                _check_name(rel)
                if info.st_size > ZIP32_MAX:
                    raise ArtifactError(
                        f"{rel} is {_format_bytes(info.st_size)}; the artifact zip cannot hold a file of 4 GiB or"
                        " more. Exclude it in the ignore file.",
                        path=rel,
                    )
                files.append(FileItem(rel, source, info.st_size, bool(info.st_mode & 0o111)))
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


def unreadable(rel: str, exc: OSError, what: str = "file") -> UnreadableFileError:
    reason = exc.strerror or str(exc)
    return UnreadableFileError(
        f"Cannot read the {what} {rel}: {reason}. Make it readable, or exclude it in the ignore file.", path=rel
    )


def warn_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    for rel, kind in skipped:
        message = f"Skipped {rel}: it is a {kind}, not a regular file. Exclude it in the ignore file to silence this."
        logger.warning("%s", message)
        # stacklevel 3: the caller of build_artifact / preview_artifact.
        warnings.warn(message, ArtifactWarning, stacklevel=3)


def path_key(path: str) -> tuple[str, ...]:
    # By components, so that a directory's entry comes right before its contents.
    return tuple(path.rstrip("/").split("/"))


# Names that usually hold credentials. A directory in the list covers everything under it.
_SECRET_DIRS: Final = frozenset({".git", ".ssh", ".aws"})
_SECRET_NAMES: Final = frozenset({".npmrc", ".pypirc"})
_SECRET_PREFIXES: Final = (".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
_SECRET_SUFFIXES: Final = (".pem", ".key")
_SECRETS_SHOWN: Final = 12

_PACKAGE_DIR: Final = os.path.dirname(os.path.abspath(__file__)) + os.sep


def secret_group(rel: str) -> str | None:
    """How ``rel`` is reported when its name looks secret: itself, or its secret-looking directory ending in "/"."""
    parts = rel.split("/")
    for depth, part in enumerate(parts[:-1]):
        if part in _SECRET_DIRS:
            return "/".join(parts[: depth + 1]) + "/"
    name = parts[-1]
    if name in _SECRET_NAMES or name.startswith(_SECRET_PREFIXES) or name.endswith(_SECRET_SUFFIXES):
        return rel
    return None


def warn_secrets(selection: Selection) -> None:
    """Issue a SecretFilesWarning listing the included files that look secret, if any; nothing is refused."""
    groups: dict[str, int] = {}
    for item in selection.files:
        group = secret_group(item.name)
        if group is not None:
            groups[group] = groups.get(group, 0) + 1
    if not groups:
        return
    shown = [f"{group} ({_files(count)})" if group.endswith("/") else group for group, count in groups.items()]
    if len(shown) > _SECRETS_SHOWN:
        shown = [*shown[:_SECRETS_SHOWN], f"and {len(shown) - _SECRETS_SHOWN} more"]
    if selection.ignore_files:
        why = f"not excluded by {', '.join(selection.ignore_files)}"
    else:
        why = f"there is no {DEFAULT_IGNORE_FILE}, so everything under the directory is uploaded"
    message = (
        f"Files that look secret are about to be uploaded from {selection.root} ({why}): {', '.join(shown)}."
        f" Exclude them in {selection.ignore_files[0] if selection.ignore_files else DEFAULT_IGNORE_FILE} if the"
        " image does not need them (preview_artifact() lists what is sent), or silence this warning with"
        " warnings.filterwarnings('ignore', category=press_blocks.SecretFilesWarning)."
    )
    warnings.warn(message, SecretFilesWarning, stacklevel=_caller_outside_the_package())


def _files(count: int) -> str:
    return "1 file" if count == 1 else f"{count:,} files"


def _caller_outside_the_package() -> int:
    """The warnings stack level of the first caller outside press_blocks, counted from the function calling this."""
    frame = sys._getframe(2)
    level = 2
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame, level = frame.f_back, level + 1  # type: ignore[assignment]
    return level
