"""Per-client options that ``with_options`` changes: timeout, retries, extra headers, dry run, response observer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from press_blocks._client_support import choose_options
from press_blocks._config import checked_seconds
from press_blocks.errors import InvalidArgumentError

if TYPE_CHECKING:
    import httpx

    from press_blocks._raw import ResponseObserver

__all__ = ["RequestOptions"]


@dataclass(frozen=True)
class RequestOptions:
    """What a client adds to each of its calls on top of its session's settings (None: the session's)."""

    timeout: httpx.Timeout | None = None
    max_retries: int | None = None
    deadline: float | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    dry_run: bool = False
    observer: ResponseObserver | None = None

    def merged(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        headers: Mapping[str, str] | None = None,
        dry_run: bool | None = None,
    ) -> RequestOptions:
        """Return these options with the given ones changed; ``headers`` add to (and replace) the current ones."""
        chosen_timeout, chosen_retries = choose_options(self.timeout, self.max_retries, timeout, max_retries)
        if dry_run is not None and not isinstance(dry_run, bool):
            raise InvalidArgumentError(f"dry_run must be True or False, not {dry_run!r}.")
        return replace(
            self,
            timeout=chosen_timeout,
            max_retries=chosen_retries,
            deadline=self.deadline if deadline is None else checked_seconds(deadline, "deadline"),
            headers={**self.headers, **_checked_headers(headers)} if headers else self.headers,
            dry_run=self.dry_run if dry_run is None else dry_run,
        )

    def observed_by(self, observer: ResponseObserver | None) -> RequestOptions:
        """Return these options with ``observer`` told of each successful response."""
        return replace(self, observer=observer)


def _checked_headers(headers: object) -> dict[str, str]:
    if not isinstance(headers, Mapping):
        raise InvalidArgumentError(f"headers must be a dict of names to values, not {type(headers).__name__}.")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidArgumentError(f"headers must map strings to strings; {name!r} does not.")
        if name.strip().lower() == "authorization":
            # The value is not echoed: it may well be a token.
            raise InvalidArgumentError(
                "headers cannot set Authorization: the token comes from the session (auth_token= or PEAK_AUTH_TOKEN)."
            )
        checked[name] = value
    return checked
