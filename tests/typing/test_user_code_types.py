"""``mypy --strict`` on users' code: correct code is clean, typical mistakes are each reported, by line.

The cases are files in ``cases/`` (never imported, only type-checked): a mistake line carries
``# E: <error code>``, a ``reveal_type`` line ``# R: <type>``. The test fails when the types get
looser (a mistake no longer reported) as much as when they get wrong (correct code flagged).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import is_typeddict

import pytest

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>error|note): (?P<message>.*?)(?:  \[(?P<code>[\w-]+)\])?$")

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def mypy_output() -> dict[str, list[tuple[int, str, str, str | None]]]:
    """Run mypy once over every case file; return its findings by file name."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes", str(CASES)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=540,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings: dict[str, list[tuple[int, str, str, str | None]]] = {}
    for raw in result.stdout.splitlines():
        match = LINE.match(raw)
        if match:
            name = Path(match["file"]).name
            findings.setdefault(name, []).append((int(match["line"]), match["kind"], match["message"], match["code"]))
    return findings


def _marked(name: str, marker: str) -> dict[int, str]:
    lines = (CASES / name).read_text(encoding="utf-8").splitlines()
    return {n: line.split(f"# {marker}: ", 1)[1].strip() for n, line in enumerate(lines, 1) if f"# {marker}: " in line}


def _typeddict_names() -> dict[tuple[frozenset[str], frozenset[str]], str]:
    """Each TypedDict of ``press_blocks.types`` by its (required keys, optional keys)."""
    import press_blocks.types

    names: dict[tuple[frozenset[str], frozenset[str]], str] = {}
    for name in press_blocks.types.__all__:
        typed = getattr(press_blocks.types, name)
        if is_typeddict(typed):
            keys = (typed.__required_keys__, typed.__optional_keys__)
            names[keys] = f"{names[keys]}|{name}" if keys in names else name
    return names


def _anonymous_name(body: str) -> str:
    """The name of the TypedDict whose keys ``{'a': int, 'b'?: str}`` lists (mypy drops the name of a
    TypedDict inferred through a ParamSpec, as for raw responses); ``TypedDict{a,b?}`` if none has them.
    """
    required, optional, depth, start = set(), set(), 0, 1
    for i, char in enumerate(body):
        depth += {"{": 1, "[": 1, "(": 1, "}": -1, "]": -1, ")": -1}.get(char, 0)
        if (depth == 1 and body.startswith(", ", i)) or (depth == 0 and char == "}"):
            key = re.match(r"\s*'([^']+)'(\??):", body[start:i])
            assert key, f"cannot read a key in {body[start:i]!r}"
            (optional if key[2] else required).add(key[1])
            start = i + 2
    listed = ",".join(sorted(required) + sorted(key + "?" for key in optional))
    return _typeddict_names().get((frozenset(required), frozenset(optional)), f"TypedDict{{{listed}}}")


def _short(revealed: str) -> str:
    """``TypedDict(pkg.mod.Spec, {...})`` -> ``Spec``; ``typing.Iterator[...]`` -> ``Iterator[...]``."""
    out, i = [], 0
    while i < len(revealed):
        if revealed.startswith("TypedDict(", i):
            anonymous = revealed.startswith("TypedDict({", i)
            name_end = i + len("TypedDict(") if anonymous else revealed.index(",", i)
            depth, j = 0, revealed.index("{", name_end)
            while True:  # skip the braces of the keys, then the closing parenthesis
                depth += {"{": 1, "}": -1}.get(revealed[j], 0)
                j += 1
                if depth == 0:
                    break
            if anonymous:
                out.append(_anonymous_name(revealed[name_end:j]))
            else:
                out.append(revealed[i + len("TypedDict(") : name_end])
            i = j + 1
        else:
            out.append(revealed[i])
            i += 1
    return re.sub(r"[\w.]+\.(\w+)", r"\1", "".join(out)).rstrip("*")


def test_correct_code_type_checks_clean(mypy_output: dict[str, list[tuple[int, str, str, str | None]]]) -> None:
    assert mypy_output.get("correct_usage.py", []) == []


def test_each_typical_mistake_is_reported_on_its_line(
    mypy_output: dict[str, list[tuple[int, str, str, str | None]]],
) -> None:
    expected = _marked("typical_mistakes.py", "E")
    assert len(expected) >= 10
    reported = {(line, code) for line, kind, _, code in mypy_output.get("typical_mistakes.py", []) if kind == "error"}
    assert reported == set(expected.items())


def test_reveal_type_names_each_methods_typeddict(
    mypy_output: dict[str, list[tuple[int, str, str, str | None]]],
) -> None:
    expected = _marked("revealed.py", "R")
    revealed = {
        line: message.removeprefix("Revealed type is ").strip('"')
        for line, kind, message, _ in mypy_output.get("revealed.py", [])
        if kind == "note" and message.startswith("Revealed type is")
    }
    assert set(revealed) == set(expected)
    for line, wanted in expected.items():
        bare = _short(revealed[line])
        assert _same(bare, wanted), f"line {line}: revealed {revealed[line]!r}, expected {wanted!r}"


def _same(bare: str, wanted: str) -> bool:
    """``bare`` names ``wanted``; an anonymous TypedDict whose keys several share (``A|B``) names any of them."""
    split = re.compile(r"([\[\], ]+)")
    got, expected = split.split(bare), split.split(wanted)
    return len(got) == len(expected) and all(g == w or w in g.split("|") for g, w in zip(got, expected, strict=True))
