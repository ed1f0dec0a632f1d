"""The ``press-blocks`` command: ``demo``, ``emulator`` and ``preview``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from press_blocks._version import __version__

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="press-blocks", description="Peak Press Blocks client tools.")
    parser.add_argument("--version", action="version", version=f"press-blocks {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="run the notebook's flow against the built-in emulator (or --live)")
    demo.add_argument("--live", action="store_true", help="use the real API (needs PEAK_AUTH_TOKEN)")
    demo.add_argument("--stage", help="the stage for --live (default: PEAK__STAGE, STAGE, or prod)")

    commands.add_parser(
        "emulator",
        help="serve the local Press emulator on 127.0.0.1 (see 'press-blocks emulator --help')",
        add_help=False,
    )

    preview = commands.add_parser("preview", help="show what an artifact directory would upload")
    preview.add_argument("path", help="the artifact directory")
    preview.add_argument("--ignore-file", action="append", dest="ignore_files", help="an ignore file (repeatable)")
    preview.add_argument("--show-ignored", action="store_true", help="also list what the ignore files exclude")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["emulator"]:
        from press_blocks.emulator import cli_main

        status: int = cli_main(args_list[1:])
        return status
    args = _parser().parse_args(args_list)
    if args.command == "demo":
        from press_blocks.demo import run_demo

        return run_demo(live=args.live, stage=args.stage)
    if args.command == "preview":
        from press_blocks.artifacts import preview_artifact
        from press_blocks.errors import ArtifactError

        try:
            print(preview_artifact(args.path, args.ignore_files).tree(show_ignored=args.show_ignored))
        except ArtifactError as exc:
            print(f"press-blocks preview: {exc}", file=sys.stderr)
            return 2
        return 0
    raise AssertionError(args.command)  # argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
