"""The :class:`Emulator`: state and configuration, and the three ways to reach it (in-process, loopback, fixtures)."""

from __future__ import annotations

import contextlib
import ipaddress
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from press_blocks.emulator._api import Api
from press_blocks.emulator._app import EmulatorApp
from press_blocks.emulator._constants import (
    DEFAULT_HOST,
    DEFAULT_MAX_ARTIFACT_BYTES,
    DEFAULT_USER,
    IN_PROCESS_BASE_URL,
    INSPECTOR_PATH,
)
from press_blocks.emulator._contract import Contract, contract
from press_blocks.emulator._control import control_app
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._faults import FaultRule, Faults, RequestLog
from press_blocks.emulator._fixtures import load_fixture, seed_fixture
from press_blocks.emulator._lifecycle import Transition
from press_blocks.emulator._local import LoopbackHosts, normalised_hosts
from press_blocks.emulator._server import ServerThread
from press_blocks.emulator._settings import Settings
from press_blocks.emulator._state import Store
from press_blocks.emulator._transport import AsyncEmulatorTransport, EmulatorTransport

__all__ = ["Emulator", "InProcessEmulator", "RunningEmulator", "is_loopback"]

Fixture = Mapping[str, Any] | str | os.PathLike[str]


class Emulator:
    """A stateful local emulator of the Press blocks API, driven by the project's OpenAPI document.

    **Parameters** (all keyword-only, all optional):

    * **fixture** - a mapping or a YAML/JSON file to seed (see :meth:`seed`).
    * **transition** - when new revisions settle, and in which status: a :class:`Transition` or
      ``"immediate"`` (default), ``"describes:N"``, ``"seconds:T"``, each optionally followed by
      ``->OUTCOME`` (``"describes:2->failed"``; the outcome is ``deployed`` by default).
    * **faults**, **fault_seed** - fault rules in force from the start, and the seed of the
      random source for rate-based faults (default 0).
    * **user** - the ``createdBy``/``updatedBy`` of everything created (``emulator@peak.ai``).
    * **tokens** - when given, the only ``Authorization`` values accepted; otherwise any
      non-empty token is.
    * **max_artifact_bytes** - the compressed artifact limit (10 MiB); larger is a 413.
    * **validate_responses** - check every API response against the document and answer 500
      with the reason if one does not match (default on).
    * **allowed_hosts** - host names, besides loopback ones, that an emulator served on loopback
      answers to (``Host`` header; ``"*"`` for any): for reaching it through a proxy or a
      forwarded port. Other names get a 403, so that no web page can reach it by DNS rebinding.

    Usage::

        emulator = Emulator()
        with httpx.Client(transport=emulator.transport(), base_url=emulator.base_url) as client:
            client.get("/v1/blocks/specs/", headers={"Authorization": "token"})
        with emulator.serve() as server:
            httpx.get(server.base_url + "/v1/blocks/specs/", headers={"Authorization": "token"})
    """

    base_url = IN_PROCESS_BASE_URL

    def __init__(
        self,
        *,
        fixture: Fixture | None = None,
        transition: Transition | str = "immediate",
        faults: Iterable[FaultRule] = (),
        fault_seed: int = 0,
        user: str = DEFAULT_USER,
        tokens: Iterable[str] | None = None,
        max_artifact_bytes: int = DEFAULT_MAX_ARTIFACT_BYTES,
        validate_responses: bool = True,
        allowed_hosts: Iterable[str] = (),
    ) -> None:
        self.contract: Contract = contract()
        self.settings = Settings(
            tokens=frozenset(tokens) if tokens is not None else None,
            max_artifact_bytes=max_artifact_bytes,
            validate_responses=validate_responses,
            allowed_hosts=normalised_hosts(_names(allowed_hosts, "allowed_hosts")),
        )
        self._config_schemas = self.contract.config_schemas()
        self.store = Store(config_check=self._check_config, user=user, transition=Transition.parse(transition))
        self.faults = Faults(faults, seed=fault_seed)
        self.requests = RequestLog()
        self._app: EmulatorApp | None = None
        if fixture is not None:
            self.seed(fixture)

    def _check_config(self, kind: str, config: Any) -> None:
        ref = self._config_schemas.get(kind)
        if ref is None:
            raise ApiError(422, f"unknown block kind {kind!r}")
        errors = self.contract.schema_errors(ref, config, where="config")
        if errors:
            name = ref.rsplit("/", 1)[-1]
            raise ApiError(400, f"the config of a {kind} spec must match {name}: " + "; ".join(errors))

    @property
    def app(self) -> EmulatorApp:
        """The ASGI application (Starlette-based) serving this emulator."""
        if self._app is None:
            self._app = EmulatorApp(
                contract=self.contract,
                api=Api(self.store, self.contract),
                faults=self.faults,
                requests=self.requests,
                settings=self.settings,
                store=self.store,
                control=control_app(self),
            )
        return self._app

    @property
    def tokens(self) -> frozenset[str] | None:
        """The only ``Authorization`` values accepted, or ``None`` when any non-empty token is."""
        return self.settings.tokens

    @tokens.setter
    def tokens(self, value: frozenset[str] | None) -> None:
        self.settings.tokens = value

    @property
    def max_artifact_bytes(self) -> int:
        """The compressed artifact limit; a larger upload is a 413."""
        return self.settings.max_artifact_bytes

    @max_artifact_bytes.setter
    def max_artifact_bytes(self, value: int) -> None:
        self.settings.max_artifact_bytes = value

    @property
    def validate_responses(self) -> bool:
        """Whether every API response is checked against the document (a mismatch becomes a 500)."""
        return self.settings.validate_responses

    @validate_responses.setter
    def validate_responses(self, value: bool) -> None:
        self.settings.validate_responses = value

    @property
    def user(self) -> str:
        """The user recorded as ``createdBy``/``updatedBy``."""
        return self.store.user

    @property
    def transition(self) -> Transition:
        """The transition new revisions get."""
        return self.store.transition

    def set_transition(self, transition: Transition | str) -> None:
        """Set when and how revisions created from now on settle (``describes:N``, ``seconds:T->failed``...)."""
        with self.store.lock:
            self.store.transition = Transition.parse(transition)

    def transport(self) -> EmulatorTransport:
        """Return a new in-process transport for ``httpx.Client(transport=...)``; the client closes it."""
        return EmulatorTransport(self.app)

    def async_transport(self) -> AsyncEmulatorTransport:
        """Return a new in-process transport for ``httpx.AsyncClient(transport=...)``."""
        return AsyncEmulatorTransport(self.app)

    @contextlib.contextmanager
    def serve(
        self,
        host: str = DEFAULT_HOST,
        port: int = 0,
        *,
        timeout: float = 10.0,
        protect_controls: bool | None = None,
        allowed_hosts: Iterable[str] = (),
    ) -> Iterator[RunningEmulator]:
        """Serve the emulator with uvicorn on ``host:port`` (0: any free port) while the ``with`` block runs.

        Returns once the server accepts connections (within ``timeout`` seconds); stops it on exit.
        Beyond loopback (``protect_controls=None`` decides from ``host``), the control endpoints
        and the inspector need one of the emulator's ``tokens``, so it must have some. Otherwise
        only requests whose ``Host`` is a loopback name, or one of ``allowed_hosts`` (added to the
        emulator's own), are answered.
        """
        protect = not is_loopback(host) if protect_controls is None else protect_controls
        extra = normalised_hosts(_names(allowed_hosts, "allowed_hosts"))
        if protect:
            if not self.tokens:
                raise ValueError(
                    f"serving on {host}, beyond loopback, protects the control endpoints and the inspector "
                    "with the emulator's tokens, and it has none: give Emulator(tokens=[...]) (--token)"
                )
            self.settings.protect_controls = True
        app: Any = self.app
        if is_loopback(host) or not protect:
            # Checked when serving, not in the app: in-process transports are no web page's target.
            app = LoopbackHosts(app, self.settings.allowed_hosts | extra)
        server = ServerThread(app, host=host, port=port)
        server.start(timeout)
        try:
            yield RunningEmulator(self, server)
        finally:
            server.stop(timeout)

    def reset(self) -> None:
        """Forget all state: specs, deployments, app deployments, the request log and the fault rules.

        Configuration (transition, user, tokens, limits) stays.
        """
        self.store.reset()
        self.requests.clear()
        self.faults.clear()

    def seed(self, fixture: Fixture) -> dict[str, list[str]]:
        """Add a fixture's specs, deployments and app deployments (a mapping or a YAML/JSON file); return their ids.

        Raises :class:`SeedError` (a ``ValueError``) if the fixture does not match the
        document or breaks the API's rules; the state is then left as it was.
        """
        return seed_fixture(self.store, self.contract, load_fixture(fixture))

    def add_app_deployment(self, app: Mapping[str, Any], *, children: Sequence[str] | None = None) -> str:
        """Add an app deployment, given as ``describeAppDeployment`` returns it (``id`` optional); return its id.

        Its ``latestRevision.blocks`` are ``{deploymentId, platformId, kind, name, status}``;
        a block naming an existing block deployment takes that deployment's kind, name and
        status where it leaves them out. ``children`` are the block deployments whose
        ``parent`` becomes this app (so ``get_related_block_details`` finds it); by default,
        every existing deployment its blocks name.
        """
        entry: dict[str, Any] = dict(app)
        if children is not None:
            entry["children"] = list(children)
        return self.seed({"appDeployments": [entry]})["appDeployments"][0]


def _names(values: Iterable[str], what: str) -> list[str]:
    # A lone string would otherwise be taken as a list of one-letter names.
    if isinstance(values, str):
        raise TypeError(f"{what} is a list of host names, not the string {values!r}")
    return list(values)


def is_loopback(host: str) -> bool:
    """Return whether ``host`` (an address or ``localhost``) only ever reaches this machine."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


class _Controls:
    """The emulator controls that the serve handle and the pytest fixture objects share."""

    emulator: Emulator

    @property
    def faults(self) -> Faults:
        """The fault rules in force (``add``, ``set``, ``clear``)."""
        return self.emulator.faults

    @property
    def requests(self) -> RequestLog:
        """The log of API requests received (``records()``, ``count(...)``, ``clear()``)."""
        return self.emulator.requests

    def reset(self) -> None:
        """Forget all state, the request log and the fault rules (see :meth:`Emulator.reset`)."""
        self.emulator.reset()

    def seed(self, fixture: Fixture) -> dict[str, list[str]]:
        """Seed a fixture (see :meth:`Emulator.seed`)."""
        return self.emulator.seed(fixture)

    def set_transition(self, transition: Transition | str) -> None:
        """Set the transition of new revisions (see :meth:`Emulator.set_transition`)."""
        self.emulator.set_transition(transition)

    def add_app_deployment(self, app: Mapping[str, Any], *, children: Sequence[str] | None = None) -> str:
        """Add an app deployment (see :meth:`Emulator.add_app_deployment`)."""
        return self.emulator.add_app_deployment(app, children=children)


class RunningEmulator(_Controls):
    """An emulator served over HTTP: ``base_url``, ``host``, ``port``, ``inspector_url`` and the emulator's controls."""

    def __init__(self, emulator: Emulator, server: ServerThread) -> None:
        self.emulator = emulator
        """The emulator being served (its state, request log and fault rules)."""
        self._server = server
        self.host = server.host
        """The address the server listens on (``127.0.0.1`` unless told otherwise)."""
        self.port = server.port
        """The port it listens on (the free one picked when ``port=0`` was asked)."""
        self.base_url = server.base_url
        """The API's address, ``http://HOST:PORT``: give it to ``Session(base_url=...)``."""
        self.inspector_url = server.base_url + INSPECTOR_PATH
        """The address of the inspector page, ``http://HOST:PORT/_emulator/ui``."""


class InProcessEmulator(_Controls):
    """An emulator reached in-process: ``base_url`` plus a sync ``transport`` and an ``async_transport``."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.base_url = emulator.base_url
        self.transport = emulator.transport()
        self.async_transport = emulator.async_transport()

    def close(self) -> None:
        """Stop the sync transport's event loop (bounded)."""
        self.transport.close()
