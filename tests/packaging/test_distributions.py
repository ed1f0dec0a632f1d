"""The built wheel and sdist carry what a user and a packager need, and each one installs and works."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from press_blocks import __version__
from tests.packaging.conftest import ROOT, Dists, run

pytestmark = pytest.mark.timeout(900)

SMOKE = Path(__file__).with_name("_smoke.py")


def files_under(*roots: str) -> set[str]:
    """Every file the checkout has under `roots`, as sdist-relative names (no byte-code)."""
    names: set[str] = set()
    for root in roots:
        path = ROOT / root
        if path.is_file():
            names.add(root)
            continue
        for file in path.rglob("*"):
            if (file.is_file() or file.is_symlink()) and "__pycache__" not in file.parts:
                names.add(file.relative_to(ROOT).as_posix())
    return names


def test_the_wheel_carries_both_packages_the_document_the_markers_and_the_entry_points(dists: Dists) -> None:
    names = dists.wheel_names()
    for package, root in (("press_blocks", "src"), ("press_blocks_api", "generated")):
        expected = {n.removeprefix(f"{root}/") for n in files_under(f"{root}/{package}") if n.endswith(".py")}
        assert expected, package
        assert expected <= names, f"missing from the wheel: {sorted(expected - names)[:10]}"
    assert {"press_blocks/py.typed", "press_blocks_api/py.typed"} <= names
    with zipfile.ZipFile(dists.wheel) as archive:
        document = archive.read("press_blocks/emulator/press-blocks.yaml")
        info = f"press_blocks-{__version__}.dist-info"
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        metadata = archive.read(f"{info}/METADATA").decode()
        license_text = archive.read(f"{info}/licenses/LICENSE").decode()
    assert document == (ROOT / "openapi" / "press-blocks.yaml").read_bytes(), "the shipped document is the contract"
    assert "press-blocks = press_blocks.cli:main" in entry_points
    assert "press_blocks_emulator = press_blocks.emulator.pytest_plugin" in entry_points
    assert "License-Expression: Apache-2.0" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Apache License" in license_text
    assert "the press-blocks authors" in license_text
    assert not any(n.startswith(("tests/", "scripts/", "docs/")) for n in names), "the wheel is the packages only"


def test_the_sdist_carries_everything_to_rebuild_and_test(dists: Dists) -> None:
    names = dists.sdist_names()
    expected = files_under(
        "src", "generated", "openapi", "codegen", "codegen.sh", "tests", "scripts", ".ci", "docs", "examples",
        "mkdocs.yml", "README.md", "CHANGELOG.md", "LICENSE", "pyproject.toml",
    )  # fmt: skip
    assert not expected - names, f"missing from the sdist: {sorted(expected - names)[:10]}"
    assert {"scripts/test", "scripts/_venv.sh", ".ci/run"} <= names


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_each_artifact_installs_into_a_clean_venv_and_passes_the_smoke_test(
    kind: str, installed: dict[str, Path], tmp_path: Path
) -> None:
    python = installed[kind]
    report = json.loads(run([str(python), str(SMOKE)], timeout=120, cwd=tmp_path).stdout)
    venv = python.parent.parent
    assert Path(report["location"]).is_relative_to(venv), "imported from the venv, not the checkout"
    assert Path(report["api_location"]).is_relative_to(venv)
    assert report["version"] == report["distribution_version"] == __version__
    assert report["typed"] == [True, True]
    assert report["document"] is True
    assert report["described"] == {"id": report["spec_id"], "name": "smoke"}
    assert report["script"] == "press_blocks.cli:main"
    assert report["plugin"] == "press_blocks.emulator.pytest_plugin"
    version = run([str(venv / "bin" / "press-blocks"), "--version"], timeout=60, cwd=tmp_path).stdout
    assert version.strip() == f"press-blocks {__version__}"
