"""``--wait``: poll a deployment's revision until it is deployed, fails, or the time runs out.

A bounded loop over the public ``describe_deployment``/``describe_deployment_revision``; when
the library has its own waiter, :func:`wait_for_revision` is the one place to swap it in.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from press_blocks._cli._errors import WaitFailed

if TYPE_CHECKING:
    from press_blocks import Block

__all__ = ["DEFAULT_WAIT_TIMEOUT", "PENDING", "wait_for_revision"]

DEFAULT_WAIT_TIMEOUT = 900.0  # seconds; a build and deploy of a workflow takes minutes
_FIRST_DELAY = 0.5
_MAX_DELAY = 5.0
PENDING = frozenset({"deploying", "redeploying"})


def wait_for_revision(
    client: Block,
    deployment_id: str,
    revision: int | str | None = None,
    *,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, Any]:
    """Return the revision once ``deployed``; raise :class:`WaitFailed` if it ends otherwise or ``timeout`` passes.

    With ``revision`` None, the deployment's latest revision is followed.
    """
    deadline = clock() + timeout
    delay = _FIRST_DELAY
    while True:
        current = _describe(client, deployment_id, revision)
        status = str(current.get("status"))
        number = current.get("revision", revision)
        if status == "deployed":
            print(f"press-blocks: deployment {deployment_id} revision {number} is deployed", file=sys.stderr)
            return current
        if status not in PENDING:
            raise WaitFailed(f"deployment {deployment_id} revision {number} ended {status}, not deployed")
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitFailed(
                f"deployment {deployment_id} revision {number} is still {status} after {timeout:g}s (--wait-timeout)"
            )
        sleep(min(delay, remaining))
        delay = min(delay * 2, _MAX_DELAY)


def _describe(client: Block, deployment_id: str, revision: int | str | None) -> dict[str, Any]:
    if revision is None:
        latest: dict[str, Any] = dict(client.describe_deployment(deployment_id).get("latestRevision") or {})
        return latest
    return dict(client.describe_deployment_revision(deployment_id, revision))
