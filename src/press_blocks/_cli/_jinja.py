"""The Jinja2 side of request files: a sandboxed, strict environment with file-relative, confined includes.

Rendering is bounded: includes read only under the top file's directory (and the directories in
``PRESS_BLOCKS_INCLUDE_PATH``), the output may not pass ``MAX_RENDERED_SIZE``, no operator or call
may build a string or number past it, and on the main thread rendering stops after
``MAX_RENDER_SECONDS``. Each is a usage error naming the file.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import math
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
import jinja2.meta
import jinja2.sandbox
from jinja2.exceptions import SecurityError

from press_blocks import _constants
from press_blocks._cli._errors import UsageError
from press_blocks._cli._reading import read_text_file

__all__ = ["render"]

# An include tag; what precedes it on its line sets the indentation of every included line.
_INCLUDE = re.compile(r"^(?P<before>.*?)(?P<tag>\{%(?P<lmod>[-+]?)\s*include\s.*?(?P<rmod>[-+]?)%\})", re.MULTILINE)
# `context:` values in an included file are paths relative to that file; peak rewrites them
# relative to the top file's directory, and so do we, so a shared image definition keeps working.
_CONTEXT = re.compile(r"^(\s*context\s*:\s+)(.+)$", re.MULTILINE)


def render(path: str, variables: Mapping[str, Any]) -> str:
    """Render the request file at ``path`` with ``variables`` and ``os_env``; return the YAML text.

    Every undefined variable is named at once; a ``-p``/``-v`` key no template uses is warned about on stderr.
    """
    root = Path(path).resolve()
    if not root.exists():
        raise UsageError(f"no such file: {path}")
    text, sources = _render(root, path, variables, strict=False)
    _warn_unused(path, variables, sources)
    return text


def _render(root: Path, path: str, variables: Mapping[str, Any], *, strict: bool) -> tuple[str, dict[str, str]]:
    """Render once: ``strict`` raises at the first undefined variable; otherwise each is recorded, then reported."""
    loaded: dict[str, str] = {}
    undefined: list[str] = []
    recording = type("_Undefined", (_RecordingUndefined,), {"seen": undefined})
    env = _Environment(
        loader=_Loader(root.parent, loaded, _include_dirs(root.parent)),
        undefined=jinja2.StrictUndefined if strict else recording,
        autoescape=False,
        keep_trailing_newline=True,
        extensions=[_IndentingIncludes],
    )
    try:
        template = env.get_template(str(root))
        with _time_limit():
            text = _bounded_output(template.generate({**variables, "os_env": dict(os.environ)}), path)
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
    except _RenderTimeout:
        raise UsageError(
            f"{path}: the template took over {_constants.MAX_RENDER_SECONDS:g} s to render (a loop of loops?)"
        ) from None
    except (OverflowError, MemoryError) as exc:
        raise UsageError(f"{_where(exc, loaded, path)}: the template builds too large a value: {exc}") from None
    except jinja2.TemplateError as exc:
        raise UsageError(f"{_where(exc, loaded, path)}: {exc.message or type(exc).__name__}") from None
    if undefined:
        _report_undefined(root, path, variables, list(dict.fromkeys(undefined)))
    return text, loaded


def _report_undefined(root: Path, path: str, variables: Mapping[str, Any], names: list[str]) -> None:
    """Raise one usage error naming every undefined variable, at the line of the first (from a strict render)."""
    if len(names) == 1:
        _render(root, path, variables, strict=True)  # raises, with the file and line
        raise UsageError(
            f"{path}: undefined variable: {names[0]}; give it with -p NAME=VALUE or in the -v/--params-file"
        )
    where = path
    try:
        _render(root, path, variables, strict=True)
    except UsageError as exc:
        where = str(exc).split(": undefined variable", 1)[0]
    raise UsageError(
        f"{where}: {len(names)} undefined variables: {'; '.join(names)}; "
        "give each with -p NAME=VALUE or in the -v/--params-file"
    )


def _warn_unused(path: str, variables: Mapping[str, Any], sources: Mapping[str, str]) -> None:
    """Say on stderr which given values no template reads: a misspelt ``-p nmae=x`` otherwise passes silently."""
    if not variables:
        return
    env = jinja2.sandbox.SandboxedEnvironment(extensions=[_IndentingIncludes])
    used: set[str] = set()
    for source in sources.values():
        with contextlib.suppress(jinja2.TemplateError):
            used |= jinja2.meta.find_undeclared_variables(env.parse(source))
    for name in variables:
        if name not in used:
            close = difflib.get_close_matches(name, sorted(used - set(variables)), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            print(
                f"press-blocks: warning: {path} never uses the value given for {name!r} (-p/-v){hint}",
                file=sys.stderr,
            )


class _RecordingUndefined(jinja2.Undefined):
    """An undefined value that notes its name when used and renders as nothing, so that all are found in one pass."""

    __slots__ = ()
    seen: list[str]

    def _record(self) -> None:
        self.seen.append(self._undefined_message)

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        self._record()
        return self

    def __str__(self) -> str:
        self._record()
        return ""

    def __iter__(self) -> Iterator[Any]:
        self._record()
        return iter(())

    def __bool__(self) -> bool:
        self._record()
        return False

    def __len__(self) -> int:
        self._record()
        return 0

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._fail_with_undefined_error()

    __getitem__ = __call__ = _fail_with_undefined_error
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __mod__ = __rmod__ = _fail_with_undefined_error
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __pow__ = __rpow__ = _fail_with_undefined_error
    __pos__ = __neg__ = __lt__ = __le__ = __gt__ = __ge__ = _fail_with_undefined_error


def _include_dirs(top: Path) -> tuple[Path, ...]:
    extra = os.environ.get(_constants.INCLUDE_PATH_VARIABLE, "")
    return (top, *(Path(part).resolve() for part in extra.split(os.pathsep) if part.strip()))


class _RenderTimeout(Exception):
    """Rendering ran past ``MAX_RENDER_SECONDS``."""


@contextlib.contextmanager
def _time_limit() -> Iterator[None]:
    """Interrupt rendering after ``MAX_RENDER_SECONDS`` (on the main thread, where signals arrive).

    An outer interval timer (a test runner's) is kept: re-armed with what it had left.
    """
    seconds = _constants.MAX_RENDER_SECONDS
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _RenderTimeout

    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_delay and outer_delay <= seconds:
        yield  # an outer timer (a test runner's) fires first anyway
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 0.001), outer_interval)


def _bounded_output(chunks: Iterator[str], path: str) -> str:
    limit = _constants.MAX_RENDERED_SIZE
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise UsageError(f"{path}: the template renders over {limit:,} characters; a request file is far smaller")
        parts.append(chunk)
    return "".join(parts)


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a numeric argument past ``MAX_RENDERED_SIZE`` (``center(10**9)``, ``indent(10**9)``)."""
    limit = _constants.MAX_RENDERED_SIZE
    for value in (*args, *kwargs.values()):
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > limit:
            raise OverflowError(f"{value:.3g} is larger than a request file needs (at most {limit:,})")


def _bounded_arguments(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` refusing numeric arguments past ``MAX_RENDERED_SIZE``, as :func:`_check_arguments` does."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args, kwargs)
        return function(*args, **kwargs)

    return bounded


class _Environment(jinja2.sandbox.SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded_arguments(function) for name, function in self.filters.items()}

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """The operators that can build huge values, refused when the result would be past the limit."""
        limit = _constants.MAX_RENDERED_SIZE
        if operator == "**" and isinstance(left, int | float) and isinstance(right, int | float):
            if abs(left) > 1 and right * math.log2(abs(left)) > 64 * 1024:
                raise OverflowError(f"{left!r} ** {right!r} is larger than a request file needs")
        elif operator == "*":
            for sized, times in ((left, right), (right, left)):
                if isinstance(sized, str | list | tuple) and isinstance(times, int) and len(sized) * times > limit:
                    raise OverflowError(f"repeating {len(sized):,} items {times:,} times is past {limit:,}")
        elif (
            operator == "+"
            and isinstance(left, str | list | tuple)
            and isinstance(right, str | list | tuple)
            and len(left) + len(right) > limit
        ):
            raise OverflowError(f"joining {len(left):,} and {len(right):,} items is past {limit:,}")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from the template, with its numeric arguments bounded (``'x'.center(10**9)``)."""
        _check_arguments(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

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
    """Reads templates by absolute path, only under the allowed directories; included files get ``context:`` rebased."""

    def __init__(self, root_dir: Path, loaded: dict[str, str], allowed: tuple[Path, ...]) -> None:
        self.root_dir = root_dir
        self.loaded = loaded
        self.allowed = allowed

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        file = Path(template)
        if self.loaded:
            # An include: {% include '/etc/passwd' %} or '../../x' would put any file in the body.
            real = file.resolve()
            if not any(real.is_relative_to(directory) for directory in self.allowed):
                shown = ", ".join(_display(str(directory)) for directory in self.allowed)
                raise SecurityError(
                    f"{{% include %}} of {template!r}, which is outside {shown}; include files under the request "
                    f"file's directory, or add a directory to {_constants.INCLUDE_PATH_VARIABLE}"
                )
        if not file.exists():
            raise jinja2.TemplateNotFound(template, f"no such file to include: {_display(template)}")
        text = read_text_file(template, "the included file" if self.loaded else "the request file")
        if self.loaded and file.parent != self.root_dir:
            text = _rebase_contexts(text, file.parent, self.root_dir)
        self.loaded[str(file)] = text
        return text, str(file), lambda: True


def _rebase_contexts(text: str, file_dir: Path, root_dir: Path) -> str:
    def rebase(found: re.Match[str]) -> str:
        value = found[2].strip().strip("\"'")
        return f"{found[1]}{os.path.relpath(file_dir / value, root_dir)}"

    return _CONTEXT.sub(rebase, text)


def _where(exc: BaseException, loaded: Mapping[str, str], fallback: str) -> str:
    """Return ``file:line`` of the innermost template frame of a rendering error."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename in loaded:
            return f"{_display(frame.filename)}:{frame.lineno}"
    return fallback


def _display(filename: str) -> str:
    relative = os.path.relpath(filename)
    return filename if relative.startswith("..") else relative
