"""The API's error body and the exception the emulator's layers raise to produce one."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

__all__ = ["ApiError", "SeedError", "error_body"]


def error_body(status: int, detail: str) -> dict[str, Any]:
    """Return the API's error body for ``status``: ``{statusCode, message, detail}``."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return {"statusCode": status, "message": phrase, "detail": detail}


class ApiError(Exception):
    """An HTTP error the emulator answers with: a status, a detail and optional extra headers."""

    def __init__(self, status: int, detail: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        """Return the error body the API sends for this error."""
        return error_body(self.status, self.detail)


class SeedError(ValueError):
    """A fixture could not be seeded: it does not match the document or breaks the API's rules."""
