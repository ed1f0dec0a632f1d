"""Generate build-context cases for the Docker oracle: small trees and the .dockerignore files that cut them.

Prints one JSON object per line: ``{"id": N, "paths": [...], "ignore": "<base64>"}``, where ``paths``
are files (``/``-separated; a trailing ``/`` marks an empty directory) and ``ignore`` the bytes of the
tree's ``.dockerignore``. The same ``--seed`` and ``--count`` always give the same cases. About two cases
in three look like real ignore files (patterns built from the tree's own paths, with wildcards, ``**``,
exceptions, cleaning); the rest lean on the odd corners of Docker's dialect (escapes, regex characters,
character classes, byte-order marks, undecodable bytes, CRLF). See regenerate.sh.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys

# The cases the issue names come first, whatever the seed.
FIXED: list[tuple[list[str], bytes]] = [
    (["dir/sub/c.txt", "dir/keep.txt", "dir/x.md", "a.txt"], b"dir\n!**/*.txt\n"),
    (["dir/keep.txt", "dir/other.txt"], b"dir\n!dir/keep.txt\ndir\n"),
    (["dir/keep.txt", "dir/other.txt", "other/a.txt"], b"dir\nother\n!dir/keep.txt\n!**/*.txt\n"),
    (["a/b/node_modules/x.js", "a/b/node_modules/keep.txt"], b"**/node_modules\n!a/b/node_modules/keep.txt\n"),
    (["x.py", "a/b.py"], b"\xef\xbb\xbf*.py\n"),
    (["x.py", "\ufeffx.py", "a.md"], b"a\n\xef\xbb\xbf*.py\n\xef\xbb\xbfx.py\n"),
    (["{a,b}", "a", "a|b", "b"], b"{a,b}\na|b\n"),
    (["\u00e9", "e", "1"], b"\\pL\n"),
]

DIRS = ["a", "b", "dir", "sub", "src", "build", "node_modules", ".git", "docs", "keep", "x", "te", "ab"]
FILES = [
    "a.txt", "b.txt", "c.txt", "keep.txt", "README.md", "x.md", "main.py", "Dockerfile", ".env",
    ".env.local", "id_rsa", "key.pem", "foo", "foo.bar", "a.b", "temp1", "temp12", "ab", "abc", ".dockerignore",
]  # fmt: skip
ODD = [
    "f o", "\u00e9.txt", "\u65e5\u672c", "a*b", "q?", "[ab]", "x\\y", "{a,b}", "a|b", "$x", "(x)", "a+b", "^c",
    "-", "]", "\ufeffbom", "#h", "!bang", "a.b.c", " sp", "Z", "_", "0", "\u00c9",
]  # fmt: skip

ESCAPES = [
    "\\*", "\\?", "\\[", "\\]", "\\\\", "\\.", "\\ ", "\\!", "\\#", "\\-", "\\d", "\\D", "\\w", "\\W", "\\s",
    "\\S", "\\b", "\\B", "\\A", "\\z", "\\pL", "\\PL", "\\pN", "\\x41", "\\x4", "\\0", "\\01", "\\1", "\\18",
    "\\Q", "\\E", "\\C", "\\a", "\\t", "\\n", "\\q", "\\\u00e9", "\\{", "\\|", "\\p",
]  # fmt: skip
CLASSES = [
    "[a-c]", "[^a]", "[abc]", "[!a]", "[a-]", "[-a]", "[]a]", "[^]a]", "[\\]]", "[[:alpha:]]", "[[:^digit:]]",
    "[[:bogus:]]", "[[:]", "[a-\\d]", "[\\d]", "[\\w.]", "[*]", "[?]", "[**]", "[z-a]", "[\u00e9-\u00ff]",
    "[\\pL]", "[a", "[", "[^", "[\\", "[a-\\", "[.]", "[$]", "[{]", "[|]", "[+]", "[(]", "[/]", "[^/]",
]  # fmt: skip
REGEXY = ["{", "}", "|", "(", ")", "$", "+", ".", "^", "{1,2}", "a{2}", "(?i)", "\\", "]", "-"]


def tree(rng: random.Random) -> list[str]:
    files: set[str] = set()
    dirs: set[str] = set()
    for _ in range(rng.randint(2, 14)):
        depth = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        parts = [rng.choice(DIRS if rng.random() < 0.85 else ODD) for _ in range(depth - 1)]
        leaf = rng.choice(FILES if rng.random() < 0.8 else ODD + DIRS)
        path = "/".join([*parts, leaf])
        prefixes = {"/".join(parts[:i]) for i in range(1, len(parts) + 1)}
        if path in dirs or prefixes & files or path == ".dockerignore":
            continue
        files.add(path)
        dirs |= prefixes
    paths = sorted(files)
    if rng.random() < 0.3:
        empty = "/".join(rng.choice(DIRS) for _ in range(rng.randint(1, 3)))
        above = {"/".join(empty.split("/")[:i]) for i in range(1, empty.count("/") + 2)}
        if not (above & files) and not any(f.startswith(empty + "/") for f in files):
            paths.append(empty + "/")
    return paths


def realistic(rng: random.Random, paths: list[str]) -> str:
    """A pattern built from a path of the tree, with some of Docker's wildcards and cleaning put in."""
    source = rng.choice(paths).rstrip("/") if paths and rng.random() < 0.85 else rng.choice(DIRS + FILES)
    parts = source.split("/")
    if rng.random() < 0.5:
        parts = parts[: rng.randint(1, len(parts))]
    out: list[str] = []
    for part in parts:
        roll = rng.random()
        if roll < 0.12:
            out.append("*")
        elif roll < 0.2:
            out.append("**")
        elif roll < 0.3 and len(part) > 1:
            i = rng.randrange(len(part))
            out.append(part[:i] + rng.choice(["?", "*", "[a-z]", "[^x]"]) + part[i + 1 :])
        elif roll < 0.38 and "." in part:
            out.append("*" + part[part.index(".") :])
        else:
            out.append(part)
    text = "/".join(out)
    roll = rng.random()
    if roll < 0.15:
        text = "**/" + text
    elif roll < 0.22:
        text += rng.choice(["/**", "/*", "/", "**"])
    elif roll < 0.27:
        text = rng.choice(["/", "./", "a/../", "//", "x/./"]) + text
    return text


def odd(rng: random.Random, paths: list[str]) -> str:
    """A pattern that leans on the corners of the dialect."""
    base = realistic(rng, paths) if rng.random() < 0.6 else rng.choice(ODD + FILES)
    pieces = [ESCAPES, CLASSES, REGEXY, ODD]
    for _ in range(rng.randint(1, 2)):
        piece = rng.choice(rng.choice(pieces))
        i = rng.randint(0, len(base))
        base = base[:i] + piece + base[i:]
    return base


def ignore_file(rng: random.Random, paths: list[str]) -> bytes:
    oddness = rng.random() < 0.35
    lines: list[bytes] = []
    for _ in range(rng.randint(1, 7)):
        roll = rng.random()
        if roll < 0.06:
            lines.append(rng.choice([b"", b"   ", b"# comment", b"  # indented", b"#!x"]))
            continue
        text = odd(rng, paths) if oddness and rng.random() < 0.6 else realistic(rng, paths)
        if rng.random() < 0.35:
            text = rng.choice(["!", "!", "! ", "!/", "!./"]) + text
        if rng.random() < 0.1:
            text = rng.choice([" ", "\t", "\u00a0"]) + text + rng.choice(["", " ", "\t"])
        data = text.encode("utf-8")
        if oddness and rng.random() < 0.05:
            data = rng.choice([b"\xef\xbb\xbf", b"\xff", b"\xc3"]) + data
        if oddness and rng.random() < 0.04:
            i = rng.randint(0, len(data))
            data = data[:i] + rng.choice([b"\xe9", b"\x80", b"\xed\xa0\x80", b"\x00"]) + data[i:]
        lines.append(data)
    if rng.random() < 0.1:
        lines[0] = b"\xef\xbb\xbf" + lines[0]
    end = b"\r\n" if rng.random() < 0.1 else b"\n"
    return end.join(lines) + (end if rng.random() < 0.8 else b"")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=4000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = list(FIXED)
    while len(cases) < args.count:
        paths = tree(rng)
        cases.append((paths, ignore_file(rng, paths)))
    for number, (paths, ignore) in enumerate(cases[: args.count]):
        line = {"id": number, "paths": paths, "ignore": base64.b64encode(ignore).decode("ascii")}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
