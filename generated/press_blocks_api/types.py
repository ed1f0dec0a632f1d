"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@dataclass
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


@dataclass(frozen=True, slots=True)
class EndpointRequest:
    """One request of an operation, built and not sent: what each endpoint's ``build_request`` returns.

    ``url`` is the path relative to the API's base URL, its path parameters percent-encoded;
    ``params``, ``headers``, ``cookies``, ``json``, ``data``, ``files`` and ``content`` are as
    ``httpx.Client.build_request`` takes them (None: not sent).
    """

    method: str
    url: str
    params: dict[str, Any] | None = None
    headers: dict[str, Any] | None = None
    cookies: dict[str, Any] | None = None
    json: Any = None
    data: Any = None
    files: RequestFiles | None = None
    content: Any = None

    def httpx_kwargs(self) -> dict[str, Any]:
        """Return the keyword arguments of ``httpx.Client.request`` for this request"""
        kwargs: dict[str, Any] = {"method": self.method, "url": self.url}
        for name in (
            "params",
            "headers",
            "cookies",
            "json",
            "data",
            "files",
            "content",
        ):
            value = getattr(self, name)
            if value is not None:
                kwargs[name] = value
        return kwargs


T = TypeVar("T")


@dataclass
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "EndpointRequest",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
]
