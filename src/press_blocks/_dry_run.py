"""Dry runs: the request a call would send, built by the same code that sends it, and not sent.

``client.with_options(dry_run=True)`` and ``Session(dry_run=True)`` make every method return
a :class:`DryRun` instead of sending: the method, full URL, headers (the token shown as
``***``), the JSON body or the multipart parts, and for an artifact its manifest, read back
from the zip the packer built. It prints for people (``str``) and serialises for tools (``to_dict``).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, BinaryIO

from press_blocks import _constants

if TYPE_CHECKING:
    import httpx

    from press_blocks._calls import Call, SenderCore
    from press_blocks.artifacts import Artifact

__all__ = ["ArtifactManifest", "DryRun", "DryRunPart", "dry_run_of"]

#: Text parts longer than this are cut in ``str()`` (``to_dict`` keeps them whole).
_SHOWN_TEXT = 400


@dataclass(frozen=True)
class DryRunPart:
    """One part of a multipart body: a text field (``value``) or a file (``filename``, ``size`` bytes)."""

    name: str
    content_type: str | None
    size: int
    filename: str | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The part as JSON-ready data."""
        return {
            "name": self.name,
            "filename": self.filename,
            "contentType": self.content_type,
            "size": self.size,
            "value": self.value,
        }


@dataclass(frozen=True)
class ArtifactManifest:
    """What an artifact zip holds, read from the zip itself: ``files`` as ``(path, size)``, its size and sha256."""

    size: int
    sha256: str
    files: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, artifact: Artifact) -> ArtifactManifest:
        """Read the manifest of a packaged artifact (the zip the upload would send)."""
        with artifact.open_reader() as reader, zipfile.ZipFile(reader) as archive:
            files = tuple((info.filename, info.file_size) for info in archive.infolist() if not info.is_dir())
        return cls(size=artifact.size, sha256=artifact.sha256, files=files)

    def to_dict(self) -> dict[str, Any]:
        """The manifest as JSON-ready data."""
        return {
            "size": self.size,
            "sha256": self.sha256,
            "files": [{"path": path, "size": size} for path, size in self.files],
        }


@dataclass(frozen=True)
class DryRun:
    """A request built exactly as it would be sent, and not sent.

    ``headers`` show the token as ``***``; ``json`` is the JSON body, or ``parts`` the
    multipart parts; ``artifact`` the manifest of an uploaded zip; ``then`` says what would
    follow when a method's next requests depend on this one's answer. ``http_request`` is
    the ``httpx.Request`` itself (it carries the real token: do not print its headers; an
    upload's body can no longer be read once the method has returned, as the zip is freed).
    """

    operation: str
    method: str
    url: str
    headers: Mapping[str, str]
    json: Any = None
    parts: tuple[DryRunPart, ...] = ()
    artifact: ArtifactManifest | None = None
    then: str | None = None
    http_request: httpx.Request | None = field(default=None, repr=False, compare=False)

    def followed_by(self, then: str) -> DryRun:
        """This dry run, saying which requests would come after it."""
        return replace(self, then=then)

    def with_artifact(self, artifact: Artifact) -> DryRun:
        """This dry run with the manifest of the artifact it would upload."""
        return replace(self, artifact=ArtifactManifest.of(artifact))

    def to_dict(self) -> dict[str, Any]:
        """Everything a person sees in ``str()``, as JSON-ready data (for ``--dry-run --json``)."""
        return {
            "dryRun": True,
            "operation": self.operation,
            "method": self.method,
            "url": self.url,
            "headers": dict(self.headers),
            "json": self.json,
            "parts": [part.to_dict() for part in self.parts],
            "artifact": self.artifact.to_dict() if self.artifact else None,
            "then": self.then,
        }

    def __str__(self) -> str:
        lines = [f"Dry run of {self.operation}: nothing was sent.", f"{self.method} {self.url}"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        if self.json is not None:
            lines += ["", json.dumps(self.json, indent=2, sort_keys=True)]
        if self.parts:
            lines += ["", "multipart/form-data parts:"]
            for part in self.parts:
                if part.filename is not None:
                    lines.append(f"  {part.name}: file {part.filename} ({part.content_type}, {part.size:,} bytes)")
                else:
                    text = part.value or ""
                    shown = text if len(text) <= _SHOWN_TEXT else text[: _SHOWN_TEXT - 1] + "…"
                    lines.append(f"  {part.name}: {shown}")
        if self.artifact is not None:
            lines += ["", f"artifact zip: {self.artifact.size:,} bytes, sha256 {self.artifact.sha256}"]
            lines += [f"  {path}  ({size:,} bytes)" for path, size in self.artifact.files]
        if self.then:
            lines += ["", f"Then: {self.then}"]
        return "\n".join(lines)


def dry_run_of(
    sender: SenderCore,
    call: Call,
    timeout: httpx.Timeout | None = None,
    headers: Mapping[str, str] | None = None,
) -> DryRun:
    """Build ``call``'s request as the sender would send it, and describe it without sending it."""
    request = sender.prepare(call, timeout, headers)
    # The token is masked wherever it shows, not only in Authorization: a template may have written
    # it into the body (os_env.PEAK_AUTH_TOKEN), or an extra header or the URL may carry it.
    secret = sender.settings.token
    shown = {
        name: (_constants.MASKED_TOKEN if name.lower() == "authorization" else secret.mask(value))
        for name, value in ((k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw)
    }
    content_type = request.headers.get("content-type", "")
    body: Any = None
    parts: tuple[DryRunPart, ...] = ()
    if content_type.startswith("multipart/form-data"):
        # The parts exactly as the endpoint handed them to httpx (reading the stream would read the whole zip).
        parts = tuple(
            replace(part, value=secret.mask(part.value)) if part.value is not None else part
            for part in _parts(call.build().files or [])
        )
    else:
        content = request.read()
        if content:
            try:
                body = json.loads(content)
            except ValueError:
                body = content.decode("utf-8", "replace")
            body = secret.mask_data(body)
    return DryRun(
        operation=call.operation,
        method=request.method,
        url=secret.mask(str(request.url)),
        headers=shown,
        json=body,
        parts=parts,
        http_request=request,
    )


def _parts(files: list[tuple[str, Any]]) -> tuple[DryRunPart, ...]:
    parts = []
    for name, (filename, content, content_type, *_) in files:
        if isinstance(content, str | bytes):
            data = content.encode() if isinstance(content, str) else content
            value = data.decode("utf-8", "replace") if filename is None else None
            parts.append(DryRunPart(name, content_type, len(data), filename=filename, value=value))
        else:
            parts.append(DryRunPart(name, content_type, _size(content), filename=filename))
            content.close()
    return tuple(parts)


def _size(reader: BinaryIO) -> int:
    position = reader.tell()
    end = reader.seek(0, 2)
    reader.seek(position)
    return end
