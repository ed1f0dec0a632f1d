"""Docker's .dockerignore rules, as moby implements them (patternmatcher, ignorefile.ReadAll, the walker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from press_blocks._dockerignore import IgnoreMatcher, parse_ignore_file, read_ignore_file
from press_blocks.errors import IgnoreFileError


def excluded(lines: list[str], path: str) -> bool:
    return IgnoreMatcher(parse_ignore_file("\n".join(lines), ".dockerignore")).excludes(path)


# (patterns, path, excluded?) — Docker's documented semantics, and moby's results where they differ from gitignore.
CASES = [
    # Anchoring: a pattern without "/" is relative to the root, unlike gitignore.
    (["*.md"], "README.md", True),
    (["*.md"], "docs/a.md", False),
    (["*.md", "!README.md"], "docs/a.md", False),
    (["*.md", "!README.md"], "README.md", False),
    (["main.py"], "src/pkg/main.py", False),
    (["*/temp*"], "somedir/temporary.txt", True),
    (["*/temp*"], "temporary.txt", False),
    (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
    (["temp?"], "temp1", True),
    (["temp?"], "temp12", False),
    # "*" and "?" do not cross "/".
    (["a*"], "ab/c", True),  # through the parent "ab"
    (["a*c"], "ab/c", False),
    (["a?c"], "a/c", False),
    # "**": any number of directories, zero included.
    (["**/node_modules"], "a/b/node_modules/x.js", True),
    (["**/node_modules"], "node_modules", True),
    (["**/node_modules"], "node_modules/x.js", True),
    (["**/foo"], "foo", True),
    (["**/foo"], "a/foo", True),
    (["**/foo"], "barfoo", False),
    (["a/**"], "a/x", True),
    (["a/**"], "a/x/y", True),
    (["a/**"], "a", False),
    (["a/**/b"], "a/b", True),
    (["a/**/b"], "a/x/y/b", True),
    (["a/**/b"], "a/x/c", False),
    (["**/*.go"], "pkg/x/main.go", True),
    (["**"], "anything/at/all", True),
    # moby's suffix shortcut: a leading "**" not followed by "/" is a plain suffix test.
    (["**foo"], "barfoo", True),
    # A pattern matching a parent directory excludes everything under it.
    (["build"], "build/x/y", True),
    (["build"], "x/build/y", False),
    (["build"], "builder", False),
    # Exceptions, last match wins.
    (["dir", "!dir/keep.txt"], "dir/keep.txt", False),
    (["dir", "!dir/keep.txt"], "dir/other.txt", True),
    (["!dir/keep.txt", "dir"], "dir/keep.txt", True),
    (["*.log", "!keep.log", "*.log"], "keep.log", True),
    (["**/node_modules", "!a/b/node_modules/keep.txt"], "a/b/node_modules/x.js", True),
    (["**/node_modules", "!a/b/node_modules/keep.txt"], "a/b/node_modules/keep.txt", False),
    (["!a"], "a", False),
    # Cleaning: leading "/" and "./", trailing "/", "a/../b", "//".
    (["/foo"], "foo", True),
    (["./foo"], "foo", True),
    (["foo/"], "foo", True),  # unlike gitignore, a file named foo too
    (["foo/"], "foo/x", True),
    (["a/../b"], "b", True),
    (["a//b"], "a/b", True),
    (["!/foo"], "foo", False),
    # Case-sensitive.
    (["README.md"], "readme.md", False),
    (["README.md"], "README.md", True),
    # Escapes and classes.
    ([r"file\*name"], "file*name", True),
    ([r"file\*name"], "filexname", False),
    ([r"\!important"], "!important", True),
    (["[a-c]x"], "bx", True),
    (["[a-c]x"], "dx", False),
    (["[^a-c]x"], "dx", True),
    (["[^a-c]x"], "ax", False),
    (["[abc]"], "b", True),
    # Regex metacharacters are literal.
    (["a.b"], "aXb", False),
    (["a.b"], "a.b", True),
    (["(x)+"], "(x)+", True),
    (["a$"], "a$", True),
    (["{a,b}"], "a", False),
    # A path with a trailing newline is not the pattern (Go's "$" is end of text).
    (["*.md"], "a.md\n", False),
]


@pytest.mark.parametrize(("patterns", "path", "expected"), CASES)
def test_docker_semantics(patterns: list[str], path: str, expected: bool) -> None:
    assert excluded(patterns, path) is expected


def test_excluded_by_names_the_deciding_pattern() -> None:
    matcher = IgnoreMatcher(parse_ignore_file("# header\n*.log\n\nbuild\n!build/keep\n", "sub/.ignore"))
    pattern = matcher.excluded_by("build/x.txt")
    assert pattern is not None
    assert (pattern.text, pattern.source, pattern.line, pattern.where) == ("build", "sub/.ignore", 4, "sub/.ignore:4")
    assert matcher.excluded_by("build/keep") is None
    assert matcher.excluded_by("x.log") is not None
    assert matcher.excluded_by("x.log").line == 2  # type: ignore[union-attr]
    assert matcher.excluded_by("src/x.log") is None


def test_comments_blank_lines_bom_and_trimming() -> None:
    text = "\ufeff# a comment\n\n   \n  *.log  \n  # not a comment\n\t!keep.log\t\r\n"
    patterns = parse_ignore_file(text.encode("utf-8"), "f")
    assert [(p.pattern, p.exclusion, p.line) for p in patterns] == [
        ("*.log", False, 4),
        # "#" is a comment only in column 1: indented, it is a pattern (as in Docker).
        ("# not a comment", False, 5),
        ("keep.log", True, 6),
    ]


def test_bom_only_stripped_from_the_first_line() -> None:
    patterns = parse_ignore_file(b"\xef\xbb\xbfa\n\xef\xbb\xbfb\n", "f")
    assert [p.pattern for p in patterns] == ["a", "\ufeffb"]


def test_a_bom_before_a_comment_still_makes_it_a_comment() -> None:
    assert parse_ignore_file(b"\xef\xbb\xbf# comment\n", "f") == []


def test_exception_marker_is_trimmed_again() -> None:
    (pattern,) = parse_ignore_file("!   ./docs/../keep.md  ", "f")
    assert (pattern.pattern, pattern.exclusion, pattern.text) == ("keep.md", True, "!keep.md")


def test_lone_carriage_return_is_not_a_line_break() -> None:
    (pattern,) = parse_ignore_file("a\rb\n", "f")
    assert pattern.pattern == "a\rb"


@pytest.mark.parametrize("line", ["!", "!   ", "!/"])
def test_lone_exclamation_mark_is_an_error_naming_file_and_line(line: str) -> None:
    with pytest.raises(IgnoreFileError) as caught:
        parse_ignore_file(f"ok\n{line}\n", "conf/.dockerignore")
    assert caught.value.line == 2
    assert caught.value.path == "conf/.dockerignore"
    assert "conf/.dockerignore:2" in str(caught.value)


@pytest.mark.parametrize("pattern", ["[", "a[b", "[]a]", "[]]", "[a-]", "[^]", "x\\", "[\\", "[a-\\"])
def test_malformed_patterns_are_errors_naming_file_and_line(pattern: str) -> None:
    with pytest.raises(IgnoreFileError) as caught:
        parse_ignore_file(f"# c\n\n{pattern}\n", ".dockerignore")
    assert caught.value.line == 3
    assert str(caught.value).startswith(".dockerignore:3: malformed pattern")
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("pattern", ["[\\]]", "a]", "[a-c][x]", "[!a]", "[*]"])
def test_well_formed_classes_are_accepted(pattern: str) -> None:
    assert len(parse_ignore_file(pattern, "f")) == 1


def test_a_bracket_can_be_escaped() -> None:
    assert excluded([r"a\[b"], "a[b")


def test_walker_descends_into_an_excluded_directory_only_for_a_literal_exception_beneath_it() -> None:
    matcher = IgnoreMatcher(parse_ignore_file("dir\nother\n!dir/keep.txt\n!**/*.txt\n", "f"))
    assert matcher.has_exceptions
    assert matcher.may_descend("dir")
    # "!**/*.txt" does not start with "other/": Docker's walker skips "other" whole.
    assert not matcher.may_descend("other")
    assert not matcher.may_descend("di")
    # ...even though the matcher alone would keep other/a.txt.
    assert not matcher.excludes("other/a.txt")


def test_no_exceptions_means_never_descend() -> None:
    matcher = IgnoreMatcher(parse_ignore_file("dir\n", "f"))
    assert not matcher.has_exceptions
    assert not matcher.may_descend("dir")


def test_empty_pattern_list_excludes_nothing() -> None:
    assert not IgnoreMatcher([]).excludes("anything")


def test_read_ignore_file_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(IgnoreFileError, match=r"Cannot read the ignore file \.dockerignore"):
        read_ignore_file(tmp_path / "missing", ".dockerignore")
    (tmp_path / ".dockerignore").write_bytes(b"*.tmp\n")
    assert [p.pattern for p in read_ignore_file(tmp_path / ".dockerignore", ".dockerignore")] == ["*.tmp"]


def test_undecodable_bytes_round_trip_like_file_names() -> None:
    (pattern,) = parse_ignore_file(b"caf\xe9\n", "f")
    name = b"caf\xe9".decode("utf-8", "surrogateescape")
    assert pattern.pattern == name
    assert excluded([pattern.pattern], name)
