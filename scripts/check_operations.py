"""Every place an operation of the document still lacks, one line each; run by ``scripts/check-operations``.

    .venv/bin/python scripts/check_operations.py   exit 1 and list what is missing, or exit 0

The operations are read from ``openapi/press-blocks.yaml`` with the same rules as
``codegen/operations.py`` (so the check is right even before ``./codegen.sh``). For each, the
places are: its generated endpoint module, its builder ``_requests.<name>_call``, its client
method on ``AsyncBlock`` and ``Block`` (the operation's ``x-press-blocks-method``, or its own
snake_case name) with its raw form, the emulator's handler, a command calling the method (one is
derived from the document for an operation without a request body), its wire row in
``tests/unit/test_wire_contract.py``, and its argument cases in ``tests/unit/_cases.py`` (an
invalid-argument call; hostile ids, with path parameters; a POST's retry safety; a body JSON
cannot carry). The test run calls
:func:`missing` (``tests/unit/test_operations.py``).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "openapi" / "press-blocks.yaml"


def _codegen_operations() -> ModuleType:
    spec = importlib.util.spec_from_file_location("codegen_operations", ROOT / "codegen" / "operations.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def document_operations(path: Path = DOCUMENT) -> list[dict[str, Any]]:
    """Each operation of the document: its ids, names, method, path, and whether it has path parameters."""
    codegen = _codegen_operations()
    document = codegen.load(path)
    found = []
    for path_template, item in document["paths"].items():
        for method in codegen.METHODS:
            if method in item:
                operation = item[method]
                name, module, client_method = codegen.names(operation)
                found.append(
                    {
                        "operationId": operation["operationId"],
                        "name": name,
                        "module": module,
                        "client_method": client_method,
                        "method": method.upper(),
                        "path": path_template,
                        "has_path_parameters": "{" in path_template,
                        "has_body": "requestBody" in operation,
                    }
                )
    return found


def _handlers() -> set[str]:
    from press_blocks.emulator._api import Api

    # No contract: the constructor's own completeness check is this script's to report.
    api = Api(store=SimpleNamespace(), contract=SimpleNamespace(operations={}))  # type: ignore[arg-type]
    return set(api.handlers)


def _tests_table(module: str, name: str) -> list[Any]:
    sys.path.insert(0, str(ROOT))
    try:
        table: list[Any] = getattr(importlib.import_module(module), name)
    finally:
        sys.path.remove(str(ROOT))
    return table


def _first_values(table: list[Any]) -> set[str]:
    # pytest.param(...) keeps its arguments in .values; plain tuples are the arguments.
    return {str(getattr(row, "values", row)[0]) for row in table}


def missing(path: Path = DOCUMENT) -> list[str]:
    """One line per missing place, naming the operationId and where to add it; empty when complete."""
    from press_blocks import AsyncBlock, Block, _requests
    from press_blocks._async.block import AsyncBlockWithRawResponse
    from press_blocks._sync.block import BlockWithRawResponse

    handlers = _handlers()
    from press_blocks._cli._commands import commanded_methods

    commanded = commanded_methods()
    wire = _tests_table("tests.unit.test_wire_contract", "OPERATION_TABLE")
    invocations = _first_values(_tests_table("tests.unit.test_wire_contract", "INVOCATIONS"))
    invalid = _first_values(_tests_table("tests.unit._cases", "BLOCK_INVALID"))
    hostile = _first_values(_tests_table("tests.unit._cases", "ID_CALLS"))
    posts = _first_values(_tests_table("tests.unit._cases", "POST_CALLS"))
    bodies = _first_values(_tests_table("tests.unit._cases", "BODY_CALLS"))
    wired = {(verb, template) for rows in dict(wire).values() for verb, template in rows}
    lines = []
    for op in document_operations(path):
        oid, name, method = op["operationId"], op["name"], op["client_method"]

        def lack(place: str, where: str, oid: str = oid) -> None:
            lines.append(f"{oid}: no {place} ({where})")

        try:
            importlib.import_module(op["module"])
        except ImportError:
            lack("generated endpoint module " + op["module"], "run ./codegen.sh")
        if not callable(getattr(_requests, f"{name}_call", None)):
            lack(f"builder {name}_call", "src/press_blocks/_requests.py")
        if not callable(getattr(AsyncBlock, method, None)):
            lack(f"method {method}", "src/press_blocks/_block.py, then python scripts/unasync.py")
        else:
            if not callable(getattr(Block, method, None)):
                lack(f"sync method Block.{method}", "run python scripts/unasync.py")
            if method not in vars(AsyncBlockWithRawResponse) or method not in vars(BlockWithRawResponse):
                lack(f"raw form {method}", "run python scripts/unasync.py")
        if oid not in handlers:
            lack("emulator handler", "src/press_blocks/emulator/_api.py, Api.handlers")
        # An operation without a body gets a command derived from the document (_cli/_parser.py).
        if method not in commanded and op["has_body"]:
            lack(
                f"command calling {method}",
                "src/press_blocks/_cli/_parser.py and COMMANDS in src/press_blocks/_cli/_commands.py",
            )
        if (op["method"], op["path"]) not in wired or method not in invocations:
            lack(f"wire row for {method}", "OPERATION_TABLE and INVOCATIONS in tests/unit/test_wire_contract.py")
        needed = {
            "BLOCK_INVALID": invalid,
            "ID_CALLS": hostile if op["has_path_parameters"] else None,  # an id to make hostile
            "POST_CALLS": posts if op["method"] == "POST" else None,  # a POST's retry safety
            "BODY_CALLS": bodies if op["has_body"] else None,  # a body JSON cannot carry
        }
        tables = [name for name, rows in needed.items() if rows is not None and method not in rows]
        if tables:
            lack(f"argument cases for {method}", f"{' and '.join(tables)} in tests/unit/_cases.py")
    return lines


def main(argv: list[str]) -> int:
    if argv:
        print("usage: scripts/check-operations", file=sys.stderr)
        return 2
    lines = missing()
    for line in lines:
        print(line)
    if lines:
        print(f"check-operations: {len(lines)} missing place(s)", file=sys.stderr)
        return 1
    print(f"check-operations: every operation of {DOCUMENT.relative_to(ROOT)} is complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
