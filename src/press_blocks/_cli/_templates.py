"""Rendering request files: Jinja2 in a sandbox, strict about undefined names, includes kept in place.

A request file is a Jinja2 template of YAML, as with ``peak blocks``: the variables are the
``-v/--params-file`` mapping overridden by ``-p key=value`` pairs, plus ``os_env``. Unlike peak,
the environment is sandboxed and an undefined variable is an error that names the variable, the
file and the line, instead of rendering as nothing and silently dropping the key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from press_blocks._cli._errors import UsageError

__all__ = ["load_params", "parse_params", "render_template"]

_INSTALL_HINT = "request files need the 'cli' extra (Jinja2): pip install 'press-blocks[cli]'"


def parse_params(pairs: Sequence[str] | None) -> dict[str, str]:
    """Turn repeatable ``key=value`` options into a mapping; the value may itself contain ``=``."""
    parsed: dict[str, str] = {}
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-p/--params takes key=value, not {pair!r}")
        parsed[key.strip()] = value
    return parsed


def load_params(path: str | None) -> dict[str, Any]:
    """Read a ``-v/--params-file``: a YAML mapping; an empty file means no parameters."""
    if path is None:
        return {}
    from press_blocks._cli._reading import load_yaml, read_text_file

    data = load_yaml(read_text_file(path, "the params file"), path, what="the params file ")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"the params file {path} must hold a mapping of names to values, not a {type(data).__name__}")
    return {str(key): value for key, value in data.items() if value is not None}


def render_template(path: str, variables: Mapping[str, Any]) -> str:
    """Render the request file at ``path`` with ``variables`` and ``os_env``; return the YAML text."""
    try:
        # Jinja2 loads only for commands that read a request file.
        from press_blocks._cli import _jinja
    except ImportError as exc:
        if exc.name not in ("jinja2", "markupsafe"):
            raise
        raise UsageError(_INSTALL_HINT) from None
    return _jinja.render(path, variables)
