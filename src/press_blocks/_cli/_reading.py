"""Reading the command line's input files: regular files only, size-bounded, UTF-8, YAML with bounded aliases.

Request files, ``-v`` params files, ``-d``/``-n`` files and included templates all come through
:func:`read_text_file`; the YAML among them through :func:`load_yaml`. Whatever cannot be used
(a FIFO, ``/dev/zero``, a Latin-1 file, 100,000 nested brackets, a billion laughs) is a
:class:`UsageError` naming the file (exit 2), never a hang, a traceback or gigabytes of memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import Any

from press_blocks import _constants
from press_blocks._cli._errors import UsageError

__all__ = ["load_yaml", "load_yaml_documents", "read_text_file"]


def read_text_file(path: str, what: str) -> str:
    """Return the UTF-8 text of the regular file at ``path``; ``what`` names it in errors ("the params file").

    The file is opened without blocking and checked on its open descriptor, so a FIFO or a device
    never blocks nor streams forever; at most ``MAX_INPUT_FILE_SIZE`` bytes are read.
    """
    limit = _constants.MAX_INPUT_FILE_SIZE
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UsageError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, socket or device)"
        raise UsageError(f"{what} {path} is {kind}; give the path of a file")
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(limit + 1)
        except OSError as exc:
            raise UsageError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UsageError(f"{what} {path} is over the limit of {limit:,} bytes for a file the command line reads")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{what} {path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def load_yaml(text: str, path: str, *, what: str = "", rendered: bool = False) -> Any:
    """Parse ``text`` (read from ``path``) as PyYAML's safe loader does; every failure names the file.

    ``what`` prefixes the path in messages ("the params file "); ``rendered`` says the text is a
    template's output. Aliases may not expand the document by more than ``MAX_YAML_ALIAS_EXPANSION``
    values (a billion laughs is refused, not expanded later by a template or the JSON encoder).
    """
    from press_blocks import _yaml

    return _loaded(lambda: [_yaml.safe_load(text)], path, what=what, rendered=rendered)[0]


def load_yaml_documents(text: str, path: str, *, rendered: bool = False) -> list[Any]:
    """Every ``---``-separated document of ``text``, each read and bounded as :func:`load_yaml` reads one."""
    import yaml

    from press_blocks import _yaml

    return _loaded(lambda: list(yaml.load_all(text, Loader=_yaml.reference_loader())), path, rendered=rendered)


def _loaded(load: Callable[[], list[Any]], path: str, *, what: str = "", rendered: bool = False) -> list[Any]:
    import yaml

    from press_blocks import _yaml

    name = f"{what}{path}"
    invalid = f"{name} is not valid YAML{' once rendered' if rendered else ''}"
    nested = f"{name} is nested too deeply to read; flatten it (request files are a few levels deep)"
    try:
        documents = load()
    except RecursionError:
        raise UsageError(nested) from None
    except MemoryError:
        raise UsageError(f"{name} is too large to load in memory") from None
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            raise UsageError(nested) from None
        # PyYAML calls the text it parsed "<unicode string>"; the user knows the file.
        detail = " ".join(str(exc).replace('"<unicode string>"', f'"{path}"').split())
        raise UsageError(f"{invalid}: {detail}") from None
    except (ValueError, OverflowError) as exc:  # PyYAML's constructors: 2020-13-45, a 5,000-digit integer
        raise UsageError(f"{invalid}: {' '.join(str(exc).split())}") from None
    for data in documents:
        try:
            _yaml.check_bounds(data, max_added=_constants.MAX_YAML_ALIAS_EXPANSION)
        except _yaml.YAMLLimitError:
            raise UsageError(
                f"{name} uses aliases (*name) that expand it by over {_constants.MAX_YAML_ALIAS_EXPANSION:,} values, "
                "or that refer to themselves; write the values out"
            ) from None
    return documents
