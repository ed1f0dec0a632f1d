"""The emulator package's layout: no import cycle among its modules, and each imports on its own."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import press_blocks.emulator as package

PACKAGE = package.__name__
PACKAGE_DIR = Path(package.__file__).parent
MODULES = sorted(f"{PACKAGE}.{p.stem}" for p in PACKAGE_DIR.glob("*.py") if p.stem not in ("__init__", "__main__"))


def imported_modules(path: Path) -> set[str]:
    """Every module of the package that ``path`` imports, wherever the import sits (TYPE_CHECKING included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            # `from package import name` may name a submodule, or a re-export that loads one.
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(n for n in names if n == PACKAGE or n.startswith(PACKAGE + "."))
    return found


def module_graph() -> dict[str, set[str]]:
    """The package's modules and, for each, the package modules it imports."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE_DIR.glob("*.py"):
        name = PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"
        graph[name] = {m for m in imported_modules(path) if m in MODULES or m == PACKAGE} - {name}
    return graph


def test_the_module_graph_has_no_cycle() -> None:
    graph = module_graph()
    assert len(graph) > 10, "the graph was built from the package's files"
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle in the emulator package: {' -> '.join(reversed(exc.args[1]))}") from None
    assert set(order) >= set(MODULES)


def test_the_cycle_check_sees_a_cycle() -> None:
    # The check above must be able to fail: a graph with the old app <-> emulator circle is refused.
    graph = module_graph()
    graph[f"{PACKAGE}._app"].add(f"{PACKAGE}._emulator")
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError:
        return
    raise AssertionError("a cycle went unnoticed")


def test_the_shared_wire_module_is_a_leaf() -> None:
    graph = module_graph()
    # Constants are a leaf too, so the wire module may read its limits there.
    assert graph[f"{PACKAGE}._wire"] <= {f"{PACKAGE}._errors", f"{PACKAGE}._constants"}
    assert graph[f"{PACKAGE}._constants"] == set()
    for adapter in ("_server", "_transport"):
        assert graph[f"{PACKAGE}.{adapter}"] <= {f"{PACKAGE}._wire"}, adapter
    for part in ("_app", "_api", "_control"):
        assert f"{PACKAGE}._emulator" not in graph[f"{PACKAGE}.{part}"], part


def test_each_module_imports_on_its_own() -> None:
    # One fresh interpreter; before each import every module of the package is forgotten.
    code = (
        "import importlib, json, sys\n"
        f"failed = {{}}\n"
        f"for name in {MODULES!r}:\n"
        "    for loaded in [m for m in sys.modules if m.startswith('press_blocks.emulator')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed[name] = repr(exc)\n"
        "print(json.dumps(failed))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {}
