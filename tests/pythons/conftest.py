"""Start the other CPythons' runs as soon as collection shows they are wanted, to overlap the rest of the suite."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tests._cached_venvs import start
from tests.pythons._interpreters import current, run_suite, supported

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.option.collectonly or not any(item.path.is_relative_to(HERE) for item in items):
        return
    for version in supported():
        if version != current():
            start(f"python-{version}", functools.partial(run_suite, version))
