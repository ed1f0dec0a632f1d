"""``--wait``: the library's ``wait_for_deployment``/``wait_for_revision``, reported on one stderr line.

The polling, the statuses and the backoff are the library's (see ``press_blocks._waiting``);
this module only words the outcome for the command line: a line on success, and
:class:`WaitFailed` (exit 8) with the status when the deployment failed or time ran out.
"""

from __future__ import annotations

import sys
import warnings
from typing import TYPE_CHECKING, Any

from press_blocks import _constants
from press_blocks._cli._errors import WaitFailed, printable

if TYPE_CHECKING:
    from press_blocks import Block

__all__ = ["DEFAULT_WAIT_INTERVAL", "DEFAULT_WAIT_TIMEOUT", "wait_until_settled"]

DEFAULT_WAIT_TIMEOUT = _constants.CLI_WAIT_TIMEOUT
DEFAULT_WAIT_INTERVAL = _constants.WAIT_POLL_INTERVAL


def wait_until_settled(
    client: Block,
    deployment_id: str,
    revision: int | str | None = None,
    *,
    timeout: float = DEFAULT_WAIT_TIMEOUT,
    poll_interval: float = DEFAULT_WAIT_INTERVAL,
) -> dict[str, Any]:
    """Wait for the revision (or, with ``revision`` None, the deployment) to settle; return its description.

    Raises :class:`WaitFailed` naming the status when it ends in a failure status or is still
    in progress after ``timeout`` seconds.
    """
    from press_blocks._waiting import _status_of
    from press_blocks.errors import DeploymentFailedError, DeploymentWarning, WaitTimeoutError

    subject = f"deployment {deployment_id}" + ("" if revision is None else f" revision {revision}")
    longest = max(poll_interval, _constants.WAIT_MAX_POLL_INTERVAL)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeploymentWarning)
            if revision is None:
                described: dict[str, Any] = dict(
                    client.wait_for_deployment(
                        deployment_id, timeout=timeout, poll_interval=poll_interval, max_poll_interval=longest
                    )
                )
            else:
                described = dict(
                    client.wait_for_revision(
                        deployment_id, revision, timeout=timeout, poll_interval=poll_interval, max_poll_interval=longest
                    )
                )
    except DeploymentFailedError as exc:
        # The library's message names the status and the resources' errors.
        raise WaitFailed(f"{type(exc).__name__}: {exc}") from exc
    except WaitTimeoutError as exc:
        raise WaitFailed(f"{subject} is still {exc.status or 'unknown'} after {timeout:g}s (--wait-timeout)") from exc
    # What the server said is printed: shown, never obeyed, by the terminal.
    deployment_id = printable(deployment_id)
    number = revision if revision is not None else (described.get("latestRevision") or {}).get("revision")
    number = None if number is None else printable(str(number))
    status = _status_of(described, revision=revision is not None)
    where = f"deployment {deployment_id}" + ("" if number is None else f" revision {number}")
    if status == _constants.DEPLOYED_STATUS:
        print(f"press-blocks: {where} is deployed", file=sys.stderr)
    elif status == _constants.SUPERSEDED_STATUS:
        print(f"press-blocks: {where} was superseded by a newer revision", file=sys.stderr)
    else:
        # `warning`: it runs, with a problem (the library's DeploymentWarning says so); not a failure.
        said = [printable(str(w.message)) for w in caught if issubclass(w.category, DeploymentWarning)]
        print(f"press-blocks: warning: {said[0] if said else f'{where} settled with status {status}'}", file=sys.stderr)
    return described
