"""The generated package is what the document generates, and covers every operation."""

from __future__ import annotations

import importlib
import re
import subprocess

from tests.contract._document import ROOT, load_document, operations


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _tag_module(tag: str) -> str:
    return tag.lower().replace(" ", "_")


def test_codegen_check_passes() -> None:
    result = subprocess.run(
        [str(ROOT / "codegen.sh"), "--check"], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_every_operation_has_generated_functions() -> None:
    for path, method, op in operations(load_document()):
        module = importlib.import_module(
            f"press_blocks_api.api.{_tag_module(op['tags'][0])}.{_snake(op['operationId'])}"
        )
        for function in ("sync_detailed", "asyncio_detailed", "_get_kwargs"):
            assert callable(getattr(module, function)), (method, path, function)
        source = (ROOT / "generated" / module.__name__.replace(".", "/")).with_suffix(".py").read_text()
        python_path = re.sub(r"\{(\w+)\}", lambda m: "{" + _snake(m.group(1)) + "}", path)
        assert f'"method": "{method}"' in source, (method, path)
        assert f'"url": "{python_path}"' in source, (method, path)
