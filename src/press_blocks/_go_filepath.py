"""Go's ``filepath.Match(pattern, ".")``, its error paths only: the syntax check of moby's ``patternmatcher.New``.

A port of Go's ``path/filepath`` match code, on bytes as Go works; ``_dockerignore`` refuses a
pattern it says is malformed when the ignore file is read.
"""

from __future__ import annotations

__all__ = ["is_malformed"]


def is_malformed(pattern: str) -> bool:
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
