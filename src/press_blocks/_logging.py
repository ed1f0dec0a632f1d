"""What the client logs, and the ``PRESS_BLOCKS_LOG`` switch that shows it without code.

One DEBUG record per request sent (each attempt of a call), retries at INFO, all on the
``press_blocks`` logger. A record names the method, path, status, request id, attempt,
elapsed milliseconds and bytes up (the request body) and down (the response body as read,
decompressed): never a header value, never a body, so never the token.
Every record carries these as attributes too (``record.press_request``), for structured handlers.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from press_blocks import _constants

if TYPE_CHECKING:
    import httpx

    from press_blocks._calls import Call
    from press_blocks._retry import Outcome

__all__ = ["clock", "log_attempt", "logger", "setup_from_environment"]

logger = logging.getLogger(_constants.LOGGER_NAME)

#: A monotonic clock in seconds (one name, so the sync and async transports share it).
clock = time.monotonic

_LEVELS: Mapping[str, int] = {"debug": logging.DEBUG, "info": logging.INFO}
_HANDLER_NAME = "press_blocks.env"


def log_attempt(call: Call, request: httpx.Request, outcome: Outcome, attempt: int, seconds: float) -> None:
    """Write the DEBUG record of one request: what was sent, what came back, how long and how big."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    response = outcome.response
    status: int | str = response.status_code if response is not None else type(outcome.error).__name__
    fields: dict[str, Any] = {
        "operation": call.operation,
        "method": request.method,
        "path": request.url.raw_path.decode(),
        "status": status,
        "request_id": request.headers.get(_constants.REQUEST_ID_HEADER),
        "attempt": attempt + 1,
        "elapsed_ms": round(seconds * 1000, 1),
        "bytes_up": _bytes_up(request),
        "bytes_down": len(outcome.body),
    }
    logger.debug(
        "%(method)s %(path)s -> %(status)s (request %(request_id)s, attempt %(attempt)d, %(elapsed_ms).1f ms, "
        "%(bytes_up)s B up, %(bytes_down)d B down)",
        fields,
        extra={"press_request": fields},
    )


def _bytes_up(request: httpx.Request) -> int | str:
    # A streamed body without a Content-Length (chunked) has no size until it is sent.
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit():
        return int(declared)
    return 0 if request.method in ("GET", "DELETE", "HEAD") else "?"


def setup_from_environment(environ: Mapping[str, str] | None = None) -> logging.Handler | None:
    """Put a stderr handler on the ``press_blocks`` logger when ``PRESS_BLOCKS_LOG`` is ``debug`` or ``info``.

    Idempotent: a second call replaces the handler it added. Any other value is ignored, so a
    typo never breaks an import. Returns the handler, or None when logging stays as the application set it.
    """
    env = os.environ if environ is None else environ
    level = _LEVELS.get(env.get(_constants.LOG_VARIABLE, "").strip().lower())
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
    if level is None:
        return None
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
