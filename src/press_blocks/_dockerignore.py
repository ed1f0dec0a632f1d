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
* a pattern with a wildcard becomes a Go regular expression in moby's dialect, translated here:
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
        if _go_match_is_malformed(text):
            raise _GoSyntaxError("Go's filepath.Match rejects it (an unclosed '[', a bad range or a trailing '\\')")
        kind, affix, regex = _compile(text)
    except _GoSyntaxError as exc:
        when = "once a path reaches it" if isinstance(exc, _GoRegexpError) else "on it"
        raise IgnoreFileError(
            f"{source}:{number}: malformed pattern {raw.strip()!r}: {exc}; a Docker build fails {when}."
            r" Fix it (a literal '[' or '\' is written '\[' or '\\') or delete the line.",
            path=source,
            line=number,
        ) from None
    except _Unsupported as exc:
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


class _GoSyntaxError(Exception):
    """Go would reject the pattern: ``filepath.Match`` in ``patternmatcher.New``, or ``regexp.Compile`` later."""


class _GoRegexpError(_GoSyntaxError):
    """Go's ``regexp.Compile`` would reject the pattern: BuildKit fails only when a path is matched against it."""


class _Unsupported(Exception):
    """Go would accept the pattern, but its meaning cannot be carried over to Python's ``re``."""


# --- patternmatcher.New's syntax check: Go's filepath.Match(pattern, "."), error paths only ---------------


def _go_match_is_malformed(pattern: str) -> bool:
    """Whether ``filepath.Match(pattern, ".")`` returns ErrBadPattern.

    Go stops at the first chunk that cannot match ``"."``, so a malformed piece after it goes
    unnoticed here (and fails later, in ``regexp.Compile``). Works on bytes, as Go does.
    """
    data = pattern.encode("utf-8", "surrogateescape")
    name = b"."
    while data:
        star, chunk, data = _scan_chunk(data)
        if star and not chunk:
            return False  # a trailing "*" matches the rest of the name
        rest, ok, bad = _match_chunk(chunk, name)
        if bad:
            return True
        if ok and (not rest or data):
            name = rest
            continue
        if not star:
            return False
        for i in range(len(name)):
            if name[i : i + 1] == b"/":
                return False
            rest, ok, bad = _match_chunk(chunk, name[i + 1 :])
            if ok:
                if not data and rest:
                    continue
                name = rest
                break
            if bad:
                return True
        else:
            return False
    return False


def _scan_chunk(pattern: bytes) -> tuple[bool, bytes, bytes]:
    star = False
    while pattern[:1] == b"*":
        pattern, star = pattern[1:], True
    in_range = False
    i = 0
    while i < len(pattern):
        byte = pattern[i : i + 1]
        if byte == b"\\":
            if i + 1 < len(pattern):
                i += 1
        elif byte == b"[":
            in_range = True
        elif byte == b"]":
            in_range = False
        elif byte == b"*" and not in_range:
            break
        i += 1
    return star, pattern[:i], pattern[i:]


def _match_chunk(chunk: bytes, name: bytes) -> tuple[bytes, bool, bool]:
    """Go's matchChunk: (rest of name, matched, malformed)."""
    failed = False
    while chunk:
        if not failed and not name:
            failed = True
        head = chunk[:1]
        if head == b"[":
            char = -1
            if not failed:
                char, size = _decode_rune(name)
                name = name[size:]
            chunk = chunk[1:]
            negated = chunk[:1] == b"^"
            if negated:
                chunk = chunk[1:]
            matched = False
            ranges = 0
            while True:
                if chunk[:1] == b"]" and ranges > 0:
                    chunk = chunk[1:]
                    break
                low, chunk, bad = _get_esc(chunk)
                if bad:
                    return b"", False, True
                high = low
                if chunk[:1] == b"-":
                    high, chunk, bad = _get_esc(chunk[1:])
                    if bad:
                        return b"", False, True
                if low <= char <= high:
                    matched = True
                ranges += 1
            if matched == negated:
                failed = True
        elif head == b"?":
            if not failed:
                if name[:1] == b"/":
                    failed = True
                name = name[_decode_rune(name)[1] :]
            chunk = chunk[1:]
        else:
            if head == b"\\":
                chunk = chunk[1:]
                if not chunk:
                    return b"", False, True
            if not failed:
                if chunk[:1] != name[:1]:
                    failed = True
                name = name[1:]
            chunk = chunk[1:]
    if failed:
        return b"", False, False
    return name, True, False


def _get_esc(chunk: bytes) -> tuple[int, bytes, bool]:
    """Go's getEsc: one possibly escaped character of a class, the rest, and whether it is malformed."""
    if not chunk or chunk[:1] in (b"-", b"]"):
        return 0, chunk, True
    if chunk[:1] == b"\\":
        chunk = chunk[1:]
        if not chunk:
            return 0, chunk, True
    char, size = _decode_rune(chunk)
    rest = chunk[size:]
    return char, rest, char < 0 or not rest


def _decode_rune(data: bytes) -> tuple[int, int]:
    """Go's utf8.DecodeRune: the code point and its length, (-1, 1) for an invalid byte, (-1, 0) when empty."""
    if not data:
        return -1, 0
    first = data[0]
    length = 1 if first < 0x80 else 2 if 0xC2 <= first < 0xE0 else 3 if 0xE0 <= first < 0xF0 else 4
    try:
        return ord(data[:length].decode("utf-8")), length
    except UnicodeDecodeError:
        return -1, 1


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
    python = _python_regex("".join(parts))
    try:
        return kind, pattern, re.compile(python, re.ASCII)
    except re.error as exc:  # pragma: no cover - a translation bug, not a user error
        raise _Unsupported(f"it could not be translated ({exc})") from None


# --- Go's regexp syntax (RE2, Perl flags) to Python's re ------------------------------------------------------

_MAX_RUNE = 0x10FFFF
_Ranges = list[tuple[int, int]]

_PERL_GROUPS: dict[str, _Ranges] = {
    "d": [(0x30, 0x39)],
    "s": [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)],
    "w": [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
}
_POSIX_GROUPS: dict[str, _Ranges] = {
    "alnum": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
    "alpha": [(0x41, 0x5A), (0x61, 0x7A)],
    "ascii": [(0x00, 0x7F)],
    "blank": [(0x09, 0x09), (0x20, 0x20)],
    "cntrl": [(0x00, 0x1F), (0x7F, 0x7F)],
    "digit": [(0x30, 0x39)],
    "graph": [(0x21, 0x7E)],
    "lower": [(0x61, 0x7A)],
    "print": [(0x20, 0x7E)],
    "punct": [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
    "space": [(0x09, 0x0D), (0x20, 0x20)],
    "upper": [(0x41, 0x5A)],
    "word": [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
    "xdigit": [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
}
_C_ESCAPES = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"


def _python_regex(go: str) -> str:
    """Translate moby's Go regular expression to Python, raising _GoSyntaxError where Go's parser would."""
    # One list of atoms per open group; "|" separates alternatives. Each atom takes a quantifier whole.
    groups: list[list[str]] = [[]]
    last_repeat = False
    i, n = 0, len(go)
    while i < n:
        char = go[i]
        atoms = groups[-1]
        repeated = False
        if char == "(":
            if go.startswith("(?", i):
                raise _Unsupported("Go flag groups '(?' cannot come out of an ignore pattern")  # pragma: no cover
            groups.append([])
            i += 1
        elif char == ")":
            if len(groups) == 1:  # pragma: no cover - moby's own parentheses are balanced
                raise _GoRegexpError("an unexpected ')'")
            inner = groups.pop()
            groups[-1].append("(?:" + "".join(inner) + ")")
            i += 1
        elif char == "|":
            atoms.append("|")
            i += 1
        elif char in "*+?":
            lazy = go.startswith("?", i + 1)
            if last_repeat:
                raise _GoRegexpError(f"Go's regexp rejects the repeated repetition {go[i - 1 : i + 1]!r}")
            if not atoms or atoms[-1] == "|":
                raise _GoRegexpError(f"Go's regexp finds nothing for {char!r} to repeat")
            atoms[-1] = f"(?:{atoms[-1]}){char}" + ("?" if lazy else "")
            repeated = True
            i += 2 if lazy else 1
        elif char == "{" and (counts := _go_repeat(go, i)) is not None:
            low, high, after = counts
            if low < 0 or low > 1000 or high > 1000 or (high >= 0 and low > high):
                raise _GoRegexpError(f"Go's regexp rejects the repetition count {go[i:after]!r}")
            lazy = go.startswith("?", after)
            if last_repeat:
                raise _GoRegexpError(f"Go's regexp rejects the repeated repetition {go[i:after]!r}")
            if not atoms or atoms[-1] == "|":
                raise _GoRegexpError(f"Go's regexp finds nothing for {go[i:after]!r} to repeat")
            count = f"{{{low}}}" if low == high else f"{{{low},}}" if high < 0 else f"{{{low},{high}}}"
            atoms[-1] = f"(?:{atoms[-1]}){count}" + ("?" if lazy else "")
            repeated = True
            i = after + 1 if lazy else after
        elif char == "^":
            atoms.append("(?:^)")
            i += 1
        elif char == "$":
            atoms.append(r"(?:\Z)")
            i += 1
        elif char == ".":
            atoms.append("[^\\n]")
            i += 1
        elif char == "[":
            ranges, i = _go_class(go, i)
            atoms.append(_python_class(ranges))
        elif char == "\\":
            i = _go_escape_atom(go, i, atoms)
        else:
            atoms.append(_literal(ord(char)))
            i += 1
        last_repeat = repeated
    if len(groups) != 1:  # pragma: no cover - moby's own parentheses are balanced
        raise _GoRegexpError("a '(' is not closed")
    return "".join(groups[0])


def _go_repeat(go: str, i: int) -> tuple[int, int, int] | None:
    """Go's parseRepeat at ``go[i]`` (a '{'): (min, max or -1 for none, end), or None when the '{' is a literal."""
    match = _REPEAT.match(go, i)
    if match is None:
        return None
    low_text, comma, high_text = match.groups()
    low = _go_int(low_text)
    if not comma:
        return low, low, match.end()
    if not high_text:
        return low, -1, match.end()
    high = _go_int(high_text)
    return (low if high >= 0 else -1), high, match.end()


# Go's parseInt takes no leading zeros; "{,3}" is no repetition but a literal "{".
_REPEAT = re.compile(r"\{(0|[1-9][0-9]*)(?:(,)(0|[1-9][0-9]*)?)?\}")


def _go_int(digits: str) -> int:
    # Go gives up (and the repetition is then too big) past 10**8.
    return int(digits) if len(digits) <= 9 and int(digits) < 10**9 else -1


def _go_escape_atom(go: str, i: int, atoms: list[str]) -> int:
    """Append what the escape at ``go[i]`` (a backslash) means outside a class; return where parsing goes on."""
    follower = go[i + 1 : i + 2]
    special = {"A": r"(?:\A)", "b": r"(?:\b)", "B": r"(?:\B)", "z": r"(?:\Z)"}
    if follower in special:
        atoms.append(special[follower])
        return i + 2
    if follower == "C":
        raise _GoRegexpError(r"Go's regexp does not support '\C'")
    if follower == "Q":
        # \Q...\E: literal text, up to \E or the end (moby's closing "$" included).
        end = go.find("\\E", i + 2)
        literal = go[i + 2 :] if end < 0 else go[i + 2 : end]
        atoms.extend(_literal(ord(char)) for char in literal)
        return len(go) if end < 0 else end + 2
    if follower in ("p", "P"):
        raise _Unsupported(f"'\\{follower}' is a Unicode character class in Docker's dialect, which Python's re lacks")
    if follower.lower() in _PERL_GROUPS:
        atoms.append(_python_class(_perl_group(follower)))
        return i + 2
    code, i = _go_escape(go, i)
    atoms.append(_literal(code))
    return i


def _perl_group(letter: str) -> _Ranges:
    ranges = _PERL_GROUPS[letter.lower()]
    return _negate(ranges) if letter.isupper() else list(ranges)


def _go_escape(go: str, i: int) -> tuple[int, int]:
    """Go's parseEscape at ``go[i]`` (a backslash): the character it stands for and where parsing goes on."""
    if i + 1 >= len(go):
        raise _GoRegexpError("it ends with a lone '\\'")  # pragma: no cover - moby escapes a trailing '\'
    char = go[i + 1]
    i += 2
    if char < "\x80" and not char.isalnum():
        return ord(char), i
    if char in _OCTAL and (char == "0" or _is_octal(go[i : i + 1])):
        # \0, or \1-\7 followed by an octal digit (a lone \1 would be a backreference): up to three digits.
        value, digits = int(char), 1
        while digits < 3 and _is_octal(go[i : i + 1]):
            value, i, digits = value * 8 + int(go[i]), i + 1, digits + 1
        return value, i
    if char == "x":
        if go[i : i + 1] == "{":
            end = go.find("}", i)
            hex_digits = go[i + 1 : end] if end > i + 1 else ""
            if hex_digits and all(d in _HEX for d in hex_digits) and int(hex_digits, 16) <= _MAX_RUNE:
                return int(hex_digits, 16), end + 1
        elif len(go) >= i + 2 and go[i] in _HEX and go[i + 1] in _HEX:
            return int(go[i : i + 2], 16), i + 2
    if char in _C_ESCAPES:
        return _C_ESCAPES[char], i
    raise _GoRegexpError(f"Go's regexp rejects the escape '\\{char}'")


def _is_octal(char: str) -> bool:
    return len(char) == 1 and char in _OCTAL


def _go_class(go: str, i: int) -> tuple[_Ranges, int]:
    """Go's parseClass at ``go[i]`` (a '['): the code-point ranges it matches and where parsing goes on."""
    n = len(go)
    i += 1
    negated = go[i : i + 1] == "^"
    if negated:
        i += 1
    ranges: _Ranges = []
    first = True
    while i >= n or go[i] != "]" or first:
        first = False
        if n - i > 2 and go[i] == "[" and go[i + 1] == ":":
            end = go.find(":]", i + 2)
            if end >= 0:
                name = go[i + 2 : end]
                group = _POSIX_GROUPS.get(name.removeprefix("^"))
                if group is None:
                    raise _GoRegexpError(f"Go's regexp knows no character class [:{name}:]")
                ranges += _negate(group) if name.startswith("^") else group
                i = end + 2
                continue
        if go[i : i + 2] in ("\\p", "\\P"):
            raise _Unsupported(f"'{go[i : i + 2]}' is a Unicode class in Docker's dialect, which Python's re lacks")
        if go[i : i + 1] == "\\" and go[i + 1 : i + 2].lower() in _PERL_GROUPS:
            ranges += _perl_group(go[i + 1])
            i += 2
            continue
        low, i = _class_char(go, i)
        high = low
        if n - i >= 2 and go[i] == "-" and go[i + 1] != "]":
            high, i = _class_char(go, i + 1)
            if high < low:
                raise _GoRegexpError(f"Go's regexp rejects the backwards range {chr(low)}-{chr(high)}")
        ranges.append((low, high))
    return (_negate(ranges) if negated else ranges), i + 1


def _class_char(go: str, i: int) -> tuple[int, int]:
    if i >= len(go):
        raise _GoRegexpError("Go's regexp finds a '[' character class that is not closed")
    if go[i] == "\\":
        return _go_escape(go, i)
    return ord(go[i]), i + 1


def _negate(ranges: _Ranges) -> _Ranges:
    out: _Ranges = []
    start = 0
    for low, high in sorted(ranges):
        if low > start:
            out.append((start, low - 1))
        start = max(start, high + 1)
    if start <= _MAX_RUNE:
        out.append((start, _MAX_RUNE))
    return out


def _python_class(ranges: _Ranges) -> str:
    """A Python class for Go's ranges.

    Go never sees a surrogate and reads each undecodable byte as U+FFFD; Python sees those bytes as
    the surrogates U+DC80-U+DCFF (surrogateescape), and no other surrogate can occur in a path.
    Wide classes are written as the negation of what they leave out: Python compiles those fast.
    """
    kept: _Ranges = []
    for low, high in ranges:
        if low < 0xD800:
            kept.append((low, min(high, 0xD7FF)))
        if high > 0xDFFF:
            kept.append((max(low, 0xE000), high))
    if any(low <= 0xFFFD <= high for low, high in ranges):
        kept.append((0xDC80, 0xDCFF))
    kept = _merge(kept)
    # What is left out, less the surrogates no path holds (either way they never match).
    left_out = [r for part in _negate(kept) for r in _cut(part, 0xD800, 0xDC7F)]
    left_out = [r for part in left_out for r in _cut(part, 0xDD00, 0xDFFF)]
    if not kept:
        return "(?!)"
    if not left_out:
        return "(?s:.)"
    if _size(left_out) < _size(kept):
        return f"[^{_members(left_out)}]"
    return f"[{_members(kept)}]"


def _merge(ranges: _Ranges) -> _Ranges:
    merged: _Ranges = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _cut(part: tuple[int, int], low: int, high: int) -> _Ranges:
    """``part`` less the range low-high."""
    start, end = part
    if end < low or start > high:
        return [part]
    return [(a, b) for a, b in ((start, low - 1), (high + 1, end)) if a <= b]


def _size(ranges: _Ranges) -> int:
    return sum(high - low + 1 for low, high in ranges)


def _members(ranges: _Ranges) -> str:
    return "".join(f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


def _literal(code: int) -> str:
    if code == 0xFFFD:
        return _python_class([(code, code)])
    return re.escape(chr(code))
