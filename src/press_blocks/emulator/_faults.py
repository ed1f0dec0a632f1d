"""Fault injection (latency, 429/5xx, dropped connections, truncated bodies) and the request log.

Faults are opt-in rules, matched in order against each API request. Randomness comes from
one ``random.Random(seed)``, so a given sequence of requests meets the same faults every run.
"""

from __future__ import annotations

import math
import random
import re
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Final, Literal

__all__ = ["FaultAction", "FaultRule", "Faults", "RequestLog", "RequestRecord", "fault_config"]

FaultKind = Literal["latency", "status", "drop", "truncate"]
FaultWhen = Literal["before", "after"]
_KINDS = ("latency", "status", "drop", "truncate")
# Request-id headers clients send (peak's x-peak-requestId, the common X-Request-ID), matched lower-cased.
_REQUEST_ID = re.compile(r"(x-)?(peak-)?request-?id")
# The JSON (camelCase) names of the fields whose Python names differ.
_TO_JSON = {"operation_id": "operationId", "retry_after": "retryAfter"}
_FROM_JSON = {json_name: name for name, json_name in _TO_JSON.items()}
# What each field holds, as JSON says it (booleans are never numbers here); some may be null.
_STRING: Final = ((str,), "a string")
_INTEGER: Final = ((int,), "an integer")
_NUMBER: Final = ((int, float), "a number")
_FIELD_TYPES: Final[dict[str, tuple[tuple[type, ...], str]]] = {
    "kind": _STRING,
    "operation_id": _STRING,
    "method": _STRING,
    "path": _STRING,
    "rate": _NUMBER,
    "times": _INTEGER,
    "when": _STRING,
    "status": _INTEGER,
    "retry_after": _INTEGER,
    "latency": _NUMBER,
}
_OPTIONAL = frozenset({"operation_id", "method", "path", "times", "retry_after"})


@dataclass(frozen=True)
class FaultRule:
    """One fault: what happens, to which requests, how often and how many times.

    * ``kind``: ``latency`` (wait ``latency`` seconds, then answer normally), ``status``
      (answer ``status``, 429 by default, with ``Retry-After: retry_after`` when set; a 429
      gets ``Retry-After: 1`` unless told otherwise), ``drop`` (close the connection without
      an answer) or ``truncate`` (declare a longer ``Content-Length`` than the body sent,
      then close).
    * Which requests: ``operation_id`` and/or ``method`` + ``path`` (a document path
      template such as ``/v1/blocks/specs/{specId}`` or a concrete path); none means every
      API request. ``rate`` is the chance (0-1) that a matching request is hit.
    * ``times``: only the first N hits, then the rule is spent (``None``: no limit).
    * ``when``: ``before`` (the default) faults the request before the handler runs, so
      state is unchanged; ``after`` runs the handler and then faults the response.
    """

    kind: FaultKind
    operation_id: str | None = None
    method: str | None = None
    path: str | None = None
    rate: float = 1.0
    times: int | None = None
    when: FaultWhen = "before"
    status: int = 429
    retry_after: int | None = None
    latency: float = 0.0

    def __post_init__(self) -> None:
        # Types first: a rule from JSON or YAML may hold anything, and a wrong type would only
        # fail later, on every API call the rule is matched against.
        for name, (types, described) in _FIELD_TYPES.items():
            value = getattr(self, name)
            if value is None and name in _OPTIONAL:
                continue
            if isinstance(value, bool) or not isinstance(value, types):
                wanted = described + (" or null" if name in _OPTIONAL else "")
                raise ValueError(
                    f"fault rule field {_TO_JSON.get(name, name)!r} must be {wanted}, not {type(value).__name__} "
                    f"({value!r:.40})"
                )
        if not all(math.isfinite(getattr(self, name)) for name in ("rate", "latency")):
            raise ValueError("a fault's rate and latency are finite numbers")
        if self.kind not in _KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; use one of {', '.join(_KINDS)}")
        if self.when not in ("before", "after"):
            raise ValueError("a fault's 'when' is 'before' or 'after'")
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("a fault's rate is between 0 and 1")
        if self.times is not None and self.times < 0:
            raise ValueError("a fault's times is >= 0")
        if self.kind == "status" and not (self.status == 429 or 500 <= self.status <= 599):
            raise ValueError("a status fault answers 429 or a 5xx status")
        if self.retry_after is not None and self.retry_after < 0:
            raise ValueError("retry_after is >= 0 seconds")
        if self.latency < 0:
            raise ValueError("latency is >= 0 seconds")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FaultRule:
        """Build a rule from its JSON form (``operationId``, ``retryAfter``; the Python spellings are accepted too)."""
        known = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            name = _FROM_JSON.get(key, key)
            if name not in known:
                raise ValueError(f"unknown fault rule field {key!r}")
            if name in kwargs:
                raise ValueError(f"fault rule field {_TO_JSON.get(name, name)!r} is given twice (in two spellings)")
            kwargs[name] = value
        if "kind" not in kwargs:
            raise ValueError("a fault rule needs a 'kind'")
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """Return the rule's JSON form, in the API's camelCase (``operationId``, ``retryAfter``)."""
        return {_TO_JSON.get(name, name): value for name, value in asdict(self).items()}

    def matches(self, operation_id: str, method: str, template: str, path: str) -> bool:
        """Return whether this rule applies to the request (ignoring rate and times)."""
        if self.operation_id is not None and self.operation_id != operation_id:
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path is None or self.path in (template, path)


def fault_config(data: Any) -> tuple[list[FaultRule], int | None]:
    """Read a fault configuration, ``{rules: [...], seed: S}`` (a ``--faults`` file, the control API's body).

    Raises ``ValueError`` saying what is wrong; ``seed`` is ``None`` when not given.
    """
    if not isinstance(data, Mapping):
        raise ValueError("a fault configuration is a mapping: {rules: [...], seed: S}")
    unknown = sorted(str(key) for key in data if key not in ("rules", "seed"))
    if unknown:
        raise ValueError(f"unknown fault configuration keys: {', '.join(unknown)} (use 'rules' and 'seed')")
    rules = data.get("rules") or []
    if not isinstance(rules, list) or not all(isinstance(rule, Mapping) for rule in rules):
        raise ValueError("'rules' must be a list of fault rule objects")
    seed = data.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise ValueError("'seed' must be an integer")
    parsed = []
    for number, rule in enumerate(rules, 1):
        try:
            parsed.append(FaultRule.from_dict(rule))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"bad fault rule {number}: {exc}") from None
    return parsed, seed


@dataclass(frozen=True)
class FaultAction:
    """What to do to one request: latency before/after, and at most one terminal fault."""

    delay_before: float = 0.0
    delay_after: float = 0.0
    terminal: FaultRule | None = None

    @property
    def label(self) -> str | None:
        """Return a short description for the request log, or ``None`` when nothing applies."""
        parts = []
        if self.delay_before or self.delay_after:
            parts.append(f"latency:{self.delay_before + self.delay_after:g}s")
        if self.terminal is not None:
            rule = self.terminal
            name = f"status:{rule.status}" if rule.kind == "status" else rule.kind
            parts.append(name if rule.when == "before" else f"{name}@after")
        return ",".join(parts) or None


@dataclass
class _Slot:
    rule: FaultRule
    hits: int = 0

    @property
    def spent(self) -> bool:
        return self.rule.times is not None and self.hits >= self.rule.times


class Faults:
    """The fault rules in force and their seeded random source; off (no rules) by default."""

    def __init__(self, rules: Iterable[FaultRule] = (), *, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        self._random = random.Random(seed)
        self._slots = [_Slot(r) for r in rules]

    @property
    def seed(self) -> int:
        """The seed of the random source that decides rate-based faults."""
        return self._seed

    @property
    def rules(self) -> list[FaultRule]:
        """The rules in force, in match order."""
        with self._lock:
            return [s.rule for s in self._slots]

    def set(self, rules: Iterable[FaultRule], *, seed: int | None = None) -> None:
        """Replace every rule (hit counts start again) and re-seed the random source."""
        with self._lock:
            self._slots = [_Slot(r) for r in rules]
            if seed is not None:
                self._seed = seed
            self._random = random.Random(self._seed)

    def add(self, rule: FaultRule) -> None:
        """Append a rule (matched after the existing ones)."""
        with self._lock:
            self._slots.append(_Slot(rule))

    def clear(self) -> None:
        """Remove every rule and re-seed the random source: no faults."""
        self.set([])

    def plan(self, operation_id: str, method: str, template: str, path: str) -> FaultAction:
        """Decide the faults for one request, counting hits; every latency rule applies, the first other rule wins."""
        before = after = 0.0
        terminal: FaultRule | None = None
        with self._lock:
            for slot in self._slots:
                rule = slot.rule
                if slot.spent or not rule.matches(operation_id, method, template, path):
                    continue
                if rule.kind != "latency" and terminal is not None:
                    continue
                if rule.rate < 1.0 and self._random.random() >= rule.rate:
                    continue
                slot.hits += 1
                if rule.kind == "latency":
                    if rule.when == "before":
                        before += rule.latency
                    else:
                        after += rule.latency
                else:
                    terminal = rule
        return FaultAction(delay_before=before, delay_after=after, terminal=terminal)

    def to_dict(self) -> dict[str, Any]:
        """Return the configuration's JSON form, with each rule's hit count."""
        with self._lock:
            return {
                "seed": self._seed,
                "rules": [{**s.rule.to_dict(), "hits": s.hits} for s in self._slots],
            }


@dataclass
class RequestRecord:
    """One API request the emulator received (the ``Authorization`` header is never kept)."""

    seq: int
    time: float
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body_size: int
    operation_id: str | None = None
    status: int | None = None
    fault: str | None = None
    request_id: str | None = None
    duration: float | None = None
    request_body: str | None = None
    response_body: str | None = None

    def to_dict(self, *, bodies: bool = True) -> dict[str, Any]:
        """Return the record's JSON form (camelCase); ``bodies=False`` leaves the body previews out."""
        data = asdict(self)
        data["query"] = [list(pair) for pair in self.query]
        for name in ("body_size", "operation_id", "request_id", "request_body", "response_body"):
            head, _, tail = name.partition("_")
            data[head + tail.capitalize()] = data.pop(name)
        if not bodies:
            del data["requestBody"], data["responseBody"]
        return data


@dataclass
class RequestLog:
    """The requests received since the last reset, oldest first, numbered from 1; thread-safe."""

    _records: list[RequestRecord] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _seq: int = 0
    _epoch: int = 0

    @property
    def epoch(self) -> int:
        """How many times the log was cleared: a reader holding request numbers knows they were reused."""
        return self._epoch

    def add(
        self,
        *,
        method: str,
        path: str,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        body_size: int,
        auth_header: str,
    ) -> RequestRecord:
        """Record a request and return its record (filled in as the request is answered)."""
        kept = {k: v for k, v in headers.items() if k.lower() != auth_header.lower()}
        request_id = next((v for k, v in kept.items() if _REQUEST_ID.fullmatch(k)), None)
        with self._lock:
            self._seq += 1
            record = RequestRecord(
                seq=self._seq,
                time=time.time(),
                method=method,
                path=path,
                query=list(query),
                headers=kept,
                body_size=body_size,
                request_id=request_id,
            )
            self._records.append(record)
            return record

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)

    def __iter__(self) -> Any:
        return iter(self.records())

    def records(self) -> list[RequestRecord]:
        """Return a snapshot of the records, oldest first."""
        with self._lock:
            return list(self._records)

    def get(self, seq: int) -> RequestRecord | None:
        """Return the record numbered ``seq``, or ``None`` if there is none (or it was cleared)."""
        with self._lock:
            return next((r for r in reversed(self._records) if r.seq == seq), None)

    def count(self, *, operation_id: str | None = None, method: str | None = None, path: str | None = None) -> int:
        """Return how many recorded requests match every given filter."""
        return sum(
            1
            for r in self.records()
            if (operation_id is None or r.operation_id == operation_id)
            and (method is None or r.method.upper() == method.upper())
            and (path is None or r.path == path)
        )

    def clear(self) -> None:
        """Forget every record; the next request is number 1 again (and :attr:`epoch` moves on)."""
        with self._lock:
            self._records.clear()
            self._seq = 0
            self._epoch += 1
