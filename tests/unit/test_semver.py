"""Semantic versions: ASCII digits only (issue 22)."""

from __future__ import annotations

import pytest

from press_blocks._semver import SemVer


@pytest.mark.parametrize("text", ["1.1\u0662.0", "\u0661.0.0", "1.0.0-\u0663", "1.0.0+b\u0664", "1.0.\uff10"])
def test_non_ascii_digits_are_not_a_version(text: str) -> None:
    assert not SemVer.valid(text)
    with pytest.raises(ValueError, match="is not a semantic version"):
        SemVer(text)


def test_ascii_versions_still_parse_and_order() -> None:
    assert SemVer("1.12.0") > SemVer("1.2.0") > SemVer("1.2.0-rc.1") > SemVer("1.2.0-beta")
    assert SemVer("1.0.0+b1") == SemVer("1.0.0+b2")
