"""Each CPython the project declares (3.11 and up) installs it, imports it, passes the wire contract and examples.

This suite's own interpreter runs everything; each other supported version runs
``tests/unit/test_wire_contract.py`` and ``tests/examples`` in its cached venv, in the
background while the rest of the suite runs (see ``conftest.py``).
"""

from __future__ import annotations

import functools
import re
import tomllib

import pytest

from tests._cached_venvs import PYPROJECT, result
from tests.pythons._interpreters import current, interpreter, run_suite, supported

pytestmark = pytest.mark.timeout(1200)


def test_the_declared_versions_start_at_the_required_python_and_include_this_one() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    lowest = re.fullmatch(r">=(3\.\d+)", project["requires-python"])
    assert lowest, project["requires-python"]
    versions = supported()
    assert versions[0] == lowest[1]
    assert current() in versions
    minors = [int(v.split(".")[1]) for v in versions]
    assert minors == list(range(minors[0], minors[-1] + 1)), "a version in between is missing"


@pytest.mark.parametrize("version", supported())
def test_each_declared_version_is_installed_here(version: str) -> None:
    assert interpreter(version) is not None, f"CPython {version} is declared but not installed on this machine"


@pytest.mark.parametrize("version", [v for v in supported() if v != current()])
def test_wire_contract_and_examples_pass_on(version: str) -> None:
    summary = result(f"python-{version}", functools.partial(run_suite, version))
    assert isinstance(summary, str)
    assert re.fullmatch(r"\d+ passed(?:, \d+ warnings?)? in [\d.]+s(?: \(.*\))?", summary), summary
