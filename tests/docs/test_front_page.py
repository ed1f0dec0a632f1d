"""The README is the front page: short, its quick start runs as written, and its links lead somewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    section = re.search(r"\[start:quickstart\] -->\n(.*?)<!-- --8<-- \[end:quickstart\]", text, re.DOTALL)
    assert section, "the quick start markers are gone"
    (code,) = re.findall(r"```python\n(.*?)```", section.group(1), re.DOTALL)
    return code


def test_the_front_page_is_a_front_page() -> None:
    """A few hundred lines at most: the documentation lives in docs/, and the README points at every page."""
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md") if p.name != "index.md")
    pages.remove("docs/changelog.md")  # the README links CHANGELOG.md itself
    missing = [page for page in pages if f"]({page})" not in text]
    assert not missing, f"the README does not point at {missing}"


def test_the_quick_start_is_short() -> None:
    lines = [line for line in quick_start().splitlines() if line.strip()]
    assert len(lines) <= 15, f"{len(lines)} lines"


@pytest.mark.e2e
@pytest.mark.timeout(120)
def test_the_quick_start_runs_as_written(tmp_path: Path) -> None:
    script = tmp_path / "quick_start.py"
    script.write_text(quick_start(), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no token, no PRESS_BASE_URL: it needs none
    proc = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90, check=False
    )
    assert proc.returncode == 0, proc.stderr
    version, listed = proc.stdout.splitlines()
    assert version == "1.0.0"
    assert re.fullmatch(r"[0-9a-f-]{36} hello-block", listed), listed


def test_every_link_of_the_front_page_leads_to_a_file() -> None:
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README.read_text(encoding="utf-8"))
    local = [link for link in links if not link.startswith(("http://", "https://"))]
    assert local
    missing = [link for link in local if not (ROOT / link).exists()]
    assert not missing, f"the front page links to missing files: {missing}"


def test_the_install_lines_name_the_wheel_a_build_makes() -> None:
    """README and getting-started say how to install before the package is published, with today's wheel name."""
    import press_blocks

    wheel = f"dist/press_blocks-{press_blocks.__version__}-py3-none-any.whl"
    for page in (README, ROOT / "docs" / "getting-started.md"):
        text = page.read_text(encoding="utf-8")
        assert "pip install -e '.[cli,emulator]'" in text, page
        assert "pip wheel --no-deps -w dist ." in text, page
        assert f"pip install '{wheel}[cli,emulator]'" in text, page


def test_the_supported_pythons_are_the_ones_declared_and_tested() -> None:
    from tests.pythons._interpreters import supported

    versions = supported()
    said = ", ".join(versions[:-1]) + f" and {versions[-1]}"
    for page in (README, ROOT / "docs" / "getting-started.md"):
        assert f"CPython {said}" in page.read_text(encoding="utf-8"), page
