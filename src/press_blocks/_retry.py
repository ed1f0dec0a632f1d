"""When a call is tried again, and how long to wait first: plain code, no I/O."""

from __future__ import annotations

import enum
import random
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from press_blocks import _constants

if TYPE_CHECKING:
    import httpx

__all__ = ["Outcome", "RetryKind", "RetryPolicy", "retry_after_seconds"]


class RetryKind(enum.Enum):
    """How safe a call is to repeat."""

    #: GET, PUT, DELETE and set-style PATCH: repeating them cannot change the outcome.
    IDEMPOTENT = "idempotent"
    #: POST: the service may have acted even when no answer came back.
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Outcome:
    """What one attempt produced: a response and its body, or the transport error that replaced them."""

    response: httpx.Response | None = None
    body: bytes = b""
    error: Exception | None = None

    @property
    def request_sent(self) -> bool:
        """Whether the request may have reached the service (anything but a connect failure)."""
        import httpx

        return not isinstance(self.error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _hopeless(error: Exception) -> bool:
    """Whether ``error`` says the request itself cannot work, so sending it again changes nothing."""
    import httpx

    return isinstance(error, httpx.UnsupportedProtocol | httpx.LocalProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """When to try a call again and how long to wait first.

    Exponential backoff with full jitter (a uniform wait between 0 and
    ``initial_delay * 2**attempt``, capped at ``max_delay``); a ``Retry-After`` from the
    service is honoured when it is at most ``max_retry_after`` seconds, and a longer one
    ends the retries so the caller sees the error instead of a silent long sleep.
    Copies are made with :func:`dataclasses.replace`.
    """

    max_retries: int = _constants.MAX_RETRIES
    initial_delay: float = _constants.INITIAL_DELAY
    max_delay: float = _constants.MAX_DELAY
    max_retry_after: float = _constants.MAX_RETRY_AFTER
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, kind: RetryKind, attempt: int, outcome: Outcome) -> float | None:
        """Return how long to wait before retrying after ``attempt`` (0-based), or None to stop."""
        if attempt >= self.max_retries:
            return None
        if outcome.response is not None and outcome.response.status_code < 400:
            return None  # the common case, decided without reading any header
        return self.wait_after(kind, attempt, outcome)

    def wait_after(self, kind: RetryKind, attempt: int, outcome: Outcome) -> float | None:
        """How long to wait before repeating a call after ``outcome``, whatever the retry count; None: it cannot help.

        Waiting for a deployment uses this to ride out the failures a retry would, poll after poll.
        """
        retry_after = retry_after_seconds(outcome.response) if outcome.response is not None else None
        if outcome.error is not None:
            if _hopeless(outcome.error):
                return None
            retryable = kind is RetryKind.IDEMPOTENT or not outcome.request_sent
        else:
            assert outcome.response is not None
            status = outcome.response.status_code
            if kind is RetryKind.IDEMPOTENT:
                retryable = status in _constants.IDEMPOTENT_RETRY_STATUSES
            else:
                retryable = status in _constants.UNSAFE_RETRY_STATUSES and retry_after is not None
        if not retryable:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        return self.backoff(attempt)

    def backoff(
        self, attempt: int, *, initial: float | None = None, cap: float | None = None, floor: float = 0.0
    ) -> float:
        """A jittered exponential wait: uniform in ``[floor * c, c]`` for ``c = min(cap, initial * 2**attempt)``.

        ``initial`` and ``cap`` default to the policy's ``initial_delay`` and ``max_delay``; the
        default ``floor`` of 0 is full jitter, as retries use; polling uses a higher floor.
        """
        ceiling = min(
            self.max_delay if cap is None else cap, (self.initial_delay if initial is None else initial) * 2**attempt
        )
        return self.rng.uniform(floor * ceiling, ceiling)

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """Return a copy allowing ``max_retries`` retries."""
        return replace(self, max_retries=max_retries)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The wait ``response`` asks for (``Retry-After-Ms``, or ``Retry-After`` in seconds or as a date), or None."""
    value = response.headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    import email.utils  # only a Retry-After HTTP date needs it

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
