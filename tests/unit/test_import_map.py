"""The migration page's import map: every peak-sdk name it lists exists there, and its press-blocks name here.

The table is read from ``docs/migrating.md`` itself, so the page and this test cannot drift. The
peak-sdk side is checked in ``.venv-peak`` (peak-sdk 1.29.0), which also says which public
names of ``peak.exceptions``, ``peak.session`` and ``peak.press.blocks`` the map must cover.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests._peak_sdk import PeakSdkUnavailable, peak_sdk_python

PAGE = Path(__file__).resolve().parents[2] / "docs" / "migrating.md"
NONE = "—"  # a peak name with no counterpart in the library (the note says why)
CELL = re.compile(r"^`([\w.]+)`$")

# Resolves each dotted name (a module, or a module's attribute, or an attribute of that) and
# prints the module's public names (__all__) for the modules the map must cover.
_PEAK_PROBE = """
import importlib, json, sys
names = json.loads(sys.argv[1])
def resolve(dotted):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            found = getattr(found, attr)
        return True
    return False
missing = []
for name in names:
    try:
        ok = resolve(name)
    except AttributeError:
        ok = False
    if not ok:
        missing.append(name)
import peak.exceptions, peak.session, peak.press.blocks
public = {m.__name__: sorted(n for n in m.__all__ if not n.startswith("_"))
          for m in (peak.exceptions, peak.session, peak.press.blocks)}
print(json.dumps({"missing": missing, "public": public}))
"""


def import_map() -> list[tuple[str, str | None, str]]:
    """The rows of the page's import map: (peak name, press-blocks name or None, note)."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("## Import map") :]
    section = section[: section.index("\n## ", 1)]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("peak-sdk 1.29", "---"):
            continue
        peak, ours, note = cells
        peak_name = CELL.match(peak)
        assert peak_name, f"{line!r}: the peak-sdk cell is not one dotted name in backticks"
        if ours == NONE:
            assert note, f"{line!r}: a name without a counterpart needs a note saying why"
            rows.append((peak_name[1], None, note))
            continue
        our_name = CELL.match(ours)
        assert our_name, f"{line!r}: the press-blocks cell is not one dotted name in backticks (or {NONE})"
        rows.append((peak_name[1], our_name[1], note))
    return rows


def resolve(dotted: str) -> Any:
    """The module, or attribute of the longest importable module prefix, that ``dotted`` names."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            found = getattr(found, attr)
        return found
    raise ImportError(dotted)


def test_the_map_has_rows() -> None:
    rows = import_map()
    assert len(rows) >= 20
    assert ("peak.exceptions.BaseHttpException", "press_blocks.errors.APIStatusError") in [r[:2] for r in rows]


@pytest.mark.parametrize(("peak", "ours"), [row[:2] for row in import_map() if row[1] is not None])
def test_each_press_blocks_name_exists(peak: str, ours: str) -> None:
    resolve(ours)  # raises when the name is gone


def test_each_error_maps_to_an_error() -> None:
    for peak, ours, _ in import_map():
        if ours and peak.startswith("peak.exceptions.") and peak.endswith(("Exception", "Error")):
            found = resolve(ours)
            assert isinstance(found, type), ours
            assert issubclass(found, Exception), ours


def test_each_peak_name_exists_and_every_public_one_is_mapped() -> None:
    try:
        python = peak_sdk_python()
    except PeakSdkUnavailable as exc:
        pytest.fail(f"peak-sdk 1.29.0 is needed to check the import map: {exc}")
    rows = import_map()
    mapped = [peak for peak, _, _ in rows]
    probe = subprocess.run(
        [str(python), "-c", _PEAK_PROBE, json.dumps(mapped)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(probe.stdout)
    assert found["missing"] == [], "not in peak-sdk 1.29"
    for module, names in found["public"].items():
        for name in names:
            assert f"{module}.{name}" in mapped, f"{module}.{name} is not in the import map"
    for module in ("peak.press.blocks", "peak.session", "peak.exceptions"):
        assert module in mapped or any(name.startswith(module + ".") for name in mapped)
    assert "peak.press.blocks.Block" in mapped  # imported by users though not in its __all__
