"""The Jinja2 side of request files: a sandboxed, strict environment with file-relative includes."""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
import jinja2.sandbox
from jinja2.exceptions import SecurityError

from press_blocks._cli._errors import UsageError

__all__ = ["render"]

# An include tag; what precedes it on its line sets the indentation of every included line.
_INCLUDE = re.compile(r"^(?P<before>.*?)(?P<tag>\{%(?P<lmod>[-+]?)\s*include\s.*?(?P<rmod>[-+]?)%\})", re.MULTILINE)
# `context:` values in an included file are paths relative to that file; peak rewrites them
# relative to the top file's directory, and so do we, so a shared image definition keeps working.
_CONTEXT = re.compile(r"^(\s*context\s*:\s+)(.+)$", re.MULTILINE)


def render(path: str, variables: Mapping[str, Any]) -> str:
    """Render the request file at ``path`` with ``variables`` and ``os_env``; return the YAML text."""
    root = Path(path).resolve()
    if not root.is_file():
        raise UsageError(f"no such file: {path}")
    loaded: set[str] = set()
    env = _Environment(
        loader=_Loader(root.parent, loaded),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        extensions=[_IndentingIncludes],
    )
    try:
        template = env.get_template(str(root))
        return template.render({**variables, "os_env": dict(os.environ)})
    except jinja2.TemplateSyntaxError as exc:
        where = _display(exc.filename or str(root))
        raise UsageError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"{_where(exc, loaded, path)}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise UsageError(
            f"{_where(exc, loaded, path)}: undefined variable: {exc.message}; "
            "give it with -p NAME=VALUE or in the -v/--params-file"
        ) from None
    except SecurityError as exc:
        raise UsageError(f"{_where(exc, loaded, path)}: not allowed in a request file: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: includes nest too deeply (does a file include itself?)") from None
    except jinja2.TemplateError as exc:
        raise UsageError(f"{_where(exc, loaded, path)}: {exc.message or type(exc).__name__}") from None


class _Environment(jinja2.sandbox.SandboxedEnvironment):
    def join_path(self, template: str, parent: str) -> str:
        # Includes are relative to the including file, wherever the command runs from.
        if os.path.isabs(template):
            return template
        return str(Path(parent).parent / template)


class _IndentingIncludes(jinja2.ext.Extension):
    """Indent every line an ``{% include %}`` brings in by the width of what precedes the tag."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        def wrap(found: re.Match[str]) -> str:
            before = found["before"]
            opening = f"{{%{found['lmod']} filter indent({len(before)}) %}}"
            closing = f"{{% endfilter {found['rmod']}%}}"
            return f"{before}{opening}{found['tag']}{closing}"

        return _INCLUDE.sub(wrap, source)


class _Loader(jinja2.BaseLoader):
    """Reads templates by absolute path; an included file gets its ``context:`` paths rebased."""

    def __init__(self, root_dir: Path, loaded: set[str]) -> None:
        self.root_dir = root_dir
        self.loaded = loaded

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        file = Path(template)
        if not file.is_file():
            raise jinja2.TemplateNotFound(template, f"no such file to include: {_display(template)}")
        text = file.read_text(encoding="utf-8")
        if self.loaded and file.parent != self.root_dir:
            text = _rebase_contexts(text, file.parent, self.root_dir)
        self.loaded.add(str(file))
        return text, str(file), lambda: True


def _rebase_contexts(text: str, file_dir: Path, root_dir: Path) -> str:
    def rebase(found: re.Match[str]) -> str:
        value = found[2].strip().strip("\"'")
        return f"{found[1]}{os.path.relpath(file_dir / value, root_dir)}"

    return _CONTEXT.sub(rebase, text)


def _where(exc: BaseException, loaded: set[str], fallback: str) -> str:
    """Return ``file:line`` of the innermost template frame of a rendering error."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename in loaded:
            return f"{_display(frame.filename)}:{frame.lineno}"
    return fallback


def _display(filename: str) -> str:
    relative = os.path.relpath(filename)
    return filename if relative.startswith("..") else relative
