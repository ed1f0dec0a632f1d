"""The library's on-demand response validation: warn or raise when a response differs from the document.

Imported only by a session whose ``validate_responses`` is ``warn`` or ``raise``: a session
that does not validate never loads it, nor ``jsonschema``. Responses are read as
``press-blocks verify`` reads them (strictly: a property the document does not name, a value
outside an open enum's known values), through the same compiled validators.
"""

from __future__ import annotations

import warnings
from typing import Any

from press_blocks import _constants
from press_blocks._contract_validation import compiled_contract, require_validation
from press_blocks.errors import ContractDriftError, ContractDriftWarning

__all__ = ["check_response", "require"]


def require() -> None:
    """Raise an ``ImportError`` saying what to install when validation cannot run."""
    require_validation("validate_responses")


def check_response(
    mode: str,
    module: str,
    status: int,
    content_type: str,
    *,
    data: Any = None,
    body: bytes | None = None,
    method: str = "",
    url: str = "",
    request_id: str | None = None,
) -> None:
    """Check one response of the operation whose generated module is ``module``; warn or raise on a difference."""
    contract = compiled_contract(strict=True)
    operation = contract.by_module.get(module)
    if operation is None:
        return  # not an operation of the document (a user's own module): nothing to check it against
    differences = contract.response_differences(operation, status, content_type, data=data, body=body)
    if not differences:
        return
    if mode == "raise":
        raise ContractDriftError(
            operation, differences, shown=_constants.DRIFT_SHOWN, method=method, url=url, request_id=request_id
        )
    # stacklevel: past this module, _calls and the transport, to the client method's caller's frame.
    warnings.warn(ContractDriftWarning(operation, differences, shown=_constants.DRIFT_SHOWN), stacklevel=5)
