"""Semantic versions (semver.org 2.0.0): parsing and precedence, for spec releases."""

from __future__ import annotations

import re
from functools import total_ordering

__all__ = ["SemVer"]

_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?",
    # \d is any Unicode digit otherwise: "1.1٢.0" would parse as 1.12.0.
    re.ASCII,
)


@total_ordering
class SemVer:
    """A parsed semantic version, ordered by semver precedence (build metadata is ignored)."""

    def __init__(self, text: str) -> None:
        found = _SEMVER.fullmatch(text)
        if found is None:
            raise ValueError(f"{text!r} is not a semantic version (MAJOR.MINOR.PATCH)")
        self.text = text
        self.core = (int(found[1]), int(found[2]), int(found[3]))
        self.pre: tuple[str, ...] = tuple(found[4].split(".")) if found[4] else ()

    @staticmethod
    def valid(text: str) -> bool:
        """Return whether ``text`` is a semantic version."""
        return _SEMVER.fullmatch(text) is not None

    def _key(self) -> tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]:
        # A release without a pre-release part ranks above any pre-release of the same core;
        # numeric identifiers rank below alphanumeric ones and compare as numbers.
        pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.pre)
        return (self.core, 0 if self.pre else 1, pre)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SemVer) and self._key() == other._key()

    def __lt__(self, other: SemVer) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"SemVer({self.text!r})"
