"""Running one measured child process: wall time from spawn to exit, and its own peak RSS."""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Finished", "run_process"]


@dataclass(frozen=True)
class Finished:
    """What one child process did."""

    returncode: int
    wall: float  # seconds from just before spawning to just after its exit
    rss_mib: float  # the child's own peak resident set (ru_maxrss from wait4), in MiB
    cpu: float  # the child's own CPU time, user + system (from wait4), in seconds: steadier than wall under load
    stdout: str
    stderr: str


def run_process(argv: list[str], *, env: dict[str, str], cwd: Path, timeout: float) -> Finished:
    """Run ``argv`` to completion (killing it after ``timeout`` s) and measure it.

    ``wait4`` gives the rusage of this one child, so its peak RSS is its own, not the maximum
    over every child so far as ``RUSAGE_CHILDREN`` would be. The exit is awaited on a pidfd,
    so the wait is bounded without polling.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd)
        try:
            if not _exited_within(proc.pid, timeout):
                proc.kill()
                proc.wait(timeout=10)
                raise TimeoutError(f"{' '.join(argv)} did not finish within {timeout:.0f}s")
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            if proc.returncode is None and proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            raise
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Finished(
            returncode=proc.returncode,
            wall=wall,
            rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
            cpu=usage.ru_utime + usage.ru_stime,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
        )


def _exited_within(pid: int, timeout: float) -> bool:
    """Whether the child ``pid`` exited (it is left unreaped) within ``timeout`` seconds."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        return _poll_exit(pid, timeout)
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        return bool(ready)
    finally:
        os.close(fd)


def _poll_exit(pid: int, timeout: float) -> bool:
    # Without pidfds: waitid(WNOWAIT) peeks at the exit without reaping, every millisecond.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            return True
        time.sleep(0.001)
    return False
