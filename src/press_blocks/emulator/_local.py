"""What keeps web pages off an emulator served on a developer's machine: Host names and Origins.

A page on any site can send requests to ``127.0.0.1``: simple cross-site ``POST``s (no
preflight), and, through DNS rebinding, same-origin requests under the attacker's own name.
Two rules stop both, as careful local development servers do: an emulator served on loopback
answers only requests whose ``Host`` is a loopback name (or one the user allowed), and a
control request that changes something is refused when a browser says it comes from another
origin.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from press_blocks.emulator._constants import ANY_HOST, CONTROL_PREFIX
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._wire import Answer, ASGIApp, Receive, Scope, Send, send_answer

__all__ = ["LoopbackHosts", "cross_origin", "header", "host_name", "normalised_hosts"]

# Methods a browser may send cross-site without asking first, and that change nothing here.
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def header(scope: Scope, name: bytes) -> str | None:
    """Return the first value of header ``name`` (lower-case bytes) in an ASGI scope, or ``None``."""
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == name), None)


def host_name(host: str) -> str:
    """Return the name in a ``Host`` header value: no port, no brackets, lower-case, no trailing dot."""
    host = host.strip()
    if host.startswith("["):
        name = host[1 : host.find("]")] if "]" in host else host[1:]
    else:
        name, colon, port = host.rpartition(":")
        if not colon or not port.isdigit():
            name = host
    return name.lower().rstrip(".")


def normalised_hosts(names: Iterable[str]) -> frozenset[str]:
    """Return the allowed host names as :func:`host_name` spells them; ``ValueError`` for an empty one."""
    allowed = set()
    for name in names:
        normal = ANY_HOST if name.strip() == ANY_HOST else host_name(name)
        if not normal:
            raise ValueError(f"an allowed host is a name such as devbox.internal, not {name!r}")
        allowed.add(normal)
    return frozenset(allowed)


def _loopback_name(name: str) -> bool:
    # `localhost` and its subdomains always resolve to loopback (RFC 6761); no DNS answer can say otherwise.
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class LoopbackHosts:
    """ASGI middleware answering 403 to a request whose ``Host`` is neither a loopback name nor an allowed one.

    A name an attacker controls can be made to resolve to 127.0.0.1 after a page has loaded
    (DNS rebinding); the browser then treats the emulator as that page's own origin, but still
    sends the attacker's name as ``Host``, which is how it is told apart.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = header(scope, b"host")
            # Browsers always send Host; a client that sends none is no web page.
            name = host_name(host) if host is not None else None
            if name is not None and not (_loopback_name(name) or name in self.allowed or ANY_HOST in self.allowed):
                detail = (
                    f"Host {host!r} is not a loopback name: an emulator served on loopback answers only "
                    "localhost, 127.0.0.1 and [::1], so that no web page can reach it under another name "
                    f"(DNS rebinding). To reach it as {name}, start it with --allowed-host {name} "
                    f"(Emulator(allowed_hosts=[{name!r}]))."
                )
                await send_answer(send, Answer.error(ApiError(403, detail)))
                return
        await self.app(scope, receive, send)


def cross_origin(scope: Scope) -> str | None:
    """Return why a control request that changes something must be refused as cross-origin, or ``None``.

    Browsers send ``Origin`` with every such request; the emulator's own page sends its own
    (``http://`` + the ``Host`` it was loaded from). Clients that are no browser send none.
    """
    if scope["method"].upper() in _READS or not scope["path"].startswith(CONTROL_PREFIX):
        return None
    origin = header(scope, b"origin")
    if origin is None:
        return None
    host = (header(scope, b"host") or "").strip().lower()
    own = {f"http://{host}", f"https://{host}"} if host else set()
    if origin.strip().lower().rstrip("/") in own:
        return None
    return (
        f"a control request from another origin ({origin}) is refused: only the emulator's own pages "
        "(and clients that are not browsers) may change its state"
    )
