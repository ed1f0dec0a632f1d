"""Methods that take more than one request, written once for the sync and async clients.

A plan is a generator: it yields each :class:`~press_blocks._calls.Call` it needs, is sent
the call's JSON result, and returns the method's result. :func:`run` drives it with a sync
executor, :func:`arun` with an async one.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Generator, Mapping
from typing import Any, TypeVar

from press_blocks._calls import Call
from press_blocks._dry_run import DryRun
from press_blocks._requests import describe_app_deployment_call, describe_deployment_call, get_parameters_call
from press_blocks.parameters import (
    load_parameters_file,
    load_related_blocks_file,
    related_blocks_from_app,
    resolve_deployment_id,
)

__all__ = ["Plan", "arun", "parameters_plan", "related_blocks_plan", "run"]

T = TypeVar("T")
Plan = Generator[Call, Any, T]


def run(plan: Plan[T], execute: Callable[[Call], Any]) -> T:
    """Drive ``plan`` to completion with a sync executor."""
    try:
        call = next(plan)
        while True:
            call = plan.send(execute(call))
    except StopIteration as done:
        result: T = done.value
        return result


async def arun(plan: Plan[T], execute: Callable[[Call], Awaitable[Any]]) -> T:
    """Drive ``plan`` to completion with an async executor."""
    try:
        call = next(plan)
        while True:
            call = plan.send(await execute(call))
    except StopIteration as done:
        result: T = done.value
        return result


def parameters_plan(
    deployment_id: str | None, fallback_params_file: str | os.PathLike[str] | None
) -> Plan[dict[str, Any]]:
    """Read a deployment's run parameters, or the fallback file when there is no deployment id."""
    deployment = resolve_deployment_id(deployment_id)
    if deployment is None:
        return load_parameters_file(fallback_params_file)
    result = yield get_parameters_call(deployment)
    return dict(result) if isinstance(result, Mapping) else result


def related_blocks_plan(
    deployment_id: str | None, fallback_details_file: str | os.PathLike[str] | None
) -> Plan[list[dict[str, Any]]]:
    """List the blocks deployed by the same app as a deployment, or read them from the fallback file."""
    deployment = resolve_deployment_id(deployment_id)
    if deployment is None:
        return load_related_blocks_file(fallback_details_file)
    described = yield describe_deployment_call(deployment)
    if isinstance(described, DryRun):
        return described.followed_by(  # type: ignore[return-value]
            "the rest depend on its answer: with a parent app, GET /v1/apps/deployments/{parent}."
        )
    parent = described.get("parent") if isinstance(described, Mapping) else None
    parent_id = parent.get("id") if isinstance(parent, Mapping) else None
    if not parent_id:
        return []
    app = yield describe_app_deployment_call(str(parent_id))
    return related_blocks_from_app(app)
