"""The client guide's examples for waiting, raw responses, per-call options and dry runs run as they stand."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "client.md"
FIRST, LAST = "## Waiting for a deployment", "## Typed results"


def _examples() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index(FIRST) : text.index(LAST)]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_examples_run(tmp_path: Path) -> None:
    """All four in one interpreter (each in its own namespace), so the imports are paid once."""
    examples = _examples()
    assert len(examples) == 4
    runner = tmp_path / "examples.py"
    runner.write_text(
        "import sys\n"
        "for index, path in enumerate(sys.argv[1:]):\n"
        "    print(f'--- example {index}', flush=True)\n"
        "    exec(compile(open(path).read(), path, 'exec'), {'__name__': '__main__'})\n",
        encoding="utf-8",
    )
    paths = []
    for index, example in enumerate(examples):
        paths.append(tmp_path / f"example_{index}.py")
        paths[-1].write_text(example, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PEAK", "PRESS_", "API_KEY", "STAGE"))}
    done = subprocess.run(
        [sys.executable, str(runner), *map(str, paths)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    outputs = done.stdout.split("--- example ")[1:]
    for output, expected in zip(outputs, ["deployed", "200", "build-1234", "Dry run of create_spec"], strict=True):
        assert expected in output
