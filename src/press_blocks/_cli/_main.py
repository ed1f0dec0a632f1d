"""``press-blocks``: parse, run one command, and turn every failure into one stderr line and an exit code."""

from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from typing import TextIO

from press_blocks._cli._errors import ExitCode, error_line, exit_code_for, needs_emulator_extra, printable, scrub

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if argv is None and "httpx" not in sys.modules:
        # Run as the `press-blocks` process: httpx imports its own command line (click, rich,
        # pygments; about 50 ms) whenever all three are installed, and this process never uses it.
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        # The emulator has its own parser; everything after its name is its own.
        command = args_list[1:] if args_list[:1] == ["--debug"] else args_list
        if command[:1] == ["emulator"]:
            return _emulator(command[1:])
        if argv is None:  # the process's own warnings, not those of a program calling main()
            _one_line_warnings()
        from press_blocks._cli._parser import build_parser

        args = build_parser().parse_args(args_list)
        status: int = args.run(args)
        return status
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    except (Exception, KeyboardInterrupt) as exc:
        if debug:
            sys.stderr.write(scrub("".join(traceback.format_exception(exc))))
        print(error_line(exc), file=sys.stderr)
        return exit_code_for(exc)


def _one_line_warnings() -> None:
    """Print each library warning (a skipped special file, a deployment settled as 'warning') as one line.

    The library also logs each at WARNING; with no handler configured (no ``PRESS_BLOCKS_LOG``),
    Python's last-resort handler would print it a second time, so it skips the library's
    WARNING records (errors, such as the emulator's, still get through).
    """
    from press_blocks._constants import LOGGER_NAME

    if logging.lastResort is not None:
        logging.lastResort.addFilter(
            lambda record: not (record.name.split(".")[0] == LOGGER_NAME and record.levelno == logging.WARNING)
        )

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        text = warning_line(message, category)
        if text is not None:
            print(text, file=file or sys.stderr)

    warnings.showwarning = show


def warning_line(message: Warning | str, category: type[Warning]) -> str | None:
    """The one stderr line of a library warning, with command-line advice; None when the user silenced it."""
    from press_blocks import _constants
    from press_blocks.errors import SecretFilesWarning

    text = " ".join(str(message).split())
    if issubclass(category, SecretFilesWarning):
        if os.environ.get(_constants.ALLOW_SECRET_FILES_VARIABLE, "").strip() not in ("", "0"):
            return None
        # The library's advice is Python's (preview_artifact(), warnings.filterwarnings); this is a shell.
        text = text.replace("preview_artifact() lists", "'press-blocks preview DIR' lists")
        head, found, _ = text.partition(" or silence this warning with")
        if found:
            text = f"{head} or silence this warning with {_constants.ALLOW_SECRET_FILES_VARIABLE}=1."
    return scrub(printable(f"press-blocks: warning: {text}"))


def _emulator(argv: list[str]) -> int:
    with needs_emulator_extra("emulator"):
        from press_blocks.emulator import cli_main
    status: int = cli_main(argv)
    return status
