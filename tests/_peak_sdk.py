"""A cached virtualenv with the official client, peak-sdk 1.29.0, for end-to-end tests and benchmarks.

peak-sdk pins old ``requests``/``urllib3``/``rich``, so it lives in its own environment,
``.venv-peak`` at the repository root, never in ``.venv``. :func:`peak_sdk_python` builds it
once (under a file lock, so parallel runs do not race) and returns its interpreter; later
calls only check a stamp file.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["PEAK_SDK_REQUIREMENT", "PEAK_VENV", "PeakSdkUnavailable", "peak_sdk_python"]

PEAK_SDK_REQUIREMENT = "peak-sdk==1.29.0"
ROOT = Path(__file__).resolve().parents[1]
PEAK_VENV = ROOT / ".venv-peak"
_STAMP = PEAK_VENV / f".installed-{PEAK_SDK_REQUIREMENT.replace('==', '-')}"
# The lock lives outside the work tree (nothing to ignore in git), one per checkout.
_LOCK = (
    Path(tempfile.gettempdir()) / f"press-blocks-venv-peak-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}.lock"
)


class PeakSdkUnavailable(RuntimeError):
    """The peak-sdk virtualenv could not be made (PyPI unreachable, pip failed, or too slow)."""


def peak_sdk_python(*, timeout: float = 300.0) -> Path:
    """Return the python of ``.venv-peak`` with peak-sdk 1.29.0 importable, making it within ``timeout`` if needed."""
    python = PEAK_VENV / "bin" / "python"
    if _STAMP.exists() and python.exists():
        return python
    deadline = time.monotonic() + timeout
    with _LOCK.open("w") as lock:
        _acquire(lock, deadline)
        try:
            # Another process may have finished the build while we waited for the lock.
            if _STAMP.exists() and python.exists():
                return python
            _build(python, deadline)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return python


def _acquire(lock: object, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[arg-type]
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise PeakSdkUnavailable(f"timed out waiting for another process to build {PEAK_VENV}") from None
            time.sleep(0.5)


def _build(python: Path, deadline: float) -> None:
    # A half-made environment (an interrupted earlier build) is rebuilt from scratch.
    if PEAK_VENV.exists():
        shutil.rmtree(PEAK_VENV)
    _run([sys.executable, "-m", "venv", str(PEAK_VENV)], deadline, "creating the virtualenv")
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            "--timeout",
            "30",
            "--retries",
            "2",
            PEAK_SDK_REQUIREMENT,
        ],
        deadline,
        f"installing {PEAK_SDK_REQUIREMENT} from PyPI",
    )
    _run([str(python), "-c", "from peak.press import blocks"], deadline, "importing peak.press.blocks")
    _STAMP.write_text(PEAK_SDK_REQUIREMENT + "\n", encoding="utf-8")


def _run(argv: list[str], deadline: float, what: str) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise PeakSdkUnavailable(f"ran out of time before {what}")
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=remaining, check=False)
    except subprocess.TimeoutExpired:
        raise PeakSdkUnavailable(
            f"{what} took longer than the time allowed; is PyPI reachable from this machine?"
        ) from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        hint = ""
        if any(
            s in tail for s in ("Could not find a version", "Network is unreachable", "ConnectionError", "timed out")
        ):
            hint = " PyPI looks unreachable from this machine."
        raise PeakSdkUnavailable(f"{what} failed (exit {proc.returncode}).{hint}\n{tail}")
