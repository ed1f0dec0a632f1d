"""pyright (what VS Code's Pylance runs) in its standard mode accepts users' correct code, as mypy --strict does.

pyright also reports reading a key a ``TypedDict`` does not promise (``spec["metadata"]``
when ``metadata`` is ``NotRequired``), which mypy never does; so the response schemas must
require what the service always returns. The cases are those of ``test_user_code_types.py``
plus the README's quick start, as a user copies it. pyright is pinned with the OpenAPI
linters (``scripts/openapi-lint/package*.json``) and installed into ``.npm-tools/``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.typing.test_user_code_types import CASES, ROOT, _marked

pytestmark = pytest.mark.timeout(600)

README = ROOT / "README.md"
PYRIGHT = ROOT / ".npm-tools" / "node_modules" / ".bin" / "pyright"
# mypy-only codes: pyright's standard mode leaves these to its stricter settings.
MYPY_ONLY = {"comparison-overlap"}


def readme_quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    block = text[text.index("<!-- --8<-- [start:quickstart] -->") : text.index("<!-- --8<-- [end:quickstart] -->")]
    (code,) = re.findall(r"```python\n(.*?)```", block, re.S)
    return code


@pytest.fixture(scope="module")
def pyright_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Run pyright once (standard mode) over the cases and the quick start; its errors by file name."""
    subprocess.run(
        ["bash", "-c", "source scripts/_npm_tools.sh && ensure_npm_tools"],
        cwd=ROOT,
        check=True,
        timeout=300,
        capture_output=True,
    )
    # pyright checks only files under its project's folder: a copy of each case, beside its config.
    work = tmp_path_factory.mktemp("pyright")
    for case in CASES.glob("*.py"):
        (work / case.name).write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "readme_quick_start.py").write_text(readme_quick_start(), encoding="utf-8")
    config = work / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "standard", "pythonVersion": "3.11"}), encoding="utf-8")
    proc = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--project", str(config), "--pythonpath", sys.executable],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["summary"]["filesAnalyzed"] == len(list(CASES.glob("*.py"))) + 1, report["summary"]
    errors: dict[str, list[dict[str, Any]]] = {}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            errors.setdefault(Path(diagnostic["file"]).name, []).append(diagnostic)
    return errors


def _lines(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics]


@pytest.mark.parametrize("name", ["correct_usage.py", "revealed.py", "readme_quick_start.py"])
def test_correct_code_has_no_pyright_error(pyright_errors: dict[str, list[dict[str, Any]]], name: str) -> None:
    assert _lines(pyright_errors.get(name, [])) == []


def test_pyright_reports_the_typical_mistakes_and_nothing_else(
    pyright_errors: dict[str, list[dict[str, Any]]],
) -> None:
    expected = {line for line, code in _marked("typical_mistakes.py", "E").items() if code not in MYPY_ONLY}
    reported = {d["range"]["start"]["line"] + 1 for d in pyright_errors.get("typical_mistakes.py", [])}
    assert reported == expected, _lines(pyright_errors.get("typical_mistakes.py", []))
