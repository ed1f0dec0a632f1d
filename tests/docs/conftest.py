"""Start making the docs and demo venvs as soon as collection shows a test will use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._cached_venvs import start

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.option.collectonly:
        return
    from tests.docs.test_demo_venv import demo_venv
    from tests.docs.test_site import docs_venv

    paths = {item.path for item in items}
    if HERE / "test_site.py" in paths:
        start("docs", docs_venv)
    if HERE / "test_demo_venv.py" in paths:
        start("demo", demo_venv)
