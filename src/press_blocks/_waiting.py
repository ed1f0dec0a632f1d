"""Waiting for a deployment or revision to settle: when to poll again, and what each status means.

A :class:`Waiter` holds no I/O: the clients' ``wait_for_deployment``/``wait_for_revision``
(one async source, copied to the sync client by unasync) describe, hand each answer or
error to it, and sleep as long as it says. Delays come from the one
:class:`~press_blocks.RetryPolicy`: doubling waits with jitter between polls, ``Retry-After``
when the service sends one, and the retry policy's own rules for riding out transient failures.

Settled statuses: ``deployed`` (returned); ``warning`` (returned, with a
:class:`~press_blocks.errors.DeploymentWarning`: the deployment is running, so raising would
make a script tear down a live deployment, yet silence would hide the problem); a revision
``superseded`` by a newer one (returned); a failure status (``DeploymentFailedError``).
Anything else, unknown values included, is still in progress.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from press_blocks import _constants
from press_blocks._logging import clock
from press_blocks._retry import Outcome, RetryKind, retry_after_seconds
from press_blocks.errors import (
    APIConnectionError,
    APIStatusError,
    DeploymentFailedError,
    DeploymentWarning,
    InvalidArgumentError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    import httpx

    from press_blocks._config import Secret
    from press_blocks._retry import RetryPolicy

__all__ = ["WaitProgress", "Waiter"]

logger = logging.getLogger(_constants.LOGGER_NAME)

WaitProgress = Callable[[str, float], None]
"""Called after each describe as ``(status, elapsed_seconds)``."""


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0 or value == float("inf"):
        raise InvalidArgumentError(f"{name} must be a number of seconds > 0, not {value!r}.")
    return float(value)


class Waiter:
    """The state of one wait: its deadline, the last status seen, and how long to sleep next."""

    def __init__(
        self,
        deployment_id: str,
        revision: int | None,
        *,
        policy: RetryPolicy,
        timeout: float,
        poll_interval: float,
        max_poll_interval: float,
        progress: WaitProgress | bool | None,
        secret: Secret | None = None,
    ) -> None:
        self.deployment_id = deployment_id
        #: The session's token, masked in the server's text before it reaches a message, a log or a callback.
        self.secret = secret
        self.revision = revision
        self.timeout = _seconds(timeout, "timeout")
        self.poll_interval = _seconds(poll_interval, "poll_interval")
        self.max_poll_interval = max(_seconds(max_poll_interval, "max_poll_interval"), self.poll_interval)
        self.policy = policy
        self.progress = _progress(progress, self.subject)
        self.started = clock()
        self.status: str | None = None
        self.polls = 0
        self.failures = 0
        self.retry_after: float | None = None

    @property
    def subject(self) -> str:
        """What is waited for, as messages name it."""
        if self.revision is None:
            return f"deployment {self.deployment_id}"
        return f"revision {self.revision} of deployment {self.deployment_id}"

    @property
    def elapsed(self) -> float:
        """Seconds since the wait began."""
        return clock() - self.started

    def observe(self, request: httpx.Request, response: httpx.Response, parsed: Any, seconds: float) -> None:
        """Note a ``Retry-After`` on a successful describe: the service pacing its pollers."""
        self.retry_after = retry_after_seconds(response)

    def settled(self, described: Any) -> bool:
        """Read one description: True when it is settled and should be returned; raise when it failed."""
        self.polls += 1
        self.failures = 0
        self.status = self._masked(_status_of(described, revision=self.revision is not None))
        if self.progress is not None:
            self.progress(self.status, self.elapsed)
        failures = (
            _constants.DEPLOYMENT_FAILURE_STATUSES if self.revision is None else _constants.REVISION_FAILURE_STATUSES
        )
        if self.status in failures:
            description = self._masked(described) if isinstance(described, dict) else {}
            raise DeploymentFailedError(self.deployment_id, self.revision, self.status, description)
        if self.status == _constants.WARNING_STATUS:
            message = f"{self.subject} settled with status 'warning' after {self.elapsed:.1f}s; see its resources."
            logger.warning(message)
            warnings.warn(message, DeploymentWarning, stacklevel=4)
            return True
        return self.status == _constants.DEPLOYED_STATUS or (
            self.revision is not None and self.status == _constants.SUPERSEDED_STATUS
        )

    def after_error(self, error: Exception) -> float:
        """How long to wait after a describe failed, when it is transient; re-raise it when it is not."""
        outcome: Outcome | None = None
        if isinstance(error, APIStatusError) and error.response is not None:
            outcome = Outcome(response=error.response)
        elif isinstance(error, APIConnectionError) and isinstance(error.__cause__, Exception):
            outcome = Outcome(error=error.__cause__)
        delay = None if outcome is None else self.policy.wait_after(RetryKind.IDEMPOTENT, self.failures, outcome)
        if delay is None:
            raise error
        self.failures += 1
        logger.info("waiting for %s: describe failed (%s), polling again in %.2fs", self.subject, error, delay)
        return self._bounded(delay, error)

    def describe_deadline(self, deadline: float) -> float:
        """The deadline of the next describe: at most what the wait has left (``deadline`` is the client's).

        Retries, read timeouts and a server that never answers all end there; the last describe,
        sent when the last sleep ends at the deadline, still gets ``WAIT_LAST_DESCRIBE`` seconds.
        """
        return min(deadline, max(self.timeout - self.elapsed, _constants.WAIT_LAST_DESCRIBE))

    def next_delay(self) -> float:
        """How long to sleep before the next describe; raise WaitTimeoutError when the deadline has passed."""
        if self.retry_after is not None and self.retry_after <= self.policy.max_retry_after:
            delay = self.retry_after
        else:
            delay = self.policy.backoff(
                self.polls - 1,
                initial=self.poll_interval,
                cap=self.max_poll_interval,
                floor=_constants.WAIT_JITTER_FLOOR,
            )
        return self._bounded(delay, None)

    def _bounded(self, delay: float, error: Exception | None) -> float:
        # The last sleep ends at the deadline, so one final describe still gets its chance.
        remaining = self.timeout - self.elapsed
        if remaining <= 0:
            elapsed = self.elapsed
            raise WaitTimeoutError(self.deployment_id, self.revision, self.status, elapsed, self.timeout) from error
        return min(delay, remaining)

    def _masked(self, value: Any) -> Any:
        return value if self.secret is None else self.secret.mask_data(value)

    def close(self) -> None:
        """Close the spinner, if one was drawn."""
        close = getattr(self.progress, "close", None)
        if callable(close):
            close()


def _status_of(described: Any, *, revision: bool) -> str:
    # A deployment's status is its metadata's (it follows the latest revision); a revision's is its own.
    if not isinstance(described, Mapping):
        return "unknown"
    if revision:
        status = described.get("status")
    else:
        metadata = described.get("metadata")
        latest = described.get("latestRevision")
        status = metadata.get("status") if isinstance(metadata, Mapping) else None
        if status is None and isinstance(latest, Mapping):
            status = latest.get("status")
    return str(status) if status is not None else "unknown"


def _progress(progress: WaitProgress | bool | None, subject: str) -> WaitProgress | None:
    if progress is False:
        return None
    if progress is None or progress is True:
        from press_blocks._progress import default_spinner

        return default_spinner(f"waiting for {subject}")
    if not callable(progress):
        raise InvalidArgumentError(f"progress must be a (status, elapsed) callable, True or False, not {progress!r}.")
    return progress
