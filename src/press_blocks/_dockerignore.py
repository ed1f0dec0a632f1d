"""Docker's ``.dockerignore`` rules, as a BuildKit build applies them to the build context.

This is a port of the code that decides what BuildKit sends: ``ignorefile.ReadAll`` (reading the
file), moby's ``patternmatcher`` (``New``, ``Pattern.compile``, ``MatchesUsingParentResults``) and
the exclude rules of fsutil's walk (which excluded directories are still looked into). It is
checked against that Go code on thousands of generated cases (tests/dockerignore_oracle). In short:

* a UTF-8 BOM is stripped from the first line; a line whose *first character* is ``#`` is a
  comment; lines are trimmed and blank ones dropped; ``!`` starts an exception; a line of 64 KiB
  or more is an error, as in Docker;
* patterns are cleaned like Go's ``filepath.Clean`` (``./x`` → ``x``, ``a/../b`` → ``b``, a
  trailing ``/`` dropped) and one leading ``/`` is removed: every pattern is anchored at the
  context root, so ``*.md`` matches ``README.md`` but not ``docs/a.md``;
* ``*`` and ``?`` never cross ``/``; ``[...]`` is a character class; ``\\`` escapes; ``**``
  matches any number of directories, zero included, and a trailing ``**`` is a prefix match;
* patterns are read in order and the last one that matches decides; a path's parent directories
  count too, with BuildKit's *parent results*: a directory hands down, for each pattern, whether it
  matched, and a pattern that was skipped for the directory (an exception while the directory
  was kept, or an exclusion while it was already excluded) counts as not matching it. So ``dir``,
  ``!dir/keep.txt``, ``dir`` keeps ``dir/keep.txt``, as BuildKit does;
* an excluded directory is still looked into when some exception could re-include something in
  it: always when an exception holds a wildcard (``*[]?^\\``, a trailing ``/**`` or ``/*`` aside),
  otherwise when an exception's text starts with the directory's path. ``dir`` + ``!**/*.txt``
  keeps ``dir/sub/c.txt``;
* a pattern with a wildcard becomes a Go regular expression in moby's dialect, translated by
  ``_go_regexp``:
  ``(``, ``)``, ``+``, ``.`` and ``$`` are literal, but ``{``, ``|`` and ``}`` are not (moby's
  escape table misses them): they are alternation and repetition counts; ``\\d``, ``\\w``,
  ``\\s``, ``[[:alpha:]]``, ``\\x41`` and the other escapes Go knows mean what they mean to Go;
  a leading U+FEFF is dropped from wildcard patterns and kept in literal ones, as moby's scanner does.

Deliberate differences from BuildKit: ``\\pL``-style Unicode classes are refused (Python's ``re``
has none), and a pattern Go's ``regexp`` would reject is refused when the file is read, naming the
file and line, where BuildKit fails the build only once a path reaches the pattern.
Nothing is re-included automatically: BuildKit sends the Dockerfile and ``.dockerignore`` through a
separate channel, so an artifact holds what the patterns leave, like BuildKit's context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ._go_filepath import is_malformed
from ._go_regexp import GoRegexpError, GoSyntaxError, Unsupported, python_regex
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
    _affix: str = field(repr=False, compare=False)  # what EXACT, PREFIX and SUFFIX compare with

    @property
    def text(self) -> str:
        """The pattern as it takes effect, with its ``!`` when it is an exception."""
        return f"!{self.pattern}" if self.exclusion else self.pattern

    @property
    def where(self) -> str:
        """``file:line`` of the pattern, for messages."""
        return f"{self.source}:{self.line}"

    def _test(self) -> Callable[[str], object]:
        """``matches`` as one callable, for the walk's inner loop: its result is only tested for truth."""
        affix = self._affix
        if self._kind is _Kind.EXACT:
            return affix.__eq__
        if self._kind is _Kind.PREFIX:
            return lambda path: path.startswith(affix)
        if self._kind is _Kind.SUFFIX:
            return self.matches
        assert self._regex is not None
        return self._regex.search

    def matches(self, path: str) -> bool:
        """Whether the pattern matches this exact slash-separated path (no parent matching)."""
        kind = self._kind
        if kind is _Kind.EXACT:
            return path == self._affix
        if kind is _Kind.PREFIX:
            return path.startswith(self._affix)
        if kind is _Kind.SUFFIX:
            suffix = self._affix
            # "**/foo" also matches "foo" itself at the root.
            return path.endswith(suffix) or (suffix[:1] == "/" and path == suffix[1:])
        assert self._regex is not None
        return self._regex.search(path) is not None


MatchInfo = tuple[bool, ...]
"""For each pattern, whether it matched a directory: what BuildKit hands from a directory to its children."""


class IgnoreMatcher:
    """BuildKit's matcher over an ordered list of patterns, with its parent results and walk rules."""

    def __init__(self, patterns: Iterable[IgnorePattern]) -> None:
        self.patterns: tuple[IgnorePattern, ...] = tuple(patterns)
        exceptions = [_without_trailing_glob(p.pattern) for p in self.patterns if p.exclusion]
        # fsutil looks into every excluded directory once an exception has a wildcard in it.
        self._literal_exceptions = not any(_WILDCARDS.intersection(text) for text in exceptions)
        self._exception_dirs = tuple(text + "/" for text in exceptions)
        self._infos: dict[str, MatchInfo] = {}
        self._tests = tuple(pattern._test() for pattern in self.patterns)

    @property
    def has_exceptions(self) -> bool:
        """Whether any pattern is a ``!`` exception."""
        return bool(self._exception_dirs)

    def match(self, path: str, parent: MatchInfo | None) -> tuple[IgnorePattern | None, MatchInfo]:
        """``MatchesUsingParentResults``: the pattern that excludes ``path`` (None when kept), and its MatchInfo.

        ``parent`` is the MatchInfo of the parent directory, or None at the top level (or when
        unknown: then each parent directory is tested directly).
        """
        matched = False
        decided: IgnorePattern | None = None
        hits = [False] * len(self.patterns)
        above = None if parent else list(_parents(path))
        for index, (pattern, test) in enumerate(zip(self.patterns, self._tests, strict=True)):
            if not (parent and parent[index]):
                # An exception cannot change a kept path, nor an exclusion an excluded one: skipped, and
                # recorded as not matching, which is what the children inherit.
                if pattern.exclusion != matched:
                    continue
                if not test(path) and not (above and any(test(directory) for directory in above)):
                    continue
            hits[index] = True
            matched = not pattern.exclusion
            decided = pattern
        return (decided if matched else None), tuple(hits)

    def may_descend(self, directory: str) -> bool:
        """Whether an excluded ``directory`` must still be walked: an exception may re-include something in it."""
        if not self._literal_exceptions:
            return True
        prefix = directory + "/"
        return any(exception.startswith(prefix) for exception in self._exception_dirs)

    def info(self, directory: str) -> MatchInfo:
        """The MatchInfo the walk computes for ``directory`` (relative, ``/``-separated); memoised."""
        info = self._infos.get(directory)
        if info is None:
            parent = directory.rpartition("/")[0]
            info = self.match(directory, self.info(parent) if parent else None)[1]
            self._infos[directory] = info
        return info

    def excluded_by(self, path: str) -> IgnorePattern | None:
        """Return the pattern that excludes ``path`` (relative, ``/``-separated), or None when it is kept."""
        parent = path.rpartition("/")[0]
        for depth in range(parent.count("/") + 1 if parent else 0):
            # Fill the memo outermost first, so that deep paths recurse no deeper than one level.
            self.info("/".join(parent.split("/")[: depth + 1]))
        return self.match(path, self.info(parent) if parent else None)[0]

    def excludes(self, path: str) -> bool:
        """Whether ``path`` is excluded."""
        return self.excluded_by(path) is not None


def _parents(path: str) -> Iterator[str]:
    """``a``, ``a/b`` for ``a/b/c``: the parent directories, outermost first."""
    end = path.find("/")
    while end != -1:
        yield path[:end]
        end = path.find("/", end + 1)


_WILDCARDS = frozenset("*[]?^\\")


def _without_trailing_glob(pattern: str) -> str:
    return pattern.removesuffix("/**").removesuffix("/*")


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
    patterns: list[IgnorePattern] = []
    for number, scanned in enumerate(data.split(b"\n"), start=1):
        # bufio.ScanLines splits on "\n" and drops one "\r" before it; a lone "\r" is no line end.
        raw = scanned.removesuffix(b"\r")
        if len(raw) >= _MAX_LINE:
            raise IgnoreFileError(
                f"{source}:{number}: the line is {len(raw):,} bytes long; Docker reads ignore-file lines of"
                f" less than {_MAX_LINE // 1024} KiB only. Split or shorten it.",
                path=source,
                line=number,
            )
        # File names are bytes on POSIX; surrogateescape keeps undecodable ones matchable as os.fsdecode sees them.
        pattern = _pattern_of_line(raw.decode("utf-8", "surrogateescape"), source, number)
        if pattern is not None:
            patterns.append(pattern)
    return patterns


_BOM_CHAR = "\ufeff"
_MAX_LINE = 64 * 1024  # bufio.Scanner's longest line


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
    try:
        if is_malformed(text):
            raise GoSyntaxError("Go's filepath.Match rejects it (an unclosed '[', a bad range or a trailing '\\')")
        kind, affix, regex = _compile(text)
    except GoSyntaxError as exc:
        when = "once a path reaches it" if isinstance(exc, GoRegexpError) else "on it"
        raise IgnoreFileError(
            f"{source}:{number}: malformed pattern {raw.strip()!r}: {exc}; a Docker build fails {when}."
            r" Fix it (a literal '[' or '\' is written '\[' or '\\') or delete the line.",
            path=source,
            line=number,
        ) from None
    except Unsupported as exc:
        raise IgnoreFileError(
            f"{source}:{number}: unsupported pattern {raw.strip()!r}: {exc}. press-blocks refuses it rather"
            " than guess which files a Docker build would send; write the characters out instead.",
            path=source,
            line=number,
        ) from None
    return IgnorePattern(text, exclusion, source, number, kind, regex, affix)


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


# --- Pattern.compile: the match kind and moby's Go regular expression ---------------------------------------

# The regexp characters moby escapes. It means to escape ".+()|{}$" too, but its bitmap has room for characters
# below 64 only, so "{", "|" and "}" reach Go's regexp as they are: alternation and repetition counts.
_ESCAPED = frozenset(".+()$")
_REPLACEMENT = "\ufffd"  # what Go's text/scanner reads for each undecodable byte


def _compile(pattern: str) -> tuple[_Kind, str, re.Pattern[str] | None]:
    """The match kind of a cleaned pattern, the text EXACT/PREFIX/SUFFIX compare with, and the regex for REGEX."""
    runes = [_REPLACEMENT if "\udc80" <= char <= "\udcff" else char for char in pattern]
    if runes[:1] == [_BOM_CHAR]:
        del runes[0]  # text/scanner skips a byte-order mark at the start
    parts = ["^"]
    kind = _Kind.EXACT
    i, n, step = 0, len(runes), 0
    while i < n:
        char = runes[i]
        i += 1
        if char == "*":
            if i < n and runes[i] == "*":
                i += 1
                if i < n and runes[i] == "/":
                    i += 1
                if i >= n:
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
        elif char in _ESCAPED:
            parts.append("\\" + char)
        elif char == "\\":
            if i < n:
                parts.append("\\" + runes[i])
                i += 1
                kind = _Kind.REGEX
            else:
                parts.append("\\")
        elif char in "[]":
            parts.append(char)
            kind = _Kind.REGEX
        else:
            parts.append(char)
        step += 1
    if kind is _Kind.EXACT:
        return kind, pattern, None
    if kind is _Kind.PREFIX:
        return kind, pattern[:-2], None
    if kind is _Kind.SUFFIX:
        # Go slices the pattern's bytes: after a byte-order mark, two of its three bytes go.
        return kind, pattern.encode("utf-8", "surrogateescape")[2:].decode("utf-8", "surrogateescape"), None
    parts.append("$")
    python = python_regex("".join(parts))
    try:
        return kind, pattern, re.compile(python, re.ASCII)
    except re.error as exc:  # pragma: no cover - a translation bug, not a user error
        raise Unsupported(f"it could not be translated ({exc})") from None
