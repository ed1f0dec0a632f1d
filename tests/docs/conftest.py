"""Start making the docs venv as soon as collection shows a test will build the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._cached_venvs import start

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.option.collectonly:
        return
    from tests.docs.test_site import docs_venv

    if any(item.path == HERE / "test_site.py" for item in items):
        start("docs", docs_venv)
