"""The ``specs`` and ``deployments`` commands: each reads its file, calls one client method, prints the answer.

Every command runs through :func:`run_api_command`, the one place where the request file is
read (before any connection), the client is obtained (:func:`open_client`, where ``--dry-run``
plugs in), the result printed and ``--wait`` applied.
"""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from press_blocks._cli._errors import ExitCode, UsageError
from press_blocks._cli._files import SHAPES, RequestFile, read_request_file
from press_blocks._cli._output import TABLES, format_result, write

if TYPE_CHECKING:
    from press_blocks import Block

__all__ = ["CALLS", "emit", "open_client", "run_api_command", "split_values"]

Call = Callable[["Block", argparse.Namespace, RequestFile | None], Any]


def split_values(values: Sequence[str] | None) -> list[str] | None:
    """Flatten repeated options whose values may be comma-separated: ``-x a,b -x c`` → ``[a, b, c]``."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def open_client(args: argparse.Namespace) -> Block:
    """Return the client a command uses: from the environment, as peak's; ``--dry-run`` plugs in here."""
    from press_blocks import Block, get_client

    if getattr(args, "dry_run", False):
        if "dry_run" not in inspect.signature(Block.with_options).parameters:
            raise UsageError(
                "--dry-run needs the client library's dry run, which this version of press-blocks "
                "does not have yet; nothing was sent"
            )
        return cast(Any, get_client()).with_options(dry_run=True)  # type: ignore[no-any-return]
    return get_client()


def emit(args: argparse.Namespace, result: Any) -> None:
    """Print a command's result in the ``-o`` format, through the pager with ``--paging``."""
    output = getattr(args, "output", "json")
    write(format_result(result, output, TABLES.get(args.command_name)), paging=getattr(args, "paging", False))


def run_api_command(args: argparse.Namespace) -> int:
    """Run one ``specs``/``deployments`` command; return its exit code."""
    name: str = args.command_name
    if getattr(args, "generate", False):
        from press_blocks._cli._samples import sample_file

        write(sample_file(name))
        return ExitCode.OK
    _require_positionals(args)
    request = _read_file(args)
    with open_client(args) as client:
        result = CALLS[name](client, args, request)
        emit(args, result)
        if getattr(args, "wait", False) and isinstance(result, dict):
            from press_blocks._cli._wait import wait_for_revision

            deployment_id = str(result.get("deploymentId") or result.get("id") or args.deployment_id)
            wait_for_revision(client, deployment_id, result.get("revision"), timeout=args.wait_timeout)
    return ExitCode.OK


def _require_positionals(args: argparse.Namespace) -> None:
    # Positionals are optional only so that --generate works alone.
    for dest in getattr(args, "required_positionals", ()):
        if getattr(args, dest, None) in (None, ""):
            raise UsageError(
                f"{args.command_name}: the {dest.upper()} argument is required "
                f"(see 'press-blocks {args.command_name} --help')"
            )


def _read_file(args: argparse.Namespace) -> RequestFile | None:
    if getattr(args, "file", None) is None:
        return None
    shape_name = args.command_name
    if shape_name == "specs validate" and args.spec_id:
        shape_name = "specs validate --spec-id"
    return read_request_file(
        args.file,
        SHAPES[shape_name],
        params_file=args.params_file,
        params=args.params,
        desc_file=getattr(args, "desc_file", None),
        notes_file=getattr(args, "notes_file", None),
        command=shape_name,
    )


def _file(request: RequestFile | None) -> dict[str, Any]:
    assert request is not None  # the parser makes FILE required for these commands
    return request.arguments


def _validate(client: Block, args: argparse.Namespace, request: RequestFile | None) -> Any:
    if args.spec_id:
        return client.create_spec_release(args.spec_id, **_file(request), validate=True)
    return client.create_spec(**_file(request), validate=True)


CALLS: dict[str, Call] = {
    "specs list": lambda c, a, _: c.list_specs(
        status=split_values(a.status),
        featured=True if a.featured else None,
        name=a.name,
        title=a.title,
        sort=split_values(a.sort),
        scope=split_values(a.scope),
        page_size=a.page_size,
        page_number=a.page_number,
        return_iterator=False,
    ),
    "specs create": lambda c, a, f: c.create_spec(**_file(f)),
    "specs describe": lambda c, a, _: c.describe_spec(a.spec_id),
    "specs update-metadata": lambda c, a, f: c.update_spec_metadata(a.spec_id, **_file(f)),
    "specs delete": lambda c, a, _: c.delete_spec(a.spec_id),
    "specs create-release": lambda c, a, f: c.create_spec_release(a.spec_id, **_file(f)),
    "specs validate": _validate,
    "specs describe-release": lambda c, a, _: c.describe_spec_release(a.spec_id, a.version),
    "specs list-releases": lambda c, a, _: c.list_spec_releases(
        a.spec_id, sort=split_values(a.sort), page_size=a.page_size, page_number=a.page_number, return_iterator=False
    ),
    "deployments create": lambda c, a, f: c.create_deployment(**_file(f)),
    "deployments list": lambda c, a, _: c.list_deployments(
        status=split_values(a.status),
        name=a.name,
        title=a.title,
        sort=split_values(a.sort),
        page_size=a.page_size,
        page_number=a.page_number,
        return_iterator=False,
    ),
    "deployments describe": lambda c, a, _: c.describe_deployment(a.deployment_id),
    "deployments update-metadata": lambda c, a, f: c.update_deployment_metadata(a.deployment_id, **_file(f)),
    "deployments redeploy": lambda c, a, _: c.redeploy(a.deployment_id),
    "deployments delete": lambda c, a, _: c.delete_deployment(a.deployment_id),
    "deployments create-revision": lambda c, a, f: c.create_deployment_revision(a.deployment_id, **_file(f)),
    "deployments describe-revision": lambda c, a, _: c.describe_deployment_revision(a.deployment_id, a.revision),
    "deployments list-revisions": lambda c, a, _: c.list_deployment_revisions(
        a.deployment_id,
        sort=split_values(a.sort),
        status=split_values(a.status),
        page_size=a.page_size,
        page_number=a.page_number,
        return_iterator=False,
    ),
    "deployments get-parameters": lambda c, a, _: c.get_parameters(a.deployment_id, a.fallback_params_file),
    "deployments patch-parameters": lambda c, a, f: c.patch_parameters(a.deployment_id, **_file(f)),
    "deployments get-related-block-details": lambda c, a, _: c.get_related_block_details(
        a.deployment_id, a.fallback_details_file
    ),
}
