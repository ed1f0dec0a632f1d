"""The ``press-blocks`` command tree: ``peak blocks``'s names, arguments and options, plus our own commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

from press_blocks._cli._wait import DEFAULT_WAIT_INTERVAL, DEFAULT_WAIT_TIMEOUT
from press_blocks._constants import VERIFY_LIMIT, VERIFY_MAX_PAGE_SIZE, WAIT_MAX_POLL_INTERVAL
from press_blocks._version import __version__

__all__ = ["build_parser"]

_EPILOG = (
    "Exit codes: 0 ok; 1 internal error; 2 usage or bad file; 3 authentication; 4 not found; "
    "5 conflict; 6 other API error; 7 connection or timeout; 8 --wait failed; "
    "9 verify found the service and the document disagreeing; 10 a saved plan is stale (apply PLANFILE); "
    "with plan --detailed-exitcode, 2 also means changes to make."
)

_POSITIONALS = {
    "FILE": "the request file: YAML, rendered as a Jinja2 template",
    "SPEC_ID": "the block spec's id",
    "DEPLOYMENT_ID": "the block deployment's id",
}


class _Parser(argparse.ArgumentParser):
    """Reports a usage error on one line, like every other failure, and exits 2."""

    def error(self, message: str) -> NoReturn:
        where = self.prog.removeprefix("press-blocks").strip()
        self.exit(2, f"press-blocks: {where + ': ' if where else ''}{message} (see '{self.prog} --help')\n")


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="print the traceback of an error"
    )
    return common


def _output(
    parser: argparse.ArgumentParser,
    *,
    table: bool = False,
    dry_run: str = "with --dry-run, text for people unless -o is given",
) -> None:
    choices = ["json", "yaml", "table"] if table else ["json", "yaml"]
    parser.add_argument("-o", "--output", choices=choices, help=f"the output format (default json; {dry_run})")
    parser.add_argument("--paging", action="store_true", help="show the output through the pager")


def _template(parser: argparse.ArgumentParser, *, generate: bool = True, dry_run: bool = True) -> None:
    parser.add_argument("-v", "--params-file", help="YAML file of values for the request file's template")
    parser.add_argument(
        "-p",
        "--params",
        action="append",
        metavar="KEY=VALUE",
        help="a template value (repeatable; overrides --params-file; the value may contain '=')",
    )
    if dry_run:
        _dry_run(parser)
    if generate:
        parser.add_argument("--generate", action="store_true", help="print a sample request file and exit")


def _dry_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the request that would be sent (token as ***), and send nothing; needs no token",
    )


def _seconds(text: str) -> float:
    # Checked before anything is sent, not after the deployment was created.
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds > 0, not {text!r}")
    return value


def _wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", action="store_true", help="return once the revision is deployed; exit 8 if it fails")
    parser.add_argument(
        "--wait-timeout",
        type=_seconds,
        default=DEFAULT_WAIT_TIMEOUT,
        metavar="S",
        help=f"give up waiting after S seconds (default {DEFAULT_WAIT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--wait-interval",
        type=_seconds,
        default=DEFAULT_WAIT_INTERVAL,
        metavar="S",
        help=f"seconds before the second describe; later waits double, up to {WAIT_MAX_POLL_INTERVAL:g} "
        f"(default {DEFAULT_WAIT_INTERVAL:g})",
    )


def _desc(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-d", "--desc-file", help="a .md or .txt file with the description")


def _notes(parser: argparse.ArgumentParser, kind: str) -> None:
    parser.add_argument(
        "-n", f"--{kind}-notes-file", dest="notes_file", help=f"a .md or .txt file with the {kind} notes"
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, not {text!r}")
    return value


def _verify_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``verify``'s options."""
    parser.add_argument(
        "--limit",
        type=_positive,
        default=VERIFY_LIMIT,
        metavar="N",
        help=f"list at most N items of each list (specs, releases, deployments, revisions) (default {VERIFY_LIMIT})",
    )
    parser.add_argument(
        "--page-size",
        type=_positive,
        metavar="N",
        help=f"items per page (default: --limit, at most {VERIFY_MAX_PAGE_SIZE})",
    )
    parser.add_argument(
        "--allow",
        metavar="FILE",
        help="a YAML file of deliberate differences: {allow: [{operation, path, kind, reason}]}",
    )
    parser.add_argument("-o", "--output", choices=["text", "json"], default="text", help="the report's format")


def _pages(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--page-size", type=int, help="entities per page")
    parser.add_argument("--page-number", type=int, help="the page to retrieve")


def _filters(parser: argparse.ArgumentParser, *names: str) -> None:
    helps = {
        "status": "statuses to keep (comma-separated and/or repeated)",
        "name": "only names beginning with this",
        "title": "only titles beginning with this",
        "sort": "ordering as field:asc|desc (comma-separated and/or repeated)",
        "scope": "scopes to keep (comma-separated and/or repeated)",
    }
    for name in names:
        repeated = name in ("status", "sort", "scope")
        parser.add_argument(f"--{name}", action="append" if repeated else "store", help=helps[name])


class _Tree:
    def __init__(self, group: argparse._SubParsersAction[_Parser], prefix: str) -> None:
        self.group = group
        self.prefix = prefix
        self.common = _common()

    def add(self, name: str, help_text: str, *positionals: str, optional: bool = False) -> argparse.ArgumentParser:
        from press_blocks._cli._commands import run_api_command

        parser = self.group.add_parser(
            name, help=help_text, description=help_text, parents=[self.common], epilog=_EPILOG
        )
        for positional in positionals:
            parser.add_argument(
                positional.lower(), nargs="?" if optional else None, metavar=positional, help=_POSITIONALS[positional]
            )
        parser.set_defaults(
            run=run_api_command,
            command_name=f"{self.prefix} {name}",
            required_positionals=tuple(p.lower() for p in positionals) if optional else (),
        )
        return parser


def _specs(tree: _Tree) -> None:
    p = tree.add("list", "List block specs.")
    _pages(p)
    _filters(p, "status", "name", "title", "sort", "scope")
    p.add_argument("--featured", action="store_true", help="only featured specs")
    _output(p, table=True)

    p = tree.add("create", "Create a block spec and its first release.", "FILE", optional=True)
    _desc(p)
    _notes(p, "release")
    _template(p)
    _output(p)

    p = tree.add("describe", "Describe a block spec.", "SPEC_ID")
    _output(p)

    p = tree.add("update-metadata", "Update a block spec's metadata.", "SPEC_ID", "FILE", optional=True)
    _desc(p)
    _template(p)
    _output(p)

    p = tree.add("delete", "Delete a block spec.", "SPEC_ID")
    _dry_run(p)
    _output(p)

    p = tree.add("create-release", "Create a new release of a block spec.", "SPEC_ID", "FILE", optional=True)
    _notes(p, "release")
    _template(p)
    _output(p)

    p = tree.add("validate", "Validate a block spec (or, with --spec-id, a release) without creating it.", "FILE")
    p.add_argument("--spec-id", help="validate as a new release of this spec; otherwise as a new spec")
    _desc(p)
    _notes(p, "release")
    _template(p, generate=False)
    _output(p)

    p = tree.add("describe-release", "Describe a block spec release.")
    p.add_argument("--spec-id", required=True, help="the spec's id")
    p.add_argument("--version", required=True, help="the release version")
    _output(p)

    p = tree.add("list-releases", "List the releases of a block spec.")
    p.add_argument("--spec-id", required=True, help="the spec's id")
    _filters(p, "sort")
    _pages(p)
    _output(p, table=True)


def _deployments(tree: _Tree) -> None:
    p = tree.add("create", "Create a block deployment.", "FILE", optional=True)
    _desc(p)
    _notes(p, "revision")
    _template(p)
    _wait(p)
    _output(p)

    p = tree.add("list", "List block deployments.")
    _pages(p)
    _filters(p, "status", "name", "title", "sort")
    _output(p, table=True)

    p = tree.add("describe", "Describe a block deployment.", "DEPLOYMENT_ID")
    _output(p)

    p = tree.add("update-metadata", "Update a block deployment's metadata.", "DEPLOYMENT_ID", "FILE", optional=True)
    _desc(p)
    _template(p)
    _output(p)

    p = tree.add("redeploy", "Redeploy a block deployment.", "DEPLOYMENT_ID")
    _dry_run(p)
    _wait(p)
    _output(p)

    p = tree.add("delete", "Delete a block deployment.", "DEPLOYMENT_ID")
    _dry_run(p)
    _output(p)

    p = tree.add("create-revision", "Create a block deployment revision.", "DEPLOYMENT_ID", "FILE", optional=True)
    _notes(p, "revision")
    _template(p)
    _wait(p)
    _output(p)

    p = tree.add("describe-revision", "Describe a block deployment revision.")
    p.add_argument("--deployment-id", required=True, help="the deployment's id")
    p.add_argument("--revision", required=True, help="the revision number")
    _output(p)

    p = tree.add("list-revisions", "List the revisions of a block deployment.", "DEPLOYMENT_ID")
    _filters(p, "sort", "status")
    _pages(p)
    _output(p, table=True)

    p = tree.add("get-parameters", "Get a deployment's run parameters.")
    p.add_argument("--deployment-id", help="the deployment's id (PRESS_DEPLOYMENT_ID wins when set)")
    p.add_argument("--fallback-params-file", help="YAML file read when there is no deployment id")
    _output(p)

    p = tree.add("patch-parameters", "Update a deployment's run parameters.", "DEPLOYMENT_ID", "FILE", optional=True)
    _template(p)
    _output(p)

    p = tree.add("get-related-block-details", "Get the blocks deployed by the same app as a deployment.")
    p.add_argument("--deployment-id", help="the deployment's id (PRESS_DEPLOYMENT_ID wins when set)")
    p.add_argument("--fallback-details-file", help="YAML file read when there is no deployment id")
    _output(p)


def _derived(specs: _Tree, deployments: _Tree) -> None:
    """A command for each operation of the document that no command above sends, derived from the document.

    It is named after the client method (``list_x`` -> ``list-x``), under ``specs`` when the path
    is a spec's and ``deployments`` otherwise; each path and query parameter is an option of the
    method's own name. An operation with a request body needs a command written above.
    """
    from press_blocks_api.operations import OPERATIONS

    from press_blocks._cli._commands import commanded_methods, run_derived_command

    called = commanded_methods()
    for operation in OPERATIONS.values():
        if operation.client_method in called or operation.has_body:
            continue
        tree = specs if operation.path.startswith("/v1/blocks/specs") else deployments
        parser = tree.add(operation.client_method.replace("_", "-"), f"{operation.summary}.")
        for _, name in operation.path_parameters:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, required=True, help=f"the {name}")
        for document_name, name, kind in operation.query_parameters:
            if name not in ("page_size", "page_number"):
                parser.add_argument(
                    f"--{name.replace('_', '-')}",
                    dest=name,
                    action="append" if kind == "array" else "store",
                    type=_CONVERT.get(kind, str),
                    help=f"the {document_name} query parameter" + (" (repeatable)" if kind == "array" else ""),
                )
        if operation.answer == "page":
            _pages(parser)
        _dry_run(parser)
        _output(parser)
        parser.set_defaults(run=run_derived_command, operation=operation)


def _boolean(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")
    return text.lower() == "true"


#: How a derived command reads a query parameter of each schema type (others stay strings).
_CONVERT: dict[str, Callable[[str], object]] = {"integer": int, "boolean": _boolean}


def build_parser() -> argparse.ArgumentParser:
    """Return the whole ``press-blocks`` argument parser."""
    parser = _Parser(
        prog="press-blocks",
        description="Peak Press Blocks from the command line: the 'peak blocks' commands, and more.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"press-blocks {__version__}")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    specs = commands.add_parser("specs", help="create and manage block specs and releases")
    specs_tree = _Tree(specs.add_subparsers(dest="subcommand", required=True, metavar="COMMAND"), "specs")
    _specs(specs_tree)
    deployments = commands.add_parser("deployments", help="create and manage block deployments and revisions")
    deployments_tree = _Tree(
        deployments.add_subparsers(dest="subcommand", required=True, metavar="COMMAND"), "deployments"
    )
    _deployments(deployments_tree)
    _derived(specs_tree, deployments_tree)

    plan = commands.add_parser(
        "plan",
        help="show what apply would change, per resource and per field; change nothing",
        description=(
            "Read the service and compare every resource the files declare (spec and deployments, by name) "
            "field by field; print the plan, ending with its summary line. See the 'Deploy as code' page."
        ),
        parents=[_common()],
        epilog=_EPILOG,
    )
    _deploy_files(plan)
    plan.add_argument("--out", metavar="PLANFILE", help="also save the plan, for 'press-blocks apply PLANFILE'")
    _detailed_exitcode(plan)
    _output(plan)
    plan.set_defaults(run=_plan, command_name="plan")

    apply = commands.add_parser(
        "apply",
        help="make the service match spec and deployment files (or a saved plan), only where they differ",
        description=(
            "Make the service match the files: create what is absent by name, publish a release, revise a "
            "deployment or update metadata where the files differ, and nothing else. Given a saved plan "
            "(plan --out), carry out exactly that plan, refusing (exit 10) when the service changed since."
        ),
        parents=[_common()],
        epilog=_EPILOG,
    )
    _deploy_files(apply, plan_file=True)
    apply.add_argument("--dry-run", action="store_true", help="print the plan (as 'plan' does); change nothing")
    _detailed_exitcode(apply)
    _wait(apply)
    _output(apply, dry_run="with --dry-run too: the plan is data")
    apply.set_defaults(run=_apply, command_name="apply")

    completion = commands.add_parser("completion", help="print a shell completion script")
    completion.add_argument("shell", choices=["bash", "zsh", "tcsh"], help="the shell")
    completion.set_defaults(run=_completion)

    demo = commands.add_parser("demo", help="run the notebook's flow against the built-in emulator (or --live)")
    demo.add_argument("--live", action="store_true", help="use the real API (needs PEAK_AUTH_TOKEN)")
    demo.add_argument("--stage", help="the stage for --live (default: PEAK__STAGE, STAGE, or prod)")
    demo.set_defaults(run=_demo)

    verify = commands.add_parser(
        "verify",
        help="check a tenant's answers against the OpenAPI document (GET requests only)",
        description=(
            "Read the tenant (PEAK_AUTH_TOKEN, PRESS_BASE_URL or the stage) with GET requests only: list and "
            "describe specs, releases, deployments and revisions, and report every answer that differs from "
            "the OpenAPI document read strictly. Exits 0 when all matched, 9 when they differ."
        ),
        parents=[_common()],
        epilog=_EPILOG,
    )
    _verify_arguments(verify)
    verify.set_defaults(run=_verify)

    commands.add_parser(
        "emulator",
        help="serve the local Press emulator on 127.0.0.1 (see 'press-blocks emulator --help')",
        add_help=False,
    )

    preview = commands.add_parser("preview", help="show what an artifact directory would upload")
    preview.add_argument("path", help="the artifact directory")
    preview.add_argument("--ignore-file", action="append", dest="ignore_files", help="an ignore file (repeatable)")
    preview.add_argument("--show-ignored", action="store_true", help="also list what the ignore files exclude")
    preview.set_defaults(run=_preview)
    return parser


def _verify(args: argparse.Namespace) -> int:
    from press_blocks._cli._verify import run_verify

    return run_verify(args)


def _apply(args: argparse.Namespace) -> int:
    from press_blocks._cli._apply import run_apply

    return run_apply(args)


def _plan(args: argparse.Namespace) -> int:
    from press_blocks._cli._apply import run_plan

    return run_plan(args)


def _deploy_files(parser: argparse.ArgumentParser, *, plan_file: bool = False) -> None:
    also = " or one saved plan (plan --out)" if plan_file else ""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="'specs create' and 'deployments create' files (several YAML documents each), directories of them" + also,
    )
    _template(parser, generate=False, dry_run=False)


def _detailed_exitcode(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--detailed-exitcode",
        action="store_true",
        help="exit 2 when the plan has changes to make, 0 when there are none (other codes as usual)",
    )


def _completion(args: argparse.Namespace) -> int:
    try:
        import shtab
    except ImportError:
        from press_blocks._cli._errors import UsageError

        raise UsageError("completion needs the 'cli' extra: pip install 'press-blocks[cli]'") from None
    print(shtab.complete(build_parser(), shell=args.shell))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from press_blocks._cli._errors import needs_emulator_extra
    from press_blocks.demo import run_demo

    if not args.live:
        with needs_emulator_extra("demo"):
            from press_blocks.emulator import Emulator  # noqa: F401  (checks the extra up front)

    return run_demo(live=args.live, stage=args.stage)


def _preview(args: argparse.Namespace) -> int:
    from press_blocks.artifacts import preview_artifact

    print(preview_artifact(args.path, args.ignore_files).tree(show_ignored=args.show_ignored))
    return 0
