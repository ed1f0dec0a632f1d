"""Go's regular expressions (RE2 syntax, Perl flags) translated to Python's ``re``, refusing what Go's parser refuses.

``_dockerignore`` turns a wildcard pattern into moby's Go regular expression, then into Python's
with :func:`python_regex`. :class:`GoRegexpError` is what Go's ``regexp.Compile`` would reject;
:class:`Unsupported` is what Go accepts but Python's ``re`` cannot mean (Unicode classes).
"""

from __future__ import annotations

import re

__all__ = ["GoRegexpError", "GoSyntaxError", "Unsupported", "python_regex"]


class GoSyntaxError(Exception):
    """Go would reject the pattern: ``filepath.Match`` in ``patternmatcher.New``, or ``regexp.Compile`` later."""


class GoRegexpError(GoSyntaxError):
    """Go's ``regexp.Compile`` would reject the pattern: BuildKit fails only when a path is matched against it."""


class Unsupported(Exception):
    """Go would accept the pattern, but its meaning cannot be carried over to Python's ``re``."""


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


def python_regex(go: str) -> str:
    """Translate moby's Go regular expression to Python, raising GoSyntaxError where Go's parser would."""
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
                raise Unsupported("Go flag groups '(?' cannot come out of an ignore pattern")  # pragma: no cover
            groups.append([])
            i += 1
        elif char == ")":
            if len(groups) == 1:  # pragma: no cover - moby's own parentheses are balanced
                raise GoRegexpError("an unexpected ')'")
            inner = groups.pop()
            groups[-1].append("(?:" + "".join(inner) + ")")
            i += 1
        elif char == "|":
            atoms.append("|")
            i += 1
        elif char in "*+?":
            lazy = go.startswith("?", i + 1)
            if last_repeat:
                raise GoRegexpError(f"Go's regexp rejects the repeated repetition {go[i - 1 : i + 1]!r}")
            if not atoms or atoms[-1] == "|":
                raise GoRegexpError(f"Go's regexp finds nothing for {char!r} to repeat")
            atoms[-1] = f"(?:{atoms[-1]}){char}" + ("?" if lazy else "")
            repeated = True
            i += 2 if lazy else 1
        elif char == "{" and (counts := _go_repeat(go, i)) is not None:
            low, high, after = counts
            if low < 0 or low > 1000 or high > 1000 or (high >= 0 and low > high):
                raise GoRegexpError(f"Go's regexp rejects the repetition count {go[i:after]!r}")
            lazy = go.startswith("?", after)
            if last_repeat:
                raise GoRegexpError(f"Go's regexp rejects the repeated repetition {go[i:after]!r}")
            if not atoms or atoms[-1] == "|":
                raise GoRegexpError(f"Go's regexp finds nothing for {go[i:after]!r} to repeat")
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
        raise GoRegexpError("a '(' is not closed")
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
        raise GoRegexpError(r"Go's regexp does not support '\C'")
    if follower == "Q":
        # \Q...\E: literal text, up to \E or the end (moby's closing "$" included).
        end = go.find("\\E", i + 2)
        literal = go[i + 2 :] if end < 0 else go[i + 2 : end]
        atoms.extend(_literal(ord(char)) for char in literal)
        return len(go) if end < 0 else end + 2
    if follower in ("p", "P"):
        raise Unsupported(f"'\\{follower}' is a Unicode character class in Docker's dialect, which Python's re lacks")
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
        raise GoRegexpError("it ends with a lone '\\'")  # pragma: no cover - moby escapes a trailing '\'
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
    raise GoRegexpError(f"Go's regexp rejects the escape '\\{char}'")


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
                    raise GoRegexpError(f"Go's regexp knows no character class [:{name}:]")
                ranges += _negate(group) if name.startswith("^") else group
                i = end + 2
                continue
        if go[i : i + 2] in ("\\p", "\\P"):
            raise Unsupported(f"'{go[i : i + 2]}' is a Unicode class in Docker's dialect, which Python's re lacks")
        if go[i : i + 1] == "\\" and go[i + 1 : i + 2].lower() in _PERL_GROUPS:
            ranges += _perl_group(go[i + 1])
            i += 2
            continue
        low, i = _class_char(go, i)
        high = low
        if n - i >= 2 and go[i] == "-" and go[i + 1] != "]":
            high, i = _class_char(go, i + 1)
            if high < low:
                raise GoRegexpError(f"Go's regexp rejects the backwards range {chr(low)}-{chr(high)}")
        ranges.append((low, high))
    return (_negate(ranges) if negated else ranges), i + 1


def _class_char(go: str, i: int) -> tuple[int, int]:
    if i >= len(go):
        raise GoRegexpError("Go's regexp finds a '[' character class that is not closed")
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
