"""The settings the app reads on every request, shared with the :class:`Emulator` that owns them."""

from __future__ import annotations

from dataclasses import dataclass

from press_blocks.emulator._constants import DEFAULT_MAX_ARTIFACT_BYTES

__all__ = ["Settings"]


@dataclass
class Settings:
    """What the app checks per request: accepted tokens, the artifact limit, response validation,
    whether the control endpoints (and the inspector) need a token, as they do beyond loopback, and
    the host names besides loopback ones that an emulator served on loopback answers to.

    Mutable on purpose: changing an :class:`Emulator`'s setting takes effect on the next request.
    """

    tokens: frozenset[str] | None = None
    max_artifact_bytes: int = DEFAULT_MAX_ARTIFACT_BYTES
    validate_responses: bool = True
    protect_controls: bool = False
    allowed_hosts: frozenset[str] = frozenset()
