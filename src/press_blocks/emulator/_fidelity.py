"""The emulator's fidelity score: replay a recording's reads against the emulator seeded from it, and count the matches.

Each GET the recorder kept is sent to an emulator seeded from the recording as it stood at
that answer (everything seen up to it, deletions applied): the state the service answered
from, so that the score measures how the emulator answers, not how the tenant changed during
the recording. Given a fixture instead, every GET goes to one emulator seeded from it. An
answer matches when its status is the recorded one and its JSON is the recorded JSON once
what a fixture cannot carry is set aside (:data:`SET_ASIDE`: times, users, release and
revision ids, artifact details). The score is per operation: answers, matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from press_blocks.emulator._recorder import Exchange

__all__ = ["SET_ASIDE", "FidelityReport", "comparable", "fidelity", "read_recording"]

#: Keys set aside wherever they appear: the emulator writes its own times and user.
SET_ASIDE = frozenset({"createdAt", "updatedAt", "createdBy", "updatedBy", "artifact"})
_SHOWN_MISMATCHES = 3


def read_recording(path: str | Path) -> list[Exchange]:
    """Read the exchanges a recorder wrote (``FILE.recording.json``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("exchanges"), list):
        raise ValueError(f"{path} is not a recording: expected an object with 'exchanges'")
    return [Exchange.from_dict(e) for e in data["exchanges"]]


def comparable(value: Any) -> Any:
    """``value`` without what a fixture cannot carry: :data:`SET_ASIDE` keys, and release and revision ids."""
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, dict):
        # A release (it has a version) or a revision (it has a number) gets a new id when seeded.
        made_up = {"id"} if "version" in value or isinstance(value.get("revision"), int) else set()
        return {k: comparable(v) for k, v in value.items() if k not in SET_ASIDE and k not in made_up}
    return value


def _first_difference(recorded: Any, replayed: Any, path: str = "$") -> str:
    if type(recorded) is not type(replayed):
        return path
    if isinstance(recorded, dict):
        for key in sorted(set(recorded) | set(replayed)):
            if recorded.get(key, ...) != replayed.get(key, ...):
                return _first_difference(recorded.get(key), replayed.get(key), f"{path}.{key}")
    if isinstance(recorded, list):
        if len(recorded) != len(replayed):
            return f"{path} (length {len(recorded)} recorded, {len(replayed)} replayed)"
        for index, (a, b) in enumerate(zip(recorded, replayed, strict=True)):
            if a != b:
                return _first_difference(a, b, f"{path}[{index}]")
    return path


@dataclass
class OperationScore:
    """One operation's replayed answers, its matches, and where the first few mismatches differed."""

    operation: str
    answers: int = 0
    matched: int = 0
    mismatches: list[str] = field(default_factory=list)


@dataclass
class FidelityReport:
    """The score of one replay, per operation."""

    operations: dict[str, OperationScore] = field(default_factory=dict)

    @property
    def answers(self) -> int:
        """Every answer replayed."""
        return sum(op.answers for op in self.operations.values())

    @property
    def matched(self) -> int:
        """Every answer that matched."""
        return sum(op.matched for op in self.operations.values())

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "answers": self.answers,
            "matched": self.matched,
            "operations": [
                {"operation": op.operation, "answers": op.answers, "matched": op.matched, "mismatches": op.mismatches}
                for op in self.operations.values()
            ],
        }

    def text(self) -> str:
        """The report for people: a line per operation and the total."""
        width = max((len(name) for name in self.operations), default=9)
        lines = [f"{'operation':<{width}}  matched / answers"]
        for op in self.operations.values():
            lines.append(f"{op.operation:<{width}}  {op.matched} / {op.answers}")
            lines += [f"{'':<{width}}    differs at {where}" for where in op.mismatches]
        share = f" ({100 * self.matched / self.answers:.0f}%)" if self.answers else ""
        lines.append(f"{'total':<{width}}  {self.matched} / {self.answers}{share}")
        return "\n".join(lines) + "\n"


def fidelity(exchanges: Iterable[Exchange], fixture: Mapping[str, Any] | None = None) -> FidelityReport:
    """Replay the recorded GETs against an emulator seeded from ``fixture`` (by default, the recording's own)."""
    from press_blocks.emulator._emulator import Emulator
    from press_blocks.emulator._errors import SeedError
    from press_blocks.emulator._snapshot import Seen

    report = FidelityReport()
    seeded: dict[str, Any] | None = dict(fixture) if fixture is not None else None
    unseeded: str | None = None
    emulator = Emulator(fixture=seeded) if seeded is not None else Emulator()
    # The recording's state grows one exchange at a time: never read the earlier ones again.
    seen = Seen(apply_deletes=True)
    client = _client(emulator)
    try:
        for exchange in exchanges:
            if fixture is None:
                seen.take(exchange)
            if exchange.method != "GET":
                continue
            if fixture is None:
                state = seen.fixture()
                if state != seeded:  # a new state to answer from: a fresh emulator seeded with it
                    client.close()
                    seeded, unseeded = state, None
                    try:
                        emulator = Emulator(fixture=state)
                    except SeedError as exc:  # counted as misses below, with the reason
                        emulator, unseeded = Emulator(), str(exc)
                    client = _client(emulator)
            score = report.operations.setdefault(exchange.operation, OperationScore(exchange.operation))
            score.answers += 1
            if unseeded is not None:
                if len(score.mismatches) < _SHOWN_MISMATCHES:
                    score.mismatches.append(f"{exchange.path}: the state could not be seeded: {unseeded}")
                continue
            url = exchange.path + (f"?{urlencode(exchange.query)}" if exchange.query else "")
            answer = client.get(url)
            try:
                replayed = answer.json() if answer.content else None
            except ValueError:
                replayed = None
            if answer.status_code != exchange.status:
                where = f"status {answer.status_code}, recorded {exchange.status}"
            else:
                recorded_body, replayed_body = comparable(exchange.body), comparable(replayed)
                if recorded_body == replayed_body:
                    score.matched += 1
                    continue
                where = _first_difference(recorded_body, replayed_body)
            if len(score.mismatches) < _SHOWN_MISMATCHES:
                score.mismatches.append(f"{exchange.path}: {where}")
    finally:
        client.close()
    return report


def _client(emulator: Any) -> Any:
    import httpx

    return httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": "fidelity"}
    )
