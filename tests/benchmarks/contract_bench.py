"""Benchmark contract validation: ``python -m tests.benchmarks.contract_bench [--smoke]``.

Issue 24's targets, each measured against its floor in the same run, in one process, the
sides taking turns round by round (a shared machine's slow spells move both alike):

* the in-process emulator's ``describe_spec`` calls/s with request and response validation
  on, compiled validators (today's code) against openapi-core (the code it replaced, kept
  here as :class:`OpenApiCoreContract`): ≥ 4×;
* the same with response validation off, for the record;
* the library's on-demand response validation (``validate_responses="warn"``) against the
  same client with it off, ``describe_spec`` over loopback against the benchmark server
  (``tests/benchmarks/_server.py``, its own process): ≤ 1.20×.

Prints a Markdown table of medians with min–max spreads. ``--smoke`` runs tiny sizes once and
only checks that everything works (exit 1 on a crash or a wrong answer, never on a missed target).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from press_blocks.emulator import Emulator
from press_blocks.emulator._contract import Contract, Operation, ValidatedRequest
from press_blocks.emulator._errors import ApiError
from press_blocks.emulator._multipart import Part
from tests.benchmarks._server import ServerProcess

TOKEN = "bench-token"
SPEC = {
    "version": "1",
    "kind": "service",
    "metadata": {"name": "svc", "summary": "A service.", "description": "Benchmarked.", "tags": [{"name": "a"}]},
    "release": {"version": "1.0.0", "notes": "First"},
    "config": {"serviceType": "api", "imageDetails": {"id": 1, "versionId": 1}},
}


class _CoreRequest:
    """The request protocol openapi-core validates."""

    def __init__(self, *, host_url: str, method: str, path: str, path_params: Mapping[str, str], query: Any) -> None:
        self.host_url = host_url
        self.method = method
        self.path = path
        self.body = None
        self.content_type = ""
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(query)),
            header=Headers([("Authorization", TOKEN)]),
            cookie=ImmutableMultiDict(),
            path=dict(path_params),
        )


class _CoreResponse:
    def __init__(self, *, status_code: int, headers: Mapping[str, str], data: bytes) -> None:
        self.status_code = status_code
        self.headers = Headers(list(headers.items()))
        self.content_type = self.headers.get("content-type", "")
        self.data = data


class OpenApiCoreContract(Contract):
    """The emulator's contract as it validated before issue 24: openapi-core, per call (GET operations only)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        super().__init__(document)
        self.openapi = OpenAPI.from_dict(dict(document))
        self.server_url: str = document["servers"][0]["url"]

    def validate_request(
        self,
        *,
        operation: Operation,
        path_params: Mapping[str, str],
        query: Sequence[tuple[str, str]],
        body: bytes | None,
        content_type: str,
        form: Mapping[str, Part] | None = None,
    ) -> ValidatedRequest:
        request = _CoreRequest(
            host_url=self.server_url,
            method=operation.method,
            path=re.sub(r"\{[^}]+\}", "x", operation.path),
            path_params=path_params,
            query=query,
        )
        errors = list(self.openapi.iter_request_errors(request))
        if errors:
            raise ApiError(400, "; ".join(map(str, errors)))
        typed = ValidatedRequest(path={}, query={})
        for param in operation.parameters:
            if param.location == "path":
                typed.path[param.name] = param.cast([path_params[param.name]])
        return typed

    def response_errors(
        self, *, operation: Operation, status_code: int, headers: Mapping[str, str], data: bytes
    ) -> list[str]:
        request = _CoreRequest(
            host_url=self.server_url,
            method=operation.method,
            path=re.sub(r"\{[^}]+\}", "x", operation.path),
            path_params={},
            query=(),
        )
        response = _CoreResponse(status_code=status_code, headers=headers, data=data)
        return [str(err) for err in self.openapi.iter_response_errors(request, response)]


def _emulator(*, old: bool, validate_responses: bool) -> tuple[Emulator, str]:
    emulator = Emulator(validate_responses=validate_responses)
    with _client(emulator) as client:
        answer = client.post("/v1/blocks/specs/", files={"spec": (None, json.dumps(SPEC))})
        answer.raise_for_status()
        spec_id = str(answer.json()["id"])
    if old:
        # Only the validation hooks change: routing, state and handlers stay the same objects.
        emulator.app.contract = OpenApiCoreContract(emulator.contract.document)
    return emulator, spec_id


@contextlib.contextmanager
def _client(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(
        transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": TOKEN}
    ) as client:
        yield client


def _rate(call: Callable[[], None], count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        call()
    return count / (time.perf_counter() - started)


def emulator_rates(*, validate_responses: bool, calls: int, rounds: int) -> tuple[list[float], list[float]]:
    """Calls/s of ``describe_spec`` in process, compiled (new) and openapi-core (old), taking turns."""
    sides = {}
    for old in (False, True):
        emulator, spec_id = _emulator(old=old, validate_responses=validate_responses)
        client = httpx.Client(
            transport=emulator.transport(), base_url=emulator.base_url, headers={"Authorization": TOKEN}
        )

        def call(client: httpx.Client = client, spec_id: str = spec_id) -> None:
            answer = client.get(f"/v1/blocks/specs/{spec_id}")
            if answer.status_code != 200 or answer.json()["id"] != spec_id:
                raise SystemExit(f"a wrong answer: {answer.status_code} {answer.text[:200]}")

        call()  # compile and warm up
        sides[old] = call
    new_rates: list[float] = []
    old_rates: list[float] = []
    for turn in range(rounds):
        order = (False, True) if turn % 2 == 0 else (True, False)
        for old in order:
            (old_rates if old else new_rates).append(_rate(sides[old], calls))
    return new_rates, old_rates


def library_times(*, calls: int, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds per ``describe_spec`` over loopback, response validation on ("warn") and off, taking turns."""
    import press_blocks

    with ServerProcess() as server:
        url = server.url
        blocks = {
            mode: press_blocks.Block(press_blocks.Session(TOKEN, base_url=url, validate_responses=mode))
            for mode in ("warn", "off")
        }
        for block in blocks.values():
            block.describe_spec("spec-0")  # connect, compile
        times: dict[str, list[float]] = {"warn": [], "off": []}
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a drift warning here would be a wrong answer
            for turn in range(rounds):
                for mode in ("warn", "off") if turn % 2 == 0 else ("off", "warn"):
                    block = blocks[mode]
                    started = time.perf_counter()
                    for _ in range(calls):
                        block.describe_spec("spec-0")
                    times[mode].append((time.perf_counter() - started) / calls)
        for block in blocks.values():
            block.close()
    return times["warn"], times["off"]


def _spread(values: Sequence[float], digits: int = 0, scale: float = 1.0) -> str:
    mid = statistics.median(values) * scale
    return f"{mid:.{digits}f} ({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})"


def _ratios(top: Sequence[float], bottom: Sequence[float]) -> list[float]:
    return [a / b for a, b in zip(top, bottom, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, once: check that it works")
    parser.add_argument("--only", nargs="*", choices=("emulator", "library"), default=["emulator", "library"])
    args = parser.parse_args(argv)
    calls, rounds = (20, 2) if args.smoke else (400, 7)
    print("| metric | new | old / off | ratio | target |")
    print("|---|---|---|---|---|")
    if "emulator" in args.only:
        new, old = emulator_rates(validate_responses=True, calls=calls, rounds=rounds)
        ratio = statistics.median(_ratios(new, old))
        verdict = "PASS" if ratio >= 4 else "MISS"
        print(
            f"| emulator describe_spec/s in process, request + response validation | {_spread(new)} | "
            f"{_spread(old)} (openapi-core) | {ratio:.2f}× | ≥ 4× {verdict} |"
        )
        new, old = emulator_rates(validate_responses=False, calls=calls, rounds=rounds)
        ratio = statistics.median(_ratios(new, old))
        print(
            f"| emulator describe_spec/s in process, request validation only | {_spread(new)} | "
            f"{_spread(old)} (openapi-core) | {ratio:.2f}× | — |"
        )
    if "library" in args.only:
        # Short turns, many of them: a slow spell of the machine spans both halves of a pair.
        on, off = library_times(calls=5 if args.smoke else 25, rounds=2 if args.smoke else 60)
        ratio = statistics.median(_ratios(on, off))
        verdict = "PASS" if ratio <= 1.2 else "MISS"
        print(
            f"| library describe_spec over loopback, µs per call, response validation warn vs off | "
            f"{_spread(on, 1, 1e6)} | {_spread(off, 1, 1e6)} | {ratio:.3f}× | ≤ 1.20× {verdict} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
