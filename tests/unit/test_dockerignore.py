"""Docker's .dockerignore rules, as moby implements them (patternmatcher, ignorefile.ReadAll, the walker)."""

from __future__ import annotations

import base64
import collections
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from press_blocks._dockerignore import IgnoreMatcher, MatchInfo, parse_ignore_file, read_ignore_file
from press_blocks.artifacts import preview_artifact
from press_blocks.errors import IgnoreFileError

# A matcher that loops (a mutant of _parents did) is stopped in seconds, not by the machine running
# out of memory; each matcher test takes milliseconds, the two oracle runs about a second.
pytestmark = pytest.mark.timeout(2)


def test_a_path_without_parent_results_is_matched_through_its_parents() -> None:
    # The first test, so that a _parents that never ends fails here within the timeout.
    matcher = IgnoreMatcher(parse_ignore_file("a\n", ".dockerignore"))
    pattern, _ = matcher.match("a/b/c/d.txt", None)
    assert pattern is not None
    assert pattern.pattern == "a"
    assert matcher.match("b/a/c", None)[0] is None


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


def test_walker_descends_into_an_excluded_directory_for_an_exception_beneath_it_or_any_wildcard() -> None:
    literal = IgnoreMatcher(parse_ignore_file("dir\nother\n!dir/keep.txt\n!dir2/**\n", "f"))
    assert literal.has_exceptions
    assert literal.may_descend("dir")
    assert literal.may_descend("dir2")  # a trailing "/**" or "/*" does not count as a wildcard
    assert not literal.may_descend("other")
    assert not literal.may_descend("di")
    # An exception with a wildcard could re-include anything: BuildKit then looks into every excluded directory.
    wildcard = IgnoreMatcher(parse_ignore_file("dir\nother\n!dir/keep.txt\n!**/*.txt\n", "f"))
    assert wildcard.may_descend("other")
    assert not wildcard.excludes("other/a.txt")


# The two examples of issue 12, with what BuildKit sends (checked by tests/dockerignore_oracle too).
def test_an_exception_with_a_wildcard_reaches_into_an_excluded_directory() -> None:
    matcher = IgnoreMatcher(parse_ignore_file("dir\n!**/*.txt\n", "f"))
    assert matcher.may_descend("dir")
    assert matcher.may_descend("dir/sub")
    assert not matcher.excludes("dir/sub/c.txt")
    assert matcher.excludes("dir/x.md")


def test_parent_results_keep_what_a_later_repeat_of_the_pattern_would_not_exclude() -> None:
    # "dir" again after "!dir/keep.txt": for the directory, that last pattern was skipped (dir was already
    # excluded), so its children inherit "no match" for it and dir/keep.txt stays in.
    matcher = IgnoreMatcher(parse_ignore_file("dir\n!dir/keep.txt\ndir\n", "f"))
    assert not matcher.excludes("dir/keep.txt")
    assert matcher.excludes("dir/other.txt")
    assert matcher.excluded_by("dir/other.txt").line == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        # moby means to escape "{", "|" and "}" but does not: in a pattern with a wildcard (so a regex), they reach
        # Go's regexp as alternation and repetition counts. Each expectation here is the Go oracle's answer.
        (["a|b*"], "xb", True),  # "^a|b[^/]*$": starts with a, or ends with a name starting with b
        (["a|b*"], "ax/y", True),
        (["a|b*"], "c", False),
        (["x*|b"], "x/y/zb", True),
        (["a{2}*"], "aa", True),
        (["a{2}*"], "a{2}", False),
        (["a{2}"], "a{2}", True),  # no wildcard: a literal comparison
        (["?{2,}"], "abc", True),
        (["?{2,}"], "a", False),
        (["{a,b}"], "{a,b}", True),
        (["x{,2}*"], "x{,2}y", True),  # not a valid count: a literal "{"
        # Go's escapes and classes.
        ([r"\d*"], "123", True),
        ([r"\d*"], "a12", False),
        ([r"\x41*"], "AB", True),
        ([r"\x{41}*"], "AB", True),  # "{" is not escaped, so Go's \x{...} form works too
        ([r"\x{41}*"], "x{41}B", False),
        (["a*\\"], "ab$", True),  # a trailing "\" escapes moby's closing "$"
        ([r"[[:alpha:]]?"], "x1", True),
        ([r"[[:alpha:]]?"], "11", False),
        ([r"\w\s*"], "a b", True),
        ([r"a\Q*.x"], "a*.x", False),  # \Q quotes the rest of moby's regex, its "[^/]*" and "$" included
        ([r"a\Q*.x"], "a[^/]*\\.x$yz", True),
        # A byte-order mark opening a pattern (not the file): dropped from a wildcard pattern, kept in a literal one,
        # and cut in half by a leading "**".
        (["a", "\ufeff*.py"], "x.py", True),
        (["a", "\ufeffx.py"], "x.py", False),
        (["a", "\ufeffx.py"], "\ufeffx.py", True),
        (["a", "\ufeff**/x.py"], "x.py", False),
        (["a", "\ufeff**"], "x.py", False),
    ],
)
def test_docker_regex_dialect(patterns: list[str], path: str, expected: bool) -> None:
    assert excluded(patterns, path) is expected


@pytest.mark.parametrize("pattern", [r"\pL", r"a\PN*", r"[\pL]x"])
def test_unicode_classes_are_refused_naming_file_and_line(pattern: str) -> None:
    with pytest.raises(IgnoreFileError, match=r"^\.dockerignore:2: unsupported pattern .*Unicode") as caught:
        parse_ignore_file(f"ok\n{pattern}\n", ".dockerignore")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    "pattern", [r"*\y", r"a*\C", "a*[z-a]", "a*[[:bogus:]]", "x{2}{3}*", "a*\\1", "a{1,1001}*", r"*\x{110000}"]
)
def test_patterns_go_would_reject_later_are_refused_at_once(pattern: str) -> None:
    with pytest.raises(IgnoreFileError, match=r"^f:1: malformed pattern .*Docker build fails"):
        parse_ignore_file(pattern, "f")


def test_a_line_of_64_kib_is_refused_as_docker_does() -> None:
    assert len(parse_ignore_file(b"a" * (64 * 1024 - 1), "f")) == 1
    with pytest.raises(IgnoreFileError, match=r"^f:2: the line is 65,536 bytes long"):
        parse_ignore_file(b"ok\n" + b"a" * 64 * 1024 + b"\n", "f")


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


# --- Docker's own code, as a table -----------------------------------------------------------------------------
# tests/dockerignore_oracle/cases.jsonl.gz holds generated trees and ignore files with what a BuildKit build sends
# from each, as Docker's Go code decided (regenerate.sh there). No Go is needed here.

ORACLE = Path(__file__).resolve().parents[1] / "dockerignore_oracle" / "cases.jsonl.gz"


def oracle_cases() -> list[dict[str, Any]]:
    with gzip.open(ORACLE, "rt", encoding="utf-8") as table:
        return [json.loads(line) for line in table]


def docker_result(case: dict[str, Any]) -> list[str] | None:
    """The regular files BuildKit sends, sorted; None when the build fails."""
    return None if case.get("error") else sorted(case.get("sent") or [])


def our_selection(case: dict[str, Any]) -> list[str] | IgnoreFileError:
    """What the walk keeps from the case's tree, walked in memory with the matcher's rules (as _walk applies them)."""
    try:
        matcher = IgnoreMatcher(parse_ignore_file(base64.b64decode(case["ignore"]), ".dockerignore"))
    except IgnoreFileError as exc:
        return exc
    children: dict[str, dict[str, bool]] = {"": {}}  # directory -> {name: is a directory}
    for path in [*case["paths"], ".dockerignore"]:
        parts = path.rstrip("/").split("/")
        for depth, name in enumerate(parts):
            is_dir = depth < len(parts) - 1 or path.endswith("/")
            children["/".join(parts[:depth])][name] = is_dir
            if is_dir:
                children.setdefault("/".join(parts[: depth + 1]), {})
    kept: list[str] = []
    stack: list[tuple[str, MatchInfo | None]] = [("", None)]
    while stack:
        directory, info = stack.pop()
        for name, is_dir in children[directory].items():
            rel = f"{directory}/{name}" if directory else name
            excluded_by, rel_info = matcher.match(rel, info)
            if is_dir:
                if excluded_by is None or matcher.may_descend(rel):
                    stack.append((rel, rel_info))
            elif excluded_by is None:
                kept.append(rel)
    return sorted(kept)


def deliberate_refusal(ours: list[str] | IgnoreFileError) -> bool:
    """docs/artifacts.md's deliberate differences: Unicode classes, patterns Go's regexp rejects only once reached."""
    message = str(ours)
    return isinstance(ours, IgnoreFileError) and (
        "unsupported pattern" in message or ("malformed pattern" in message and "Go's regexp" in message)
    )


@pytest.mark.timeout(10)
def test_the_selection_is_buildkits_on_thousands_of_generated_cases() -> None:
    cases = oracle_cases()
    assert len(cases) >= 4000
    outcomes: collections.Counter[str] = collections.Counter()
    differences = []
    for case in cases:
        docker, ours = docker_result(case), our_selection(case)
        if docker is None:
            outcome = "both refuse" if isinstance(ours, IgnoreFileError) else "only Docker refuses"
        elif ours == docker:
            outcome = "same files"
        elif deliberate_refusal(ours):
            outcome = "deliberately refused"
        else:
            outcome = "different"
        outcomes[outcome] += 1
        if outcome in ("different", "only Docker refuses"):
            differences.append((case["id"], base64.b64decode(case["ignore"]), case["paths"], docker, ours))
    assert differences[:5] == []
    assert outcomes["same files"] > 3000
    assert outcomes["both refuse"] > 300
    # What is refused on purpose stays rare: about 3.5 % of these (deliberately odd) cases.
    assert outcomes["deliberately refused"] < len(cases) // 20


@pytest.mark.timeout(10)
def test_the_packaged_files_are_buildkits_on_disk(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    # The real walk over real trees, for a sample of the table (the whole table is checked in memory above).
    for case in oracle_cases()[::40]:
        root = tmp_path / str(case["id"])
        for path in case["paths"]:
            if path.endswith("/"):
                (root / path).mkdir(parents=True, exist_ok=True)
            else:
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_bytes(b"")
        root.mkdir(exist_ok=True)
        (root / ".dockerignore").write_bytes(base64.b64decode(case["ignore"]))
        docker = docker_result(case)
        try:
            ours: list[str] | IgnoreFileError = sorted(f.path for f in preview_artifact(root).files)
        except IgnoreFileError as exc:
            ours = exc
        if docker is None:
            assert isinstance(ours, IgnoreFileError), case["id"]
        else:
            assert ours == docker or deliberate_refusal(ours), case["id"]
