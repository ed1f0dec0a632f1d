"""Packaging build contexts: selection, safety, the zip's shape, reproducibility, limits, memory, progress."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import random
import stat
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from press_blocks import _artifact_zip, artifacts
from press_blocks.artifacts import (
    DEFAULT_MAX_ARTIFACT_SIZE,
    Artifact,
    artifact_from_info,
    build_artifact,
    default_progress,
    preview_artifact,
)
from press_blocks.errors import (
    ArtifactError,
    ArtifactPathError,
    ArtifactTooLargeError,
    ArtifactWarning,
    IgnoreFileError,
    UnreadableFileError,
    UnsafeSymlinkError,
)

SRC = Path(__file__).resolve().parents[2] / "src"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="POSIX links")


def write(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def unzip(artifact: Artifact) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(artifact.open_reader())
    assert archive.testzip() is None
    return archive


def contents(artifact: Artifact) -> dict[str, bytes]:
    with unzip(artifact) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}


def text(n: int, seed: int = 0) -> bytes:
    """``n`` bytes of hex text: deterministic, and compressible to about half, like source code."""
    return random.Random(seed).randbytes(n // 2 + 1).hex().encode()[:n]


@pytest.fixture
def block(tmp_path: Path) -> Path:
    return write(
        tmp_path / "block",
        {
            "Dockerfile": "FROM python:3.11\n",
            "README.md": "# block\n",
            "main.py": "print('hi')\n",
            "docs/guide.md": "guide\n",
            "src/pkg/__init__.py": "",
            "src/pkg/core.py": text(5000),
            "build/out.bin": b"\0" * 100,
            "build/keep.txt": "keep\n",
        },
    )


# --- selection -------------------------------------------------------------------------


def test_without_an_ignore_file_everything_is_included(block: Path) -> None:
    with build_artifact(block) as artifact:
        assert set(contents(artifact)) == {
            "Dockerfile",
            "README.md",
            "main.py",
            "docs/guide.md",
            "src/pkg/__init__.py",
            "src/pkg/core.py",
            "build/out.bin",
            "build/keep.txt",
        }
        assert artifact.file_count == 8


def test_root_dockerignore_is_the_default_and_uses_docker_rules(block: Path) -> None:
    # Anchored patterns, parent matching and a re-included file under an excluded directory.
    (block / ".dockerignore").write_text("*.md\nbuild\n!build/keep.txt\n")
    with build_artifact(block) as artifact:
        names = set(contents(artifact))
    assert "README.md" not in names
    assert "docs/guide.md" in names  # "*.md" is anchored at the root, unlike gitignore
    assert "build/out.bin" not in names
    assert "build/keep.txt" in names
    assert ".dockerignore" in names  # nothing is re-included or excluded behind the user's back


@pytest.mark.parametrize(
    ("ignore", "packaged"),
    [
        # BuildKit looks into an excluded directory whenever an exception has a wildcard.
        ("dir\n!**/*.txt\n", ["a.txt", "dir/keep.txt", "dir/sub/c.txt"]),
        # For "dir", the last "dir" was skipped (already excluded): its children inherit no match for it.
        ("dir\n!dir/keep.txt\ndir\n", ["a.txt", "dir/keep.txt"]),
    ],
)
def test_files_buildkit_sends_from_an_excluded_directory_are_packaged(
    tmp_path: Path, ignore: str, packaged: list[str]
) -> None:
    root = write(
        tmp_path, {"a.txt": "", "dir/keep.txt": "", "dir/x.md": "", "dir/sub/c.txt": "", ".dockerignore": ignore}
    )
    with build_artifact(root) as artifact:
        assert sorted(name for name in contents(artifact) if name != ".dockerignore") == packaged
    ignored = {item.path: item.line for item in preview_artifact(root).ignored}
    assert ignored["dir/x.md"] == 1  # left out, and the pattern that did it named


def test_empty_ignore_list_means_the_default(block: Path) -> None:
    (block / ".dockerignore").write_text("main.py\n")
    with build_artifact(block, []) as artifact:
        assert "main.py" not in contents(artifact)


def test_several_ignore_files_combine_in_order(block: Path) -> None:
    write(block, {"ignore/first": "src\n*.md\n", "ignore/second": "!src/pkg/core.py\n"})
    with build_artifact(block, ["ignore/first", block / "ignore" / "second"]) as artifact:
        names = set(contents(artifact))
    assert "src/pkg/core.py" in names
    assert "src/pkg/__init__.py" not in names
    assert "README.md" not in names


def test_given_ignore_files_replace_the_default(block: Path) -> None:
    write(block, {".dockerignore": "main.py\n", "other.ignore": "Dockerfile\n"})
    with build_artifact(block, ["other.ignore"]) as artifact:
        names = set(contents(artifact))
    assert "main.py" in names
    assert "Dockerfile" not in names


def test_missing_ignore_file_is_an_error_naming_it(block: Path) -> None:
    with pytest.raises(IgnoreFileError) as caught:
        build_artifact(block, ["nope.ignore"])
    assert "nope.ignore" in str(caught.value)
    assert "artifact root" in str(caught.value)
    assert caught.value.path == "nope.ignore"


def test_ignore_file_outside_the_root_is_refused(block: Path, tmp_path: Path) -> None:
    outside = write(tmp_path, {"outside.ignore": "*.md\n"}) / "outside.ignore"
    for given in (str(outside), "../outside.ignore"):
        with pytest.raises(IgnoreFileError, match="outside the artifact root"):
            build_artifact(block, [given])


@needs_symlinks
def test_ignore_file_linking_outside_the_root_is_refused(block: Path, tmp_path: Path) -> None:
    outside = write(tmp_path, {"outside.ignore": "*.md\n"}) / "outside.ignore"
    (block / ".dockerignore").symlink_to(outside)
    with pytest.raises(IgnoreFileError, match="outside the artifact root"):
        build_artifact(block)


def test_ignore_files_must_be_a_list(block: Path) -> None:
    with pytest.raises(IgnoreFileError, match=r"\['\.dockerignore'\]"):
        build_artifact(block, ".dockerignore")


def test_ignore_file_that_is_a_directory_is_refused(block: Path) -> None:
    with pytest.raises(IgnoreFileError, match="not a regular file"):
        build_artifact(block, ["docs"])


def test_malformed_pattern_names_file_and_line(block: Path) -> None:
    (block / ".dockerignore").write_text("*.md\n\n[oops\n")
    with pytest.raises(IgnoreFileError, match=r"^\.dockerignore:3: malformed pattern"):
        build_artifact(block)


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_bad_artifact_path(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "nope"
    if kind == "file":
        target.write_text("x")
    with pytest.raises(ArtifactPathError) as caught:
        build_artifact(target)
    assert str(target) in str(caught.value)
    assert "Dockerfile" in str(caught.value)  # the fix: pass the block's directory
    assert isinstance(caught.value, ValueError)


def test_bad_arguments(block: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        build_artifact(block, workers=0)
    with pytest.raises(ValueError, match="max_size"):
        build_artifact(block, max_size=0)
    with pytest.raises(ValueError, match="spool_threshold"):
        build_artifact(block, spool_threshold=-1)
    with pytest.raises(ArtifactPathError):
        build_artifact(123)  # type: ignore[arg-type]


# --- safety --------------------------------------------------------------------------


@needs_symlinks
@pytest.mark.parametrize("what", ["file", "directory"])
def test_symlink_out_of_the_root_is_refused_naming_it(block: Path, tmp_path: Path, what: str) -> None:
    secret = write(tmp_path / "secret", {"key.txt": "hunter2"})
    target = secret / "key.txt" if what == "file" else secret
    (block / "src" / "leak").symlink_to(target)
    with pytest.raises(UnsafeSymlinkError) as caught:
        build_artifact(block)
    assert caught.value.path == "src/leak"
    assert caught.value.reason == "outside"
    assert "src/leak" in str(caught.value)
    assert "outside the artifact root" in str(caught.value)
    # Preview refuses the same tree: it is the same selection.
    with pytest.raises(UnsafeSymlinkError):
        preview_artifact(block)


@needs_symlinks
def test_relative_symlink_climbing_out_is_refused(block: Path, tmp_path: Path) -> None:
    write(tmp_path, {"sibling.txt": "x"})
    (block / "up").symlink_to("../sibling.txt")
    with pytest.raises(UnsafeSymlinkError, match="up is a symlink"):
        build_artifact(block)


@needs_symlinks
def test_ignored_links_are_never_followed(block: Path, tmp_path: Path) -> None:
    (block / "leak").symlink_to(tmp_path)
    (block / "dangling").symlink_to(block / "nowhere")
    (block / "cache").mkdir()
    (block / "cache" / "leak").symlink_to(tmp_path)
    (block / ".dockerignore").write_text("leak\ndangling\ncache\n")
    with build_artifact(block) as artifact:
        assert not {"leak", "dangling", "cache/leak"} & set(contents(artifact))


@needs_symlinks
def test_links_inside_the_root_are_included_by_content(block: Path) -> None:
    (block / "alias.py").symlink_to("main.py")
    (block / "lib").symlink_to("src/pkg", target_is_directory=True)
    os.chmod(block / "main.py", 0o755)
    with build_artifact(block) as artifact:
        files = contents(artifact)
        info = unzip(artifact).getinfo("alias.py")
    assert files["alias.py"] == files["main.py"] == b"print('hi')\n"
    assert files["lib/core.py"] == files["src/pkg/core.py"]
    assert "lib/__init__.py" in files
    assert stat.S_IMODE(info.external_attr >> 16) == 0o755  # the target's mode, not the link's
    assert stat.S_ISREG(info.external_attr >> 16)


@needs_symlinks
def test_symlink_loops_are_refused_naming_the_link(block: Path) -> None:
    (block / "a").symlink_to("b")
    (block / "b").symlink_to("a")
    with pytest.raises(UnsafeSymlinkError) as caught:
        build_artifact(block)
    assert caught.value.reason == "loop"
    assert caught.value.path in {"a", "b"}
    assert "loop" in str(caught.value)


@needs_symlinks
def test_link_to_an_enclosing_directory_is_a_loop(block: Path) -> None:
    (block / "src" / "pkg" / "again").symlink_to("..", target_is_directory=True)
    with pytest.raises(UnsafeSymlinkError) as caught:
        build_artifact(block)
    assert caught.value.reason == "loop"
    assert caught.value.path == "src/pkg/again"


@needs_symlinks
def test_dangling_links_are_refused_naming_them(block: Path) -> None:
    (block / "docs" / "gone.md").symlink_to("missing.md")
    with pytest.raises(UnsafeSymlinkError) as caught:
        build_artifact(block)
    assert caught.value.reason == "dangling"
    assert caught.value.path == "docs/gone.md"
    assert caught.value.target == "missing.md"
    assert "docs/gone.md" in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
@pytest.mark.timeout(20)
def test_special_files_are_skipped_with_a_warning(block: Path, caplog: pytest.LogCaptureFixture) -> None:
    os.mkfifo(block / "pipe")  # opening it would block forever
    with (
        caplog.at_level(logging.WARNING, logger="press_blocks.artifacts"),
        pytest.warns(ArtifactWarning, match="pipe: it is a fifo"),
    ):
        artifact = build_artifact(block)
    with artifact:
        assert "pipe" not in contents(artifact)
    assert any("pipe" in r.getMessage() and r.name == "press_blocks.artifacts" for r in caplog.records)
    with pytest.warns(ArtifactWarning):
        assert preview_artifact(block).skipped == ("pipe",)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_ignored_special_files_are_silent(block: Path, recwarn: pytest.WarningsRecorder) -> None:
    os.mkfifo(block / "pipe")
    (block / ".dockerignore").write_text("pipe\n")
    build_artifact(block).close()
    assert not [w for w in recwarn if issubclass(w.category, ArtifactWarning)]


def test_unreadable_file_is_a_typed_error_naming_it(block: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("core.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    # Tests may run as root, where chmod 000 does not stop reads.
    monkeypatch.setattr(os, "open", fake_open)
    with pytest.raises(UnreadableFileError) as caught:
        build_artifact(block)
    assert caught.value.path == "src/pkg/core.py"
    assert "Permission denied" in str(caught.value)
    assert "ignore file" in str(caught.value)
    assert isinstance(caught.value, OSError)


def test_unreadable_directory_is_a_typed_error(block: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def fake_scandir(path: Any) -> Any:
        if str(path).endswith("docs"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    with pytest.raises(UnreadableFileError, match="directory docs"):
        build_artifact(block)


# --- the zip -------------------------------------------------------------------------


def test_zip_has_relative_sorted_entries_and_every_parent_directory(block: Path) -> None:
    (block / "empty").mkdir()
    with build_artifact(block) as artifact:
        archive = unzip(artifact)
        names = archive.namelist()
    assert names == list(artifact.entries)
    assert names == [
        "Dockerfile",
        "README.md",
        "build/",
        "build/keep.txt",
        "build/out.bin",
        "docs/",
        "docs/guide.md",
        "main.py",
        "src/",
        "src/pkg/",
        "src/pkg/__init__.py",
        "src/pkg/core.py",
    ]
    assert "empty/" not in names
    assert not [n for n in names if n.startswith("/") or ".." in n.split("/") or "\\" in n]


def test_entry_metadata_is_normalised(block: Path) -> None:
    os.chmod(block / "main.py", 0o744)
    os.chmod(block / "README.md", 0o600)
    with build_artifact(block) as artifact:
        archive = unzip(artifact)
        infos = {i.filename: i for i in archive.infolist()}
        assert archive.comment == b""
    assert infos["main.py"].external_attr >> 16 == stat.S_IFREG | 0o755
    assert infos["README.md"].external_attr >> 16 == stat.S_IFREG | 0o644
    assert infos["src/"].external_attr == ((stat.S_IFDIR | 0o755) << 16) | 0x10
    for info in infos.values():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.extra == b""
        assert info.comment == b""
        assert info.create_system == 3
    assert infos["src/"].compress_type == zipfile.ZIP_STORED
    assert infos["src/pkg/core.py"].compress_type == zipfile.ZIP_DEFLATED


def test_incompressible_files_are_stored(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "photo.PNG": text(50_000),  # by extension, even if it would compress
            "noise.bin": os.urandom(100_000),  # by trial
            "small-noise.bin": os.urandom(1000),
            "big-text.txt": text(600_000),  # several chunks
            "empty.txt": b"",
        },
    )
    with build_artifact(root) as artifact:
        archive = unzip(artifact)
        kinds = {i.filename: i.compress_type for i in archive.infolist()}
        assert archive.read("big-text.txt") == (root / "big-text.txt").read_bytes()
    assert kinds == {
        "photo.PNG": zipfile.ZIP_STORED,
        "noise.bin": zipfile.ZIP_STORED,
        "small-noise.bin": zipfile.ZIP_STORED,
        "big-text.txt": zipfile.ZIP_DEFLATED,
        "empty.txt": zipfile.ZIP_STORED,
    }


def test_unicode_names_are_flagged_utf8(tmp_path: Path) -> None:
    root = write(tmp_path, {"données/café.txt": "x"})
    with build_artifact(root) as artifact:
        info = unzip(artifact).getinfo("données/café.txt")
    assert info.flag_bits & 0x800


def test_source_date_epoch_sets_the_timestamps(block: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with build_artifact(block) as artifact:
        default_sha = artifact.sha256
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    with build_artifact(block) as artifact:
        assert artifact.sha256 != default_sha
        assert {i.date_time for i in unzip(artifact).infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000")  # before 1980: clamped
    with build_artifact(block) as artifact:
        assert artifact.sha256 == default_sha
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ArtifactError, match="SOURCE_DATE_EPOCH"):
        build_artifact(block)


def test_more_than_65535_entries_use_zip64_end_records() -> None:
    out = io.BytesIO()
    writer = _artifact_zip.ZipWriter(out, (33, 0))
    for index in range(70_000):
        writer.add_directory(f"d{index}/")
    size, digest = writer.finish()
    assert size == len(out.getvalue())
    assert digest == hashlib.sha256(out.getvalue()).hexdigest()
    assert len(zipfile.ZipFile(out).namelist()) == 70_000


# --- reproducibility -----------------------------------------------------------------


def tree_spec() -> dict[str, bytes]:
    spec = {f"pkg{i % 3}/mod{i}.py": text(2_000 + 3_000 * i, seed=i) for i in range(12)}
    spec.update({f"data/blob{i}.bin": os.urandom(40_000) for i in range(3)})
    spec["data/large.txt"] = text(700_000, seed=99)  # more than one read chunk
    spec["bin/run.sh"] = b"#!/bin/sh\necho hi\n"
    spec["Dockerfile"] = b"FROM scratch\n"
    return spec


def write_tree(root: Path, spec: dict[str, bytes], *, reverse: bool, mtime: int, umask: int) -> Path:
    old = os.umask(umask)
    try:
        for name in sorted(spec, reverse=reverse):
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(spec[name])
            os.utime(path, (mtime, mtime))
        os.chmod(root / "bin" / "run.sh", 0o777 & ~umask)
    finally:
        os.umask(old)
    return root


def test_same_tree_same_bytes_whatever_the_order_mtimes_and_umask(tmp_path: Path) -> None:
    spec = tree_spec()
    first = write_tree(tmp_path / "a", spec, reverse=False, mtime=1_000_000_000, umask=0o022)
    second = write_tree(tmp_path / "b", spec, reverse=True, mtime=1_700_000_000, umask=0o077)
    with build_artifact(first) as one, build_artifact(second) as two:
        assert one.sha256 == two.sha256
        assert one.open_reader().read() == two.open_reader().read()
        assert unzip(one).getinfo("bin/run.sh").external_attr >> 16 == stat.S_IFREG | 0o755
        assert one.sha256 == hashlib.sha256(one.open_reader().read()).hexdigest()


def test_same_bytes_whatever_the_number_of_workers(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "t", tree_spec(), reverse=False, mtime=0, umask=0o022)
    with build_artifact(root, workers=1) as one, build_artifact(root, workers=4) as four:
        assert one.open_reader().read() == four.open_reader().read()


def test_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "t", tree_spec(), reverse=False, mtime=0, umask=0o022)
    with build_artifact(root) as artifact:
        expected = artifact.sha256
    script = "import sys; from press_blocks.artifacts import build_artifact; print(build_artifact(sys.argv[1]).sha256)"
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        env.pop("SOURCE_DATE_EPOCH", None)
        done = subprocess.run(
            [sys.executable, "-c", script, str(root)], env=env, capture_output=True, text=True, timeout=60, check=True
        )
        assert done.stdout.strip() == expected


# --- limits and memory ---------------------------------------------------------------


def test_default_limit_is_10_mib() -> None:
    assert DEFAULT_MAX_ARTIFACT_SIZE == 10 * 2**20


def test_size_limit_stops_early_inside_a_huge_file_with_flat_memory(tmp_path: Path) -> None:
    root = tmp_path / "huge"
    root.mkdir()
    with open(root / "model.bin", "wb") as out:
        for _ in range(64):
            out.write(os.urandom(2**20))
    write(root, {f"src/m{i}.py": text(1000 * (i + 1), seed=i) for i in range(7)})
    limit = 2**20
    calls: list[tuple[str, int, int]] = []
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ArtifactTooLargeError) as caught:
            build_artifact(root, max_size=limit, workers=2, progress=lambda *c: calls.append(c))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    error = caught.value
    assert error.limit == limit
    assert limit < error.size_reached <= limit + 2 * 256 * 1024  # stopped within a chunk or two of the limit
    assert peak < 16 * 2**20
    assert elapsed < 5
    # Bytes read stop near the limit too: the 64 MiB were not all compressed.
    assert max(done for phase, done, _ in calls if phase == "package") < 16 * 2**20
    assert calls[-1][0] == "done"
    assert error.largest_files[0] == ("model.bin", 64 * 2**20)
    assert len(error.largest_files) == 5
    message = str(error)
    assert "1.0 MiB (1,048,576 bytes)" in message
    assert f"({error.size_reached:,} bytes)" in message
    assert "model.bin (64.0 MiB)" in message
    assert "src/m6.py (6.8 KiB)" in message
    assert ".dockerignore" in message


def test_limit_is_inclusive(block: Path) -> None:
    with build_artifact(block) as artifact:
        size = artifact.size
    build_artifact(block, max_size=size).close()
    with pytest.raises(ArtifactTooLargeError) as caught:
        build_artifact(block, max_size=size - 1)
    assert caught.value.size_reached == size  # the central directory tipped it over


def test_no_limit(tmp_path: Path) -> None:
    root = write(tmp_path, {"noise.bin": os.urandom(3 * 2**20)})
    with build_artifact(root, max_size=None) as artifact:
        assert artifact.size > 3 * 2**20


def test_too_large_error_pickles() -> None:
    error = ArtifactTooLargeError(100, 150, [("a", 90)])
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.limit, copy.size_reached, copy.largest_files, str(copy)) == (100, 150, (("a", 90),), str(error))


def test_small_zips_stay_in_memory_large_ones_roll_to_disk(block: Path) -> None:
    with build_artifact(block) as artifact:
        assert not artifact.on_disk
    with build_artifact(block, spool_threshold=artifact.size - 1) as spilled:
        assert spilled.on_disk
        assert spilled.open_reader().read() == build_artifact(block).open_reader().read()
    with build_artifact(block, spool_threshold=0) as always:
        assert always.on_disk


def test_memory_stays_flat_for_a_large_compressible_tree(tmp_path: Path) -> None:
    root = write(tmp_path, {f"d{i % 4}/f{i}.txt": text(300_000, seed=i) for i in range(40)})  # ~12 MB
    tracemalloc.start()
    try:
        artifact = build_artifact(root, max_size=None, workers=4)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    with artifact:
        assert artifact.on_disk
        assert artifact.uncompressed_size == 12_000_000
    assert peak < 16 * 2**20


# --- readers -------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [0, artifacts.DEFAULT_SPOOL_THRESHOLD])
def test_readers_are_independent_and_seekable(block: Path, threshold: int) -> None:
    with build_artifact(block, spool_threshold=threshold) as artifact:
        first, second = artifact.open_reader(), artifact.open_reader()
        head = first.read(10)
        assert second.tell() == 0
        whole = second.read()
        assert len(whole) == artifact.size
        assert whole[:10] == head
        assert first.read() == whole[10:]
        assert first.seek(0, io.SEEK_END) == artifact.size
        assert first.seek(-4, io.SEEK_END) == artifact.size - 4
        assert first.read() == whole[-4:]
        first.seek(0)
        assert first.read() == whole
        assert hashlib.sha256(whole).hexdigest() == artifact.sha256
    with pytest.raises(ValueError, match="closed"):
        artifact.open_reader()


def test_reading_without_pread(block: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "pread")
    with build_artifact(block, spool_threshold=0) as artifact:
        assert hashlib.sha256(artifact.open_reader().read()).hexdigest() == artifact.sha256


def test_reader_fails_once_the_artifact_is_closed(block: Path) -> None:
    artifact = build_artifact(block, spool_threshold=0)
    reader = artifact.open_reader()
    artifact.close()
    artifact.close()  # idempotent
    assert artifact.closed
    with pytest.raises(ValueError, match="closed"):
        reader.read()


def test_reader_reports_upload_progress(block: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    with build_artifact(block) as artifact, artifact.open_reader(lambda *c: calls.append(c)) as reader:
        while reader.read(100):
            pass
    uploads = [c for c in calls if c[0] == "upload"]
    assert [c[1] for c in uploads] == sorted({c[1] for c in uploads})
    assert uploads[-1] == ("upload", artifact.size, artifact.size)
    assert calls[-1] == ("done", artifact.size, artifact.size)


def test_httpx_streams_a_multipart_upload_from_a_reader(block: Path) -> None:
    httpx = pytest.importorskip("httpx")
    seen: dict[str, bytes | int] = {}

    def handler(request: Any) -> Any:
        seen["body"] = request.read()
        seen["length"] = int(request.headers["content-length"])
        return httpx.Response(201)

    with build_artifact(block, spool_threshold=0) as artifact:
        zipped = artifact.open_reader().read()
        for _attempt in range(2):  # one fresh reader per attempt, as a retrying client does
            with artifact.open_reader() as reader, httpx.Client(transport=httpx.MockTransport(handler)) as client:
                response = client.post(
                    "https://press.example/specs", files={"artifact": ("artifact.zip", reader, "application/zip")}
                )
            assert response.status_code == 201
            assert seen["length"] == len(seen["body"])  # type: ignore[arg-type]
            assert zipped in seen["body"]  # type: ignore[operator]


# --- progress ------------------------------------------------------------------------


def test_packaging_progress_is_monotonic_and_ends_at_the_total(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "t", tree_spec(), reverse=False, mtime=0, umask=0o022)
    total = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    calls: list[tuple[str, int, int]] = []
    build_artifact(root, progress=lambda *c: calls.append(c)).close()
    package = [c for c in calls if c[0] == "package"]
    assert package[0] == ("package", 0, total)
    assert package[-1] == ("package", total, total)
    dones = [c[1] for c in package]
    assert dones == sorted(dones)
    assert len(set(dones)) == len(dones)
    assert calls[-1] == ("done", total, total)


def test_progress_is_closed_on_failure(block: Path) -> None:
    (block / "bad").symlink_to("/")
    calls: list[tuple[str, int, int]] = []
    with pytest.raises(UnsafeSymlinkError):
        build_artifact(block, progress=lambda *c: calls.append(c))
    assert [c[0] for c in calls] == ["done"]


def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    # Called from the test body: pytest swaps sys.stderr back between a fixture's setup and the test.
    monkeypatch.delenv("CI", raising=False)
    stderr = io.StringIO()
    monkeypatch.setattr(stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stderr", stderr)
    return stderr


def test_default_progress_draws_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")
    stderr = fake_terminal(monkeypatch)
    progress = default_progress("my-block")
    assert progress is not None
    progress("package", 0, 2048)
    progress("package", 2048, 2048)
    progress("upload", 1024, 4096)
    progress("done", 1024, 4096)
    drawn = stderr.getvalue()
    assert "my-block: packaging" in drawn
    assert "my-block: uploading" in drawn
    progress.close()  # type: ignore[attr-defined]


def test_default_progress_is_off_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_terminal(monkeypatch)
    monkeypatch.setenv("CI", "true")
    assert default_progress() is None


def test_default_progress_is_off_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert default_progress() is None


def test_default_progress_is_off_without_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_terminal(monkeypatch)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    assert default_progress() is None


def test_forced_progress_draws_a_bar_without_a_terminal_and_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")
    stderr = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setenv("CI", "true")
    assert default_progress() is None
    progress = default_progress("my-block", force=True)
    assert progress is not None
    progress("package", 2048, 2048)
    progress("done", 2048, 2048)
    assert "my-block: packaging" in stderr.getvalue()


def test_progress_true_on_a_call_forces_the_bar(block: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")
    from press_blocks._client_support import package_artifact

    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setenv("CI", "true")
    with package_artifact({"path": str(block)}, None):
        assert stderr.getvalue() == ""  # the default: nobody is watching, no bar
    with package_artifact({"path": str(block)}, True):
        assert "artifact: packaging" in stderr.getvalue()


def test_forced_progress_without_tqdm_warns_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.warns(ArtifactWarning, match=r"press-blocks\[progress\]"):
        assert default_progress(force=True) is None


# --- files that look secret -------------------------------------------------------------


SECRET_LOOKING = {
    ".env": "A=1",
    "config/.env.production": "B=2",
    ".git/HEAD": "ref",
    ".git/objects/ab/cd": "x",
    "certs/server.pem": "-----",
    "tls.key": "k",
    "home/.ssh/id_rsa": "k",
    "id_rsa.pub": "k",
    ".npmrc": "t",
    ".pypirc": "t",
    "deploy/.aws/credentials": "k",
}


def test_secret_looking_files_about_to_be_uploaded_are_listed_in_a_warning(tmp_path: Path) -> None:
    from press_blocks.errors import SecretFilesWarning

    root = write(tmp_path / "block", {"Dockerfile": "FROM x\n", "main.py": "", **SECRET_LOOKING})
    with pytest.warns(SecretFilesWarning) as caught:
        artifact = build_artifact(root)
    with artifact:
        assert set(SECRET_LOOKING) <= set(contents(artifact))  # nothing is refused: the official client sends them too
    (warning,) = [w for w in caught if w.category is SecretFilesWarning]
    message = str(warning.message)
    for shown in [".env", "config/.env.production", ".git/ (2 files)", "certs/server.pem", "tls.key",
                  "home/.ssh/ (1 file)", "id_rsa.pub", ".npmrc", ".pypirc", "deploy/.aws/ (1 file)"]:  # fmt: skip
        assert shown in message
    assert "main.py" not in message
    assert "no .dockerignore" in message
    assert "filterwarnings" in message  # says how to silence it
    assert issubclass(SecretFilesWarning, ArtifactWarning)
    assert warning.filename == __file__  # points at the caller, not at press_blocks


def test_no_warning_once_the_ignore_file_leaves_them_out(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    root = write(
        tmp_path / "block",
        {
            "main.py": "",
            **SECRET_LOOKING,
            ".dockerignore": "**/.env*\n.git\n**/*.pem\n**/*.key\n**/id_rsa*\n**/.ssh\n**/.aws\n.npmrc\n.pypirc\n",
        },
    )
    with build_artifact(root) as artifact:
        assert sorted(contents(artifact)) == [".dockerignore", "main.py"]
    assert not [w for w in recwarn if issubclass(w.category, ArtifactWarning)]


def test_the_warning_names_the_ignore_file_in_use(tmp_path: Path) -> None:
    from press_blocks.errors import SecretFilesWarning

    root = write(tmp_path / "block", {".env": "", ".dockerignore": "*.tmp\n"})
    with pytest.warns(SecretFilesWarning, match=r"not excluded by \.dockerignore\): \.env\."):
        build_artifact(root).close()


def test_the_warning_can_be_silenced_like_any_warning(tmp_path: Path) -> None:
    import warnings

    from press_blocks.errors import SecretFilesWarning

    root = write(tmp_path / "block", {".env": ""})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=SecretFilesWarning)
        build_artifact(root).close()


def test_preview_marks_secret_looking_files_without_warning(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    root = write(tmp_path / "block", {"main.py": "", ".env": "", ".git/HEAD": ""})
    preview = preview_artifact(root)
    assert {f.path: f.looks_secret for f in preview.files} == {"main.py": False, ".env": True, ".git/HEAD": True}
    assert preview.secrets == (".env", ".git/HEAD")
    tree = preview.tree()
    assert ".env  0 B  [looks secret]" in tree
    assert "main.py  0 B\n" in tree + "\n"
    assert not [w for w in recwarn if issubclass(w.category, ArtifactWarning)]


# --- preview -------------------------------------------------------------------------


def test_preview_lists_files_sizes_and_what_was_ignored_without_reading(
    block: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (block / ".dockerignore").write_text("# keep docs out\ndocs\n*.md\nbuild\n!build/keep.txt\n")

    def no_reading(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("preview must not open files")

    monkeypatch.setattr(os, "open", no_reading)
    preview = preview_artifact(block)
    assert preview.root == block.resolve()
    assert preview.ignore_files == (".dockerignore",)
    assert [(f.path, f.size) for f in preview.files] == [
        (".dockerignore", 48),
        ("Dockerfile", 17),
        ("build/keep.txt", 5),
        ("main.py", 12),
        ("src/pkg/__init__.py", 0),
        ("src/pkg/core.py", 5000),
    ]
    assert preview.total_size == 48 + 17 + 5 + 12 + 5000
    assert preview.file_count == 6
    ignored = {i.path: (i.is_dir, i.pattern, i.source, i.line) for i in preview.ignored}
    assert ignored == {
        "README.md": (False, "*.md", ".dockerignore", 3),
        "build/out.bin": (False, "build", ".dockerignore", 4),
        "docs": (True, "docs", ".dockerignore", 2),
    }


def test_preview_matches_the_build(block: Path) -> None:
    (block / ".dockerignore").write_text("docs\n")
    with build_artifact(block) as artifact:
        built = [n for n in artifact.entries if not n.endswith("/")]
    assert [f.path for f in preview_artifact(block).files] == built


def test_tree_lists_directories_first_and_caps_each_directory(tmp_path: Path) -> None:
    root = write(tmp_path / "proj", {f"many/f{i:02}.txt": "x" * i for i in range(30)})
    write(root, {"z.txt": "zz", "a/b/c.py": "c", ".dockerignore": "*.log\n", "debug.log": "l"})
    tree = preview_artifact(root).tree(max_per_dir=5)
    assert tree.splitlines() == [
        "proj/  (33 files, 444 B)",
        "├── a/  (1 file, 1 B)",
        "│   └── b/  (1 file, 1 B)",
        "│       └── c.py  1 B",
        "├── many/  (30 files, 435 B)",
        "│   ├── f00.txt  0 B",
        "│   ├── f01.txt  1 B",
        "│   ├── f02.txt  2 B",
        "│   ├── f03.txt  3 B",
        "│   ├── f04.txt  4 B",
        "│   └── … 25 more",
        "├── .dockerignore  6 B",
        "└── z.txt  2 B",
    ]
    shown = preview_artifact(root).tree(max_per_dir=5, show_ignored=True)
    assert "└── debug.log  [ignored by .dockerignore:1 *.log]" in shown
    with pytest.raises(ValueError, match="max_per_dir"):
        preview_artifact(root).tree(max_per_dir=0)


# --- the artifact mapping ------------------------------------------------------------


def test_artifact_from_info_accepts_the_seed_shape(tmp_path: Path) -> None:
    assert artifact_from_info({"path": "../peak", "ignore_files": [".dockerignore"]}) == (
        Path("../peak"),
        [".dockerignore"],
    )
    assert artifact_from_info({"path": tmp_path}) == (tmp_path, None)
    assert artifact_from_info({"path": "x", "ignore_files": None}) == (Path("x"), None)
    assert artifact_from_info({"path": "x", "ignore_files": (Path("a"), "b")}) == (Path("x"), ["a", "b"])


@pytest.mark.parametrize(
    ("info", "message"),
    [
        ("block", "must be a mapping"),
        ({}, "no 'path'"),
        ({"path": None}, "no 'path'"),
        ({"path": ""}, "empty"),
        ({"path": 3}, "str or path-like"),
        ({"path": b"x"}, "str or path-like"),
        ({"path": "x", "ignore_file": []}, "unknown keys"),
        ({"path": "x", "ignore_files": ".dockerignore"}, r"\['\.dockerignore'\]"),
        ({"path": "x", "ignore_files": [1]}, "str names"),
        ({"path": "x", "ignore_files": {"a": 1}}, "list of file names"),
    ],
)
def test_artifact_from_info_rejects_bad_shapes(info: Any, message: str) -> None:
    with pytest.raises(ArtifactPathError, match=message):
        artifact_from_info(info)
