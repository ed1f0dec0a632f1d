"""The public surface of press_blocks, derived from the ``__all__`` of its public modules, and the reference's entries.

A public module is ``press_blocks`` or any module below it with no ``_``-prefixed part. A public
name is one its module lists in ``__all__``; a public class's members are its attributes with no
leading ``_`` (methods, properties, fields), except on exceptions and TypedDicts, whose entries
are the class itself (their keys and the exception's attributes are in its docstring).
"""

from __future__ import annotations

import dataclasses
import enum
import html
import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, is_typeddict

import press_blocks

ANCHOR = re.compile(r'\bid="(press_blocks[\w.]*)"')


def public_modules() -> dict[str, Any]:
    modules = {"press_blocks": press_blocks}
    for info in pkgutil.walk_packages(press_blocks.__path__, "press_blocks."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            modules[info.name] = importlib.import_module(info.name)
    return {name: module for name, module in modules.items() if hasattr(module, "__all__")}


def _ours(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "press_blocks"


def _members(cls: type) -> set[str]:
    if issubclass(cls, BaseException | enum.Enum) or is_typeddict(cls) or not _ours(cls):
        return set()
    names: set[str] = set()
    # The class and its private bases (RunningEmulator's controls live in a private _Controls).
    for owner in [cls, *(b for b in cls.__mro__[1:] if b.__name__.startswith("_") and _ours(b))]:
        names |= {name for name in vars(owner) if not name.startswith("_")}
        if "__init__" in vars(owner):  # attributes the instance gets in __init__ (``self.base_url = ...``)
            try:
                source = inspect.getsource(vars(owner)["__init__"])
            except (OSError, TypeError):
                source = ""
            names |= set(re.findall(r"^\s*self\.([a-z]\w*)\s*[:=]", source, re.M))
    if dataclasses.is_dataclass(cls):
        names |= {f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    return names


def surface() -> dict[str, set[str]]:
    """Every public name and member, each mapped to the qualified names under which it may be documented.

    A name exported by several modules (``press_blocks.NotFoundException`` is
    ``press_blocks.errors.NotFoundException``) is documented once under any of them.
    """
    spellings: dict[int, set[str]] = defaultdict(set)
    objects: dict[int, Any] = {}
    for module_name, module in public_modules().items():
        for name in module.__all__:
            obj = getattr(module, name)
            # Constants (ints, strings) are compared by name, not identity.
            key = id(obj) if inspect.isclass(obj) or callable(obj) else hash((module_name, name))
            objects[key] = obj
            spellings[key].add(f"{module_name}.{name}")
    wanted: dict[str, set[str]] = {}
    for key, names in spellings.items():
        first = min(names)
        wanted[first] = names
        obj = objects[key]
        if inspect.isclass(obj):
            for member in _members(obj):
                wanted[f"{first}.{member}"] = {f"{name}.{member}" for name in names}
    return wanted


def documented(site: Path) -> set[str]:
    """The qualified names the built API reference has an entry (an anchor) for."""
    found: set[str] = set()
    for page in (site / "reference").rglob("index.html"):
        found |= {html.unescape(m) for m in ANCHOR.findall(page.read_text(encoding="utf-8"))}
    return found


def missing(site: Path) -> list[str]:
    have = documented(site)
    return sorted(name for name, spellings in surface().items() if not spellings & have)
