"""Progress reporting for packaging and uploading: the ``ProgressCallback`` type and ``default_progress``.

``default_progress`` draws tqdm bars only when someone is watching (a terminal or a Jupyter kernel), never in CI,
and only when ``tqdm`` (the ``progress`` extra) is installed.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from typing import Any, Final

from .errors import ArtifactWarning

__all__ = ["ProgressCallback", "default_progress", "default_spinner"]

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``(phase, done_bytes, total_bytes)``.

``phase`` is ``"package"`` while files are read and compressed (bytes of file content),
``"upload"`` while a reader from ``Artifact.open_reader`` is read (bytes of zip), and
``"done"`` once when that work ends, successfully or not, so a progress bar can close.
"""


def default_progress(description: str = "artifact", *, force: bool = False) -> ProgressCallback | None:
    """A tqdm progress bar when someone is watching (or when ``force`` asks for one), else None.

    Returns a callback only when stderr is a terminal or the code runs in a Jupyter/IPython
    kernel, and ``tqdm`` (the ``progress`` extra) is installed; never when the ``CI``
    environment variable is set, so CI logs stay free of bar redraws. ``force=True`` (what
    ``progress=True`` on a call means) skips those checks and draws wherever there is a stderr;
    without tqdm it warns with the install hint. The callback opens one bar per phase and
    closes it on ``"done"``; it also has a ``close()`` method.
    """
    factory = _tqdm_if_watched(force=force)
    return None if factory is None else _ProgressBar(factory, description)


def _tqdm_if_watched(*, force: bool = False) -> Callable[..., Any] | None:
    """tqdm's bar factory when a bar can be drawn and someone is watching (or ``force``), else None."""
    notebook = _in_notebook()
    if force:
        if sys.stderr is None and not notebook:
            return None  # pythonw and the like: there is nowhere to draw
    elif os.environ.get("CI") or not (notebook or _stderr_is_terminal()):
        return None
    try:
        if notebook:
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
    except ImportError:
        if force:
            warnings.warn(
                "progress=True asked for a progress bar, but tqdm is not installed:"
                " pip install 'press-blocks[progress]' (or pass progress=False).",
                ArtifactWarning,
                stacklevel=4,
            )
        return None
    return tqdm  # type: ignore[no-any-return]


def default_spinner(description: str) -> Callable[[str, float], None] | None:
    """A one-line tqdm spinner showing a wait's status, when ``default_progress`` would draw a bar; else None.

    The callback takes ``(status, elapsed_seconds)``; its ``close()`` ends the line.
    """
    factory = _tqdm_if_watched()
    return None if factory is None else _Spinner(factory, description)


class _Spinner:
    """A (status, elapsed) callback drawing one tqdm line: the description, the status and the time waited."""

    def __init__(self, factory: Callable[..., Any], description: str) -> None:
        self._bar = factory(total=None, desc=description, bar_format="{desc}: {postfix} [{elapsed}]")

    def __call__(self, status: str, elapsed: float) -> None:
        self._bar.set_postfix_str(status)

    def close(self) -> None:
        """End the line."""
        self._bar.close()


class _ProgressBar:
    """A ProgressCallback drawing one tqdm bar per phase."""

    _LABELS: Final = {"package": "packaging", "upload": "uploading"}

    def __init__(self, factory: Callable[..., Any], description: str) -> None:
        self._factory = factory
        self._description = description
        self._bar: Any = None
        self._phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase == "done":
            self.close()
            return
        if self._bar is None or phase != self._phase:
            self.close()
            label = self._LABELS.get(phase, phase)
            self._bar = self._factory(
                total=total, desc=f"{self._description}: {label}", unit="B", unit_scale=True, unit_divisor=1024
            )
            self._phase = phase
        if self._bar.total != total:
            self._bar.total = total
        if done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def close(self) -> None:
        """Close the current bar, if any."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
            self._phase = ""


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _in_notebook() -> bool:
    if "ipykernel" not in sys.modules:
        return False
    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    try:
        shell = get_ipython() if get_ipython is not None else None
    except Exception:
        return False
    return getattr(shell, "kernel", None) is not None
