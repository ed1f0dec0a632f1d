"""Docker's ``.dockerignore`` rules: reading ignore files and matching paths against them.

This is a port of the behaviour of moby's ``patternmatcher`` (``New``, ``Pattern.compile``,
``MatchesOrParentMatches``), of ``ignorefile.ReadAll``, and of the build-context walker's rule
for descending into excluded directories, written from their documented and observed
behaviour. In short:

* a UTF-8 BOM is stripped; a line whose *first character* is ``#`` is a comment; lines are
  trimmed and blank ones dropped; ``!`` starts an exception;
* patterns are cleaned like Go's ``filepath.Clean`` (``./x`` → ``x``, ``a/../b`` → ``b``, a
  trailing ``/`` dropped) and one leading ``/`` is removed: every pattern is anchored at the
  context root, so ``*.md`` matches ``README.md`` but not ``docs/a.md``;
* ``*`` and ``?`` never cross ``/``; ``[...]`` is a character class; ``\\`` escapes; ``**``
  matches any number of directories, zero included, and a trailing ``**`` is a prefix match
  (``a/**`` matches ``a/x`` but not ``a``);
* a pattern excludes a path when it matches the path *or any of its parent directories*,
  patterns are read in order and the last one that matches decides; matching is
  case-sensitive;
* an excluded directory is walked only when some exception pattern, read literally, lies
  beneath it (``dir`` + ``!dir/keep.txt`` keeps ``dir/keep.txt``; ``dir`` + ``!**/*.txt``
  does not look inside ``dir``).

Two deliberate differences from the Docker CLI: nothing is re-included automatically (the CLI
always sends ``.dockerignore`` and the Dockerfile to the daemon; an artifact has no daemon, so
what the patterns exclude stays out), and a malformed pattern is reported when the file is
read, naming the file and line, rather than when the first path is matched. Patterns compile
to Python regular expressions as moby's compile to Go ones; the two dialects differ only for
backslash-letter escapes such as ``\\d`` and for POSIX classes such as ``[[:alpha:]]``, which
no one should write in an ignore file.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .errors import IgnoreFileError

__all__ = ["IgnoreMatcher", "IgnorePattern", "parse_ignore_file", "read_ignore_file"]

_BOM = b"\xef\xbb\xbf"

# Go's strings.TrimSpace trims unicode.IsSpace characters; Python's str.strip() also trims the
# ASCII information separators (0x1c-0x1f), which Go keeps, so the set is spelled out.
_GO_SPACE = " \t\n\v\f\r\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"

# Characters that mean something to a regex engine but nothing to a filepath pattern.
_REGEX_ONLY = frozenset(".+()|{}$")


class _Kind(Enum):
    EXACT = "exact"
    PREFIX = "prefix"
    SUFFIX = "suffix"
    REGEX = "regex"


@dataclass(frozen=True)
class IgnorePattern:
    """One pattern of an ignore file: its cleaned text, whether it is a ``!`` exception, and where it came from."""

    pattern: str
    exclusion: bool
    source: str
    line: int
    _kind: _Kind = field(repr=False, compare=False)
    _regex: re.Pattern[str] | None = field(repr=False, compare=False)

    @property
    def text(self) -> str:
        """The pattern as it takes effect, with its ``!`` when it is an exception."""
        return f"!{self.pattern}" if self.exclusion else self.pattern

    @property
    def where(self) -> str:
        """``file:line`` of the pattern, for messages."""
        return f"{self.source}:{self.line}"

    def matches(self, path: str) -> bool:
        """Whether the pattern matches this exact slash-separated path (no parent matching)."""
        kind = self._kind
        if kind is _Kind.EXACT:
            return path == self.pattern
        if kind is _Kind.PREFIX:
            return path.startswith(self.pattern[:-2])
        if kind is _Kind.SUFFIX:
            suffix = self.pattern[2:]
            # "**/foo" also matches "foo" itself at the root.
            return path.endswith(suffix) or (suffix.startswith("/") and path == suffix[1:])
        assert self._regex is not None
        return self._regex.match(path) is not None


class IgnoreMatcher:
    """Docker's matcher over an ordered list of patterns: the last pattern that matches a path or a parent wins."""

    def __init__(self, patterns: Iterable[IgnorePattern]) -> None:
        self.patterns: tuple[IgnorePattern, ...] = tuple(patterns)
        self._exception_prefixes = tuple(p.pattern + "/" for p in self.patterns if p.exclusion)
        self._hits: dict[str, tuple[bool, ...]] = {}

    @property
    def has_exceptions(self) -> bool:
        """Whether any pattern is a ``!`` exception."""
        return bool(self._exception_prefixes)

    def excluded_by(self, path: str) -> IgnorePattern | None:
        """Return the pattern that excludes ``path`` (relative, ``/``-separated), or None when it is kept."""
        parent = path.rpartition("/")[0]
        above = self._directory_hits(parent) if parent else None
        decided: IgnorePattern | None = None
        for index, pattern in enumerate(self.patterns):
            # An inclusion cannot change an already excluded path, nor an exception a kept one.
            if pattern.exclusion != (decided is not None):
                continue
            if pattern.matches(path) or (above is not None and above[index]):
                decided = None if pattern.exclusion else pattern
        return decided

    def _directory_hits(self, directory: str) -> tuple[bool, ...]:
        """For each pattern, whether it matches ``directory`` or one of its parents; memoised per directory."""
        hits = self._hits.get(directory)
        if hits is not None:
            return hits
        # Fill in the uncached ancestors outermost first (no recursion: trees can be deep).
        missing = [directory]
        while (parent := missing[-1].rpartition("/")[0]) and parent not in self._hits:
            missing.append(parent)
        above = self._hits[parent] if parent else (False,) * len(self.patterns)
        for current in reversed(missing):
            above = tuple(hit or pattern.matches(current) for hit, pattern in zip(above, self.patterns, strict=True))
            self._hits[current] = above
        return above

    def excludes(self, path: str) -> bool:
        """Whether ``path`` is excluded."""
        return self.excluded_by(path) is not None

    def may_descend(self, directory: str) -> bool:
        """Whether an excluded ``directory`` must still be walked because an exception pattern lies beneath it.

        Like the Docker walker this is a literal prefix test on the exception's text, so
        ``!dir/keep.txt`` opens ``dir`` but ``!**/*.txt`` does not.
        """
        prefix = directory + "/"
        return any(exception.startswith(prefix) for exception in self._exception_prefixes)


def read_ignore_file(path: Path, source: str) -> list[IgnorePattern]:
    """Read and parse one ignore file; ``source`` is the name used in messages (e.g. ``.dockerignore``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IgnoreFileError(
            f"Cannot read the ignore file {source} ({path}): {exc.strerror or exc}. "
            "Check that it exists and is readable, or leave it out of ignore_files.",
            path=source,
        ) from exc
    return parse_ignore_file(data, source)


def parse_ignore_file(data: bytes | str, source: str) -> list[IgnorePattern]:
    """Parse the content of an ignore file into patterns, in order; a malformed line raises IgnoreFileError."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    # File names are bytes on POSIX; surrogateescape keeps undecodable ones matchable as os.fsdecode sees them.
    text = data.decode("utf-8", "surrogateescape")
    patterns: list[IgnorePattern] = []
    for number, line in enumerate(text.split("\n"), start=1):
        # bufio.ScanLines splits on "\n" and drops one "\r" before it; a lone "\r" is no line end.
        pattern = _pattern_of_line(line.removesuffix("\r"), source, number)
        if pattern is not None:
            patterns.append(pattern)
    return patterns


def _pattern_of_line(raw: str, source: str, number: int) -> IgnorePattern | None:
    # The comment test comes before trimming: "  # x" is a pattern, as in Docker.
    if raw.startswith("#"):
        return None
    line = raw.strip(_GO_SPACE)
    if not line:
        return None
    # What ignorefile.ReadAll does: split off "!", clean, make relative.
    exclusion = line.startswith("!")
    body = line[1:].strip(_GO_SPACE) if exclusion else line
    if body:
        body = _clean(body)
        if len(body) > 1 and body.startswith("/"):
            body = body[1:]
    text = "!" + body if exclusion else body
    # What patternmatcher.New does with that: clean once more, then split off "!" again.
    text = _clean(text.strip(_GO_SPACE))
    exclusion = text.startswith("!")
    if exclusion:
        if text == "!":
            raise IgnoreFileError(
                f"{source}:{number}: {raw.strip()!r} is an exclusion with no pattern after the '!'. "
                "Write the path to keep after it (e.g. '!docs/keep.md') or delete the line.",
                path=source,
                line=number,
            )
        text = text[1:]
    problem = _syntax_error(text)
    kind, regex = _Kind.EXACT, None
    if problem is None:
        kind, regex_text = _translate(text)
        if kind is _Kind.REGEX:
            try:
                with warnings.catch_warnings():
                    # Python warns about "[[" style sets that Go's engine takes literally.
                    warnings.simplefilter("ignore", FutureWarning)
                    regex = re.compile(regex_text)
            except re.error as exc:
                problem = str(exc)
    if problem is not None:
        raise IgnoreFileError(
            f"{source}:{number}: malformed pattern {raw.strip()!r}: {problem}. "
            r"Fix it (a literal '[' or '\' is written '\[' or '\\') or delete the line.",
            path=source,
            line=number,
        )
    return IgnorePattern(text, exclusion, source, number, kind, regex)


def _clean(path: str) -> str:
    """Go's ``filepath.Clean`` for ``/``-separated paths."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    cleaned = "/".join(parts)
    if rooted:
        return "/" + cleaned
    return cleaned or "."


def _syntax_error(pattern: str) -> str | None:
    """What Go's ``filepath.Match`` would reject in ``pattern``, or None when it is well formed."""
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            if i + 1 >= n:
                return "it ends with a lone '\\'"
            i += 2
        elif char == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            ranges = 0
            while True:
                if i < n and pattern[i] == "]" and ranges > 0:
                    i += 1
                    break
                i, problem = _class_member(pattern, i)
                if problem:
                    return problem
                if pattern[i] == "-":
                    i, problem = _class_member(pattern, i + 1)
                    if problem:
                        return problem
                ranges += 1
        else:
            i += 1
    return None


def _class_member(pattern: str, i: int) -> tuple[int, str | None]:
    # One character of a [...] class, as Go's getEsc reads it; the class must go on after it.
    n = len(pattern)
    if i >= n:
        return i, "a '[' character class is not closed with ']'"
    if pattern[i] in "-]":
        return i, f"a '[' character class has a misplaced {pattern[i]!r}"
    if pattern[i] == "\\":
        i += 1
        if i >= n:
            return i, "a '[' character class is not closed with ']'"
    i += 1
    if i >= n:
        return i, "a '[' character class is not closed with ']'"
    return i, None


def _translate(pattern: str) -> tuple[_Kind, str]:
    """The match kind and regular expression moby derives from a cleaned pattern."""
    parts = ["^"]
    kind = _Kind.EXACT
    i, n, step = 0, len(pattern), 0
    while i < n:
        char = pattern[i]
        i += 1
        if char == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                if i >= n:
                    # A trailing "**" matches everything below: a plain prefix test when the rest is literal.
                    if kind is _Kind.EXACT:
                        kind = _Kind.PREFIX
                    else:
                        parts.append(".*")
                        kind = _Kind.REGEX
                else:
                    parts.append("(.*/)?")
                    kind = _Kind.REGEX
                if step == 0:
                    kind = _Kind.SUFFIX
            else:
                parts.append("[^/]*")
                kind = _Kind.REGEX
        elif char == "?":
            parts.append("[^/]")
            kind = _Kind.REGEX
        elif char in _REGEX_ONLY:
            parts.append("\\" + char)
        elif char == "\\":
            # _syntax_error has ruled out a trailing backslash.
            parts.append("\\" + pattern[i])
            i += 1
            kind = _Kind.REGEX
        elif char in "[]":
            parts.append(char)
            kind = _Kind.REGEX
        else:
            parts.append(char)
        step += 1
    # \Z, not $: Go's $ does not match before a trailing newline, Python's does.
    parts.append(r"\Z")
    return kind, "".join(parts)
