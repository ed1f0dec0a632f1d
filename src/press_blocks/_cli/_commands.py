"""The ``specs`` and ``deployments`` commands: each reads its file, calls one client method, prints the answer.

Every command runs through :func:`run_api_command`, the one place where the request file is
read (before any connection), the client is obtained (:func:`open_client`, where ``--dry-run``
plugs in), the result printed and ``--wait`` applied.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from press_blocks._cli._errors import ExitCode, UsageError
from press_blocks._cli._files import SHAPES, RequestFile, read_request_file
from press_blocks._cli._output import TABLES, format_result, write
from press_blocks._constants import TOKEN_VARIABLES

if TYPE_CHECKING:
    from press_blocks import Block

__all__ = [
    "COMMANDS",
    "DRY_RUN_TOKEN",
    "commanded_methods",
    "emit",
    "open_client",
    "run_api_command",
    "run_derived_command",
    "split_values",
]

Command = Callable[["Block", argparse.Namespace, RequestFile | None], Any]


def split_values(values: Sequence[str] | None) -> list[str] | None:
    """Flatten repeated options whose values may be comma-separated: ``-x a,b -x c`` → ``[a, b, c]``."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


#: The token a dry run uses when none is set. A dry run sends nothing and shows the token as
#: ``***``, so this value is never sent nor shown; a real run still needs a token.
DRY_RUN_TOKEN = "press-blocks-dry-run-no-token"


@contextlib.contextmanager
def open_client(args: argparse.Namespace, *, dry_run: bool | None = None) -> Iterator[Block]:
    """Yield the client a command uses, configured from the environment as peak's, and close it after.

    With ``dry_run`` (by default ``args.dry_run``) the client is the library's dry run: it builds
    every request and sends none, and without a token it uses :data:`DRY_RUN_TOKEN`.
    """
    from press_blocks import Session, get_client
    from press_blocks.errors import MissingCredentialsError

    if dry_run is None:
        dry_run = bool(getattr(args, "dry_run", False))
    try:
        session = Session(dry_run=dry_run)
    except MissingCredentialsError:
        if not dry_run:
            # The library's advice is auth_token=...; on the command line the token comes from the environment.
            raise MissingCredentialsError(
                f"No API token: set the {' or '.join(TOKEN_VARIABLES)} environment variable "
                "(export PEAK_AUTH_TOKEN=...); --dry-run, on the commands that send something, needs none."
            ) from None
        session = Session(DRY_RUN_TOKEN, dry_run=True)
        print(
            f"press-blocks: no API token is set ({' or '.join(TOKEN_VARIABLES)}): "
            "enough for --dry-run, which sends nothing; a real run needs one",
            file=sys.stderr,
        )
    with session, get_client(session) as client:
        yield client


def emit(args: argparse.Namespace, result: Any) -> None:
    """Print a command's result in the ``-o`` format (JSON by default), through the pager with ``--paging``.

    A dry run prints for people unless ``-o json`` or ``-o yaml`` asks for data.
    """
    from press_blocks import DryRun

    output: str | None = getattr(args, "output", None)
    if isinstance(result, DryRun):
        text = f"{result}\n" if output is None else format_result(result.to_dict(), output)
    else:
        text = format_result(result, output or "json", TABLES.get(args.command_name))
    write(text, paging=getattr(args, "paging", False))


def run_api_command(args: argparse.Namespace) -> int:
    """Run one ``specs``/``deployments`` command; return its exit code."""
    name: str = args.command_name
    if getattr(args, "generate", False):
        from press_blocks._cli._samples import sample_file

        write(sample_file(name))
        return ExitCode.OK
    _require_positionals(args)
    request = _read_file(args)
    from press_blocks import DryRun

    with open_client(args) as client:
        result = COMMANDS[name](client, args, request)
        waiting = getattr(args, "wait", False)
        if waiting and isinstance(result, DryRun):
            # A dry run: say what --wait would do after the request.
            result = result.followed_by(
                (f"{result.then} " if result.then else "")
                + "--wait: the deployment is described until its status settles "
                f"(at most {args.wait_timeout:g}s, --wait-timeout)."
            )
        emit(args, result)
        if waiting and not isinstance(result, DryRun):
            from press_blocks._cli._wait import wait_until_settled

            deployment_id = str(result.get("deploymentId") or result.get("id") or args.deployment_id)
            wait_until_settled(
                client,
                deployment_id,
                result.get("revision"),
                timeout=args.wait_timeout,
                poll_interval=args.wait_interval,
            )
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


COMMANDS: dict[str, Command] = {
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


def commanded_methods() -> set[str]:
    """The client methods some command of :data:`COMMANDS` calls (read from their code)."""
    names: set[str] = set()
    codes = [run.__code__ for run in COMMANDS.values()]
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if hasattr(c, "co_names"))
    return names


def run_derived_command(args: argparse.Namespace) -> int:
    """Run a command derived from the document: its options are the method's arguments."""
    operation = args.operation
    names = [name for _, name in operation.path_parameters] + [name for _, name, _ in operation.query_parameters]
    arguments = {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}
    if operation.answer == "page":
        arguments["return_iterator"] = False
    with open_client(args) as client:
        emit(args, getattr(client, operation.client_method)(**arguments))
    return ExitCode.OK
