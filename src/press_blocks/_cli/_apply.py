"""``press-blocks plan`` and ``press-blocks apply``: thin layers over ``press_blocks.deploy``.

``plan FILE...`` reads the service and prints what would change, per resource and per field;
``apply FILE...`` makes the service match (``apply PLANFILE`` carries out a saved plan, exactly).
The comparing, the fingerprints and the refusals are the library's; this module reads the
options, prints, and waits for the deployments it touched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from press_blocks._cli._commands import open_client
from press_blocks._cli._errors import ExitCode, UsageError
from press_blocks._cli._output import format_result, write
from press_blocks._cli._templates import load_params, parse_params

if TYPE_CHECKING:
    from press_blocks.deploy import Plan

__all__ = ["run_apply", "run_plan"]


def run_plan(args: argparse.Namespace) -> int:
    """Plan ``args.files``: print the plan, save it with ``--out``; return the exit code."""
    from press_blocks import deploy

    with open_client(args, dry_run=False) as client:
        the_plan = deploy.plan(client, _sources(args), variables=_variables(args))
    return _show_plan(args, the_plan)


def run_apply(args: argparse.Namespace) -> int:
    """Apply ``args.files`` (or carry out a saved plan); ``--dry-run`` is the plan; return the exit code."""
    from press_blocks import deploy

    saved = _saved_plan(args)
    with open_client(args, dry_run=False) as client:
        if args.dry_run:
            the_plan = saved or deploy.plan(client, _sources(args), variables=_variables(args))
            return _show_plan(args, the_plan)
        result = deploy.apply(client, saved or _sources(args), variables=_variables(args))
        write(format_result(result.to_dict(), args.output or "json"), paging=args.paging)
        if args.wait:
            _wait_for(client, result.to_dict(), args)
    return ExitCode.OK


def _sources(args: argparse.Namespace) -> list[str]:
    return list(args.files)


def _variables(args: argparse.Namespace) -> dict[str, Any]:
    return {**load_params(args.params_file), **parse_params(args.params)}


def _saved_plan(args: argparse.Namespace) -> Plan | None:
    from press_blocks.deploy import is_plan_file, read_plan_file

    saved = [path for path in args.files if is_plan_file(path)]
    if not saved:
        return None
    if len(args.files) > 1 or args.params or args.params_file:
        raise UsageError("a saved plan is applied alone: 'press-blocks apply PLANFILE', with no other file or -v/-p")
    return read_plan_file(saved[0])


def _show_plan(args: argparse.Namespace, the_plan: Plan) -> int:
    out = getattr(args, "out", None)
    if out:
        _save(out, the_plan.to_file())
    if args.output:
        write(format_result(the_plan.to_dict(), args.output), paging=args.paging)
    else:
        write(the_plan.render() + "\n", paging=args.paging)
    if getattr(args, "detailed_exitcode", False) and the_plan.changes:
        return ExitCode.CHANGES
    return ExitCode.OK


def _save(path: str, data: dict[str, Any]) -> None:
    # The saved plan holds the rendered files, parameter values included: readable by its owner only.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                # The mode above applies to a new file only: narrow one that was there before writing into it.
                os.fchmod(handle.fileno(), 0o600)
            json.dump(data, handle, indent=2, default=str)
            handle.write("\n")
    except OSError as exc:
        raise UsageError(f"cannot write the plan to {path}: {exc.strerror or exc}") from None
    print(f"press-blocks: saved the plan to {path}; apply it with 'press-blocks apply {path}'", file=sys.stderr)


def _wait_for(client: Any, result: dict[str, Any], args: argparse.Namespace) -> None:
    """Wait for every deployment created or revised, under one deadline for them all."""
    from press_blocks._cli._wait import wait_until_settled

    deadline = time.monotonic() + args.wait_timeout
    for resource in result["resources"]:
        if resource["kind"] != "deployment" or not {"created", "revised"} & set(resource["actions"]):
            continue
        left = max(deadline - time.monotonic(), 0.001)
        wait_until_settled(client, str(resource["id"]), timeout=left, poll_interval=args.wait_interval)
