"""``press-blocks verify``: read a tenant with GET requests only, and report where it differs from the document.

It lists specs and deployments (bounded pages, at most ``--limit`` items each), describes
each, lists and describes their releases and revisions, and validates every answer against
the document read strictly (:mod:`press_blocks._contract_validation`, the mechanism the
emulator and the library share). The report groups differences by operation and JSON path
(list items as ``[*]``), with redacted samples: no token, no value but enum values.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from press_blocks import _constants
from press_blocks._cli._errors import CommandError, ExitCode, UsageError
from press_blocks._cli._output import write
from press_blocks._config import redacted_url

__all__ = ["Allowance", "Report", "Verifier", "read_allow_list", "run_verify"]

_INDEX = re.compile(r"\[\d+\]")


class _Refused(CommandError):
    """The service refused the token: nothing can be verified."""

    code = ExitCode.AUTH


@dataclass(frozen=True)
class Allowance:
    """One deliberate difference: an operation and a JSON path (``fnmatch`` patterns), optionally a kind."""

    operation: str
    path: str
    kind: str | None
    reason: str

    def allows(self, operation: str, path: str, kind: str) -> bool:
        """Whether this allowance covers a difference."""
        return (
            fnmatch.fnmatchcase(operation, self.operation)
            and fnmatch.fnmatchcase(path, self.path)
            and (self.kind is None or self.kind == kind)
        )


@dataclass
class Finding:
    """A difference seen once or more: where, what kind, why, a redacted sample, how often."""

    path: str
    kind: str
    message: str
    sample: str
    status: int | None
    count: int = 1

    def as_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        return {
            "path": self.path,
            "kind": self.kind,
            "message": self.message,
            "sample": self.sample,
            "status": self.status,
            "count": self.count,
        }


@dataclass
class OperationReport:
    """What one operation's calls found."""

    operation: str
    calls: int = 0
    matched: int = 0
    allowed: int = 0
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the report of this operation as JSON-ready data."""
        return {
            "operation": self.operation,
            "calls": self.calls,
            "matched": self.matched,
            "allowed": self.allowed,
            "differences": [f.as_dict() for f in self.findings.values()],
        }


@dataclass
class Report:
    """Every operation's report, in the order first called."""

    base_url: str
    operations: dict[str, OperationReport] = field(default_factory=dict)

    @property
    def drift(self) -> bool:
        """Whether any difference was found that the allow-list does not cover."""
        return any(op.findings for op in self.operations.values())

    def as_dict(self) -> dict[str, Any]:
        """Return the whole report as JSON-ready data."""
        return {
            "baseUrl": self.base_url,
            "calls": sum(op.calls for op in self.operations.values()),
            "drift": self.drift,
            "operations": [op.as_dict() for op in self.operations.values()],
        }

    def text(self) -> str:
        """The report for people: one line per operation, then each difference under it."""
        calls = sum(op.calls for op in self.operations.values())
        lines = [f"press-blocks verify: {self.base_url}, {calls} GET requests"]
        width = max((len(name) for name in self.operations), default=0)
        for op in self.operations.values():
            summary = f"{op.calls} calls, {op.matched} matched"
            if op.allowed:
                summary += f", {op.allowed} allowed by the allow-list"
            lines.append(f"  {op.operation:<{width}}  {summary}")
            for finding in op.findings.values():
                times = f" (x{finding.count})" if finding.count > 1 else ""
                status = f"[{finding.status}] " if finding.status is not None else ""
                lines.append(f"      {status}{finding.path}  {finding.kind}{times}: {finding.message}")
                if finding.sample and finding.sample not in finding.message:
                    lines.append(f"          sample: {finding.sample}")
        differences = sum(len(op.findings) for op in self.operations.values())
        if differences:
            lines.append(
                f"Drift: {differences} differences between the service and the document "
                f"(exit {int(ExitCode.DRIFT)}); see 'Keeping the contract honest' in the documentation."
            )
        else:
            lines.append("Every answer matched the document.")
        return "\n".join(lines) + "\n"


def read_allow_list(path: str) -> list[Allowance]:
    """Read an allow-list file (YAML or JSON): ``{allow: [{operation, path, kind?, reason}]}``."""
    from press_blocks._yaml import safe_load

    try:
        data = safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the allow-list {path}: {exc.strerror or exc}") from None
    except Exception as exc:  # a YAML error: its message says where
        raise UsageError(f"the allow-list {path} is not valid YAML: {' '.join(str(exc).split())}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"allow"} or not isinstance(data.get("allow", []), list):
        raise UsageError(f"the allow-list {path} must be a mapping with one key, 'allow', holding a list")
    allowances = []
    for index, entry in enumerate(data.get("allow", [])):
        where = f"the allow-list {path}, entry {index + 1}"
        if not isinstance(entry, dict):
            raise UsageError(f"{where} must be a mapping with 'operation', 'path' and 'reason'")
        unknown = set(entry) - {"operation", "path", "kind", "reason"}
        if unknown:
            raise UsageError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
        if not isinstance(entry.get("path"), str) or not isinstance(entry.get("reason"), str):
            raise UsageError(f"{where} needs a 'path' (a JSON path, '*' patterns allowed) and a 'reason'")
        kind = entry.get("kind")
        from press_blocks._contract_validation import KINDS

        if kind is not None and kind not in KINDS:
            raise UsageError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        allowances.append(Allowance(str(entry.get("operation", "*")), entry["path"], kind, entry["reason"]))
    return allowances


class Verifier:
    """Reads a tenant through ``client`` (GET only) and validates every answer strictly."""

    def __init__(self, client: httpx.Client, *, limit: int, page_size: int, allow: Sequence[Allowance] = ()) -> None:
        from press_blocks._contract_validation import compiled_contract

        self.client = client
        self.limit = limit
        self.page_size = page_size
        self.allow = list(allow)
        self.contract = compiled_contract(strict=True)
        self.report = Report(base_url=redacted_url(str(client.base_url)))

    # --- the walk ------------------------------------------------------------------------

    def run(self) -> Report:
        """Read what can be reached and return the report."""
        for spec in self._list("listSpecs", {}, "specs"):
            spec_id = _text(spec.get("id"))
            if spec_id is None:
                continue
            self._get("describeSpec", {"specId": spec_id})
            for release in self._list("listSpecReleases", {"specId": spec_id}, "releases"):
                version = _text(release.get("version"))
                if version is not None:
                    self._get("describeSpecRelease", {"specId": spec_id, "release": version})
        for deployment in self._list("listDeployments", {}, "deployments"):
            deployment_id = _text(deployment.get("id"))
            if deployment_id is None:
                continue
            self._get("describeDeployment", {"deploymentId": deployment_id})
            for revision in self._list("listDeploymentRevisions", {"deploymentId": deployment_id}, "revisions"):
                number = revision.get("revision")
                if isinstance(number, int) and not isinstance(number, bool):
                    self._get("describeDeploymentRevision", {"deploymentId": deployment_id, "revision": str(number)})
        return self.report

    def _list(self, operation: str, path_params: Mapping[str, str], key: str) -> Iterator[dict[str, Any]]:
        """Yield up to ``limit`` items of a list operation, page by page (at most ``limit`` pages)."""
        seen = 0
        for page_number in range(1, self.limit + 1):
            query = {"pageSize": str(self.page_size), "pageNumber": str(page_number)}
            data = self._get(operation, path_params, query)
            items = data.get(key) if isinstance(data, dict) else None
            if not isinstance(items, list) or not items:
                return
            for item in items:
                if seen >= self.limit:
                    return
                if isinstance(item, dict):
                    seen += 1
                    yield item
            page_count = data.get("pageCount") if isinstance(data, dict) else None
            if not isinstance(page_count, int) or page_number >= page_count:
                return

    def _get(self, operation: str, path_params: Mapping[str, str], query: Mapping[str, str] | None = None) -> Any:
        """Send one GET of ``operation``, validate its answer, and return its JSON (None when not JSON)."""
        method, template = self.contract.operations[operation]
        if method != "get":  # the walk names only reading operations; this keeps it so
            raise AssertionError(f"verify sends GET only, not {method.upper()} ({operation})")
        url = re.sub(r"\{([^}]+)\}", lambda m: quote(path_params[m.group(1)], safe=""), template)
        try:
            response = self.client.get(url, params=dict(query or {}))
        except httpx.TransportError as exc:
            from press_blocks.errors import APIConnectionError

            raise APIConnectionError(
                f"Connection failed: {type(exc).__name__} (GET {template}; base URL {self.report.base_url})",
                method="GET",
                url=template,
            ) from None
        if response.status_code in (401, 403):
            raise _Refused(
                f"the service answered {response.status_code} to GET {template}: check PEAK_AUTH_TOKEN and the stage"
            )
        # Decoded once, here: the contract reports a body that is not JSON (or nests past the
        # interpreter's recursion limit) when it is handed the raw bytes instead.
        data: Any = None
        raw: bytes | None = None
        if response.content:
            try:
                data = json.loads(response.content)
            except (ValueError, RecursionError):
                raw = response.content
        differences = self.contract.response_differences(
            operation,
            response.status_code,
            response.headers.get("content-type", ""),
            data=data,
            body=raw,
            headers=response.headers,
        )
        self._record(operation, differences)
        return data if 200 <= response.status_code < 300 else None

    def _record(self, operation: str, differences: Sequence[Any]) -> None:
        report = self.report.operations.setdefault(operation, OperationReport(operation))
        report.calls += 1
        left = [d for d in differences if not any(a.allows(operation, d.path, d.kind) for a in self.allow)]
        if len(left) < len(differences):
            report.allowed += 1
        if not left:
            report.matched += 1
            return
        for difference in left:
            path = _INDEX.sub("[*]", difference.path)
            key = (path, difference.kind)
            found = report.findings.get(key)
            if found is None:
                # The message starts with the field's path, which the report shows already.
                message = difference.message.split(": ", 1)[-1]
                report.findings[key] = Finding(path, difference.kind, message, difference.sample, difference.status)
            else:
                found.count += 1


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def run_verify(args: argparse.Namespace) -> int:
    """Run ``press-blocks verify``: 0 when every answer matched, the drift code when not."""
    from press_blocks import Session
    from press_blocks._contract_validation import require_validation

    try:
        require_validation("press-blocks verify")
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    allow = read_allow_list(args.allow) if args.allow else []
    page_size = args.page_size or min(args.limit, _constants.VERIFY_MAX_PAGE_SIZE)
    session = Session()
    settings = session.settings
    headers = {
        "Authorization": settings.token.reveal(),
        "User-Agent": _constants.USER_AGENT,
        "Accept": _constants.ACCEPT,
    }
    with httpx.Client(base_url=settings.base_url, headers=headers, timeout=settings.timeout) as client:
        report = Verifier(client, limit=args.limit, page_size=page_size, allow=allow).run()
    if args.output == "json":
        write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        write(report.text())
    return int(ExitCode.DRIFT) if report.drift else int(ExitCode.OK)
