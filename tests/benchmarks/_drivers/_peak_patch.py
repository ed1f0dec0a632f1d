"""Point peak-sdk at the benchmark server, and take its two calls to the ``service`` host off the table.

What :func:`install` changes, and nothing else:

* ``get_base_domain`` — in ``peak.helpers`` and in every ``peak.*`` module that imported it by
  name (``peak.session``, ``peak.telemetry``) — returns the benchmark server's URL for every
  stage and subdomain, so Press calls go to ``http://127.0.0.1:<port>/v1/...``.
* With ``telemetry="off"`` (the default):

  - ``Session._set_spoke_domain`` no longer GETs tenant-metadata from the ``service`` host;
    it sets what that call yields for a non-spoke tenant (``is_spoke_tenant=False``,
    ``spoke_domain=""``). The answer is never used on the Press path.
  - the ``threading`` that ``peak.telemetry`` sees has a ``Thread`` whose ``run`` does
    nothing. Every call still builds the ``x-peak-*`` headers (``platform.platform()``,
    ``uname``, two uuid4s) and still creates and starts one non-daemon thread after the
    call; only the thread's POST to ``/resource-usage/api/v1/telemetry`` is skipped.

Everything else on the call path — a new ``HTTPAdapter`` with a new urllib3 ``Retry`` mounted
per request (so a new TCP connection per call), requests' session machinery, the JSON
``{}`` body on GETs, the zipping and the ``rich`` progress bar of uploads — runs unchanged.
With ``telemetry="local"`` nothing but ``get_base_domain`` is patched: tenant-metadata and
telemetry go to the benchmark server, which answers ``{}``.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import Any


class _NoPostThread(threading.Thread):
    """Created and started like peak-sdk's telemetry thread, but sends nothing."""

    def run(self) -> None:
        return None


def _offline_spoke_domain(self: Any) -> None:
    self.is_spoke_tenant = False
    self.spoke_domain = ""


def install(base_url: str, telemetry: str = "off") -> None:
    """Patch the imported peak-sdk as the module docstring describes."""
    import peak.helpers
    import peak.session
    import peak.telemetry

    original = peak.helpers.get_base_domain
    base = base_url.rstrip("/")

    def get_base_domain(stage: str, subdomain: str | None = "service") -> str:
        return base

    for name, module in list(sys.modules.items()):
        if (name == "peak" or name.startswith("peak.")) and getattr(module, "get_base_domain", None) is original:
            module.get_base_domain = get_base_domain  # type: ignore[attr-defined]
    if telemetry == "off":
        peak.session.Session._set_spoke_domain = _offline_spoke_domain  # type: ignore[method-assign]
        peak.telemetry.threading = types.SimpleNamespace(Thread=_NoPostThread)  # type: ignore[assignment]
    elif telemetry != "local":
        raise ValueError(f"telemetry must be 'off' or 'local', not {telemetry!r}")
